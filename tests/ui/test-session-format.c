/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "test-session-format"

#include "config.h"

#include <locale.h>

#include "coach-session-detail.h"
#include "coach-session-log-row.h"

static void
test_delivery (void)
{
  struct { CoachDeliveryState state; const char *error, *sent_at, *expected; } cases[] = {
    { COACH_DELIVERY_STATE_QUEUED, NULL, NULL, "Queued" },
    { COACH_DELIVERY_STATE_SENT, NULL, "2026-11-24T18:02:31Z", "Sent 24 Nov, 18:02" },
    /* the offset is honoured: shown in local time (UTC here) */
    { COACH_DELIVERY_STATE_SENT, NULL, "2026-11-24T19:02:00+01:00", "Sent 24 Nov, 18:02" },
    /* no offset: the server's UTC */
    { COACH_DELIVERY_STATE_SENT, NULL, "2026-11-24T18:02:00", "Sent 24 Nov, 18:02" },
    /* a leftover error from an earlier try does not show once sent */
    { COACH_DELIVERY_STATE_SENT, "450 mailbox busy", "2026-11-24T18:02:00Z", "Sent 24 Nov, 18:02" },
    { COACH_DELIVERY_STATE_SENT, NULL, "yesterday", "Sent" },
    { COACH_DELIVERY_STATE_SENT, NULL, NULL, "Sent" },
    { COACH_DELIVERY_STATE_FAILED, "450 mailbox busy", NULL, "Failed: 450 mailbox busy — will retry" },
    { COACH_DELIVERY_STATE_FAILED, "", NULL, "Failed — will retry" },
    { COACH_DELIVERY_STATE_DEAD, "550 no such user", NULL, "Not delivered: 550 no such user" },
    { COACH_DELIVERY_STATE_DEAD, NULL, NULL, "Not delivered" },
    { COACH_DELIVERY_STATE_RESEND_REQUESTED, "550 no such user", NULL, "Resend requested" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = coach_session_log_row_format_delivery (cases[i].state, cases[i].error, cases[i].sent_at);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_delivery_summary (void)
{
  struct { CoachDeliveryCounts counts; const char *expected; } cases[] = {
    /* nothing from the server yet: the notify row speaks instead */
    { { .athletes = 6, .none = 6 }, NULL },
    { { .athletes = 0 }, NULL },
    { { .athletes = 6, .sent = 5, .failed = 1 }, "Emailed 5 of 6 athletes · 1 failed" },
    { { .athletes = 6, .sent = 6 }, "Emailed 6 of 6 athletes" },
    { { .athletes = 1, .queued = 1 }, "Emailed 0 of 1 athlete · 1 waiting" },
    { { .athletes = 9, .sent = 4, .failed = 2, .queued = 1, .none = 2 }, "Emailed 4 of 9 athletes · 2 failed · 1 waiting" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = coach_session_detail_format_delivery_summary (&cases[i].counts);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  /* Before anything asks GLib for the local zone. */
  g_setenv ("TZ", "UTC", TRUE);
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session-format/delivery", test_delivery);
  g_test_add_func ("/session-format/delivery-summary", test_delivery_summary);

  return g_test_run ();
}
