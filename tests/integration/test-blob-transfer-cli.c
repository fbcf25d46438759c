/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * coachbook-cli moving clip files: `sync` uploads them, `storage` shows
 * and frees space, `fetch` downloads and pins; against the real server
 * and a real keyring.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "coach-catalog.h"
#include "coach-clip-import.h"
#include "sync-test-util.h"

static char *
run_cli (const char  *data_dir,
         const char  *input,
         int         *status,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("COACHBOOK_TEST_CLI_BIN"));
  g_ptr_array_add (argv, (gpointer) "--data-dir");
  g_ptr_array_add (argv, (gpointer) data_dir);
  va_start (args, status);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                            G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, input, NULL, &out, &err, &error);
  g_assert_no_error (error);
  *status = g_subprocess_get_exit_status (proc);
  if (*status != 0)
    g_test_message ("coachbook-cli exited with %d: %s", *status, err);
  return out;
}

/* Runs a --json command that must succeed and returns its object. */
static JsonObject *
run_json (const char *data_dir,
          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonNode) node = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("COACHBOOK_TEST_CLI_BIN"));
  g_ptr_array_add (argv, (gpointer) "--data-dir");
  g_ptr_array_add (argv, (gpointer) data_dir);
  g_ptr_array_add (argv, (gpointer) "--json");
  va_start (args, data_dir);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_exit_status (proc) != 0)
    g_printerr ("%s", err);
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
  node = json_from_string (out, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static void
login (SyncTestStack *stack,
       const char    *dir)
{
  g_autofree char *password = g_strconcat (SYNC_TEST_PASSWORD, "\n", NULL);
  g_autofree char *out = NULL;
  int status = -1;

  out = run_cli (dir, password, &status, "login", stack->server->url, "coach@example.org", NULL);
  g_assert_cmpint (status, ==, 0);
}

static char *
stored_path (const char *dir,
             const char *sha)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachCatalog) catalog = coach_catalog_open (dir, &error);

  g_assert_no_error (error);
  return coach_catalog_blob_path (catalog, sha);
}

static void
assert_file_equals (const char *path,
                    const char *expected,
                    gsize       expected_len)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpmem (contents, len, expected, expected_len);
}

static void
test_cli_files (void)
{
  g_autoptr(SyncTestStack) stack = sync_test_stack_new (NULL);
  g_autofree char *a = g_dir_make_tmp ("coachbook-cli-a-XXXXXX", NULL);
  g_autofree char *b = g_dir_make_tmp ("coachbook-cli-b-XXXXXX", NULL);
  g_autofree char *video = g_build_filename (a, "drill.mp4", NULL);
  g_autofree char *data = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *path_a = NULL;
  g_autofree char *path_b = NULL;
  g_autofree char *out = NULL;
  g_autofree char *clip_id = NULL;
  const gsize size = 300 * 1024;
  g_autoptr(JsonObject) sync = NULL;
  g_autoptr(JsonObject) usage = NULL;
  g_autoptr(JsonObject) freed = NULL;
  g_autoptr(JsonObject) fetched = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(JsonObject) sync_b = NULL;
  g_autoptr(JsonObject) fetched_b = NULL;
  g_autoptr(JsonNode) clips = NULL;
  JsonObject *files;
  int status = -1;

  g_free (sync_test_create_team (stack->db, "Harriers"));
  sync_test_add_coach (stack->db, "Harriers", "coach@example.org");

  data = g_malloc (size);
  for (gsize i = 0; i < size; i++)
    data[i] = g_random_int () & 0xff;
  g_assert_true (g_file_set_contents (video, data, size, NULL));
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, size);

  login (stack, a);
  /* not a video GStreamer can read: the clip is kept with status failed,
   * and its file is in the store all the same */
  out = run_cli (a, NULL, &status, "import", video, NULL);
  g_assert_cmpint (status, ==, 1);
  g_clear_pointer (&out, g_free);
  out = run_cli (a, NULL, &status, "--json", "list", "clips", NULL);
  g_assert_cmpint (status, ==, 0);
  clips = json_from_string (out, NULL);
  g_assert_nonnull (clips);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (clips)), ==, 1);
  clip_id = g_strdup (json_object_get_string_member (json_array_get_object_element (json_node_get_array (clips), 0),
                                                     "id"));

  usage = run_json (a, "storage", NULL);
  g_assert_cmpint (json_object_get_int_member (usage, "originals"), ==, size);
  g_assert_cmpint (json_object_get_int_member (usage, "not_uploaded"), ==, size);
  g_assert_cmpint (json_object_get_int_member (usage, "freeable"), ==, 0);
  g_clear_pointer (&usage, json_object_unref);

  /* sync sends the file after the clip */
  sync = run_json (a, "sync", NULL);
  files = json_object_get_object_member (sync, "files");
  g_assert_cmpint (json_object_get_int_member (files, "uploaded"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (files, "bytes_uploaded"), ==, size);
  g_assert_cmpint (sync_test_db_int (stack->db, "SELECT count(*) FROM blob WHERE state = 'available'"), ==, 1);

  /* now it can go, and comes back on demand */
  usage = run_json (a, "storage", NULL);
  g_assert_cmpint (json_object_get_int_member (usage, "not_uploaded"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (usage, "freeable"), ==, size);
  freed = run_json (a, "storage", "--free-up", NULL);
  g_assert_cmpint (json_object_get_int_member (freed, "freed"), ==, size);
  g_assert_cmpint (json_object_get_int_member (freed, "originals"), ==, 0);
  path_a = stored_path (a, sha);
  g_assert_false (g_file_test (path_a, G_FILE_TEST_EXISTS));

  fetched = run_json (a, "fetch", "--pin", clip_id, NULL);
  g_assert_cmpint (json_object_get_int_member (fetched, "downloaded"), ==, 1);
  assert_file_equals (path_a, data, size);
  /* pinned: kept */
  again = run_json (a, "storage", "--free-up", NULL);
  g_assert_cmpint (json_object_get_int_member (again, "freed"), ==, 0);
  g_assert_true (g_file_test (path_a, G_FILE_TEST_EXISTS));

  /* another device: the clip arrives by sync, its file by fetch */
  login (stack, b);
  sync_b = run_json (b, "sync", NULL);
  files = json_object_get_object_member (sync_b, "files");
  g_assert_cmpint (json_object_get_int_member (files, "uploaded"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (files, "downloaded"), ==, 0);
  path_b = stored_path (b, sha);
  g_assert_false (g_file_test (path_b, G_FILE_TEST_EXISTS));
  fetched_b = run_json (b, "fetch", clip_id, NULL);
  g_assert_cmpint (json_object_get_int_member (fetched_b, "downloaded"), ==, 1);
  assert_file_equals (path_b, data, size);

  /* wrong use is refused before anything moves */
  g_clear_pointer (&out, g_free);
  out = run_cli (b, NULL, &status, "fetch", NULL);
  g_assert_cmpint (status, ==, 2);

  sync_test_remove_tree (a);
  sync_test_remove_tree (b);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/blobs/transfer/cli", test_cli_files);
  return g_test_run ();
}
