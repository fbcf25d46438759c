/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A stored jsonb object, as text, parsed; NULL when @text is NULL or not
 * a JSON object. */
JsonObject *sync_json_object_from_text (const char *text);

/* A member read as a flag: true, or a non-zero integer; FALSE when absent,
 * null or anything else (@object may be NULL). */
gboolean    sync_json_get_bool         (JsonObject *object,
                                        const char *name);

G_END_DECLS
