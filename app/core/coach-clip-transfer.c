/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-clip-transfer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "coach-catalog-private.h"
#include "coach-clip-transfer.h"
#include "coach-sync-service-private.h"

/* The sign-in the sync service keeps in the catalog: all three are set. */
static const char signed_in_sql[] =
  "SELECT count(*) FROM meta WHERE key IN ('" META_URL "', '" META_EMAIL "', '" META_DEVICE "') "
  "AND value IS NOT NULL AND value <> ''";

/* The bytes of an upload under way the server acknowledged: the parts of
 * a multipart upload; NULL when not known (a single PUT says nothing until
 * it is done). Only run for files being uploaded (indexed by sha256). */
#define SENT_SQL(b) \
  "CASE WHEN " b ".state = 'uploading' THEN " \
  "  (SELECT CASE WHEN u.method = 'multipart' THEN " \
  "     (SELECT total(size) FROM blob_upload_part WHERE sha256 = u.sha256) END " \
  "   FROM blob_upload u WHERE u.sha256 = " b ".sha256) " \
  "ELSE 0 END"

/* One row per clip: the original and the proxy with their blob state,
 * size and acknowledged bytes, and the pin. Almost every clip is live: a
 * plain scan beats going through the title index ("+" keeps the planner
 * off it). */
#define TRANSFER_SQL \
  "SELECT c.id, c.sha256 IS NOT NULL, o.state, o.size, " SENT_SQL ("o") ", " \
  "       c.proxy_sha256 IS NOT NULL AND c.proxy_sha256 IS NOT c.sha256, p.state, p.size, " SENT_SQL ("p") ", " \
  "       EXISTS (SELECT 1 FROM clip_pin WHERE clip_id = c.id) "
#define BLOBS_SQL \
  "LEFT JOIN blob o ON o.sha256 = c.sha256 " \
  "LEFT JOIN blob p ON p.sha256 = c.proxy_sha256 AND c.proxy_sha256 IS NOT c.sha256 " \
  "WHERE +c.deleted = 0"

static const char all_sql[] = TRANSFER_SQL "FROM clip c " BLOBS_SQL;
/* Driven by the ids, so that a screenful costs a few lookups, not a scan. */
static const char some_sql[] = TRANSFER_SQL "FROM json_each (?) j CROSS JOIN clip c ON c.id = j.value " BLOBS_SQL;

typedef enum
{
  FILE_ABSENT,      /* no reference */
  FILE_MISSING,     /* referenced, not here */
  FILE_LOCAL,
  FILE_UPLOADING,
  FILE_UPLOADED,
  FILE_DOWNLOADING,
} FileState;

/* ------------------------------------------------------------------------- */

static FileState
file_state (sqlite3_stmt *stmt,
            int           column)
{
  const char *state;

  if (sqlite3_column_int (stmt, column) == 0)
    return FILE_ABSENT;
  state = coach_db_column_text (stmt, column + 1);
  if (g_strcmp0 (state, "local") == 0)
    return FILE_LOCAL;
  if (g_strcmp0 (state, "uploading") == 0)
    return FILE_UPLOADING;
  if (g_strcmp0 (state, "uploaded") == 0)
    return FILE_UPLOADED;
  if (g_strcmp0 (state, "downloading") == 0)
    return FILE_DOWNLOADING;
  return FILE_MISSING;
}

/* Adds what one file contributes to "how much of the clip the server
 * has": only files stored here count, they are what is sent. FALSE when
 * it is being sent and how far is not known. */
static gboolean
add_bytes (sqlite3_stmt *stmt,
           int           column,
           FileState     state,
           double       *done,
           double       *total)
{
  double size = MAX (sqlite3_column_int64 (stmt, column + 2), 0);
  double sent = MAX (sqlite3_column_double (stmt, column + 3), 0.0);

  switch (state)
    {
    case FILE_LOCAL:
      *total += size;
      break;
    case FILE_UPLOADING:
      if (sqlite3_column_type (stmt, column + 3) == SQLITE_NULL)
        return FALSE;
      *total += size;
      *done += MIN (sent, size);
      break;
    case FILE_UPLOADED:
      *total += size;
      *done += size;
      break;
    case FILE_ABSENT:
    case FILE_MISSING:
    case FILE_DOWNLOADING:
    default:
      break;
    }
  return TRUE;
}

static gboolean
any_is (const FileState *files,
        FileState        state)
{
  return files[0] == state || files[1] == state;
}

static CoachClipTransfer *
derive (sqlite3_stmt *stmt)
{
  FileState files[2] = { file_state (stmt, 1), file_state (stmt, 5) };
  gboolean pinned = sqlite3_column_int (stmt, 9) != 0;
  CoachClipTransfer *transfer;
  double done = 0, total = 0;

  if (files[0] == FILE_ABSENT && files[1] == FILE_ABSENT)
    return NULL;

  transfer = g_new0 (CoachClipTransfer, 1);
  transfer->fraction = -1.0;
  transfer->pinned = pinned;

  /* What still has to happen comes first: sending wins over receiving,
   * and one file not here makes the clip "not downloaded". */
  if (any_is (files, FILE_UPLOADING))
    {
      gboolean known = add_bytes (stmt, 1, files[0], &done, &total);

      known = add_bytes (stmt, 5, files[1], &done, &total) && known;
      transfer->state = COACH_CLIP_TRANSFER_UPLOADING;
      if (known)
        transfer->fraction = total > 0 ? CLAMP (done / total, 0.0, 1.0) : 0.0;
    }
  else if (any_is (files, FILE_LOCAL))
    transfer->state = COACH_CLIP_TRANSFER_WAITING;
  else if (any_is (files, FILE_DOWNLOADING))
    transfer->state = COACH_CLIP_TRANSFER_DOWNLOADING;
  else if (any_is (files, FILE_MISSING))
    transfer->state = COACH_CLIP_TRANSFER_REMOTE;
  else
    transfer->state = pinned ? COACH_CLIP_TRANSFER_PINNED : COACH_CLIP_TRANSFER_UPLOADED;
  return transfer;
}

static char *
ids_to_json (const char * const *clip_ids)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; clip_ids[i] != NULL; i++)
    json_builder_add_string_value (builder, clip_ids[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* ------------------------------------------------------------------------- */

GHashTable *
coach_db_get_clip_transfers (CoachDb             *db,
                             const char * const  *clip_ids,
                             GError             **error)
{
  g_autoptr(GHashTable) transfers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *json = NULL;
  sqlite3_stmt *stmt;
  gint64 signed_in = 0;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!coach_db_query_int (db, signed_in_sql, &signed_in, error))
    return NULL;
  if (signed_in < 3 || (clip_ids != NULL && clip_ids[0] == NULL))
    return g_steal_pointer (&transfers);

  stmt = coach_db_prepare (db, clip_ids != NULL ? some_sql : all_sql, error);
  if (stmt == NULL)
    return NULL;
  if (clip_ids != NULL)
    {
      json = ids_to_json (clip_ids);
      coach_db_bind_text (stmt, 1, json);
    }
  while ((rc = coach_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      CoachClipTransfer *transfer = derive (stmt);

      if (transfer != NULL)
        g_hash_table_insert (transfers, g_strdup (coach_db_column_text (stmt, 0)), transfer);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&transfers);
}

GHashTable *
coach_catalog_get_clip_transfers (CoachCatalog        *catalog,
                                  const char * const  *clip_ids,
                                  GError             **error)
{
  g_return_val_if_fail (COACH_IS_CATALOG (catalog), NULL);

  return coach_db_get_clip_transfers (_coach_catalog_get_db (catalog), clip_ids, error);
}

/* The live clips whose original or proxy is the file @sha256. */
char **
coach_catalog_clips_with_file (CoachCatalog  *catalog,
                               const char    *sha256,
                               GError       **error)
{
  CoachDb *db;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  db = _coach_catalog_get_db (catalog);
  stmt = coach_db_prepare (db,
                           "SELECT id FROM clip WHERE sha256 = ?1 AND deleted = 0 "
                           "UNION SELECT id FROM clip WHERE proxy_sha256 = ?1 AND deleted = 0",
                           error);
  if (stmt == NULL)
    return NULL;
  coach_db_bind_text (stmt, 1, sha256);
  while ((rc = coach_db_step (db, stmt, error)) == SQLITE_ROW)
    g_strv_builder_add (ids, coach_db_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc == 0)
    return NULL;
  return g_strv_builder_end (ids);
}

const char *
coach_clip_transfer_get_icon_name (const CoachClipTransfer *transfer)
{
  g_return_val_if_fail (transfer != NULL, NULL);

  switch (transfer->state)
    {
    case COACH_CLIP_TRANSFER_WAITING:
      return "computer-symbolic";
    case COACH_CLIP_TRANSFER_UPLOADING:
      return "network-transmit-symbolic";
    case COACH_CLIP_TRANSFER_UPLOADED:
      return "network-server-symbolic";
    case COACH_CLIP_TRANSFER_REMOTE:
      return "folder-remote-symbolic";
    case COACH_CLIP_TRANSFER_DOWNLOADING:
      return "network-receive-symbolic";
    case COACH_CLIP_TRANSFER_PINNED:
      return "view-pin-symbolic";
    case COACH_CLIP_TRANSFER_NONE:
    default:
      return NULL;
    }
}

char *
coach_clip_transfer_dup_title (const CoachClipTransfer *transfer)
{
  g_return_val_if_fail (transfer != NULL, NULL);

  switch (transfer->state)
    {
    case COACH_CLIP_TRANSFER_WAITING:
      return g_strdup (_("Waiting to upload"));
    case COACH_CLIP_TRANSFER_UPLOADING:
      if (transfer->fraction < 0)
        return g_strdup (_("Uploading"));
      /* Translators: a clip's file being sent to the team server, %d is a percentage */
      return g_strdup_printf (_("Uploading, %d %%"), (int) floor (CLAMP (transfer->fraction, 0.0, 1.0) * 100.0));
    case COACH_CLIP_TRANSFER_UPLOADED:
      return g_strdup (_("On the team server"));
    case COACH_CLIP_TRANSFER_REMOTE:
      return g_strdup (_("Not downloaded"));
    case COACH_CLIP_TRANSFER_DOWNLOADING:
      if (transfer->fraction < 0)
        return g_strdup (_("Downloading"));
      /* Translators: a clip's file coming from the team server, %d is a percentage */
      return g_strdup_printf (_("Downloading, %d %%"), (int) floor (CLAMP (transfer->fraction, 0.0, 1.0) * 100.0));
    case COACH_CLIP_TRANSFER_PINNED:
      return g_strdup (_("Kept on this device"));
    case COACH_CLIP_TRANSFER_NONE:
    default:
      return NULL;
    }
}

const char *
coach_clip_transfer_get_details (const CoachClipTransfer *transfer)
{
  g_return_val_if_fail (transfer != NULL, NULL);

  switch (transfer->state)
    {
    case COACH_CLIP_TRANSFER_WAITING:
      return _("Only on this device: it will be uploaded to the team server at the next sync");
    case COACH_CLIP_TRANSFER_UPLOADING:
      return _("Being uploaded to the team server");
    case COACH_CLIP_TRANSFER_UPLOADED:
      return _("On this device and on the team server");
    case COACH_CLIP_TRANSFER_REMOTE:
      return _("On the team server only, not on this device");
    case COACH_CLIP_TRANSFER_DOWNLOADING:
      return _("Being downloaded from the team server");
    case COACH_CLIP_TRANSFER_PINNED:
      return _("On this device and on the team server, available offline");
    case COACH_CLIP_TRANSFER_NONE:
    default:
      return NULL;
    }
}

gboolean
coach_clip_transfer_is_notable (const CoachClipTransfer *transfer)
{
  g_return_val_if_fail (transfer != NULL, FALSE);

  return transfer->state != COACH_CLIP_TRANSFER_NONE &&
         transfer->state != COACH_CLIP_TRANSFER_UPLOADED;
}
