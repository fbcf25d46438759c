/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * The file state of clips as the tiles show it: derived from blob rows,
 * upload parts and pins set up by hand in a real catalog.
 */
#include "config.h"

#include "catalog-test-util.h"
#include "coach-blob-store.h"
#include "coach-clip-transfers.h"

#define SHA(c) "0000000000000000000000000000000000000000000000000000000000000" c

static void
sign_in (CatalogFixture *f)
{
  g_autoptr(GError) error = NULL;

  coach_catalog_set_meta (f->catalog, "sync-server-url", "https://team.example", &error);
  g_assert_no_error (error);
  coach_catalog_set_meta (f->catalog, "sync-email", "coach@example.org", &error);
  g_assert_no_error (error);
  coach_catalog_set_meta (f->catalog, "sync-device-id", "device-1", &error);
  g_assert_no_error (error);
}

static void
add_clip (sqlite3    *db,
          const char *id,
          const char *sha256,
          const char *proxy_sha256,
          gboolean    deleted)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO clip (id, title, sha256, proxy_sha256, deleted, server_version) "
                                          "VALUES ('%s', '%s', %s%s%s, %s%s%s, %d, 1)", id, id,
                                          sha256 ? "'" : "", sha256 ? sha256 : "NULL", sha256 ? "'" : "",
                                          proxy_sha256 ? "'" : "", proxy_sha256 ? proxy_sha256 : "NULL",
                                          proxy_sha256 ? "'" : "", deleted);

  test_sqlite_exec (db, sql);
}

static void
add_blob (sqlite3    *db,
          const char *sha256,
          gint64      size,
          const char *state)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO blob (sha256, path, size, state, created_at) "
                                          "VALUES ('%s', '%s', %" G_GINT64_FORMAT ", '%s', 0)",
                                          sha256, sha256, size, state);

  test_sqlite_exec (db, sql);
}

static void
add_upload (sqlite3    *db,
            const char *sha256,
            const char *method,
            guint       part_count,
            const gint64 *part_sizes)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO blob_upload (sha256, method, part_size, part_count, started_at) "
                                          "VALUES ('%s', '%s', 100, %u, 0)", sha256, method, part_count);

  test_sqlite_exec (db, sql);
  for (guint i = 0; part_sizes != NULL && part_sizes[i] > 0; i++)
    {
      g_autofree char *part = g_strdup_printf ("INSERT INTO blob_upload_part (sha256, part_number, size, etag) "
                                               "VALUES ('%s', %u, %" G_GINT64_FORMAT ", 'e%u')",
                                               sha256, i + 1, part_sizes[i], i);
      test_sqlite_exec (db, part);
    }
}

static void
pin (CatalogFixture *f,
     const char     *clip_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (coach_catalog_set_clip_pinned (f->catalog, clip_id, TRUE, &error));
  g_assert_no_error (error);
}

/* Every case in one catalog, so that the query is seen to tell them apart. */
static void
seed (CatalogFixture *f)
{
  sqlite3 *db = test_sqlite_open (f->path, FALSE);
  static const gint64 parts[] = { 100, 300, 0 };

  add_blob (db, SHA ("001"), 400, "local");
  add_blob (db, SHA ("002"), 100, "local");
  add_clip (db, "waiting", SHA ("001"), SHA ("002"), FALSE);

  /* 400 of the original's 800 bytes acknowledged, the 200-byte proxy sent:
   * 600 of 1000 */
  add_blob (db, SHA ("011"), 800, "uploading");
  add_upload (db, SHA ("011"), "multipart", 8, parts);
  add_blob (db, SHA ("012"), 200, "uploaded");
  add_clip (db, "uploading", SHA ("011"), SHA ("012"), FALSE);

  /* a single PUT under way has no parts yet */
  add_blob (db, SHA ("021"), 300, "uploading");
  add_upload (db, SHA ("021"), "put", 1, NULL);
  add_clip (db, "uploading-put", SHA ("021"), NULL, FALSE);
  add_blob (db, SHA ("022"), 300, "uploading");
  add_upload (db, SHA ("022"), "multipart", 3, NULL);
  add_clip (db, "uploading-new", SHA ("022"), NULL, FALSE);

  /* the proxy not sent yet keeps the clip waiting */
  add_blob (db, SHA ("031"), 300, "uploaded");
  add_blob (db, SHA ("032"), 30, "local");
  add_clip (db, "half-sent", SHA ("031"), SHA ("032"), FALSE);

  add_blob (db, SHA ("041"), 300, "uploaded");
  add_blob (db, SHA ("042"), 30, "uploaded");
  add_clip (db, "uploaded", SHA ("041"), SHA ("042"), FALSE);
  /* a second clip over the same original */
  add_clip (db, "uploaded-twin", SHA ("041"), NULL, FALSE);

  /* no blob row at all: another device's clip */
  add_clip (db, "remote", SHA ("051"), SHA ("052"), FALSE);
  add_blob (db, SHA ("061"), 300, "missing");
  add_blob (db, SHA ("062"), 30, "uploaded");
  add_clip (db, "dropped", SHA ("061"), SHA ("062"), FALSE);

  add_blob (db, SHA ("071"), 300, "downloading");
  add_clip (db, "downloading", SHA ("071"), SHA ("072"), FALSE);

  add_blob (db, SHA ("081"), 300, "uploaded");
  add_clip (db, "pinned", SHA ("081"), NULL, FALSE);
  add_clip (db, "pinned-remote", SHA ("091"), NULL, FALSE);

  add_clip (db, "no-file", NULL, NULL, FALSE);
  add_blob (db, SHA ("101"), 300, "local");
  add_clip (db, "deleted", SHA ("101"), NULL, TRUE);
  sqlite3_close (db);

  pin (f, "pinned");
  pin (f, "pinned-remote");
}

static const CoachClipTransfer *
get (GHashTable *transfers,
     const char *clip_id)
{
  const CoachClipTransfer *transfer = g_hash_table_lookup (transfers, clip_id);

  if (transfer == NULL)
    g_test_message ("no state for %s", clip_id);
  g_assert_nonnull (transfer);
  return transfer;
}

/* ------------------------------------------------------------------------- */

static void
test_signed_out (CatalogFixture *f,
                 gconstpointer   data)
{
  g_autoptr(GHashTable) transfers = NULL;
  g_autoptr(GError) error = NULL;

  seed (f);
  transfers = coach_catalog_get_clip_transfers (f->catalog, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (transfers);
  g_assert_cmpuint (g_hash_table_size (transfers), ==, 0);

  /* half a sign-in is no sign-in */
  coach_catalog_set_meta (f->catalog, "sync-server-url", "https://team.example", &error);
  g_assert_no_error (error);
  g_clear_pointer (&transfers, g_hash_table_unref);
  transfers = coach_catalog_get_clip_transfers (f->catalog, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (transfers), ==, 0);
}

static void
test_states (CatalogFixture *f,
             gconstpointer   data)
{
  g_autoptr(GHashTable) transfers = NULL;
  g_autoptr(GError) error = NULL;
  const CoachClipTransfer *t;

  seed (f);
  sign_in (f);
  transfers = coach_catalog_get_clip_transfers (f->catalog, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (transfers);

  g_assert_cmpint (get (transfers, "waiting")->state, ==, COACH_CLIP_TRANSFER_WAITING);
  g_assert_cmpfloat (get (transfers, "waiting")->fraction, <, 0.0);

  t = get (transfers, "uploading");
  g_assert_cmpint (t->state, ==, COACH_CLIP_TRANSFER_UPLOADING);
  g_assert_cmpfloat_with_epsilon (t->fraction, 0.6, 1e-9);

  /* how far a single PUT is, the catalog cannot tell */
  t = get (transfers, "uploading-put");
  g_assert_cmpint (t->state, ==, COACH_CLIP_TRANSFER_UPLOADING);
  g_assert_cmpfloat (t->fraction, <, 0.0);

  /* a multipart upload the server has none of yet */
  t = get (transfers, "uploading-new");
  g_assert_cmpint (t->state, ==, COACH_CLIP_TRANSFER_UPLOADING);
  g_assert_cmpfloat_with_epsilon (t->fraction, 0.0, 1e-9);

  g_assert_cmpint (get (transfers, "half-sent")->state, ==, COACH_CLIP_TRANSFER_WAITING);
  g_assert_cmpint (get (transfers, "uploaded")->state, ==, COACH_CLIP_TRANSFER_UPLOADED);
  g_assert_cmpint (get (transfers, "uploaded-twin")->state, ==, COACH_CLIP_TRANSFER_UPLOADED);
  g_assert_cmpint (get (transfers, "remote")->state, ==, COACH_CLIP_TRANSFER_REMOTE);
  g_assert_cmpint (get (transfers, "dropped")->state, ==, COACH_CLIP_TRANSFER_REMOTE);
  g_assert_cmpint (get (transfers, "downloading")->state, ==, COACH_CLIP_TRANSFER_DOWNLOADING);

  t = get (transfers, "pinned");
  g_assert_cmpint (t->state, ==, COACH_CLIP_TRANSFER_PINNED);
  g_assert_true (t->pinned);
  /* pinned, the download still to come */
  t = get (transfers, "pinned-remote");
  g_assert_cmpint (t->state, ==, COACH_CLIP_TRANSFER_REMOTE);
  g_assert_true (t->pinned);
  g_assert_false (get (transfers, "remote")->pinned);

  g_assert_false (g_hash_table_contains (transfers, "no-file"));
  g_assert_false (g_hash_table_contains (transfers, "deleted"));
  g_assert_cmpuint (g_hash_table_size (transfers), ==, 12);
}

static void
test_subset (CatalogFixture *f,
             gconstpointer   data)
{
  const char * const some[] = { "uploading", "remote", "no-file", "not-a-clip", NULL };
  const char * const none[] = { NULL };
  g_autoptr(GHashTable) transfers = NULL;
  g_autoptr(GError) error = NULL;

  seed (f);
  sign_in (f);
  transfers = coach_catalog_get_clip_transfers (f->catalog, some, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (transfers), ==, 2);
  g_assert_cmpint (get (transfers, "uploading")->state, ==, COACH_CLIP_TRANSFER_UPLOADING);
  g_assert_cmpint (get (transfers, "remote")->state, ==, COACH_CLIP_TRANSFER_REMOTE);

  g_clear_pointer (&transfers, g_hash_table_unref);
  transfers = coach_catalog_get_clip_transfers (f->catalog, none, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (transfers), ==, 0);
}

static void
test_format (void)
{
  CoachClipTransfer t = { COACH_CLIP_TRANSFER_UPLOADING, 0.4, FALSE };
  g_autofree char *title = coach_clip_transfer_dup_title (&t);
  g_autofree char *full = NULL;
  g_autofree char *waiting = NULL;
  g_autofree char *unknown = NULL;

  g_assert_cmpstr (title, ==, "Uploading, 40 %");
  g_assert_cmpstr (coach_clip_transfer_get_icon_name (&t), ==, "network-transmit-symbolic");
  g_assert_true (coach_clip_transfer_is_notable (&t));

  t.fraction = 0.999;
  full = coach_clip_transfer_dup_title (&t);
  /* never "100 %" before the server has it all */
  g_assert_cmpstr (full, ==, "Uploading, 99 %");

  t.fraction = -1.0;
  unknown = coach_clip_transfer_dup_title (&t);
  g_assert_cmpstr (unknown, ==, "Uploading");

  t = (CoachClipTransfer) { COACH_CLIP_TRANSFER_WAITING, -1.0, FALSE };
  waiting = coach_clip_transfer_dup_title (&t);
  g_assert_cmpstr (waiting, ==, "Waiting to upload");
  g_assert_nonnull (coach_clip_transfer_get_details (&t));

  t.state = COACH_CLIP_TRANSFER_UPLOADED;
  g_assert_false (coach_clip_transfer_is_notable (&t));
  t.state = COACH_CLIP_TRANSFER_PINNED;
  g_assert_cmpstr (coach_clip_transfer_get_icon_name (&t), ==, "view-pin-symbolic");
  g_assert_true (coach_clip_transfer_is_notable (&t));
  t.state = COACH_CLIP_TRANSFER_NONE;
  g_assert_null (coach_clip_transfer_get_icon_name (&t));
  g_assert_null (coach_clip_transfer_dup_title (&t));
  g_assert_false (coach_clip_transfer_is_notable (&t));
}

/* ------------------------------------------------------------------------- */
/* The in-memory copy the tiles read */

static void
reloaded_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (coach_clip_transfers_reload_finish (COACH_CLIP_TRANSFERS (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
reload (CoachClipTransfers *transfers)
{
  gboolean done = FALSE;

  coach_clip_transfers_reload_async (transfers, NULL, reloaded_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
count_cb (CoachClipTransfers *transfers,
          guint              *count)
{
  (*count)++;
}

static void
test_cache (CatalogFixture *f,
            gconstpointer   data)
{
  g_autoptr(CoachClipTransfers) transfers = NULL;
  CoachClipTransfer t;
  sqlite3 *db;
  guint changes = 0;

  seed (f);
  transfers = coach_clip_transfers_new (f->catalog);
  g_signal_connect (transfers, "changed", G_CALLBACK (count_cb), &changes);
  reload (transfers);
  /* signed out: nothing to show */
  g_assert_false (coach_clip_transfers_lookup (transfers, "uploading", &t));
  g_assert_cmpint (t.state, ==, COACH_CLIP_TRANSFER_NONE);

  sign_in (f);
  changes = 0;
  reload (transfers);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_true (coach_clip_transfers_lookup (transfers, "uploading", &t));
  g_assert_cmpint (t.state, ==, COACH_CLIP_TRANSFER_UPLOADING);
  g_assert_cmpfloat_with_epsilon (t.fraction, 0.6, 1e-9);
  g_assert_false (coach_clip_transfers_lookup (transfers, "no-file", &t));

  /* nothing new: no signal for the tiles */
  reload (transfers);
  g_assert_cmpuint (changes, ==, 1);

  /* another part acknowledged (written by another connection, as the sync
   * worker does), then the upload done */
  db = test_sqlite_open (f->path, FALSE);
  test_sqlite_exec (db, "INSERT INTO blob_upload_part (sha256, part_number, size, etag) "
                        "VALUES ('" SHA ("011") "', 3, 200, 'e3')");
  sqlite3_close (db);
  reload (transfers);
  g_assert_cmpuint (changes, ==, 2);
  g_assert_true (coach_clip_transfers_lookup (transfers, "uploading", &t));
  g_assert_cmpfloat_with_epsilon (t.fraction, 0.8, 1e-9);

  db = test_sqlite_open (f->path, FALSE);
  test_sqlite_exec (db, "DELETE FROM blob_upload WHERE sha256 = '" SHA ("011") "'");
  test_sqlite_exec (db, "UPDATE blob SET state = 'uploaded' WHERE sha256 = '" SHA ("011") "'");
  sqlite3_close (db);
  reload (transfers);
  g_assert_cmpuint (changes, ==, 3);
  g_assert_true (coach_clip_transfers_lookup (transfers, "uploading", &t));
  g_assert_cmpint (t.state, ==, COACH_CLIP_TRANSFER_UPLOADED);
  g_assert_false (coach_clip_transfer_is_notable (&t));
}

/* Between sync runs nothing moves: an upload a run left unfinished shows
 * as waiting, a download as not downloaded, and the shared copy of a
 * service is the one the tiles get. */
static void
test_between_runs (CatalogFixture *f,
                   gconstpointer   data)
{
  g_autoptr(CoachSyncService) service = NULL;
  CoachClipTransfers *transfers;
  CoachClipTransfer t;
  guint changes = 0;

  seed (f);
  sign_in (f);
  service = coach_sync_service_new (f->catalog);
  g_assert_cmpint (coach_sync_service_get_state (service), !=, COACH_SYNC_STATE_SYNCING);
  transfers = coach_clip_transfers_get_for_service (service);
  g_assert_true (coach_clip_transfers_get_for_service (service) == transfers);
  g_signal_connect (transfers, "changed", G_CALLBACK (count_cb), &changes);
  reload (transfers);
  g_assert_cmpuint (changes, ==, 1);

  g_assert_true (coach_clip_transfers_lookup (transfers, "uploading", &t));
  g_assert_cmpint (t.state, ==, COACH_CLIP_TRANSFER_WAITING);
  g_assert_cmpfloat (t.fraction, <, 0.0);
  g_assert_true (coach_clip_transfers_lookup (transfers, "downloading", &t));
  g_assert_cmpint (t.state, ==, COACH_CLIP_TRANSFER_REMOTE);
  /* the others are as the catalog has them */
  g_assert_true (coach_clip_transfers_lookup (transfers, "pinned", &t));
  g_assert_cmpint (t.state, ==, COACH_CLIP_TRANSFER_PINNED);
  g_assert_true (coach_clip_transfers_lookup (transfers, "waiting", &t));
  g_assert_cmpint (t.state, ==, COACH_CLIP_TRANSFER_WAITING);
}

/* While a run moves a file, the sync service reports its bytes: the
 * clips of that file show that share at once, a single PUT included. */
static void
test_live_progress (CatalogFixture *f,
                    gconstpointer   data)
{
  g_autoptr(CoachClipTransfers) transfers = NULL;
  g_autofree char *title = NULL;
  CoachClipTransfer t;
  guint changes = 0;

  seed (f);
  sign_in (f);
  transfers = coach_clip_transfers_new (f->catalog);
  reload (transfers);
  g_signal_connect (transfers, "changed", G_CALLBACK (count_cb), &changes);

  g_assert_true (coach_clip_transfers_lookup (transfers, "uploading-put", &t));
  g_assert_cmpint (t.state, ==, COACH_CLIP_TRANSFER_UPLOADING);
  g_assert_cmpfloat (t.fraction, <, 0.0);

  coach_clip_transfers_set_file_progress (transfers, SHA ("021"), 120, 300);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_true (coach_clip_transfers_lookup (transfers, "uploading-put", &t));
  g_assert_cmpfloat_with_epsilon (t.fraction, 0.4, 1e-9);
  title = coach_clip_transfer_dup_title (&t);
  g_assert_cmpstr (title, ==, "Uploading, 40 %");
  /* other clips keep what the catalog says */
  g_assert_true (coach_clip_transfers_lookup (transfers, "uploading-new", &t));
  g_assert_cmpfloat (t.fraction, ==, 0.0);

  /* a download too */
  coach_clip_transfers_set_file_progress (transfers, SHA ("071"), 75, 300);
  g_assert_cmpuint (changes, ==, 2);
  g_assert_true (coach_clip_transfers_lookup (transfers, "downloading", &t));
  g_assert_cmpfloat_with_epsilon (t.fraction, 0.25, 1e-9);
  g_clear_pointer (&title, g_free);
  title = coach_clip_transfer_dup_title (&t);
  g_assert_cmpstr (title, ==, "Downloading, 25 %");
  g_assert_true (coach_clip_transfers_lookup (transfers, "uploading-put", &t));
  g_assert_cmpfloat (t.fraction, <, 0.0);

  /* a file no clip has (a thumbnail, say) changes nothing */
  coach_clip_transfers_set_file_progress (transfers, SHA ("999"), 1, 2);
  g_assert_cmpuint (changes, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/clip-transfer/signed-out", CatalogFixture, NULL,
              catalog_fixture_setup, test_signed_out, catalog_fixture_teardown);
  g_test_add ("/clip-transfer/states", CatalogFixture, NULL,
              catalog_fixture_setup, test_states, catalog_fixture_teardown);
  g_test_add ("/clip-transfer/subset", CatalogFixture, NULL,
              catalog_fixture_setup, test_subset, catalog_fixture_teardown);
  g_test_add_func ("/clip-transfer/format", test_format);
  g_test_add ("/clip-transfer/cache", CatalogFixture, NULL,
              catalog_fixture_setup, test_cache, catalog_fixture_teardown);
  g_test_add ("/clip-transfer/between-runs", CatalogFixture, NULL,
              catalog_fixture_setup, test_between_runs, catalog_fixture_teardown);
  g_test_add ("/clip-transfer/live-progress", CatalogFixture, NULL,
              catalog_fixture_setup, test_live_progress, catalog_fixture_teardown);

  return g_test_run ();
}
