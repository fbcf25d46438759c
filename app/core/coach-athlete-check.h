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

/* The language an athlete's emails are written in: "language" in the
 * athlete's "preferences" object. coach_athlete_get_languages() lists the
 * codes the server writes emails in. */
const char * const *coach_athlete_get_languages (void);
/* The stored code, or NULL when none is set (the server's default). */
char              *coach_athlete_dup_language  (CoachRecord         *athlete);
/* Sets @language (NULL or "" removes it), keeping every other key of the
 * preferences. Changes nothing when the value is already stored. Refuses
 * codes outside coach_athlete_get_languages(). */
gboolean           coach_athlete_set_language  (CoachRecord         *athlete,
                                                const char          *language,
                                                GError             **error);

G_END_DECLS
