-- Coachbook catalog, version 3: file transfer with the team server.

-- An upload under way, so that it resumes after a restart: the server
-- keeps the multipart upload; this side remembers that it started one and
-- which parts it sent (the server's list wins when they disagree).
CREATE TABLE blob_upload (
  sha256 TEXT PRIMARY KEY NOT NULL,
  method TEXT NOT NULL CHECK (method IN ('put', 'multipart')),
  part_size INTEGER NOT NULL DEFAULT 0,
  part_count INTEGER NOT NULL DEFAULT 0,
  started_at INTEGER NOT NULL
);

CREATE TABLE blob_upload_part (
  sha256 TEXT NOT NULL REFERENCES blob_upload (sha256) ON DELETE CASCADE,
  part_number INTEGER NOT NULL,
  size INTEGER NOT NULL,
  etag TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (sha256, part_number)
);

-- Clips kept on this device for offline use: their files are downloaded
-- and never dropped to free space. Local to the device, not synced.
CREATE TABLE clip_pin (
  clip_id TEXT PRIMARY KEY NOT NULL,
  pinned_at INTEGER NOT NULL
);

CREATE INDEX clip_by_proxy_sha256 ON clip (proxy_sha256);
CREATE INDEX clip_by_thumbnail_sha256 ON clip (thumbnail_sha256);
CREATE INDEX blob_by_state ON blob (state);
