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
--
-- Cost (bench:eventlog): the input is read with jsonb_to_recordset, events are expanded,
-- hashed, chained and inserted by one statement straight from the input (no per-event
-- arrays), and plans are generic (planned once per session, not per call).

-- One link of the hash chain, as a window aggregate's state: prev chain hash || chain hash
-- (raw digests, 64 bytes), where chain hash = sha256(prev chain hash || entry hash). `seed`
-- is the chain hash before the window's first row (the tenant head). No SET clause (it
-- would cost a configuration save and restore per row); names are schema-qualified instead.
CREATE FUNCTION navcast_chain_step(state bytea, seed bytea, entry bytea) RETURNS bytea
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
DECLARE
  prev bytea := coalesce(pg_catalog.substr(state, 33), seed);
BEGIN
  RETURN pg_catalog.byteacat(prev, pg_catalog.sha256(pg_catalog.byteacat(prev, entry)));
END
$$;

-- navcast_chain(seed, entry) OVER (ORDER BY seq ROWS UNBOUNDED PRECEDING): each row's link.
CREATE AGGREGATE navcast_chain(bytea, bytea) (SFUNC = navcast_chain_step, STYPE = bytea);

CREATE FUNCTION navcast_append(p_tenant_id uuid, p_requests jsonb) RETURNS jsonb
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
  v_xid xid8 := pg_current_xact_id();
  v_n integer;
  v_out jsonb[];
  v_result jsonb;
  -- per request, in request order
  q_stream text[];
  q_expected jsonb[];
  q_count integer[];
  -- distinct stream ids, sorted bytewise; their rows once locked, in the same order
  v_streams text[];
  l_stream text[];
  l_version bigint[];
  l_last_tx xid8[];
  v_ids uuid[];
  v_found jsonb;
  v_seq bigint;
  v_head_hash text;
  v_last_hash text;
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
  -- accepted requests: index in p_requests, first tenant_seq, first stream version (any order)
  acc_idx integer[] := '{}';
  acc_seq bigint[] := '{}';
  acc_version bigint[] := '{}';
  -- final version per stream that received events
  u_stream text[] := '{}';
  u_version bigint[] := '{}';
BEGIN
  IF jsonb_typeof(p_requests) IS DISTINCT FROM 'array' OR jsonb_array_length(p_requests) = 0 THEN
    RAISE EXCEPTION 'navcast_append: requests must be a non-empty array' USING ERRCODE = 'NCV01';
  END IF;
  v_n := jsonb_array_length(p_requests);

  -- 1. The requests, read once.
  SELECT array_agg(x.stream_id ORDER BY x.idx), array_agg(x.expected ORDER BY x.idx), array_agg(x.n ORDER BY x.idx),
         array_agg(DISTINCT x.stream_id COLLATE "C" ORDER BY x.stream_id COLLATE "C"),
         bool_or(x.stream_id IS NULL OR x.stream_id = '' OR x.stream_id IS NOT NFC NORMALIZED),
         bool_or(x.n IS NULL OR x.n = 0)
    INTO q_stream, q_expected, q_count, v_streams, v_bad_stream, v_bad_events
    FROM (SELECT j.stream_id, j.expected, j.idx,
                 CASE WHEN jsonb_typeof(j.events) = 'array' THEN jsonb_array_length(j.events) END AS n
            FROM ROWS FROM (jsonb_to_recordset(p_requests) AS ("streamId" text, expected jsonb, events jsonb))
                 WITH ORDINALITY AS j(stream_id, expected, events, idx)) x;
  IF v_bad_stream THEN
    RAISE EXCEPTION 'navcast_append: every request needs an NFC-normalized streamId' USING ERRCODE = 'NCV01';
  END IF;
  IF v_bad_events THEN
    RAISE EXCEPTION 'navcast_append: every request needs a non-empty events array' USING ERRCODE = 'NCV01';
  END IF;

  -- 2. The events' ids and the fields every event needs, checked before anything is written.
  SELECT array_agg(evt."eventId"), count(DISTINCT evt."eventId"),
         min(CASE WHEN to_char(evt."recordedAt"::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
                       IS DISTINCT FROM evt."recordedAt"
                  THEN coalesce(evt."recordedAt", 'null') END),
         bool_or(evt."eventId" IS NULL OR evt."eventType" IS NULL OR evt."schemaVersion" IS NULL OR evt.payload IS NULL
                 OR evt.metadata IS NULL OR evt."recordedAt" IS NULL)::text
    INTO v_ids, v_hits, v_bad, v_other
    FROM jsonb_array_elements(p_requests) req,
         jsonb_to_recordset(req->'events')
           AS evt("eventId" uuid, "eventType" text, "schemaVersion" integer, payload text, metadata text, "recordedAt" text);
  IF v_bad IS NOT NULL THEN
    RAISE EXCEPTION 'navcast_append: recordedAt % is not UTC ISO-8601 with milliseconds', v_bad USING ERRCODE = 'NCV01';
  END IF;
  IF v_other = 'true' THEN
    RAISE EXCEPTION 'navcast_append: an event lacks a field' USING ERRCODE = 'NCV01';
  END IF;
  IF v_hits <> cardinality(v_ids) THEN
    RAISE EXCEPTION 'navcast_append: an event id occurs twice in one call' USING ERRCODE = 'NCV01';
  END IF;

  -- 3. Lock the streams (sorted). Missing ones get placeholder rows (version -1) first, so
  --    that creation races wait on the row like any other append.
  SELECT array_agg(s.stream_id), array_agg(s.version), array_agg(s.last_tx)
    INTO l_stream, l_version, l_last_tx
    FROM (SELECT s.stream_id, s.version, s.last_tx FROM streams s
           WHERE s.tenant_id = p_tenant_id AND s.stream_id = ANY (v_streams)
           ORDER BY s.stream_id FOR UPDATE) s;
  IF coalesce(cardinality(l_stream), 0) < cardinality(v_streams) THEN
    INSERT INTO streams (tenant_id, stream_id)
      SELECT p_tenant_id, s FROM unnest(v_streams) s ORDER BY s
      ON CONFLICT DO NOTHING;
    SELECT array_agg(s.stream_id), array_agg(s.version), array_agg(s.last_tx)
      INTO l_stream, l_version, l_last_tx
      FROM (SELECT s.stream_id, s.version, s.last_tx FROM streams s
             WHERE s.tenant_id = p_tenant_id AND s.stream_id = ANY (v_streams)
             ORDER BY s.stream_id FOR UPDATE) s;
  END IF;

  -- 4. Event ids already recorded (committed, or earlier in this transaction).
  SELECT jsonb_object_agg(ev.event_id::text, jsonb_build_array(ev.stream_id, ev.tenant_seq, ev.stream_version))
    INTO v_found FROM events ev WHERE ev.tenant_id = p_tenant_id AND ev.event_id = ANY (v_ids);

  -- 5. The tenant head, last, held to commit (created on a tenant's first append; the no-op
  --    update takes the row lock and returns the committed head).
  INSERT INTO tenant_log_head AS h (tenant_id) VALUES (p_tenant_id)
    ON CONFLICT (tenant_id) DO UPDATE SET last_seq = h.last_seq
    RETURNING h.last_seq, h.last_hash INTO v_seq, v_head_hash;

  -- 6a. Common case, decided set-wise: no event id recorded before, one request per stream.
  IF v_found IS NULL AND cardinality(v_streams) = v_n THEN
    SELECT jsonb_agg(CASE WHEN d.retry THEN '{"status":"retry"}'::jsonb
                          WHEN d.ok THEN jsonb_build_object('status', 'ok', 'firstSeq', d.first_seq, 'firstVersion', d.version + 1)
                          ELSE jsonb_build_object('status', 'conflict', 'actual', d.version) END ORDER BY d.idx),
           coalesce(array_agg(d.idx) FILTER (WHERE d.accepted), '{}'),
           coalesce(array_agg(d.first_seq) FILTER (WHERE d.accepted), '{}'),
           coalesce(array_agg(d.version + 1) FILTER (WHERE d.accepted), '{}'),
           coalesce(array_agg(d.stream_id) FILTER (WHERE d.accepted), '{}'),
           coalesce(array_agg(d.version + d.n) FILTER (WHERE d.accepted), '{}'),
           coalesce(sum(d.n) FILTER (WHERE d.accepted), 0),
           bool_or(d.ok IS NULL AND NOT d.retry),
           count(*)
      INTO v_result, acc_idx, acc_seq, acc_version, u_stream, u_version, v_count, v_ok, v_hits
      FROM (SELECT c.*,
                   v_seq + coalesce(sum(c.n) FILTER (WHERE c.accepted) OVER (ORDER BY c.stream_id COLLATE "C" ROWS UNBOUNDED PRECEDING), 0)
                     - c.n + 1 AS first_seq
              FROM (SELECT b.*, b.ok AND NOT b.retry AS accepted
                      FROM (SELECT rq.idx::integer AS idx, rq.stream_id, rq.n, s.version,
                                   -- per-stream guard, as in 6b
                                   s.last_tx IS NOT NULL AND s.last_tx > v_xid AS retry,
                                   CASE WHEN jsonb_typeof(rq.expected) = 'number' THEN s.version = (rq.expected #>> '{}')::bigint
                                        WHEN rq.expected = '"any"' THEN true
                                        WHEN rq.expected = '"no_stream"' THEN s.version = -1
                                        WHEN rq.expected = '"stream_exists"' THEN s.version >= 0 END AS ok
                              FROM unnest(q_stream, q_expected, q_count) WITH ORDINALITY AS rq(stream_id, expected, n, idx)
                              JOIN unnest(l_stream, l_version, l_last_tx) AS s(stream_id, version, last_tx)
                                ON s.stream_id = rq.stream_id COLLATE "C") b) c) d;
    IF v_ok THEN
      RAISE EXCEPTION 'navcast_append: bad expected version' USING ERRCODE = 'NCV01';
    END IF;
    IF v_hits <> v_n THEN
      RAISE EXCEPTION 'navcast_append: % requests decided of %', v_hits, v_n;
    END IF;
    v_seq := v_seq + v_count;
  ELSE
    -- 6b. Otherwise decide each request in turn, grouped by stream (streams are independent), numbering the
    --    accepted ones. Scalar work only; the events are expanded set-wise in step 7.
    v_out := array_fill(NULL::jsonb, ARRAY[v_n]);
    FOR r IN
      SELECT q.idx::integer AS idx, q.stream_id, q.expected, ev.events, s.version, s.last_tx
        FROM unnest(q_stream, q_expected) WITH ORDINALITY AS q(stream_id, expected, idx)
        JOIN unnest(l_stream, l_version, l_last_tx) AS s(stream_id, version, last_tx) ON s.stream_id = q.stream_id COLLATE "C"
        CROSS JOIN LATERAL (SELECT p_requests -> (q.idx::integer - 1) -> 'events' AS events) ev
       ORDER BY q.stream_id COLLATE "C", q.idx
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
      v_count := jsonb_array_length(r.events);

      -- Idempotency by event id.
      IF v_found IS NOT NULL THEN
        v_hits := 0;
        v_other := NULL;
        v_positions := '[]';
        FOR e IN SELECT (ev->>'eventId')::uuid::text AS id FROM jsonb_array_elements(r.events) ev LOOP
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
      v_expected := r.expected;
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
    v_result := to_jsonb(v_out);
  END IF;

  IF cardinality(acc_idx) > 0 THEN
    -- 7. One statement: expand the accepted requests' events with their positions straight from
    --    the input, hash them (payload, entry over the canonical envelope, chain as a running
    --    window aggregate from the head), insert, move the stream versions and the head.
    WITH ins AS (
      INSERT INTO events (tenant_id, tenant_seq, stream_id, stream_version, event_id, event_type, schema_version,
                          payload, payload_hash, metadata, recorded_at, prev_hash, entry_hash, chain_hash, tx_id)
      SELECT p_tenant_id, c.seq, c.stream_id, c.version, c.id, c.type, c.schema, c.payload, c.payload_hash,
             c.metadata::jsonb, c.at::timestamptz, encode(substr(c.link, 1, 32), 'hex'),
             encode(c.entry, 'hex'), encode(substr(c.link, 33), 'hex'), v_xid
        FROM (SELECT h.*, navcast_chain(decode(v_head_hash, 'hex'), h.entry) OVER (ORDER BY h.seq ROWS UNBOUNDED PRECEDING) AS link
                FROM (SELECT p.*, sha256(convert_to(
                               '{"eventId":"' || p.id::text
                               -- no escaping needed: event_type's CHECK allows [A-Za-z0-9] only, and a
                               -- row that fails it is never written
                               || '","eventType":"' || p.type
                               || '","metadata":' || p.metadata
                               || ',"payloadHash":"' || p.payload_hash
                               || '","recordedAt":"' || p.at
                               || '","schemaVersion":' || p.schema::text
                               || ',"streamId":' || to_json(p.stream_id)::text
                               || ',"streamVersion":' || p.version::text
                               || ',"tenantId":"' || p_tenant_id::text
                               || '","tenantSeq":' || p.seq::text
                               || '}', 'UTF8')) AS entry
                        FROM (SELECT a.first_seq + x.ord - 1 AS seq, q_stream[a.idx] AS stream_id, a.first_version + x.ord - 1 AS version,
                                     x.id, x.type, x.schema, x.payload, x.metadata, x.at,
                                     encode(sha256(convert_to(x.payload, 'UTF8')), 'hex') AS payload_hash
                                FROM unnest(acc_idx, acc_seq, acc_version) AS a(idx, first_seq, first_version)
                                CROSS JOIN LATERAL ROWS FROM (
                                       jsonb_to_recordset(p_requests -> (a.idx - 1) -> 'events')
                                         AS ("eventId" uuid, "eventType" text, "schemaVersion" integer, payload text,
                                             metadata text, "recordedAt" text)
                                     ) WITH ORDINALITY AS x(id, type, schema, payload, metadata, at, ord)) p) h) c
      RETURNING tenant_seq, chain_hash
    ), moved AS (
      -- An upsert, not UPDATE ... FROM: the arbiter index finds each row, whatever the plan
      -- (every row exists and is locked by step 3).
      INSERT INTO streams AS s (tenant_id, stream_id, version, last_tx)
        SELECT p_tenant_id, u.stream_id, u.version, v_xid FROM unnest(u_stream, u_version) AS u(stream_id, version)
        ON CONFLICT (tenant_id, stream_id) DO UPDATE SET version = excluded.version, last_tx = excluded.last_tx
        WHERE s.version <> excluded.version
    )
    SELECT i.chain_hash INTO v_last_hash FROM ins i ORDER BY i.tenant_seq DESC LIMIT 1;
    UPDATE tenant_log_head SET last_seq = v_seq, last_hash = v_last_hash WHERE tenant_id = p_tenant_id;
    PERFORM pg_notify('navcast_events', json_build_object('tenantId', p_tenant_id, 'lastSeq', v_seq)::text);
  END IF;
  RETURN v_result;
END
$$;
