/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coachbook-sync"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "sync-auth.h"
#include "sync-error.h"

#define TOKEN_BYTES 32

/* ------------------------------------------------------------------------- */
/* Password hashing */

/* Argon2id with libsodium's interactive limits takes 64 MiB and tens of
 * milliseconds per hash. Only a few run at once, so a burst of logins costs
 * bounded memory and leaves workers for sync requests. */
static GMutex hash_lock;
static GCond hash_cond;
static guint hash_running;

/* sodium_init() is idempotent and thread-safe; main() checks its result
 * once at start-up. */
static void
ensure_sodium (void)
{
  if (sodium_init () < 0)
    g_critical ("libsodium cannot be initialized");
}

static void
hash_slot_acquire (void)
{
  guint max = CLAMP (g_get_num_processors (), 1, 4);

  g_mutex_lock (&hash_lock);
  while (hash_running >= max)
    g_cond_wait (&hash_cond, &hash_lock);
  hash_running++;
  g_mutex_unlock (&hash_lock);
}

static void
hash_slot_release (void)
{
  g_mutex_lock (&hash_lock);
  hash_running--;
  g_cond_signal (&hash_cond);
  g_mutex_unlock (&hash_lock);
}

char *
sync_auth_hash_password (const char  *password,
                         GError     **error)
{
  char out[crypto_pwhash_STRBYTES];
  int rc;

  g_return_val_if_fail (password != NULL, NULL);

  ensure_sodium ();
  hash_slot_acquire ();
  rc = crypto_pwhash_str (out, password, strlen (password),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE);
  hash_slot_release ();
  if (rc != 0)
    {
      g_set_error_literal (error, SYNC_ERROR, SYNC_ERROR_INTERNAL,
                           "not enough memory to hash the password");
      return NULL;
    }
  return g_strdup (out);
}

gboolean
sync_auth_verify_password (const char *hash,
                           const char *password)
{
  int rc;

  g_return_val_if_fail (hash != NULL, FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  ensure_sodium ();
  hash_slot_acquire ();
  rc = crypto_pwhash_str_verify (hash, password, strlen (password));
  hash_slot_release ();
  return rc == 0;
}

/* Unknown addresses are checked against this hash, so that a wrong email
 * costs as much time as a wrong password and timing tells nothing. */
static const char *
dummy_hash (void)
{
  static char *hash = NULL;

  if (g_once_init_enter (&hash))
    {
      char password[33];
      char *h;

      ensure_sodium ();
      randombytes_buf (password, sizeof password - 1);
      for (guint i = 0; i < sizeof password - 1; i++)
        password[i] = 'a' + ((guchar) password[i] % 26);
      password[sizeof password - 1] = '\0';
      h = sync_auth_hash_password (password, NULL);
      g_once_init_leave (&hash, h ? h : g_strdup ("invalid"));
    }
  return hash;
}

/* ------------------------------------------------------------------------- */
/* Tokens and emails */

char *
sync_auth_new_token (void)
{
  guchar bytes[TOKEN_BYTES];
  char out[sodium_base64_ENCODED_LEN (TOKEN_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];

  ensure_sodium ();
  randombytes_buf (bytes, sizeof bytes);
  sodium_bin2base64 (out, sizeof out, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero (bytes, sizeof bytes);
  return g_strdup (out);
}

/* Hex sha256: tokens are 256 random bits, so a fast hash is enough; the
 * database never holds anything that works as a credential. */
char *
sync_auth_token_hash (const char *token)
{
  g_return_val_if_fail (token != NULL, NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

char *
sync_auth_normalize_email (const char *email)
{
  g_autofree char *copy = NULL;
  const char *at;

  if (email == NULL || !g_utf8_validate (email, -1, NULL))
    return NULL;
  copy = g_strstrip (g_ascii_strdown (email, -1));
  if (strlen (copy) < 3 || strlen (copy) > 320)
    return NULL;
  for (const char *p = copy; *p; p++)
    if ((guchar) *p <= ' ' || *p == 0x7f)
      return NULL;
  at = strrchr (copy, '@');
  if (at == NULL || at == copy || at[1] == '\0')
    return NULL;
  return g_steal_pointer (&copy);
}

void
sync_auth_info_clear (SyncAuthInfo *info)
{
  g_clear_pointer (&info->team_id, g_free);
  g_clear_pointer (&info->device_id, g_free);
  g_clear_pointer (&info->coach_id, g_free);
}

void
sync_login_result_clear (SyncLoginResult *result)
{
  if (result->token)
    sodium_memzero (result->token, strlen (result->token));
  g_clear_pointer (&result->token, g_free);
  g_clear_pointer (&result->team_id, g_free);
  g_clear_pointer (&result->device_id, g_free);
  g_clear_pointer (&result->coach_id, g_free);
}

/* ------------------------------------------------------------------------- */
/* Login */

typedef struct
{
  const SyncConfig *config;
  const char       *email;
  const char       *client_ip;
  const char       *device_name;

  gboolean          limited;
  gboolean          found;
  gboolean          disabled;
  char             *coach_id;
  char             *team_id;
  char             *password_hash;

  SyncLoginResult  *result;
} LoginData;

static gboolean
login_lookup_cb (SyncDbConn  *conn,
                 gpointer     user_data,
                 GError     **error)
{
  LoginData *data = user_data;
  g_autofree char *window = g_strdup_printf ("%u", data->config->login_failure_window);
  const char *count_params[] = { data->email, data->client_ip, window };
  const char *coach_params[] = { data->email };
  g_autoptr(PGresult) count = NULL;
  g_autoptr(PGresult) coach = NULL;

  count = sync_db_conn_exec (conn,
                             "SELECT count(*) FROM login_failure "
                             "WHERE email = $1 AND client_ip = $2 "
                             "AND at > now () - make_interval (secs => $3::integer)",
                             3, count_params, error);
  if (count == NULL)
    return FALSE;
  data->limited = g_ascii_strtoull (PQgetvalue (count, 0, 0), NULL, 10) >= data->config->login_max_failures;
  if (data->limited)
    return TRUE;

  coach = sync_db_conn_exec (conn,
                             "SELECT id, team_id, password_hash, disabled FROM coach WHERE email = $1",
                             1, coach_params, error);
  if (coach == NULL)
    return FALSE;
  data->found = PQntuples (coach) == 1;
  if (data->found)
    {
      g_free (data->coach_id);
      g_free (data->team_id);
      g_free (data->password_hash);
      data->coach_id = g_strdup (PQgetvalue (coach, 0, 0));
      data->team_id = g_strdup (PQgetvalue (coach, 0, 1));
      data->password_hash = g_strdup (PQgetvalue (coach, 0, 2));
      data->disabled = PQgetvalue (coach, 0, 3)[0] == 't';
    }
  return TRUE;
}

static gboolean
login_failed_cb (SyncDbConn  *conn,
                 gpointer     user_data,
                 GError     **error)
{
  LoginData *data = user_data;
  const char *params[] = { data->email, data->client_ip };

  if (!sync_db_conn_command (conn, "INSERT INTO login_failure (email, client_ip) VALUES ($1, $2)",
                             2, params, error))
    return FALSE;
  return sync_db_conn_command (conn, "DELETE FROM login_failure WHERE at < now () - interval '1 day'",
                               0, NULL, error);
}

static gboolean
create_device_tx_cb (SyncDbConn  *conn,
                     gpointer     user_data,
                     GError     **error)
{
  LoginData *data = user_data;
  g_autofree char *token = sync_auth_new_token ();
  g_autofree char *token_hash = sync_auth_token_hash (token);
  g_autofree char *lifetime = g_strdup_printf ("%u", data->config->token_lifetime_days);
  const char *params[] = { data->team_id, data->coach_id, data->device_name, token_hash, lifetime };
  const char *clear_params[] = { data->email, data->client_ip };
  g_autoptr(PGresult) res = NULL;

  res = sync_db_conn_exec (conn,
                           "INSERT INTO device (team_id, coach_id, name, token_hash, expires_at) "
                           "VALUES ($1, $2, $3, decode ($4, 'hex'), "
                           "        CASE WHEN $5::integer > 0 "
                           "             THEN now () + make_interval (days => $5::integer) END) "
                           "RETURNING id",
                           5, params, error);
  if (res == NULL)
    return FALSE;
  if (!sync_db_conn_command (conn, "DELETE FROM login_failure WHERE email = $1 AND client_ip = $2",
                             2, clear_params, error))
    return FALSE;

  sync_login_result_clear (data->result);
  data->result->token = g_steal_pointer (&token);
  data->result->device_id = g_strdup (PQgetvalue (res, 0, 0));
  data->result->team_id = g_strdup (data->team_id);
  data->result->coach_id = g_strdup (data->coach_id);
  return TRUE;
}

static gboolean
create_device_cb (SyncDbConn  *conn,
                  gpointer     user_data,
                  GError     **error)
{
  return sync_db_conn_transaction (conn, SYNC_DB_TX_READ_WRITE, NULL, create_device_tx_cb, user_data, error);
}

static void
login_data_clear (LoginData *data)
{
  g_free (data->coach_id);
  g_free (data->team_id);
  g_free (data->password_hash);
}

gboolean
sync_auth_login (SyncDb            *db,
                 const SyncConfig  *config,
                 const char        *email,
                 const char        *password,
                 const char        *device_name,
                 const char        *client_ip,
                 SyncLoginResult   *result,
                 GError           **error)
{
  g_autofree char *normalized = sync_auth_normalize_email (email);
  LoginData data = { 0 };
  gboolean ok = FALSE;
  gboolean password_ok;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (password != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  if (normalized == NULL)
    {
      g_set_error_literal (error, SYNC_ERROR, SYNC_ERROR_INVALID_REQUEST, "email is not an email address");
      return FALSE;
    }
  if (strlen (password) > SYNC_AUTH_MAX_PASSWORD_LENGTH)
    {
      g_set_error_literal (error, SYNC_ERROR, SYNC_ERROR_INVALID_REQUEST, "password is too long");
      return FALSE;
    }

  data.config = config;
  data.email = normalized;
  data.client_ip = client_ip ? client_ip : "";
  data.device_name = device_name;
  data.result = result;

  /* The limit is checked before the expensive hash: refused guesses cost
   * the server one query. */
  if (!sync_db_run (db, login_lookup_cb, &data, error))
    goto out;
  if (data.limited)
    {
      g_set_error (error, SYNC_ERROR, SYNC_ERROR_RATE_LIMITED,
                   "too many failed logins; try again in %u seconds", config->login_failure_window);
      goto out;
    }

  /* No connection is held while hashing. */
  if (data.found)
    password_ok = sync_auth_verify_password (data.password_hash, password);
  else
    {
      sync_auth_verify_password (dummy_hash (), password);
      password_ok = FALSE;
    }

  if (!password_ok)
    {
      if (!sync_db_run (db, login_failed_cb, &data, error))
        goto out;
      g_set_error_literal (error, SYNC_ERROR, SYNC_ERROR_INVALID_CREDENTIALS,
                           "wrong email or password");
      goto out;
    }
  if (data.disabled)
    {
      g_set_error_literal (error, SYNC_ERROR, SYNC_ERROR_ACCOUNT_DISABLED,
                           "this account is disabled; ask the team's administrator");
      goto out;
    }

  ok = sync_db_run (db, create_device_cb, &data, error);

out:
  login_data_clear (&data);
  return ok;
}

/* ------------------------------------------------------------------------- */
/* Requests */

static gboolean
token_is_plausible (const char *token)
{
  gsize len = strlen (token);

  if (len < 16 || len > 256)
    return FALSE;
  for (const char *p = token; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

/* The hex sha256 of the bearer token in an Authorization header, or NULL
 * with SYNC_ERROR_UNAUTHORIZED when there is no plausible token. */
char *
sync_auth_bearer_hash (const char  *authorization,
                       GError     **error)
{
  const char *token;

  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0)
    {
      g_set_error_literal (error, SYNC_ERROR, SYNC_ERROR_UNAUTHORIZED,
                           "a bearer token is required");
      return NULL;
    }
  token = authorization + 7;
  while (*token == ' ')
    token++;
  if (!token_is_plausible (token))
    {
      g_set_error_literal (error, SYNC_ERROR, SYNC_ERROR_UNAUTHORIZED,
                           "the token is not valid");
      return NULL;
    }
  return sync_auth_token_hash (token);
}

gboolean
sync_auth_authenticate (SyncDbConn    *conn,
                        const char    *authorization,
                        SyncAuthInfo  *info,
                        GError       **error)
{
  g_autofree char *token_hash = NULL;
  g_autoptr(PGresult) res = NULL;
  const char *params[1];

  g_return_val_if_fail (conn != NULL, FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  token_hash = sync_auth_bearer_hash (authorization, error);
  if (token_hash == NULL)
    return FALSE;
  params[0] = token_hash;
  res = sync_db_conn_exec (conn,
                           "SELECT d.id, d.team_id, d.coach_id, "
                           "       d.last_seen < now () - interval '1 minute' "
                           "FROM device d JOIN coach c ON c.id = d.coach_id "
                           "WHERE d.token_hash = decode ($1, 'hex') "
                           "AND d.revoked_at IS NULL "
                           "AND (d.expires_at IS NULL OR d.expires_at > now ()) "
                           "AND NOT c.disabled",
                           1, params, error);
  if (res == NULL)
    return FALSE;
  if (PQntuples (res) != 1)
    {
      g_set_error_literal (error, SYNC_ERROR, SYNC_ERROR_UNAUTHORIZED,
                           "the token is not valid, expired or was revoked");
      return FALSE;
    }

  sync_auth_info_clear (info);
  info->device_id = g_strdup (PQgetvalue (res, 0, 0));
  info->team_id = g_strdup (PQgetvalue (res, 0, 1));
  info->coach_id = g_strdup (PQgetvalue (res, 0, 2));

  /* last_seen is for people listing devices: once a minute is enough, and
   * spares a write on nearly every request. The requests of one device
   * that find it stale together do not queue for its row: one writes. */
  if (PQgetvalue (res, 0, 3)[0] == 't')
    {
      const char *seen_params[] = { info->device_id };

      if (!sync_db_conn_command (conn,
                                 "UPDATE device SET last_seen = now () "
                                 "WHERE id = (SELECT id FROM device WHERE id = $1 FOR UPDATE SKIP LOCKED)",
                                 1, seen_params, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
sync_auth_logout (SyncDbConn          *conn,
                  const SyncAuthInfo  *info,
                  GError             **error)
{
  const char *params[] = { info->device_id };

  g_return_val_if_fail (conn != NULL, FALSE);
  g_return_val_if_fail (info != NULL && info->device_id != NULL, FALSE);

  return sync_db_conn_command (conn,
                               "UPDATE device SET revoked_at = now () "
                               "WHERE id = $1 AND revoked_at IS NULL",
                               1, params, error);
}
