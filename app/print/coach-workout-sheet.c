/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-workout-sheet"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-duration.h"
#include "coach-query-model.h"
#include "coach-session-plan.h"
#include "coach-workout-format.h"
#include "coach-workout-sheet.h"

typedef struct
{
  char *name;
  char *detail;
  char *notes;
} SheetItem;

struct _CoachWorkoutSheet
{
  GObject    parent_instance;

  char      *title;
  char      *session;   /* when and where, for a session's sheet */
  char      *athletes;  /* who comes, for a session's sheet */
  char      *summary;
  char      *config;
  char      *notes;
  GPtrArray *items;     /* SheetItem */
};

G_DEFINE_FINAL_TYPE (CoachWorkoutSheet, coach_workout_sheet, G_TYPE_OBJECT)

/* ------------------------------------------------------------------------- */

static void
sheet_item_free (SheetItem *item)
{
  g_free (item->name);
  g_free (item->detail);
  g_free (item->notes);
  g_free (item);
}

static gboolean
is_blank (const char *s)
{
  if (s == NULL)
    return TRUE;
  for (; *s; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

static char *
format_item_detail (CoachRecord               *item,
                    const CoachDurationConfig *config)
{
  CoachDurationItem d;
  guint rest;

  coach_workout_format_item_from_record (item, &d);
  rest = d.rest_s < 0 ? config->rest_s : (guint) d.rest_s;
  if (d.kind == COACH_ITEM_KIND_SETS)
    {
      double load = coach_record_is_null (item, "load_kg") ? 0 : coach_record_get_double (item, "load_kg");

      if (load > 0)
        /* Translators: sets × reps @ load in kg, then the rest in seconds */
        return g_strdup_printf (_("%u × %u @ %g kg, rest %u s"), d.sets, d.reps, load, rest);
      /* Translators: sets × reps, then the rest in seconds */
      return g_strdup_printf (_("%u × %u, rest %u s"), d.sets, d.reps, rest);
    }
  /* Translators: work and rest in seconds of a timed exercise */
  return g_strdup_printf (_("%u s work, %u s rest"),
                          d.work_s < 0 ? config->work_s : (guint) d.work_s, rest);
}

static char *
format_config (const CoachDurationConfig *config)
{
  g_autoptr(GString) s = g_string_new (NULL);

  /* Translators: the workout's default work and rest times */
  g_string_append_printf (s, _("Work %u s · Rest %u s"), config->work_s, config->rest_s);
  g_string_append (s, " · ");
  g_string_append_printf (s, ngettext ("%u round", "%u rounds", MAX (config->rounds, 1)),
                          MAX (config->rounds, 1));
  if (config->warmup_s > 0)
    {
      g_autofree char *d = coach_duration_format (config->warmup_s);

      g_string_append (s, " · ");
      /* Translators: %s is a duration */
      g_string_append_printf (s, _("Warm-up %s"), d);
    }
  if (config->cooldown_s > 0)
    {
      g_autofree char *d = coach_duration_format (config->cooldown_s);

      g_string_append (s, " · ");
      /* Translators: %s is a duration */
      g_string_append_printf (s, _("Cool-down %s"), d);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static PangoLayout *
make_layout (cairo_t    *cr,
             const char *text,
             const char *font,
             double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Lays out (and with @draw, draws) one block of text at @y; returns the
 * height it takes. */
static double
block (cairo_t    *cr,
       gboolean    draw,
       const char *text,
       const char *font,
       double      x,
       double      y,
       double      width,
       double      gray)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, text, font, width);
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  if (draw)
    {
      cairo_save (cr);
      cairo_set_source_rgb (cr, gray, gray, gray);
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, layout);
      cairo_restore (cr);
    }
  return (double) h / PANGO_SCALE;
}

/* Everything on the sheet, top to bottom; returns the height used. */
static double
coach_workout_sheet_layout (CoachWorkoutSheet *self,
                            cairo_t           *cr,
                            double             width,
                            gboolean           draw)
{
  const double number_width = 28;
  double y = 0;

  y += block (cr, draw, self->title, "Sans Bold 20", 0, y, width, 0);
  y += 4;
  if (self->session != NULL)
    {
      y += block (cr, draw, self->session, "Sans Bold 12", 0, y, width, 0);
      y += 2;
    }
  if (self->athletes != NULL)
    {
      y += block (cr, draw, self->athletes, "Sans 10", 0, y, width, 0.15);
      y += 4;
    }
  y += block (cr, draw, self->summary, "Sans 11", 0, y, width, 0.15);
  y += 2;
  y += block (cr, draw, self->config, "Sans 10", 0, y, width, 0.35);
  y += 10;
  if (draw)
    {
      cairo_save (cr);
      cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
      cairo_set_line_width (cr, 0.8);
      cairo_move_to (cr, 0, y);
      cairo_line_to (cr, width, y);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
  y += 10;

  if (self->items->len == 0)
    y += block (cr, draw, _("This workout has no exercises yet."), "Sans Italic 11", 0, y, width, 0.35);

  for (guint i = 0; i < self->items->len; i++)
    {
      SheetItem *item = g_ptr_array_index (self->items, i);
      g_autofree char *number = g_strdup_printf ("%u.", i + 1);
      double text_width = MAX (width - number_width, 10);
      double h;

      block (cr, draw, number, "Sans Bold 12", 0, y, number_width, 0.35);
      h = block (cr, draw, item->name, "Sans Bold 12", number_width, y, text_width, 0);
      y += h + 1;
      y += block (cr, draw, item->detail, "Sans 11", number_width, y, text_width, 0.15);
      if (item->notes != NULL)
        {
          y += 1;
          y += block (cr, draw, item->notes, "Sans Italic 10", number_width, y, text_width, 0.35);
        }
      y += 9;
    }

  if (self->notes != NULL)
    {
      y += 6;
      y += block (cr, draw, _("Notes"), "Sans Bold 11", 0, y, width, 0);
      y += 2;
      y += block (cr, draw, self->notes, "Sans 10", 0, y, width, 0.15);
    }
  return y;
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              CoachWorkoutSheet *self)
{
  coach_workout_sheet_draw (self,
                            gtk_print_context_get_cairo_context (context),
                            gtk_print_context_get_width (context),
                            gtk_print_context_get_height (context));
}

static void
sheet_closure_notify (gpointer  data,
                      GClosure *closure)
{
  g_object_unref (data);
}

/* ------------------------------------------------------------------------- */

static void
coach_workout_sheet_finalize (GObject *object)
{
  CoachWorkoutSheet *self = COACH_WORKOUT_SHEET (object);

  g_free (self->title);
  g_free (self->session);
  g_free (self->athletes);
  g_free (self->summary);
  g_free (self->config);
  g_free (self->notes);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (coach_workout_sheet_parent_class)->finalize (object);
}

static void
coach_workout_sheet_class_init (CoachWorkoutSheetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = coach_workout_sheet_finalize;
}

static void
coach_workout_sheet_init (CoachWorkoutSheet *self)
{
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) sheet_item_free);
}

/* ------------------------------------------------------------------------- */

CoachWorkoutSheet *
coach_workout_sheet_new (CoachCatalog  *catalog,
                         const char    *workout_id,
                         GError       **error)
{
  g_autoptr(CoachWorkoutSheet) self = NULL;
  g_autoptr(CoachRecord) workout = NULL;
  g_autoptr(CoachQueryModel) items = NULL;
  CoachDurationConfig config = { 0 };
  g_autofree char *total = NULL;
  guint n;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (workout_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  workout = coach_catalog_get (catalog, "workout", workout_id, error);
  if (workout == NULL)
    return NULL;

  items = coach_query_model_new (catalog, "workout_item");
  coach_query_model_set_ref_filter (items, "workout_id", workout_id);
  if (!coach_query_model_reload (items, error))
    return NULL;

  self = g_object_new (COACH_TYPE_WORKOUT_SHEET, NULL);
  coach_workout_format_config_from_record (workout, &config);

  n = g_list_model_get_n_items (G_LIST_MODEL (items));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CoachRecord) item = g_list_model_get_item (G_LIST_MODEL (items), i);
      g_autoptr(CoachRecord) exercise = NULL;
      g_autoptr(GError) local_error = NULL;
      const char *notes = coach_record_get_string (item, "notes");
      SheetItem *line = g_new0 (SheetItem, 1);

      exercise = coach_catalog_get (catalog, "exercise", coach_record_get_string (item, "exercise_id"), &local_error);
      if (exercise != NULL)
        line->name = g_strdup (coach_record_get_string (exercise, "name"));
      if (line->name == NULL)
        line->name = g_strdup (_("Unknown exercise"));
      line->detail = format_item_detail (item, &config);
      line->notes = is_blank (notes) ? NULL : g_strstrip (g_strdup (notes));
      g_ptr_array_add (self->items, line);
    }

  self->title = g_strdup (coach_record_get_string (workout, "name"));
  if (is_blank (self->title))
    {
      g_free (self->title);
      self->title = g_strdup (_("Untitled Workout"));
    }
  total = coach_duration_format (coach_workout_format_total (&config, G_LIST_MODEL (items)));
  self->summary = g_strdup_printf (ngettext ("Total %s · %u exercise", "Total %s · %u exercises", n), total, n);
  self->config = format_config (&config);
  if (!is_blank (coach_record_get_string (workout, "description")))
    self->notes = g_strstrip (g_strdup (coach_record_get_string (workout, "description")));

  return g_steal_pointer (&self);
}

/* "Tuesday 24 November 2026, 18:30 · North Stadium" */
static char *
format_session_line (CoachRecord *session)
{
  g_autoptr(GDateTime) start = coach_session_plan_parse_start (coach_record_get_string (session, "starts_at"));
  const char *location = coach_record_get_string (session, "location");
  g_autofree char *when = NULL;

  /* Translators: a session's date and time on its printed sheet, see strftime */
  when = start != NULL ? g_date_time_format (start, _("%A %e %B %Y, %H:%M")) : g_strdup (_("No date set"));
  g_strstrip (when);
  if (is_blank (location))
    return g_steal_pointer (&when);
  return g_strdup_printf ("%s · %s", when, location);
}

static char *
format_athletes_line (CoachCatalog *catalog,
                      const char   *session_id)
{
  g_auto(GStrv) ids = coach_session_plan_dup_athlete_ids (catalog, session_id, NULL);
  g_autoptr(GString) names = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      g_autoptr(CoachRecord) athlete = coach_catalog_get (catalog, "athlete", ids[i], NULL);
      const char *name = athlete != NULL ? coach_record_get_string (athlete, "name") : NULL;

      if (is_blank (name))
        continue;
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, name);
      n++;
    }
  if (n == 0)
    return g_strdup (_("No athletes invited yet"));
  /* Translators: %s is a list of athlete names */
  return g_strdup_printf (ngettext ("Athlete: %s", "Athletes: %s", n), names->str);
}

CoachWorkoutSheet *
coach_workout_sheet_new_for_session (CoachCatalog  *catalog,
                                     const char    *session_id,
                                     GError       **error)
{
  g_autoptr(CoachWorkoutSheet) self = NULL;
  g_autoptr(CoachRecord) session = NULL;
  const char *workout_id;
  const char *title;
  const char *notes;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (session_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  session = coach_catalog_get (catalog, "session", session_id, error);
  if (session == NULL)
    return NULL;

  workout_id = coach_record_get_string (session, "workout_id");
  if (!is_blank (workout_id))
    {
      self = coach_workout_sheet_new (catalog, workout_id, error);
      if (self == NULL)
        return NULL;
      /* the session's title leads; the workout's name goes with its total */
      title = coach_record_get_string (session, "title");
      if (!is_blank (title))
        {
          g_autofree char *summary = g_strdup_printf ("%s · %s", self->title, self->summary);

          g_free (self->title);
          self->title = g_strdup (title);
          g_free (self->summary);
          self->summary = g_steal_pointer (&summary);
        }
    }
  else
    {
      self = g_object_new (COACH_TYPE_WORKOUT_SHEET, NULL);
      title = coach_record_get_string (session, "title");
      self->title = g_strdup (is_blank (title) ? _("Training Session") : title);
      self->summary = g_strdup (_("No workout chosen"));
      self->config = g_strdup ("");
    }

  self->session = format_session_line (session);
  self->athletes = format_athletes_line (catalog, session_id);

  /* the session's own notes first: they are about this day */
  notes = coach_record_get_string (session, "notes");
  if (!is_blank (notes))
    {
      g_autofree char *workout_notes = g_steal_pointer (&self->notes);
      g_autofree char *own = g_strstrip (g_strdup (notes));

      self->notes = workout_notes != NULL ? g_strdup_printf ("%s\n\n%s", own, workout_notes)
                                          : g_steal_pointer (&own);
    }
  return g_steal_pointer (&self);
}

const char *
coach_workout_sheet_get_title (CoachWorkoutSheet *self)
{
  g_return_val_if_fail (COACH_IS_WORKOUT_SHEET (self), NULL);
  return self->title;
}

const char *
coach_workout_sheet_get_summary (CoachWorkoutSheet *self)
{
  g_return_val_if_fail (COACH_IS_WORKOUT_SHEET (self), NULL);
  return self->summary;
}

const char *
coach_workout_sheet_get_config (CoachWorkoutSheet *self)
{
  g_return_val_if_fail (COACH_IS_WORKOUT_SHEET (self), NULL);
  return self->config;
}

guint
coach_workout_sheet_get_n_items (CoachWorkoutSheet *self)
{
  g_return_val_if_fail (COACH_IS_WORKOUT_SHEET (self), 0);
  return self->items->len;
}

void
coach_workout_sheet_get_item (CoachWorkoutSheet  *self,
                              guint               index,
                              const char        **name,
                              const char        **detail,
                              const char        **notes)
{
  SheetItem *item;

  g_return_if_fail (COACH_IS_WORKOUT_SHEET (self));
  g_return_if_fail (index < self->items->len);

  item = g_ptr_array_index (self->items, index);
  if (name)
    *name = item->name;
  if (detail)
    *detail = item->detail;
  if (notes)
    *notes = item->notes;
}

void
coach_workout_sheet_draw (CoachWorkoutSheet *self,
                          cairo_t           *cr,
                          double             width,
                          double             height)
{
  double scale = 1.0;

  g_return_if_fail (COACH_IS_WORKOUT_SHEET (self));
  g_return_if_fail (cr != NULL);

  if (width <= 0 || height <= 0)
    return;

  /* A long workout shrinks to the page: narrower text wraps less, so a few
   * rounds of measuring settle the scale. */
  for (int round = 0; round < 6; round++)
    {
      double needed = coach_workout_sheet_layout (self, cr, width / scale, FALSE);

      if (needed * scale <= height)
        break;
      scale *= height / (needed * scale) * 0.98;
    }

  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  coach_workout_sheet_layout (self, cr, width / scale, TRUE);
  cairo_restore (cr);
}

GtkPrintOperation *
coach_workout_sheet_create_print_operation (CoachWorkoutSheet *self)
{
  GtkPrintOperation *operation;

  g_return_val_if_fail (COACH_IS_WORKOUT_SHEET (self), NULL);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_job_name (operation, self->title);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_page_cb),
                         g_object_ref (self), sheet_closure_notify, 0);
  return operation;
}

gboolean
coach_workout_sheet_export_pdf (CoachWorkoutSheet  *self,
                                GtkWindow          *parent,
                                const char         *path,
                                GError            **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  GtkPrintOperationResult result;

  g_return_val_if_fail (COACH_IS_WORKOUT_SHEET (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  operation = coach_workout_sheet_create_print_operation (self);
  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, parent, error);
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}
