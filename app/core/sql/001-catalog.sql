-- Coachbook catalog, version 1: the synced tables and the local-only ones.
--
-- Every synced row carries: id (UUIDv7 made on the device, or UUIDv5 for rows
-- that ship with the app), updated_at (unix ms, informational only: device
-- clocks never decide a merge), deleted (tombstone), server_version (the
-- server's version of the row last seen here) and extra (fields from newer
-- clients, kept as they came).
--
-- References between synced rows are not FOREIGN KEYs: sync delivers rows in
-- server order, so a child can arrive before its parent. Queries join with
-- that in mind; local-only tables do use foreign keys.

CREATE TABLE category (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  color TEXT,
  updated_at INTEGER NOT NULL DEFAULT 0,
  deleted INTEGER NOT NULL DEFAULT 0,
  server_version INTEGER NOT NULL DEFAULT 0,
  extra TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE tag (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  color TEXT,
  updated_at INTEGER NOT NULL DEFAULT 0,
  deleted INTEGER NOT NULL DEFAULT 0,
  server_version INTEGER NOT NULL DEFAULT 0,
  extra TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE exercise (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  instructions TEXT,
  difficulty TEXT NOT NULL DEFAULT 'medium',
  has_jump INTEGER NOT NULL DEFAULT 0,
  default_duration_s INTEGER DEFAULT 30,
  muscles TEXT NOT NULL DEFAULT '[]',
  equipment TEXT NOT NULL DEFAULT '[]',
  calories_per_min REAL,
  primary_clip_id TEXT,
  alternatives TEXT NOT NULL DEFAULT '[]',
  archived INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL DEFAULT 0,
  deleted INTEGER NOT NULL DEFAULT 0,
  server_version INTEGER NOT NULL DEFAULT 0,
  extra TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX exercise_by_name ON exercise (deleted, name COLLATE NOCASE);

CREATE TABLE clip (
  id TEXT PRIMARY KEY NOT NULL,
  title TEXT NOT NULL,
  notes TEXT,
  original_name TEXT,
  sha256 TEXT,
  size INTEGER,
  duration_ms INTEGER,
  width INTEGER,
  height INTEGER,
  frame_rate REAL,
  rotation INTEGER,
  container TEXT,
  video_codec TEXT,
  audio_codec TEXT,
  proxy_sha256 TEXT,
  thumbnail_sha256 TEXT,
  trim_in_ms INTEGER,
  trim_out_ms INTEGER,
  exercise_id TEXT,
  status TEXT NOT NULL DEFAULT 'pending',
  error TEXT,
  updated_at INTEGER NOT NULL DEFAULT 0,
  deleted INTEGER NOT NULL DEFAULT 0,
  server_version INTEGER NOT NULL DEFAULT 0,
  extra TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX clip_by_title ON clip (deleted, title COLLATE NOCASE);
CREATE INDEX clip_by_sha256 ON clip (sha256);
CREATE INDEX clip_by_exercise ON clip (exercise_id);

CREATE TABLE clip_marker (
  id TEXT PRIMARY KEY NOT NULL,
  clip_id TEXT NOT NULL,
  t_ms INTEGER NOT NULL DEFAULT 0,
  text TEXT,
  updated_at INTEGER NOT NULL DEFAULT 0,
  deleted INTEGER NOT NULL DEFAULT 0,
  server_version INTEGER NOT NULL DEFAULT 0,
  extra TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX clip_marker_by_clip ON clip_marker (clip_id, t_ms);

CREATE TABLE exercise_category (
  id TEXT PRIMARY KEY NOT NULL,
  exercise_id TEXT NOT NULL,
  category_id TEXT NOT NULL,
  updated_at INTEGER NOT NULL DEFAULT 0,
  deleted INTEGER NOT NULL DEFAULT 0,
  server_version INTEGER NOT NULL DEFAULT 0,
  extra TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX exercise_category_by_exercise ON exercise_category (exercise_id);
CREATE INDEX exercise_category_by_category ON exercise_category (category_id);

CREATE TABLE exercise_tag (
  id TEXT PRIMARY KEY NOT NULL,
  exercise_id TEXT NOT NULL,
  tag_id TEXT NOT NULL,
  updated_at INTEGER NOT NULL DEFAULT 0,
  deleted INTEGER NOT NULL DEFAULT 0,
  server_version INTEGER NOT NULL DEFAULT 0,
  extra TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX exercise_tag_by_exercise ON exercise_tag (exercise_id);
CREATE INDEX exercise_tag_by_tag ON exercise_tag (tag_id);

CREATE TABLE clip_tag (
  id TEXT PRIMARY KEY NOT NULL,
  clip_id TEXT NOT NULL,
  tag_id TEXT NOT NULL,
  updated_at INTEGER NOT NULL DEFAULT 0,
  deleted INTEGER NOT NULL DEFAULT 0,
  server_version INTEGER NOT NULL DEFAULT 0,
  extra TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX clip_tag_by_clip ON clip_tag (clip_id);
CREATE INDEX clip_tag_by_tag ON clip_tag (tag_id);

CREATE TABLE workout (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  work_s INTEGER DEFAULT 40,
  rest_s INTEGER DEFAULT 20,
  rounds INTEGER DEFAULT 1,
  warmup_s INTEGER DEFAULT 0,
  cooldown_s INTEGER DEFAULT 0,
  target_duration_s INTEGER,
  intensity TEXT NOT NULL DEFAULT 'medium',
  no_jump INTEGER NOT NULL DEFAULT 0,
  no_repeat INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'draft',
  total_duration_s INTEGER DEFAULT 0,
  updated_at INTEGER NOT NULL DEFAULT 0,
  deleted INTEGER NOT NULL DEFAULT 0,
  server_version INTEGER NOT NULL DEFAULT 0,
  extra TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX workout_by_name ON workout (deleted, name COLLATE NOCASE);

CREATE TABLE workout_item (
  id TEXT PRIMARY KEY NOT NULL,
  workout_id TEXT NOT NULL,
  exercise_id TEXT NOT NULL,
  position TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'timed',
  work_s INTEGER,
  rest_s INTEGER,
  sets INTEGER,
  reps INTEGER,
  load_kg REAL,
  notes TEXT,
  updated_at INTEGER NOT NULL DEFAULT 0,
  deleted INTEGER NOT NULL DEFAULT 0,
  server_version INTEGER NOT NULL DEFAULT 0,
  extra TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX workout_item_by_workout ON workout_item (workout_id, position, id);
CREATE INDEX workout_item_by_exercise ON workout_item (exercise_id);

CREATE TABLE athlete (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  email TEXT,
  email_consent INTEGER NOT NULL DEFAULT 0,
  level TEXT NOT NULL DEFAULT 'intermediate',
  preferences TEXT NOT NULL DEFAULT '{}',
  notes TEXT,
  archived INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL DEFAULT 0,
  deleted INTEGER NOT NULL DEFAULT 0,
  server_version INTEGER NOT NULL DEFAULT 0,
  extra TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX athlete_by_name ON athlete (deleted, name COLLATE NOCASE);

CREATE TABLE athlete_group (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  archived INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL DEFAULT 0,
  deleted INTEGER NOT NULL DEFAULT 0,
  server_version INTEGER NOT NULL DEFAULT 0,
  extra TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE group_member (
  id TEXT PRIMARY KEY NOT NULL,
  group_id TEXT NOT NULL,
  athlete_id TEXT NOT NULL,
  updated_at INTEGER NOT NULL DEFAULT 0,
  deleted INTEGER NOT NULL DEFAULT 0,
  server_version INTEGER NOT NULL DEFAULT 0,
  extra TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX group_member_by_group ON group_member (group_id);
CREATE INDEX group_member_by_athlete ON group_member (athlete_id);

CREATE TABLE session (
  id TEXT PRIMARY KEY NOT NULL,
  workout_id TEXT,
  title TEXT,
  starts_at TEXT NOT NULL,
  timezone TEXT,
  duration_s INTEGER,
  location TEXT,
  notes TEXT,
  notify INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'planned',
  updated_at INTEGER NOT NULL DEFAULT 0,
  deleted INTEGER NOT NULL DEFAULT 0,
  server_version INTEGER NOT NULL DEFAULT 0,
  extra TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX session_by_start ON session (deleted, starts_at);
CREATE INDEX session_by_workout ON session (workout_id);

CREATE TABLE session_athlete (
  id TEXT PRIMARY KEY NOT NULL,
  session_id TEXT NOT NULL,
  athlete_id TEXT NOT NULL,
  updated_at INTEGER NOT NULL DEFAULT 0,
  deleted INTEGER NOT NULL DEFAULT 0,
  server_version INTEGER NOT NULL DEFAULT 0,
  extra TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX session_athlete_by_session ON session_athlete (session_id);
CREATE INDEX session_athlete_by_athlete ON session_athlete (athlete_id);

CREATE TABLE session_group (
  id TEXT PRIMARY KEY NOT NULL,
  session_id TEXT NOT NULL,
  group_id TEXT NOT NULL,
  updated_at INTEGER NOT NULL DEFAULT 0,
  deleted INTEGER NOT NULL DEFAULT 0,
  server_version INTEGER NOT NULL DEFAULT 0,
  extra TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX session_group_by_session ON session_group (session_id);

CREATE TABLE session_log (
  id TEXT PRIMARY KEY NOT NULL,
  session_id TEXT NOT NULL,
  athlete_id TEXT NOT NULL,
  completed INTEGER NOT NULL DEFAULT 0,
  rpe INTEGER,
  feedback TEXT,
  updated_at INTEGER NOT NULL DEFAULT 0,
  deleted INTEGER NOT NULL DEFAULT 0,
  server_version INTEGER NOT NULL DEFAULT 0,
  extra TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX session_log_by_session ON session_log (session_id, athlete_id);

CREATE TABLE delivery (
  id TEXT PRIMARY KEY NOT NULL,
  session_id TEXT NOT NULL,
  athlete_id TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'queued',
  error TEXT,
  sent_at TEXT,
  updated_at INTEGER NOT NULL DEFAULT 0,
  deleted INTEGER NOT NULL DEFAULT 0,
  server_version INTEGER NOT NULL DEFAULT 0,
  extra TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX delivery_by_session ON delivery (session_id);

-- Local only -----------------------------------------------------------------

-- Every local write of a synced row appends the fields it changed, in the
-- same transaction. The sync client pushes these in mid order.
CREATE TABLE outbox (
  mid INTEGER PRIMARY KEY AUTOINCREMENT,
  tbl TEXT NOT NULL,
  row_id TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
  fields TEXT NOT NULL DEFAULT '{}',
  base_version INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX outbox_by_row ON outbox (tbl, row_id);

CREATE TABLE blob (
  sha256 TEXT PRIMARY KEY NOT NULL,
  path TEXT,
  size INTEGER NOT NULL,
  mime_type TEXT,
  state TEXT NOT NULL DEFAULT 'local'
    CHECK (state IN ('local', 'uploading', 'uploaded', 'downloading', 'missing')),
  created_at INTEGER NOT NULL
);

CREATE TABLE media_job (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  clip_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'queued'
    CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  progress REAL NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  params TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX media_job_by_state ON media_job (state, id);

CREATE TABLE sync_state (
  key TEXT PRIMARY KEY NOT NULL,
  value TEXT
);

-- A remote change that overwrote a local edit, or the reverse: kept so the
-- coach can look at what was replaced. Nothing disappears silently.
CREATE TABLE conflict (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tbl TEXT NOT NULL,
  row_id TEXT NOT NULL,
  field TEXT NOT NULL,
  local_value TEXT,
  remote_value TEXT,
  created_at INTEGER NOT NULL,
  resolved INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE meta (
  key TEXT PRIMARY KEY NOT NULL,
  value TEXT
);
