/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#include "config.h"

#include <string.h>

#include "coach-uuid.h"

static void
test_v7_format (void)
{
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *id = coach_uuid_v7_new ();

      g_assert_true (coach_uuid_is_valid (id));
      g_assert_cmpint (id[14], ==, '7');
      g_assert_true (strchr ("89ab", id[19]) != NULL);
    }
}

static void
test_v7_ordered (void)
{
  g_autofree char *prev = coach_uuid_v7_new ();

  /* Many ids in the same millisecond still sort in creation order. */
  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *next = coach_uuid_v7_new ();

      g_assert_cmpstr (prev, <, next);
      g_free (prev);
      prev = g_steal_pointer (&next);
    }
}

static void
test_v7_time (void)
{
  g_autofree char *id = coach_uuid_v7_new_at (G_GINT64_CONSTANT (0x0123456789ab));

  g_assert_true (g_str_has_prefix (id, "01234567-89ab-7"));
}

static void
test_v5_known (void)
{
  /* RFC 4122 appendix: the DNS namespace and "www.example.com". */
  g_autofree char *id = coach_uuid_v5 ("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.example.com");

  g_assert_cmpstr (id, ==, "2ed6657d-e927-568b-95e1-2665a8aea6a2");
}

static void
test_v5_stable (void)
{
  g_autofree char *a = coach_uuid_v5 (COACH_UUID_NAMESPACE, "starter:exercise:push-up");
  g_autofree char *b = coach_uuid_v5 (COACH_UUID_NAMESPACE, "starter:exercise:push-up");
  g_autofree char *c = coach_uuid_v5 (COACH_UUID_NAMESPACE, "starter:exercise:squat");

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
  g_assert_cmpint (a[14], ==, '5');
}

static void
test_validate (void)
{
  g_assert_true (coach_uuid_is_valid ("0192f4a0-0000-7000-8000-000000000000"));
  g_assert_false (coach_uuid_is_valid (NULL));
  g_assert_false (coach_uuid_is_valid (""));
  g_assert_false (coach_uuid_is_valid ("0192f4a0-0000-7000-8000-00000000000"));
  g_assert_false (coach_uuid_is_valid ("0192f4a0-0000-7000-8000-00000000000g"));
  g_assert_false (coach_uuid_is_valid ("0192f4a000000-7000-8000-000000000000"));
  g_assert_false (coach_uuid_is_valid ("'; DROP TABLE exercise; --xxxxxxxxxxxx"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/uuid/v7/format", test_v7_format);
  g_test_add_func ("/uuid/v7/ordered", test_v7_ordered);
  g_test_add_func ("/uuid/v7/time", test_v7_time);
  g_test_add_func ("/uuid/v5/known", test_v5_known);
  g_test_add_func ("/uuid/v5/stable", test_v5_stable);
  g_test_add_func ("/uuid/validate", test_validate);

  return g_test_run ();
}
