/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <gio/gio.h>

#include "coach-record.h"

G_BEGIN_DECLS

#define COACH_CATALOG_ERROR (coach_catalog_error_quark ())

typedef enum
{
  COACH_CATALOG_ERROR_FAILED,
  COACH_CATALOG_ERROR_NOT_FOUND,
  COACH_CATALOG_ERROR_INVALID,
  COACH_CATALOG_ERROR_READ_ONLY,
  COACH_CATALOG_ERROR_NEWER_VERSION,
  COACH_CATALOG_ERROR_TOO_LARGE,
} CoachCatalogError;

/* The version this build migrates catalogs to (PRAGMA user_version). */
#define COACH_CATALOG_VERSION 4

#define COACH_TYPE_CATALOG (coach_catalog_get_type ())

G_DECLARE_FINAL_TYPE (CoachCatalog, coach_catalog, COACH, CATALOG, GObject)

GQuark        coach_catalog_error_quark        (void);
char         *coach_catalog_default_data_dir   (void);

/* Opens (creating if needed) the catalog "catalog.db" inside @data_dir,
 * migrating it to COACH_CATALOG_VERSION. A failed migration leaves the
 * file as it was. */
CoachCatalog *coach_catalog_open               (const char    *data_dir,
                                                GError       **error);
/* Opens a catalog file at an explicit path (tests, tools). Migrates up to
 * @target_version (0 = current). */
CoachCatalog *coach_catalog_open_file          (const char    *path,
                                                guint          target_version,
                                                GError       **error);
const char   *coach_catalog_get_path           (CoachCatalog  *self);
const char   *coach_catalog_get_data_dir       (CoachCatalog  *self);
guint         coach_catalog_get_version        (CoachCatalog  *self);

/* Transactions nest (savepoints inside). "changed" is emitted once per
 * table after the outermost commit. */
gboolean      coach_catalog_begin              (CoachCatalog  *self,
                                                GError       **error);
gboolean      coach_catalog_commit             (CoachCatalog  *self,
                                                GError       **error);
void          coach_catalog_rollback           (CoachCatalog  *self);

/* Records. A record loaded twice is the same object while someone holds
 * it, so every view of a row sees its changes. */
CoachRecord  *coach_catalog_get                (CoachCatalog  *self,
                                                const char    *table,
                                                const char    *id,
                                                GError       **error);
GPtrArray    *coach_catalog_list               (CoachCatalog  *self,
                                                const char    *table,
                                                gboolean       include_archived,
                                                GError       **error);
GPtrArray    *coach_catalog_list_where         (CoachCatalog  *self,
                                                const char    *table,
                                                const char    *ref_field,
                                                const char    *ref_id,
                                                GError       **error);
gboolean      coach_catalog_save               (CoachCatalog  *self,
                                                CoachRecord   *record,
                                                GError       **error);
gboolean      coach_catalog_delete             (CoachCatalog  *self,
                                                CoachRecord   *record,
                                                GError       **error);
gboolean      coach_catalog_set_archived       (CoachCatalog  *self,
                                                CoachRecord   *record,
                                                gboolean       archived,
                                                GError       **error);
gboolean      coach_catalog_is_archived        (CoachRecord   *record);

/* Link tables (exercise_category, exercise_tag, clip_tag, group_member,
 * session_athlete, session_group): a link's id is derived from its two
 * ends, so the same link made on two devices is one row. */
gboolean      coach_catalog_link               (CoachCatalog  *self,
                                                const char    *link_table,
                                                const char    *a_id,
                                                const char    *b_id,
                                                GError       **error);
gboolean      coach_catalog_unlink             (CoachCatalog  *self,
                                                const char    *link_table,
                                                const char    *a_id,
                                                const char    *b_id,
                                                GError       **error);
char        **coach_catalog_get_links          (CoachCatalog  *self,
                                                const char    *link_table,
                                                const char    *a_id,
                                                GError       **error);
char         *coach_catalog_link_id            (const char    *link_table,
                                                const char    *a_id,
                                                const char    *b_id);

/* Notices commits made through other connections (coachbook-cli, a media
 * worker, another window) and emits "changed" for every table when there
 * were any. Cheap enough to call from a one-second timer. */
gboolean      coach_catalog_check_external_changes (CoachCatalog *self);

/* Counts of live rows per table, for `stats`. */
gint64        coach_catalog_count              (CoachCatalog  *self,
                                                const char    *table,
                                                GError       **error);
gint64        coach_catalog_outbox_count       (CoachCatalog  *self,
                                                GError       **error);

/* Key/value pairs kept in the catalog (starter library version, ...). */
char         *coach_catalog_get_meta           (CoachCatalog  *self,
                                                const char    *key);
gboolean      coach_catalog_set_meta           (CoachCatalog  *self,
                                                const char    *key,
                                                const char    *value,
                                                GError       **error);

/* Loads the starter library shipped with the app unless this catalog
 * already has its current version. Starter rows have fixed ids and do not
 * enter the outbox: every install has them already. */
gboolean      coach_catalog_ensure_starter_library (CoachCatalog *self,
                                                    GError      **error);

/* A consistent copy of the whole catalog, safe while it is in use. */
gboolean      coach_catalog_backup             (CoachCatalog  *self,
                                                const char    *dest_path,
                                                GError       **error);

G_END_DECLS
