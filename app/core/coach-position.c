/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-position"

#include "config.h"

#include <string.h>

#include "coach-position.h"

/* The integer part of a key is a signed 64-bit value on the wire as a head
 * character plus 1..MAX_INT_DIGITS digits. Ten digits keep every value in
 * gint64 and still allow some 8 * 10^17 appends before appends fall back to
 * growing the fraction. */
#define BASE           62
#define MAX_INT_DIGITS 10

/* The key of the first item of an empty list: the integer 1. Starting just
 * above zero leaves the short one-digit range on both sides, for appends
 * ('a2' .. 'az') and prepends ('Zz' .. 'Z1'). */
#define FIRST_KEY      "a1"

typedef struct
{
  gint64      value;     /* the integer part */
  gsize       int_len;   /* characters of the integer part, head included */
  const char *frac;      /* the fraction after it, "" for none */
} Key;

G_DEFINE_QUARK (coach-position-error-quark, coach_position_error)

static int
digit_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'A' && c <= 'Z')
    return c - 'A' + 10;
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 36;
  return -1;
}

static char
digit_char (int v)
{
  static const char digits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  g_assert (v >= 0 && v < BASE);
  return digits[v];
}

/* 62^n */
static gint64
power (guint n)
{
  gint64 p = 1;

  g_assert (n <= MAX_INT_DIGITS);
  while (n-- > 0)
    p *= BASE;
  return p;
}

/* 62 + 62^2 + ... + 62^n: how many integers have at most n digits on one
 * side of zero. Non-negative values with n digits start at span (n - 1),
 * negative values with n digits start at -span (n). */
static gint64
span (guint n)
{
  gint64 s = 0;

  for (guint i = 1; i <= n; i++)
    s += power (i);
  return s;
}

#define MIN_VALUE (-span (MAX_INT_DIGITS))
#define MAX_VALUE (span (MAX_INT_DIGITS) - 1)

/* An integer that ends in the digit '0' may not stand alone as a key: with
 * no fraction after it, nothing would fit between it and its successor
 * with a fraction. Both offsets above are multiples of 62, so the last
 * digit is simply the value modulo 62. */
static gboolean
value_is_bare_key (gint64 value)
{
  return value % BASE != 0;
}

static guint
value_n_digits (gint64 value)
{
  guint n = 1;

  if (value >= 0)
    while (value >= span (n))
      n++;
  else
    while (value < -span (n))
      n++;
  g_assert (n <= MAX_INT_DIGITS);
  return n;
}

static void
append_value (GString *out,
              gint64   value)
{
  guint n = value_n_digits (value);
  gint64 d = value >= 0 ? value - span (n - 1) : value + span (n);
  gsize start;

  g_string_append_c (out, value >= 0 ? 'a' + (n - 1) : 'Z' - (n - 1));
  start = out->len;
  g_string_set_size (out, start + n);
  for (guint i = n; i > 0; i--)
    {
      out->str[start + i - 1] = digit_char ((int) (d % BASE));
      d /= BASE;
    }
}

static gboolean
parse_key (const char *key,
           Key        *out)
{
  gsize len, n_digits;
  gint64 d = 0;
  char head;

  if (key == NULL)
    return FALSE;

  len = strlen (key);
  if (len < 2 || key[len - 1] == '0')
    return FALSE;

  head = key[0];
  if (head >= 'a' && head < 'a' + MAX_INT_DIGITS)
    n_digits = head - 'a' + 1;
  else if (head <= 'Z' && head > 'Z' - MAX_INT_DIGITS)
    n_digits = 'Z' - head + 1;
  else
    return FALSE;

  if (len < 1 + n_digits)
    return FALSE;

  for (gsize i = 1; i < len; i++)
    {
      int v = digit_value (key[i]);

      if (v < 0)
        return FALSE;
      if (i <= n_digits)
        d = d * BASE + v;
    }

  if (out != NULL)
    {
      out->value = head >= 'a' ? span (n_digits - 1) + d : d - span (n_digits);
      out->int_len = 1 + n_digits;
      out->frac = key + 1 + n_digits;
    }
  return TRUE;
}

/* floor (@width * @num / @den) without overflowing: the part of a gap
 * that lies below the point a new key should take. */
static gint64
share (gint64 width,
       guint  num,
       guint  den)
{
  guint64 w = (guint64) width;

  g_assert (width >= 0 && num < den);
  return (gint64) ((w / den) * num + ((w % den) * num) / den);
}

/* Appends the shortest fraction strictly between @low and @high (NULL: the
 * open end, 1.0). Among the shortest ones it takes the one nearest to
 * @num/@den of the way up: the middle for a single insert, so that both
 * sides keep the same room, and even shares when several keys are made at
 * once. Fractions compare as strings and as base-62 numbers alike because
 * none ends in '0'. */
static void
append_fraction_between (GString    *out,
                         const char *low,
                         const char *high,
                         guint       num,
                         guint       den)
{
  gsize low_len = strlen (low);
  gsize high_len = high != NULL ? strlen (high) : 0;
  gsize i = 0;

  for (;;)
    {
      int dl = i < low_len ? digit_value (low[i]) : 0;
      int dh = high != NULL ? (i < high_len ? digit_value (high[i]) : 0) : BASE;
      int first, last;

      if (dl == dh)
        {
          g_string_append_c (out, digit_char (dl));
          i++;
          continue;
        }
      g_assert (dl < dh);

      /* A digit equal to @high's is still below @high when @high goes on
       * after it. */
      first = dl + 1;
      last = high != NULL && i + 1 < high_len ? dh : dh - 1;
      if (first <= last)
        {
          int target = dl + (int) share (dh - dl, num, den);

          g_string_append_c (out, digit_char (CLAMP (target, first, last)));
          return;
        }

      /* No room at this length: keep @low's digit and go past the rest of
       * @low, where nothing above bounds us any more. */
      g_string_append_c (out, digit_char (dl));
      if (i < low_len)
        {
          low += i + 1;
          low_len -= i + 1;
        }
      else
        {
          low = "";
          low_len = 0;
        }
      high = NULL;
      high_len = 0;
      i = 0;
    }
}

/* An integer strictly between @low and @high with the fewest digits, the
 * one nearest to @num/@den of the way up among those. */
static gboolean
integer_between (gint64  low,
                 gint64  high,
                 guint   num,
                 guint   den,
                 gint64 *out)
{
  for (guint n = 1; n <= MAX_INT_DIGITS; n++)
    {
      gint64 first = MAX (low + 1, -span (n));
      gint64 last = MIN (high - 1, span (n) - 1);
      gint64 mid;

      if (first > last)
        continue;

      mid = first - 1 + share (last - first + 2, num, den);
      mid = CLAMP (mid, first, last);
      if (value_is_bare_key (mid))
        *out = mid;
      else if (mid + 1 <= last)
        *out = mid + 1;
      else if (mid - 1 >= first)
        *out = mid - 1;
      else
        continue;
      return TRUE;
    }
  return FALSE;
}

static char *
value_to_key (gint64 value)
{
  GString *out = g_string_sized_new (MAX_INT_DIGITS + 2);

  append_value (out, value);
  return g_string_free (out, FALSE);
}

static char *
key_after (const char *low_str,
           const Key  *low)
{
  gint64 next = low->value + 1;
  GString *out;

  if (!value_is_bare_key (next))
    next++;
  if (next <= MAX_VALUE)
    return value_to_key (next);

  /* Out of integers: only the fraction can grow. */
  out = g_string_new_len (low_str, low->int_len);
  append_fraction_between (out, low->frac, NULL, 1, 2);
  return g_string_free (out, FALSE);
}

static char *
key_before (const char *high_str,
            const Key  *high)
{
  gint64 prev = high->value - 1;
  GString *out;

  /* "a1V" has room for the plain "a1" below it. */
  if (high->frac[0] != '\0' && value_is_bare_key (high->value))
    return g_strndup (high_str, high->int_len);

  if (!value_is_bare_key (prev))
    prev--;
  if (prev >= MIN_VALUE)
    return value_to_key (prev);

  /* Out of integers. A plain integer is always above MIN_VALUE, so one
   * below it exists to put a fraction after. */
  if (high->frac[0] != '\0')
    {
      out = g_string_new_len (high_str, high->int_len);
      append_fraction_between (out, "", high->frac, 1, 2);
    }
  else
    {
      out = g_string_new (NULL);
      append_value (out, high->value - 1);
      append_fraction_between (out, "", NULL, 1, 2);
    }
  return g_string_free (out, FALSE);
}

static char *
key_between (const char *low_str,
             const Key  *low,
             const char *high_str,
             const Key  *high,
             guint       num,
             guint       den)
{
  GString *out;
  gint64 value;

  if (low->value == high->value)
    {
      out = g_string_new_len (low_str, low->int_len);
      append_fraction_between (out, low->frac, high->frac, num, den);
      return g_string_free (out, FALSE);
    }

  g_assert (low->value < high->value);

  if (integer_between (low->value, high->value, num, den, &value))
    return value_to_key (value);

  if (high->frac[0] != '\0' && value_is_bare_key (high->value))
    return g_strndup (high_str, high->int_len);

  out = g_string_new_len (low_str, low->int_len);
  append_fraction_between (out, low->frac, NULL, num, den);
  return g_string_free (out, FALSE);
}

/* Parses and checks both ends; on success the Keys point into the
 * strings. */
static gboolean
check_bounds (const char  *before,
              const char  *after,
              Key         *low,
              Key         *high,
              GError     **error)
{
  if (before != NULL && !parse_key (before, low))
    {
      g_set_error (error, COACH_POSITION_ERROR, COACH_POSITION_ERROR_INVALID,
                   "Malformed position key “%s”", before);
      return FALSE;
    }
  if (after != NULL && !parse_key (after, high))
    {
      g_set_error (error, COACH_POSITION_ERROR, COACH_POSITION_ERROR_INVALID,
                   "Malformed position key “%s”", after);
      return FALSE;
    }
  /* Equal keys come from two devices picking the same spot; only
   * re-spacing the list makes room between them again. */
  if (before != NULL && after != NULL && strcmp (before, after) >= 0)
    {
      g_set_error (error, COACH_POSITION_ERROR, COACH_POSITION_ERROR_INVALID,
                   "Position key “%s” is not below “%s”", before, after);
      return FALSE;
    }
  return TRUE;
}

/* @num/@den: where in a bounded gap the key should go. */
static char *
between_unchecked (const char *before,
                   const char *after,
                   guint       num,
                   guint       den)
{
  Key low, high;

  if (!check_bounds (before, after, &low, &high, NULL))
    g_assert_not_reached ();

  if (before == NULL && after == NULL)
    return g_strdup (FIRST_KEY);
  if (after == NULL)
    return key_after (before, &low);
  if (before == NULL)
    return key_before (after, &high);
  return key_between (before, &low, after, &high, num, den);
}

/* The middle item first, at its own share of the gap, then each half the
 * same way: the gaps left behind get about equal room, and no key is
 * longer than the gap needs. */
static void
fill_bisecting (char       **keys,
                guint        first,
                guint        end,
                const char  *before,
                const char  *after)
{
  guint mid;

  if (first >= end)
    return;

  mid = first + (end - first) / 2;
  keys[mid] = between_unchecked (before, after, mid - first + 1, end - first + 1);
  fill_bisecting (keys, first, mid, before, keys[mid]);
  fill_bisecting (keys, mid + 1, end, keys[mid], after);
}

gboolean
coach_position_is_valid (const char *key)
{
  return parse_key (key, NULL);
}

char *
coach_position_between (const char  *before,
                        const char  *after,
                        GError     **error)
{
  Key low, high;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_bounds (before, after, &low, &high, error))
    return NULL;
  return between_unchecked (before, after, 1, 2);
}

char **
coach_position_n_between (const char  *before,
                          const char  *after,
                          guint        n,
                          GError     **error)
{
  Key low, high;
  char **keys;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  g_return_val_if_fail (n < G_MAXUINT, NULL);

  if (!check_bounds (before, after, &low, &high, error))
    return NULL;

  keys = g_new0 (char *, n + 1);
  if (n == 0)
    return keys;

  /* Towards an open end consecutive integers are both the shortest keys
   * and evenly spaced. */
  if (after == NULL)
    {
      keys[0] = between_unchecked (before, NULL, 1, 2);
      for (guint i = 1; i < n; i++)
        keys[i] = between_unchecked (keys[i - 1], NULL, 1, 2);
    }
  else if (before == NULL)
    {
      keys[n - 1] = between_unchecked (NULL, after, 1, 2);
      for (guint i = n - 1; i > 0; i--)
        keys[i - 1] = between_unchecked (NULL, keys[i], 1, 2);
    }
  else
    {
      fill_bisecting (keys, 0, n, before, after);
    }

  return keys;
}

gboolean
coach_position_needs_rebalance (const char *key)
{
  g_return_val_if_fail (key != NULL, FALSE);

  return strlen (key) > COACH_POSITION_REBALANCE_LENGTH;
}
