/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "test-session-format"

#include "config.h"

#include <locale.h>

#include "coach-session-log-row.h"

static void
test_delivery (void)
{
  struct { const char *status, *error, *expected; } cases[] = {
    { "queued", NULL, "Email queued" },
    { "sent", NULL, "Email sent" },
    /* A leftover error from an earlier try does not show once sent. */
    { "sent", "450 mailbox busy", "Email sent" },
    { "failed", "450 mailbox busy", "Email failed, will retry: 450 mailbox busy" },
    { "failed", "", "Email failed, will retry" },
    { "dead", "550 no such user", "Email could not be delivered: 550 no such user" },
    /* A status from a newer server reads as waiting, not as an error. */
    { "bounced-later", NULL, "Email queued" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = coach_session_log_row_format_delivery (cases[i].status, cases[i].error);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session-format/delivery", test_delivery);

  return g_test_run ();
}
