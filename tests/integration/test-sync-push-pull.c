/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#include "config.h"

#include <string.h>

#include "coach-uuid.h"
#include "sync-test-util.h"

/* A team with one coach, and functions to log devices in. */
typedef struct
{
  SyncTestStack *stack;
  char          *team;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->stack = sync_test_stack_new (NULL);
  f->team = sync_test_create_team (f->stack->db, "Harriers");
  sync_test_add_coach (f->stack->db, f->team, "ana@example.org");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_free (f->team);
  sync_test_stack_free (f->stack);
}

static SyncTestDevice *
device_new (Fixture    *f,
            const char *name)
{
  return sync_test_login (f->stack->session, f->stack->server->url, "ana@example.org", name);
}

static CoachWirePushResult *
push_ok (Fixture             *f,
         SyncTestDevice      *device,
         const CoachWirePush *push)
{
  return sync_test_push_ok (f->stack->session, f->stack->server->url, device, push);
}

static GPtrArray *
pull_all (Fixture        *f,
          SyncTestDevice *device)
{
  return sync_test_pull_all (f->stack->session, f->stack->server->url, device, 500);
}

static SyncTestResponse *
get (Fixture        *f,
     SyncTestDevice *device,
     const char     *path_and_query)
{
  g_autofree char *url = sync_test_stack_url (f->stack, path_and_query);

  return sync_test_request (f->stack->session, "GET", url, device->token, NULL, 0);
}

static char *
new_id (void)
{
  return coach_uuid_v7_new ();
}

/* ------------------------------------------------------------------------- */

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(SyncTestDevice) a = device_new (f, "a");
  g_autoptr(SyncTestDevice) b = device_new (f, "b");
  g_autoptr(CoachWirePush) push = coach_wire_push_new ();
  g_autoptr(CoachWirePushResult) result = NULL;
  g_autoptr(CoachWirePull) pull = NULL;
  g_autofree char *id = new_id ();
  CoachWireChange *change;

  push->device_id = g_strdup (a->device_id);
  sync_test_add_mutation (push, 1, "exercise", "upsert", id,
                          "{\"name\": \"Squat\", \"difficulty\": \"hard\", \"muscles\": [\"quads\"],"
                          " \"from_a_newer_client\": {\"x\": [1, 2]}}");
  result = push_ok (f, a, push);
  g_assert_cmpint (result->last_mid, ==, 1);
  g_assert_cmpint (result->server_version, ==, 1);
  g_assert_cmpuint (result->rejected->len, ==, 0);

  pull = sync_test_pull_ok (f->stack->session, f->stack->server->url, b, 0, 100);
  g_assert_true (coach_uuid_is_valid (pull->epoch));
  g_assert_cmpint (pull->cursor, ==, 1);
  g_assert_false (pull->has_more);
  g_assert_cmpint (pull->last_mid, ==, 0);  /* b never pushed */
  g_assert_cmpuint (pull->changes->len, ==, 1);
  change = g_ptr_array_index (pull->changes, 0);
  g_assert_cmpstr (change->table, ==, "exercise");
  g_assert_cmpstr (change->id, ==, id);
  g_assert_false (change->deleted);
  g_assert_cmpint (change->version, ==, 1);
  g_assert_cmpstr (sync_test_field_string (change, "name"), ==, "Squat");
  /* fields this server does not know are kept as they came */
  g_assert_true (json_object_has_member (change->fields, "from_a_newer_client"));
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (
                     json_object_get_object_member (change->fields, "from_a_newer_client"), "x"), 1), ==, 2);

  /* the server stamps who wrote it */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT updated_by_device FROM record WHERE id = '%s'", id);
    g_autofree char *by = sync_test_db_value (f->stack->db, sql);

    g_assert_cmpstr (by, ==, a->device_id);
  }
}

static void
test_idempotent_resend (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SyncTestDevice) a = device_new (f, "a");
  g_autoptr(CoachWirePush) push = coach_wire_push_new ();
  g_autoptr(CoachWirePushResult) first = NULL;
  g_autoptr(CoachWirePushResult) second = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *snapshot = NULL;
  g_autofree char *snapshot_again = NULL;
  const char *snapshot_sql = "SELECT string_agg (tbl || id || fields::text || server_version || deleted, ',' "
                             "ORDER BY id) FROM record";
  g_autofree char *id1 = new_id ();
  g_autofree char *id2 = new_id ();

  sync_test_add_mutation (push, 1, "tag", "upsert", id1, "{\"name\": \"warm-up\"}");
  sync_test_add_mutation (push, 2, "tag", "upsert", id2, "{\"name\": \"strength\"}");
  sync_test_add_mutation (push, 3, "tag", "upsert", id1, "{\"color\": \"red\"}");
  first = push_ok (f, a, push);
  g_assert_cmpint (first->last_mid, ==, 3);
  g_assert_cmpint (first->server_version, ==, 3);
  before = pull_all (f, a);
  g_assert_cmpuint (before->len, ==, 2);
  snapshot = sync_test_db_value (f->stack->db, snapshot_sql);

  /* the response was lost: the client sends the same push again */
  second = push_ok (f, a, push);
  g_assert_cmpint (second->last_mid, ==, 3);
  g_assert_cmpint (second->server_version, ==, first->server_version);
  g_assert_cmpuint (second->rejected->len, ==, 0);

  after = pull_all (f, a);
  g_assert_cmpuint (after->len, ==, 0);
  snapshot_again = sync_test_db_value (f->stack->db, snapshot_sql);
  g_assert_cmpstr (snapshot, ==, snapshot_again);
  g_assert_cmpint (sync_test_db_int (f->stack->db, "SELECT v FROM team_clock"), ==, 3);

  /* a resend that also carries a new mutation applies only the new one */
  sync_test_add_mutation (push, 4, "tag", "upsert", id2, "{\"color\": \"blue\"}");
  {
    g_autoptr(CoachWirePushResult) third = push_ok (f, a, push);
    g_autoptr(GPtrArray) changes = pull_all (f, a);

    g_assert_cmpint (third->last_mid, ==, 4);
    g_assert_cmpint (third->server_version, ==, 4);
    g_assert_cmpuint (changes->len, ==, 1);
    g_assert_cmpstr (sync_test_field_string (g_ptr_array_index (changes, 0), "color"), ==, "blue");
    g_assert_cmpstr (sync_test_field_string (g_ptr_array_index (changes, 0), "name"), ==, "strength");
  }
}

static void
test_gap (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(SyncTestDevice) a = device_new (f, "a");
  g_autoptr(CoachWirePush) start = coach_wire_push_new ();
  g_autoptr(CoachWirePush) holey = coach_wire_push_new ();
  g_autoptr(CoachWirePush) whole = coach_wire_push_new ();
  g_autoptr(CoachWirePushResult) r1 = NULL;
  g_autoptr(CoachWirePushResult) r2 = NULL;
  g_autoptr(CoachWirePushResult) r3 = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  char *ids[6];

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    ids[i] = new_id ();

  /* an outbox may start anywhere: the first push sets the baseline */
  sync_test_add_mutation (start, 101, "tag", "upsert", ids[0], "{\"name\": \"a\"}");
  sync_test_add_mutation (start, 102, "tag", "upsert", ids[1], "{\"name\": \"b\"}");
  r1 = push_ok (f, a, start);
  g_assert_cmpint (r1->last_mid, ==, 102);
  g_assert_cmpint (r1->gap_expected, ==, 0);

  /* 103 is missing: 104 applies after a mutation the server never saw */
  sync_test_add_mutation (holey, 104, "tag", "upsert", ids[3], "{\"name\": \"d\"}");
  sync_test_add_mutation (holey, 105, "tag", "upsert", ids[4], "{\"name\": \"e\"}");
  r2 = push_ok (f, a, holey);
  g_assert_cmpint (r2->last_mid, ==, 102);
  g_assert_cmpint (r2->gap_expected, ==, 103);
  g_assert_cmpint (r2->gap_got, ==, 104);
  g_assert_cmpint (r2->server_version, ==, 2);
  g_assert_cmpint (sync_test_db_int (f->stack->db, "SELECT count(*) FROM record"), ==, 2);

  /* the full sequence goes through, with what was before the gap kept */
  sync_test_add_mutation (whole, 103, "tag", "upsert", ids[2], "{\"name\": \"c\"}");
  sync_test_add_mutation (whole, 104, "tag", "upsert", ids[3], "{\"name\": \"d\"}");
  sync_test_add_mutation (whole, 105, "tag", "upsert", ids[4], "{\"name\": \"e\"}");
  sync_test_add_mutation (whole, 107, "tag", "upsert", ids[5], "{\"name\": \"f\"}");
  r3 = push_ok (f, a, whole);
  g_assert_cmpint (r3->last_mid, ==, 105);
  g_assert_cmpint (r3->gap_expected, ==, 106);
  g_assert_cmpint (r3->server_version, ==, 5);

  changes = pull_all (f, a);
  g_assert_cmpuint (changes->len, ==, 5);
  g_assert_null (sync_test_find_change (changes, ids[5]));

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_free (ids[i]);
}

static void
test_poison (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(SyncTestDevice) a = device_new (f, "a");
  g_autoptr(CoachWirePush) push = coach_wire_push_new ();
  g_autoptr(CoachWirePush) next = coach_wire_push_new ();
  g_autoptr(CoachWirePushResult) result = NULL;
  g_autoptr(CoachWirePushResult) next_result = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(PGresult) log = NULL;
  g_autofree char *good1 = new_id ();
  g_autofree char *good2 = new_id ();
  g_autofree char *bad = new_id ();
  g_autofree char *good3 = new_id ();
  struct {
    gint64      mid;
    const char *code;
  } expected[] = {
    { 2, "unknown_table" },
    { 3, "invalid_field" },   /* wrong type */
    { 4, "invalid_field" },   /* not an allowed value */
    { 5, "read_only" },       /* the server writes deliveries */
    { 6, "invalid_field" },   /* a new row without its required name */
    { 7, "invalid_field" },   /* the row's identity is not a field */
    { 8, "invalid_mutation" },
    { 10, "invalid_mutation" },
    { 12, "invalid_field" },  /* valid JSON that PostgreSQL cannot store */
  };

  sync_test_add_mutation (push, 1, "exercise", "upsert", good1, "{\"name\": \"Lunge\"}");
  sync_test_add_mutation (push, 2, "no_such_table", "upsert", bad, "{\"name\": \"x\"}");
  sync_test_add_mutation (push, 3, "exercise", "upsert", bad, "{\"name\": \"x\", \"default_duration_s\": \"long\"}");
  sync_test_add_mutation (push, 4, "exercise", "upsert", bad, "{\"name\": \"x\", \"difficulty\": \"brutal\"}");
  sync_test_add_mutation (push, 5, "delivery", "upsert", bad, "{\"status\": \"sent\"}");
  sync_test_add_mutation (push, 6, "exercise", "upsert", bad, "{\"description\": \"nameless\"}");
  sync_test_add_mutation (push, 7, "exercise", "upsert", bad, "{\"name\": \"x\", \"deleted\": false}");
  sync_test_add_mutation (push, 8, "exercise", "upsert", "not-a-uuid", "{\"name\": \"x\"}");
  sync_test_add_mutation (push, 9, "exercise", "upsert", good2, "{\"name\": \"Plank\"}");
  /* an op this server does not know */
  g_ptr_array_add (push->mutations, coach_wire_mutation_new (10, "exercise", COACH_WIRE_OP_UPSERT, bad, NULL));
  /* an existing row needs only the fields that change */
  sync_test_add_mutation (push, 11, "exercise", "upsert", good1, "{\"description\": \"step forward\"}");
  sync_test_add_mutation (push, 12, "tag", "upsert", bad, "{\"name\": \"big\", \"from_the_future\": 424242}");
  sync_test_add_mutation (push, 13, "tag", "upsert", good3, "{\"name\": \"after the poison\"}");

  /* mid 10 is sent with "op": "jump": build that body by hand */
  {
    g_autofree char *body = sync_test_push_body (push);
    g_autofree char *url = sync_test_stack_url (f->stack, "/v1/push");
    g_autoptr(GString) edited = g_string_new (body);
    g_autoptr(SyncTestResponse) response = NULL;
    g_autoptr(GError) error = NULL;
    const char *needle = "\"mid\":10,\"table\":\"exercise\",\"op\":\"upsert\"";
    char *at = strstr (edited->str, needle);

    g_assert_nonnull (at);
    g_string_erase (edited, at - edited->str, strlen (needle));
    g_string_insert (edited, at - edited->str, "\"mid\":10,\"table\":\"exercise\",\"op\":\"jump\"");
    /* a number no double holds: json-glib and validation accept it, jsonb does not */
    at = strstr (edited->str, "424242");
    g_assert_nonnull (at);
    g_string_erase (edited, at - edited->str, 6);
    g_string_insert (edited, at - edited->str, "1e400");
    response = sync_test_request (f->stack->session, "POST", url, a->token, edited->str, -1);
    g_assert_cmpuint (response->status, ==, 200);
    result = coach_wire_push_result_from_json (response->json, &error);
    g_assert_no_error (error);
  }

  /* the queue moves on: every mid is acknowledged */
  g_assert_cmpint (result->last_mid, ==, 13);
  g_assert_cmpuint (result->rejected->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      CoachWireRejection *r = g_ptr_array_index (result->rejected, i);

      g_assert_cmpint (r->mid, ==, expected[i].mid);
      g_assert_cmpstr (r->error, ==, expected[i].code);
      g_assert_nonnull (r->message);
    }

  changes = pull_all (f, a);
  g_assert_cmpuint (changes->len, ==, 3);
  g_assert_cmpstr (sync_test_field_string (sync_test_find_change (changes, good3), "name"), ==, "after the poison");
  g_assert_cmpstr (sync_test_field_string (sync_test_find_change (changes, good1), "description"), ==, "step forward");
  g_assert_cmpstr (sync_test_field_string (sync_test_find_change (changes, good1), "name"), ==, "Lunge");
  g_assert_nonnull (sync_test_find_change (changes, good2));
  g_assert_null (sync_test_find_change (changes, bad));

  /* the operator's copy of the rejections */
  log = sync_test_db_exec (f->stack->db, "SELECT mid, code FROM rejection ORDER BY mid");
  g_assert_cmpint (PQntuples (log), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (PQgetvalue (log, i, 1), ==, expected[i].code);

  /* and the next push carries on after the poison */
  sync_test_add_mutation (next, 14, "tag", "upsert", good3, "{\"name\": \"core\"}");
  next_result = push_ok (f, a, next);
  g_assert_cmpint (next_result->last_mid, ==, 14);
  g_assert_cmpuint (next_result->rejected->len, ==, 0);
}

static void
test_last_writer_wins (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(SyncTestDevice) a = device_new (f, "a");
  g_autoptr(SyncTestDevice) b = device_new (f, "b");
  g_autoptr(CoachWirePush) create = coach_wire_push_new ();
  g_autoptr(CoachWirePush) a_edit = coach_wire_push_new ();
  g_autoptr(CoachWirePush) b_edit = coach_wire_push_new ();
  g_autoptr(CoachWirePush) a_same = coach_wire_push_new ();
  g_autoptr(CoachWirePush) b_same = coach_wire_push_new ();
  g_autoptr(GPtrArray) seen_by_a = NULL;
  g_autoptr(GPtrArray) seen_by_b = NULL;
  g_autofree char *id = new_id ();
  CoachWireChange *row;

  sync_test_add_mutation (create, 1, "athlete", "upsert", id,
                          "{\"name\": \"Sam\", \"notes\": \"new\", \"level\": \"beginner\"}");
  coach_wire_push_result_free (push_ok (f, a, create));
  g_ptr_array_unref (pull_all (f, a));
  g_ptr_array_unref (pull_all (f, b));

  /* two devices edit different fields of one row while apart: both stay */
  sync_test_add_mutation (a_edit, 2, "athlete", "upsert", id, "{\"notes\": \"knee injury\"}");
  sync_test_add_mutation (b_edit, 1, "athlete", "upsert", id, "{\"level\": \"advanced\"}");
  coach_wire_push_result_free (push_ok (f, a, a_edit));
  coach_wire_push_result_free (push_ok (f, b, b_edit));

  seen_by_a = pull_all (f, a);
  row = sync_test_find_change (seen_by_a, id);
  g_assert_cmpstr (sync_test_field_string (row, "name"), ==, "Sam");
  g_assert_cmpstr (sync_test_field_string (row, "notes"), ==, "knee injury");
  g_assert_cmpstr (sync_test_field_string (row, "level"), ==, "advanced");

  /* the same field: the edit that reaches the server last wins, whatever
   * the devices' clocks say */
  sync_test_add_mutation (b_same, 2, "athlete", "upsert", id, "{\"name\": \"Samuel\"}");
  sync_test_add_mutation (a_same, 3, "athlete", "upsert", id, "{\"name\": \"Sammy\"}");
  coach_wire_push_result_free (push_ok (f, b, b_same));
  coach_wire_push_result_free (push_ok (f, a, a_same));

  seen_by_b = pull_all (f, b);
  row = sync_test_find_change (seen_by_b, id);
  g_assert_cmpstr (sync_test_field_string (row, "name"), ==, "Sammy");
  g_assert_cmpstr (sync_test_field_string (row, "notes"), ==, "knee injury");
  g_assert_cmpstr (sync_test_field_string (row, "level"), ==, "advanced");
  g_assert_cmpint (row->version, ==, 5);
}

static void
test_delete_wins (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(SyncTestDevice) a = device_new (f, "a");
  g_autoptr(SyncTestDevice) b = device_new (f, "b");
  g_autoptr(CoachWirePush) create = coach_wire_push_new ();
  g_autoptr(CoachWirePush) a_delete = coach_wire_push_new ();
  g_autoptr(CoachWirePush) b_edit = coach_wire_push_new ();
  g_autoptr(CoachWirePush) b_edit_first = coach_wire_push_new ();
  g_autoptr(CoachWirePush) a_delete_after = coach_wire_push_new ();
  g_autoptr(CoachWirePushResult) rejected = NULL;
  g_autoptr(CoachWirePushResult) deleted_again = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *w1 = new_id ();
  g_autofree char *w2 = new_id ();
  g_autofree char *ex = new_id ();
  g_autofree char *tag = new_id ();
  g_autofree char *link = coach_uuid_v5 (COACH_UUID_NAMESPACE, "exercise_tag/test-link");
  g_autofree char *ex_tag = g_strdup_printf ("{\"exercise_id\": \"%s\", \"tag_id\": \"%s\"}", ex, tag);
  CoachWireChange *row;

  sync_test_add_mutation (create, 1, "workout", "upsert", w1, "{\"name\": \"Monday\"}");
  sync_test_add_mutation (create, 2, "workout", "upsert", w2, "{\"name\": \"Tuesday\"}");
  sync_test_add_mutation (create, 3, "exercise_tag", "upsert", link, ex_tag);
  coach_wire_push_result_free (push_ok (f, a, create));

  /* a deletes; b, who had not heard of it, edits: the delete wins and the
   * edit comes back as a rejection b can show */
  sync_test_add_mutation (a_delete, 4, "workout", "upsert", w1, "{\"description\": \"fine\"}");
  sync_test_add_mutation (a_delete, 5, "workout", "delete", w1, NULL);
  coach_wire_push_result_free (push_ok (f, a, a_delete));
  sync_test_add_mutation (b_edit, 1, "workout", "upsert", w1, "{\"name\": \"Monday (long)\"}");
  rejected = push_ok (f, b, b_edit);
  g_assert_cmpint (rejected->last_mid, ==, 1);
  g_assert_cmpuint (rejected->rejected->len, ==, 1);
  g_assert_cmpstr (((CoachWireRejection *) g_ptr_array_index (rejected->rejected, 0))->error, ==, "deleted");

  /* the other order: edit first, delete later */
  sync_test_add_mutation (b_edit_first, 2, "workout", "upsert", w2, "{\"name\": \"Tuesday (long)\"}");
  coach_wire_push_result_free (push_ok (f, b, b_edit_first));
  sync_test_add_mutation (a_delete_after, 6, "workout", "delete", w2, NULL);
  /* deleting twice is harmless */
  sync_test_add_mutation (a_delete_after, 7, "workout", "delete", w2, NULL);
  /* unlinking and linking the same pair again revives the link row */
  sync_test_add_mutation (a_delete_after, 8, "exercise_tag", "delete", link, NULL);
  sync_test_add_mutation (a_delete_after, 9, "exercise_tag", "upsert", link, ex_tag);
  deleted_again = push_ok (f, a, a_delete_after);
  g_assert_cmpuint (deleted_again->rejected->len, ==, 0);

  changes = pull_all (f, b);
  row = sync_test_find_change (changes, w1);
  g_assert_true (row->deleted);
  g_assert_cmpuint (json_object_get_size (row->fields), ==, 0);
  row = sync_test_find_change (changes, w2);
  g_assert_true (row->deleted);
  row = sync_test_find_change (changes, link);
  g_assert_false (row->deleted);
  g_assert_cmpstr (sync_test_field_string (row, "tag_id"), ==, tag);
  g_assert_cmpint (sync_test_db_int (f->stack->db, "SELECT count(*) FROM record WHERE deleted"), ==, 2);
}

static void
test_paging (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(SyncTestDevice) a = device_new (f, "a");
  g_autoptr(SyncTestDevice) b = device_new (f, "b");
  g_autoptr(CoachWirePush) push = coach_wire_push_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  guint page_sizes[4] = { 0 };
  guint pages = 0;
  gboolean more = TRUE;
  const char *bad[] = { "/v1/pull?limit=0", "/v1/pull?limit=ten", "/v1/pull?cursor=-1",
                        "/v1/pull?cursor=1e3", "/v1/pull?epoch=yesterday" };

  for (guint i = 0; i < 25; i++)
    {
      char *id = new_id ();
      g_autofree char *fields = g_strdup_printf ("{\"name\": \"tag %u\"}", i);

      g_ptr_array_add (ids, id);
      sync_test_add_mutation (push, i + 1, "tag", "upsert", id, fields);
    }
  coach_wire_push_result_free (push_ok (f, a, push));

  while (more)
    {
      g_autoptr(CoachWirePull) pull = sync_test_pull_ok (f->stack->session, f->stack->server->url, b,
                                                         b->cursor, 10);

      g_assert_cmpuint (pages, <, G_N_ELEMENTS (page_sizes));
      page_sizes[pages++] = pull->changes->len;
      for (guint i = 0; i < pull->changes->len; i++)
        {
          CoachWireChange *change = g_ptr_array_index (pull->changes, i);

          g_assert_false (g_hash_table_contains (seen, change->id));
          g_hash_table_add (seen, g_strdup (change->id));
          g_assert_cmpint (change->version, >, b->cursor);
          b->cursor = change->version;
        }
      g_assert_cmpint (pull->cursor, ==, b->cursor);
      more = pull->has_more;
    }
  g_assert_cmpuint (pages, ==, 3);
  g_assert_cmpuint (page_sizes[0], ==, 10);
  g_assert_cmpuint (page_sizes[1], ==, 10);
  g_assert_cmpuint (page_sizes[2], ==, 5);
  for (guint i = 0; i < ids->len; i++)
    g_assert_true (g_hash_table_contains (seen, g_ptr_array_index (ids, i)));
  g_hash_table_foreach (seen, (GHFunc) g_free, NULL);

  /* too large a limit is capped, not refused */
  {
    g_autoptr(SyncTestResponse) r = get (f, b, "/v1/pull?limit=1000000");
    g_assert_cmpuint (r->status, ==, 200);
  }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(SyncTestResponse) r = get (f, b, bad[i]);
      sync_test_assert_error (r, 400, "invalid_request");
    }
}

static void
test_last_mid_in_pull (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(SyncTestDevice) a = device_new (f, "a");
  g_autoptr(SyncTestDevice) b = device_new (f, "b");
  g_autoptr(CoachWirePush) mine = coach_wire_push_new ();
  g_autoptr(CoachWirePush) theirs = coach_wire_push_new ();
  g_autoptr(CoachWirePush) mine_later = coach_wire_push_new ();
  gboolean more = TRUE;
  gint64 cursor = 0;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *id = new_id ();
      sync_test_add_mutation (mine, i + 1, "tag", "upsert", id, "{\"name\": \"a\"}");
    }
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *id = new_id ();
      sync_test_add_mutation (theirs, i + 1, "tag", "upsert", id, "{\"name\": \"b\"}");
    }
  coach_wire_push_result_free (push_ok (f, a, mine));
  coach_wire_push_result_free (push_ok (f, b, theirs));
  {
    g_autofree char *id = new_id ();
    sync_test_add_mutation (mine_later, 4, "tag", "upsert", id, "{\"name\": \"a\"}");
  }
  coach_wire_push_result_free (push_ok (f, a, mine_later));  /* version 14 */

  /* a acknowledges mid 4 only in the page that brings its result back,
   * so its client never drops a pending edit before it has the row */
  while (more)
    {
      g_autoptr(CoachWirePull) pull = sync_test_pull_ok (f->stack->session, f->stack->server->url, a, cursor, 5);

      cursor = pull->cursor;
      more = pull->has_more;
      g_assert_cmpint (pull->last_mid, ==, cursor >= 14 ? 4 : 0);
    }
  g_assert_cmpint (cursor, ==, 14);
}

static void
test_resync (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(SyncTestDevice) a = device_new (f, "a");
  g_autoptr(CoachWirePush) push = coach_wire_push_new ();
  g_autoptr(CoachWirePull) first = NULL;
  g_autoptr(SyncTestResponse) same = NULL;
  g_autoptr(SyncTestResponse) stale = NULL;
  g_autoptr(SyncTestResponse) fresh = NULL;
  g_autoptr(SyncTestResponse) ahead = NULL;
  g_autoptr(SyncTestResponse) stale_push = NULL;
  g_autofree char *id = new_id ();
  g_autofree char *epoch = NULL;
  g_autofree char *path = NULL;
  g_autofree char *new_epoch = NULL;

  sync_test_add_mutation (push, 1, "tag", "upsert", id, "{\"name\": \"a\"}");
  coach_wire_push_result_free (push_ok (f, a, push));
  first = sync_test_pull_ok (f->stack->session, f->stack->server->url, a, 0, 10);
  epoch = g_strdup (first->epoch);

  path = g_strdup_printf ("/v1/pull?cursor=1&epoch=%s", epoch);
  same = get (f, a, path);
  g_assert_cmpuint (same->status, ==, 200);

  /* the team was restored from a backup */
  new_epoch = sync_test_admin_ok (f->stack->db, NULL, "new-epoch", "Harriers", NULL);
  g_assert_true (coach_uuid_is_valid (new_epoch));
  g_assert_cmpstr (new_epoch, !=, epoch);

  stale = get (f, a, path);
  sync_test_assert_error (stale, 409, "resync");

  /* a pull from scratch hands out the new epoch */
  fresh = get (f, a, "/v1/pull");
  g_assert_cmpuint (fresh->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (sync_test_response_object (fresh), "epoch"), ==, new_epoch);

  /* a cursor the server never handed out */
  ahead = get (f, a, "/v1/pull?cursor=1000");
  sync_test_assert_error (ahead, 409, "resync");

  /* a push that names the old epoch is not applied */
  g_ptr_array_set_size (push->mutations, 0);
  push->epoch = g_strdup (epoch);
  sync_test_add_mutation (push, 2, "tag", "upsert", id, "{\"name\": \"b\"}");
  stale_push = sync_test_push (f->stack->session, f->stack->server->url, a, push);
  sync_test_assert_error (stale_push, 409, "resync");
  g_assert_cmpint (sync_test_db_int (f->stack->db, "SELECT v FROM team_clock"), ==, 1);

  /* what the restored data holds stays acknowledged: a device that sends
   * its outbox again (without an epoch, as a resyncing device does first)
   * changes nothing with it, and without the epoch it cannot jump a gap */
  g_ptr_array_set_size (push->mutations, 0);
  g_clear_pointer (&push->epoch, g_free);
  sync_test_add_mutation (push, 1, "tag", "upsert", id, "{\"name\": \"stale\"}");
  sync_test_add_mutation (push, 40, "tag", "upsert", id, "{\"name\": \"after restore\"}");
  {
    g_autoptr(CoachWirePushResult) result = push_ok (f, a, push);

    g_assert_cmpint (result->last_mid, ==, 1);
    g_assert_cmpint (result->gap_expected, ==, 2);
    g_assert_cmpint (result->gap_got, ==, 40);
  }
  g_assert_cmpint (sync_test_db_int (f->stack->db, "SELECT count(*) FROM record WHERE fields->>'name' = 'a'"), ==, 1);

  /* the server may remember fewer mids than the client dropped: with the
   * new epoch its next push jumps the gap, once */
  g_ptr_array_remove_index (push->mutations, 0);
  push->epoch = g_strdup (new_epoch);
  {
    g_autoptr(CoachWirePushResult) result = push_ok (f, a, push);

    g_assert_cmpint (result->last_mid, ==, 40);
    g_assert_cmpint (result->gap_expected, ==, 0);
    g_assert_cmpuint (result->rejected->len, ==, 0);
  }
  g_ptr_array_set_size (push->mutations, 0);
  sync_test_add_mutation (push, 45, "tag", "upsert", id, "{\"name\": \"later\"}");
  {
    g_autoptr(CoachWirePushResult) result = push_ok (f, a, push);

    g_assert_cmpint (result->last_mid, ==, 40);
    g_assert_cmpint (result->gap_expected, ==, 41);
  }
  g_assert_cmpint (sync_test_db_int (f->stack->db, "SELECT count(*) FROM record WHERE fields->>'name' = 'after restore'"),
                   ==, 1);
}

static void
test_schema_version (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(SyncTestDevice) a = device_new (f, "a");
  g_autoptr(CoachWirePush) push = coach_wire_push_new ();
  g_autoptr(SyncTestResponse) old = NULL;
  g_autoptr(SyncTestResponse) old_pull = NULL;
  g_autoptr(SyncTestResponse) missing = NULL;
  g_autoptr(SyncTestResponse) newer = NULL;
  g_autofree char *url = sync_test_stack_url (f->stack, "/v1/push");
  g_autofree char *id = new_id ();

  sync_test_add_mutation (push, 1, "tag", "upsert", id, "{\"name\": \"a\"}");
  push->schema_version = 0;
  old = sync_test_push (f->stack->session, f->stack->server->url, a, push);
  sync_test_assert_error (old, 426, "upgrade_required");
  g_assert_cmpint (sync_test_db_int (f->stack->db, "SELECT count(*) FROM record"), ==, 0);

  old_pull = get (f, a, "/v1/pull?schema_version=0");
  sync_test_assert_error (old_pull, 426, "upgrade_required");

  missing = sync_test_request (f->stack->session, "POST", url, a->token, "{\"mutations\": []}", -1);
  sync_test_assert_error (missing, 400, "invalid_request");

  /* newer clients are welcome: what they add is kept */
  push->schema_version = COACH_SCHEMA_VERSION + 1;
  newer = sync_test_push (f->stack->session, f->stack->server->url, a, push);
  g_assert_cmpuint (newer->status, ==, 200);
}

static void
test_cross_team (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(SyncTestDevice) a = device_new (f, "a");
  g_autoptr(SyncTestDevice) intruder = NULL;
  g_autoptr(CoachWirePush) mine = coach_wire_push_new ();
  g_autoptr(CoachWirePush) attack = coach_wire_push_new ();
  g_autoptr(CoachWirePushResult) attack_result = NULL;
  g_autoptr(GPtrArray) seen_by_intruder = NULL;
  g_autoptr(GPtrArray) intruder_later = NULL;
  g_autoptr(GPtrArray) seen_by_a = NULL;
  g_autoptr(SyncTestResponse) spoofed = NULL;
  g_autofree char *other_team = sync_test_create_team (f->stack->db, "Rivals");
  g_autofree char *athlete = new_id ();
  g_autofree char *workout = new_id ();
  CoachWireChange *row;

  sync_test_add_coach (f->stack->db, other_team, "eve@example.org");
  intruder = sync_test_login (f->stack->session, f->stack->server->url, "eve@example.org", "eve");
  g_assert_cmpstr (intruder->team_id, ==, other_team);

  sync_test_add_mutation (mine, 1, "athlete", "upsert", athlete,
                          "{\"name\": \"Sam\", \"email\": \"sam@example.org\"}");
  sync_test_add_mutation (mine, 2, "workout", "upsert", workout, "{\"name\": \"Secret plan\"}");
  coach_wire_push_result_free (push_ok (f, a, mine));

  /* the other team sees nothing of ours */
  seen_by_intruder = pull_all (f, intruder);
  g_assert_cmpuint (seen_by_intruder->len, ==, 0);
  g_assert_cmpint (intruder->cursor, ==, 0);

  /* writing to our ids from the other team touches its own rows only */
  sync_test_add_mutation (attack, 1, "athlete", "upsert", athlete, "{\"name\": \"Hacked\"}");
  sync_test_add_mutation (attack, 2, "workout", "delete", workout, NULL);
  attack_result = push_ok (f, intruder, attack);
  g_assert_cmpint (attack_result->last_mid, ==, 2);

  seen_by_a = pull_all (f, a);
  row = sync_test_find_change (seen_by_a, athlete);
  g_assert_cmpstr (sync_test_field_string (row, "name"), ==, "Sam");
  row = sync_test_find_change (seen_by_a, workout);
  g_assert_false (row->deleted);
  g_assert_cmpuint (seen_by_a->len, ==, 2);

  intruder_later = pull_all (f, intruder);
  g_assert_cmpuint (intruder_later->len, ==, 2);
  row = sync_test_find_change (intruder_later, athlete);
  g_assert_cmpstr (sync_test_field_string (row, "name"), ==, "Hacked");
  g_assert_null (sync_test_field_string (row, "email"));

  /* naming our device in the body changes nothing */
  g_ptr_array_set_size (attack->mutations, 0);
  attack->device_id = g_strdup (a->device_id);
  sync_test_add_mutation (attack, 3, "athlete", "upsert", athlete, "{\"name\": \"Hacked again\"}");
  spoofed = sync_test_push (f->stack->session, f->stack->server->url, intruder, attack);
  sync_test_assert_error (spoofed, 400, "invalid_request");

  /* the second wall: the server's role sees no team data without the
   * team set for the transaction, and only that team's with it */
  {
    const char *keywords[] = { "dbname", NULL };
    const char *values[] = { f->stack->db->url, NULL };
    const char *params[] = { other_team };
    PGconn *conn = PQconnectdbParams (keywords, values, 1);
    g_autoptr(PGresult) none = NULL;
    g_autoptr(PGresult) begin = NULL;
    g_autoptr(PGresult) set = NULL;
    g_autoptr(PGresult) theirs = NULL;

    g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
    none = PQexec (conn, "SELECT (SELECT count(*) FROM record) + (SELECT count(*) FROM team_clock)");
    g_assert_cmpint (PQresultStatus (none), ==, PGRES_TUPLES_OK);
    g_assert_cmpstr (PQgetvalue (none, 0, 0), ==, "0");

    begin = PQexec (conn, "BEGIN");
    set = PQexecParams (conn, "SELECT set_config('app.team_id', $1, true)", 1, NULL, params, NULL, NULL, 0);
    g_assert_cmpint (PQresultStatus (set), ==, PGRES_TUPLES_OK);
    theirs = PQexec (conn, "SELECT count(*) FROM record");
    g_assert_cmpint (PQresultStatus (theirs), ==, PGRES_TUPLES_OK);
    g_assert_cmpstr (PQgetvalue (theirs, 0, 0), ==, "2");
    PQfinish (conn);
  }
  g_assert_cmpint (sync_test_db_int (f->stack->db, "SELECT count(*) FROM record"), ==, 4);
}

/* An acknowledged edit replaced by one made without having seen it is
 * handed back to its device with the pull that shows the replacement;
 * edits that had seen it, the device's own and equal values are not. */
static void
test_overwritten (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(SyncTestDevice) a = device_new (f, "a");
  g_autoptr(SyncTestDevice) b = device_new (f, "b");
  g_autoptr(CoachWirePush) push_a = coach_wire_push_new ();
  g_autoptr(CoachWirePush) push_b = coach_wire_push_new ();
  g_autoptr(CoachWirePull) page = NULL;
  g_autoptr(CoachWirePull) b_page = NULL;
  g_autoptr(CoachWirePull) later = NULL;
  g_autofree char *id = new_id ();
  g_autofree char *value = NULL;
  CoachWireOverwrite *lost;
  CoachWireMutation *m;

  /* v1: A creates; v2: A renames it, acknowledged */
  sync_test_add_mutation (push_a, 1, "tag", "upsert", id, "{\"name\": \"a1\"}");
  sync_test_add_mutation (push_a, 2, "tag", "upsert", id, "{\"name\": \"a2\"}");
  ((CoachWireMutation *) push_a->mutations->pdata[1])->base_version = 1;
  coach_wire_push_result_free (push_ok (f, a, push_a));

  /* B had only seen v1: its rename replaces A's unseen (v3); its own
   * second rename (v4) replaces only B's; an equal value replaces nothing */
  sync_test_add_mutation (push_b, 1, "tag", "upsert", id, "{\"name\": \"b1\"}");
  sync_test_add_mutation (push_b, 2, "tag", "upsert", id, "{\"name\": \"b2\"}");
  for (guint i = 0; i < 2; i++)
    ((CoachWireMutation *) push_b->mutations->pdata[i])->base_version = 1;
  coach_wire_push_result_free (push_ok (f, b, push_b));

  page = sync_test_pull_ok (f->stack->session, f->stack->server->url, a, 2, 100);
  g_assert_cmpuint (page->overwritten->len, ==, 1);
  lost = page->overwritten->pdata[0];
  g_assert_cmpstr (lost->table, ==, "tag");
  g_assert_cmpstr (lost->id, ==, id);
  g_assert_cmpstr (lost->field, ==, "name");
  g_assert_cmpint (lost->version, ==, 3);
  value = json_to_string (lost->value, FALSE);
  g_assert_cmpstr (value, ==, "\"a2\"");

  /* B lost nothing; a pull that starts past v3 does not repeat it */
  b_page = sync_test_pull_ok (f->stack->session, f->stack->server->url, b, 0, 100);
  g_assert_cmpuint (b_page->overwritten->len, ==, 0);
  later = sync_test_pull_ok (f->stack->session, f->stack->server->url, a, 3, 100);
  g_assert_cmpuint (later->overwritten->len, ==, 0);

  /* A, having seen v4, renames again: nothing of B's is unseen */
  g_ptr_array_set_size (push_a->mutations, 0);
  sync_test_add_mutation (push_a, 3, "tag", "upsert", id, "{\"name\": \"a3\"}");
  m = push_a->mutations->pdata[0];
  m->base_version = 4;
  coach_wire_push_result_free (push_ok (f, a, push_a));
  g_assert_cmpint (sync_test_db_int (f->stack->db, "SELECT count(*) FROM overwritten"), ==, 1);

  /* B, still at v4, writes the value A has: equal, nothing lost */
  g_ptr_array_set_size (push_b->mutations, 0);
  sync_test_add_mutation (push_b, 3, "tag", "upsert", id, "{\"name\": \"a3\"}");
  ((CoachWireMutation *) push_b->mutations->pdata[0])->base_version = 4;
  coach_wire_push_result_free (push_ok (f, b, push_b));
  g_assert_cmpint (sync_test_db_int (f->stack->db, "SELECT count(*) FROM overwritten"), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/sync/round-trip", test_round_trip);
  ADD ("/sync/idempotent-resend", test_idempotent_resend);
  ADD ("/sync/gap", test_gap);
  ADD ("/sync/poison", test_poison);
  ADD ("/sync/last-writer-wins", test_last_writer_wins);
  ADD ("/sync/delete-wins", test_delete_wins);
  ADD ("/sync/paging", test_paging);
  ADD ("/sync/last-mid-in-pull", test_last_mid_in_pull);
  ADD ("/sync/resync", test_resync);
  ADD ("/sync/schema-version", test_schema_version);
  ADD ("/sync/cross-team", test_cross_team);
  ADD ("/sync/overwritten", test_overwritten);

  return g_test_run ();
}
