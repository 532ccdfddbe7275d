-- Append-only access log: who read or downloaded which tenant resource, when, from where.
-- What is recorded is decided in web/accessLog.ts.
--
-- Writing: navcast_app may INSERT and nothing else (no SELECT, UPDATE, DELETE, TRUNCATE).
-- A statement trigger rejects UPDATE, DELETE and TRUNCATE for everyone, the owner included
-- (a superuser can still drop the trigger; that is a schema change, visible in review).
-- SQLSTATE NCA02: access-log append-only violation.
--
-- Reading: only through web.read_access_log, a SECURITY DEFINER function that re-checks in
-- the database that the reader is an active super_admin (users read model) before returning
-- one bounded page. navcast_app gets no SELECT on the table: a tenant route with a bug (or an
-- injected query) running as navcast_app cannot list who looked at what across organisations.

CREATE TABLE web.access_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  -- 'user' (signed-in person), 'apiKey' (integration), 'machine' (sampler node)
  actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'apiKey', 'machine')),
  -- user id, API key id or machine token id
  actor_id text NOT NULL CHECK (length(actor_id) BETWEEN 1 AND 200),
  -- organisation of the actor; NULL for machine tokens, which belong to none
  actor_tenant_id uuid,
  actor_email text CHECK (length(actor_email) <= 320),
  -- organisation owning the resource; NULL for platform-wide resources (market series)
  tenant_id uuid,
  action text NOT NULL CHECK (action IN ('read', 'download', 'list', 'export')),
  resource_type text NOT NULL CHECK (resource_type ~ '^[a-z][a-z_]{0,39}$'),
  resource_id text CHECK (length(resource_id) <= 300),
  request_id text CHECK (length(request_id) <= 200),
  ip inet
);
CREATE INDEX access_log_tenant ON web.access_log (tenant_id, id DESC);
CREATE INDEX access_log_actor ON web.access_log (actor_id, id DESC);

CREATE FUNCTION web.access_log_reject_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% on web.access_log is not allowed: the access log is append-only', TG_OP USING ERRCODE = 'NCA02';
END $$;

CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON web.access_log
  FOR EACH STATEMENT EXECUTE FUNCTION web.access_log_reject_change();

ALTER TABLE web.access_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE web.access_log FORCE ROW LEVEL SECURITY;
-- Insert-only policy for the app (no SELECT policy: even a later stray grant shows nothing).
CREATE POLICY app_append ON web.access_log FOR INSERT TO navcast_app WITH CHECK (true);
CREATE POLICY owner_all ON web.access_log TO CURRENT_USER USING (true) WITH CHECK (true);
REVOKE ALL ON web.access_log FROM PUBLIC;
GRANT INSERT ON web.access_log TO navcast_app;

-- Raises insufficient_privilege (42501) unless the user is an active super_admin now (the
-- users read model, so a demotion or deactivation counts at once). Called only from other
-- SECURITY DEFINER functions of the web schema; not granted to anyone.
CREATE FUNCTION web.assert_active_super_admin(p_tenant uuid, p_user uuid, p_purpose text) RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM public.users u
     WHERE u.tenant_id = p_tenant AND u.user_id = p_user AND u.role = 'super_admin' AND u.status = 'active'
  ) THEN
    RAISE EXCEPTION 'only an active super_admin may %', p_purpose USING ERRCODE = '42501';
  END IF;
END $$;
REVOKE ALL ON FUNCTION web.assert_active_super_admin(uuid, uuid, text) FROM PUBLIC;

-- One page of the log, newest first, for a reader who must be an active super_admin.
-- Filters (NULL: any): organisation of the resource, actor id, entries older than p_before_id.
CREATE FUNCTION web.read_access_log(
  p_reader_tenant uuid, p_reader_user uuid, p_tenant uuid, p_actor_id text, p_before_id bigint, p_limit integer)
RETURNS SETOF web.access_log
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  PERFORM web.assert_active_super_admin(p_reader_tenant, p_reader_user, 'read the access log');
  IF p_limit IS NULL OR p_limit < 1 OR p_limit > 500 THEN
    RAISE EXCEPTION 'page size must be between 1 and 500, got %', p_limit USING ERRCODE = '22023';
  END IF;
  RETURN QUERY
    SELECT a.* FROM web.access_log a
     WHERE (p_tenant IS NULL OR a.tenant_id = p_tenant)
       AND (p_actor_id IS NULL OR a.actor_id = p_actor_id)
       AND (p_before_id IS NULL OR a.id < p_before_id)
     ORDER BY a.id DESC
     LIMIT p_limit;
END $$;

REVOKE ALL ON FUNCTION web.read_access_log(uuid, uuid, uuid, text, bigint, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION web.read_access_log(uuid, uuid, uuid, text, bigint, integer) TO navcast_app;
