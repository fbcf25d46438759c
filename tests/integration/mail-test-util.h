/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "sync-test-util.h"

G_BEGIN_DECLS

/* The mail tests' pieces: a real SMTP server (smtp-sink.py, aiosmtpd) with
 * a Maildir and a control directory, a team with athletes, groups, a
 * workout and a session, and the messages as mail-read.py parses them. */

typedef struct
{
  GSubprocess *process;
  guint        port;
  char        *dir;       /* holds maildir/ and control/ */
  char        *maildir;
  char        *control;
  GStrv        args;      /* extra flags, kept for a restart */
} MailSink;

typedef struct
{
  SyncTestStack  *stack;
  SyncTestDevice *device;      /* the coach's laptop: pushes */
  SyncTestDevice *other;       /* a second device: pulls */
  char           *team_id;
  char           *workout_id;
  char           *exercise_id;
  char           *clip_id;
  char           *group_id;
  char           *session_id;
  char           *links[4];     /* session_athlete ids, by athlete (NULL for 1) */
  char           *athletes[4];  /* 0: direct, consents; 1: via the group, consents;
                                 * 2: direct, no consent; 3: direct, no email */
} MailTeam;

#define MAIL_TEST_FROM "sessions@example.org"
#define MAIL_TEST_SECRET "mail link test secret"

MailSink   *mail_sink_start          (const char * const *args);
void        mail_sink_restart        (MailSink           *sink);
void        mail_sink_kill           (MailSink           *sink);
void        mail_sink_free           (MailSink           *sink);
void        mail_sink_control        (MailSink           *sink,
                                      const char         *name,
                                      const char         *contents);
guint       mail_sink_count          (MailSink           *sink);
guint       mail_sink_wait           (MailSink           *sink,
                                      guint               n,
                                      guint               timeout_s);
JsonArray  *mail_sink_read           (MailSink           *sink);
char       *mail_smtp_env            (MailSink           *sink);

/* Server environment for mail tests: sends to sink, short hold, fast
 * polling and retries; extra NULL-terminated KEY=VALUE pairs override. */
GStrv       mail_server_env          (MailSink           *sink,
                                      ...) G_GNUC_NULL_TERMINATED;

MailTeam   *mail_team_new            (const char * const *server_env);
void        mail_team_free           (MailTeam           *team);
void        mail_team_push           (MailTeam           *team,
                                      const char         *table,
                                      const char         *op,
                                      const char         *id,
                                      const char         *fields_json);
char       *mail_future_time         (int                 days);
void        mail_team_add_session    (MailTeam           *team,
                                      gboolean            notify);
GPtrArray  *mail_team_pull           (MailTeam           *team);
CoachWireChange *mail_team_delivery  (MailTeam           *team,
                                      GPtrArray          *changes,
                                      const char         *session_id,
                                      const char         *athlete_id);
char       *mail_team_wait_delivery  (MailTeam           *team,
                                      const char         *athlete_id,
                                      const char         *status,
                                      guint               timeout_s);
JsonObject *mail_find_message        (JsonArray          *messages,
                                      const char         *rcpt,
                                      guint              *count);
char       *mail_athlete_email       (guint               i);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MailSink, mail_sink_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MailTeam, mail_team_free)

G_END_DECLS
