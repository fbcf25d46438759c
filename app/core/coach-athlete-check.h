/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-catalog.h"

G_BEGIN_DECLS

/* What an athlete or a group must be before it is saved, in words a coach
 * understands, and group saves that change the members in the same
 * transaction. */

/* TRUE for something mail can be sent to: one "@", a local part, and a
 * domain of dot-separated labels. Spaces, empty labels and the like are
 * refused. */
gboolean coach_athlete_check_email (const char          *email);

/* Checks @athlete (a CoachRecord of table "athlete"): a name, an email that
 * is an email (or none), consent only with an email, then the schema.
 * @invalid_field names the field to mark. */
gboolean coach_athlete_check      (CoachRecord         *athlete,
                                   const char         **invalid_field,
                                   GError             **error);

/* Checks @group (table "athlete_group"), then saves it with exactly
 * @member_ids as members in one transaction. */
gboolean coach_athlete_save_group (CoachCatalog        *catalog,
                                   CoachRecord         *group,
                                   const char * const  *member_ids,
                                   const char         **invalid_field,
                                   GError             **error);

G_END_DECLS
