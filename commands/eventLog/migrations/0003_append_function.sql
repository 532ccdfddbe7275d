-- navcast_append(tenant, requests): the only way events enter the log. One call, one round
-- trip, any number of append requests of one tenant (group commit merges concurrent ones).
--
-- p_requests: [{ "streamId": text, "expected": "any" | "no_stream" | "stream_exists" | N,
--   "events": [{ "eventId": uuid, "eventType": text, "schemaVersion": int,
--                "payload": canonical JSON text, "metadata": canonical JSON text,
--                "recordedAt": "YYYY-MM-DDTHH:MM:SS.sssZ" }] }]
-- Returns one outcome per request, in request order:
--   {"status":"ok","firstSeq":S,"firstVersion":V}   events got S.. and V.. consecutively
--   {"status":"replay","positions":[[seq,version],...]}  every id was already in this stream
--   {"status":"conflict","actual":V}                expected version failed (-1: no stream)
--   {"status":"idempotency","detail":text}          ids partly recorded, or in another stream
--   {"status":"retry"}                              a younger transaction appended to the stream
-- A failed request writes nothing; the others in the call still append.
--
-- Order of work: stream rows are locked first (sorted, to avoid deadlocks between batches),
-- then the tenant head, which stays locked to commit: tenant_seq is allocated in commit order
-- and a rollback rolls the head back, so the sequence stays dense.
-- Hashes follow domain/events/canonical.ts exactly (to_json(text) escapes as JSON.stringify).
CREATE FUNCTION navcast_append(p_tenant_id uuid, p_requests jsonb) RETURNS jsonb
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
DECLARE
  v_xid xid8 := pg_current_xact_id();
  v_n integer;
  v_out jsonb[];
  v_streams text[];
  v_ids uuid[];
  v_found jsonb;
  v_seq bigint;
  v_prev bytea;
  r record;
  e record;
  v_stream text := NULL;
  v_version bigint;
  v_retry boolean;
  v_hits integer;
  v_other text;
  v_positions jsonb;
  v_expected jsonb;
  v_ok boolean;
  v_first_seq bigint;
  v_payload_hash text;
  v_at text;
  v_entry bytea;
  v_chain bytea;
  -- columns of the rows to insert
  a_seq bigint[] := '{}';
  a_stream text[] := '{}';
  a_version bigint[] := '{}';
  a_id uuid[] := '{}';
  a_type text[] := '{}';
  a_schema integer[] := '{}';
  a_payload text[] := '{}';
  a_payload_hash text[] := '{}';
  a_metadata jsonb[] := '{}';
  a_at timestamptz[] := '{}';
  a_prev text[] := '{}';
  a_entry text[] := '{}';
  a_chain text[] := '{}';
  -- final version per stream that received events
  u_stream text[] := '{}';
  u_version bigint[] := '{}';
BEGIN
  IF jsonb_typeof(p_requests) IS DISTINCT FROM 'array' OR jsonb_array_length(p_requests) = 0 THEN
    RAISE EXCEPTION 'navcast_append: requests must be a non-empty array' USING ERRCODE = 'NCV01';
  END IF;
  v_n := jsonb_array_length(p_requests);
  v_out := array_fill(NULL::jsonb, ARRAY[v_n]);

  SELECT array_agg(s ORDER BY s COLLATE "C") INTO v_streams
    FROM (SELECT DISTINCT req->>'streamId' AS s FROM jsonb_array_elements(p_requests) req) AS distinct_streams;
  IF EXISTS (SELECT 1 FROM unnest(v_streams) s WHERE s IS NULL OR s = '' OR s IS NOT NFC NORMALIZED) THEN
    RAISE EXCEPTION 'navcast_append: every request needs an NFC-normalized streamId' USING ERRCODE = 'NCV01';
  END IF;
  IF EXISTS (SELECT 1 FROM jsonb_array_elements(p_requests) req
             WHERE jsonb_typeof(req->'events') IS DISTINCT FROM 'array' OR jsonb_array_length(req->'events') = 0) THEN
    RAISE EXCEPTION 'navcast_append: every request needs a non-empty events array' USING ERRCODE = 'NCV01';
  END IF;
  SELECT array_agg((ev->>'eventId')::uuid) INTO v_ids
    FROM jsonb_array_elements(p_requests) req, jsonb_array_elements(req->'events') ev;
  IF (SELECT count(DISTINCT id) FROM unnest(v_ids) id) <> cardinality(v_ids) THEN
    RAISE EXCEPTION 'navcast_append: an event id occurs twice in one call' USING ERRCODE = 'NCV01';
  END IF;

  -- 1. Lock the streams, creating placeholder rows (version -1) so that creation races wait
  --    on the row like any other append.
  INSERT INTO streams (tenant_id, stream_id)
    SELECT p_tenant_id, s FROM unnest(v_streams) s ORDER BY s COLLATE "C"
    ON CONFLICT DO NOTHING;
  PERFORM 1 FROM streams
    WHERE tenant_id = p_tenant_id AND stream_id = ANY (v_streams)
    ORDER BY stream_id COLLATE "C" FOR UPDATE;

  -- 2. Event ids already recorded (committed, or earlier in this transaction).
  SELECT jsonb_object_agg(ev.event_id::text, jsonb_build_array(ev.stream_id, ev.tenant_seq, ev.stream_version))
    INTO v_found FROM events ev WHERE ev.tenant_id = p_tenant_id AND ev.event_id = ANY (v_ids);

  -- 3. The tenant head, last, held to commit.
  INSERT INTO tenant_log_head (tenant_id) VALUES (p_tenant_id) ON CONFLICT DO NOTHING;
  SELECT h.last_seq, decode(h.last_hash, 'hex') INTO v_seq, v_prev
    FROM tenant_log_head h WHERE h.tenant_id = p_tenant_id FOR UPDATE;

  -- 4. Decide each request, grouped by stream (streams are independent), numbering events
  --    and extending the chain as we go.
  FOR r IN
    SELECT req.idx::integer AS idx, req.j, s.stream_id, s.version, s.last_tx
      FROM jsonb_array_elements(p_requests) WITH ORDINALITY AS req(j, idx)
      JOIN streams s ON s.tenant_id = p_tenant_id AND s.stream_id = req.j->>'streamId'
     ORDER BY s.stream_id COLLATE "C", req.idx
  LOOP
    IF v_stream IS DISTINCT FROM r.stream_id THEN
      IF v_stream IS NOT NULL AND NOT v_retry THEN
        u_stream := u_stream || v_stream;
        u_version := u_version || v_version;
      END IF;
      v_stream := r.stream_id;
      v_version := r.version;
      -- Per-stream guard for the cross-tenant feed (ordered by xid): if a younger transaction
      -- already appended here, our older xid would sort our later events before its earlier ones.
      v_retry := r.last_tx IS NOT NULL AND r.last_tx > v_xid;
    END IF;
    IF v_retry THEN
      v_out[r.idx] := '{"status":"retry"}';
      CONTINUE;
    END IF;

    -- Idempotency by event id.
    IF v_found IS NOT NULL THEN
      v_hits := 0;
      v_other := NULL;
      v_positions := '[]';
      FOR e IN SELECT ev->>'eventId' AS id FROM jsonb_array_elements(r.j->'events') ev LOOP
        IF v_found ? ((e.id)::uuid::text) THEN
          v_hits := v_hits + 1;
          IF v_found->((e.id)::uuid::text)->>0 <> r.stream_id THEN
            v_other := v_found->((e.id)::uuid::text)->>0;
          END IF;
          v_positions := v_positions || jsonb_build_array(
            jsonb_build_array(v_found->((e.id)::uuid::text)->1, v_found->((e.id)::uuid::text)->2));
        END IF;
      END LOOP;
      IF v_other IS NOT NULL THEN
        v_out[r.idx] := jsonb_build_object('status', 'idempotency', 'detail', 'an event id is already recorded in stream ' || v_other);
        CONTINUE;
      ELSIF v_hits = jsonb_array_length(r.j->'events') THEN
        v_out[r.idx] := jsonb_build_object('status', 'replay', 'positions', v_positions);
        CONTINUE;
      ELSIF v_hits > 0 THEN
        v_out[r.idx] := jsonb_build_object('status', 'idempotency',
          'detail', format('%s of %s event ids are already recorded', v_hits, jsonb_array_length(r.j->'events')));
        CONTINUE;
      END IF;
    END IF;

    -- Expected version.
    v_expected := r.j->'expected';
    IF jsonb_typeof(v_expected) = 'number' THEN
      v_ok := v_version = (v_expected #>> '{}')::bigint;
    ELSIF v_expected = '"any"' THEN
      v_ok := true;
    ELSIF v_expected = '"no_stream"' THEN
      v_ok := v_version = -1;
    ELSIF v_expected = '"stream_exists"' THEN
      v_ok := v_version >= 0;
    ELSE
      RAISE EXCEPTION 'navcast_append: bad expected version %', v_expected USING ERRCODE = 'NCV01';
    END IF;
    IF NOT v_ok THEN
      v_out[r.idx] := jsonb_build_object('status', 'conflict', 'actual', v_version);
      CONTINUE;
    END IF;

    -- Append: number, hash, chain.
    v_first_seq := v_seq + 1;
    v_out[r.idx] := jsonb_build_object('status', 'ok', 'firstSeq', v_first_seq, 'firstVersion', v_version + 1);
    FOR e IN
      SELECT (ev->>'eventId')::uuid AS id, ev->>'eventType' AS type, (ev->>'schemaVersion')::integer AS schema,
             ev->>'payload' AS payload, ev->>'metadata' AS metadata, ev->>'recordedAt' AS at
        FROM jsonb_array_elements(r.j->'events') WITH ORDINALITY AS x(ev, ord) ORDER BY ord
    LOOP
      IF e.payload IS NULL OR e.metadata IS NULL OR e.type IS NULL OR e.schema IS NULL OR e.at IS NULL THEN
        RAISE EXCEPTION 'navcast_append: event % lacks a field', e.id USING ERRCODE = 'NCV01';
      END IF;
      v_seq := v_seq + 1;
      v_version := v_version + 1;
      a_at := a_at || e.at::timestamptz;
      v_at := to_char(a_at[cardinality(a_at)] AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
      IF v_at <> e.at THEN
        RAISE EXCEPTION 'navcast_append: recordedAt % is not UTC ISO-8601 with milliseconds', e.at USING ERRCODE = 'NCV01';
      END IF;
      v_payload_hash := encode(sha256(convert_to(e.payload, 'UTF8')), 'hex');
      v_entry := sha256(convert_to(
        '{"eventId":"' || e.id::text
        || '","eventType":' || to_json(e.type)::text
        || ',"metadata":' || e.metadata
        || ',"payloadHash":"' || v_payload_hash
        || '","recordedAt":"' || v_at
        || '","schemaVersion":' || e.schema::text
        || ',"streamId":' || to_json(r.stream_id)::text
        || ',"streamVersion":' || v_version::text
        || ',"tenantId":"' || p_tenant_id::text
        || '","tenantSeq":' || v_seq::text
        || '}', 'UTF8'));
      v_chain := sha256(v_prev || v_entry);
      a_seq := a_seq || v_seq;
      a_stream := a_stream || r.stream_id;
      a_version := a_version || v_version;
      a_id := a_id || e.id;
      a_type := a_type || e.type;
      a_schema := a_schema || e.schema;
      a_payload := a_payload || e.payload;
      a_payload_hash := a_payload_hash || v_payload_hash;
      a_metadata := a_metadata || e.metadata::jsonb;
      a_prev := a_prev || encode(v_prev, 'hex');
      a_entry := a_entry || encode(v_entry, 'hex');
      a_chain := a_chain || encode(v_chain, 'hex');
      v_prev := v_chain;
    END LOOP;
  END LOOP;
  IF v_stream IS NOT NULL AND NOT v_retry THEN
    u_stream := u_stream || v_stream;
    u_version := u_version || v_version;
  END IF;

  -- 5. Write everything in one statement each.
  IF cardinality(a_seq) > 0 THEN
    INSERT INTO events (tenant_id, tenant_seq, stream_id, stream_version, event_id, event_type, schema_version,
                        payload, payload_hash, metadata, recorded_at, prev_hash, entry_hash, chain_hash, tx_id)
    SELECT p_tenant_id, x.*, v_xid
      FROM unnest(a_seq, a_stream, a_version, a_id, a_type, a_schema, a_payload, a_payload_hash, a_metadata,
                  a_at, a_prev, a_entry, a_chain) AS x;
    UPDATE streams s SET version = u.version, last_tx = v_xid
      FROM unnest(u_stream, u_version) AS u(stream_id, version)
     WHERE s.tenant_id = p_tenant_id AND s.stream_id = u.stream_id AND s.version <> u.version;
    UPDATE tenant_log_head SET last_seq = v_seq, last_hash = encode(v_prev, 'hex') WHERE tenant_id = p_tenant_id;
    PERFORM pg_notify('navcast_events', json_build_object('tenantId', p_tenant_id, 'lastSeq', v_seq)::text);
  END IF;
  RETURN to_jsonb(v_out);
END
$$;
