-- Coachbook team server, schema 1.
--
-- Identity tables (team, coach, device, login_failure) are read before the
-- team of a request is known: a login looks a coach up by email, a request
-- looks its device up by the hash of its bearer token. They carry no
-- row-level security; every query on them names the row it wants.
--
-- The team's data (record, team_clock, team_epoch, device_cursor, rejection)
-- has row-level security as a second wall behind the team_id filter that
-- every query already has: the server sets app.team_id from the token for
-- each transaction (set_config(..., true), i.e. SET LOCAL), so a query that
-- forgot its filter still sees one team only, and outside such a
-- transaction nothing at all. FORCE applies the policies to the owner too,
-- which is the role the server connects as; superusers and BYPASSRLS roles
-- (pg_dump run as postgres) are not affected.

CREATE TABLE team (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid (),
  name text NOT NULL UNIQUE CHECK (length (name) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now ()
);

CREATE TABLE coach (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid (),
  team_id uuid NOT NULL REFERENCES team (id) ON DELETE CASCADE,
  -- stored lower-cased: one account per address whatever its spelling
  email text NOT NULL UNIQUE CHECK (email = lower (email) AND length (email) BETWEEN 3 AND 320),
  -- Argon2id, in libsodium's crypto_pwhash_str format
  password_hash text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now ()
);
CREATE INDEX coach_by_team ON coach (team_id);

CREATE TABLE device (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid (),
  team_id uuid NOT NULL REFERENCES team (id) ON DELETE CASCADE,
  coach_id uuid NOT NULL REFERENCES coach (id) ON DELETE CASCADE,
  name text NOT NULL,
  -- sha256 of the bearer token; the token itself is never stored
  token_hash bytea NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now (),
  last_seen timestamptz NOT NULL DEFAULT now (),
  expires_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX device_by_coach ON device (coach_id);

-- Failed logins, counted per email and client address for rate limiting.
-- Kept in the database so that every server instance sees the same count.
CREATE TABLE login_failure (
  email text NOT NULL,
  client_ip text NOT NULL,
  at timestamptz NOT NULL DEFAULT now ()
);
CREATE INDEX login_failure_by_key ON login_failure (email, client_ip, at);
CREATE INDEX login_failure_by_time ON login_failure (at);

-- The team's version counter. A push locks this row first and holds it to
-- its commit, so versions are handed out in commit order: a pull that has
-- seen version V has seen every change with a smaller version. (A plain
-- sequence would let a slow transaction commit a smaller version after a
-- reader had moved past it.)
CREATE TABLE team_clock (
  team_id uuid PRIMARY KEY REFERENCES team (id) ON DELETE CASCADE,
  v bigint NOT NULL DEFAULT 0 CHECK (v >= 0)
);

-- Changes when the team's history is no longer what clients remember (a
-- restore from backup): clients holding another epoch must resync.
CREATE TABLE team_epoch (
  team_id uuid PRIMARY KEY REFERENCES team (id) ON DELETE CASCADE,
  epoch uuid NOT NULL DEFAULT gen_random_uuid (),
  changed_at timestamptz NOT NULL DEFAULT now ()
);

-- Every synced row of every type lives in this one table, its fields in one
-- jsonb object. Why not a table per type:
--  * per-field last-writer-wins is one expression, fields || incoming, the
--    same for every type, instead of generated SQL per table and column;
--  * fields this server does not know yet (newer clients) are kept as sent
--    and handed to other clients, with no migration on the server: schema
--    changes are additive and live in protocol/, the validation the server
--    applies before writing;
--  * a pull is one range scan of (team_id, server_version) in version order
--    across all types, where separate tables would need a merge of as many
--    ordered scans as there are types;
--  * references between rows are not foreign keys anyway: sync delivers a
--    child before its parent, and a row may reference a deleted one.
-- The cost is repeated key names in the stored JSON and no typed
-- constraints in the database; the server validates every field with the
-- wire schema before it writes.
CREATE TABLE record (
  team_id uuid NOT NULL REFERENCES team (id) ON DELETE CASCADE,
  tbl text NOT NULL,
  id uuid NOT NULL,
  fields jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof (fields) = 'object'),
  -- a tombstone: deletes win over later edits, and fields are dropped
  deleted boolean NOT NULL DEFAULT false,
  server_version bigint NOT NULL,
  updated_by_device uuid,
  created_at timestamptz NOT NULL DEFAULT now (),
  updated_at timestamptz NOT NULL DEFAULT now (),
  PRIMARY KEY (team_id, tbl, id)
);
-- Each change has its own version: pulls page by it, exactly.
CREATE UNIQUE INDEX record_by_version ON record (team_id, server_version);

-- The last mutation id acknowledged per device, and the team version at
-- which that happened (a pull reports last_mid only once its cursor has
-- reached that version, so a client never drops a pending edit before its
-- result has come back).
CREATE TABLE device_cursor (
  device_id uuid PRIMARY KEY REFERENCES device (id) ON DELETE CASCADE,
  team_id uuid NOT NULL REFERENCES team (id) ON DELETE CASCADE,
  last_mid bigint NOT NULL,
  last_mid_version bigint NOT NULL
);

-- Mutations refused for good (invalid, unknown table, edit of a deleted
-- row). They were acknowledged to the client, which keeps them as
-- conflicts; this is the operator's copy.
CREATE TABLE rejection (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  team_id uuid NOT NULL REFERENCES team (id) ON DELETE CASCADE,
  device_id uuid NOT NULL,
  mid bigint NOT NULL,
  tbl text,
  row_id text,
  code text NOT NULL,
  message text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now ()
);
CREATE INDEX rejection_by_team ON rejection (team_id, created_at);

ALTER TABLE record ENABLE ROW LEVEL SECURITY;
ALTER TABLE record FORCE ROW LEVEL SECURITY;
CREATE POLICY record_team ON record
  USING (team_id = nullif (current_setting ('app.team_id', true), '')::uuid);

ALTER TABLE team_clock ENABLE ROW LEVEL SECURITY;
ALTER TABLE team_clock FORCE ROW LEVEL SECURITY;
CREATE POLICY team_clock_team ON team_clock
  USING (team_id = nullif (current_setting ('app.team_id', true), '')::uuid);

ALTER TABLE team_epoch ENABLE ROW LEVEL SECURITY;
ALTER TABLE team_epoch FORCE ROW LEVEL SECURITY;
CREATE POLICY team_epoch_team ON team_epoch
  USING (team_id = nullif (current_setting ('app.team_id', true), '')::uuid);

ALTER TABLE device_cursor ENABLE ROW LEVEL SECURITY;
ALTER TABLE device_cursor FORCE ROW LEVEL SECURITY;
CREATE POLICY device_cursor_team ON device_cursor
  USING (team_id = nullif (current_setting ('app.team_id', true), '')::uuid);

ALTER TABLE rejection ENABLE ROW LEVEL SECURITY;
ALTER TABLE rejection FORCE ROW LEVEL SECURITY;
CREATE POLICY rejection_team ON rejection
  USING (team_id = nullif (current_setting ('app.team_id', true), '')::uuid);
