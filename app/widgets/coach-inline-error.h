/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A form's validation error, inline rather than in a dialog: one label
 * under the fields says what is wrong, and the field it is about (if any)
 * is marked with the "error" style and takes the focus. *@marked holds the
 * field currently marked, so the next show or clear can unmark it. */
void coach_inline_error_show  (GtkLabel    *label,
                               GtkWidget  **marked,
                               GtkWidget   *field,
                               const char  *message);
void coach_inline_error_clear (GtkLabel    *label,
                               GtkWidget  **marked);

G_END_DECLS
