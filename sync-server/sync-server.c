/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coachbook-sync"

#include "config.h"

#include <gio/gio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "coach-wire.h"
#include "sync-api.h"
#include "sync-blob-fs.h"
#include "sync-blobs.h"
#include "sync-log.h"
#include "sync-request.h"
#include "sync-server.h"

/* Logins have workers of their own: they spend most of their time hashing
 * without a connection, and should not starve sync requests. The other
 * workers are as many as the pool has connections, so that a worker never
 * waits for one (profiled under wrk: with two workers more than
 * connections, those waits and wake-ups took about 8% of the samples). */
#define LOGIN_WORKERS 2

struct _SyncServer
{
  const SyncConfig *config;
  SyncApi           api;
  SoupServer       *soup;
  GThreadPool      *workers;
  GThreadPool      *login_workers;
  GMainContext     *context;
  char             *url;

  guint             in_flight;     /* requests started and not yet answered */
  gboolean          draining;
  gboolean          stopped;
  GSource          *drain_source;
  gint64            drain_deadline;
  GSourceFunc       done;
  gpointer          done_data;

  GSource          *gc_source;
  gboolean          gc_running;
};

/* Per message, from its first byte to its end. */
typedef struct
{
  SyncServer *server;
  gint64      started_us;
  guint64     received;
  GSource    *read_timeout;
  gboolean    timed_out;
  gboolean    done;
  gboolean    blob_body;   /* a PUT to the fs blob store: streamed to disk */
} MessageState;

/* A request handed to a worker. */
typedef struct
{
  SoupServerMessage *msg;
  const SyncRoute   *route;
  SyncRequest       *req;
  gulong             disconnected_id;
  gboolean           disconnected;
} Job;

#define STATE_KEY "coachbook-sync-state"

static void check_drained (SyncServer *self);

/* ------------------------------------------------------------------------- */
/* Responses */

static void
set_json_error (SoupServerMessage *msg,
                guint              status,
                const char        *code,
                const char        *message)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) node = coach_wire_error_to_json (code, message);
  gsize len = 0;
  char *text;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &len);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Cache-Control", "no-store");
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, len);
}

static void
apply_response (SoupServerMessage *msg,
                SyncRequest       *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  if (req->retry_after > 0)
    {
      char value[16];

      g_snprintf (value, sizeof value, "%u", req->retry_after);
      soup_message_headers_replace (headers, "Retry-After", value);
    }
  if (req->challenge)
    soup_message_headers_replace (headers, "WWW-Authenticate", "Bearer realm=\"coachbook\"");
  if (req->location != NULL)
    soup_message_headers_replace (headers, "Location", req->location);

  soup_server_message_set_status (msg, req->status ? req->status : 500, NULL);
  soup_server_message_set_response (msg, req->content_type ? req->content_type : "application/json",
                                    SOUP_MEMORY_TAKE, g_steal_pointer (&req->response), req->response_len);
  req->response_len = 0;
}

/* ------------------------------------------------------------------------- */
/* Message life cycle */

static void
message_state_free (MessageState *state)
{
  if (state->read_timeout != NULL)
    {
      g_source_destroy (state->read_timeout);
      g_source_unref (state->read_timeout);
    }
  g_free (state);
}

static void
stop_read_timeout (MessageState *state)
{
  if (state->read_timeout != NULL)
    {
      g_source_destroy (state->read_timeout);
      g_clear_pointer (&state->read_timeout, g_source_unref);
    }
}

/* Counts a request out, once, however it ended. */
static void
message_done (SyncServer        *self,
              SoupServerMessage *msg,
              gboolean           log)
{
  MessageState *state = g_object_get_data (G_OBJECT (msg), STATE_KEY);
  GUri *uri;
  const char *path;
  guint status;
  double seconds;

  if (state == NULL || state->done)
    return;
  state->done = TRUE;
  stop_read_timeout (state);

  g_assert (self->in_flight > 0);
  self->in_flight--;

  if (log && soup_server_message_get_method (msg) != NULL)
    {
      uri = soup_server_message_get_uri (msg);
      path = uri ? g_uri_get_path (uri) : NULL;
      /* libsoup reports a connection we cut as a failed read (408 is what
       * happened); 0 means the client left before its answer (logged as
       * 499, as nginx does) */
      status = state->timed_out ? 408 : soup_server_message_get_status (msg);
      if (status == 0)
        status = 499;
      seconds = (g_get_monotonic_time () - state->started_us) / (double) G_USEC_PER_SEC;

      sync_log_request (soup_server_message_get_method (msg), path, status, seconds * 1000,
                        soup_server_message_get_remote_host (msg));
      sync_metrics_observe_request (self->api.metrics, sync_api_route_label (path), status, seconds);
    }

  if (self->draining)
    check_drained (self);
}

static void
request_finished_cb (SoupServer        *soup,
                     SoupServerMessage *msg,
                     gpointer           user_data)
{
  message_done (user_data, msg, TRUE);
}

static void
message_disconnected_cb (SoupServerMessage *msg,
                         gpointer           user_data)
{
  MessageState *state = user_data;

  message_done (state->server, msg, TRUE);
}

/* A client that does not finish sending its request in time (a stalled
 * upload, or a slow-loris attack holding connections) is cut off. */
static gboolean
read_timeout_cb (gpointer user_data)
{
  SoupServerMessage *msg = user_data;
  MessageState *state = g_object_get_data (G_OBJECT (msg), STATE_KEY);
  GSocket *socket = soup_server_message_get_socket (msg);

  g_clear_pointer (&state->read_timeout, g_source_unref);
  state->timed_out = TRUE;
  g_message ("closing a connection from %s: request not received within %u s",
             soup_server_message_get_remote_host (msg), state->server->config->request_timeout);
  if (socket != NULL)
    g_socket_shutdown (socket, TRUE, TRUE, NULL);
  return G_SOURCE_REMOVE;
}

static void
reject_too_large (SyncServer        *self,
                  SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autofree char *message = g_strdup_printf ("request bodies are limited to %" G_GUINT64_FORMAT " bytes",
                                              self->config->max_body_size);

  /* Whatever still arrives is read and dropped, not kept: the client gets
   * its answer once it has sent its body. */
  soup_message_body_set_accumulate (body, FALSE);
  soup_message_body_truncate (body);
  set_json_error (msg, 413, "body_too_large", message);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
}

static gboolean
is_fs_blob_request (SyncServer        *self,
                    SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);

  return sync_blob_store_is_fs (self->api.blobs) && uri != NULL &&
         g_str_has_prefix (g_uri_get_path (uri), SYNC_BLOB_FS_PREFIX);
}

static void
got_headers_cb (SoupServerMessage *msg,
                gpointer           user_data)
{
  MessageState *state = user_data;
  SyncServer *self = state->server;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (soup_server_message_get_status (msg) != 0)
    return;
  if (is_fs_blob_request (self, msg))
    {
      /* Blob bodies are limited by their signed URL, not by max_body_size,
       * and may take longer than request_timeout: the timeout then limits
       * the time without any data instead. */
      state->blob_body = TRUE;
      sync_blob_fs_got_headers (self->api.blobs, msg);
      return;
    }
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      (guint64) soup_message_headers_get_content_length (headers) > self->config->max_body_size)
    reject_too_large (self, msg);
}

/* Chunked bodies announce no length: count as they come. */
static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  MessageState *state = user_data;
  SyncServer *self = state->server;

  if (state->blob_body)
    {
      if (state->read_timeout != NULL)
        g_source_set_ready_time (state->read_timeout,
                                 g_get_monotonic_time () + (gint64) self->config->request_timeout * G_USEC_PER_SEC);
      return;
    }
  state->received += g_bytes_get_size (chunk);
  if (state->received > self->config->max_body_size && soup_server_message_get_status (msg) == 0)
    reject_too_large (self, msg);
}

static void
got_body_cb (SoupServerMessage *msg,
             gpointer           user_data)
{
  stop_read_timeout (user_data);
}

static void
request_started_cb (SoupServer        *soup,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  SyncServer *self = user_data;
  MessageState *state = g_new0 (MessageState, 1);

  state->server = self;
  state->started_us = g_get_monotonic_time ();
  state->read_timeout = g_timeout_source_new_seconds (self->config->request_timeout);
  g_source_set_callback (state->read_timeout, read_timeout_cb, msg, NULL);
  g_source_attach (state->read_timeout, self->context);
  g_object_set_data_full (G_OBJECT (msg), STATE_KEY, state, (GDestroyNotify) message_state_free);

  g_signal_connect (msg, "got-headers", G_CALLBACK (got_headers_cb), state);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), state);
  g_signal_connect (msg, "got-body", G_CALLBACK (got_body_cb), state);
  g_signal_connect (msg, "disconnected", G_CALLBACK (message_disconnected_cb), state);

  self->in_flight++;
}

/* ------------------------------------------------------------------------- */
/* Workers */

static void
job_free (Job *job)
{
  if (job->disconnected_id != 0)
    g_signal_handler_disconnect (job->msg, job->disconnected_id);
  g_object_unref (job->msg);
  sync_request_free (job->req);
  g_free (job);
}

static void
job_disconnected_cb (SoupServerMessage *msg,
                     gpointer           user_data)
{
  Job *job = user_data;

  job->disconnected = TRUE;
}

/* Back on the main loop: hand the response to libsoup. */
static gboolean
job_complete_cb (gpointer user_data)
{
  Job *job = user_data;

  if (!job->disconnected)
    {
      apply_response (job->msg, job->req);
      soup_server_message_unpause (job->msg);
    }
  job_free (job);
  return G_SOURCE_REMOVE;
}

static void
worker_cb (gpointer data,
           gpointer user_data)
{
  Job *job = data;
  SyncServer *self = user_data;
  GSource *source;

  job->route->handler (&self->api, job->req);

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, job_complete_cb, job, NULL);
  g_source_attach (source, self->context);
  g_source_unref (source);
}

static char *
client_ip (SyncServer        *self,
           SoupServerMessage *msg)
{
  const char *peer = soup_server_message_get_remote_host (msg);

  /* Behind a reverse proxy every connection comes from the proxy; the
   * address it saw is the last one it appended. */
  if (self->config->trust_x_forwarded_for)
    {
      const char *forwarded = soup_message_headers_get_list (soup_server_message_get_request_headers (msg),
                                                             "X-Forwarded-For");
      if (forwarded != NULL)
        {
          const char *last = strrchr (forwarded, ',');

          return g_strstrip (g_strdup (last ? last + 1 : forwarded));
        }
    }
  return g_strdup (peer ? peer : "");
}

static void
server_handler_cb (SoupServer        *soup,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  SyncServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  const SyncRoute *route;
  const char *allowed = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *ip = NULL;
  SyncRequest *req;
  Job *job;

  if (self->draining)
    {
      set_json_error (msg, 503, "unavailable", "the server is shutting down");
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
      return;
    }

  if (is_fs_blob_request (self, msg))
    {
      sync_blob_fs_serve (self->api.blobs, msg);
      return;
    }

  route = sync_api_lookup_route (method, path, &allowed);
  if (route == NULL)
    {
      if (allowed != NULL)
        {
          g_autofree char *message = g_strdup_printf ("%s accepts %s only", path, allowed);

          set_json_error (msg, 405, "method_not_allowed", message);
          soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", allowed);
        }
      else
        set_json_error (msg, 404, "not_found", "no such endpoint");
      return;
    }

  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  ip = client_ip (self, msg);
  req = sync_request_new (method, path, query, body,
                          soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                        "Authorization"),
                          ip);

  if (route->flags & SYNC_ROUTE_MAIN)
    {
      route->handler (&self->api, req);
      apply_response (msg, req);
      sync_request_free (req);
      return;
    }

  job = g_new0 (Job, 1);
  job->msg = g_object_ref (msg);
  job->route = route;
  job->req = req;
  job->disconnected_id = g_signal_connect (msg, "disconnected", G_CALLBACK (job_disconnected_cb), job);

  soup_server_message_pause (msg);
  g_thread_pool_push (route->flags & SYNC_ROUTE_LOGIN ? self->login_workers : self->workers, job, NULL);
}

/* ------------------------------------------------------------------------- */
/* Orphan blobs */

static void
gc_thread (GTask        *task,
           gpointer      source_object,
           gpointer      task_data,
           GCancellable *cancellable)
{
  SyncServer *self = task_data;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (!sync_blobs_collect_orphans (&self->api, &n, &error))
    g_warning ("collecting orphan blobs: %s", error->message);
  else if (n > 0)
    g_message ("removed %u orphan blobs", n);
  g_task_return_boolean (task, TRUE);
}

static void
gc_done_cb (GObject      *source_object,
            GAsyncResult *result,
            gpointer      user_data)
{
  SyncServer *self = user_data;

  self->gc_running = FALSE;
  g_assert (self->in_flight > 0);
  self->in_flight--;
  if (self->draining)
    check_drained (self);
}

/* Runs off the main loop, counted as a request in flight so that shutdown
 * waits for it. */
static gboolean
gc_tick_cb (gpointer user_data)
{
  SyncServer *self = user_data;
  g_autoptr(GTask) task = NULL;

  if (self->gc_running || self->draining)
    return G_SOURCE_CONTINUE;
  self->gc_running = TRUE;
  self->in_flight++;
  task = g_task_new (NULL, NULL, gc_done_cb, self);
  g_task_set_task_data (task, self, NULL);
  g_task_run_in_thread (task, gc_thread);
  return G_SOURCE_CONTINUE;
}

/* ------------------------------------------------------------------------- */
/* Shutdown */

static gboolean
drain_tick_cb (gpointer user_data)
{
  check_drained (user_data);
  return G_SOURCE_CONTINUE;
}

static void
check_drained (SyncServer *self)
{
  GSourceFunc done;

  if (self->stopped)
    return;
  if (self->in_flight > 0 && g_get_monotonic_time () < self->drain_deadline)
    return;
  self->stopped = TRUE;

  if (self->in_flight > 0)
    g_warning ("giving up on %u requests still in flight", self->in_flight);

  if (self->drain_source != NULL)
    {
      g_source_destroy (self->drain_source);
      g_clear_pointer (&self->drain_source, g_source_unref);
    }
  if (self->gc_source != NULL)
    {
      g_source_destroy (self->gc_source);
      g_clear_pointer (&self->gc_source, g_source_unref);
    }

  soup_server_disconnect (self->soup);
  if (self->workers != NULL)
    {
      g_thread_pool_free (self->workers, FALSE, TRUE);
      self->workers = NULL;
    }
  if (self->login_workers != NULL)
    {
      g_thread_pool_free (self->login_workers, FALSE, TRUE);
      self->login_workers = NULL;
    }

  done = self->done;
  self->done = NULL;
  if (done != NULL)
    done (self->done_data);
}

/* Answers new requests with 503, lets those in flight finish (up to
 * shutdown_timeout), then closes every connection and calls done. */
void
sync_server_shutdown (SyncServer  *self,
                      GSourceFunc  done,
                      gpointer     user_data)
{
  g_return_if_fail (self != NULL);

  if (self->draining)
    return;

  self->draining = TRUE;
  self->done = done;
  self->done_data = user_data;
  self->drain_deadline = g_get_monotonic_time () + (gint64) self->config->shutdown_timeout * G_USEC_PER_SEC;
  g_message ("shutting down; %u requests in flight", self->in_flight);

  self->drain_source = g_timeout_source_new (100);
  g_source_set_callback (self->drain_source, drain_tick_cb, self, NULL);
  g_source_attach (self->drain_source, self->context);
  check_drained (self);
}

/* ------------------------------------------------------------------------- */
/* Public API */

SyncServer *
sync_server_new (const SyncConfig  *config,
                 SyncDb            *db,
                 SyncMetrics       *metrics,
                 GError           **error)
{
  g_autoptr(SyncServer) self = g_new0 (SyncServer, 1);

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (metrics != NULL, NULL);

  self->config = config;
  self->api.config = config;
  self->api.db = db;
  self->api.metrics = metrics;
  self->context = g_main_context_ref_thread_default ();

  self->api.blobs = sync_blob_store_new_from_config (config, error);
  if (self->api.blobs == NULL)
    return NULL;

  self->soup = soup_server_new ("server-header", "coachbook-sync/" PACKAGE_VERSION, NULL);
  if (config->tls_certificate[0] != '\0')
    {
      g_autoptr(GTlsCertificate) cert = NULL;

      if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               "TLS is not available: install glib-networking");
          return NULL;
        }
      cert = g_tls_certificate_new_from_files (config->tls_certificate, config->tls_key, error);
      if (cert == NULL)
        {
          g_prefix_error (error, "http.tls_certificate: ");
          return NULL;
        }
      soup_server_set_tls_certificate (self->soup, cert);
    }

  soup_server_add_handler (self->soup, NULL, server_handler_cb, self, NULL);
  g_signal_connect (self->soup, "request-started", G_CALLBACK (request_started_cb), self);
  g_signal_connect (self->soup, "request-finished", G_CALLBACK (request_finished_cb), self);
  g_signal_connect (self->soup, "request-aborted", G_CALLBACK (request_finished_cb), self);

  /* Exclusive threads end with the pool: at shutdown they are joined, and
   * libpq's and OpenSSL's per-thread state goes with them. */
  self->workers = g_thread_pool_new (worker_cb, self, config->pool_size, TRUE, error);
  if (self->workers == NULL)
    return NULL;
  self->login_workers = g_thread_pool_new (worker_cb, self, LOGIN_WORKERS, TRUE, error);
  if (self->login_workers == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

void
sync_server_free (SyncServer *self)
{
  if (self == NULL)
    return;

  if (self->workers != NULL)
    g_thread_pool_free (self->workers, FALSE, TRUE);
  if (self->login_workers != NULL)
    g_thread_pool_free (self->login_workers, FALSE, TRUE);
  self->stopped = TRUE;
  if (self->soup != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->soup, self);
      soup_server_disconnect (self->soup);
      g_object_unref (self->soup);
    }
  if (self->drain_source != NULL)
    {
      g_source_destroy (self->drain_source);
      g_source_unref (self->drain_source);
    }
  if (self->gc_source != NULL)
    {
      g_source_destroy (self->gc_source);
      g_source_unref (self->gc_source);
    }
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->api.blobs, sync_blob_store_free);
  g_free (self->url);
  g_free (self);
}

gboolean
sync_server_listen (SyncServer  *self,
                    GError     **error)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  SoupServerListenOptions options = 0;
  GSList *uris;
  g_autofree char *url = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  address = g_inet_address_new_from_string (self->config->listen);
  if (address == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "cannot listen on \"%s\": not an IP address", self->config->listen);
      return FALSE;
    }
  socket_address = g_inet_socket_address_new (address, (guint16) self->config->port);
  if (self->config->tls_certificate[0] != '\0')
    options |= SOUP_SERVER_LISTEN_HTTPS;

  if (!soup_server_listen (self->soup, socket_address, options, error))
    {
      g_prefix_error (error, "cannot listen on %s port %u: ", self->config->listen, self->config->port);
      return FALSE;
    }

  uris = soup_server_get_uris (self->soup);
  if (uris != NULL)
    url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  if (url != NULL && g_str_has_suffix (url, "/"))
    url[strlen (url) - 1] = '\0';

  g_free (self->url);
  self->url = g_steal_pointer (&url);

  if (self->gc_source == NULL)
    {
      self->gc_source = g_timeout_source_new_seconds (self->config->blob_orphan_check_interval);
      g_source_set_callback (self->gc_source, gc_tick_cb, self, NULL);
      g_source_attach (self->gc_source, self->context);
    }

  if (sync_blob_store_is_fs (self->api.blobs))
    sync_blob_fs_set_base_url (self->api.blobs,
                               self->config->blob_public_url[0] != '\0' ? self->config->blob_public_url
                                                                        : self->url);
  return TRUE;
}

const char *
sync_server_get_url (SyncServer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->url;
}
