-- Read models of the funds projection (uploads, fund identities and aliases, data versions
-- with their series, evergreen funds and members, market configurations with history,
-- product selections) and of the market projection (market_series).
--
-- Same blue/green layout as 0100: physical tables read_models.<name>_v<N>, public views on
-- the active version, RLS enabled and forced with the tenant policy on every table.
-- market_series belongs to the platform tenant and is readable by every tenant: besides the
-- tenant policy it has a SELECT-only policy for platform rows; only the projector may write.
--
-- The log orders one transaction's events by stream id, so an upload's FileUploaded and its
-- fund-name and fund events may come in any order: no row here depends on another stream's
-- event of the same upload (a fund's latest version is the maximum in fund_data_versions).

CREATE FUNCTION read_models.create_fund_tables(p_schema text, p_version integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE
  t text;
  sfx text := '_v' || p_version;
BEGIN
  PERFORM read_models.prepare_target_schema(p_schema);
  IF to_regclass(format('%I.%I', p_schema, 'uploads' || sfx)) IS NOT NULL THEN
    RETURN;
  END IF;
  EXECUTE format('CREATE TABLE %I.%I (
    tenant_id uuid NOT NULL, upload_id uuid NOT NULL, file_identity_hash text NOT NULL, filename text NOT NULL,
    blob_key text NOT NULL, sha256 text NOT NULL, size_bytes bigint NOT NULL, source text NOT NULL,
    fund_count integer NOT NULL, uploaded_at timestamptz NOT NULL, last_seq bigint NOT NULL,
    PRIMARY KEY (tenant_id, upload_id))', p_schema, 'uploads' || sfx);
  EXECUTE format('CREATE TABLE %I.%I (
    tenant_id uuid NOT NULL, fund_identity_hash text NOT NULL, fund_name text NOT NULL, filename text NOT NULL,
    file_identity_hash text NOT NULL, registered_at timestamptz NOT NULL, last_seq bigint NOT NULL,
    PRIMARY KEY (tenant_id, fund_identity_hash))', p_schema, 'fund_identities' || sfx);
  EXECUTE format('CREATE TABLE %I.%I (
    tenant_id uuid NOT NULL, old_identity_hash text NOT NULL, new_identity_hash text NOT NULL, fund_name text NOT NULL,
    renamed_at timestamptz NOT NULL, active boolean NOT NULL, last_seq bigint NOT NULL,
    PRIMARY KEY (tenant_id, old_identity_hash))', p_schema, 'fund_identity_aliases' || sfx);
  EXECUTE format('CREATE TABLE %I.%I (
    tenant_id uuid NOT NULL, fund_identity_hash text NOT NULL, version integer NOT NULL CHECK (version > 0),
    data_hash text NOT NULL, fund_name text NOT NULL, upload_id uuid NOT NULL, currency text NOT NULL,
    commitment double precision NOT NULL, vintage integer NOT NULL, strategy text NOT NULL, data jsonb NOT NULL,
    recorded_at timestamptz NOT NULL, last_seq bigint NOT NULL,
    PRIMARY KEY (tenant_id, fund_identity_hash, version),
    UNIQUE (tenant_id, fund_identity_hash, data_hash))', p_schema, 'fund_data_versions' || sfx);
  EXECUTE format('CREATE TABLE %I.%I (
    tenant_id uuid NOT NULL, evergreen_identity_hash text NOT NULL, name text NOT NULL, member_count integer NOT NULL,
    defined_at timestamptz NOT NULL, changed_at timestamptz, last_seq bigint NOT NULL,
    PRIMARY KEY (tenant_id, evergreen_identity_hash))', p_schema, 'evergreen_funds' || sfx);
  EXECUTE format('CREATE TABLE %I.%I (
    tenant_id uuid NOT NULL, evergreen_identity_hash text NOT NULL, fund_identity_hash text NOT NULL,
    active boolean NOT NULL, since timestamptz NOT NULL, last_seq bigint NOT NULL,
    PRIMARY KEY (tenant_id, evergreen_identity_hash, fund_identity_hash))', p_schema, 'evergreen_fund_members' || sfx);
  EXECUTE format('CREATE TABLE %I.%I (
    tenant_id uuid NOT NULL, fund_identity_hash text NOT NULL, revision integer NOT NULL, config jsonb NOT NULL,
    config_hash text NOT NULL, set_at timestamptz NOT NULL, last_seq bigint NOT NULL,
    PRIMARY KEY (tenant_id, fund_identity_hash))', p_schema, 'market_configs' || sfx);
  EXECUTE format('CREATE TABLE %I.%I (
    tenant_id uuid NOT NULL, fund_identity_hash text NOT NULL, revision integer NOT NULL, config jsonb NOT NULL,
    config_hash text NOT NULL, set_at timestamptz NOT NULL, last_seq bigint NOT NULL,
    PRIMARY KEY (tenant_id, fund_identity_hash, revision))', p_schema, 'market_config_history' || sfx);
  EXECUTE format('CREATE TABLE %I.%I (
    tenant_id uuid NOT NULL, fund_identity_hash text NOT NULL, product text NOT NULL, selected boolean NOT NULL,
    changed_at timestamptz NOT NULL, last_seq bigint NOT NULL,
    PRIMARY KEY (tenant_id, fund_identity_hash, product))', p_schema, 'product_selections' || sfx);
  FOREACH t IN ARRAY ARRAY['uploads', 'fund_identities', 'fund_identity_aliases', 'fund_data_versions', 'evergreen_funds',
                           'evergreen_fund_members', 'market_configs', 'market_config_history', 'product_selections'] LOOP
    PERFORM read_models.protect_tenant_table(format('%I.%I', p_schema, t || sfx));
  END LOOP;
END $$;

-- Points the public views of the funds projection at version p_version.
CREATE FUNCTION read_models.activate_fund_tables(p_version integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['uploads', 'fund_identities', 'fund_identity_aliases', 'fund_data_versions', 'evergreen_funds',
                           'evergreen_fund_members', 'market_configs', 'market_config_history', 'product_selections'] LOOP
    EXECUTE format('DROP VIEW IF EXISTS public.%I', t);
    EXECUTE format('CREATE VIEW public.%I WITH (security_invoker = true) AS SELECT * FROM read_models.%I', t, t || '_v' || p_version);
    EXECUTE format('GRANT SELECT ON public.%I TO navcast_app, navcast_auditor, navcast_projector', t);
  END LOOP;
END $$;

-- market_series of the market projection: one row per series, the points of its last upload.
CREATE FUNCTION read_models.create_market_tables(p_schema text, p_version integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE
  series text := format('%I.%I', p_schema, 'market_series_v' || p_version);
BEGIN
  PERFORM read_models.prepare_target_schema(p_schema);
  IF to_regclass(series) IS NOT NULL THEN
    RETURN;
  END IF;
  EXECUTE format('CREATE TABLE %s (
    tenant_id uuid NOT NULL CHECK (tenant_id = ''00000000-0000-0000-0000-000000000000''), series_id text NOT NULL,
    revision integer NOT NULL, data_hash text NOT NULL, point_count integer NOT NULL, first_date date NOT NULL,
    last_date date NOT NULL, points jsonb NOT NULL, uploaded_at timestamptz NOT NULL, last_seq bigint NOT NULL,
    PRIMARY KEY (tenant_id, series_id))', series);
  PERFORM read_models.protect_tenant_table(series);
  -- Every tenant reads platform market data; writes stay under the tenant policy (the
  -- projector writes as the platform tenant) and the grants (only the projector may write).
  EXECUTE format('CREATE POLICY platform_read ON %s FOR SELECT
    USING (tenant_id = ''00000000-0000-0000-0000-000000000000''::uuid)', series);
END $$;

CREATE FUNCTION read_models.activate_market_tables(p_version integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
  DROP VIEW IF EXISTS public.market_series;
  EXECUTE format('CREATE VIEW public.market_series WITH (security_invoker = true) AS SELECT * FROM read_models.%I',
                 'market_series_v' || p_version);
  GRANT SELECT ON public.market_series TO navcast_app, navcast_auditor, navcast_projector;
END $$;

REVOKE ALL ON FUNCTION read_models.create_fund_tables(text, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION read_models.activate_fund_tables(integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION read_models.create_market_tables(text, integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION read_models.activate_market_tables(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION read_models.create_fund_tables(text, integer) TO navcast_projector;
GRANT EXECUTE ON FUNCTION read_models.activate_fund_tables(integer) TO navcast_projector;
GRANT EXECUTE ON FUNCTION read_models.create_market_tables(text, integer) TO navcast_projector;
GRANT EXECUTE ON FUNCTION read_models.activate_market_tables(integer) TO navcast_projector;

SELECT read_models.create_fund_tables('read_models', 1);
SELECT read_models.activate_fund_tables(1);
SELECT read_models.create_market_tables('read_models', 1);
SELECT read_models.activate_market_tables(1);
INSERT INTO read_models.projection_versions (projection, version, status, activated_at)
VALUES ('funds', 1, 'active', now()), ('market', 1, 'active', now());
