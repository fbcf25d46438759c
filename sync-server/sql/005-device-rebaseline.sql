-- Coachbook team server, schema 5: after a new epoch, only a device that
-- has pulled it sets its new baseline.
--
-- A new epoch (a restore from backup) forgets each device's acknowledged
-- mid, so that the device's next push starts a new baseline instead of
-- stopping at a gap its outbox can no longer fill. A push that carries no
-- epoch (a device that had not pulled yet when it sent it) could be a late
-- copy of a push from before the restore, replayed by a retrying client or
-- proxy: it would set the baseline to mids the device has long dropped,
-- and the device's real next push would stop at a gap for ever. The
-- devices listed here must pull the new epoch first; their epoch-less
-- pushes are answered with 409, and the row goes once a push carrying the
-- new epoch has set the baseline.
CREATE TABLE device_rebaseline (
  device_id uuid PRIMARY KEY REFERENCES device (id) ON DELETE CASCADE,
  team_id uuid NOT NULL REFERENCES team (id) ON DELETE CASCADE
);

ALTER TABLE device_rebaseline ENABLE ROW LEVEL SECURITY;
ALTER TABLE device_rebaseline FORCE ROW LEVEL SECURITY;
CREATE POLICY device_rebaseline_team ON device_rebaseline
  USING (team_id = nullif (current_setting ('app.team_id', true), '')::uuid);
