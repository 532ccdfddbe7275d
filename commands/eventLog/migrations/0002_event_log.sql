-- The event log's tables. Hash format: domain/events/canonical.ts (computed in SQL by
-- navcast_append, migration 0003, and recomputed by the verifier).
DO $$
BEGIN
  IF (SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database()) <> 'UTF8' THEN
    RAISE EXCEPTION 'the event log needs a UTF8 database: hashes are over UTF-8 bytes';
  END IF;
END
$$;

-- The serialization point of a tenant: appenders lock this row last and hold it to commit,
-- so tenant_seq is dense and allocated in commit order.
CREATE TABLE tenant_log_head (
  tenant_id uuid PRIMARY KEY,
  last_seq bigint NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
  -- chain_hash of the event at last_seq; 64 zeros before the first event
  last_hash text NOT NULL DEFAULT repeat('0', 64)
) WITH (fillfactor = 50); -- room for HOT updates: the head is rewritten by every append

-- Stream ids compare bytewise (COLLATE "C"): equality is the same under any deterministic
-- collation, and the unique indexes on them then cost a memcmp instead of a locale compare.

-- One row per stream: its lock, its version (-1: no events yet; the row may exist only
-- because an append locked the id) and the xid8 of the last transaction that appended.
CREATE TABLE streams (
  tenant_id uuid NOT NULL,
  stream_id text COLLATE "C" NOT NULL,
  version bigint NOT NULL DEFAULT -1 CHECK (version >= -1),
  last_tx xid8,
  archived boolean NOT NULL DEFAULT false,
  PRIMARY KEY (tenant_id, stream_id)
) WITH (fillfactor = 70); -- room for HOT updates of version and last_tx

CREATE TABLE events (
  tenant_id uuid NOT NULL,
  tenant_seq bigint NOT NULL CHECK (tenant_seq >= 1),
  stream_id text COLLATE "C" NOT NULL,
  stream_version bigint NOT NULL CHECK (stream_version >= 0),
  event_id uuid NOT NULL,
  event_type text NOT NULL CHECK (event_type ~ '^[A-Z][A-Za-z0-9]*$'),
  schema_version integer NOT NULL CHECK (schema_version >= 1),
  -- exact canonical JSON text whose UTF-8 bytes payload_hash covers; NULL once redacted
  payload text,
  payload_hash text NOT NULL,
  metadata jsonb NOT NULL,
  -- millisecond precision; hashed as to_char(... 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') in UTC
  recorded_at timestamptz NOT NULL,
  prev_hash text NOT NULL,
  entry_hash text NOT NULL,
  chain_hash text NOT NULL,
  tx_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  global_pos bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (tenant_id, tenant_seq),
  UNIQUE (tenant_id, stream_id, stream_version),
  UNIQUE (tenant_id, event_id)
);

-- The cross-tenant feed's order.
CREATE INDEX events_global_order ON events (tx_id, global_pos);

-- Redaction events by target, for the redaction check (migration 0004).
CREATE INDEX events_redaction_targets ON events (tenant_id, ((payload::jsonb) ->> 'targetEventId'))
  WHERE event_type = 'EventPayloadRedacted';

-- The log's rows with recorded_at in the exact text form the hash format uses. Readers
-- (adapter, verifier, exports) select from here; security_invoker keeps the caller's RLS.
-- Filter on the raw columns (uuid, xid8) so the indexes apply.
CREATE VIEW event_rows WITH (security_invoker = true) AS
SELECT
  tenant_id,
  tenant_seq,
  stream_id,
  stream_version,
  event_id,
  event_type,
  schema_version,
  payload,
  payload_hash,
  metadata,
  to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at,
  prev_hash,
  entry_hash,
  chain_hash,
  tx_id,
  global_pos
FROM events;
