/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-sync-timing"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "coach-sync-timing.h"

guint
coach_sync_backoff_delay (const CoachSyncTiming *timing,
                          guint                  failures,
                          double                 jitter)
{
  guint64 full;

  g_return_val_if_fail (timing != NULL, 0);

  if (failures == 0)
    return 0;
  jitter = CLAMP (jitter, 0.0, 1.0);

  /* 2^30 times any base is past every sane cap: stop doubling there. */
  full = (guint64) timing->backoff_base_ms << MIN (failures - 1, 30);
  full = MIN (full, timing->backoff_cap_ms);
  return (guint) (full / 2 + (guint64) (jitter * (full / 2)));
}

gint64
coach_sync_next_delay (const CoachSyncTiming *timing,
                       CoachSyncTrigger       trigger,
                       guint                  failures,
                       gint64                 now_ms,
                       gint64                 retry_at_ms,
                       double                 jitter)
{
  gint64 backoff_left = failures > 0 && retry_at_ms > now_ms ? retry_at_ms - now_ms : 0;

  g_return_val_if_fail (timing != NULL, -1);

  switch (trigger)
    {
    case COACH_SYNC_TRIGGER_MANUAL:
      /* The coach asked: that overrides any backoff. */
      return 0;

    case COACH_SYNC_TRIGGER_NETWORK:
      /* Only worth a run when the last one failed; give the new link a
       * moment to settle (DHCP, DNS). */
      return failures > 0 ? MIN ((gint64) timing->debounce_ms, 1000) : -1;

    case COACH_SYNC_TRIGGER_LOCAL_CHANGE:
      /* Quiet time after the last write, but a failing server is not
       * hammered by every keystroke. */
      return MAX ((gint64) timing->debounce_ms, backoff_left);

    case COACH_SYNC_TRIGGER_POLL:
      return failures > 0 ? MAX (backoff_left, (gint64) coach_sync_backoff_delay (timing, failures, jitter))
                          : (gint64) timing->poll_ms;

    case COACH_SYNC_TRIGGER_AFTER_FAILURE:
      return coach_sync_backoff_delay (timing, MAX (failures, 1), jitter);

    default:
      g_return_val_if_reached (-1);
    }
}

char *
coach_sync_format_ago (gint64 then_ms,
                       gint64 now_ms)
{
  gint64 seconds;
  g_autoptr(GDateTime) then = NULL;

  if (then_ms <= 0)
    return g_strdup (_("never"));

  seconds = (now_ms - then_ms) / 1000;
  if (seconds < 60)
    return g_strdup (_("just now"));
  if (seconds < 3600)
    /* Translators: how long ago the last sync was, in minutes */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min ago", "%d min ago", (gulong) (seconds / 60)),
                            (int) (seconds / 60));
  if (seconds < 24 * 3600)
    /* Translators: how long ago the last sync was, in hours */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d h ago", "%d h ago", (gulong) (seconds / 3600)),
                            (int) (seconds / 3600));
  if (seconds < 48 * 3600)
    return g_strdup (_("yesterday"));

  then = g_date_time_new_from_unix_local (then_ms / 1000);
  /* Translators: a date for the last sync, see g_date_time_format() */
  return g_date_time_format (then, _("%e %b %Y"));
}

char *
coach_sync_format_pending (guint pending)
{
  if (pending == 0)
    return g_strdup (_("All changes sent"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change waiting to be sent",
                                       "%u changes waiting to be sent", pending), pending);
}
