/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#include "config.h"

#include <string.h>

#include "coach-position.h"

static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/* Checks what every key handed out must satisfy and returns its length. */
static gsize
assert_key_between (const char *key,
                    const char *before,
                    const char *after)
{
  gsize len;

  g_assert_nonnull (key);
  len = strlen (key);
  g_assert_true (coach_position_is_valid (key));
  g_assert_cmpint (key[len - 1], !=, '0');
  g_assert_cmpuint (strspn (key, alphabet), ==, len);
  if (before != NULL)
    g_assert_cmpstr (before, <, key);
  if (after != NULL)
    g_assert_cmpstr (key, <, after);
  return len;
}

static void
test_first (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = coach_position_between (NULL, NULL, &error);

  g_assert_no_error (error);
  assert_key_between (key, NULL, NULL);
  g_assert_cmpuint (strlen (key), <=, 2);
}

static void
test_valid (void)
{
  const char *valid[] = {
    "a1", "az", "aV", "a1V", "a10V", "b11", "b0z", "Zz", "Z1", "Yzz", "Y00V",
    "jzzzzzzzzzz", "jzzzzzzzzzzV", "Q0000000001", "Q0000000000V", "a1000001",
  };
  const char *invalid[] = {
    "", "a", "a0", "a10", "b1", "b110", "Z", "Z0", "Yz", "k11", "P0000000001",
    "A1", "z1", "01", "a1-", "a1 ", "a1\xc3\xa9", "a1V0", " a1", "a 1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_true (coach_position_is_valid (valid[i]));
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    g_assert_false (coach_position_is_valid (invalid[i]));
  g_assert_false (coach_position_is_valid (NULL));
}

static void
test_errors (void)
{
  const char *pairs[][2] = {
    { "a1", "a1" },      /* equal keys: two devices picked the same spot */
    { "a2", "a1" },      /* reversed */
    { "a1V", "a1" },
    { "a0", "a5" },      /* malformed below */
    { "a1", "foo" },     /* malformed above */
    { "a1", "" },
    { "", NULL },
    { NULL, "a0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) error_n = NULL;
      g_autofree char *key = coach_position_between (pairs[i][0], pairs[i][1], &error);
      g_auto(GStrv) keys = coach_position_n_between (pairs[i][0], pairs[i][1], 3, &error_n);

      g_assert_null (key);
      g_assert_error (error, COACH_POSITION_ERROR, COACH_POSITION_ERROR_INVALID);
      g_assert_null (keys);
      g_assert_error (error_n, COACH_POSITION_ERROR, COACH_POSITION_ERROR_INVALID);
    }
}

static void
test_append (void)
{
  g_autofree char *prev = NULL;
  gsize max_len = 0;

  for (guint i = 0; i < 10000; i++)
    {
      g_autoptr(GError) error = NULL;
      char *next = coach_position_between (prev, NULL, &error);

      g_assert_no_error (error);
      max_len = MAX (max_len, assert_key_between (next, prev, NULL));
      g_free (prev);
      prev = next;
    }

  g_test_message ("10000 appends: longest key %" G_GSIZE_FORMAT " chars, last %s", max_len, prev);
  g_assert_cmpuint (max_len, <=, 6);
  /* One head and three digits cover 10000 appends. */
  g_assert_cmpuint (max_len, <=, 4);
}

static void
test_prepend (void)
{
  g_autofree char *next = NULL;
  gsize max_len = 0;

  for (guint i = 0; i < 10000; i++)
    {
      g_autoptr(GError) error = NULL;
      char *prev = coach_position_between (NULL, next, &error);

      g_assert_no_error (error);
      max_len = MAX (max_len, assert_key_between (prev, NULL, next));
      g_free (next);
      next = prev;
    }

  g_test_message ("10000 prepends: longest key %" G_GSIZE_FORMAT " chars, last %s", max_len, next);
  g_assert_cmpuint (max_len, <=, 4);
}

static void
test_between_cases (void)
{
  /* Hand-picked corners: consecutive integers, fractions that run out of
   * room at one length, bare integers below their own fraction, integers
   * ending in '0' that may not stand alone, the ends of the integer range. */
  const char *pairs[][2] = {
    { "a1", "a2" }, { "a1", "a1V" }, { "a1", "a11" }, { "a1", "a101" },
    { "a1V", "a2" }, { "a1z", "a2" }, { "a1zzz", "a2" }, { "a1V", "a1W" },
    { "a1V", "a1W1" }, { "a1Vz", "a1W" }, { "Zz", "a1" }, { "Zz", "ZzV" },
    { "az", "b11" }, { "az", "b01" }, { "b0z", "b11" }, { "b0z", "b101" },
    { "Z1", "Zz" }, { "Yzz", "Z1" }, { "a1", "jzzzzzzzzzz" },
    { "Q0000000001", "jzzzzzzzzzz" }, { "Q0000000000V", "Q0000000001" },
    { "a1", NULL }, { "jzzzzzzzzzy", NULL }, { "jzzzzzzzzzz", NULL },
    { "jzzzzzzzzzzz", NULL }, { NULL, "a1" }, { NULL, "a1V" }, { NULL, "b11" },
    { NULL, "b11V" }, { NULL, "Q0000000001" }, { NULL, "Q0000000000V" },
    { NULL, "Q0000000000001" }, { NULL, "Q00000000011" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *key = coach_position_between (pairs[i][0], pairs[i][1], &error);

      g_assert_no_error (error);
      assert_key_between (key, pairs[i][0], pairs[i][1]);
    }
}

static void
test_between_shortest (void)
{
  struct { const char *before, *after, *expected; } cases[] = {
    { "a1", "a3", "a2" },           /* a free integer wins */
    { "a1", "az", "aV" },           /* the middle integer */
    { "Zz", "a2", "a1" },           /* "a0" ends in '0' */
    { "a1", "a2", "a1V" },          /* the middle fraction digit */
    { "a1", "a1V", "a1F" },
    { "a1V", "a2", "a1k" },
    { "a1", "a2V", "a2" },          /* a bare integer below its fraction */
    { NULL, "a1V", "a1" },
    { "Zz", "a1", "ZzV" },
    { "a1", "a11", "a10V" },
    { "jzzzzzzzzzz", NULL, "jzzzzzzzzzzV" },
    { NULL, "Q0000000001", "Q0000000000V" },
    { "a1", NULL, "a2" },
    { "a9", "bzz", "aZ" },          /* fewest digits before the middle value */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *key = coach_position_between (cases[i].before, cases[i].after, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (key, ==, cases[i].expected);
    }
}

static char *
random_key (GRand *rand)
{
  GString *s = g_string_new (NULL);
  guint n_digits = g_rand_int_range (rand, 1, 4);
  guint n_frac = g_rand_int_range (rand, 0, 5);

  if (g_rand_boolean (rand))
    g_string_append_c (s, 'a' + n_digits - 1);
  else
    g_string_append_c (s, 'Z' - (n_digits - 1));
  for (guint i = 0; i < n_digits + n_frac; i++)
    g_string_append_c (s, alphabet[g_rand_int_range (rand, 0, 62)]);
  if (s->str[s->len - 1] == '0')
    s->str[s->len - 1] = '1';
  return g_string_free (s, FALSE);
}

static void
test_between_random_pairs (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < 50000; i++)
    {
      g_autofree char *a = random_key (rand);
      g_autofree char *b = random_key (rand);
      g_autoptr(GError) error = NULL;
      g_autofree char *key = NULL;
      int cmp = strcmp (a, b);

      g_assert_true (coach_position_is_valid (a));
      g_assert_true (coach_position_is_valid (b));
      key = coach_position_between (cmp < 0 ? a : b, cmp < 0 ? b : a, &error);
      if (cmp == 0)
        {
          g_assert_error (error, COACH_POSITION_ERROR, COACH_POSITION_ERROR_INVALID);
          continue;
        }
      g_assert_no_error (error);
      assert_key_between (key, cmp < 0 ? a : b, cmp < 0 ? b : a);
      /* Never longer than needed: one character past the longer bound. */
      g_assert_cmpuint (strlen (key), <=, MAX (strlen (a), strlen (b)) + 1);
    }
}

/* A workout as the catalog sees it: items ordered by (position, id). */
typedef struct
{
  char  *key;
  guint  id;
} Item;

static void
item_clear (gpointer data)
{
  g_free (((Item *) data)->key);
}

static int
item_compare (const Item *a,
              const Item *b)
{
  int c = strcmp (a->key, b->key);

  return c != 0 ? c : (a->id > b->id) - (a->id < b->id);
}

static void
assert_strictly_ordered (GArray *items)
{
  for (guint i = 1; i < items->len; i++)
    g_assert_cmpstr (g_array_index (items, Item, i - 1).key, <, g_array_index (items, Item, i).key);
}

static void
respace (GArray *items)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) keys = coach_position_n_between (NULL, NULL, items->len, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    {
      Item *item = &g_array_index (items, Item, i);

      g_free (item->key);
      item->key = g_strdup (keys[i]);
    }
}

/* Computes a key for a new item at @index (the list without the moving
 * item), re-spacing like the catalog does when the neighbours are equal or
 * the key grew too long. Returns how long the key was before that. */
static char *
key_for_index (GArray *items,
               guint   index,
               gsize  *raw_len,
               guint  *n_respaced)
{
  const char *before = index > 0 ? g_array_index (items, Item, index - 1).key : NULL;
  const char *after = index < items->len ? g_array_index (items, Item, index).key : NULL;
  g_autoptr(GError) error = NULL;
  char *key = coach_position_between (before, after, &error);

  g_assert_no_error (error);
  assert_key_between (key, before, after);
  if (raw_len != NULL)
    *raw_len = strlen (key);
  if (!coach_position_needs_rebalance (key))
    return key;

  g_free (key);
  respace (items);
  (*n_respaced)++;
  before = index > 0 ? g_array_index (items, Item, index - 1).key : NULL;
  after = index < items->len ? g_array_index (items, Item, index).key : NULL;
  key = coach_position_between (before, after, &error);
  g_assert_no_error (error);
  assert_key_between (key, before, after);
  g_assert_false (coach_position_needs_rebalance (key));
  return key;
}

static void
insert_item (GArray *items,
             guint   index,
             char   *key,
             guint   id)
{
  Item item = { key, id };

  g_array_insert_val (items, index, item);
}

/* Random inserts, moves, duplicates and removals. With @max_items small
 * the same few gaps are split again and again, as in a real workout. */
static void
random_ops (guint32 seed,
            guint   max_items)
{
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (Item));
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint next_id = 0, n_respaced = 0;
  gsize max_len = 0;

  g_array_set_clear_func (items, item_clear);

  for (guint op = 0; op < 20000; op++)
    {
      guint kind = g_rand_int_range (rand, 0, 100);
      gsize len = 0;

      if (items->len >= max_items && (kind < 30 || (kind >= 60 && kind < 75)))
        kind = 99;

      if (items->len == 0 || kind < 30)
        {
          guint index = g_rand_int_range (rand, 0, items->len + 1);
          char *key = key_for_index (items, index, &len, &n_respaced);

          insert_item (items, index, key, next_id++);
        }
      else if (kind < 60)
        {
          guint from = g_rand_int_range (rand, 0, items->len);
          Item moving = g_array_index (items, Item, from);
          guint to;
          char *key;

          g_array_remove_index (items, from);   /* frees moving.key */
          to = g_rand_int_range (rand, 0, items->len + 1);
          key = key_for_index (items, to, &len, &n_respaced);
          insert_item (items, to, key, moving.id);
        }
      else if (kind < 75)
        {
          guint from = g_rand_int_range (rand, 0, items->len);
          char *key = key_for_index (items, from + 1, &len, &n_respaced);

          insert_item (items, from + 1, key, next_id++);
        }
      else
        {
          g_array_remove_index (items, g_rand_int_range (rand, 0, items->len));
        }

      max_len = MAX (max_len, len);
      assert_strictly_ordered (items);
    }

  g_test_message ("20000 random operations: %u items at the end, longest key %"
                  G_GSIZE_FORMAT " chars, %u re-spacings", items->len, max_len, n_respaced);
  g_assert_cmpuint (items->len, >=, MIN (max_items / 2, 100));
  g_assert_cmpuint (max_len, <=, COACH_POSITION_REBALANCE_LENGTH);

  /* What the list holds is what sorting by (position, id) gives. */
  {
    g_autoptr(GArray) sorted = g_array_copy (items);

    g_array_set_clear_func (sorted, NULL);
    g_array_sort (sorted, (GCompareFunc) item_compare);
    for (guint i = 0; i < items->len; i++)
      g_assert_cmpuint (g_array_index (sorted, Item, i).id, ==, g_array_index (items, Item, i).id);
  }
}

static void
test_random_ops (void)
{
  random_ops (42, G_MAXUINT);
}

static void
test_random_ops_small (void)
{
  random_ops (43, 30);
  random_ops (44, 8);
}

/* Inserting again and again between the first two items (with @at_end,
 * before the last one) halves the same gap each time. Records how keys grow
 * without re-spacing, and checks that the caller's re-spacing keeps them
 * short. */
static void
same_spot (gboolean at_end)
{
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (Item));
  guint n_respaced = 0;
  gsize max_len = 0, max_raw = 0;
  g_autofree char *low = g_strdup ("a1");
  g_autofree char *high = g_strdup ("a2");

  g_array_set_clear_func (items, item_clear);
  insert_item (items, 0, g_strdup ("a1"), 0);
  insert_item (items, 1, g_strdup ("a2"), 1);

  for (guint i = 0; i < 5000; i++)
    {
      guint index = at_end ? items->len - 1 : 1;
      g_autoptr(GError) error = NULL;
      char *raw = coach_position_between (low, high, &error);
      char *key;
      gsize len;

      /* Without re-spacing. */
      g_assert_no_error (error);
      max_raw = MAX (max_raw, assert_key_between (raw, low, high));
      if (at_end)
        {
          g_free (low);
          low = raw;
        }
      else
        {
          g_free (high);
          high = raw;
        }

      /* With the caller re-spacing. */
      key = key_for_index (items, index, &len, &n_respaced);
      insert_item (items, index, key, i + 2);
      max_len = MAX (max_len, strlen (key));
      g_assert_cmpuint (max_len, <=, 128);
      assert_strictly_ordered (items);
    }

  g_test_message ("5000 inserts at one spot: without re-spacing the longest key has %"
                  G_GSIZE_FORMAT " chars; with re-spacing %" G_GSIZE_FORMAT
                  " chars after %u re-spacings", max_raw, max_len, n_respaced);
  /* The gap halves per insert and the new key takes the middle digit of
   * those that fit (61 -> 30 -> 14 -> 6 -> 2 -> none): one character per
   * five inserts. */
  g_assert_cmpuint (max_raw, <=, 5000 / 5 + 3);
  g_assert_cmpuint (max_raw, >, COACH_POSITION_REBALANCE_LENGTH);
  g_assert_cmpuint (max_len, <=, COACH_POSITION_REBALANCE_LENGTH);
  g_assert_cmpuint (n_respaced, >, 0);
  /* Each re-spacing buys some 60 * 5 inserts. */
  g_assert_cmpuint (n_respaced, <=, 5000 / 250);
}

static void
test_same_spot_start (void)
{
  same_spot (FALSE);
}

static void
test_same_spot_end (void)
{
  same_spot (TRUE);
}

static void
test_equal_keys (void)
{
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (Item));
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  guint n_respaced = 0;

  g_array_set_clear_func (items, item_clear);

  /* Two devices appended after "a1" at the same time and both chose "a2":
   * the list stays ordered by id. */
  insert_item (items, 0, g_strdup ("a1"), 0);
  insert_item (items, 1, g_strdup ("a2"), 1);
  insert_item (items, 2, g_strdup ("a2"), 2);
  insert_item (items, 3, g_strdup ("a3"), 3);

  key = coach_position_between ("a2", "a2", &error);
  g_assert_null (key);
  g_assert_error (error, COACH_POSITION_ERROR, COACH_POSITION_ERROR_INVALID);
  g_clear_error (&error);

  /* Around the pair there is still room. */
  key = coach_position_between ("a1", "a2", &error);
  g_assert_no_error (error);
  assert_key_between (key, "a1", "a2");
  g_clear_pointer (&key, g_free);
  key = coach_position_between ("a2", "a3", &error);
  g_assert_no_error (error);
  assert_key_between (key, "a2", "a3");
  g_clear_pointer (&key, g_free);

  /* Between them, re-spacing makes room and keeps the order. */
  respace (items);
  n_respaced++;
  assert_strictly_ordered (items);
  for (guint i = 0; i < items->len; i++)
    g_assert_cmpuint (g_array_index (items, Item, i).id, ==, i);
  key = key_for_index (items, 2, NULL, &n_respaced);
  assert_key_between (key, g_array_index (items, Item, 1).key, g_array_index (items, Item, 2).key);
  g_assert_cmpuint (n_respaced, ==, 1);
}

static void
assert_n_between (const char *before,
                  const char *after,
                  guint       n,
                  gsize       max_len)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) keys = coach_position_n_between (before, after, n, &error);
  gsize longest = 0;

  g_assert_no_error (error);
  g_assert_nonnull (keys);
  g_assert_cmpuint (g_strv_length (keys), ==, n);
  for (guint i = 0; i < n; i++)
    longest = MAX (longest, assert_key_between (keys[i], i > 0 ? keys[i - 1] : before, after));
  g_assert_cmpuint (longest, <=, max_len);
}

static void
test_n_between (void)
{
  assert_n_between (NULL, NULL, 0, 0);
  assert_n_between (NULL, NULL, 1, 2);
  assert_n_between (NULL, NULL, 61, 2);
  assert_n_between (NULL, NULL, 10000, 4);
  assert_n_between ("b11", NULL, 500, 3);
  assert_n_between (NULL, "Z1", 500, 3);
  assert_n_between (NULL, "a1V", 3, 2);
  assert_n_between ("a1", "a2", 1, 3);
  assert_n_between ("a1", "a2", 61, 3);
  /* Bisecting: about one more character per factor 62, plus one for
   * uneven halves. */
  assert_n_between ("a1", "a2", 1000, 5);
  assert_n_between ("a1", "a2", 10000, 5);
  assert_n_between ("a1V", "a1W", 10000, 6);
  assert_n_between ("Zz", "a1", 100, 5);
  assert_n_between ("a1", "az", 50, 3);
  /* Past the last integer (some 10^17 appends away) only the fraction can
   * grow: still ordered, one more character per few keys. */
  assert_n_between ("jzzzzzzzzzz", NULL, 100, 12 + 100 / 5);
  assert_n_between (NULL, "Q0000000001", 100, 12 + 100 / 5);
}

static int
digit_value (char c)
{
  return (int) (strchr (alphabet, c) - alphabet);
}

static void
test_n_between_even (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ints = coach_position_n_between ("a1", "az", 5, &error);
  const char *expected[] = { "aB", "aL", "aV", "af", "ap", NULL };

  /* Free integers between the bounds are spread, not packed at one end. */
  g_assert_no_error (error);
  g_assert_cmpstrv (ints, expected);

  /* Up to 61 keys fit one fraction digit after "a1"; the gaps between them
   * (and the bounds, digits 0 and 62) differ by at most one. */
  for (guint n = 1; n <= 61; n++)
    {
      g_auto(GStrv) keys = coach_position_n_between ("a1", "a2", n, &error);
      int prev = 0, min_gap = G_MAXINT, max_gap = 0;

      g_assert_no_error (error);
      for (guint i = 0; i <= n; i++)
        {
          int v = i < n ? digit_value (keys[i][2]) : 62;

          if (i < n)
            g_assert_cmpuint (strlen (keys[i]), ==, 3);
          min_gap = MIN (min_gap, v - prev);
          max_gap = MAX (max_gap, v - prev);
          prev = v;
        }
      g_assert_cmpint (max_gap - min_gap, <=, 1);
    }
}

static void
test_needs_rebalance (void)
{
  g_autofree char *long_key = NULL;
  g_autofree char *limit_key = NULL;

  g_assert_false (coach_position_needs_rebalance ("a1"));
  limit_key = g_strnfill (COACH_POSITION_REBALANCE_LENGTH, 'V');
  limit_key[0] = 'a';
  g_assert_true (coach_position_is_valid (limit_key));
  g_assert_false (coach_position_needs_rebalance (limit_key));
  long_key = g_strconcat (limit_key, "1", NULL);
  g_assert_true (coach_position_is_valid (long_key));
  g_assert_true (coach_position_needs_rebalance (long_key));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/position/first", test_first);
  g_test_add_func ("/position/valid", test_valid);
  g_test_add_func ("/position/errors", test_errors);
  g_test_add_func ("/position/append", test_append);
  g_test_add_func ("/position/prepend", test_prepend);
  g_test_add_func ("/position/between/cases", test_between_cases);
  g_test_add_func ("/position/between/shortest", test_between_shortest);
  g_test_add_func ("/position/between/random-pairs", test_between_random_pairs);
  g_test_add_func ("/position/random-ops", test_random_ops);
  g_test_add_func ("/position/random-ops/small", test_random_ops_small);
  g_test_add_func ("/position/same-spot/start", test_same_spot_start);
  g_test_add_func ("/position/same-spot/end", test_same_spot_end);
  g_test_add_func ("/position/equal-keys", test_equal_keys);
  g_test_add_func ("/position/n-between", test_n_between);
  g_test_add_func ("/position/n-between/even", test_n_between_even);
  g_test_add_func ("/position/needs-rebalance", test_needs_rebalance);

  return g_test_run ();
}
