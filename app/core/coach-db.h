/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define COACH_DB_ERROR (coach_db_error_quark ())

typedef enum
{
  COACH_DB_ERROR_FAILED,
  COACH_DB_ERROR_BUSY,
  COACH_DB_ERROR_CORRUPT,
  COACH_DB_ERROR_NOT_A_DATABASE,
  COACH_DB_ERROR_FULL,
  COACH_DB_ERROR_READ_ONLY,
  COACH_DB_ERROR_CONSTRAINT,
  COACH_DB_ERROR_CANT_OPEN,
  COACH_DB_ERROR_NEWER_VERSION,
  COACH_DB_ERROR_NOT_FOUND,
} CoachDbError;

/* A thin wrapper over one SQLite connection: prepared statements cached by
 * their SQL text, errors as GError, nested transactions as savepoints.
 * One connection belongs to one thread at a time. */
typedef struct _CoachDb CoachDb;

GQuark         coach_db_error_quark    (void);
CoachDb       *coach_db_open           (const char    *path,
                                        gboolean       read_only,
                                        GError       **error);
void           coach_db_close          (CoachDb       *db);
sqlite3       *coach_db_get_handle     (CoachDb       *db);
const char    *coach_db_get_path       (CoachDb       *db);
gboolean       coach_db_exec           (CoachDb       *db,
                                        const char    *sql,
                                        GError       **error);
sqlite3_stmt  *coach_db_prepare        (CoachDb       *db,
                                        const char    *sql,
                                        GError       **error);
/* Returns SQLITE_ROW, SQLITE_DONE, or 0 with @error set. */
int            coach_db_step           (CoachDb       *db,
                                        sqlite3_stmt  *stmt,
                                        GError       **error);
gboolean       coach_db_step_done      (CoachDb       *db,
                                        sqlite3_stmt  *stmt,
                                        GError       **error);
gboolean       coach_db_query_int      (CoachDb       *db,
                                        const char    *sql,
                                        gint64        *out,
                                        GError       **error);
gboolean       coach_db_begin          (CoachDb       *db,
                                        GError       **error);
gboolean       coach_db_commit         (CoachDb       *db,
                                        GError       **error);
void           coach_db_rollback       (CoachDb       *db);
guint          coach_db_get_depth      (CoachDb       *db);
gboolean       coach_db_set_error      (CoachDb       *db,
                                        int            rc,
                                        const char    *context,
                                        GError       **error);

void           coach_db_bind_text      (sqlite3_stmt  *stmt,
                                        int            index,
                                        const char    *text);
const char    *coach_db_column_text    (sqlite3_stmt  *stmt,
                                        int            column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoachDb, coach_db_close)

G_END_DECLS
