/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "sync-blob-s3.h"
#include "sync-config.h"
#include "sync-sigv4.h"

/* Our SigV4 signer against AWS's published examples and, for the cases in
 * sigv4-cases.json, byte for byte against the AWS SDK's signer
 * (@smithy/signature-v4 from npm, run by sigv4-reference.js). Node and the
 * package are required: CI installs them (npm ci), and a missing one fails
 * the test rather than skipping it. */

static const SyncSigV4Key aws_key = {
  "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1", "s3",
};

/* From the S3 documentation, "Signature Calculations for the Authorization
 * Header" and "Query String Authentication". */
static void
test_aws_examples (void)
{
  const char *headers[] = { "Range", "bytes=0-9", NULL };
  SyncSigV4Request request = { "GET", "examplebucket.s3.amazonaws.com", "/test.txt", NULL, headers, 1369353600 };
  g_autofree char *auth = sync_sigv4_authorization (&aws_key, &request, SYNC_SIGV4_EMPTY_SHA256);
  g_autofree char *url = NULL;

  g_assert_cmpstr (auth, ==, "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                   "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                   "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");

  request.headers = NULL;
  url = sync_sigv4_presign (&aws_key, &request, "https", 86400);
  g_assert_true (g_str_has_suffix (url, "X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"));
}

static void
test_uri_encode (void)
{
  g_autofree char *a = sync_sigv4_uri_encode ("a b/ü~-_.*+", TRUE);
  g_autofree char *b = sync_sigv4_uri_encode ("a b/ü~-_.*+", FALSE);

  g_assert_cmpstr (a, ==, "a%20b/%C3%BC~-_.%2A%2B");
  g_assert_cmpstr (b, ==, "a%20b%2F%C3%BC~-_.%2A%2B");
}

static GStrv
object_to_pairs (JsonObject *object)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GList) names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    {
      g_strv_builder_add (builder, l->data);
      g_strv_builder_add (builder, json_object_get_string_member (object, l->data));
    }
  return g_strv_builder_end (builder);
}

static JsonNode *
load_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_against_sdk (void)
{
  g_autofree char *cases_path = g_test_build_filename (G_TEST_DIST, "sigv4-cases.json", NULL);
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "sigv4-reference.js", NULL);
  g_autoptr(GSubprocess) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *cases_text = NULL;
  g_autoptr(JsonNode) cases = NULL;
  g_autoptr(JsonNode) results = NULL;
  JsonArray *case_array;
  JsonArray *result_array;

  node = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                           "node", script, cases_path, NULL);
  if (node == NULL)
    g_error ("cannot run node (install Node.js and run npm ci in the source tree): %s", error->message);
  g_subprocess_communicate_utf8 (node, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (node))
    g_error ("sigv4-reference.js failed (did npm ci run in the source tree?):\n%s", err);

  g_file_get_contents (cases_path, &cases_text, NULL, &error);
  g_assert_no_error (error);
  cases = load_json (cases_text);
  results = load_json (out);
  case_array = json_node_get_array (cases);
  result_array = json_node_get_array (results);
  g_assert_cmpuint (json_array_get_length (case_array), ==, json_array_get_length (result_array));
  g_assert_cmpuint (json_array_get_length (case_array), >=, 8);

  for (guint i = 0; i < json_array_get_length (case_array); i++)
    {
      JsonObject *c = json_array_get_object_element (case_array, i);
      JsonObject *r = json_array_get_object_element (result_array, i);
      g_auto(GStrv) query = object_to_pairs (json_object_get_object_member (c, "query"));
      g_auto(GStrv) headers = object_to_pairs (json_object_get_object_member (c, "headers"));
      SyncSigV4Key key = aws_key;
      SyncSigV4Request request = {
        json_object_get_string_member (c, "method"),
        json_object_get_string_member (c, "host"),
        json_object_get_string_member (c, "path"),
        (const char * const *) query,
        (const char * const *) headers,
        json_object_get_int_member (c, "time"),
      };
      g_autofree char *auth = NULL;
      g_autofree char *url = NULL;

      key.region = json_object_get_string_member (c, "region");
      g_test_message ("case %s", json_object_get_string_member (c, "name"));
      g_assert_cmpstr (json_object_get_string_member (r, "name"), ==, json_object_get_string_member (c, "name"));

      auth = sync_sigv4_authorization (&key, &request, json_object_get_string_member (c, "payload"));
      g_assert_cmpstr (auth, ==, json_object_get_string_member (r, "authorization"));

      request.headers = NULL;
      url = sync_sigv4_presign (&key, &request, "http", json_object_get_int_member (c, "expires"));
      g_assert_cmpstr (url, ==, json_object_get_string_member (r, "url"));
    }
}

/* Path-style and virtual-host addressing of the s3 store's URLs. */
static void
test_s3_addressing (void)
{
  g_autoptr(SyncConfig) config = sync_config_new ();
  const char *key = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  g_autoptr(SyncBlobStore) path_style = NULL;
  g_autoptr(SyncBlobStore) virtual_host = NULL;
  g_autoptr(SyncBlobStore) custom_port = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  g_free (config->s3_endpoint);
  config->s3_endpoint = g_strdup ("https://s3.eu-west-1.amazonaws.com");
  g_free (config->s3_region);
  config->s3_region = g_strdup ("eu-west-1");
  g_free (config->s3_bucket);
  config->s3_bucket = g_strdup ("harriers");
  g_free (config->s3_access_key);
  config->s3_access_key = g_strdup ("AKIAIOSFODNN7EXAMPLE");
  g_free (config->s3_secret_key);
  config->s3_secret_key = g_strdup ("secret");

  config->s3_path_style = TRUE;
  path_style = sync_blob_s3_new (config, &error);
  g_assert_no_error (error);
  a = sync_blob_store_presign_get (path_style, key, 60);
  g_assert_true (g_str_has_prefix (a, "https://s3.eu-west-1.amazonaws.com/harriers/0190a1b2-"));
  g_assert_nonnull (strstr (a, "%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date="));

  config->s3_path_style = FALSE;
  virtual_host = sync_blob_s3_new (config, &error);
  g_assert_no_error (error);
  b = sync_blob_store_presign_put (virtual_host, key, 10, 60);
  g_assert_true (g_str_has_prefix (b, "https://harriers.s3.eu-west-1.amazonaws.com/0190a1b2-"));

  g_free (config->s3_endpoint);
  config->s3_endpoint = g_strdup ("http://127.0.0.1:9000");
  config->s3_path_style = TRUE;
  custom_port = sync_blob_s3_new (config, &error);
  g_assert_no_error (error);
  c = sync_blob_store_presign_part (custom_port, key, "upload/id+1", 3, 10, 60);
  g_assert_true (g_str_has_prefix (c, "http://127.0.0.1:9000/harriers/0190a1b2-"));
  g_assert_nonnull (strstr (c, "partNumber=3&uploadId=upload%2Fid%2B1"));

  g_free (config->s3_endpoint);
  config->s3_endpoint = g_strdup ("ftp://example.org/path");
  g_assert_null (sync_blob_s3_new (config, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sigv4/aws-examples", test_aws_examples);
  g_test_add_func ("/sigv4/uri-encode", test_uri_encode);
  g_test_add_func ("/sigv4/against-sdk", test_against_sdk);
  g_test_add_func ("/sigv4/s3-addressing", test_s3_addressing);

  return g_test_run ();
}
