/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <sqlite3.h>

#include "coach-record.h"

G_BEGIN_DECLS

/* Used by the catalog only. */
void        _coach_record_load_row        (CoachRecord   *self,
                                           sqlite3_stmt  *stmt,
                                           gboolean       notify);
/* "SELECT rowid, id, updated_at, deleted, server_version, extra, <fields>
 * FROM <table>": the fields start at this column. */
#define COACH_RECORD_FIRST_FIELD_COLUMN 6
char       *_coach_record_select_sql      (const CoachTableInfo *table);
JsonNode   *_coach_record_node_from_column (const CoachFieldInfo *field,
                                           sqlite3_stmt  *stmt,
                                           int            column);
void        _coach_record_clear_dirty     (CoachRecord   *self);
void        _coach_record_mark_all_dirty  (CoachRecord   *self);
guint64     _coach_record_get_dirty_mask  (CoachRecord   *self);
void        _coach_record_set_saved       (CoachRecord   *self,
                                           gint64         rowid,
                                           gint64         updated_at);
void        _coach_record_set_deleted     (CoachRecord   *self,
                                           gboolean       deleted);
gint64      _coach_record_get_rowid       (CoachRecord   *self);
JsonObject *_coach_record_get_extra       (CoachRecord   *self);
void        _coach_record_set_extra_member (CoachRecord  *self,
                                           const char    *name,
                                           JsonNode      *value);
/* Binds field i's value to the statement parameter. */
void        _coach_record_bind_field      (CoachRecord   *self,
                                           guint          field,
                                           sqlite3_stmt  *stmt,
                                           int            param);

G_END_DECLS
