/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-list-page"

#include "config.h"

#include <glib/gi18n.h>

#include "coach-first-rows.h"
#include "coach-list-page.h"
#include "coach-query-model.h"
#include "coach-record-format.h"

typedef struct
{
  CoachCatalog    *catalog;
  CoachQueryModel *model;
  CoachFirstRows  *first_rows;   /* what a list shows of the model, or NULL */
  char            *subtitle;
} CoachListPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CoachListPage, coach_list_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_TITLE,
  PROP_SUBTITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------- */

static gpointer
template_child (CoachListPage *self,
                const char    *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (self), G_OBJECT_TYPE (self), name);
}

/* The template's "selection" is a GtkNoSelection (a plain list) or a
 * GtkSingleSelection (a list with a detail pane). */
static GListModel *
selection_get_model (gpointer selection)
{
  if (GTK_IS_SINGLE_SELECTION (selection))
    return gtk_single_selection_get_model (selection);
  return gtk_no_selection_get_model (selection);
}

static void
selection_set_model (gpointer    selection,
                     GListModel *model)
{
  if (GTK_IS_SINGLE_SELECTION (selection))
    gtk_single_selection_set_model (selection, model);
  else
    gtk_no_selection_set_model (selection, model);
}

/* What the view shows: the model, or its first rows until the page has
 * been painted once. */
static GListModel *
coach_list_page_get_view_model (CoachListPage *self)
{
  CoachListPagePrivate *priv = coach_list_page_get_instance_private (self);

  if (priv->first_rows != NULL)
    return coach_first_rows_get_model (priv->first_rows);
  return G_LIST_MODEL (priv->model);
}

/* Gives the view its rows when the page is mapped. */
static void
coach_list_page_attach_rows (CoachListPage *self)
{
  CoachListPagePrivate *priv = coach_list_page_get_instance_private (self);
  gpointer selection = template_child (self, "selection");

  if (priv->model != NULL && selection_get_model (selection) == NULL)
    selection_set_model (selection, coach_list_page_get_view_model (self));
}

static void
coach_list_page_update_state (CoachListPage *self)
{
  CoachListPagePrivate *priv = coach_list_page_get_instance_private (self);
  guint n = priv->model ? g_list_model_get_n_items (G_LIST_MODEL (priv->model)) : 0;
  g_autofree char *subtitle = coach_format_count (COACH_LIST_PAGE_GET_CLASS (self)->table, n);

  gtk_stack_set_visible_child_name (template_child (self, "stack"), n > 0 ? "list" : "empty");
  if (g_strcmp0 (subtitle, priv->subtitle) != 0)
    {
      g_free (priv->subtitle);
      priv->subtitle = g_steal_pointer (&subtitle);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
    }
}

static void
items_changed_cb (CoachListPage *self,
                  guint          position,
                  guint          removed,
                  guint          added,
                  GListModel    *model)
{
  coach_list_page_update_state (self);
}

/* ------------------------------------------------------------------------- */

static void
coach_list_page_constructed (GObject *object)
{
  G_OBJECT_CLASS (coach_list_page_parent_class)->constructed (object);

  coach_list_page_update_state (COACH_LIST_PAGE (object));
}

static void
coach_list_page_dispose (GObject *object)
{
  CoachListPage *self = COACH_LIST_PAGE (object);
  CoachListPagePrivate *priv = coach_list_page_get_instance_private (self);

  /* The template names the bin's child: unset it first, or libadwaita 1.2
   * complains about it at shutdown. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), G_OBJECT_TYPE (self));
  g_clear_object (&priv->first_rows);
  g_clear_object (&priv->model);
  g_clear_object (&priv->catalog);

  G_OBJECT_CLASS (coach_list_page_parent_class)->dispose (object);
}

static void
coach_list_page_finalize (GObject *object)
{
  CoachListPagePrivate *priv = coach_list_page_get_instance_private (COACH_LIST_PAGE (object));

  g_free (priv->subtitle);

  G_OBJECT_CLASS (coach_list_page_parent_class)->finalize (object);
}

static void
coach_list_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CoachListPage *self = COACH_LIST_PAGE (object);
  CoachListPagePrivate *priv = coach_list_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, priv->catalog);
      break;
    case PROP_TITLE:
      g_value_set_string (value, gettext (COACH_LIST_PAGE_GET_CLASS (self)->title));
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, priv->subtitle);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_list_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CoachListPage *self = COACH_LIST_PAGE (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      coach_list_page_set_catalog (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_list_page_map (GtkWidget *widget)
{
  CoachListPage *self = COACH_LIST_PAGE (widget);

  coach_list_page_attach_rows (self);
  GTK_WIDGET_CLASS (coach_list_page_parent_class)->map (widget);
}

static void
coach_list_page_class_init (CoachListPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = coach_list_page_constructed;
  object_class->dispose = coach_list_page_dispose;
  object_class->finalize = coach_list_page_finalize;
  object_class->get_property = coach_list_page_get_property;
  object_class->set_property = coach_list_page_set_property;
  widget_class->map = coach_list_page_map;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL,
                         COACH_TYPE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
coach_list_page_init (CoachListPage *self)
{
}

/* ------------------------------------------------------------------------- */

void
coach_list_page_class_bind (CoachListPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* Offset 0: fetched with gtk_widget_get_template_child, not stored. */
  gtk_widget_class_bind_template_child_full (widget_class, "stack", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "selection", FALSE, 0);
}

CoachCatalog *
coach_list_page_get_catalog (CoachListPage *self)
{
  CoachListPagePrivate *priv = coach_list_page_get_instance_private (self);

  g_return_val_if_fail (COACH_IS_LIST_PAGE (self), NULL);
  return priv->catalog;
}

void
coach_list_page_set_catalog (CoachListPage *self,
                             CoachCatalog  *catalog)
{
  CoachListPagePrivate *priv = coach_list_page_get_instance_private (self);
  gpointer selection;

  g_return_if_fail (COACH_IS_LIST_PAGE (self));
  g_return_if_fail (catalog == NULL || COACH_IS_CATALOG (catalog));

  if (!g_set_object (&priv->catalog, catalog))
    return;

  selection = template_child (self, "selection");
  selection_set_model (selection, NULL);
  g_clear_object (&priv->first_rows);
  g_clear_object (&priv->model);
  if (catalog != NULL)
    {
      g_autoptr(GError) error = NULL;

      priv->model = coach_query_model_new (catalog, COACH_LIST_PAGE_GET_CLASS (self)->table);
      /* Loaded before the view counts, so it sees the rows only once. */
      if (!coach_query_model_reload (priv->model, &error))
        g_warning ("Cannot load the %s list: %s", COACH_LIST_PAGE_GET_CLASS (self)->table, error->message);
      g_signal_connect_object (priv->model, "items-changed",
                               G_CALLBACK (items_changed_cb), self,
                               G_CONNECT_SWAPPED);
      if (COACH_LIST_PAGE_GET_CLASS (self)->first_rows > 0)
        priv->first_rows = coach_first_rows_new (G_LIST_MODEL (priv->model), GTK_WIDGET (self),
                                                 COACH_LIST_PAGE_GET_CLASS (self)->first_rows);
      /* A hidden page's view gets its rows when it is shown: a grid
       * builds its first tiles as soon as it has a model. */
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        selection_set_model (selection, coach_list_page_get_view_model (self));
    }

  coach_list_page_update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG]);
}

/* The page's rows, whether its view shows them yet or not; NULL without
 * catalog. */
CoachQueryModel *
coach_list_page_get_model (CoachListPage *self)
{
  CoachListPagePrivate *priv = coach_list_page_get_instance_private (self);

  g_return_val_if_fail (COACH_IS_LIST_PAGE (self), NULL);
  return priv->model;
}

/* Gives the view all its rows now instead of when the page is first
 * shown, for a subclass that selects a row (by its position in the
 * model) of a page that may not have been shown yet. */
void
coach_list_page_show_rows (CoachListPage *self)
{
  CoachListPagePrivate *priv = coach_list_page_get_instance_private (self);

  g_return_if_fail (COACH_IS_LIST_PAGE (self));

  coach_list_page_attach_rows (self);
  if (priv->first_rows != NULL)
    coach_first_rows_show_all (priv->first_rows);
}
