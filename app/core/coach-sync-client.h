/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <gio/gio.h>

#include "coach-wire.h"

G_BEGIN_DECLS

#define COACH_SYNC_ERROR (coach_sync_error_quark ())

/* What went wrong talking to the team server, sorted by what the caller
 * does about it. */
typedef enum
{
  COACH_SYNC_ERROR_NETWORK,          /* unreachable, timed out: retry later */
  COACH_SYNC_ERROR_UNAUTHORIZED,     /* bad password, revoked device: sign in again */
  COACH_SYNC_ERROR_RATE_LIMITED,     /* too many attempts: wait */
  COACH_SYNC_ERROR_RESYNC,           /* 409: start over from cursor 0, keep the outbox */
  COACH_SYNC_ERROR_UPGRADE_REQUIRED, /* 426: this version is too old for the server */
  COACH_SYNC_ERROR_SERVER,           /* 5xx: retry later */
  COACH_SYNC_ERROR_PROTOCOL,         /* an answer that is not what the protocol says */
  COACH_SYNC_ERROR_REFUSED,          /* any other 4xx, with the server's message */
  COACH_SYNC_ERROR_INVALID_URL,
  COACH_SYNC_ERROR_NOT_FOUND,        /* blobs: the team has no such file (yet) */
  COACH_SYNC_ERROR_BLOB_MISMATCH,    /* blobs: stored bytes differ or are incomplete: send again */
} CoachSyncError;

#define COACH_TYPE_SYNC_CLIENT (coach_sync_client_get_type ())

G_DECLARE_FINAL_TYPE (CoachSyncClient, coach_sync_client, COACH, SYNC_CLIENT, GObject)

typedef struct
{
  char *token;
  char *device_id;
  char *team_id;
} CoachSyncLogin;

/* The HTTP side of sync: one call per endpoint, blocking, to be run on a
 * worker thread (the sync engine does). A client is used by one thread at
 * a time. */
GQuark           coach_sync_error_quark          (void);
CoachSyncClient *coach_sync_client_new           (const char          *server_url,
                                                  GError             **error);
const char      *coach_sync_client_get_url       (CoachSyncClient     *self);
void             coach_sync_client_set_token     (CoachSyncClient     *self,
                                                  const char          *token);
void             coach_sync_client_set_timeout   (CoachSyncClient     *self,
                                                  guint                seconds);
CoachSyncLogin  *coach_sync_client_login         (CoachSyncClient     *self,
                                                  const char          *email,
                                                  const char          *password,
                                                  const char          *device_name,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
gboolean         coach_sync_client_logout        (CoachSyncClient     *self,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
CoachWirePushResult *coach_sync_client_push      (CoachSyncClient     *self,
                                                  const CoachWirePush *push,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
/* @epoch: the epoch of the last page applied, or NULL on a first pull. */
CoachWirePull   *coach_sync_client_pull          (CoachSyncClient     *self,
                                                  gint64               cursor,
                                                  guint                limit,
                                                  const char          *epoch,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
void             coach_sync_login_free           (CoachSyncLogin      *login);

/* Blob transfer (sync-server/BLOBS.md). One part of a multipart upload:
 * @url is set for parts still to send, @etag for parts the server has. */
typedef struct
{
  guint    part_number;
  guint64  size;
  char    *url;
  char    *etag;
} CoachSyncBlobPart;

/* What the server answers to init, or to asking again for an upload
 * under way. */
typedef struct
{
  gboolean   exists;      /* the team has the file: nothing to send */
  gboolean   multipart;
  char      *url;         /* single PUT */
  guint64    part_size;
  guint      part_count;
  GPtrArray *received;    /* CoachSyncBlobPart the server has */
  GPtrArray *parts;       /* CoachSyncBlobPart still to send, with URLs */
  guint      expires_in;  /* seconds the URLs stay valid */
} CoachSyncBlobUpload;

/* Called while a body is sent, with the bytes written so far. */
typedef void (*CoachSyncWroteFunc) (guint64   written,
                                    gpointer  user_data);

CoachSyncBlobUpload *coach_sync_client_blob_init  (CoachSyncClient     *self,
                                                  const char          *sha256,
                                                  guint64              size,
                                                  const char          *mime_type,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
CoachSyncBlobUpload *coach_sync_client_blob_parts (CoachSyncClient     *self,
                                                  const char          *sha256,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
gboolean         coach_sync_client_blob_report_part (CoachSyncClient   *self,
                                                  const char          *sha256,
                                                  guint                part_number,
                                                  guint64              size,
                                                  const char          *etag,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
/* @parts: for a multipart upload, every part (CoachSyncBlobPart with its
 * ETag), or NULL to let the server use the parts it knows. */
gboolean         coach_sync_client_blob_complete (CoachSyncClient     *self,
                                                  const char          *sha256,
                                                  GPtrArray           *parts,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
/* A presigned GET URL for a blob the team has, and its size. */
char            *coach_sync_client_blob_url      (CoachSyncClient     *self,
                                                  const char          *sha256,
                                                  guint64             *size,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
/* PUT @length bytes of @body to a presigned URL (no bearer token: the URL
 * is the permission). Returns the ETag the store answered, or "". */
char            *coach_sync_client_put_url       (CoachSyncClient     *self,
                                                  const char          *url,
                                                  GInputStream        *body,
                                                  guint64              length,
                                                  CoachSyncWroteFunc   wrote,
                                                  gpointer             user_data,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
/* GET a presigned URL; the body is read from the returned stream. */
GInputStream    *coach_sync_client_get_url_stream (CoachSyncClient    *self,
                                                  const char          *url,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
void             coach_sync_blob_part_free       (CoachSyncBlobPart   *part);
void             coach_sync_blob_upload_free     (CoachSyncBlobUpload *upload);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoachSyncLogin, coach_sync_login_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoachSyncBlobUpload, coach_sync_blob_upload_free)

G_END_DECLS
