/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Fractional positions: text keys that order workout items by plain byte
 * comparison (strcmp, SQLite's BINARY collation, PostgreSQL's "C"), so
 * that inserting or moving an item only ever writes that one item.
 *
 * A key is an integer part followed by an optional fraction, both in the
 * base-62 digits 0-9A-Za-z (ascending in ASCII):
 *
 *   - the integer part starts with a head character that says how many
 *     digits follow: 'a'..'j' are 1..10 digits of the non-negative
 *     integers, 'Z'..'Q' are 1..10 digits of the negative ones. Larger
 *     magnitudes take longer keys, so n appends or prepends cost
 *     O(log62 n) characters ("a1", "a2", ... "az", "b01", ...);
 *   - the fraction is a base-62 fraction after the integer, used when two
 *     neighbours have consecutive integers;
 *   - no key ends in '0', so there is always a key between two keys;
 *     integers ending in '0' only appear with a fraction after them.
 *
 * Inserting again and again into the same gap halves that gap each time:
 * the fraction grows by one character every five to six inserts.
 * No scheme can avoid that for every insertion pattern without rewriting
 * other keys, so when a new key grows past COACH_POSITION_REBALANCE_LENGTH
 * the caller gives the whole list fresh keys with coach_position_n_between().
 *
 * Two devices may pick the same key for different items; the items are then
 * ordered by id. There is no key strictly between equal keys, so
 * coach_position_between() refuses them and the caller re-spaces the list. */

#define COACH_POSITION_ERROR (coach_position_error_quark ())

typedef enum
{
  COACH_POSITION_ERROR_INVALID,
} CoachPositionError;

/* Longer keys still work; they are a sign that one gap has been split many
 * times and that the list deserves fresh keys. */
#define COACH_POSITION_REBALANCE_LENGTH 64

GQuark     coach_position_error_quark      (void);

gboolean   coach_position_is_valid         (const char  *key);

/* Returns a key strictly between @before and @after. Either may be %NULL for
 * an open end; both %NULL gives the key of a first item. */
char      *coach_position_between          (const char  *before,
                                            const char  *after,
                                            GError     **error);

/* Returns a %NULL-terminated array of @n ascending keys strictly between
 * @before and @after, spread out so that later inserts between any two of
 * them stay short. With an open end the keys are consecutive integers. */
char     **coach_position_n_between        (const char  *before,
                                            const char  *after,
                                            guint        n,
                                            GError     **error);

gboolean   coach_position_needs_rebalance  (const char  *key);

G_END_DECLS
