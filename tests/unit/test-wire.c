/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * The push/pull codecs both ends use: round trips, and what a server must
 * refuse before it touches the database.
 */
#include "config.h"

#include <string.h>

#include "coach-uuid.h"
#include "coach-wire.h"

static JsonNode *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  return node;
}

static void
test_push_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachWirePush) push = coach_wire_push_new ();
  g_autoptr(CoachWirePush) back = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *id = coach_uuid_v7_new ();
  JsonObject *fields = json_object_new ();
  CoachWireMutation *m;

  json_object_set_string_member (fields, "name", "Box jump");
  json_object_set_boolean_member (fields, "has_jump", TRUE);
  json_object_set_string_member (fields, "from_a_newer_client", "kept");
  push->schema_version = COACH_SCHEMA_VERSION;
  push->device_id = coach_uuid_v7_new ();
  g_ptr_array_add (push->mutations, coach_wire_mutation_new (7, "exercise", COACH_WIRE_OP_UPSERT, id, fields));
  g_ptr_array_add (push->mutations, coach_wire_mutation_new (8, "exercise", COACH_WIRE_OP_DELETE, id, NULL));
  json_object_unref (fields);

  node = coach_wire_push_to_json (push);
  back = coach_wire_push_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->schema_version, ==, COACH_SCHEMA_VERSION);
  g_assert_cmpstr (back->device_id, ==, push->device_id);
  g_assert_cmpuint (back->mutations->len, ==, 2);

  m = back->mutations->pdata[0];
  g_assert_cmpint (m->mid, ==, 7);
  g_assert_cmpstr (m->table, ==, "exercise");
  g_assert_cmpint (m->op, ==, COACH_WIRE_OP_UPSERT);
  g_assert_cmpstr (m->id, ==, id);
  g_assert_null (m->invalid);
  g_assert_cmpstr (json_object_get_string_member (m->fields, "name"), ==, "Box jump");
  g_assert_cmpstr (json_object_get_string_member (m->fields, "from_a_newer_client"), ==, "kept");
  g_assert_true (coach_wire_mutation_validate (m, FALSE, &error));
  g_assert_no_error (error);

  m = back->mutations->pdata[1];
  g_assert_cmpint (m->op, ==, COACH_WIRE_OP_DELETE);
  g_assert_cmpuint (json_object_get_size (m->fields), ==, 0);
}

static void
test_push_malformed (void)
{
  const char *cases[] = {
    "[]",
    "\"push\"",
    "{}",
    "{\"schema_version\": \"1\", \"mutations\": []}",
    "{\"schema_version\": 1, \"mutations\": {}}",
    "{\"schema_version\": 1}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = parse (cases[i]);
      g_autoptr(CoachWirePush) push = coach_wire_push_from_json (node, &error);

      g_assert_null (push);
      g_assert_error (error, COACH_WIRE_ERROR, COACH_WIRE_ERROR_MALFORMED);
      g_assert_cmpstr (coach_wire_error_code (error), !=, NULL);
    }
}

/* One bad mutation must not reject the batch: it is marked, the server
 * records a rejection for it and goes on. */
static void
test_mutation_problems (void)
{
  g_autofree char *id = coach_uuid_v7_new ();
  g_autofree char *json = g_strdup_printf (
    "{\"schema_version\": 1, \"mutations\": ["
    "{\"mid\": 1, \"table\": \"exercise\", \"op\": \"upsert\", \"id\": \"%s\", \"fields\": {\"name\": \"Ok\"}},"
    "{\"mid\": 2, \"table\": \"no_such_table\", \"op\": \"upsert\", \"id\": \"%s\", \"fields\": {}},"
    "{\"mid\": 3, \"table\": \"exercise\", \"op\": \"upsert\", \"id\": \"not-a-uuid\", \"fields\": {}},"
    "{\"mid\": 4, \"table\": \"exercise\", \"op\": \"upsert\", \"id\": \"%s\", \"fields\": {\"difficulty\": \"extreme\"}},"
    "{\"mid\": 5, \"table\": \"delivery\", \"op\": \"upsert\", \"id\": \"%s\", \"fields\": {}},"
    "{\"mid\": 6, \"table\": \"exercise\", \"op\": \"explode\", \"id\": \"%s\", \"fields\": {}},"
    "{\"mid\": 7, \"table\": \"exercise\", \"op\": \"upsert\", \"id\": \"%s\", \"fields\": {\"has_jump\": \"yes\"}}"
    "]}", id, id, id, id, id, id);
  g_autoptr(JsonNode) node = parse (json);
  g_autoptr(GError) error = NULL;
  g_autoptr(CoachWirePush) push = coach_wire_push_from_json (node, &error);
  gboolean ok[8] = { FALSE };

  g_assert_no_error (error);
  g_assert_cmpuint (push->mutations->len, ==, 7);

  for (guint i = 0; i < push->mutations->len; i++)
    {
      CoachWireMutation *m = push->mutations->pdata[i];
      g_autoptr(GError) local_error = NULL;

      ok[m->mid] = m->invalid == NULL && coach_wire_mutation_validate (m, TRUE, &local_error);
      if (!ok[m->mid])
        g_assert_true (m->invalid != NULL || local_error != NULL);
    }

  g_assert_true (ok[1]);
  for (guint mid = 2; mid <= 7; mid++)
    g_assert_false (ok[mid]);
}

static void
test_result_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) why = g_error_new_literal (COACH_WIRE_ERROR, COACH_WIRE_ERROR_UNKNOWN_TABLE, "no such table");
  g_autoptr(CoachWirePushResult) result = coach_wire_push_result_new ();
  g_autoptr(CoachWirePushResult) back = NULL;
  g_autoptr(JsonNode) node = NULL;
  CoachWireRejection *r;

  result->last_mid = 42;
  result->server_version = 1000;
  coach_wire_push_result_reject (result, 40, why);

  node = coach_wire_push_result_to_json (result);
  back = coach_wire_push_result_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->last_mid, ==, 42);
  g_assert_cmpint (back->server_version, ==, 1000);
  g_assert_cmpuint (back->rejected->len, ==, 1);
  r = back->rejected->pdata[0];
  g_assert_cmpint (r->mid, ==, 40);
  g_assert_cmpstr (r->error, ==, coach_wire_error_code (why));
  g_assert_cmpstr (r->message, ==, "no such table");
}

static void
test_pull_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = parse (
    "{\"epoch\": \"e1\", \"cursor\": 17, \"has_more\": true, \"last_mid\": 3, \"changes\": ["
    "{\"table\": \"exercise\", \"id\": \"0192f4a0-0000-7000-8000-000000000001\", \"fields\": {\"name\": \"A\"}, \"deleted\": false, \"version\": 16},"
    "{\"table\": \"exercise\", \"id\": \"0192f4a0-0000-7000-8000-000000000002\", \"fields\": {}, \"deleted\": true, \"version\": 17}"
    "]}");
  g_autoptr(CoachWirePull) pull = coach_wire_pull_from_json (node, &error);
  CoachWireChange *c;

  g_assert_no_error (error);
  g_assert_cmpstr (pull->epoch, ==, "e1");
  g_assert_cmpint (pull->cursor, ==, 17);
  g_assert_true (pull->has_more);
  g_assert_cmpint (pull->last_mid, ==, 3);
  g_assert_cmpuint (pull->changes->len, ==, 2);
  c = pull->changes->pdata[1];
  g_assert_true (c->deleted);
  g_assert_cmpint (c->version, ==, 17);

  {
    g_autoptr(GError) bad_error = NULL;
    g_autoptr(JsonNode) bad = parse ("{\"epoch\": 1, \"cursor\": \"x\"}");
    g_autoptr(CoachWirePull) none = coach_wire_pull_from_json (bad, &bad_error);

    g_assert_null (none);
    g_assert_nonnull (bad_error);
  }
}

static void
test_error_body (void)
{
  g_autoptr(JsonNode) node = coach_wire_error_to_json ("resync", "The server was restored from a backup");
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  g_autofree char *text = json_to_string (node, FALSE);

  g_assert_nonnull (strstr (text, "\"error\""));
  g_assert_true (coach_wire_error_from_json (node, &code, &message));
  g_assert_cmpstr (code, ==, "resync");
  g_assert_cmpstr (message, ==, "The server was restored from a backup");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wire/push/round-trip", test_push_round_trip);
  g_test_add_func ("/wire/push/malformed", test_push_malformed);
  g_test_add_func ("/wire/push/mutation-problems", test_mutation_problems);
  g_test_add_func ("/wire/push-result/round-trip", test_result_round_trip);
  g_test_add_func ("/wire/pull/parse", test_pull_parse);
  g_test_add_func ("/wire/error-body", test_error_body);

  return g_test_run ();
}
