/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-catalog.h"
#include "coach-db.h"

G_BEGIN_DECLS

struct _CoachCatalog
{
  GObject     parent_instance;

  CoachDb    *db;
  char       *data_dir;
  GHashTable *live;            /* "table/id" -> CoachRecord (weak) */
  GHashTable *changed_tables;  /* tables written in the open transaction */
  GHashTable *txn_rows;        /* "table/id" written in the open transaction */
  guint       version;
  gint64      data_version;    /* PRAGMA data_version last seen */
  gboolean    applying_remote; /* writes do not enter the outbox */
};

CoachDb     *_coach_catalog_get_db        (CoachCatalog  *self);
void         _coach_catalog_touch         (CoachCatalog  *self,
                                           const char    *table);
gboolean     _coach_catalog_append_outbox (CoachCatalog  *self,
                                           const char    *table,
                                           const char    *row_id,
                                           const char    *op,
                                           JsonObject    *fields,
                                           GError       **error);
/* Saves without an outbox entry (starter library, remote changes). */
gboolean     _coach_catalog_save_local    (CoachCatalog  *self,
                                           CoachRecord   *record,
                                           gboolean       record_outbox,
                                           GError       **error);
gint64       _coach_catalog_now_ms        (void);
gboolean     _coach_catalog_migrate       (CoachCatalog  *self,
                                           guint          from,
                                           guint          to,
                                           GError       **error);
/* Returns the live record of the row under @stmt (a _coach_record_select_sql
 * row), creating it if nobody holds one. */
CoachRecord *_coach_catalog_load_record   (CoachCatalog  *self,
                                           const char    *table,
                                           sqlite3_stmt  *stmt);
/* Shows the stored row in its live record, unless that has unsaved edits. */
void         _coach_catalog_refresh_live  (CoachCatalog  *self,
                                           const char    *table,
                                           const char    *id);
gboolean     _coach_catalog_link_local    (CoachCatalog  *self,
                                           const char    *link_table,
                                           const char    *a_id,
                                           const char    *b_id,
                                           GError       **error);

G_END_DECLS
