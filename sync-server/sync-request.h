/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* What a handler sees of an HTTP request, copied out of libsoup on the main
 * thread so that handlers run on worker threads without touching libsoup
 * objects, and the response they leave behind. */
typedef struct
{
  /* the request, read-only for handlers */
  char       *method;
  char       *path;
  GHashTable *query;          /* char* -> char*, never NULL */
  GBytes     *body;           /* never NULL */
  char       *authorization;  /* the Authorization header, or NULL */
  char       *client_ip;

  /* the response */
  guint       status;
  char       *content_type;
  char       *response;
  gsize       response_len;
  guint       retry_after;    /* seconds, 0 for none */
  gboolean    challenge;      /* send WWW-Authenticate: Bearer */
  char       *location;       /* a redirect's target, or NULL */
} SyncRequest;

SyncRequest *sync_request_new             (const char   *method,
                                           const char   *path,
                                           GHashTable   *query,
                                           GBytes       *body,
                                           const char   *authorization,
                                           const char   *client_ip);
void         sync_request_free            (SyncRequest  *req);
const char  *sync_request_get_query       (SyncRequest  *req,
                                           const char   *name);
JsonObject  *sync_request_parse_object    (SyncRequest  *req,
                                           GError      **error);
void         sync_request_respond_json    (SyncRequest  *req,
                                           guint         status,
                                           JsonNode     *node);
void         sync_request_respond_text    (SyncRequest  *req,
                                           guint         status,
                                           const char   *content_type,
                                           char         *text);
void         sync_request_respond_error   (SyncRequest  *req,
                                           const GError *error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncRequest, sync_request_free)

G_END_DECLS
