-- Coachbook catalog, version 4: asking the team server to email a session
-- again to one athlete whose email failed. Each request is a row of its own
-- (a new id per request), synced like any other; the server sends once per
-- row.

CREATE TABLE delivery_resend (
  id TEXT PRIMARY KEY NOT NULL,
  session_id TEXT NOT NULL,
  athlete_id TEXT NOT NULL,
  updated_at INTEGER NOT NULL DEFAULT 0,
  deleted INTEGER NOT NULL DEFAULT 0,
  server_version INTEGER NOT NULL DEFAULT 0,
  extra TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX delivery_resend_by_session ON delivery_resend (session_id, athlete_id);
