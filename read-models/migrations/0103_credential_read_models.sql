-- Read models of the credentials projection: api_keys (per organisation) and machine_tokens
-- (sampler nodes, all in the platform tenant). Only SHA-256 hashes of the secrets are kept.
--
-- Same blue/green layout as 0100: physical tables read_models.<name>_v<N>, public views on
-- the active version, RLS enabled and forced with the tenant policy on every table. Bearer
-- authentication looks keys up by hash before any tenant is known, through the SECURITY
-- DEFINER functions of migration 0201 (one row per lookup, never a listing).

CREATE FUNCTION read_models.create_credential_tables(p_schema text, p_version integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE
  keys text := format('%I.%I', p_schema, 'api_keys_v' || p_version);
  tokens text := format('%I.%I', p_schema, 'machine_tokens_v' || p_version);
BEGIN
  PERFORM read_models.prepare_target_schema(p_schema);
  IF to_regclass(keys) IS NOT NULL THEN
    RETURN;
  END IF;
  EXECUTE format('CREATE TABLE %s (
    tenant_id uuid NOT NULL,
    key_id uuid NOT NULL,
    name text NOT NULL,
    role text NOT NULL CHECK (role IN (''viewer'', ''member'', ''org_admin'')),
    key_hash text NOT NULL CHECK (key_hash ~ ''^[0-9a-f]{64}$''),
    key_prefix text NOT NULL,
    issued_at timestamptz NOT NULL,
    revoked_at timestamptz,
    last_seq bigint NOT NULL,
    PRIMARY KEY (tenant_id, key_id))', keys);
  EXECUTE format('CREATE INDEX ON %s (key_hash)', keys);
  EXECUTE format('CREATE TABLE %s (
    tenant_id uuid NOT NULL CHECK (tenant_id = ''00000000-0000-0000-0000-000000000000''),
    token_id uuid NOT NULL,
    node_name text NOT NULL,
    scopes jsonb NOT NULL,
    token_hash text NOT NULL CHECK (token_hash ~ ''^[0-9a-f]{64}$''),
    issued_at timestamptz NOT NULL,
    rotated_at timestamptz,
    revoked_at timestamptz,
    last_seq bigint NOT NULL,
    PRIMARY KEY (tenant_id, token_id))', tokens);
  EXECUTE format('CREATE INDEX ON %s (token_hash)', tokens);
  PERFORM read_models.protect_tenant_table(keys);
  PERFORM read_models.protect_tenant_table(tokens);
END $$;

-- Points public.api_keys and public.machine_tokens at version p_version.
CREATE FUNCTION read_models.activate_credential_tables(p_version integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
  DROP VIEW IF EXISTS public.api_keys;
  DROP VIEW IF EXISTS public.machine_tokens;
  EXECUTE format('CREATE VIEW public.api_keys WITH (security_invoker = true) AS
    SELECT tenant_id, key_id, name, role, key_hash, key_prefix, issued_at, revoked_at, last_seq FROM read_models.%I',
    'api_keys_v' || p_version);
  EXECUTE format('CREATE VIEW public.machine_tokens WITH (security_invoker = true) AS
    SELECT tenant_id, token_id, node_name, scopes, token_hash, issued_at, rotated_at, revoked_at, last_seq FROM read_models.%I',
    'machine_tokens_v' || p_version);
  GRANT SELECT ON public.api_keys, public.machine_tokens TO navcast_app, navcast_auditor, navcast_projector;
END $$;

REVOKE ALL ON FUNCTION read_models.create_credential_tables(text, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION read_models.activate_credential_tables(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION read_models.create_credential_tables(text, integer) TO navcast_projector;
GRANT EXECUTE ON FUNCTION read_models.activate_credential_tables(integer) TO navcast_projector;

SELECT read_models.create_credential_tables('read_models', 1);
SELECT read_models.activate_credential_tables(1);
INSERT INTO read_models.projection_versions (projection, version, status, activated_at) VALUES ('credentials', 1, 'active', now());
