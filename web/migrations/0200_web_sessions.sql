-- Web authentication state: server-side sessions and the lookups that must run before a
-- tenant is known (login by e-mail, resolving a session cookie).
--
-- Sessions carry a tenant_id, so like every tenant table they have RLS enabled and forced.
-- navcast_app has no privilege on the table at all: it starts, resolves and ends sessions
-- only through the SECURITY DEFINER functions below, each of which touches the rows of one
-- session or one user. login_candidates and resolve_session are also the only ways
-- navcast_app sees users of a tenant it has not set, and return no more than one login or
-- one session needs (no listing). The functions run as the migration owner, which must
-- bypass RLS (a superuser, as embedded PostgreSQL and the tests use, or a BYPASSRLS role).

CREATE SCHEMA web;
GRANT USAGE ON SCHEMA web TO navcast_app;

-- One row per signed-in browser. The cookie carries a random id; only its SHA-256 is stored,
-- so a database read does not yield usable session cookies.
CREATE TABLE web.sessions (
  session_hash text PRIMARY KEY CHECK (session_hash ~ '^[0-9a-f]{64}$'),
  tenant_id uuid NOT NULL,
  user_id uuid NOT NULL,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  -- Absolute end of life; idle expiry is checked against last_seen_at by web.resolve_session.
  expires_at timestamptz NOT NULL,
  ended_at timestamptz,
  -- How the user signed in: 'password' or 'oidc'.
  method text NOT NULL CHECK (method IN ('password', 'oidc'))
);
CREATE INDEX sessions_user ON web.sessions (tenant_id, user_id);
SELECT public.navcast_isolate_tenant_table('web.sessions');

-- A new session for a user who has just proved who they are (the caller checked it).
CREATE FUNCTION web.start_session(p_session_hash text, p_tenant uuid, p_user uuid, p_now timestamptz, p_expires timestamptz, p_method text)
RETURNS void LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog AS $$
  INSERT INTO web.sessions (session_hash, tenant_id, user_id, created_at, last_seen_at, expires_at, method)
  VALUES (p_session_hash, p_tenant, p_user, p_now, p_now, p_expires, p_method)
$$;

-- Ends one session (sign-out, rotation at sign-in).
CREATE FUNCTION web.end_session(p_session_hash text, p_now timestamptz)
RETURNS void LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog AS $$
  UPDATE web.sessions SET ended_at = p_now WHERE session_hash = p_session_hash AND ended_at IS NULL
$$;

-- Ends every session of one user (password reset, deactivation, role change).
CREATE FUNCTION web.end_user_sessions(p_tenant uuid, p_user uuid, p_now timestamptz)
RETURNS void LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog AS $$
  UPDATE web.sessions SET ended_at = p_now WHERE tenant_id = p_tenant AND user_id = p_user AND ended_at IS NULL
$$;

-- Active accounts with this e-mail address in any organisation, for password login. The
-- caller verifies the password against each hash; nothing else about other tenants leaks.
CREATE FUNCTION web.login_candidates(p_email text)
RETURNS TABLE (tenant_id uuid, user_id uuid, role text, password_hash text, organization_name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT u.tenant_id, u.user_id, u.role, u.password_hash, o.name
  FROM public.users u JOIN public.organizations o ON o.tenant_id = u.tenant_id
  WHERE u.email = p_email AND u.status = 'active' AND u.password_hash IS NOT NULL
  ORDER BY o.name, u.tenant_id
$$;

-- The signed-in user behind a session cookie, with their current role and status (a role
-- change or deactivation takes effect on the next request). Returns no row for an unknown,
-- ended, expired or idle session, or a user who is no longer active. Touches last_seen_at at
-- most once a minute so that busy pages do not write on every request.
CREATE FUNCTION web.resolve_session(p_session_hash text, p_now timestamptz, p_idle_seconds integer)
RETURNS TABLE (tenant_id uuid, user_id uuid, email text, role text, organization_name text, organization_kind text, expires_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  s web.sessions%ROWTYPE;
BEGIN
  SELECT ws.* INTO s FROM web.sessions ws
  WHERE ws.session_hash = p_session_hash AND ws.ended_at IS NULL AND ws.expires_at > p_now
    AND ws.last_seen_at > p_now - make_interval(secs => p_idle_seconds);
  IF NOT FOUND THEN
    RETURN;
  END IF;
  IF s.last_seen_at < p_now - interval '1 minute' THEN
    UPDATE web.sessions ws SET last_seen_at = p_now WHERE ws.session_hash = p_session_hash;
  END IF;
  RETURN QUERY
    SELECT u.tenant_id, u.user_id, u.email, u.role, o.name, o.kind, s.expires_at
    FROM public.users u JOIN public.organizations o ON o.tenant_id = u.tenant_id
    WHERE u.tenant_id = s.tenant_id AND u.user_id = s.user_id AND u.status = 'active';
END $$;

REVOKE ALL ON FUNCTION web.start_session(text, uuid, uuid, timestamptz, timestamptz, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION web.end_session(text, timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION web.end_user_sessions(uuid, uuid, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION web.start_session(text, uuid, uuid, timestamptz, timestamptz, text) TO navcast_app;
GRANT EXECUTE ON FUNCTION web.end_session(text, timestamptz) TO navcast_app;
GRANT EXECUTE ON FUNCTION web.end_user_sessions(uuid, uuid, timestamptz) TO navcast_app;
REVOKE ALL ON FUNCTION web.login_candidates(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION web.resolve_session(text, timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION web.login_candidates(text) TO navcast_app;
GRANT EXECUTE ON FUNCTION web.resolve_session(text, timestamptz, integer) TO navcast_app;
