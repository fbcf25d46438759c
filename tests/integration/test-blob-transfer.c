/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * Clip files between two devices through the real server (fs backend):
 * upload, eager thumbnails, downloads on demand, dedupe, a multipart
 * upload resumed by a new catalog after it was cancelled, a corrupt
 * download, and freeing space.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "coach-blob-store.h"
#include "coach-blob-transfer.h"
#include "coach-catalog.h"
#include "coach-clip.h"
#include "coach-clip-import.h"
#include "coach-sync-engine.h"
#include "sync-test-util.h"

#define PART_SIZE (64 * 1024)

/* Built twice: for the fs backend, and with BLOB_TRANSFER_S3 for the s3
 * backend against s3rver (node and `npm ci` in tests/ are required then:
 * a missing one fails the test). */
#define S3_BUCKET "coachbook-test"
#define S3_ACCESS_KEY "COACHBOOKTESTKEY"
#define S3_SECRET_KEY "coachbook/test+secret"

#ifdef BLOB_TRANSFER_S3
#define USE_S3 TRUE
#else
#define USE_S3 FALSE
#endif

static GPtrArray *server_env;
static GSubprocess *s3rver;
static char *s3rver_dir;

typedef struct
{
  char            *dir;
  CoachCatalog    *catalog;
  CoachSyncClient *client;
  char            *team_id;
} Device;

typedef struct
{
  SyncTestStack *stack;
  Device        *a;
  Device        *b;
} Fixture;

/* ------------------------------------------------------------------------- */
/* Helpers */

static Device *
device_new (Fixture    *f,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachSyncLogin) login = NULL;
  Device *d = g_new0 (Device, 1);

  d->dir = g_dir_make_tmp ("coachbook-blobs-device-XXXXXX", &error);
  g_assert_no_error (error);
  d->catalog = coach_catalog_open (d->dir, &error);
  g_assert_no_error (error);
  d->client = coach_sync_client_new (f->stack->server->url, &error);
  g_assert_no_error (error);
  coach_sync_client_set_timeout (d->client, 120);
  login = coach_sync_client_login (d->client, "coach@example.org", SYNC_TEST_PASSWORD, name, NULL, &error);
  g_assert_no_error (error);
  coach_catalog_set_meta (d->catalog, "sync-device-id", login->device_id, &error);
  g_assert_no_error (error);
  d->team_id = g_strdup (login->team_id);
  return d;
}

static void
device_free (Device *d)
{
  g_clear_object (&d->catalog);
  g_clear_object (&d->client);
  sync_test_remove_tree (d->dir);
  g_free (d->dir);
  g_free (d->team_id);
  g_free (d);
}

/* @data: one more server setting, or NULL. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) env = g_ptr_array_new ();

  for (guint i = 0; i < server_env->len && server_env->pdata[i] != NULL; i++)
    g_ptr_array_add (env, server_env->pdata[i]);
  if (data != NULL)
    g_ptr_array_add (env, (gpointer) data);
  g_ptr_array_add (env, NULL);
  f->stack = sync_test_stack_new ((const char * const *) env->pdata);
  g_free (sync_test_create_team (f->stack->db, "Harriers"));
  sync_test_add_coach (f->stack->db, "Harriers", "coach@example.org");
  f->a = device_new (f, "laptop");
  f->b = device_new (f, "tablet");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  device_free (f->a);
  device_free (f->b);
  sync_test_stack_free (f->stack);
}

/* A file of random bytes outside any catalog. */
static GBytes *
random_file (const char *dir,
             const char *name,
             gsize       size,
             char      **path_out)
{
  guint8 *data = g_malloc (size);
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  for (gsize i = 0; i < size; i++)
    data[i] = g_random_int () & 0xff;
  bytes = g_bytes_new_take (data, size);
  *path_out = g_build_filename (dir, name, NULL);
  g_file_set_contents (*path_out, g_bytes_get_data (bytes, NULL), size, &error);
  g_assert_no_error (error);
  return bytes;
}

/* A clip with an original and a thumbnail, as an import makes them. */
static char *
add_clip (Device     *d,
          const char *original,
          const char *thumbnail)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachClip) clip = NULL;
  gboolean duplicate = FALSE;

  clip = coach_catalog_import_clip (d->catalog, original, 0, &duplicate, &error);
  g_assert_no_error (error);
  if (thumbnail != NULL)
    {
      g_autofree char *sha = NULL;

      coach_catalog_store_blob (d->catalog, thumbnail, 0, &sha, NULL, &error);
      g_assert_no_error (error);
      coach_record_set_string (COACH_RECORD (clip), "thumbnail_sha256", sha);
      coach_catalog_save (d->catalog, COACH_RECORD (clip), &error);
      g_assert_no_error (error);
    }
  return g_strdup (coach_record_get_id (COACH_RECORD (clip)));
}

static void
sync_metadata (Device *d)
{
  g_autoptr(GError) error = NULL;
  CoachSyncStats stats;

  coach_catalog_sync_once (d->catalog, d->client, &stats, NULL, &error);
  g_assert_no_error (error);
}

typedef struct
{
  guint64  last_bytes_done;
  guint64  bytes_total;
  guint    calls;
  gboolean went_back;
} ProgressLog;

static void
progress_log_cb (const CoachBlobProgress *p,
                 gpointer                 user_data)
{
  ProgressLog *log = user_data;

  if (p->bytes_done < log->last_bytes_done)
    log->went_back = TRUE;
  g_assert_cmpuint (p->bytes_done, <=, p->bytes_total);
  g_assert_cmpuint (p->file_done, <=, p->file_total);
  log->last_bytes_done = p->bytes_done;
  log->bytes_total = p->bytes_total;
  log->calls++;
}

static void
sync_blobs_ok (Device         *d,
               CoachBlobStats *stats)
{
  g_autoptr(GError) error = NULL;

  coach_catalog_sync_blobs (d->catalog, d->client, stats, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static char *
sha_of (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static void
assert_stored (Device     *d,
               GBytes     *expected)
{
  g_autofree char *sha = sha_of (expected);
  g_autofree char *path = coach_catalog_blob_path (d->catalog, sha);
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpmem (contents, len, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
}

static void
assert_not_stored (Device     *d,
                   GBytes     *bytes)
{
  g_autofree char *sha = sha_of (bytes);
  g_autofree char *path = coach_catalog_blob_path (d->catalog, sha);

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* A value from the device's catalog file, read through its own connection. */
static char *
catalog_value (Device     *d,
               const char *sql)
{
  g_autofree char *path = g_build_filename (d->dir, "catalog.db", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
blob_state (Device     *d,
            GBytes     *bytes)
{
  g_autofree char *sha = sha_of (bytes);
  g_autofree char *sql = g_strdup_printf ("SELECT state FROM blob WHERE sha256 = '%s'", sha);

  return catalog_value (d, sql);
}

static gint64
server_available (Fixture *f)
{
  return sync_test_db_int (f->stack->db, "SELECT count(*) FROM blob WHERE state = 'available'");
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* ------------------------------------------------------------------------- */
/* Tests */

static void
test_upload_download (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *original_path = NULL;
  g_autofree char *thumb_path = NULL;
  g_autoptr(GBytes) original = random_file (f->a->dir, "drill.mp4", 5 * PART_SIZE + 123, &original_path);
  g_autoptr(GBytes) thumb = random_file (f->a->dir, "thumb.jpg", 10 * 1024, &thumb_path);
  g_autofree char *clip_id = NULL;
  g_autofree char *state = NULL;
  g_autoptr(GError) error = NULL;
  CoachBlobStats stats = { 0 };
  CoachStorageUsage usage;
  ProgressLog log = { 0 };

  clip_id = add_clip (f->a, original_path, thumb_path);

  /* nothing goes up before the clip itself is synced */
  sync_blobs_ok (f->a, &stats);
  g_assert_cmpuint (stats.uploaded, ==, 0);
  g_assert_cmpint (server_available (f), ==, 0);

  sync_metadata (f->a);
  coach_catalog_sync_blobs (f->a->catalog, f->a->client, &stats, progress_log_cb, &log, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats.uploaded, ==, 2);
  g_assert_cmpuint (stats.failed, ==, 0);
  g_assert_cmpuint (stats.bytes_uploaded, ==, g_bytes_get_size (original) + g_bytes_get_size (thumb));
  g_assert_cmpint (server_available (f), ==, 2);
  g_assert_false (log.went_back);
  g_assert_cmpuint (log.calls, >=, 6);
  g_assert_cmpuint (log.bytes_total, ==, g_bytes_get_size (original) + g_bytes_get_size (thumb));
  g_assert_cmpuint (log.last_bytes_done, ==, log.bytes_total);
  state = blob_state (f->a, original);
  g_assert_cmpstr (state, ==, "uploaded");
  g_clear_pointer (&state, g_free);

  /* a second run has nothing to do */
  sync_blobs_ok (f->a, &stats);
  g_assert_cmpuint (stats.uploaded + stats.deduplicated + stats.downloaded, ==, 0);

  /* the other device gets the thumbnail at once, the video on demand */
  sync_metadata (f->b);
  sync_blobs_ok (f->b, &stats);
  g_assert_cmpuint (stats.downloaded, ==, 1);
  assert_stored (f->b, thumb);
  assert_not_stored (f->b, original);

  memset (&stats, 0, sizeof stats);
  coach_catalog_fetch_clip (f->b->catalog, f->b->client, clip_id, &stats, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats.downloaded, ==, 1);
  assert_stored (f->b, original);
  state = blob_state (f->b, original);
  g_assert_cmpstr (state, ==, "uploaded");

  coach_catalog_get_storage_usage (f->b->catalog, &usage, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (usage.originals, ==, g_bytes_get_size (original));
  g_assert_cmpuint (usage.thumbnails, ==, g_bytes_get_size (thumb));
  g_assert_cmpuint (usage.not_uploaded, ==, 0);
  g_assert_cmpuint (usage.freeable, ==, g_bytes_get_size (original));
}

static void
test_dedupe (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path_a = NULL;
  g_autofree char *path_b = NULL;
  g_autoptr(GBytes) bytes = random_file (f->a->dir, "same.mp4", 3 * PART_SIZE, &path_a);
  g_autofree char *clip_a = NULL;
  g_autofree char *clip_b = NULL;
  g_autofree char *state = NULL;
  CoachBlobStats stats = { 0 };

  g_file_set_contents (path_b = g_build_filename (f->b->dir, "copy.mp4", NULL),
                       g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);
  clip_a = add_clip (f->a, path_a, NULL);
  clip_b = add_clip (f->b, path_b, NULL);

  sync_metadata (f->a);
  sync_blobs_ok (f->a, &stats);
  g_assert_cmpuint (stats.uploaded, ==, 1);

  /* the team has these bytes: the second device sends nothing */
  sync_metadata (f->b);
  sync_blobs_ok (f->b, &stats);
  g_assert_cmpuint (stats.uploaded, ==, 0);
  g_assert_cmpuint (stats.deduplicated, ==, 1);
  g_assert_cmpuint (stats.bytes_uploaded, ==, 0);
  state = blob_state (f->b, bytes);
  g_assert_cmpstr (state, ==, "uploaded");
  g_assert_cmpint (sync_test_db_int (f->stack->db, "SELECT count(*) FROM blob"), ==, 1);
}

typedef struct
{
  GCancellable *cancellable;
  const char   *sha256;
  guint64       cancel_at;
} CancelAt;

static void
cancel_at_cb (const CoachBlobProgress *p,
              gpointer                 user_data)
{
  CancelAt *c = user_data;

  if (g_strcmp0 (p->sha256, c->sha256) == 0 && p->file_done >= c->cancel_at)
    g_cancellable_cancel (c->cancellable);
}

/* Cancels once the server has said how big the file is: the temporary
 * file exists then, and the GET is about to start. */
static void
cancel_when_sized_cb (const CoachBlobProgress *p,
                      gpointer                 user_data)
{
  if (p->file_total > 0)
    g_cancellable_cancel (user_data);
}

static void
test_resume (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = random_file (f->a->dir, "long.mp4", 10 * PART_SIZE - 77, &path);
  g_autofree char *sha = sha_of (bytes);
  g_autofree char *clip_id = NULL;
  g_autofree char *state = NULL;
  g_autofree char *parts = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  CancelAt cancel = { cancellable, sha, 3 * PART_SIZE };
  CoachBlobStats stats = { 0 };

  clip_id = add_clip (f->a, path, NULL);
  sync_metadata (f->a);

  coach_catalog_sync_blobs (f->a->catalog, f->a->client, &stats, cancel_at_cb, &cancel, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (stats.uploaded, ==, 0);
  g_assert_cmpuint (stats.bytes_uploaded, ==, 3 * PART_SIZE);
  g_assert_cmpint (server_available (f), ==, 0);

  state = blob_state (f->a, bytes);
  g_assert_cmpstr (state, ==, "uploading");
  parts = catalog_value (f->a, "SELECT count(*) FROM blob_upload_part");
  g_assert_cmpstr (parts, ==, "3");

  /* a new process: a new catalog connection and client on the same files */
  g_clear_object (&f->a->catalog);
  f->a->catalog = coach_catalog_open (f->a->dir, &error);
  g_assert_no_error (error);

  sync_blobs_ok (f->a, &stats);
  g_assert_cmpuint (stats.uploaded, ==, 1);
  /* only what the server did not have went again */
  g_assert_cmpuint (stats.bytes_uploaded, ==, g_bytes_get_size (bytes) - 3 * PART_SIZE);
  g_assert_cmpint (server_available (f), ==, 1);
  g_clear_pointer (&state, g_free);
  state = blob_state (f->a, bytes);
  g_assert_cmpstr (state, ==, "uploaded");
  g_clear_pointer (&parts, g_free);
  parts = catalog_value (f->a, "SELECT count(*) FROM blob_upload");
  g_assert_cmpstr (parts, ==, "0");

  /* the server checked the sha256 on complete; the other device agrees */
  sync_metadata (f->b);
  coach_catalog_fetch_clip (f->b->catalog, f->b->client, clip_id, &stats, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_stored (f->b, bytes);
}

typedef struct
{
  const char *sha256;
  guint64     next;
  guint       waits;
} SlowUpload;

/* Holds the upload back after each part, as a slow link would. */
static void
slow_parts_cb (const CoachBlobProgress *p,
               gpointer                 user_data)
{
  SlowUpload *slow = user_data;

  if (g_strcmp0 (p->sha256, slow->sha256) == 0 && p->file_done >= slow->next)
    {
      slow->next += PART_SIZE;
      slow->waits++;
      g_usleep (600 * 1000);
    }
}

/* The server hands out part URLs that live 4 s here; a multipart upload
 * that takes longer asks for fresh ones before they run out, rather than
 * having parts refused. */
static void
test_expiring_urls (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = random_file (f->a->dir, "slow.mp4", 10 * PART_SIZE - 5, &path);
  g_autofree char *sha = sha_of (bytes);
  g_autofree char *clip_id = NULL;
  g_autoptr(GError) error = NULL;
  SlowUpload slow = { sha, PART_SIZE, 0 };
  CoachBlobStats stats = { 0 };
  gint64 started;
  double seconds;

  clip_id = add_clip (f->a, path, NULL);
  sync_metadata (f->a);

  started = g_get_monotonic_time ();
  coach_catalog_sync_blobs (f->a->catalog, f->a->client, &stats, slow_parts_cb, &slow, NULL, &error);
  g_assert_no_error (error);
  seconds = (g_get_monotonic_time () - started) / 1e6;
  g_test_message ("10 parts in %.1f s with URLs that live 4 s", seconds);
  /* it outlived the URLs it started with */
  g_assert_cmpfloat (seconds, >, 4.0);
  g_assert_cmpuint (slow.waits, >=, 9);
  g_assert_cmpuint (stats.uploaded, ==, 1);
  g_assert_cmpint (server_available (f), ==, 1);

  sync_metadata (f->b);
  coach_catalog_fetch_clip (f->b->catalog, f->b->client, clip_id, &stats, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_stored (f->b, bytes);
}

static void
test_corrupt_download (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = random_file (f->a->dir, "clip.mp4", 2 * PART_SIZE + 5, &path);
  g_autofree char *sha = sha_of (bytes);
  g_autofree char *clip_id = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autofree char *state = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) other = NULL;
  g_autofree char *other_path = NULL;
  CoachBlobStats stats = { 0 };

  clip_id = add_clip (f->a, path, NULL);
  sync_metadata (f->a);
  sync_blobs_ok (f->a, &stats);
  g_assert_cmpuint (stats.uploaded, ==, 1);
  sync_metadata (f->b);

  /* the stored object goes bad behind the server's back: same size */
  stored = g_build_filename (f->stack->db->blob_dir, "objects", f->a->team_id, sha, NULL);
  g_assert_true (g_file_test (stored, G_FILE_TEST_IS_REGULAR));
  other = random_file (f->b->dir, "garbage", g_bytes_get_size (bytes), &other_path);
  g_file_set_contents (stored, g_bytes_get_data (other, NULL), g_bytes_get_size (other), &error);
  g_assert_no_error (error);

  memset (&stats, 0, sizeof stats);
  coach_catalog_fetch_clip (f->b->catalog, f->b->client, clip_id, &stats, NULL, NULL, NULL, &error);
  g_assert_error (error, COACH_BLOB_ERROR, COACH_BLOB_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "checksum"));
  g_clear_error (&error);
  g_assert_cmpuint (stats.failed, ==, 1);
  g_assert_cmpuint (stats.downloaded, ==, 0);
  assert_not_stored (f->b, bytes);
  tmp_dir = g_build_filename (f->b->dir, "blobs", "tmp", NULL);
  g_assert_cmpuint (count_entries (tmp_dir), ==, 0);
  state = blob_state (f->b, bytes);
  g_assert_cmpstr (state, ==, "missing");

  /* cut short (a connection that drops gives the same): nothing kept */
  g_assert_cmpint (truncate (stored, PART_SIZE), ==, 0);
  coach_catalog_download_blob (f->b->catalog, f->b->client, sha, NULL, NULL, NULL, &error);
  g_assert_error (error, COACH_BLOB_ERROR, COACH_BLOB_ERROR_CORRUPT);
  g_clear_error (&error);
  assert_not_stored (f->b, bytes);
  g_assert_cmpuint (count_entries (tmp_dir), ==, 0);

  /* cancelled while it comes down: nothing kept either */
  g_file_set_contents (stored, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    coach_catalog_download_blob (f->b->catalog, f->b->client, sha, cancel_when_sized_cb, cancellable, cancellable,
                                 &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    assert_not_stored (f->b, bytes);
    g_assert_cmpuint (count_entries (tmp_dir), ==, 0);
    g_clear_pointer (&state, g_free);
    state = blob_state (f->b, bytes);
    g_assert_cmpstr (state, ==, "missing");
  }

  /* once the server has good bytes again, the download works */
  g_file_set_contents (stored, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  coach_catalog_download_blob (f->b->catalog, f->b->client, sha, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_stored (f->b, bytes);
}

static void
test_free_space (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *p1 = NULL, *p2 = NULL, *p3 = NULL, *pt = NULL;
  g_autoptr(GBytes) uploaded = random_file (f->a->dir, "one.mp4", 40000, &p1);
  g_autoptr(GBytes) pinned = random_file (f->a->dir, "two.mp4", 50000, &p2);
  g_autoptr(GBytes) thumb = random_file (f->a->dir, "t.jpg", 3000, &pt);
  g_autoptr(GBytes) unsent = NULL;
  g_autofree char *clip1 = NULL, *clip2 = NULL, *clip3 = NULL;
  g_autofree char *state = NULL;
  g_autoptr(GError) error = NULL;
  CoachBlobStats stats = { 0 };
  CoachStorageUsage usage;
  guint64 freed = 0;
  guint n_freed = 0;

  clip1 = add_clip (f->a, p1, pt);
  clip2 = add_clip (f->a, p2, NULL);
  coach_catalog_set_clip_pinned (f->a->catalog, clip2, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (coach_catalog_get_clip_pinned (f->a->catalog, clip2));
  sync_metadata (f->a);
  sync_blobs_ok (f->a, &stats);
  g_assert_cmpuint (stats.uploaded, ==, 3);

  /* imported after the sync: only on this device */
  unsent = random_file (f->a->dir, "three.mp4", 60000, &p3);
  clip3 = add_clip (f->a, p3, NULL);

  coach_catalog_get_storage_usage (f->a->catalog, &usage, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (usage.originals, ==, 40000 + 50000 + 60000);
  g_assert_cmpuint (usage.thumbnails, ==, 3000);
  g_assert_cmpuint (usage.not_uploaded, ==, 60000);
  g_assert_cmpuint (usage.freeable, ==, 40000);

  coach_catalog_free_space (f->a->catalog, &freed, &n_freed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (freed, ==, 40000);
  g_assert_cmpuint (n_freed, ==, 1);
  assert_not_stored (f->a, uploaded);
  assert_stored (f->a, pinned);
  assert_stored (f->a, unsent);
  assert_stored (f->a, thumb);
  state = blob_state (f->a, uploaded);
  g_assert_cmpstr (state, ==, "missing");

  coach_catalog_get_storage_usage (f->a->catalog, &usage, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (usage.originals, ==, 50000 + 60000);
  g_assert_cmpuint (usage.freeable, ==, 0);

  /* a second sync uploads the new clip and leaves the dropped copy alone */
  sync_metadata (f->a);
  sync_blobs_ok (f->a, &stats);
  g_assert_cmpuint (stats.uploaded, ==, 1);
  g_assert_cmpuint (stats.downloaded, ==, 0);
  assert_not_stored (f->a, uploaded);

  /* unpinned, the pinned clip's file can go too; and a dropped one comes back */
  coach_catalog_set_clip_pinned (f->a->catalog, clip2, FALSE, &error);
  g_assert_no_error (error);
  coach_catalog_free_space (f->a->catalog, &freed, &n_freed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (freed, ==, 50000 + 60000);
  coach_catalog_fetch_clip (f->a->catalog, f->a->client, clip1, &stats, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_stored (f->a, uploaded);

  /* pinning makes the next sync download */
  coach_catalog_set_clip_pinned (f->a->catalog, clip3, TRUE, &error);
  g_assert_no_error (error);
  sync_blobs_ok (f->a, &stats);
  g_assert_cmpuint (stats.downloaded, ==, 1);
  assert_stored (f->a, unsent);
}

/* A file the server refuses does not keep the others from going up, and
 * the pass ends with that file's error. */
static void
test_refused_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *big_path = NULL;
  g_autofree char *small_path = NULL;
  g_autoptr(GBytes) big = random_file (f->a->dir, "big.mp4", 300 * 1024, &big_path);
  g_autoptr(GBytes) small = random_file (f->a->dir, "small.mp4", 20 * 1024, &small_path);
  g_autofree char *big_clip = NULL;
  g_autofree char *small_clip = NULL;
  g_autofree char *state = NULL;
  g_autoptr(GError) error = NULL;
  CoachBlobStats stats = { 0 };

  big_clip = add_clip (f->a, big_path, NULL);
  small_clip = add_clip (f->a, small_path, NULL);
  sync_metadata (f->a);

  coach_catalog_sync_blobs (f->a->catalog, f->a->client, &stats, NULL, NULL, NULL, &error);
  g_assert_error (error, COACH_BLOB_ERROR, COACH_BLOB_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "blob_too_large"));
  g_assert_cmpuint (stats.failed, ==, 1);
  g_assert_cmpuint (stats.uploaded, ==, 1);
  g_assert_cmpint (server_available (f), ==, 1);
  state = blob_state (f->a, big);
  g_assert_cmpstr (state, ==, "local");
  g_clear_pointer (&state, g_free);
  state = blob_state (f->a, small);
  g_assert_cmpstr (state, ==, "uploaded");
}

static void
start_s3rver (void)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "s3rver-launch.js", NULL);
  g_autoptr(GSubprocessLauncher) launcher = sync_test_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  s3rver_dir = g_dir_make_tmp ("coachbook-s3rver-XXXXXX", &error);
  g_assert_no_error (error);
  s3rver = g_subprocess_launcher_spawn (launcher, &error, "node", script, s3rver_dir, S3_BUCKET,
                                        S3_ACCESS_KEY, S3_SECRET_KEY, NULL);
  if (s3rver == NULL)
    g_error ("cannot run node (install Node.js and run npm ci in tests/): %s", error->message);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (s3rver));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line == NULL || !g_str_has_prefix (line, "PORT="))
    g_error ("s3rver did not start (did npm ci run in tests/?)");

  g_ptr_array_add (server_env, g_strdup ("COACHBOOK_SYNC_BLOBS_BACKEND=s3"));
  g_ptr_array_add (server_env, g_strdup_printf ("COACHBOOK_SYNC_BLOBS_S3_ENDPOINT=http://127.0.0.1:%s", line + 5));
  g_ptr_array_add (server_env, g_strdup ("COACHBOOK_SYNC_BLOBS_S3_BUCKET=" S3_BUCKET));
  g_ptr_array_add (server_env, g_strdup ("COACHBOOK_SYNC_BLOBS_S3_ACCESS_KEY=" S3_ACCESS_KEY));
  g_ptr_array_add (server_env, g_strdup ("COACHBOOK_SYNC_BLOBS_S3_SECRET_KEY=" S3_SECRET_KEY));
  g_ptr_array_add (server_env, g_strdup ("COACHBOOK_SYNC_BLOBS_S3_REGION=us-east-1"));
}

static void
stop_s3rver (void)
{
  g_subprocess_force_exit (s3rver);
  g_subprocess_wait (s3rver, NULL, NULL);
  g_clear_object (&s3rver);
  sync_test_remove_tree (s3rver_dir);
  g_clear_pointer (&s3rver_dir, g_free);
}

static void
add_test_with (const char *name,
               const char *setting,
               void      (*func) (Fixture *, gconstpointer))
{
  g_autofree char *path = g_strdup_printf ("/blobs/transfer/%s%s", USE_S3 ? "s3/" : "", name);

  g_test_add (path, Fixture, setting, fixture_setup, func, fixture_teardown);
}

static void
add_test (const char *name,
          void      (*func) (Fixture *, gconstpointer))
{
  add_test_with (name, NULL, func);
}

int
main (int   argc,
      char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);

  server_env = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (server_env, g_strdup ("COACHBOOK_SYNC_BLOBS_PART_SIZE=64K"));
  g_ptr_array_add (server_env, g_strdup ("COACHBOOK_SYNC_BLOBS_MULTIPART_THRESHOLD=128K"));

  if (USE_S3)
    start_s3rver ();
  add_test ("upload-download", test_upload_download);
  add_test ("dedupe", test_dedupe);
  add_test ("resume", test_resume);
  add_test_with ("expiring-urls", "COACHBOOK_SYNC_BLOBS_URL_LIFETIME=4", test_expiring_urls);
  add_test_with ("refused-file", "COACHBOOK_SYNC_BLOBS_MAX_FILE_SIZE=200K", test_refused_file);
  if (!USE_S3)
    {
      /* these reach into the fs backend's directory */
      add_test ("corrupt-download", test_corrupt_download);
      add_test ("free-space", test_free_space);
    }
  g_ptr_array_add (server_env, NULL);

  rc = g_test_run ();

  if (s3rver != NULL)
    stop_s3rver ();
  g_ptr_array_unref (server_env);
  return rc;
}
