/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#include "config.h"

#include <string.h>

#include "sync-test-util.h"

/* The s3 blob store against a real S3-protocol server that checks SigV4
 * (s3rver from npm, started by s3rver-launch.js): uploads and downloads
 * through our presigned URLs, the server's own signed calls (HEAD,
 * CreateMultipartUpload, CompleteMultipartUpload), and resume from the
 * parts clients reported, since s3rver has no ListParts. Node and the
 * package are required (npm ci): a missing one fails the test. */

#define BUCKET "coachbook-test"
#define ACCESS_KEY "COACHBOOKTESTKEY"
#define SECRET_KEY "coachbook/test+secret"

static GSubprocess *s3rver;
static char *s3rver_dir;
static char *s3_endpoint;

typedef struct
{
  SyncTestStack  *stack;
  char           *team;
  SyncTestDevice *device;
} S3Fixture;

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
  s3rver = g_subprocess_launcher_spawn (launcher, &error, "node", script, s3rver_dir, BUCKET,
                                        ACCESS_KEY, SECRET_KEY, NULL);
  if (s3rver == NULL)
    g_error ("cannot run node (install Node.js and run npm ci in the source tree): %s", error->message);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (s3rver));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line == NULL || !g_str_has_prefix (line, "PORT="))
    g_error ("s3rver did not start (did npm ci run in the source tree?)");
  s3_endpoint = g_strdup_printf ("http://127.0.0.1:%s", line + 5);
}

static void
stop_s3rver (void)
{
  g_subprocess_force_exit (s3rver);
  g_subprocess_wait (s3rver, NULL, NULL);
  g_clear_object (&s3rver);
  sync_test_remove_tree (s3rver_dir);
  g_clear_pointer (&s3rver_dir, g_free);
  g_clear_pointer (&s3_endpoint, g_free);
}

static void
fixture_setup (S3Fixture  *f,
               const char *secret,
               const char *extra)
{
  g_autofree char *endpoint = g_strdup_printf ("COACHBOOK_SYNC_BLOBS_S3_ENDPOINT=%s", s3_endpoint);
  g_autofree char *secret_env = g_strdup_printf ("COACHBOOK_SYNC_BLOBS_S3_SECRET_KEY=%s", secret);
  const char *env[] = {
    "COACHBOOK_SYNC_BLOBS_BACKEND=s3",
    endpoint,
    secret_env,
    "COACHBOOK_SYNC_BLOBS_S3_BUCKET=" BUCKET,
    "COACHBOOK_SYNC_BLOBS_S3_ACCESS_KEY=" ACCESS_KEY,
    "COACHBOOK_SYNC_BLOBS_S3_REGION=us-east-1",
    "COACHBOOK_SYNC_BLOBS_PART_SIZE=64K",
    "COACHBOOK_SYNC_BLOBS_MULTIPART_THRESHOLD=100K",
    extra,
    NULL,
  };

  f->stack = sync_test_stack_new (env);
  f->team = sync_test_create_team (f->stack->db, "Harriers");
  sync_test_add_coach (f->stack->db, f->team, "ana@example.org");
  f->device = sync_test_login (f->stack->session, f->stack->server->url, "ana@example.org", "laptop");
}

static void
fixture_teardown (S3Fixture *f)
{
  sync_test_device_free (f->device);
  g_free (f->team);
  sync_test_stack_free (f->stack);
}

static GBytes *
random_bytes (gsize size)
{
  guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    data[i] = g_random_int () & 0xff;
  return g_bytes_new_take (data, size);
}

static SyncTestResponse *
blob_call (S3Fixture  *f,
           const char *method,
           const char *sha,
           const char *action,
           const char *body)
{
  g_autofree char *path = sha ? g_strdup_printf ("/v1/blobs/%s/%s", sha, action) : g_strdup ("/v1/blobs/init");
  g_autofree char *url = sync_test_stack_url (f->stack, path);

  return sync_test_request (f->stack->session, method, url, f->device->token, body, -1);
}

static SyncTestResponse *
init_blob (S3Fixture  *f,
           const char *sha,
           gsize       size)
{
  g_autofree char *body = g_strdup_printf ("{\"sha256\": \"%s\", \"size\": %" G_GSIZE_FORMAT "}", sha, size);

  return blob_call (f, "POST", NULL, NULL, body);
}

/* PUTs to a presigned URL; returns the status and the ETag. */
static guint
put_url (SoupSession *session,
         const char  *url,
         GBytes      *bytes,
         char       **etag)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("PUT", url);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (msg);
  soup_message_set_request_body_from_bytes (msg, "application/octet-stream", bytes);
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  if (etag != NULL)
    *etag = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg), "ETag"));
  return soup_message_get_status (msg);
}

static char *
download_sha (S3Fixture  *f,
              const char *sha)
{
  g_autoptr(SyncTestResponse) url = blob_call (f, "GET", sha, "url", NULL);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (url->status, ==, 200);
  msg = soup_message_new ("GET", json_object_get_string_member (sync_test_response_object (url), "url"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (sync_test_response_object (url), "url"), s3_endpoint));
  bytes = soup_session_send_and_read (f->stack->session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static void
test_single (void)
{
  S3Fixture f = { 0 };
  g_autoptr(GBytes) bytes = random_bytes (50 * 1024);
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_autoptr(SyncTestResponse) init = NULL;
  g_autoptr(SyncTestResponse) early = NULL;
  g_autoptr(SyncTestResponse) complete = NULL;
  g_autoptr(SyncTestResponse) again = NULL;
  g_autofree char *url = NULL;
  g_autofree char *tampered = NULL;
  g_autofree char *back = NULL;
  char *p;

  fixture_setup (&f, SECRET_KEY, NULL);

  init = init_blob (&f, sha, g_bytes_get_size (bytes));
  g_assert_cmpuint (init->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sync_test_response_object (init), "method"), ==, "put");
  url = g_strdup (json_object_get_string_member (sync_test_response_object (init), "url"));
  g_assert_true (g_str_has_prefix (url, s3_endpoint));

  /* the store checks our signature: a changed one is refused */
  tampered = g_strdup (url);
  p = strstr (tampered, "X-Amz-Signature=") + strlen ("X-Amz-Signature=");
  *p = *p == '0' ? '1' : '0';
  g_assert_cmpuint (put_url (f.stack->session, tampered, bytes, NULL), ==, 403);

  /* complete before the upload: the HEAD finds nothing */
  early = blob_call (&f, "POST", sha, "complete", NULL);
  sync_test_assert_error (early, 409, "blob_incomplete");

  g_assert_cmpuint (put_url (f.stack->session, url, bytes, NULL), ==, 200);
  complete = blob_call (&f, "POST", sha, "complete", NULL);
  g_assert_cmpuint (complete->status, ==, 200);

  back = download_sha (&f, sha);
  g_assert_cmpstr (back, ==, sha);

  again = init_blob (&f, sha, g_bytes_get_size (bytes));
  g_assert_true (json_object_get_boolean_member (sync_test_response_object (again), "exists"));

  fixture_teardown (&f);
}

static void
test_wrong_secret (void)
{
  S3Fixture f = { 0 };
  g_autoptr(GBytes) bytes = random_bytes (1000);
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_autoptr(SyncTestResponse) init = NULL;
  g_autoptr(SyncTestResponse) complete = NULL;
  g_autoptr(SyncTestResponse) multipart = NULL;

  fixture_setup (&f, "not the secret", NULL);

  init = init_blob (&f, sha, g_bytes_get_size (bytes));
  g_assert_cmpuint (init->status, ==, 200);
  g_assert_cmpuint (put_url (f.stack->session,
                             json_object_get_string_member (sync_test_response_object (init), "url"),
                             bytes, NULL), ==, 403);

  /* the server's own signed calls are refused too: reported as the store
   * being unavailable, with nothing leaked */
  complete = blob_call (&f, "POST", sha, "complete", NULL);
  sync_test_assert_error (complete, 503, "unavailable");
  multipart = init_blob (&f, "4444444444444444444444444444444444444444444444444444444444444444", 300 * 1024);
  sync_test_assert_error (multipart, 503, "unavailable");
  g_assert_null (strstr (multipart->body, "secret"));

  fixture_teardown (&f);
}

static void
test_multipart_resume (void)
{
  S3Fixture f = { 0 };
  const gsize part_size = 64 * 1024;
  g_autoptr(GBytes) bytes = random_bytes (4 * part_size + 123);
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_autoptr(SyncTestResponse) init = NULL;
  g_autoptr(SyncTestResponse) parts = NULL;
  g_autoptr(SyncTestResponse) complete = NULL;
  g_autofree char *back = NULL;
  JsonObject *object;
  JsonArray *urls;

  fixture_setup (&f, SECRET_KEY, NULL);

  init = init_blob (&f, sha, g_bytes_get_size (bytes));
  g_assert_cmpuint (init->status, ==, 200);
  object = sync_test_response_object (init);
  g_assert_cmpstr (json_object_get_string_member (object, "method"), ==, "multipart");
  g_assert_cmpint (json_object_get_int_member (object, "part_count"), ==, 5);
  urls = json_object_get_array_member (object, "parts");

  /* two parts go up and are reported, then the client is gone */
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *part = json_array_get_object_element (urls, i);
      g_autoptr(GBytes) slice = g_bytes_new_from_bytes (bytes, i * part_size, part_size);
      g_autoptr(SyncTestResponse) report = NULL;
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *etag = NULL;
      g_autofree char *body = NULL;

      g_assert_cmpuint (put_url (f.stack->session, json_object_get_string_member (part, "url"), slice, &etag), ==, 200);
      g_assert_nonnull (etag);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "part_number");
      json_builder_add_int_value (builder, i + 1);
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, part_size);
      json_builder_set_member_name (builder, "etag");
      json_builder_add_string_value (builder, etag);
      json_builder_end_object (builder);
      json_generator_set_root (generator, json_builder_get_root (builder));
      body = json_generator_to_data (generator, NULL);
      report = blob_call (&f, "POST", sha, "parts", body);
      g_assert_cmpuint (report->status, ==, 200);
    }

  parts = blob_call (&f, "GET", sha, "parts", NULL);
  g_assert_cmpuint (parts->status, ==, 200);
  object = sync_test_response_object (parts);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "received")), ==, 2);
  urls = json_object_get_array_member (object, "parts");
  g_assert_cmpuint (json_array_get_length (urls), ==, 3);

  /* the rest goes up; these parts are not reported one by one but named
   * at complete, with the reported ones */
  {
    g_autoptr(JsonBuilder) builder = json_builder_new ();
    g_autoptr(JsonGenerator) generator = json_generator_new ();
    g_autofree char *body = NULL;
    JsonArray *received = json_object_get_array_member (object, "received");

    json_builder_begin_object (builder);
    json_builder_set_member_name (builder, "parts");
    json_builder_begin_array (builder);
    for (guint i = 0; i < json_array_get_length (received); i++)
      {
        JsonObject *part = json_array_get_object_element (received, i);

        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "part_number");
        json_builder_add_int_value (builder, json_object_get_int_member (part, "part_number"));
        json_builder_set_member_name (builder, "etag");
        json_builder_add_string_value (builder, json_object_get_string_member (part, "etag"));
        json_builder_end_object (builder);
      }
    for (guint i = 0; i < json_array_get_length (urls); i++)
      {
        JsonObject *part = json_array_get_object_element (urls, i);
        guint number = json_object_get_int_member (part, "part_number");
        gsize offset = (number - 1) * part_size;
        g_autoptr(GBytes) slice = g_bytes_new_from_bytes (bytes, offset,
                                                          MIN (part_size, g_bytes_get_size (bytes) - offset));
        g_autofree char *etag = NULL;

        g_assert_cmpuint (put_url (f.stack->session, json_object_get_string_member (part, "url"), slice, &etag), ==, 200);
        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "part_number");
        json_builder_add_int_value (builder, number);
        json_builder_set_member_name (builder, "etag");
        json_builder_add_string_value (builder, etag);
        json_builder_end_object (builder);
      }
    json_builder_end_array (builder);
    json_builder_end_object (builder);
    json_generator_set_root (generator, json_builder_get_root (builder));
    body = json_generator_to_data (generator, NULL);
    complete = blob_call (&f, "POST", sha, "complete", body);
  }
  g_assert_cmpuint (complete->status, ==, 200);

  back = download_sha (&f, sha);
  g_assert_cmpstr (back, ==, sha);
  g_assert_cmpint (sync_test_db_int (f.stack->db, "SELECT count(*) FROM blob_part"), ==, 0);

  fixture_teardown (&f);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/blobs/s3/single", test_single);
  g_test_add_func ("/blobs/s3/wrong-secret", test_wrong_secret);
  g_test_add_func ("/blobs/s3/multipart-resume", test_multipart_resume);

  start_s3rver ();
  status = g_test_run ();
  stop_s3rver ();
  return status;
}
