-- Append-only enforcement, redaction, grants and row-level security of the event log.
-- SQLSTATEs raised here (mapped to typed errors in commands/eventLog/sqlErrors.ts):
--   NCA01 append-only violation   NCR01 redaction refused

-- Rows of the log are never updated or deleted, whoever asks (the owner included). The one
-- exception: nulling a payload whose redaction is recorded in the same tenant's chain, as an
-- EventPayloadRedacted event naming the target event id and its payload hash. Nothing else
-- may change in that update, and a redaction event itself cannot be redacted.
CREATE FUNCTION navcast_events_guard_update() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
BEGIN
  IF OLD.payload IS NULL OR NEW.payload IS NOT NULL
     OR (NEW.tenant_id, NEW.tenant_seq, NEW.stream_id, NEW.stream_version, NEW.event_id, NEW.event_type,
         NEW.schema_version, NEW.payload_hash, NEW.metadata, NEW.recorded_at, NEW.prev_hash, NEW.entry_hash,
         NEW.chain_hash, NEW.tx_id, NEW.global_pos)
        IS DISTINCT FROM
        (OLD.tenant_id, OLD.tenant_seq, OLD.stream_id, OLD.stream_version, OLD.event_id, OLD.event_type,
         OLD.schema_version, OLD.payload_hash, OLD.metadata, OLD.recorded_at, OLD.prev_hash, OLD.entry_hash,
         OLD.chain_hash, OLD.tx_id, OLD.global_pos)
  THEN
    RAISE EXCEPTION 'events are append-only (tenant %, seq %)', OLD.tenant_id, OLD.tenant_seq USING ERRCODE = 'NCA01';
  END IF;
  IF OLD.event_type = 'EventPayloadRedacted' THEN
    RAISE EXCEPTION 'a redaction event cannot be redacted (tenant %, seq %)', OLD.tenant_id, OLD.tenant_seq
      USING ERRCODE = 'NCR01';
  END IF;
  IF NOT EXISTS (
    SELECT 1 FROM events r
     WHERE r.tenant_id = OLD.tenant_id
       AND r.event_type = 'EventPayloadRedacted'
       AND ((r.payload::jsonb) ->> 'targetEventId') = OLD.event_id::text
       AND ((r.payload::jsonb) ->> 'targetPayloadHash') = OLD.payload_hash
  ) THEN
    RAISE EXCEPTION 'no recorded redaction of event % (tenant %)', OLD.event_id, OLD.tenant_id USING ERRCODE = 'NCR01';
  END IF;
  RETURN NEW;
END
$$;

CREATE FUNCTION navcast_reject_change() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  RAISE EXCEPTION '% on % is not allowed: the event log is append-only', TG_OP, TG_TABLE_NAME USING ERRCODE = 'NCA01';
END
$$;

CREATE TRIGGER events_guard_update BEFORE UPDATE ON events
  FOR EACH ROW EXECUTE FUNCTION navcast_events_guard_update();
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['events', 'streams', 'tenant_log_head'] LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE DELETE ON %I FOR EACH STATEMENT EXECUTE FUNCTION navcast_reject_change()',
                   t || '_reject_delete', t);
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION navcast_reject_change()',
                   t || '_reject_truncate', t);
  END LOOP;
END
$$;

-- Nulls one payload; the trigger above decides whether that is allowed. Returns false when
-- the payload was already null.
CREATE FUNCTION navcast_redact_payload(p_tenant_id uuid, p_event_id uuid) RETURNS boolean
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM events WHERE tenant_id = p_tenant_id AND event_id = p_event_id) THEN
    RAISE EXCEPTION 'no event % in tenant %', p_event_id, p_tenant_id USING ERRCODE = 'NCR01';
  END IF;
  UPDATE events SET payload = NULL WHERE tenant_id = p_tenant_id AND event_id = p_event_id AND payload IS NOT NULL;
  RETURN FOUND;
END
$$;

-- Grants: the application appends only through navcast_append and reads; nobody but the
-- owner writes the tables directly.
REVOKE ALL ON events, streams, tenant_log_head, event_rows FROM PUBLIC;
GRANT SELECT ON events, streams, tenant_log_head, event_rows TO navcast_app, navcast_projector, navcast_auditor;
REVOKE ALL ON FUNCTION navcast_append(uuid, jsonb) FROM PUBLIC;
REVOKE ALL ON FUNCTION navcast_redact_payload(uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION navcast_append(uuid, jsonb) TO navcast_app;
GRANT EXECUTE ON FUNCTION navcast_redact_payload(uuid, uuid) TO navcast_app;

-- Row-level security, forced: the application sees only the transaction's tenant
-- (SET LOCAL app.current_org_id); the projector and the auditor read across tenants; the
-- owner (who runs the SECURITY DEFINER functions) keeps full access even if not a superuser.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['events', 'streams', 'tenant_log_head'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I FOR SELECT TO navcast_app USING (tenant_id = navcast_current_tenant())', t);
    EXECUTE format('CREATE POLICY log_readers ON %I FOR SELECT TO navcast_projector, navcast_auditor USING (true)', t);
    EXECUTE format('CREATE POLICY log_owner ON %I TO %I USING (true) WITH CHECK (true)', t, current_user);
  END LOOP;
END
$$;
