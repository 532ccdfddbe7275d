-- Login roles of the platform. Roles are cluster-wide (a test cluster hosts many databases,
-- each migrated separately), so they are created only when missing and a concurrent
-- creation by another database's migration is tolerated. No passwords here: ops/db/roles.ts
-- sets them for embedded and test use; production sets them out of band.
--   navcast_app        the web/command process: appends through navcast_append, reads its tenant
--   navcast_projector  the projection runner: reads the log across tenants, writes read models
--   navcast_auditor    read-only: verifies, exports, replays
DO $$
DECLARE
  role_name text;
BEGIN
  FOREACH role_name IN ARRAY ARRAY['navcast_app', 'navcast_projector', 'navcast_auditor'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = role_name) THEN
      BEGIN
        EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS', role_name);
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL; -- created meanwhile by a migration of another database in the same cluster
      END;
    END IF;
  END LOOP;
END
$$;

-- The tenant of the current transaction, set with SET LOCAL app.current_org_id = '<uuid>'
-- (never per session). NULL when unset, so tenant policies then match nothing.
CREATE FUNCTION navcast_current_tenant() RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT nullif(current_setting('app.current_org_id', true), '')::uuid $$;
