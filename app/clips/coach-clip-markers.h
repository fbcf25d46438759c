/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <adwaita.h>

#include "coach-catalog.h"

G_BEGIN_DECLS

#define COACH_TYPE_CLIP_MARKERS (coach_clip_markers_get_type ())

/* The time-coded notes of a clip: a note entry with "Add Marker", and the
 * list of markers by time (their time seeks, their text is editable, and a
 * deleted one can be brought back from the toast). Signals:
 * "add-requested" (the owner answers with coach_clip_markers_add at the
 * player's time) and "seek" (gint64 ms). */
G_DECLARE_FINAL_TYPE (CoachClipMarkers, coach_clip_markers, COACH, CLIP_MARKERS, AdwBin)

void     coach_clip_markers_set_clip (CoachClipMarkers *self,
                                      CoachCatalog     *catalog,
                                      CoachRecord      *clip);
/* Adds a marker at @t_ms with the text of the note entry. */
gboolean coach_clip_markers_add      (CoachClipMarkers *self,
                                      gint64            t_ms);

G_END_DECLS
