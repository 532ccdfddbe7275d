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
  v_head_hash text;
  v_prev bytea;
  r record;
  e record;
  v_stream text := NULL;
  v_version bigint;
  v_retry boolean;
  v_count integer;
  v_hits integer;
  v_other text;
  v_positions jsonb;
  v_expected jsonb;
  v_ok boolean;
  v_bad text;
  v_bad_stream boolean;
  v_bad_events boolean;
  -- accepted requests: index in p_requests, first tenant_seq, first stream version
  acc_idx integer[] := '{}';
  acc_seq bigint[] := '{}';
  acc_version bigint[] := '{}';
  -- final version per stream that received events
  u_stream text[] := '{}';
  u_version bigint[] := '{}';
  -- rows to insert, in tenant_seq order
  a_seq bigint[];
  a_stream text[];
  a_version bigint[];
  a_id uuid[];
  a_type text[];
  a_schema integer[];
  a_payload text[];
  a_payload_hash text[];
  a_metadata jsonb[];
  a_at timestamptz[];
  a_entry bytea[];
  a_chain bytea[];
BEGIN
  IF jsonb_typeof(p_requests) IS DISTINCT FROM 'array' OR jsonb_array_length(p_requests) = 0 THEN
    RAISE EXCEPTION 'navcast_append: requests must be a non-empty array' USING ERRCODE = 'NCV01';
  END IF;
  v_n := jsonb_array_length(p_requests);
  v_out := array_fill(NULL::jsonb, ARRAY[v_n]);

  SELECT array_agg(DISTINCT (req->>'streamId') COLLATE "C" ORDER BY (req->>'streamId') COLLATE "C"),
         bool_or(req->>'streamId' IS NULL OR req->>'streamId' = '' OR (req->>'streamId') IS NOT NFC NORMALIZED),
         bool_or(CASE WHEN jsonb_typeof(req->'events') = 'array' THEN jsonb_array_length(req->'events') = 0 ELSE true END)
    INTO v_streams, v_bad_stream, v_bad_events
    FROM jsonb_array_elements(p_requests) req;
  IF v_bad_stream THEN
    RAISE EXCEPTION 'navcast_append: every request needs an NFC-normalized streamId' USING ERRCODE = 'NCV01';
  END IF;
  IF v_bad_events THEN
    RAISE EXCEPTION 'navcast_append: every request needs a non-empty events array' USING ERRCODE = 'NCV01';
  END IF;
  SELECT array_agg(id), count(DISTINCT id) INTO v_ids, v_hits
    FROM (SELECT (ev->>'eventId')::uuid AS id
            FROM jsonb_array_elements(p_requests) req, jsonb_array_elements(req->'events') ev) AS ids;
  IF v_hits <> cardinality(v_ids) THEN
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

  -- 3. The tenant head, last, held to commit (created on a tenant's first append; the no-op
  --    update takes the row lock and returns the committed head).
  INSERT INTO tenant_log_head AS h (tenant_id) VALUES (p_tenant_id)
    ON CONFLICT (tenant_id) DO UPDATE SET last_seq = h.last_seq
    RETURNING h.last_seq, h.last_hash INTO v_seq, v_head_hash;

  -- 4a. Common case, decided set-wise: no event id recorded before, one request per stream.
  IF v_found IS NULL AND cardinality(v_streams) = v_n THEN
    WITH req AS (
      SELECT x.idx::integer AS idx, x.j->>'streamId' AS stream_id, x.j->'expected' AS expected,
             jsonb_array_length(x.j->'events') AS n
        FROM jsonb_array_elements(p_requests) WITH ORDINALITY AS x(j, idx)
    ), decided AS (
      SELECT req.*, s.version,
             -- per-stream guard, as in 4b
             s.last_tx IS NOT NULL AND s.last_tx > v_xid AS retry,
             CASE WHEN jsonb_typeof(req.expected) = 'number' THEN s.version = (req.expected #>> '{}')::bigint
                  WHEN req.expected = '"any"' THEN true
                  WHEN req.expected = '"no_stream"' THEN s.version = -1
                  WHEN req.expected = '"stream_exists"' THEN s.version >= 0 END AS ok
        FROM req JOIN streams s ON s.tenant_id = p_tenant_id AND s.stream_id = req.stream_id
    ), numbered AS (
      SELECT d.*, d.ok AND NOT d.retry AS accepted,
             v_seq + coalesce(sum(d.n) FILTER (WHERE d.ok AND NOT d.retry) OVER w, 0) - d.n + 1 AS first_seq
        FROM decided d WINDOW w AS (ORDER BY d.stream_id COLLATE "C" ROWS UNBOUNDED PRECEDING)
    )
    SELECT array_agg(CASE WHEN retry THEN '{"status":"retry"}'::jsonb
                          WHEN ok THEN jsonb_build_object('status', 'ok', 'firstSeq', first_seq, 'firstVersion', version + 1)
                          ELSE jsonb_build_object('status', 'conflict', 'actual', version) END ORDER BY idx),
           coalesce(array_agg(idx ORDER BY first_seq) FILTER (WHERE accepted), '{}'),
           coalesce(array_agg(first_seq ORDER BY first_seq) FILTER (WHERE accepted), '{}'),
           coalesce(array_agg(version + 1 ORDER BY first_seq) FILTER (WHERE accepted), '{}'),
           coalesce(array_agg(stream_id) FILTER (WHERE accepted), '{}'),
           coalesce(array_agg(version + n) FILTER (WHERE accepted), '{}'),
           coalesce(sum(n) FILTER (WHERE accepted), 0),
           bool_or(ok IS NULL AND NOT retry),
           count(*)
      INTO v_out, acc_idx, acc_seq, acc_version, u_stream, u_version, v_count, v_ok, v_hits
      FROM numbered;
    IF v_ok THEN
      RAISE EXCEPTION 'navcast_append: bad expected version' USING ERRCODE = 'NCV01';
    END IF;
    IF v_hits <> v_n THEN
      RAISE EXCEPTION 'navcast_append: % requests decided of %', v_hits, v_n;
    END IF;
    v_seq := v_seq + v_count;
  ELSE
    -- 4b. Otherwise decide each request in turn, grouped by stream (streams are independent), numbering the
    --    accepted ones. Scalar work only; the events are expanded set-wise in step 5.
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
      v_count := jsonb_array_length(r.j->'events');

      -- Idempotency by event id.
      IF v_found IS NOT NULL THEN
        v_hits := 0;
        v_other := NULL;
        v_positions := '[]';
        FOR e IN SELECT (ev->>'eventId')::uuid::text AS id FROM jsonb_array_elements(r.j->'events') ev LOOP
          IF v_found ? e.id THEN
            v_hits := v_hits + 1;
            IF v_found->e.id->>0 <> r.stream_id THEN
              v_other := v_found->e.id->>0;
            END IF;
            v_positions := v_positions || jsonb_build_array(jsonb_build_array(v_found->e.id->1, v_found->e.id->2));
          END IF;
        END LOOP;
        IF v_other IS NOT NULL THEN
          v_out[r.idx] := jsonb_build_object('status', 'idempotency', 'detail', 'an event id is already recorded in stream ' || v_other);
          CONTINUE;
        ELSIF v_hits = v_count THEN
          v_out[r.idx] := jsonb_build_object('status', 'replay', 'positions', v_positions);
          CONTINUE;
        ELSIF v_hits > 0 THEN
          v_out[r.idx] := jsonb_build_object('status', 'idempotency',
            'detail', format('%s of %s event ids are already recorded', v_hits, v_count));
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

      v_out[r.idx] := jsonb_build_object('status', 'ok', 'firstSeq', v_seq + 1, 'firstVersion', v_version + 1);
      acc_idx := acc_idx || r.idx;
      acc_seq := acc_seq || (v_seq + 1);
      acc_version := acc_version || (v_version + 1);
      v_seq := v_seq + v_count;
      v_version := v_version + v_count;
    END LOOP;
    IF v_stream IS NOT NULL AND NOT v_retry THEN
      u_stream := u_stream || v_stream;
      u_version := u_version || v_version;
    END IF;
  END IF;

  IF cardinality(acc_idx) > 0 THEN
    -- 5. Expand the accepted requests' events with their positions, payload and entry hashes.
    WITH ev AS (
      SELECT a.first_seq + x.ord - 1 AS seq, req.j->>'streamId' AS stream_id, a.first_version + x.ord - 1 AS version,
             (x.ev->>'eventId')::uuid AS id, x.ev->>'eventType' AS type, (x.ev->>'schemaVersion')::integer AS schema,
             x.ev->>'payload' AS payload, x.ev->>'metadata' AS metadata, x.ev->>'recordedAt' AS at_text,
             (x.ev->>'recordedAt')::timestamptz AS at
        FROM unnest(acc_idx, acc_seq, acc_version) AS a(idx, first_seq, first_version)
        JOIN jsonb_array_elements(p_requests) WITH ORDINALITY AS req(j, idx) ON req.idx = a.idx
        CROSS JOIN LATERAL jsonb_array_elements(req.j->'events') WITH ORDINALITY AS x(ev, ord)
    ), hashed AS (
      SELECT ev.*, encode(sha256(convert_to(ev.payload, 'UTF8')), 'hex') AS payload_hash,
             to_char(ev.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at_iso
        FROM ev
    )
    SELECT array_agg(seq ORDER BY seq), array_agg(stream_id ORDER BY seq), array_agg(version ORDER BY seq),
           array_agg(id ORDER BY seq), array_agg(type ORDER BY seq), array_agg(schema ORDER BY seq),
           array_agg(payload ORDER BY seq), array_agg(payload_hash ORDER BY seq), array_agg(metadata::jsonb ORDER BY seq),
           array_agg(at ORDER BY seq),
           array_agg(sha256(convert_to(
             '{"eventId":"' || id::text
             || '","eventType":' || to_json(type)::text
             || ',"metadata":' || metadata
             || ',"payloadHash":"' || payload_hash
             || '","recordedAt":"' || at_iso
             || '","schemaVersion":' || schema::text
             || ',"streamId":' || to_json(stream_id)::text
             || ',"streamVersion":' || version::text
             || ',"tenantId":"' || p_tenant_id::text
             || '","tenantSeq":' || seq::text
             || '}', 'UTF8')) ORDER BY seq),
           min(CASE WHEN at_iso IS DISTINCT FROM at_text THEN coalesce(at_text, 'null') END),
           bool_or(payload IS NULL OR metadata IS NULL OR type IS NULL OR schema IS NULL)::text
      INTO a_seq, a_stream, a_version, a_id, a_type, a_schema, a_payload, a_payload_hash, a_metadata, a_at, a_entry,
           v_bad, v_other
      FROM hashed;
    IF v_bad IS NOT NULL THEN
      RAISE EXCEPTION 'navcast_append: recordedAt % is not UTC ISO-8601 with milliseconds', v_bad USING ERRCODE = 'NCV01';
    END IF;
    IF v_other = 'true' THEN
      RAISE EXCEPTION 'navcast_append: an event lacks a field' USING ERRCODE = 'NCV01';
    END IF;

    -- 6. Extend the chain: chain_hash = sha256(prev chain_hash || entry_hash), raw digests.
    a_chain := array_fill(NULL::bytea, ARRAY[cardinality(a_seq)]);
    v_prev := decode(v_head_hash, 'hex');
    FOR i IN 1 .. cardinality(a_seq) LOOP
      v_prev := sha256(v_prev || a_entry[i]);
      a_chain[i] := v_prev;
    END LOOP;

    -- 7. Write everything in one statement each.
    INSERT INTO events (tenant_id, tenant_seq, stream_id, stream_version, event_id, event_type, schema_version,
                        payload, payload_hash, metadata, recorded_at, prev_hash, entry_hash, chain_hash, tx_id)
    SELECT p_tenant_id, x.seq, x.stream_id, x.version, x.id, x.type, x.schema, x.payload, x.payload_hash, x.metadata,
           x.at, CASE WHEN x.i = 1 THEN v_head_hash ELSE encode(a_chain[x.i - 1], 'hex') END,
           encode(x.entry, 'hex'), encode(x.chain, 'hex'), v_xid
      FROM unnest(a_seq, a_stream, a_version, a_id, a_type, a_schema, a_payload, a_payload_hash, a_metadata,
                  a_at, a_entry, a_chain) WITH ORDINALITY
           AS x(seq, stream_id, version, id, type, schema, payload, payload_hash, metadata, at, entry, chain, i);
    UPDATE streams s SET version = u.version, last_tx = v_xid
      FROM unnest(u_stream, u_version) AS u(stream_id, version)
     WHERE s.tenant_id = p_tenant_id AND s.stream_id = u.stream_id AND s.version <> u.version;
    UPDATE tenant_log_head SET last_seq = v_seq, last_hash = encode(v_prev, 'hex') WHERE tenant_id = p_tenant_id;
    PERFORM pg_notify('navcast_events', json_build_object('tenantId', p_tenant_id, 'lastSeq', v_seq)::text);
  END IF;
  RETURN to_jsonb(v_out);
END
$$;
