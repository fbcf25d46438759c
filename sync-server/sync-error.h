/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Errors a request can end with. Each code has one HTTP status and one
 * stable machine-readable name that goes into {"error": name, ...}. */
#define SYNC_ERROR (sync_error_quark ())

typedef enum
{
  SYNC_ERROR_INVALID_JSON,
  SYNC_ERROR_INVALID_REQUEST,
  SYNC_ERROR_UNAUTHORIZED,
  SYNC_ERROR_INVALID_CREDENTIALS,
  SYNC_ERROR_ACCOUNT_DISABLED,
  SYNC_ERROR_NOT_FOUND,
  SYNC_ERROR_METHOD_NOT_ALLOWED,
  SYNC_ERROR_RESYNC,
  SYNC_ERROR_BODY_TOO_LARGE,
  SYNC_ERROR_UPGRADE_REQUIRED,
  SYNC_ERROR_RATE_LIMITED,
  SYNC_ERROR_INTERNAL,
  SYNC_ERROR_UNAVAILABLE,
  SYNC_ERROR_BLOB_TOO_LARGE,
  SYNC_ERROR_QUOTA_EXCEEDED,
  SYNC_ERROR_BLOB_INCOMPLETE,
  SYNC_ERROR_BLOB_MISMATCH,
} SyncError;

GQuark      sync_error_quark        (void);
guint       sync_error_http_status  (const GError *error);
const char *sync_error_code         (const GError *error);

G_END_DECLS
