/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "coach-schema.h"

G_BEGIN_DECLS

#define COACH_TYPE_RECORD (coach_record_get_type ())

G_DECLARE_DERIVABLE_TYPE (CoachRecord, coach_record, COACH, RECORD, GObject)

/* One row of a synced table. Subclasses (CoachExercise, CoachClip, ...) name
 * their table in class_init and get one GObject property per field of it
 * (underscores become dashes: "has_jump" is the property "has-jump"), so
 * widgets can bind to them. Setting a field marks it dirty; saving through
 * the catalog writes the dirty fields and records them in the outbox. */
struct _CoachRecordClass
{
  GObjectClass parent_class;

  const CoachTableInfo *table;
};

void                  coach_record_class_set_table (CoachRecordClass *klass,
                                                    const char       *table_name);
GType                 coach_record_type_for_table  (const char       *table_name);

CoachRecord          *coach_record_new_for_table   (const char       *table_name,
                                                    const char       *id);
const CoachTableInfo *coach_record_get_table       (CoachRecord      *self);
const char           *coach_record_get_table_name  (CoachRecord      *self);
const char           *coach_record_get_id          (CoachRecord      *self);
gint64                coach_record_get_updated_at  (CoachRecord      *self);
gboolean              coach_record_get_deleted     (CoachRecord      *self);
gint64                coach_record_get_server_version (CoachRecord   *self);
gboolean              coach_record_is_saved        (CoachRecord      *self);

/* Typed access by field name. Getting a field of the wrong type is a
 * programming error. */
const char           *coach_record_get_string      (CoachRecord      *self,
                                                    const char       *field);
gint64                coach_record_get_int         (CoachRecord      *self,
                                                    const char       *field);
double                coach_record_get_double      (CoachRecord      *self,
                                                    const char       *field);
gboolean              coach_record_get_boolean     (CoachRecord      *self,
                                                    const char       *field);
char                **coach_record_dup_strv        (CoachRecord      *self,
                                                    const char       *field);
gboolean              coach_record_is_null         (CoachRecord      *self,
                                                    const char       *field);
JsonNode             *coach_record_get_value       (CoachRecord      *self,
                                                    const char       *field);

void                  coach_record_set_string      (CoachRecord      *self,
                                                    const char       *field,
                                                    const char       *value);
void                  coach_record_set_int         (CoachRecord      *self,
                                                    const char       *field,
                                                    gint64            value);
void                  coach_record_set_double      (CoachRecord      *self,
                                                    const char       *field,
                                                    double            value);
void                  coach_record_set_boolean     (CoachRecord      *self,
                                                    const char       *field,
                                                    gboolean          value);
void                  coach_record_set_strv        (CoachRecord      *self,
                                                    const char       *field,
                                                    const char * const *value);
void                  coach_record_set_null        (CoachRecord      *self,
                                                    const char       *field);
/* Takes a JSON value as it comes from the wire or an import file. The value
 * must already be valid for the field (coach_schema_validate_value). */
void                  coach_record_set_value       (CoachRecord      *self,
                                                    const char       *field,
                                                    JsonNode         *value);

gboolean              coach_record_is_dirty        (CoachRecord      *self);
gboolean              coach_record_field_is_dirty  (CoachRecord      *self,
                                                    const char       *field);
/* Checks every field against the schema (required, ranges, enum values) and
 * says what is wrong in words a coach understands. */
gboolean              coach_record_validate        (CoachRecord      *self,
                                                    GError          **error);
/* The same, also naming the first invalid field, so a form can mark it. */
gboolean              coach_record_validate_full   (CoachRecord      *self,
                                                    const char      **invalid_field,
                                                    GError          **error);

/* All fields (or only the dirty ones) as a JSON object, plus the fields
 * from newer versions kept in extra. */
JsonObject           *coach_record_to_json         (CoachRecord      *self,
                                                    gboolean          dirty_only);

G_END_DECLS
