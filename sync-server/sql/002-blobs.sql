-- Coachbook team server, schema 2: blobs.
--
-- A blob is a file (a clip, a proxy, a thumbnail) named by the sha256 of
-- its contents, stored once per team. Its contents live in the blob store
-- (a directory or an S3 bucket) under TEAM/SHA256; this table says what the
-- team has and who uploaded it. A row starts pending at /v1/blobs/init and
-- becomes available at /complete once the store has the right size (and,
-- when the store can hash, the right sha256). Pending rows older than the
-- grace period are orphans: removed with whatever the store holds.

CREATE TABLE blob (
  team_id uuid NOT NULL REFERENCES team (id) ON DELETE CASCADE,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size bigint NOT NULL CHECK (size >= 0),
  mime text CHECK (length (mime) <= 200),
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'available')),
  -- the store's multipart upload, while one is under way
  upload_id text,
  part_size bigint CHECK (part_size > 0),
  created_by uuid REFERENCES coach (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now (),
  completed_at timestamptz,
  PRIMARY KEY (team_id, sha256)
);
-- the weekly upload quota sums a coach's recent blobs
CREATE INDEX blob_by_creator ON blob (created_by, created_at);
CREATE INDEX blob_pending ON blob (created_at) WHERE state = 'pending';

-- Parts of a multipart upload as clients reported them. S3 has ListParts,
-- but not every S3-compatible store does; this list is what resume and
-- complete rely on when the store cannot list.
CREATE TABLE blob_part (
  team_id uuid NOT NULL,
  sha256 text NOT NULL,
  upload_id text NOT NULL,
  part_number integer NOT NULL CHECK (part_number BETWEEN 1 AND 10000),
  size bigint NOT NULL CHECK (size >= 0),
  etag text NOT NULL CHECK (length (etag) <= 200),
  PRIMARY KEY (team_id, sha256, upload_id, part_number),
  FOREIGN KEY (team_id, sha256) REFERENCES blob (team_id, sha256) ON DELETE CASCADE
);

ALTER TABLE blob ENABLE ROW LEVEL SECURITY;
ALTER TABLE blob FORCE ROW LEVEL SECURITY;
CREATE POLICY blob_team ON blob
  USING (team_id = nullif (current_setting ('app.team_id', true), '')::uuid);

ALTER TABLE blob_part ENABLE ROW LEVEL SECURITY;
ALTER TABLE blob_part FORCE ROW LEVEL SECURITY;
CREATE POLICY blob_part_team ON blob_part
  USING (team_id = nullif (current_setting ('app.team_id', true), '')::uuid);
