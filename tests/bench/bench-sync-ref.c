/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * The reference for the pull requests/s budget: a bare libsoup 3 server
 * whose only handler pauses the message, runs `SELECT 1` on a worker pool
 * with one libpq connection per worker thread, and unpauses it from the
 * main loop. The same threading pattern as coachbook-sync, none of its
 * work (no auth, no routing, no JSON).
 *
 *   bench-sync-ref DATABASE_URL [N_WORKERS]
 *
 * Prints URL=http://127.0.0.1:PORT once it listens; stops on SIGTERM.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib-unix.h>
#include <libpq-fe.h>
#include <libsoup/soup.h>

typedef struct
{
  SoupServerMessage *msg;
  char              *body;
  guint              status;
} Job;

static const char *database_url;
static GMainContext *main_context;
static GPrivate conn_key = G_PRIVATE_INIT ((GDestroyNotify) PQfinish);

static PGconn *
worker_conn (void)
{
  PGconn *conn = g_private_get (&conn_key);

  if (conn != NULL && PQstatus (conn) == CONNECTION_OK)
    return conn;
  conn = PQconnectdb (database_url);
  g_private_replace (&conn_key, conn);
  if (PQstatus (conn) != CONNECTION_OK)
    return NULL;
  return conn;
}

static gboolean
job_complete_cb (gpointer data)
{
  Job *job = data;

  soup_server_message_set_status (job->msg, job->status, NULL);
  soup_server_message_set_response (job->msg, "application/json", SOUP_MEMORY_TAKE,
                                    job->body, strlen (job->body));
  soup_server_message_unpause (job->msg);
  g_object_unref (job->msg);
  g_free (job);
  return G_SOURCE_REMOVE;
}

static void
worker_cb (gpointer data,
           gpointer user_data)
{
  Job *job = data;
  PGconn *conn = worker_conn ();
  PGresult *res = NULL;
  GSource *source;

  (void) user_data;
  if (conn != NULL)
    res = PQexecParams (conn, "SELECT 1", 0, NULL, NULL, NULL, NULL, 0);
  if (res != NULL && PQresultStatus (res) == PGRES_TUPLES_OK)
    {
      job->status = 200;
      job->body = g_strdup_printf ("{\"value\":%s}", PQgetvalue (res, 0, 0));
    }
  else
    {
      job->status = 503;
      job->body = g_strdup ("{\"error\":\"unavailable\"}");
    }
  PQclear (res);

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, job_complete_cb, job, NULL);
  g_source_attach (source, main_context);
  g_source_unref (source);
}

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  GThreadPool *pool = user_data;
  Job *job = g_new0 (Job, 1);

  (void) server;
  (void) path;
  (void) query;
  job->msg = g_object_ref (msg);
  soup_server_message_pause (msg);
  g_thread_pool_push (pool, job, NULL);
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GInetAddress) address = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  GSList *uris;
  GThreadPool *pool;
  int n_workers = 10;

  if (argc < 2)
    {
      g_printerr ("usage: %s DATABASE_URL [N_WORKERS]\n", argv[0]);
      return 2;
    }
  database_url = argv[1];
  if (argc > 2)
    n_workers = CLAMP (atoi (argv[2]), 1, 256);

  main_context = g_main_context_default ();
  loop = g_main_loop_new (main_context, FALSE);
  pool = g_thread_pool_new (worker_cb, NULL, n_workers, TRUE, &error);
  if (pool == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  server = soup_server_new ("server-header", "bench-sync-ref", NULL);
  soup_server_add_handler (server, NULL, handler_cb, pool, NULL);
  address = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  socket_address = g_inet_socket_address_new (address, 0);
  if (!soup_server_listen (server, socket_address, 0, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  uris = soup_server_get_uris (server);
  if (uris != NULL)
    {
      g_autofree char *uri = g_uri_to_string (uris->data);

      /* without the trailing slash, like coachbook-sync */
      if (g_str_has_suffix (uri, "/"))
        uri[strlen (uri) - 1] = '\0';
      g_print ("URL=%s\n", uri);
      fflush (stdout);
    }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_main_loop_run (loop);

  soup_server_disconnect (server);
  g_thread_pool_free (pool, TRUE, TRUE);
  return 0;
}
