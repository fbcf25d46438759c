/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * The app's blob uploader, timed (bench-blob.py runs it against curl):
 *
 *   bench-blob-upload put PRESIGNED-URL FILE
 *       the PUT of FILE to a presigned URL, as coach_catalog_upload_blobs
 *       sends a file below the multipart threshold; prints its seconds.
 *   bench-blob-upload catalog URL TOKEN DEVICE FILE DIR
 *       the whole path: a fresh catalog in DIR imports FILE as a clip, syncs it,
 *       and coach_catalog_upload_blobs is timed (init + PUT + complete,
 *       where the server hashes the file again); prints its seconds.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "coach-blob-range-stream.h"
#include "coach-blob-transfer.h"
#include "coach-catalog.h"
#include "coach-clip-import.h"
#include "coach-sync-engine.h"

static int
die (const char *what,
     GError     *error)
{
  fprintf (stderr, "bench-blob-upload: %s: %s\n", what, error ? error->message : "failed");
  return 1;
}

static int
run_put (const char *url,
         const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachSyncClient) client = NULL;
  g_autoptr(GInputStream) body = NULL;
  g_autofree char *etag = NULL;
  GStatBuf st;
  gint64 warm, start, end;

  if (g_stat (path, &st) != 0)
    return die (path, NULL);
  /* the client is only the uploader here: a presigned URL needs no server address */
  client = coach_sync_client_new ("http://127.0.0.1/", &error);
  if (client == NULL)
    return die ("client", error);
  coach_sync_client_set_timeout (client, 300);

  body = coach_blob_range_stream_new (path, 0, st.st_size, &error);
  if (body == NULL)
    return die ("open", error);

  /* What a process pays once, not per upload: loading the proxy
   * resolver's GIO module. In the app the blobs/init call before the PUT
   * has loaded it already (libsoup uses the same resolver); curl only
   * reads environment variables. */
  warm = g_get_monotonic_time ();
  g_strfreev (g_proxy_resolver_lookup (g_proxy_resolver_get_default (), url, NULL, NULL));
  if (g_getenv ("BENCH_BLOB_VERBOSE"))
    fprintf (stderr, "proxy resolver: %.3f s\n", (g_get_monotonic_time () - warm) / (double) G_USEC_PER_SEC);

  start = g_get_monotonic_time ();
  etag = coach_sync_client_put_url (client, url, body, st.st_size, NULL, NULL, NULL, &error);
  end = g_get_monotonic_time ();
  if (etag == NULL)
    return die ("PUT", error);

  printf ("%.6f\n", (end - start) / (double) G_USEC_PER_SEC);
  return 0;
}

static int
run_catalog (const char *url,
             const char *token,
             const char *device,
             const char *path,
             const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachSyncClient) client = NULL;
  g_autoptr(CoachCatalog) catalog = NULL;
  g_autoptr(CoachClip) clip = NULL;
  CoachSyncStats sync_stats;
  CoachBlobStats stats = { 0 };
  gboolean duplicate;
  gint64 start, end;

  client = coach_sync_client_new (url, &error);
  if (client == NULL)
    return die ("client", error);
  coach_sync_client_set_token (client, token);
  coach_sync_client_set_timeout (client, 300);
  catalog = coach_catalog_open (dir, &error);
  if (catalog == NULL || !coach_catalog_set_meta (catalog, "sync-device-id", device, &error))
    return die ("catalog", error);
  clip = coach_catalog_import_clip (catalog, path, 0, &duplicate, &error);
  if (clip == NULL)
    return die ("import", error);
  if (!coach_catalog_sync_once (catalog, client, &sync_stats, NULL, &error))
    return die ("sync", error);

  start = g_get_monotonic_time ();
  if (!coach_catalog_upload_blobs (catalog, client, &stats, NULL, NULL, NULL, &error))
    return die ("upload", error);
  end = g_get_monotonic_time ();
  if (stats.uploaded != 1)
    return die ("upload: nothing was sent", NULL);

  printf ("%.6f\n", (end - start) / (double) G_USEC_PER_SEC);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "put"))
    return run_put (argv[2], argv[3]);
  if (argc == 7 && g_str_equal (argv[1], "catalog"))
    return run_catalog (argv[2], argv[3], argv[4], argv[5], argv[6]);
  fprintf (stderr, "usage: bench-blob-upload put PRESIGNED-URL FILE | catalog URL TOKEN DEVICE FILE DIR\n");
  return 2;
}
