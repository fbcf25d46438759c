/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <libsoup/soup.h>

#include "coach-sync-client.h"

G_BEGIN_DECLS

struct _CoachSyncClient
{
  GObject      parent_instance;

  SoupSession *session;
  GUri        *base;
  char        *url;
  char        *token;
};

/* One request, one JSON answer; any non-2xx answer becomes a
 * CoachSyncError. With @blob, 404 and 409 are about one file
 * (COACH_SYNC_ERROR_NOT_FOUND, COACH_SYNC_ERROR_BLOB_MISMATCH). */
JsonNode *_coach_sync_client_request (CoachSyncClient  *self,
                                      const char       *method,
                                      const char       *path_and_query,
                                      JsonNode         *body,
                                      gboolean          blob,
                                      GCancellable     *cancellable,
                                      GError          **error);

/* PUT @length bytes of @body to a presigned @url on a connection of its
 * own (coach-blob-put.c). FALSE only when no answer came; otherwise
 * @status and @etag ("" when none) are set. */
gboolean  _coach_blob_http_put       (const char          *url,
                                      const char          *user_agent,
                                      guint                timeout,
                                      GInputStream        *body,
                                      guint64              length,
                                      CoachSyncWroteFunc   wrote,
                                      gpointer             user_data,
                                      guint               *status,
                                      char               **etag,
                                      GCancellable        *cancellable,
                                      GError             **error);

G_END_DECLS
