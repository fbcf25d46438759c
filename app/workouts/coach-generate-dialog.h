/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <adwaita.h>

#include "coach-catalog.h"

G_BEGIN_DECLS

#define COACH_TYPE_GENERATE_DIALOG (coach_generate_dialog_get_type ())

/* The generator's constraints as a form. On success it emits "generated"
 * with the new workout's id and closes; on failure it shows the
 * generator's explanation and stays open. */
G_DECLARE_FINAL_TYPE (CoachGenerateDialog, coach_generate_dialog, COACH, GENERATE_DIALOG, AdwWindow)

CoachGenerateDialog *coach_generate_dialog_new (CoachCatalog *catalog,
                                                GtkWindow    *parent);

G_END_DECLS
