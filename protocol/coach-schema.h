/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The version of the wire schema. Changes are additive: new tables or new
 * optional fields bump it; old clients keep working until the server raises
 * its minimum. */
#define COACH_SCHEMA_VERSION 1

#define COACH_SCHEMA_ERROR (coach_schema_error_quark ())

typedef enum
{
  COACH_SCHEMA_ERROR_UNKNOWN_TABLE,
  COACH_SCHEMA_ERROR_UNKNOWN_FIELD,
  COACH_SCHEMA_ERROR_INVALID_VALUE,
  COACH_SCHEMA_ERROR_REQUIRED,
  COACH_SCHEMA_ERROR_READ_ONLY,
} CoachSchemaError;

typedef enum
{
  COACH_FIELD_TEXT,
  COACH_FIELD_INT,
  COACH_FIELD_REAL,
  COACH_FIELD_BOOL,
  COACH_FIELD_ENUM,     /* text, one of enum_values */
  COACH_FIELD_REF,      /* UUID of a row in ref_table */
  COACH_FIELD_STRV,     /* JSON array of strings */
  COACH_FIELD_JSON,     /* JSON object */
} CoachFieldType;

typedef enum
{
  COACH_TABLE_FLAG_NONE          = 0,
  COACH_TABLE_FLAG_LINK          = 1 << 0, /* a pair of refs, id derived from them */
  COACH_TABLE_FLAG_SERVER_WRITES = 1 << 1, /* written by the server, read-only locally */
} CoachTableFlags;

typedef struct
{
  const char          *name;
  CoachFieldType       type;
  gboolean             required;
  const char          *ref_table;
  const char * const  *enum_values;
  const char          *default_sql;  /* literal used in the local DDL, or NULL */
  gint64               min;          /* for INT/REAL when min < max */
  gint64               max;
  guint                max_length;   /* for TEXT, 0 = schema default */
} CoachFieldInfo;

typedef struct
{
  const char           *name;
  const CoachFieldInfo *fields;
  guint                 n_fields;
  CoachTableFlags       flags;
} CoachTableInfo;

/* Default upper bound of a text field; a description of a drill is not a book. */
#define COACH_SCHEMA_TEXT_MAX 16384

GQuark                coach_schema_error_quark   (void);
const CoachTableInfo *coach_schema_get_tables    (guint                 *n_tables);
const CoachTableInfo *coach_schema_lookup_table  (const char            *name);
const CoachFieldInfo *coach_schema_lookup_field  (const CoachTableInfo  *table,
                                                  const char            *name);
int                   coach_schema_field_index   (const CoachTableInfo  *table,
                                                  const char            *name);
gboolean              coach_schema_validate_value (const CoachTableInfo *table,
                                                   const CoachFieldInfo *field,
                                                   JsonNode             *value,
                                                   GError              **error);
gboolean              coach_schema_validate_fields (const CoachTableInfo *table,
                                                    JsonObject           *fields,
                                                    gboolean              is_insert,
                                                    GError              **error);
gboolean              coach_schema_enum_is_valid (const CoachFieldInfo  *field,
                                                  const char            *value);

G_END_DECLS
