/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coachbook-sync"

#include "config.h"

#include "sync-db.h"
#include "sync-error.h"

G_DEFINE_QUARK (sync-error-quark, sync_error)

static const struct
{
  guint       status;
  const char *code;
} error_info[] = {
  [SYNC_ERROR_INVALID_JSON] = { 400, "invalid_json" },
  [SYNC_ERROR_INVALID_REQUEST] = { 400, "invalid_request" },
  [SYNC_ERROR_UNAUTHORIZED] = { 401, "unauthorized" },
  [SYNC_ERROR_INVALID_CREDENTIALS] = { 401, "invalid_credentials" },
  [SYNC_ERROR_ACCOUNT_DISABLED] = { 403, "account_disabled" },
  [SYNC_ERROR_NOT_FOUND] = { 404, "not_found" },
  [SYNC_ERROR_METHOD_NOT_ALLOWED] = { 405, "method_not_allowed" },
  [SYNC_ERROR_RESYNC] = { 409, "resync" },
  [SYNC_ERROR_BODY_TOO_LARGE] = { 413, "body_too_large" },
  [SYNC_ERROR_UPGRADE_REQUIRED] = { 426, "upgrade_required" },
  [SYNC_ERROR_RATE_LIMITED] = { 429, "rate_limited" },
  [SYNC_ERROR_INTERNAL] = { 500, "internal" },
  [SYNC_ERROR_UNAVAILABLE] = { 503, "unavailable" },
  [SYNC_ERROR_BLOB_TOO_LARGE] = { 413, "blob_too_large" },
  [SYNC_ERROR_QUOTA_EXCEEDED] = { 429, "quota_exceeded" },
  [SYNC_ERROR_BLOB_INCOMPLETE] = { 409, "blob_incomplete" },
  [SYNC_ERROR_BLOB_MISMATCH] = { 409, "blob_mismatch" },
};

/* Database errors become 503 when waiting and retrying can help (the
 * database is down, restarting or too busy) and 500 otherwise. */
guint
sync_error_http_status (const GError *error)
{
  g_return_val_if_fail (error != NULL, 500);

  if (error->domain == SYNC_ERROR && error->code >= 0 && error->code < (int) G_N_ELEMENTS (error_info))
    return error_info[error->code].status;
  if (error->domain == SYNC_DB_ERROR &&
      (error->code == SYNC_DB_ERROR_UNAVAILABLE || error->code == SYNC_DB_ERROR_RETRY))
    return 503;
  return 500;
}

const char *
sync_error_code (const GError *error)
{
  g_return_val_if_fail (error != NULL, "internal");

  if (error->domain == SYNC_ERROR && error->code >= 0 && error->code < (int) G_N_ELEMENTS (error_info))
    return error_info[error->code].code;
  if (error->domain == SYNC_DB_ERROR &&
      (error->code == SYNC_DB_ERROR_UNAVAILABLE || error->code == SYNC_DB_ERROR_RETRY))
    return "unavailable";
  return "internal";
}
