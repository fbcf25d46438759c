/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <json-glib/json-glib.h>

#include "coach-schema.h"

G_BEGIN_DECLS

/* The JSON bodies of POST /v1/push and GET /v1/pull, shared by the sync
 * client and the team server. Parsing is strict about the envelope (a push
 * without usable mids cannot be acknowledged, so it is refused as a whole)
 * and lenient about single mutations: a broken mutation keeps its mid and is
 * rejected on its own, so one bad row never blocks a device's queue. */

#define COACH_WIRE_ERROR (coach_wire_error_quark ())

typedef enum
{
  COACH_WIRE_ERROR_MALFORMED,         /* the envelope is not what the protocol says */
  COACH_WIRE_ERROR_INVALID_MUTATION,  /* a mutation lacks a usable table, op or id */
  COACH_WIRE_ERROR_UNKNOWN_TABLE,
  COACH_WIRE_ERROR_READ_ONLY,         /* a table only the server writes */
  COACH_WIRE_ERROR_INVALID_FIELD,
  COACH_WIRE_ERROR_DELETED,           /* an edit of a row that was deleted */
} CoachWireError;

typedef enum
{
  COACH_WIRE_OP_UPSERT,
  COACH_WIRE_OP_DELETE,
} CoachWireOp;

/* Most mutations one push may carry; clients send smaller batches. */
#define COACH_WIRE_MAX_MUTATIONS 5000

typedef struct
{
  gint64       mid;
  char        *table;
  CoachWireOp  op;
  char        *id;           /* lower-case UUID */
  JsonObject  *fields;       /* never NULL; empty for deletes */
  gint64       base_version; /* -1 when the client did not send one */
  char        *invalid;      /* why the mutation is unusable, or NULL */
} CoachWireMutation;

typedef struct
{
  char      *device_id;      /* optional */
  char      *epoch;          /* optional */
  gint64     schema_version;
  GPtrArray *mutations;      /* CoachWireMutation */
} CoachWirePush;

typedef struct
{
  gint64  mid;
  char   *error;    /* a stable code: coach_wire_error_code() */
  char   *message;  /* for people */
} CoachWireRejection;

typedef struct
{
  gint64     last_mid;       /* 0 when nothing was ever acknowledged */
  gint64     server_version; /* the team's version after this push */
  GPtrArray *rejected;       /* CoachWireRejection */
  gint64     gap_expected;   /* 0 unless the push stopped at a gap */
  gint64     gap_got;
} CoachWirePushResult;

typedef struct
{
  char       *table;
  char       *id;
  JsonObject *fields;
  gboolean    deleted;
  gint64      version;
} CoachWireChange;

/* An acknowledged edit of the pulling device that a later edit from
 * another device replaced, made without having seen it: the edit lost,
 * and the device keeps it for the coach to review. */
typedef struct
{
  char     *table;
  char     *id;
  char     *field;
  JsonNode *value;     /* what this device had written */
  gint64    version;   /* the version of the change that replaced it */
} CoachWireOverwrite;

typedef struct
{
  char      *epoch;
  gint64     cursor;
  gboolean   has_more;
  gint64     last_mid;
  GPtrArray *changes;      /* CoachWireChange */
  GPtrArray *overwritten;  /* CoachWireOverwrite, of changes in this page */
} CoachWirePull;

GQuark               coach_wire_error_quark          (void);
const char          *coach_wire_error_code           (const GError               *error);

const char          *coach_wire_op_to_string         (CoachWireOp                 op);
gboolean             coach_wire_op_from_string       (const char                 *str,
                                                      CoachWireOp                *op);

CoachWireMutation   *coach_wire_mutation_new         (gint64                      mid,
                                                      const char                 *table,
                                                      CoachWireOp                 op,
                                                      const char                 *id,
                                                      JsonObject                 *fields);
void                 coach_wire_mutation_free        (CoachWireMutation          *mutation);
gboolean             coach_wire_mutation_validate    (const CoachWireMutation    *mutation,
                                                      gboolean                    row_exists,
                                                      GError                    **error);

CoachWirePush       *coach_wire_push_new             (void);
void                 coach_wire_push_free            (CoachWirePush              *push);
CoachWirePush       *coach_wire_push_from_json       (JsonNode                   *node,
                                                      GError                    **error);
JsonNode            *coach_wire_push_to_json         (const CoachWirePush        *push);

CoachWirePushResult *coach_wire_push_result_new      (void);
void                 coach_wire_push_result_free     (CoachWirePushResult        *result);
void                 coach_wire_push_result_reject   (CoachWirePushResult        *result,
                                                      gint64                      mid,
                                                      const GError               *error);
CoachWirePushResult *coach_wire_push_result_from_json (JsonNode                  *node,
                                                       GError                   **error);
JsonNode            *coach_wire_push_result_to_json  (const CoachWirePushResult  *result);

void                 coach_wire_change_free          (CoachWireChange            *change);
void                 coach_wire_pull_free            (CoachWirePull              *pull);
void                 coach_wire_overwrite_free       (CoachWireOverwrite         *overwrite);
CoachWirePull       *coach_wire_pull_from_json       (JsonNode                   *node,
                                                      GError                    **error);

JsonNode            *coach_wire_error_to_json        (const char                 *code,
                                                      const char                 *message);
gboolean             coach_wire_error_from_json      (JsonNode                   *node,
                                                      char                      **code,
                                                      char                      **message);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoachWireMutation, coach_wire_mutation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoachWirePush, coach_wire_push_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoachWirePushResult, coach_wire_push_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoachWireChange, coach_wire_change_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoachWirePull, coach_wire_pull_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoachWireOverwrite, coach_wire_overwrite_free)

G_END_DECLS
