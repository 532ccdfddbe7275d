-- Read models of the organisations projection: organizations and users.
--
-- Blue/green by projection version: the physical tables are read_models.<name>_v<N>; the
-- application reads the views public.organizations and public.users, which point at the
-- active version. A rebuild creates version N+1 through create_organization_tables while N
-- keeps serving, then activate_organization_tables switches the views in one transaction.
-- Scratch rebuilds (audit replay) create the same tables in a replay_* schema.
--
-- Tenancy: every table has tenant_id; RLS is enabled and FORCED, and the policy compares it
-- with navcast_current_tenant() (migration 0001): the transaction-local setting
-- app.current_org_id, set with set_config(..., true), i.e. SET LOCAL.
-- No setting means no rows. Views are security_invoker so the caller's RLS applies.

CREATE SCHEMA read_models;
GRANT USAGE ON SCHEMA read_models TO navcast_app, navcast_projector, navcast_auditor;

-- Which versions of each projection exist: one 'active' (serving), at most one 'building'.
CREATE TABLE read_models.projection_versions (
  projection text NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  status text NOT NULL CHECK (status IN ('building', 'active', 'retired')),
  created_at timestamptz NOT NULL DEFAULT now(),
  activated_at timestamptz,
  PRIMARY KEY (projection, version)
);
CREATE UNIQUE INDEX projection_versions_one_active ON read_models.projection_versions (projection) WHERE status = 'active';
GRANT SELECT ON read_models.projection_versions TO navcast_app, navcast_auditor;
GRANT SELECT, INSERT, UPDATE ON read_models.projection_versions TO navcast_projector;

-- Only read_models itself and scratch schemas named replay_<suffix> may receive tables.
CREATE FUNCTION read_models.assert_target_schema(p_schema text) RETURNS void
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF p_schema <> 'read_models' AND p_schema !~ '^replay_[a-z0-9_]{1,40}$' THEN
    RAISE EXCEPTION 'read-model tables may not be created in schema %', p_schema USING ERRCODE = '42501';
  END IF;
END $$;

-- Checks a target schema and, for a scratch schema, creates it with the roles' usage.
CREATE FUNCTION read_models.prepare_target_schema(p_schema text) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
  PERFORM read_models.assert_target_schema(p_schema);
  IF p_schema <> 'read_models' THEN
    EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I', p_schema);
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO navcast_app, navcast_projector, navcast_auditor', p_schema);
  END IF;
END $$;

-- The tenant policy (migration 0006) on a read-model table, and the roles' grants.
CREATE FUNCTION read_models.protect_tenant_table(p_table text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
  PERFORM public.navcast_isolate_tenant_table(p_table);
  EXECUTE format('GRANT SELECT ON %s TO navcast_app, navcast_auditor', p_table);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO navcast_projector', p_table);
END $$;

-- Creates (once) the tables of organisations projection version p_version in p_schema.
-- Every version so far shares this layout; a version that changes it replaces this function
-- in a later migration, branching on p_version.
CREATE FUNCTION read_models.create_organization_tables(p_schema text, p_version integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE
  orgs text := format('%I.%I', p_schema, 'organizations_v' || p_version);
  users text := format('%I.%I', p_schema, 'users_v' || p_version);
BEGIN
  PERFORM read_models.prepare_target_schema(p_schema);
  IF to_regclass(orgs) IS NOT NULL THEN
    RETURN;
  END IF;
  EXECUTE format('CREATE TABLE %s (
    tenant_id uuid PRIMARY KEY,
    name text NOT NULL,
    kind text NOT NULL,
    created_at timestamptz NOT NULL,
    last_seq bigint NOT NULL)', orgs);
  EXECUTE format('CREATE TABLE %s (
    tenant_id uuid NOT NULL,
    user_id uuid NOT NULL,
    email text NOT NULL,
    role text NOT NULL,
    status text NOT NULL,
    password_hash text,
    invited_at timestamptz NOT NULL,
    activated_at timestamptz,
    deactivated_at timestamptz,
    role_changed_at timestamptz,
    last_seq bigint NOT NULL,
    PRIMARY KEY (tenant_id, user_id))', users);
  EXECUTE format('CREATE INDEX ON %s (tenant_id, email)', users);
  PERFORM read_models.protect_tenant_table(orgs);
  PERFORM read_models.protect_tenant_table(users);
END $$;

-- Points public.organizations and public.users at version p_version (in the caller's transaction).
CREATE FUNCTION read_models.activate_organization_tables(p_version integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
  DROP VIEW IF EXISTS public.organizations;
  DROP VIEW IF EXISTS public.users;
  EXECUTE format('CREATE VIEW public.organizations WITH (security_invoker = true) AS
    SELECT tenant_id, name, kind, created_at, last_seq FROM read_models.%I', 'organizations_v' || p_version);
  EXECUTE format('CREATE VIEW public.users WITH (security_invoker = true) AS
    SELECT tenant_id, user_id, email, role, status, password_hash, invited_at, activated_at, deactivated_at,
           role_changed_at, last_seq FROM read_models.%I', 'users_v' || p_version);
  GRANT SELECT ON public.organizations, public.users TO navcast_app, navcast_auditor, navcast_projector;
END $$;

-- Drops a scratch schema made by an audit replay.
CREATE FUNCTION read_models.drop_scratch_schema(p_schema text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
  IF p_schema !~ '^replay_[a-z0-9_]{1,40}$' THEN
    RAISE EXCEPTION 'only replay_* schemas may be dropped, not %', p_schema USING ERRCODE = '42501';
  END IF;
  EXECUTE format('DROP SCHEMA IF EXISTS %I CASCADE', p_schema);
END $$;

REVOKE ALL ON FUNCTION read_models.prepare_target_schema(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION read_models.protect_tenant_table(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION read_models.create_organization_tables(text, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION read_models.activate_organization_tables(integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION read_models.drop_scratch_schema(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION read_models.create_organization_tables(text, integer) TO navcast_projector;
GRANT EXECUTE ON FUNCTION read_models.activate_organization_tables(integer) TO navcast_projector;
GRANT EXECUTE ON FUNCTION read_models.drop_scratch_schema(text) TO navcast_projector;

SELECT read_models.create_organization_tables('read_models', 1);
SELECT read_models.activate_organization_tables(1);
INSERT INTO read_models.projection_versions (projection, version, status, activated_at) VALUES ('organizations', 1, 'active', now());
