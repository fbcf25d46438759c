/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-catalog.h"

G_BEGIN_DECLS

/* Planning sessions: start times, the agenda by day, and saves that touch a
 * session and its links in one transaction. No GTK here, so all of it is
 * unit tested. */

/* RFC 3339 with the offset of @start's own zone ("2026-11-24T18:00:00+01:00"). */
char        *coach_session_plan_format_start (GDateTime          *start);
/* The start of a session in local time; NULL when @starts_at is not a
 * date with an offset. */
GDateTime   *coach_session_plan_parse_start  (const char         *starts_at);
/* The IANA name of the local zone ("Europe/Berlin"), or NULL when the
 * system does not say. */
char        *coach_session_plan_local_zone   (void);

/* A start from what a coach types: @date as "2026-11-24", @time as "18:00"
 * (or "18.00", "7:30"), in @zone (NULL: local). Says which part is wrong
 * through @invalid_part ("date" or "time"). */
GDateTime   *coach_session_plan_make_start   (const char         *date,
                                              const char         *time,
                                              GTimeZone          *zone,
                                              const char        **invalid_part,
                                              GError            **error);

/* "Today", "Tomorrow", "Yesterday", a weekday within the coming week, else
 * the date; @day and @now in the same zone. */
char        *coach_session_plan_day_label    (GDateTime          *day,
                                              GDateTime          *now);

typedef struct
{
  char      *key;        /* "2026-11-24", local */
  char      *label;      /* see coach_session_plan_day_label() */
  gboolean   past;       /* before today */
  GPtrArray *sessions;   /* CoachRecord, by start time */
} CoachAgendaDay;

void         coach_agenda_day_free           (CoachAgendaDay     *day);
/* Groups @sessions (CoachRecord of table "session") by local day: today and
 * later first, soonest first; then past days, latest first. Sessions
 * without a readable start come last, under "No date". */
GPtrArray   *coach_session_plan_agenda       (GPtrArray          *sessions,
                                              GDateTime          *now);

/* Makes the links from @a_id in @link_table exactly @b_ids: links what is
 * missing, unlinks the rest. Inside the caller's transaction if any. */
gboolean     coach_session_plan_set_links    (CoachCatalog       *catalog,
                                              const char         *link_table,
                                              const char         *a_id,
                                              const char * const *b_ids,
                                              GError            **error);

/* Validates @session, then saves it with exactly these athletes and groups
 * in one transaction: on any error nothing is stored. */
gboolean     coach_session_plan_save         (CoachCatalog       *catalog,
                                              CoachRecord        *session,
                                              const char * const *athlete_ids,
                                              const char * const *group_ids,
                                              GError            **error);
gboolean     coach_session_plan_set_status   (CoachCatalog       *catalog,
                                              CoachRecord        *session,
                                              const char         *status,
                                              GError            **error);

/* Everyone a session is for: its athletes, then the members of its groups
 * who are not archived, each once, in that order. */
char       **coach_session_plan_dup_athlete_ids (CoachCatalog    *catalog,
                                                 const char      *session_id,
                                                 GError         **error);
/* The row of @table ("session_log", "delivery") for one athlete in one
 * session; NULL without an error when there is none. */
CoachRecord *coach_session_plan_find_row     (CoachCatalog       *catalog,
                                              const char         *table,
                                              const char         *session_id,
                                              const char         *athlete_id,
                                              GError            **error);
/* Records how an athlete did. @rpe 1-10, or 0 for not rated. */
gboolean     coach_session_plan_save_log     (CoachCatalog       *catalog,
                                              const char         *session_id,
                                              const char         *athlete_id,
                                              gboolean            completed,
                                              int                 rpe,
                                              const char         *feedback,
                                              GError            **error);

/* Email delivery of a session to one athlete, as the app shows it. */
typedef enum
{
  COACH_DELIVERY_STATE_NONE,              /* the server has not written a row */
  COACH_DELIVERY_STATE_QUEUED,            /* also any status from a newer server */
  COACH_DELIVERY_STATE_SENT,
  COACH_DELIVERY_STATE_FAILED,            /* the server tries again */
  COACH_DELIVERY_STATE_DEAD,              /* the server gave up */
  COACH_DELIVERY_STATE_RESEND_REQUESTED,  /* asked again, no newer status yet */
} CoachDeliveryState;

typedef struct
{
  guint athletes;  /* everyone the session is for */
  guint sent;
  guint queued;    /* queued, or asked to send again */
  guint failed;    /* failed or dead, not asked again */
  guint none;      /* no delivery row (no address, no consent, not synced) */
} CoachDeliveryCounts;

/* The state of @delivery (a "delivery" row, or NULL), taking into account
 * the coach's requests to send again for the same session and athlete. A
 * request counts until the server writes a newer delivery status: until
 * then its server version is 0 (not pushed yet) or above the delivery's. */
CoachDeliveryState coach_session_plan_delivery_state (CoachCatalog    *catalog,
                                                      CoachRecord     *delivery,
                                                      const char      *session_id,
                                                      const char      *athlete_id,
                                                      GError         **error);
/* Counts the delivery states of everyone @session_id is for. */
gboolean     coach_session_plan_count_deliveries (CoachCatalog        *catalog,
                                                  const char          *session_id,
                                                  CoachDeliveryCounts *counts,
                                                  GError             **error);
/* Asks the server to email @session_id to @athlete_id again, after a failed
 * delivery: a new "delivery_resend" row, which syncs like any edit. Refuses
 * unknown sessions and athletes, and deliveries that did not fail. */
gboolean     coach_session_plan_request_resend (CoachCatalog       *catalog,
                                                const char         *session_id,
                                                const char         *athlete_id,
                                                GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoachAgendaDay, coach_agenda_day_free)

G_END_DECLS
