-- Coachbook team server, schema 3: a pull in one round trip.
--
-- A pull used to cost six round trips between the server and PostgreSQL
-- (token lookup, BEGIN, set_config for row-level security, team clock,
-- page, COMMIT); clients poll with it, so that latency was most of the
-- server's work. sync_pull() does the same steps inside the database:
--
--  1. the device is looked up by the sha256 of its bearer token (not
--     revoked, not expired, coach not disabled), exactly as every other
--     request authenticates; last_seen is refreshed at most once a minute;
--  2. app.team_id is set for the current transaction only (the statement's
--     own when the caller has none open), so row-level security applies to
--     everything after it and nothing leaks into the connection's next use;
--  3. sync_pull_page() reads the clock, the epoch, the device's
--     acknowledged mid and the page. It is STABLE: all of its queries see
--     the snapshot of the one statement that calls it, so the cursor it
--     hands out never passes a change the page did not include (what
--     REPEATABLE READ gave the separate queries before).
--
-- The most frequent pull, nothing new since the cursor, is cheaper still
-- as two prepared statements in one pipelined round trip (sync-pull.c);
-- it falls back to sync_pull() for everything else.
--
-- Both functions are replaced as a whole when this file runs again.

CREATE OR REPLACE FUNCTION sync_pull_page (p_team uuid,
                                           p_device uuid,
                                           p_cursor bigint,
                                           p_limit integer,
                                           p_epoch text)
  RETURNS TABLE (outcome text, page text, n_changes integer)
  LANGUAGE plpgsql STABLE
AS $$
DECLARE
  v_clock bigint;
  v_epoch text;
  v_mid bigint;
  v_mid_version bigint;
  v_next bigint;
  v_more boolean;
  v_count integer;
BEGIN
  SELECT c.v, e.epoch::text, coalesce (d.last_mid, 0), coalesce (d.last_mid_version, 0)
    INTO v_clock, v_epoch, v_mid, v_mid_version
    FROM team_clock c JOIN team_epoch e ON e.team_id = c.team_id
    LEFT JOIN device_cursor d ON d.device_id = p_device
    WHERE c.team_id = p_team;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'no_clock'::text, NULL::text, 0;
    RETURN;
  END IF;
  IF p_epoch IS NOT NULL AND p_epoch <> v_epoch THEN
    RETURN QUERY SELECT 'resync_epoch'::text, NULL::text, 0;
    RETURN;
  END IF;
  IF p_cursor > v_clock THEN
    RETURN QUERY SELECT 'resync_ahead'::text, NULL::text, 0;
    RETURN;
  END IF;

  -- Nothing new since the cursor: the most frequent pull by far, a client
  -- polling.
  IF p_cursor = v_clock THEN
    RETURN QUERY SELECT 'ok'::text,
      json_build_object ('epoch', v_epoch, 'cursor', v_clock, 'has_more', false,
                         'last_mid', CASE WHEN v_clock >= v_mid_version THEN v_mid ELSE 0 END,
                         'changes', '[]'::json)::text,
      0;
    RETURN;
  END IF;

  -- One row more than asked for says whether there is more. The page is
  -- serialised by PostgreSQL's JSON functions straight from the stored
  -- jsonb: no parse tree in between, and the escaping is the database's.
  RETURN QUERY
    WITH candidates AS (
      SELECT r.tbl, r.id, r.fields, r.deleted, r.server_version FROM record r
      WHERE r.team_id = p_team AND r.server_version > p_cursor
      ORDER BY r.server_version LIMIT p_limit + 1),
    shown AS (
      SELECT * FROM candidates ORDER BY server_version LIMIT p_limit),
    info AS (
      SELECT (SELECT count(*) FROM candidates) > p_limit AS more,
             (SELECT max (s.server_version) FROM shown s) AS last_version,
             (SELECT count(*) FROM shown)::integer AS shown_count),
    pos AS (
      SELECT i.more, i.shown_count,
             CASE WHEN i.more THEN i.last_version ELSE v_clock END AS next_cursor
      FROM info i)
    SELECT 'ok'::text,
      json_build_object (
        'epoch', v_epoch,
        'cursor', pos.next_cursor,
        'has_more', pos.more,
        'last_mid', CASE WHEN pos.next_cursor >= v_mid_version THEN v_mid ELSE 0 END,
        'changes', coalesce ((SELECT json_agg (json_build_object (
                                'table', s.tbl, 'id', s.id, 'fields', s.fields,
                                'deleted', s.deleted, 'version', s.server_version)
                              ORDER BY s.server_version) FROM shown s), '[]'::json))::text,
      pos.shown_count
    FROM pos;
END
$$;

CREATE OR REPLACE FUNCTION sync_pull (p_token_hash bytea,
                                      p_cursor bigint,
                                      p_limit integer,
                                      p_epoch text,
                                      OUT outcome text,
                                      OUT auth_device uuid,
                                      OUT auth_team uuid,
                                      OUT auth_coach uuid,
                                      OUT page text,
                                      OUT n_changes integer)
  LANGUAGE plpgsql VOLATILE
AS $$
DECLARE
  v_stale boolean;
  v_clock bigint;
  v_epoch text;
  v_mid bigint;
  v_mid_version bigint;
BEGIN
  n_changes := 0;
  -- app.team_id is set by the same statement that finds the device (set
  -- for the transaction only): row-level security applies from here on.
  SELECT d.id, d.team_id, d.coach_id, d.last_seen < now () - interval '1 minute',
         set_config ('app.team_id', d.team_id::text, true)
    INTO auth_device, auth_team, auth_coach, v_stale, outcome
    FROM device d JOIN coach c ON c.id = d.coach_id
    WHERE d.token_hash = p_token_hash
      AND d.revoked_at IS NULL
      AND (d.expires_at IS NULL OR d.expires_at > now ())
      AND NOT c.disabled;
  IF NOT FOUND THEN
    outcome := 'unauthorized';
    RETURN;
  END IF;

  -- last_seen is for people listing devices: once a minute is enough, and
  -- spares a write on nearly every request. The requests of one device
  -- that find it stale together do not queue for its row: one writes.
  IF v_stale THEN
    UPDATE device SET last_seen = now ()
      WHERE id = (SELECT id FROM device WHERE id = auth_device FOR UPDATE SKIP LOCKED);
  END IF;

  -- Nothing new since the cursor is the most frequent pull by far (a
  -- client polling): it needs the head only, read in one statement.
  SELECT c.v, e.epoch::text, coalesce (d.last_mid, 0), coalesce (d.last_mid_version, 0)
    INTO v_clock, v_epoch, v_mid, v_mid_version
    FROM team_clock c JOIN team_epoch e ON e.team_id = c.team_id
    LEFT JOIN device_cursor d ON d.device_id = auth_device
    WHERE c.team_id = auth_team;
  IF FOUND AND p_cursor = v_clock AND (p_epoch IS NULL OR p_epoch = v_epoch) THEN
    outcome := 'ok';
    page := json_build_object ('epoch', v_epoch, 'cursor', v_clock, 'has_more', false,
                               'last_mid', CASE WHEN v_clock >= v_mid_version THEN v_mid ELSE 0 END,
                               'changes', '[]'::json)::text;
    RETURN;
  END IF;

  -- Otherwise everything, the checks included, again in one snapshot.
  SELECT p.outcome, p.page, p.n_changes INTO outcome, page, n_changes
    FROM sync_pull_page (auth_team, auth_device, p_cursor, p_limit, p_epoch) p;
END
$$;
