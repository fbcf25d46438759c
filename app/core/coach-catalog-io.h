/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-catalog.h"

G_BEGIN_DECLS

/* The catalog file format (see data/catalog-json-format.md). */
#define COACH_CATALOG_FORMAT "coachbook-catalog"
#define COACH_CATALOG_FORMAT_VERSION 1

typedef struct
{
  guint inserted;
  guint updated;
  guint unchanged;
  guint skipped_tables;   /* tables this version does not know */
} CoachImportStats;

/* Writes the whole catalog, or the rows named in @selection ("table/id"
 * strings) together with everything they need (a workout brings its items
 * and their exercises, a session its workout, athletes and groups, ...). */
JsonNode *coach_catalog_export_json     (CoachCatalog        *self,
                                         const char * const  *selection,
                                         GError             **error);
gboolean  coach_catalog_export_to_file  (CoachCatalog        *self,
                                         const char          *path,
                                         const char * const  *selection,
                                         GError             **error);
/* Imports in one transaction: a file with any invalid row changes nothing,
 * and the error names the row. Rows with an id the catalog has are updated
 * field by field; every change enters the outbox. */
gboolean  coach_catalog_import_json     (CoachCatalog        *self,
                                         JsonNode            *root,
                                         CoachImportStats    *stats,
                                         GError             **error);
gboolean  coach_catalog_import_file     (CoachCatalog        *self,
                                         const char          *path,
                                         CoachImportStats    *stats,
                                         GError             **error);

G_END_DECLS
