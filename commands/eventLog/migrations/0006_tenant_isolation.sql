-- The one tenant-isolation policy (docs/architecture.md, "Tenancy"): every table of tenant
-- rows that the application reads and writes gets RLS enabled and forced, and the policy
-- that a row is visible and writable only inside a transaction naming its tenant. Every
-- such table's migration calls this function; tables with another policy on purpose (the
-- event log: read-only for the app; the access log: insert-only) say so in their migration.
CREATE FUNCTION public.navcast_isolate_tenant_table(p_table text) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', p_table);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', p_table);
  EXECUTE format('CREATE POLICY tenant_isolation ON %s
    USING (tenant_id = public.navcast_current_tenant()) WITH CHECK (tenant_id = public.navcast_current_tenant())', p_table);
END $$;
REVOKE ALL ON FUNCTION public.navcast_isolate_tenant_table(text) FROM PUBLIC;
