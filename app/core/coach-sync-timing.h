/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* When background sync runs: plain functions over numbers, so the rules
 * can be tested without a clock or a server. All times in milliseconds. */

typedef enum
{
  COACH_SYNC_TRIGGER_LOCAL_CHANGE, /* the coach saved something */
  COACH_SYNC_TRIGGER_POLL,         /* nothing happened: look for the team's changes */
  COACH_SYNC_TRIGGER_NETWORK,      /* the network came back */
  COACH_SYNC_TRIGGER_MANUAL,       /* "Sync Now" */
  COACH_SYNC_TRIGGER_AFTER_FAILURE,/* the last run failed */
} CoachSyncTrigger;

typedef struct
{
  guint debounce_ms;     /* quiet time after the last local write */
  guint poll_ms;         /* between runs when all is well */
  guint backoff_base_ms; /* first retry after a failure */
  guint backoff_cap_ms;  /* longest wait between retries */
} CoachSyncTiming;

#define COACH_SYNC_TIMING_DEFAULT { 2000, 60000, 5000, 300000 }

/* The wait before retry number @failures (1 = after the first failure):
 * doubling from backoff_base_ms up to backoff_cap_ms, of which a random
 * half is taken (@jitter in [0, 1)) so that a team's devices coming back
 * at once do not retry in lockstep. 0 when @failures is 0. */
guint   coach_sync_backoff_delay   (const CoachSyncTiming *timing,
                                    guint                  failures,
                                    double                 jitter);

/* How long from @now_ms until the next run for @trigger. @failures is the
 * number of failed runs in a row and @retry_at_ms when the backoff allows
 * the next one (0 if none). Returns -1 when the trigger does not call for a
 * run (the network came back but nothing was failing). */
gint64  coach_sync_next_delay      (const CoachSyncTiming *timing,
                                    CoachSyncTrigger       trigger,
                                    guint                  failures,
                                    gint64                 now_ms,
                                    gint64                 retry_at_ms,
                                    double                 jitter);

/* "just now", "2 min ago", "3 h ago", "yesterday", or a date, for the last
 * sync time; "never" for 0. */
char   *coach_sync_format_ago      (gint64                 then_ms,
                                    gint64                 now_ms);

/* "3 changes waiting to be sent", "All changes sent". */
char   *coach_sync_format_pending  (guint                  pending);

G_END_DECLS
