/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-catalog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "coach-catalog-private.h"

/* Catalog files are versioned by PRAGMA user_version; each version's SQL
 * is a resource (app/core/sql/NNN-*.sql) and never changes once shipped. */

static gboolean
load_migration (guint    version,
                GBytes **out,
                GError **error)
{
  static const char * const names[] = {
    NULL,
    "/io/github/coachbook/core/sql/001-catalog.sql",
    "/io/github/coachbook/core/sql/002-search.sql",
    "/io/github/coachbook/core/sql/003-blob-transfer.sql",
    "/io/github/coachbook/core/sql/004-delivery-resend.sql",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == COACH_CATALOG_VERSION + 1);
  g_assert (version >= 1 && version <= COACH_CATALOG_VERSION);

  *out = g_resources_lookup_data (names[version], 0, error);
  return *out != NULL;
}

/* All steps run in one transaction: a failure in any of them rolls the
 * file back to the version it had, so an interrupted or broken upgrade
 * never leaves a half-migrated catalog. */
gboolean
_coach_catalog_migrate (CoachCatalog  *self,
         guint          from,
         guint          to,
         GError       **error)
{
  g_autofree char *set_version = NULL;

  if (!coach_db_begin (self->db, error))
    return FALSE;

  for (guint v = from + 1; v <= to; v++)
    {
      g_autoptr(GBytes) sql = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GError) local_error = NULL;

      if (!load_migration (v, &sql, error))
        goto fail;

      text = g_strndup (g_bytes_get_data (sql, NULL), g_bytes_get_size (sql));
      if (!coach_db_exec (self->db, text, &local_error))
        {
          g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_FAILED,
                       _("Could not upgrade the catalog to version %u; it was left unchanged: %s"),
                       v, local_error->message);
          goto fail;
        }
    }

  set_version = g_strdup_printf ("PRAGMA user_version = %u", to);
  if (!coach_db_exec (self->db, set_version, error))
    goto fail;
  if (!coach_db_commit (self->db, error))
    return FALSE;

  self->version = to;
  return TRUE;

fail:
  coach_db_rollback (self->db);
  return FALSE;
}

