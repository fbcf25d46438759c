/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#include "config.h"

#include <string.h>

#include "sync-test-util.h"

/* ------------------------------------------------------------------------- */
/* Helpers */

typedef struct
{
  SyncTestStack  *stack;
  char           *team;
  SyncTestDevice *device;
} BlobFixture;

static GBytes *
random_bytes (gsize size)
{
  guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    data[i] = g_random_int () & 0xff;
  return g_bytes_new_take (data, size);
}

static char *
sha256_of (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static void
fixture_setup (BlobFixture        *f,
               const char * const *env)
{
  f->stack = sync_test_stack_new (env);
  f->team = sync_test_create_team (f->stack->db, "Harriers");
  sync_test_add_coach (f->stack->db, f->team, "ana@example.org");
  f->device = sync_test_login (f->stack->session, f->stack->server->url, "ana@example.org", "laptop");
}

static void
fixture_teardown (BlobFixture *f)
{
  sync_test_device_free (f->device);
  g_free (f->team);
  sync_test_stack_free (f->stack);
}

static SyncTestResponse *
blob_call (BlobFixture    *f,
           SyncTestDevice *device,
           const char     *method,
           const char     *path,
           const char     *body)
{
  g_autofree char *url = sync_test_stack_url (f->stack, path);

  return sync_test_request (f->stack->session, method, url, device->token, body, -1);
}

static SyncTestResponse *
init_blob (BlobFixture    *f,
           SyncTestDevice *device,
           const char     *sha,
           gsize           size)
{
  g_autofree char *body = g_strdup_printf ("{\"sha256\": \"%s\", \"size\": %" G_GSIZE_FORMAT
                                           ", \"mime\": \"video/mp4\"}", sha, size);

  return blob_call (f, device, "POST", "/v1/blobs/init", body);
}

static SyncTestResponse *
blob_action (BlobFixture    *f,
             SyncTestDevice *device,
             const char     *method,
             const char     *sha,
             const char     *action,
             const char     *body)
{
  g_autofree char *path = g_strdup_printf ("/v1/blobs/%s/%s", sha, action);

  return blob_call (f, device, method, path, body);
}

static guint
put_url (SoupSession *session,
         const char  *url,
         GBytes      *bytes)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("PUT", url);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (msg);
  soup_message_set_request_body_from_bytes (msg, "application/octet-stream", bytes);
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  return soup_message_get_status (msg);
}

static GBytes *
get_url (SoupSession *session,
         const char  *url,
         guint       *status)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  g_assert_nonnull (msg);
  bytes = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (msg);
  return bytes;
}

/* Uploads through the URL init gave, completes, and checks a download. */
static void
upload_single (BlobFixture *f,
               GBytes      *bytes)
{
  g_autofree char *sha = sha256_of (bytes);
  g_autoptr(SyncTestResponse) init = init_blob (f, f->device, sha, g_bytes_get_size (bytes));
  g_autoptr(SyncTestResponse) complete = NULL;
  JsonObject *object;

  g_assert_cmpuint (init->status, ==, 200);
  object = sync_test_response_object (init);
  g_assert_false (json_object_get_boolean_member (object, "exists"));
  g_assert_cmpstr (json_object_get_string_member (object, "method"), ==, "put");
  g_assert_cmpuint (put_url (f->stack->session, json_object_get_string_member (object, "url"), bytes), ==, 200);

  complete = blob_action (f, f->device, "POST", sha, "complete", NULL);
  g_assert_cmpuint (complete->status, ==, 200);
  g_assert_true (json_object_get_boolean_member (sync_test_response_object (complete), "available"));
}

static GBytes *
download (BlobFixture    *f,
          SyncTestDevice *device,
          const char     *sha)
{
  g_autoptr(SyncTestResponse) url = blob_action (f, device, "GET", sha, "url", NULL);
  guint status = 0;
  GBytes *bytes;

  g_assert_cmpuint (url->status, ==, 200);
  bytes = get_url (f->stack->session, json_object_get_string_member (sync_test_response_object (url), "url"),
                   &status);
  g_assert_cmpuint (status, ==, 200);
  return bytes;
}

/* ------------------------------------------------------------------------- */
/* Tests */

static void
test_single_upload (void)
{
  BlobFixture f = { 0 };
  g_autoptr(GBytes) bytes = random_bytes (300 * 1024);
  g_autofree char *sha = sha256_of (bytes);
  g_autoptr(GBytes) back = NULL;
  g_autofree char *back_sha = NULL;
  g_autoptr(SyncTestResponse) again = NULL;
  g_autoptr(SyncTestResponse) second_complete = NULL;

  fixture_setup (&f, NULL);

  upload_single (&f, bytes);
  g_assert_cmpint (sync_test_db_int (f.stack->db, "SELECT count(*) FROM blob WHERE state = 'available'"), ==, 1);

  back = download (&f, f.device, sha);
  back_sha = sha256_of (back);
  g_assert_cmpstr (back_sha, ==, sha);

  /* deduplicated: the team has it */
  again = init_blob (&f, f.device, sha, g_bytes_get_size (bytes));
  g_assert_cmpuint (again->status, ==, 200);
  g_assert_true (json_object_get_boolean_member (sync_test_response_object (again), "exists"));
  second_complete = blob_action (&f, f.device, "POST", sha, "complete", NULL);
  g_assert_cmpuint (second_complete->status, ==, 200);
  g_assert_cmpint (sync_test_db_int (f.stack->db, "SELECT count(*) FROM blob"), ==, 1);

  fixture_teardown (&f);
}

static void
test_empty_blob (void)
{
  BlobFixture f = { 0 };
  g_autoptr(GBytes) bytes = g_bytes_new (NULL, 0);
  g_autofree char *sha = sha256_of (bytes);
  g_autoptr(GBytes) back = NULL;

  fixture_setup (&f, NULL);
  upload_single (&f, bytes);
  back = download (&f, f.device, sha);
  g_assert_cmpuint (g_bytes_get_size (back), ==, 0);
  fixture_teardown (&f);
}

static void
test_bad_requests (void)
{
  BlobFixture f = { 0 };
  g_autoptr(GBytes) bytes = random_bytes (1000);
  g_autofree char *sha = sha256_of (bytes);
  g_autoptr(GBytes) other = random_bytes (1000);
  g_autoptr(SyncTestResponse) bad_sha = NULL;
  g_autoptr(SyncTestResponse) bad_size = NULL;
  g_autoptr(SyncTestResponse) no_token = NULL;
  g_autoptr(SyncTestResponse) early = NULL;
  g_autoptr(SyncTestResponse) init = NULL;
  g_autoptr(SyncTestResponse) mismatch = NULL;
  g_autoptr(SyncTestResponse) unknown = NULL;
  g_autoptr(SyncTestResponse) retry = NULL;
  g_autofree char *url = NULL;

  fixture_setup (&f, NULL);

  bad_sha = blob_call (&f, f.device, "POST", "/v1/blobs/init", "{\"sha256\": \"xyz\", \"size\": 3}");
  sync_test_assert_error (bad_sha, 400, "invalid_request");
  bad_size = blob_call (&f, f.device, "POST", "/v1/blobs/init", "{\"sha256\": \"" "0000000000000000000000000000000000000000000000000000000000000000" "\", \"size\": -1}");
  sync_test_assert_error (bad_size, 400, "invalid_request");
  url = sync_test_stack_url (f.stack, "/v1/blobs/init");
  no_token = sync_test_request (f.stack->session, "POST", url, NULL, "{}", -1);
  sync_test_assert_error (no_token, 401, "unauthorized");
  unknown = blob_action (&f, f.device, "GET", sha, "url", NULL);
  sync_test_assert_error (unknown, 404, "not_found");

  init = init_blob (&f, f.device, sha, 1000);
  g_assert_cmpuint (init->status, ==, 200);
  /* complete before the upload */
  early = blob_action (&f, f.device, "POST", sha, "complete", NULL);
  sync_test_assert_error (early, 409, "blob_incomplete");

  /* other bytes than announced: refused, removed, and a new upload can start */
  g_assert_cmpuint (put_url (f.stack->session,
                             json_object_get_string_member (sync_test_response_object (init), "url"), other),
                    ==, 200);
  mismatch = blob_action (&f, f.device, "POST", sha, "complete", NULL);
  sync_test_assert_error (mismatch, 409, "blob_mismatch");
  retry = init_blob (&f, f.device, sha, 1000);
  g_assert_cmpuint (retry->status, ==, 200);
  g_assert_false (json_object_get_boolean_member (sync_test_response_object (retry), "exists"));
  g_assert_cmpuint (put_url (f.stack->session,
                             json_object_get_string_member (sync_test_response_object (retry), "url"), bytes),
                    ==, 200);
  g_clear_pointer (&mismatch, sync_test_response_free);
  mismatch = blob_action (&f, f.device, "POST", sha, "complete", NULL);
  g_assert_cmpuint (mismatch->status, ==, 200);

  fixture_teardown (&f);
}

static char *
replace_param (const char *url,
               const char *name,
               const char *value)
{
  g_autofree char *prefix = g_strconcat (name, "=", NULL);
  const char *start = strstr (url, prefix);
  const char *end;

  g_assert_nonnull (start);
  start += strlen (prefix);
  end = strchr (start, '&');
  return g_strdup_printf ("%.*s%s%s", (int) (start - url), url, value, end ? end : "");
}

static void
test_signed_urls (void)
{
  const char *env[] = { "COACHBOOK_SYNC_BLOBS_URL_LIFETIME=1", NULL };
  BlobFixture f = { 0 };
  g_autoptr(GBytes) bytes = random_bytes (4096);
  g_autoptr(GBytes) bigger = random_bytes (8192);
  g_autofree char *sha = sha256_of (bytes);
  g_autoptr(SyncTestResponse) init = NULL;
  g_autoptr(SyncTestResponse) complete = NULL;
  g_autoptr(SyncTestResponse) get = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *put = NULL;
  g_autofree char *bad_sig = NULL;
  g_autofree char *bad_max = NULL;
  g_autofree char *bad_path = NULL;
  g_autofree char *no_sig = NULL;
  g_autofree char *no_expiry = NULL;
  g_autofree char *later = NULL;
  g_autofree char *get_url_text = NULL;
  g_autofree char *as_put = NULL;
  guint status = 0;
  char *p;

  fixture_setup (&f, env);
  init = init_blob (&f, f.device, sha, g_bytes_get_size (bytes));
  put = g_strdup (json_object_get_string_member (sync_test_response_object (init), "url"));

  /* tampered: signature, size limit, path, no signature at all */
  p = strstr (put, "sig=") + 4;
  bad_sig = g_strdup (put);
  bad_sig[p - put] = p[0] == '0' ? '1' : '0';
  g_assert_cmpuint (put_url (f.stack->session, bad_sig, bytes), ==, 403);
  bad_max = replace_param (put, "max", "1000000");
  g_assert_cmpuint (put_url (f.stack->session, bad_max, bigger), ==, 403);
  bad_path = g_strdup (put);
  p = strstr (bad_path, sha);
  p[0] = p[0] == 'a' ? 'b' : 'a';
  g_assert_cmpuint (put_url (f.stack->session, bad_path, bytes), ==, 403);
  no_sig = g_strndup (put, strchr (put, '?') - put);
  g_assert_cmpuint (put_url (f.stack->session, no_sig, bytes), ==, 403);
  no_expiry = replace_param (put, "expires", "");
  g_assert_cmpuint (put_url (f.stack->session, no_expiry, bytes), ==, 403);
  later = replace_param (put, "expires", "99999999999");
  g_assert_cmpuint (put_url (f.stack->session, later, bytes), ==, 403);

  /* more than the URL allows */
  g_assert_cmpuint (put_url (f.stack->session, put, bigger), ==, 413);

  g_assert_cmpuint (put_url (f.stack->session, put, bytes), ==, 200);
  complete = blob_action (&f, f.device, "POST", sha, "complete", NULL);
  g_assert_cmpuint (complete->status, ==, 200);
  get = blob_action (&f, f.device, "GET", sha, "url", NULL);
  get_url_text = g_strdup (json_object_get_string_member (sync_test_response_object (get), "url"));

  /* a download URL does not allow an upload */
  as_put = g_strdup (get_url_text);
  g_assert_cmpuint (put_url (f.stack->session, as_put, bytes), ==, 403);

  /* expired */
  g_usleep (2500 * 1000);
  g_assert_cmpuint (put_url (f.stack->session, put, bytes), ==, 403);
  body = get_url (f.stack->session, get_url_text, &status);
  g_assert_cmpuint (status, ==, 403);
  g_assert_nonnull (strstr (g_bytes_get_data (body, NULL), "\"expired\""));

  fixture_teardown (&f);
}

static void
test_cross_team (void)
{
  BlobFixture f = { 0 };
  g_autoptr(GBytes) bytes = random_bytes (5000);
  g_autofree char *sha = sha256_of (bytes);
  g_autofree char *other_team = NULL;
  g_autoptr(SyncTestDevice) other = NULL;
  g_autoptr(SyncTestResponse) url = NULL;
  g_autoptr(SyncTestResponse) parts = NULL;
  g_autoptr(SyncTestResponse) complete = NULL;
  g_autoptr(SyncTestResponse) report = NULL;
  g_autoptr(SyncTestResponse) init = NULL;

  fixture_setup (&f, NULL);
  upload_single (&f, bytes);

  other_team = sync_test_create_team (f.stack->db, "Rivals");
  sync_test_add_coach (f.stack->db, other_team, "eve@example.org");
  other = sync_test_login (f.stack->session, f.stack->server->url, "eve@example.org", "laptop");

  url = blob_action (&f, other, "GET", sha, "url", NULL);
  sync_test_assert_error (url, 404, "not_found");
  g_assert_null (strstr (url->body, "http"));
  parts = blob_action (&f, other, "GET", sha, "parts", NULL);
  sync_test_assert_error (parts, 404, "not_found");
  complete = blob_action (&f, other, "POST", sha, "complete", NULL);
  sync_test_assert_error (complete, 404, "not_found");
  report = blob_action (&f, other, "POST", sha, "parts", "{\"part_number\": 1, \"size\": 5000, \"etag\": \"x\"}");
  sync_test_assert_error (report, 404, "not_found");

  /* deduplication is per team: the other team uploads its own copy */
  init = init_blob (&f, other, sha, g_bytes_get_size (bytes));
  g_assert_cmpuint (init->status, ==, 200);
  g_assert_false (json_object_get_boolean_member (sync_test_response_object (init), "exists"));

  fixture_teardown (&f);
}

static void
test_limits (void)
{
  const char *env[] = { "COACHBOOK_SYNC_BLOBS_QUOTA_PER_WEEK=300K",
                        "COACHBOOK_SYNC_BLOBS_MAX_FILE_SIZE=1M", NULL };
  BlobFixture f = { 0 };
  g_autoptr(GBytes) first = random_bytes (200 * 1024);
  g_autofree char *first_sha = sha256_of (first);
  g_autoptr(SyncTestResponse) too_big = NULL;
  g_autoptr(SyncTestResponse) over = NULL;
  g_autoptr(SyncTestResponse) again = NULL;
  g_autoptr(SyncTestResponse) small = NULL;

  fixture_setup (&f, env);

  too_big = init_blob (&f, f.device, "1111111111111111111111111111111111111111111111111111111111111111", 2 << 20);
  sync_test_assert_error (too_big, 413, "blob_too_large");

  upload_single (&f, first);
  over = init_blob (&f, f.device, "2222222222222222222222222222222222222222222222222222222222222222", 200 * 1024);
  sync_test_assert_error (over, 429, "quota_exceeded");
  g_assert_nonnull (soup_message_headers_get_one (over->headers, "Retry-After"));

  /* what the team has already costs nothing, and small files still fit */
  again = init_blob (&f, f.device, first_sha, g_bytes_get_size (first));
  g_assert_cmpuint (again->status, ==, 200);
  small = init_blob (&f, f.device, "3333333333333333333333333333333333333333333333333333333333333333", 50 * 1024);
  g_assert_cmpuint (small->status, ==, 200);

  fixture_teardown (&f);
}

/* Sends the headers of a PUT and half of its body, then hangs up: a client
 * killed in the middle of a part. */
static void
put_half_and_die (const char *url,
                  GBytes     *bytes)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) conn = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *head = NULL;
  GOutputStream *out;
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  conn = g_socket_client_connect_to_host (client, g_uri_get_host (uri), g_uri_get_port (uri), NULL, &error);
  g_assert_no_error (error);
  head = g_strdup_printf ("PUT %s?%s HTTP/1.1\r\nHost: %s\r\nContent-Length: %" G_GSIZE_FORMAT "\r\n\r\n",
                          g_uri_get_path (uri), g_uri_get_query (uri), g_uri_get_host (uri), len);
  out = g_io_stream_get_output_stream (G_IO_STREAM (conn));
  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (out, data, len / 2, NULL, NULL, &error);
  g_assert_no_error (error);
  g_io_stream_close (G_IO_STREAM (conn), NULL, NULL);
}

static void
test_multipart_resume (void)
{
  const char *env[] = { "COACHBOOK_SYNC_BLOBS_PART_SIZE=64K",
                        "COACHBOOK_SYNC_BLOBS_MULTIPART_THRESHOLD=100K", NULL };
  BlobFixture f = { 0 };
  const gsize part_size = 64 * 1024;
  g_autoptr(GBytes) bytes = random_bytes (5 * part_size - 1000);
  g_autofree char *sha = sha256_of (bytes);
  g_autoptr(SyncTestResponse) init = NULL;
  g_autoptr(SyncTestResponse) early = NULL;
  g_autoptr(SyncTestResponse) parts = NULL;
  g_autoptr(SyncTestResponse) complete = NULL;
  g_autoptr(GBytes) back = NULL;
  g_autofree char *back_sha = NULL;
  JsonObject *object;
  JsonArray *urls;
  JsonArray *received;

  fixture_setup (&f, env);

  init = init_blob (&f, f.device, sha, g_bytes_get_size (bytes));
  g_assert_cmpuint (init->status, ==, 200);
  object = sync_test_response_object (init);
  g_assert_cmpstr (json_object_get_string_member (object, "method"), ==, "multipart");
  g_assert_cmpint (json_object_get_int_member (object, "part_size"), ==, part_size);
  g_assert_cmpint (json_object_get_int_member (object, "part_count"), ==, 5);
  urls = json_object_get_array_member (object, "parts");
  g_assert_cmpuint (json_array_get_length (urls), ==, 5);

  /* parts 1 and 2 arrive, the client dies in part 3 */
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *part = json_array_get_object_element (urls, i);
      g_autoptr(GBytes) slice = g_bytes_new_from_bytes (bytes, i * part_size, part_size);

      g_assert_cmpint (json_object_get_int_member (part, "part_number"), ==, i + 1);
      g_assert_cmpuint (put_url (f.stack->session, json_object_get_string_member (part, "url"), slice), ==, 200);
    }
  {
    g_autoptr(GBytes) slice = g_bytes_new_from_bytes (bytes, 2 * part_size, part_size);

    put_half_and_die (json_object_get_string_member (json_array_get_object_element (urls, 2), "url"), slice);
  }

  early = blob_action (&f, f.device, "POST", sha, "complete", NULL);
  sync_test_assert_error (early, 409, "blob_incomplete");

  /* after a restart, the client asks what is missing */
  parts = blob_action (&f, f.device, "GET", sha, "parts", NULL);
  g_assert_cmpuint (parts->status, ==, 200);
  object = sync_test_response_object (parts);
  received = json_object_get_array_member (object, "received");
  g_assert_cmpuint (json_array_get_length (received), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (received, 1), "part_number"), ==, 2);
  urls = json_object_get_array_member (object, "parts");
  g_assert_cmpuint (json_array_get_length (urls), ==, 3);
  for (guint i = 0; i < json_array_get_length (urls); i++)
    {
      JsonObject *part = json_array_get_object_element (urls, i);
      guint number = json_object_get_int_member (part, "part_number");
      gsize offset = (number - 1) * part_size;
      g_autoptr(GBytes) slice = g_bytes_new_from_bytes (bytes, offset,
                                                        MIN (part_size, g_bytes_get_size (bytes) - offset));

      g_assert_cmpuint (number, ==, i + 3);
      g_assert_cmpint (json_object_get_int_member (part, "size"), ==, g_bytes_get_size (slice));
      g_assert_cmpuint (put_url (f.stack->session, json_object_get_string_member (part, "url"), slice), ==, 200);
    }

  complete = blob_action (&f, f.device, "POST", sha, "complete", NULL);
  g_assert_cmpuint (complete->status, ==, 200);
  back = download (&f, f.device, sha);
  back_sha = sha256_of (back);
  g_assert_cmpstr (back_sha, ==, sha);

  fixture_teardown (&f);
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

static void
test_orphans (void)
{
  const char *env[] = { "COACHBOOK_SYNC_BLOBS_PART_SIZE=64K", "COACHBOOK_SYNC_BLOBS_MULTIPART_THRESHOLD=100K",
                        "COACHBOOK_SYNC_BLOBS_ORPHAN_CHECK_INTERVAL=1", NULL };
  BlobFixture f = { 0 };
  g_autoptr(GBytes) kept = random_bytes (1000);
  g_autofree char *kept_sha = sha256_of (kept);
  g_autoptr(GBytes) abandoned = random_bytes (1000);
  g_autofree char *abandoned_sha = sha256_of (abandoned);
  g_autoptr(GBytes) big = random_bytes (200 * 1024);
  g_autofree char *big_sha = sha256_of (big);
  g_autoptr(SyncTestResponse) single = NULL;
  g_autoptr(SyncTestResponse) multi = NULL;
  g_autoptr(SyncTestResponse) fresh = NULL;
  g_autoptr(SyncTestResponse) metrics = NULL;
  g_autoptr(GBytes) back = NULL;
  g_autofree char *uploads = NULL;
  g_autofree char *metrics_url = NULL;
  g_autoptr(GBytes) first_part = NULL;
  JsonObject *part;

  fixture_setup (&f, env);
  uploads = g_build_filename (f.stack->db->blob_dir, "uploads", NULL);

  upload_single (&f, kept);
  single = init_blob (&f, f.device, abandoned_sha, g_bytes_get_size (abandoned));
  g_assert_cmpuint (put_url (f.stack->session,
                             json_object_get_string_member (sync_test_response_object (single), "url"), abandoned),
                    ==, 200);
  multi = init_blob (&f, f.device, big_sha, g_bytes_get_size (big));
  part = json_array_get_object_element (json_object_get_array_member (sync_test_response_object (multi), "parts"), 0);
  first_part = g_bytes_new_from_bytes (big, 0, 64 * 1024);
  g_assert_cmpuint (put_url (f.stack->session, json_object_get_string_member (part, "url"), first_part), ==, 200);
  g_assert_cmpuint (count_entries (uploads), ==, 1);
  /* a recent pending upload is left alone */
  fresh = init_blob (&f, f.device, "5555555555555555555555555555555555555555555555555555555555555555", 10);

  sync_test_db_int (f.stack->db, "WITH u AS (UPDATE blob SET created_at = now () - interval '3 days' "
                                 "WHERE sha256 <> '5555555555555555555555555555555555555555555555555555555555555555' "
                                 "RETURNING 1) SELECT count(*) FROM u");
  /* the server looks every second */
  for (guint i = 0; i < 100 && sync_test_db_int (f.stack->db, "SELECT count(*) FROM blob") > 2; i++)
    g_usleep (100 * 1000);
  g_assert_cmpint (sync_test_db_int (f.stack->db, "SELECT count(*) FROM blob WHERE state = 'available'"), ==, 1);
  g_assert_cmpint (sync_test_db_int (f.stack->db, "SELECT count(*) FROM blob WHERE state = 'pending'"), ==, 1);
  g_assert_cmpuint (count_entries (uploads), ==, 0);
  {
    g_autofree char *objects = g_build_filename (f.stack->db->blob_dir, "objects", f.team, NULL);

    g_assert_cmpuint (count_entries (objects), ==, 1);
  }
  back = download (&f, f.device, kept_sha);
  g_assert_cmpuint (g_bytes_get_size (back), ==, 1000);

  metrics_url = sync_test_stack_url (f.stack, "/metrics");
  metrics = sync_test_request (f.stack->session, "GET", metrics_url, NULL, NULL, 0);
  g_assert_nonnull (strstr (metrics->body, "coachbook_sync_blob_orphans_removed_total 2"));
  g_assert_nonnull (strstr (metrics->body, "coachbook_sync_blobs_completed_total 1"));

  fixture_teardown (&f);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/blobs/fs/single-upload", test_single_upload);
  g_test_add_func ("/blobs/fs/empty", test_empty_blob);
  g_test_add_func ("/blobs/fs/bad-requests", test_bad_requests);
  g_test_add_func ("/blobs/fs/signed-urls", test_signed_urls);
  g_test_add_func ("/blobs/fs/cross-team", test_cross_team);
  g_test_add_func ("/blobs/fs/limits", test_limits);
  g_test_add_func ("/blobs/fs/multipart-resume", test_multipart_resume);
  g_test_add_func ("/blobs/fs/orphans", test_orphans);

  return g_test_run ();
}
