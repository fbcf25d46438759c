/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coachbook-sync"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "coach-uuid.h"
#include "sync-mail-links.h"
#include "sync-mail-queue.h"

/* 128 bits of HMAC-SHA256, in hex. */
#define TOKEN_LENGTH 32

typedef struct
{
  SyncApi     *api;
  SyncRequest *req;
  const char  *team_id;
  const char  *session_id;
  const char  *athlete_id;
  const char  *clip_id;
  char        *secret;
  guint        status;        /* the answer when not a redirect */
  char        *location;
} LinkData;

static char *
make_token (const char *secret,
            const char *purpose,
            const char *team_id,
            const char *a,
            const char *b)
{
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) secret, strlen (secret));
  g_autofree char *message = g_strjoin ("\n", purpose, team_id, a, b ? b : "", NULL);
  const char *digest;

  g_hmac_update (hmac, (const guchar *) message, -1);
  digest = g_hmac_get_string (hmac);
  return g_strndup (digest, TOKEN_LENGTH);
}

static gboolean
token_matches (const char *expected,
               const char *given)
{
  if (given == NULL || strlen (given) != TOKEN_LENGTH)
    return FALSE;
  return sodium_memcmp (expected, given, TOKEN_LENGTH) == 0;
}

char *
sync_mail_links_secret (SyncDbConn        *conn,
                        const SyncConfig  *config,
                        GError           **error)
{
  g_autoptr(PGresult) res = NULL;

  if (config->mail_link_secret[0] != '\0')
    return g_strdup (config->mail_link_secret);
  res = sync_db_conn_exec (conn, "SELECT secret FROM email_secret WHERE id = 1", 0, NULL, error);
  if (res == NULL)
    return NULL;
  if (PQntuples (res) != 1)
    {
      g_set_error_literal (error, SYNC_DB_ERROR, SYNC_DB_ERROR_QUERY, "the email link secret is missing");
      return NULL;
    }
  return g_strdup (PQgetvalue (res, 0, 0));
}

char *
sync_mail_links_clip_url (const char *public_url,
                          const char *secret,
                          const char *team_id,
                          const char *session_id,
                          const char *athlete_id,
                          const char *clip_id)
{
  g_autofree char *token = make_token (secret, "clip", team_id, session_id, athlete_id);

  return g_strdup_printf ("%s/v1/mail/clip?team=%s&session=%s&athlete=%s&clip=%s&token=%s",
                          public_url, team_id, session_id, athlete_id, clip_id, token);
}

char *
sync_mail_links_unsubscribe_url (const char *public_url,
                                 const char *secret,
                                 const char *team_id,
                                 const char *athlete_id)
{
  g_autofree char *token = make_token (secret, "unsubscribe", team_id, athlete_id, NULL);

  return g_strdup_printf ("%s/v1/mail/unsubscribe?team=%s&athlete=%s&token=%s",
                          public_url, team_id, athlete_id, token);
}

/* ------------------------------------------------------------------------- */
/* Pages */

static void
respond_page (SyncRequest *req,
              guint        status,
              const char  *title,
              const char  *body_html)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  char *page = g_strdup_printf ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                                "<meta name=\"viewport\" content=\"width=device-width\">"
                                "<title>%s</title></head>\n<body style=\"font-family: sans-serif; "
                                "max-width: 32em; margin: 3em auto; padding: 0 1em\">\n"
                                "<h1>%s</h1>\n%s\n</body></html>\n",
                                escaped, escaped, body_html);

  sync_request_respond_text (req, status, "text/html; charset=utf-8", page);
}

static gboolean
valid_ids (const char *a,
           const char *b,
           const char *c,
           const char *d)
{
  return coach_uuid_is_valid (a) && coach_uuid_is_valid (b) &&
         (c == NULL || coach_uuid_is_valid (c)) && (d == NULL || coach_uuid_is_valid (d));
}

static gboolean
secret_cb (SyncDbConn  *conn,
           gpointer     user_data,
           GError     **error)
{
  LinkData *data = user_data;

  data->secret = sync_mail_links_secret (conn, data->api->config, error);
  return data->secret != NULL;
}

/* ------------------------------------------------------------------------- */
/* GET /v1/mail/clip */

static gboolean
clip_tx_cb (SyncDbConn  *conn,
            gpointer     user_data,
            GError     **error)
{
  LinkData *data = user_data;
  const char *params[] = { data->team_id, data->session_id, data->clip_id };
  const char *view_params[] = { data->team_id, data->session_id, data->athlete_id, data->clip_id };
  g_autoptr(PGresult) res = NULL;
  g_autofree char *key = NULL;
  const char *sha = NULL;

  /* Only a clip of this session's workout: the primary clip of one of its
   * exercises, or a clip linked to one. */
  res = sync_db_conn_exec (conn,
                           "WITH s AS (SELECT fields->>'workout_id' AS w FROM record "
                           "           WHERE team_id = $1 AND tbl = 'session' AND id = $2::uuid AND NOT deleted), "
                           "ex AS (SELECT e.id, e.fields FROM record i JOIN s ON i.fields->>'workout_id' = s.w "
                           "       JOIN record e ON e.team_id = i.team_id AND e.tbl = 'exercise' "
                           "                    AND e.id::text = i.fields->>'exercise_id' AND NOT e.deleted "
                           "       WHERE i.team_id = $1 AND i.tbl = 'workout_item' AND NOT i.deleted) "
                           "SELECT CASE WHEN pb.state = 'available' THEN c.fields->>'proxy_sha256' END, "
                           "       CASE WHEN ob.state = 'available' THEN c.fields->>'sha256' END "
                           "FROM record c "
                           "LEFT JOIN blob pb ON pb.team_id = c.team_id AND pb.sha256 = c.fields->>'proxy_sha256' "
                           "LEFT JOIN blob ob ON ob.team_id = c.team_id AND ob.sha256 = c.fields->>'sha256' "
                           "WHERE c.team_id = $1 AND c.tbl = 'clip' AND c.id = $3::uuid AND NOT c.deleted "
                           "  AND EXISTS (SELECT 1 FROM ex WHERE ex.fields->>'primary_clip_id' = c.id::text "
                           "                                  OR ex.id::text = c.fields->>'exercise_id')",
                           G_N_ELEMENTS (params), params, error);
  if (res == NULL)
    return FALSE;
  if (PQntuples (res) == 1)
    sha = !PQgetisnull (res, 0, 0) ? PQgetvalue (res, 0, 0)
          : !PQgetisnull (res, 0, 1) ? PQgetvalue (res, 0, 1) : NULL;
  if (sha == NULL)
    {
      data->status = 404;
      return TRUE;
    }

  if (!sync_db_conn_command (conn,
                             "INSERT INTO email_clip_view (team_id, session_id, athlete_id, clip_id) "
                             "VALUES ($1, $2::uuid, $3::uuid, $4::uuid)",
                             G_N_ELEMENTS (view_params), view_params, error))
    return FALSE;

  key = g_strconcat (data->team_id, "/", sha, NULL);
  data->location = sync_blob_store_presign_get (data->api->blobs, key, data->api->config->blob_url_lifetime);
  data->status = data->location != NULL ? 302 : 404;
  return TRUE;
}

static gboolean
clip_cb (SyncDbConn  *conn,
         gpointer     user_data,
         GError     **error)
{
  LinkData *data = user_data;

  return sync_db_conn_transaction (conn, SYNC_DB_TX_READ_WRITE, data->team_id, clip_tx_cb, data, error);
}

void
sync_mail_links_handle_clip (SyncApi     *api,
                             SyncRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  LinkData data = { .api = api, .req = req };

  data.team_id = sync_request_get_query (req, "team");
  data.session_id = sync_request_get_query (req, "session");
  data.athlete_id = sync_request_get_query (req, "athlete");
  data.clip_id = sync_request_get_query (req, "clip");
  if (!valid_ids (data.team_id, data.session_id, data.athlete_id, data.clip_id))
    {
      respond_page (req, 404, "Link not found", "<p>This link is incomplete.</p>");
      return;
    }
  if (!sync_db_run (api->db, secret_cb, &data, &error))
    goto fail;
  expected = make_token (data.secret, "clip", data.team_id, data.session_id, data.athlete_id);
  if (!token_matches (expected, sync_request_get_query (req, "token")))
    {
      respond_page (req, 403, "Link not valid", "<p>This link does not open this video.</p>");
      goto out;
    }
  if (!sync_db_run (api->db, clip_cb, &data, &error))
    goto fail;
  if (data.status == 302)
    {
      req->location = g_steal_pointer (&data.location);
      sync_request_respond_text (req, 302, "text/plain; charset=utf-8", g_strdup ("See the video at the link.\n"));
    }
  else
    respond_page (req, 404, "Video not found", "<p>This video is not available (any more).</p>");
  goto out;

fail:
  g_warning ("%s %s failed: %s", req->method, req->path, error->message);
  respond_page (req, 503, "Try again later", "<p>The server cannot answer right now.</p>");
out:
  g_free (data.secret);
  g_free (data.location);
}

/* ------------------------------------------------------------------------- */
/* /v1/mail/unsubscribe */

static gboolean
unsubscribe_tx_cb (SyncDbConn  *conn,
                   gpointer     user_data,
                   GError     **error)
{
  LinkData *data = user_data;
  const char *params[] = { data->team_id, data->athlete_id };
  g_autoptr(PGresult) res = NULL;
  g_autofree char *v = NULL;
  gint64 version;

  res = sync_db_conn_exec (conn,
                           "SELECT coalesce (fields->'email_consent' IN ('true'::jsonb, '1'::jsonb), false) "
                           "FROM record WHERE team_id = $1 AND tbl = 'athlete' AND id = $2::uuid AND NOT deleted",
                           2, params, error);
  if (res == NULL)
    return FALSE;
  if (PQntuples (res) != 1)
    {
      data->status = 404;
      return TRUE;
    }
  data->status = 200;
  if (PQgetvalue (res, 0, 0)[0] != 't')
    return TRUE;

  /* A server write like any other: a new version under the clock's lock,
   * so the coach's app learns of it at its next pull. */
  if (!sync_mail_next_version (conn, data->team_id, &version, error))
    return FALSE;
  v = g_strdup_printf ("%" G_GINT64_FORMAT, version);
  {
    const char *uparams[] = { data->team_id, data->athlete_id, v };

    return sync_db_conn_command (conn,
                                 "UPDATE record SET fields = fields || '{\"email_consent\": false}'::jsonb, "
                                 "  server_version = $3::bigint, updated_by_device = NULL, updated_at = now () "
                                 "WHERE team_id = $1 AND tbl = 'athlete' AND id = $2::uuid",
                                 G_N_ELEMENTS (uparams), uparams, error);
  }
}

static gboolean
unsubscribe_cb (SyncDbConn  *conn,
                gpointer     user_data,
                GError     **error)
{
  LinkData *data = user_data;

  return sync_db_conn_transaction (conn, SYNC_DB_TX_READ_WRITE, data->team_id, unsubscribe_tx_cb, data, error);
}

void
sync_mail_links_handle_unsubscribe (SyncApi     *api,
                                    SyncRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *action = NULL;
  g_autofree char *form = NULL;
  LinkData data = { .api = api, .req = req };
  const char *token = sync_request_get_query (req, "token");

  data.team_id = sync_request_get_query (req, "team");
  data.athlete_id = sync_request_get_query (req, "athlete");
  if (!valid_ids (data.team_id, data.athlete_id, NULL, NULL))
    {
      respond_page (req, 404, "Link not found", "<p>This link is incomplete.</p>");
      return;
    }
  if (!sync_db_run (api->db, secret_cb, &data, &error))
    goto fail;
  expected = make_token (data.secret, "unsubscribe", data.team_id, data.athlete_id, NULL);
  if (!token_matches (expected, token))
    {
      respond_page (req, 403, "Link not valid", "<p>This unsubscribe link is not valid.</p>");
      goto out;
    }

  /* A GET only asks: mail scanners open links, and must not unsubscribe
   * anyone. The button (or a one-click POST, RFC 8058) does it. */
  if (g_strcmp0 (req->method, "POST") != 0)
    {
      action = g_markup_printf_escaped ("?team=%s&athlete=%s&token=%s", data.team_id, data.athlete_id, token);
      form = g_strdup_printf ("<p>Stop receiving session emails from your coach?</p>\n"
                              "<form method=\"post\" action=\"%s\">"
                              "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
                              "<button type=\"submit\">Unsubscribe</button></form>", action);
      respond_page (req, 200, "Unsubscribe", form);
      goto out;
    }

  if (!sync_db_run (api->db, unsubscribe_cb, &data, &error))
    goto fail;
  if (data.status == 404)
    respond_page (req, 404, "Not found", "<p>This address is not on the team's list any more.</p>");
  else
    respond_page (req, 200, "Unsubscribed",
                  "<p>You will not receive session emails any more. Your coach can see this.</p>");
  goto out;

fail:
  g_warning ("%s %s failed: %s", req->method, req->path, error->message);
  respond_page (req, 503, "Try again later", "<p>The server cannot answer right now.</p>");
out:
  g_free (data.secret);
}
