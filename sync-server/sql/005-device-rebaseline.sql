-- Coachbook team server, schema 5: a new epoch keeps each device's
-- acknowledged mid, and lets the device's next push jump past it once.
--
-- A new epoch (after a restore from backup) means the team's history is no
-- longer what the devices remember. What the restored database says a
-- device's acknowledged mid is stays true of the restored data: mutations
-- up to it are in, and sending them again would re-apply old values over
-- newer ones. Mutations after it that the device has already dropped (a
-- pull confirmed them before the restore) are gone with the restore, so
-- the device's next push may start past a gap its outbox can no longer
-- fill: it is accepted once, from a push that carries the new epoch (a
-- push without one may be a late copy of a push sent before the new epoch;
-- it is applied as usual, but stops at a gap).
CREATE TABLE device_rebaseline (
  device_id uuid PRIMARY KEY REFERENCES device (id) ON DELETE CASCADE,
  team_id uuid NOT NULL REFERENCES team (id) ON DELETE CASCADE
);

ALTER TABLE device_rebaseline ENABLE ROW LEVEL SECURITY;
ALTER TABLE device_rebaseline FORCE ROW LEVEL SECURITY;
CREATE POLICY device_rebaseline_team ON device_rebaseline
  USING (team_id = nullif (current_setting ('app.team_id', true), '')::uuid);
