/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-exercise-format"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-exercise-format.h"

const char *
coach_difficulty_to_label (const char *difficulty)
{
  if (difficulty == NULL)
    return NULL;
  if (g_str_equal (difficulty, "easy"))
    return C_("difficulty", "Easy");
  if (g_str_equal (difficulty, "medium"))
    return C_("difficulty", "Medium");
  if (g_str_equal (difficulty, "hard"))
    return C_("difficulty", "Hard");
  /* A value from a newer version: better shown raw than hidden. */
  return difficulty;
}

char *
coach_format_word_list (const char * const *words)
{
  g_autoptr(GString) str = g_string_new (NULL);

  if (words == NULL)
    return g_strdup ("");

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (str->len > 0)
        /* Translators: separates the items of a list, as in "chest, triceps" */
        g_string_append (str, _(", "));
      g_string_append (str, words[i]);
    }
  return g_string_free (g_steal_pointer (&str), FALSE);
}

char *
coach_format_duration (gint64 seconds)
{
  gint64 minutes = seconds / 60;
  gint64 rest = seconds % 60;

  if (seconds < 60)
    /* Translators: a duration in seconds */
    return g_strdup_printf (_("%d s"), (int) seconds);
  if (rest == 0)
    /* Translators: a duration in minutes */
    return g_strdup_printf (_("%d min"), (int) minutes);
  /* Translators: a duration in minutes and seconds */
  return g_strdup_printf (_("%d min %d s"), (int) minutes, (int) rest);
}

char *
coach_exercise_format_subtitle (CoachRecord *exercise)
{
  g_auto(GStrv) muscles = NULL;
  g_autofree char *muscle_list = NULL;
  const char *difficulty;

  g_return_val_if_fail (COACH_IS_RECORD (exercise), NULL);

  difficulty = coach_difficulty_to_label (coach_record_get_string (exercise, "difficulty"));
  muscles = coach_record_dup_strv (exercise, "muscles");
  muscle_list = coach_format_word_list ((const char * const *) muscles);

  if (difficulty == NULL)
    return g_steal_pointer (&muscle_list);
  if (muscle_list[0] == '\0')
    return g_strdup (difficulty);
  /* Translators: an exercise's difficulty and the muscles it works, as in "Medium · chest, triceps" */
  return g_strdup_printf (_("%s · %s"), difficulty, muscle_list);
}

char *
coach_exercise_format_summary (guint       n_exercises,
                               const char *search_text)
{
  if (search_text != NULL && search_text[0] != '\0')
    return g_strdup_printf (ngettext ("%u match", "%u matches", n_exercises),
                            n_exercises);
  return g_strdup_printf (ngettext ("%u exercise", "%u exercises", n_exercises),
                          n_exercises);
}

/* The other way round from coach_format_word_list(): what the coach typed
 * into a comma-separated entry, trimmed, without empty items or repeats. */
GStrv
coach_parse_word_list (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return g_strv_builder_end (builder);

  parts = g_strsplit_set (text, ",;", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *word = g_strstrip (parts[i]);

      if (word[0] == '\0' || !g_hash_table_add (seen, word))
        continue;
      g_strv_builder_add (builder, word);
    }
  return g_strv_builder_end (builder);
}
