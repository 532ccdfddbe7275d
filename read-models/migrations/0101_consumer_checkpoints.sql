-- Checkpoints of projection consumers: how far each (consumer, tenant, projection version)
-- has applied the tenant's log, and who holds the lease to apply more. The runner advances
-- last_seq with a compare-and-set in the same transaction as its read-model writes.
CREATE TABLE consumer_checkpoints (
  consumer text NOT NULL,
  tenant_id uuid NOT NULL,
  projection_version integer NOT NULL CHECK (projection_version > 0),
  last_seq bigint NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
  lease_owner text,
  lease_expires_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, tenant_id, projection_version)
);

-- Tenant data by column, so RLS is forced like everywhere else. Projectors work across
-- tenants and see every row, as does the migration owner (audit replay); the auditor reads;
-- the application role has no access at all.
ALTER TABLE consumer_checkpoints ENABLE ROW LEVEL SECURITY;
ALTER TABLE consumer_checkpoints FORCE ROW LEVEL SECURITY;
CREATE POLICY projector_all ON consumer_checkpoints TO navcast_projector USING (true) WITH CHECK (true);
CREATE POLICY owner_all ON consumer_checkpoints TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY auditor_read ON consumer_checkpoints FOR SELECT TO navcast_auditor USING (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON consumer_checkpoints TO navcast_projector;
GRANT SELECT ON consumer_checkpoints TO navcast_auditor;
