-- Coachbook team server, schema 6: athlete emails.
--
-- A push that creates or changes a session marked notify inserts one
-- email_outbox row per athlete in its own transaction, so a session that
-- synced is a session whose emails are queued. Mail workers (in every
-- server instance) claim due rows with FOR UPDATE SKIP LOCKED and a lease:
-- a worker killed between sending and marking leaves its row to be retried
-- once the lease has run out, with the same Message-ID.
--
-- Row-level security as on the team's other tables. The workers' claim
-- spans teams: it runs in a transaction that sets app.mail_worker, which
-- opens email_outbox and email_rate (and nothing else) to all teams; what a
-- worker then reads of a team's records it reads under that team's
-- app.team_id.

CREATE TABLE email_outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  team_id uuid NOT NULL REFERENCES team (id) ON DELETE CASCADE,
  session_id uuid NOT NULL,
  athlete_id uuid NOT NULL,
  -- the session's server_version for an invite (the calendar SEQUENCE); a
  -- cancellation uses a version after the last invite
  revision bigint NOT NULL,
  kind text NOT NULL CHECK (kind IN ('invite', 'cancel')),
  -- the delivery_resend row that asked for this email, if any
  resend_id uuid,
  -- the Message-ID's local part, kept across retries
  message_id text NOT NULL DEFAULT gen_random_uuid ()::text,
  -- a cancellation's copy of the session fields (the session may be gone)
  session_fields jsonb,
  state text NOT NULL DEFAULT 'queued'
    CHECK (state IN ('queued', 'sending', 'sent', 'dead', 'superseded')),
  attempts integer NOT NULL DEFAULT 0,
  not_before timestamptz NOT NULL DEFAULT now (),
  lease_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now (),
  sent_at timestamptz
);
-- one email per session revision and athlete, however often the push that
-- made it is resent; resends are one per delivery_resend row
CREATE UNIQUE INDEX email_outbox_dedupe ON email_outbox (team_id, session_id, revision, athlete_id)
  WHERE resend_id IS NULL;
CREATE UNIQUE INDEX email_outbox_resend ON email_outbox (team_id, resend_id)
  WHERE resend_id IS NOT NULL;
CREATE INDEX email_outbox_due ON email_outbox (not_before, id) WHERE state IN ('queued', 'sending');
CREATE INDEX email_outbox_by_recipient ON email_outbox (team_id, session_id, athlete_id);

-- Per-team sending budget, one fixed one-minute window per team. The row
-- lock serialises the count across server instances.
CREATE TABLE email_rate (
  team_id uuid PRIMARY KEY REFERENCES team (id) ON DELETE CASCADE,
  window_start timestamptz NOT NULL,
  n integer NOT NULL
);

-- Clip links opened from emails.
CREATE TABLE email_clip_view (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  team_id uuid NOT NULL REFERENCES team (id) ON DELETE CASCADE,
  session_id uuid NOT NULL,
  athlete_id uuid NOT NULL,
  clip_id uuid NOT NULL,
  viewed_at timestamptz NOT NULL DEFAULT now ()
);
CREATE INDEX email_clip_view_by_session ON email_clip_view (team_id, session_id);

-- The key of the links in emails (clip and unsubscribe), when the
-- configuration does not set one: made once, shared by every instance.
-- Not team data, no row-level security; only the server role can read it.
CREATE TABLE email_secret (
  id integer PRIMARY KEY CHECK (id = 1),
  secret text NOT NULL
);
INSERT INTO email_secret (id, secret)
  VALUES (1, replace (gen_random_uuid ()::text || gen_random_uuid ()::text, '-', ''));

ALTER TABLE email_outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE email_outbox FORCE ROW LEVEL SECURITY;
CREATE POLICY email_outbox_team ON email_outbox
  USING (team_id = nullif (current_setting ('app.team_id', true), '')::uuid
         OR current_setting ('app.mail_worker', true) = 'on');

ALTER TABLE email_rate ENABLE ROW LEVEL SECURITY;
ALTER TABLE email_rate FORCE ROW LEVEL SECURITY;
CREATE POLICY email_rate_team ON email_rate
  USING (team_id = nullif (current_setting ('app.team_id', true), '')::uuid
         OR current_setting ('app.mail_worker', true) = 'on');

ALTER TABLE email_clip_view ENABLE ROW LEVEL SECURITY;
ALTER TABLE email_clip_view FORCE ROW LEVEL SECURITY;
CREATE POLICY email_clip_view_team ON email_clip_view
  USING (team_id = nullif (current_setting ('app.team_id', true), '')::uuid);
