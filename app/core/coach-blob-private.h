/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "coach-blob-transfer.h"
#include "coach-catalog-private.h"

G_BEGIN_DECLS

/* One pass of uploads or downloads: progress, counts, and the first
 * per-file error. */
typedef struct
{
  CoachBlobProgressFunc  func;
  gpointer               user_data;
  CoachBlobProgress      progress;
  CoachBlobStats        *stats;
  guint64                bytes_before;  /* of the files finished */
  gint64                 last_report;
  guint                  failed;
  GError                *first_error;
} CoachBlobPass;

void     _coach_blob_pass_init        (CoachBlobPass          *pass,
                                       CoachBlobDirection      direction,
                                       CoachBlobStats         *stats,
                                       CoachBlobProgressFunc   func,
                                       gpointer                user_data);
/* Reports at most ten times a second unless @force. */
void     _coach_blob_pass_report      (CoachBlobPass          *pass,
                                       gboolean                force);
void     _coach_blob_pass_start_file  (CoachBlobPass          *pass,
                                       const char             *sha256,
                                       guint64                 size);
void     _coach_blob_pass_end_file    (CoachBlobPass          *pass);
/* Takes @file_error. A problem with one file is kept and the pass goes on
 * (TRUE); anything else (network, sign-in, cancelled) goes to @error and
 * stops it (FALSE). */
gboolean _coach_blob_pass_file_failed (CoachBlobPass          *pass,
                                       GError                 *file_error,
                                       GError                **error);
/* FALSE with the first per-file error, if there was one. */
gboolean _coach_blob_pass_finish      (CoachBlobPass          *pass,
                                       GError                **error);
void     _coach_blob_pass_clear       (CoachBlobPass          *pass);

gboolean _coach_blob_exec_sha         (CoachCatalog           *catalog,
                                       const char             *sql,
                                       const char             *sha256,
                                       GError                **error);

G_END_DECLS
