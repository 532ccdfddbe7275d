-- How far the read models of the current tenant (app.current_org_id) have applied its log:
-- one text naming the serving version of every projection, then for every consumer of the
-- tenant its version and the last event applied, e.g.
-- "funds@1,organizations@1;funds@1=42,organizations@1=17". It changes whenever a projection
-- writes rows of this tenant (the runner advances last_seq in the same transaction as its
-- writes) and when a rebuilt version starts serving, so the JSON API derives its ETags and
-- its response cache keys from it and can answer without reading a row
-- (docs/architecture.md "Conditional reads").
--
-- navcast_app has no access to consumer_checkpoints (lease owners are not its business);
-- this SECURITY DEFINER function shows it only the current tenant's positions, and none
-- when no tenant is set.
CREATE FUNCTION read_models.tenant_checkpoint() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT coalesce((SELECT string_agg(v.projection || '@' || v.version, ',' ORDER BY v.projection)
                      FROM read_models.projection_versions v WHERE v.status = 'active'), '')
         || ';' ||
         coalesce((SELECT string_agg(c.consumer || '@' || c.projection_version || '=' || c.last_seq, ',' ORDER BY c.consumer, c.projection_version)
                     FROM public.consumer_checkpoints c
                    WHERE c.tenant_id = nullif(current_setting('app.current_org_id', true), '')::uuid), '')
$$;
REVOKE ALL ON FUNCTION read_models.tenant_checkpoint() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION read_models.tenant_checkpoint() TO navcast_app;
