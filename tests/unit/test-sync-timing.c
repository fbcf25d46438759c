/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * When background sync runs: backoff, debounce and the "2 min ago" text.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "coach-sync-client.h"
#include "coach-sync-service.h"
#include "coach-sync-timing.h"

static const CoachSyncTiming timing = { 2000, 60000, 5000, 300000 };

static void
test_backoff_doubles_to_cap (void)
{
  guint previous_full = 0;

  g_assert_cmpuint (coach_sync_backoff_delay (&timing, 0, 0.5), ==, 0);

  /* jitter 0 gives half the full delay, jitter ~1 nearly all of it */
  g_assert_cmpuint (coach_sync_backoff_delay (&timing, 1, 0.0), ==, 2500);
  g_assert_cmpuint (coach_sync_backoff_delay (&timing, 1, 0.999999), >=, 4999);
  g_assert_cmpuint (coach_sync_backoff_delay (&timing, 1, 0.999999), <=, 5000);
  g_assert_cmpuint (coach_sync_backoff_delay (&timing, 2, 0.0), ==, 5000);
  g_assert_cmpuint (coach_sync_backoff_delay (&timing, 3, 0.0), ==, 10000);

  for (guint failures = 1; failures < 200; failures++)
    {
      guint low = coach_sync_backoff_delay (&timing, failures, 0.0);
      guint high = coach_sync_backoff_delay (&timing, failures, 0.999999);
      guint full = low * 2;

      g_assert_cmpuint (full, >=, previous_full);   /* never shrinks */
      g_assert_cmpuint (high, <=, timing.backoff_cap_ms);
      g_assert_cmpuint (high, >=, low);
      previous_full = full;
    }
  g_assert_cmpuint (previous_full, ==, timing.backoff_cap_ms);
}

static void
test_backoff_jitter_spreads (void)
{
  GHashTable *seen = g_hash_table_new (NULL, NULL);
  GRand *rand = g_rand_new_with_seed (7);

  /* Many devices failing at once pick different waits. */
  for (guint i = 0; i < 100; i++)
    {
      guint d = coach_sync_backoff_delay (&timing, 4, g_rand_double (rand));

      g_assert_cmpuint (d, >=, 20000);
      g_assert_cmpuint (d, <=, 40000);
      g_hash_table_add (seen, GUINT_TO_POINTER (d));
    }
  g_assert_cmpuint (g_hash_table_size (seen), >, 50);
  g_hash_table_unref (seen);
  g_rand_free (rand);
}

static void
test_next_delay (void)
{
  const gint64 now = 1000000;

  /* all is well */
  g_assert_cmpint (coach_sync_next_delay (&timing, COACH_SYNC_TRIGGER_LOCAL_CHANGE, 0, now, 0, 0.5), ==, 2000);
  g_assert_cmpint (coach_sync_next_delay (&timing, COACH_SYNC_TRIGGER_POLL, 0, now, 0, 0.5), ==, 60000);
  g_assert_cmpint (coach_sync_next_delay (&timing, COACH_SYNC_TRIGGER_MANUAL, 0, now, 0, 0.5), ==, 0);
  g_assert_cmpint (coach_sync_next_delay (&timing, COACH_SYNC_TRIGGER_NETWORK, 0, now, 0, 0.5), ==, -1);

  /* failing, next retry allowed in 30 s */
  g_assert_cmpint (coach_sync_next_delay (&timing, COACH_SYNC_TRIGGER_LOCAL_CHANGE, 3, now, now + 30000, 0.5), ==, 30000);
  g_assert_cmpint (coach_sync_next_delay (&timing, COACH_SYNC_TRIGGER_MANUAL, 3, now, now + 30000, 0.5), ==, 0);
  g_assert_cmpint (coach_sync_next_delay (&timing, COACH_SYNC_TRIGGER_NETWORK, 3, now, now + 30000, 0.5), <=, 1000);
  g_assert_cmpint (coach_sync_next_delay (&timing, COACH_SYNC_TRIGGER_NETWORK, 3, now, now + 30000, 0.5), >=, 0);
  g_assert_cmpint (coach_sync_next_delay (&timing, COACH_SYNC_TRIGGER_POLL, 3, now, now + 30000, 0.0), ==, 30000);

  /* the retry time has passed: a local change waits only the debounce */
  g_assert_cmpint (coach_sync_next_delay (&timing, COACH_SYNC_TRIGGER_LOCAL_CHANGE, 3, now, now - 5, 0.5), ==, 2000);

  /* after a failure: the backoff for that many failures */
  g_assert_cmpint (coach_sync_next_delay (&timing, COACH_SYNC_TRIGGER_AFTER_FAILURE, 1, now, 0, 0.0), ==, 2500);
  g_assert_cmpint (coach_sync_next_delay (&timing, COACH_SYNC_TRIGGER_AFTER_FAILURE, 2, now, 0, 0.0), ==, 5000);
}

static void
test_format_ago (void)
{
  const gint64 now = 1700000000000;
  struct { gint64 ago_s; const char *expected; } cases[] = {
    { 0, "just now" },
    { 59, "just now" },
    { 60, "1 min ago" },
    { 150, "2 min ago" },
    { 3599, "59 min ago" },
    { 3600, "1 h ago" },
    { 5 * 3600, "5 h ago" },
    { 30 * 3600, "yesterday" },
  };
  g_autofree char *never = coach_sync_format_ago (0, now);
  g_autofree char *old = coach_sync_format_ago (now - 10 * 24 * 3600 * 1000LL, now);
  g_autofree char *future = coach_sync_format_ago (now + 5000, now);

  g_assert_cmpstr (never, ==, "never");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = coach_sync_format_ago (now - cases[i].ago_s * 1000, now);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
  /* older: a date with the year */
  g_assert_nonnull (strstr (old, "2023"));
  /* a clock that went back is not "-1 min ago" */
  g_assert_cmpstr (future, ==, "just now");
}

static void
test_status_texts (void)
{
  g_autofree char *none = coach_sync_format_pending (0);
  g_autofree char *one = coach_sync_format_pending (1);
  g_autofree char *many = coach_sync_format_pending (12);
  GEnumClass *states = g_type_class_ref (COACH_TYPE_SYNC_STATE);

  g_assert_cmpstr (none, ==, "All changes sent");
  g_assert_cmpstr (one, ==, "1 change waiting to be sent");
  g_assert_cmpstr (many, ==, "12 changes waiting to be sent");

  /* every state has an icon and a title, and the failures each their own icon */
  for (guint i = 0; i < states->n_values; i++)
    {
      CoachSyncState state = states->values[i].value;

      g_assert_true (g_str_has_suffix (coach_sync_state_get_icon_name (state), "-symbolic"));
      g_assert_cmpstr (coach_sync_state_get_title (state), !=, "");
    }
  g_assert_cmpstr (g_enum_get_value (states, COACH_SYNC_STATE_SIGNED_OUT)->value_nick, ==, "signed-out");
  g_assert_cmpstr (coach_sync_state_get_icon_name (COACH_SYNC_STATE_OFFLINE), !=,
                   coach_sync_state_get_icon_name (COACH_SYNC_STATE_SYNCED));
  g_assert_cmpstr (coach_sync_state_get_icon_name (COACH_SYNC_STATE_SIGNED_OUT), !=,
                   coach_sync_state_get_icon_name (COACH_SYNC_STATE_ERROR));
  g_type_class_unref (states);
}

static void
test_state_for_error (void)
{
  struct { GQuark domain; int code; CoachSyncState state; } cases[] = {
    { COACH_SYNC_ERROR, COACH_SYNC_ERROR_UNAUTHORIZED, COACH_SYNC_STATE_SIGNED_OUT },
    { COACH_SYNC_ERROR, COACH_SYNC_ERROR_UPGRADE_REQUIRED, COACH_SYNC_STATE_UPGRADE_REQUIRED },
    { COACH_SYNC_ERROR, COACH_SYNC_ERROR_NETWORK, COACH_SYNC_STATE_OFFLINE },
    { COACH_SYNC_ERROR, COACH_SYNC_ERROR_SERVER, COACH_SYNC_STATE_ERROR },
    { COACH_SYNC_ERROR, COACH_SYNC_ERROR_RATE_LIMITED, COACH_SYNC_STATE_ERROR },
    { COACH_SYNC_ERROR, COACH_SYNC_ERROR_PROTOCOL, COACH_SYNC_STATE_ERROR },
    { G_IO_ERROR, G_IO_ERROR_FAILED, COACH_SYNC_STATE_ERROR },  /* keyring */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (cases[i].domain, cases[i].code, "x");
      g_assert_cmpint (coach_sync_state_for_error (error), ==, cases[i].state);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync-timing/backoff-doubles-to-cap", test_backoff_doubles_to_cap);
  g_test_add_func ("/sync-timing/backoff-jitter-spreads", test_backoff_jitter_spreads);
  g_test_add_func ("/sync-timing/next-delay", test_next_delay);
  g_test_add_func ("/sync-timing/format-ago", test_format_ago);
  g_test_add_func ("/sync-timing/status-texts", test_status_texts);
  g_test_add_func ("/sync-timing/state-for-error", test_state_for_error);

  return g_test_run ();
}
