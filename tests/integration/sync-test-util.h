/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <libpq-fe.h>
#include <libsoup/soup.h>

#include "coach-wire.h"

G_BEGIN_DECLS

/* Utilities for tests that run the real coachbook-sync binary against the
 * PostgreSQL cluster with-postgres.sh started. */

#define SYNC_TEST_PASSWORD "correct horse battery"

typedef struct
{
  char *name;
  char *url;       /* as the unprivileged role the server uses */
  char *blob_dir;  /* the fs blob store of the servers on this database */
} SyncTestDb;

typedef struct
{
  GSubprocess *process;
  char        *url;
} SyncTestServer;

typedef struct
{
  guint               status;
  char               *body;
  JsonNode           *json;     /* NULL when the body is not JSON */
  SoupMessageHeaders *headers;
} SyncTestResponse;

typedef struct
{
  char   *token;
  char   *device_id;
  char   *team_id;
  gint64  next_mid;
  gint64  cursor;
} SyncTestDevice;

/* A fresh database and a server on it. */
typedef struct
{
  SyncTestDb     *db;
  SyncTestServer *server;
  SoupSession    *session;
} SyncTestStack;

SyncTestDb       *sync_test_db_new              (void);
void              sync_test_db_free             (SyncTestDb        *db);
PGresult         *sync_test_db_exec             (SyncTestDb        *db,
                                                 const char        *sql);
char             *sync_test_db_value            (SyncTestDb        *db,
                                                 const char        *sql);
gint64            sync_test_db_int              (SyncTestDb        *db,
                                                 const char        *sql);
gint64            sync_test_n_migrations        (void);
void              sync_test_remove_tree         (const char        *dir);
void              sync_test_pg_ctl              (const char        *action);

GSubprocessLauncher *sync_test_launcher_new     (GSubprocessFlags   flags);
SyncTestServer   *sync_test_server_spawn        (SyncTestDb        *db,
                                                 const char * const *env);
void              sync_test_server_wait         (SyncTestServer    *server);
SyncTestServer   *sync_test_server_start        (SyncTestDb        *db,
                                                 const char * const *env);
void              sync_test_server_stop         (SyncTestServer    *server);
char             *sync_test_admin               (SyncTestDb        *db,
                                                 const char        *input,
                                                 int               *exit_status,
                                                 char             **stderr_text,
                                                 ...) G_GNUC_NULL_TERMINATED;
char             *sync_test_admin_ok            (SyncTestDb        *db,
                                                 const char        *input,
                                                 ...) G_GNUC_NULL_TERMINATED;

SoupSession      *sync_test_session_new         (void);
SyncTestResponse *sync_test_request             (SoupSession       *session,
                                                 const char        *method,
                                                 const char        *url,
                                                 const char        *token,
                                                 const char        *body,
                                                 gssize             body_len);
void              sync_test_response_free       (SyncTestResponse  *response);
JsonObject       *sync_test_response_object     (SyncTestResponse  *response);
void              sync_test_assert_error        (SyncTestResponse  *response,
                                                 guint              status,
                                                 const char        *code);

SyncTestStack    *sync_test_stack_new           (const char * const *server_env);
void              sync_test_stack_free          (SyncTestStack     *stack);
char             *sync_test_stack_url           (SyncTestStack     *stack,
                                                 const char        *path);
char             *sync_test_create_team         (SyncTestDb        *db,
                                                 const char        *name);
void              sync_test_add_coach           (SyncTestDb        *db,
                                                 const char        *team,
                                                 const char        *email);
SyncTestDevice   *sync_test_login               (SoupSession       *session,
                                                 const char        *base_url,
                                                 const char        *email,
                                                 const char        *device_name);
void              sync_test_device_free         (SyncTestDevice    *device);

JsonObject       *sync_test_fields              (const char        *json);
void              sync_test_add_mutation        (CoachWirePush     *push,
                                                 gint64             mid,
                                                 const char        *table,
                                                 const char        *op,
                                                 const char        *id,
                                                 const char        *fields_json);
char             *sync_test_push_body           (const CoachWirePush *push);
SyncTestResponse *sync_test_push                (SoupSession       *session,
                                                 const char        *base_url,
                                                 const SyncTestDevice *device,
                                                 const CoachWirePush *push);
CoachWirePushResult *sync_test_push_ok          (SoupSession       *session,
                                                 const char        *base_url,
                                                 const SyncTestDevice *device,
                                                 const CoachWirePush *push);
CoachWirePull    *sync_test_pull_ok             (SoupSession       *session,
                                                 const char        *base_url,
                                                 const SyncTestDevice *device,
                                                 gint64             cursor,
                                                 guint              limit);
GPtrArray        *sync_test_pull_all            (SoupSession       *session,
                                                 const char        *base_url,
                                                 SyncTestDevice    *device,
                                                 guint              limit);
CoachWireChange  *sync_test_find_change         (GPtrArray         *changes,
                                                 const char        *id);
const char       *sync_test_field_string        (CoachWireChange   *change,
                                                 const char        *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncTestDb, sync_test_db_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncTestResponse, sync_test_response_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncTestStack, sync_test_stack_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncTestDevice, sync_test_device_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

G_END_DECLS
