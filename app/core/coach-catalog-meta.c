/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-catalog"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "coach-catalog-private.h"

/* Counts, key/value metadata and backups. */

gint64
coach_catalog_count (CoachCatalog  *self,
                     const char    *table,
                     GError       **error)
{
  g_autofree char *sql = NULL;
  gint64 n = -1;

  g_return_val_if_fail (COACH_IS_CATALOG (self), -1);

  if (coach_schema_lookup_table (table) == NULL)
    {
      g_set_error (error, COACH_CATALOG_ERROR, COACH_CATALOG_ERROR_INVALID,
                   "Unknown table “%s”", table);
      return -1;
    }
  sql = g_strdup_printf ("SELECT count(*) FROM \"%s\" WHERE deleted = 0", table);
  if (!coach_db_query_int (self->db, sql, &n, error))
    return -1;
  return n;
}

gint64
coach_catalog_outbox_count (CoachCatalog  *self,
                            GError       **error)
{
  gint64 n = -1;

  g_return_val_if_fail (COACH_IS_CATALOG (self), -1);
  if (!coach_db_query_int (self->db, "SELECT count(*) FROM outbox", &n, error))
    return -1;
  return n;
}

char *
coach_catalog_get_meta (CoachCatalog *self,
                        const char   *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (COACH_IS_CATALOG (self), NULL);

  stmt = coach_db_prepare (self->db, "SELECT value FROM meta WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;
  coach_db_bind_text (stmt, 1, key);
  if (coach_db_step (self->db, stmt, NULL) == SQLITE_ROW)
    value = g_strdup (coach_db_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

gboolean
coach_catalog_set_meta (CoachCatalog  *self,
                        const char    *key,
                        const char    *value,
                        GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (COACH_IS_CATALOG (self), FALSE);

  stmt = coach_db_prepare (self->db,
                           "INSERT INTO meta (key, value) VALUES (?, ?) "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;
  coach_db_bind_text (stmt, 1, key);
  coach_db_bind_text (stmt, 2, value);
  return coach_db_step_done (self->db, stmt, error);
}

gboolean
coach_catalog_backup (CoachCatalog  *self,
                      const char    *dest_path,
                      GError       **error)
{
  g_autofree char *tmp = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (COACH_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  /* VACUUM INTO reads one snapshot of the database, so the copy is
   * consistent even while the app writes; the rename makes it appear
   * whole or not at all. */
  tmp = g_strdup_printf ("%s.part-%u", dest_path, g_random_int ());
  stmt = coach_db_prepare (self->db, "VACUUM INTO ?", error);
  if (stmt == NULL)
    return FALSE;
  coach_db_bind_text (stmt, 1, tmp);
  if (!coach_db_step_done (self->db, stmt, error))
    {
      g_unlink (tmp);
      g_prefix_error (error, _("Could not write the backup: "));
      return FALSE;
    }

  if (g_rename (tmp, dest_path) != 0)
    {
      int saved_errno = errno;
      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write the backup “%s”: %s"), dest_path, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

gboolean
coach_catalog_check_external_changes (CoachCatalog *self)
{
  const CoachTableInfo *tables;
  guint n_tables;
  gint64 version = 0;

  g_return_val_if_fail (COACH_IS_CATALOG (self), FALSE);

  /* data_version only moves when another connection commits. */
  if (!coach_db_query_int (self->db, "PRAGMA data_version", &version, NULL))
    return FALSE;
  if (self->data_version == 0 || version == self->data_version)
    {
      self->data_version = version;
      return FALSE;
    }
  self->data_version = version;

  tables = coach_schema_get_tables (&n_tables);
  for (guint i = 0; i < n_tables; i++)
    _coach_catalog_touch (self, tables[i].name);
  return TRUE;
}
