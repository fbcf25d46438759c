/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* AWS Signature Version 4, as S3 and its clones check it: requests signed
 * with an Authorization header, and presigned URLs. Paths and query
 * parameters are given unencoded; both are encoded here once, per the
 * specification (S3 does not encode paths twice). */

#define SYNC_SIGV4_UNSIGNED_PAYLOAD "UNSIGNED-PAYLOAD"
#define SYNC_SIGV4_EMPTY_SHA256 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

typedef struct
{
  const char *access_key;
  const char *secret_key;
  const char *region;
  const char *service;     /* "s3" */
} SyncSigV4Key;

typedef struct
{
  const char         *method;
  const char         *host;          /* the Host header: name[:port] */
  const char         *path;          /* unencoded, starts with "/" */
  const char * const *query;         /* unencoded name, value, name, value, ..., NULL */
  const char * const *headers;       /* more headers to sign, as name, value, ..., NULL */
  gint64              time;          /* seconds since the epoch */
} SyncSigV4Request;

char *sync_sigv4_uri_encode     (const char              *text,
                                 gboolean                 keep_slash);
char *sync_sigv4_amz_date       (gint64                   time);
char *sync_sigv4_authorization  (const SyncSigV4Key      *key,
                                 const SyncSigV4Request  *request,
                                 const char              *payload_hash);
char *sync_sigv4_presign        (const SyncSigV4Key      *key,
                                 const SyncSigV4Request  *request,
                                 const char              *scheme,
                                 guint                    expires_s);

G_END_DECLS
