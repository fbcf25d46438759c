/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-records"

#include "config.h"

#include <string.h>

#include "coach-record.h"
#include "coach-exercise.h"
#include "coach-category.h"
#include "coach-tag.h"
#include "coach-clip.h"
#include "coach-clip-marker.h"
#include "coach-workout.h"
#include "coach-workout-item.h"
#include "coach-athlete.h"
#include "coach-group.h"
#include "coach-session.h"
#include "coach-session-log.h"
#include "coach-delivery.h"
#include "coach-delivery-resend.h"

/* Link tables (exercise_category, group_member, ...) have no type of their
 * own: the catalog links and unlinks rows by their two ids. */
GType
coach_record_type_for_table (const char *table_name)
{
  static const struct {
    const char *table;
    GType (*get_type) (void);
  } types[] = {
    { "exercise", coach_exercise_get_type },
    { "category", coach_category_get_type },
    { "tag", coach_tag_get_type },
    { "clip", coach_clip_get_type },
    { "clip_marker", coach_clip_marker_get_type },
    { "workout", coach_workout_get_type },
    { "workout_item", coach_workout_item_get_type },
    { "athlete", coach_athlete_get_type },
    { "athlete_group", coach_group_get_type },
    { "session", coach_session_get_type },
    { "session_log", coach_session_log_get_type },
    { "delivery", coach_delivery_get_type },
    { "delivery_resend", coach_delivery_resend_get_type },
  };

  if (table_name == NULL)
    return G_TYPE_INVALID;
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (strcmp (types[i].table, table_name) == 0)
      return types[i].get_type ();
  return G_TYPE_INVALID;
}
