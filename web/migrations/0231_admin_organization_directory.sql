-- The organisation directory of the super_admin pages: ids, names, kinds and creation times
-- of every organisation, and nothing else. It is the only cross-tenant list navcast_app can
-- obtain; everything about one organisation (its users, funds, events) is then read in a
-- transaction whose RLS tenant is that organisation (web/routes/admin/crossTenant.ts).
-- The reader must be an active super_admin (checked here, not only in the web layer).

CREATE FUNCTION web.admin_organizations(p_reader_tenant uuid, p_reader_user uuid)
RETURNS TABLE (tenant_id uuid, name text, kind text, created_at timestamptz)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  PERFORM web.assert_active_super_admin(p_reader_tenant, p_reader_user, 'list organisations');
  RETURN QUERY SELECT o.tenant_id, o.name, o.kind, o.created_at FROM public.organizations o ORDER BY o.name, o.tenant_id;
END $$;

REVOKE ALL ON FUNCTION web.admin_organizations(uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION web.admin_organizations(uuid, uuid) TO navcast_app;
