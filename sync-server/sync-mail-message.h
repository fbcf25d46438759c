/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What an athlete's email about a session says. Plain data: the mail
 * queue fills it from the team's records, sync_mail_message_build() turns
 * it into an RFC 5322 message. No I/O here. */

typedef struct
{
  char    *name;        /* the exercise's name */
  char    *kind;        /* "timed" or "sets" */
  gint64   work_s;      /* timed: seconds of work; sets: 0 */
  gint64   rest_s;      /* rest after the item (or between sets), seconds */
  gint64   sets;        /* sets: number of sets */
  gint64   reps;        /* sets: reps per set, 0 if not given */
  double   load_kg;     /* sets: load, 0 if not given */
  char    *notes;       /* may be NULL */
  char    *clip_url;    /* link to the exercise's clip, NULL when it has none */
} SyncMailItem;

typedef struct
{
  char      *session_id;   /* the session's UUID: the calendar UID is built from it */
  gint64     revision;     /* grows with every change: the calendar SEQUENCE */
  gboolean   cancelled;    /* a cancellation (METHOD:CANCEL) rather than an invite */
  char      *title;        /* may be NULL: the workout's name is used then */
  char      *starts_at;    /* RFC 3339 with offset, as synced */
  char      *timezone;     /* IANA zone name, may be NULL (then the offset of starts_at) */
  gint64     duration_s;   /* 0 when unknown: the workout's total is used, else one hour */
  char      *location;     /* may be NULL */
  char      *notes;        /* may be NULL */
  char      *workout_name; /* may be NULL */
  char      *workout_description; /* may be NULL */
  gint64     workout_total_s;     /* computed total duration of the workout, 0 if unknown */
  GPtrArray *items;        /* of SyncMailItem, in workout order; may be empty */
  char      *team_name;
  char      *organizer_name;  /* the coach who planned the session, may be NULL */
} SyncMailSession;

typedef struct
{
  char *name;
  char *email;
  char *language;       /* "en", "de", "fr"; NULL or unknown: English */
} SyncMailRecipient;

typedef struct
{
  char      *from;             /* address only, e.g. "sessions@example.org" */
  char      *from_name;        /* display name, may be NULL: the team's name then */
  char      *message_id;       /* without angle brackets; stable per outbox row */
  char      *unsubscribe_url;  /* one-click unsubscribe link for this athlete */
  GDateTime *date;             /* the Date header */
} SyncMailEnvelope;

void sync_mail_item_free    (SyncMailItem    *item);
void sync_mail_session_free (SyncMailSession *session);
SyncMailSession *sync_mail_session_new (void);  /* items array ready, frees with sync_mail_item_free */

/* The whole message, CRLF line ends, ready for SMTP DATA (dot-stuffing is
 * the transport's job): headers (From, To, Subject, Date, Message-ID,
 * MIME-Version, List-Unsubscribe, List-Unsubscribe-Post) and a
 * multipart/alternative body of text/plain, text/html and text/calendar
 * (METHOD REQUEST or CANCEL). Subject and body in the recipient's
 * language. Fails only on data it cannot express (e.g. an unparsable
 * starts_at). */
GBytes *sync_mail_message_build (const SyncMailSession   *session,
                                 const SyncMailRecipient *to,
                                 const SyncMailEnvelope  *envelope,
                                 GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncMailSession, sync_mail_session_free)

G_END_DECLS
