-- Coachbook team server, schema 7: an acknowledged edit that a later,
-- concurrent edit replaced is reported to the device that made it.
--
-- Fields win by arrival order. When device A's edit of a field has been
-- acknowledged and device B, which had not seen it (the row version B's
-- edit was based on is older than A's write), later sends another value
-- for the same field, B's value wins and A's edit is lost. A must not lose
-- it silently: the push records the lost value for A, and A's pull hands
-- it over with the page that carries B's change, in the same snapshot, so
-- A stores it as a conflict for the coach to review exactly once per
-- cursor range.
--
-- field_meta keeps, per field, the version that last wrote it and the
-- device that did: {"name": [42, "device uuid"], ...}. Rows written
-- before this schema have none, and their first concurrent edit is not
-- detected.

ALTER TABLE record ADD COLUMN field_meta jsonb NOT NULL DEFAULT '{}';

CREATE TABLE overwritten (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  team_id uuid NOT NULL REFERENCES team (id) ON DELETE CASCADE,
  device_id uuid NOT NULL,      -- whose acknowledged edit lost
  tbl text NOT NULL,
  row_id uuid NOT NULL,
  field text NOT NULL,
  value jsonb NOT NULL,         -- the value that device had written
  version bigint NOT NULL,      -- the change that replaced it
  by_device uuid,
  created_at timestamptz NOT NULL DEFAULT now ()
);
CREATE INDEX overwritten_by_device ON overwritten (device_id, version);

ALTER TABLE overwritten ENABLE ROW LEVEL SECURITY;
ALTER TABLE overwritten FORCE ROW LEVEL SECURITY;
CREATE POLICY overwritten_team ON overwritten
  USING (team_id = nullif (current_setting ('app.team_id', true), '')::uuid);

-- sync_pull_page() of schema 3, with the overwritten edits of the page.
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
                              ORDER BY s.server_version) FROM shown s), '[]'::json),
        'overwritten', coalesce ((SELECT json_agg (json_build_object (
                                    'table', o.tbl, 'id', o.row_id, 'field', o.field,
                                    'value', o.value, 'version', o.version)
                                  ORDER BY o.version, o.id)
                                  FROM overwritten o
                                  WHERE o.device_id = p_device AND o.version > p_cursor
                                    AND o.version <= pos.next_cursor), '[]'::json))::text,
      pos.shown_count
    FROM pos;
END
$$;
