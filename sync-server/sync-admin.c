/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coachbook-sync"

#include "config.h"

#include <gio/gio.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "coach-uuid.h"
#include "sync-admin.h"
#include "sync-auth.h"
#include "sync-error.h"

typedef struct _AdminData AdminData;
typedef gboolean (*AdminFunc) (SyncDbConn *conn, AdminData *data, GError **error);

struct _AdminData
{
  AdminFunc   func;
  char      **args;   /* after the command name */
  guint       n_args;
  GString    *out;    /* printed once everything succeeded */
  char       *team_id;
  char       *password_hash;
};

/* ------------------------------------------------------------------------- */
/* Utilities */

static gboolean
usage_error (GError     **error,
             const char  *usage)
{
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "usage: coachbook-sync admin %s", usage);
  return FALSE;
}

/* Reads one line from standard input, without echo on a terminal. */
static char *
read_password (GError **error)
{
  char buf[SYNC_AUTH_MAX_PASSWORD_LENGTH + 2];
  gboolean tty = isatty (STDIN_FILENO);
  struct termios saved, quiet;
  char *ok;
  gsize len;

  if (tty)
    {
      fputs ("Password: ", stderr);
      fflush (stderr);
      tcgetattr (STDIN_FILENO, &saved);
      quiet = saved;
      quiet.c_lflag &= ~ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  ok = fgets (buf, sizeof buf, stdin);
  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      fputs ("\n", stderr);
    }

  if (ok == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "no password on standard input");
      return NULL;
    }
  len = strlen (buf);
  if (len > 0 && buf[len - 1] != '\n' && !feof (stdin))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "the password is longer than %d bytes", SYNC_AUTH_MAX_PASSWORD_LENGTH);
      return NULL;
    }
  while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
    buf[--len] = '\0';
  if (len < SYNC_AUTH_MIN_PASSWORD_LENGTH)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "the password must have at least %d characters", SYNC_AUTH_MIN_PASSWORD_LENGTH);
      return NULL;
    }
  if (!g_utf8_validate (buf, len, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "the password is not UTF-8 text");
      return NULL;
    }
  return g_strdup (buf);
}

static gboolean
resolve_team (SyncDbConn  *conn,
              const char  *team,
              char       **team_id,
              GError     **error)
{
  const char *params[] = { team };
  g_autoptr(PGresult) res = NULL;

  if (coach_uuid_is_valid (team))
    res = sync_db_conn_exec (conn, "SELECT id FROM team WHERE id = $1::uuid", 1, params, error);
  else
    res = sync_db_conn_exec (conn, "SELECT id FROM team WHERE name = $1", 1, params, error);
  if (res == NULL)
    return FALSE;
  if (PQntuples (res) != 1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no team \"%s\"", team);
      return FALSE;
    }
  g_free (*team_id);
  *team_id = g_strdup (PQgetvalue (res, 0, 0));
  return TRUE;
}

static gboolean
set_team (SyncDbConn  *conn,
          const char  *team_id,
          GError     **error)
{
  const char *params[] = { team_id };

  return sync_db_conn_command (conn, "SELECT set_config('app.team_id', $1, true)", 1, params, error);
}

static void
print_table (GString  *out,
             PGresult *res)
{
  int cols = PQnfields (res);
  int rows = PQntuples (res);
  g_autofree int *width = g_new0 (int, cols);

  for (int c = 0; c < cols; c++)
    {
      width[c] = g_utf8_strlen (PQfname (res, c), -1);
      for (int r = 0; r < rows; r++)
        width[c] = MAX (width[c], (int) g_utf8_strlen (PQgetvalue (res, r, c), -1));
    }
  for (int r = -1; r < rows; r++)
    {
      for (int c = 0; c < cols; c++)
        {
          const char *v = r < 0 ? PQfname (res, c) : PQgetvalue (res, r, c);
          g_autofree char *upper = r < 0 ? g_ascii_strup (v, -1) : NULL;
          int pad = width[c] - (int) g_utf8_strlen (v, -1);

          g_string_append (out, upper ? upper : v);
          if (c < cols - 1)
            g_string_append_printf (out, "%*s  ", pad, "");
        }
      g_string_append_c (out, '\n');
    }
}

static gboolean
update_coach (SyncDbConn  *conn,
              const char  *sql,
              const char  *email,
              const char  *extra,
              GError     **error)
{
  g_autofree char *normalized = sync_auth_normalize_email (email);
  const char *params[] = { normalized, extra };
  g_autoptr(PGresult) res = NULL;

  if (normalized == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "\"%s\" is not an email address", email);
      return FALSE;
    }
  res = sync_db_conn_exec (conn, sql, extra ? 2 : 1, params, error);
  if (res == NULL)
    return FALSE;
  if (g_strcmp0 (PQcmdTuples (res), "0") == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no coach with the email %s", normalized);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------- */
/* Commands */

static gboolean
create_team (SyncDbConn  *conn,
             AdminData   *data,
             GError     **error)
{
  const char *params[] = { data->args[0] };
  g_autoptr(PGresult) res = NULL;
  const char *id;

  if (strlen (data->args[0]) == 0 || strlen (data->args[0]) > 200)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "a team name has 1 to 200 characters");
      return FALSE;
    }
  res = sync_db_conn_exec (conn, "INSERT INTO team (name) VALUES ($1) ON CONFLICT (name) DO NOTHING RETURNING id",
                           1, params, error);
  if (res == NULL)
    return FALSE;
  if (PQntuples (res) != 1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "a team named \"%s\" exists already", data->args[0]);
      return FALSE;
    }
  id = PQgetvalue (res, 0, 0);
  params[0] = id;
  if (!set_team (conn, id, error) ||
      !sync_db_conn_command (conn, "INSERT INTO team_clock (team_id) VALUES ($1)", 1, params, error) ||
      !sync_db_conn_command (conn, "INSERT INTO team_epoch (team_id) VALUES ($1)", 1, params, error))
    return FALSE;

  g_string_append_printf (data->out, "%s\n", id);
  return TRUE;
}

static gboolean
list_teams (SyncDbConn  *conn,
            AdminData   *data,
            GError     **error)
{
  g_autoptr(PGresult) res = NULL;

  res = sync_db_conn_exec (conn,
                           "SELECT t.id, t.name, "
                           "  (SELECT count(*) FROM coach c WHERE c.team_id = t.id AND NOT c.disabled) AS coaches, "
                           "  (SELECT count(*) FROM device d WHERE d.team_id = t.id AND d.revoked_at IS NULL "
                           "     AND (d.expires_at IS NULL OR d.expires_at > now ())) AS devices "
                           "FROM team t ORDER BY t.name",
                           0, NULL, error);
  if (res == NULL)
    return FALSE;
  print_table (data->out, res);
  return TRUE;
}

static gboolean
add_coach (SyncDbConn  *conn,
           AdminData   *data,
           GError     **error)
{
  g_autofree char *email = sync_auth_normalize_email (data->args[1]);
  g_autoptr(PGresult) res = NULL;
  const char *params[3];

  if (email == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "\"%s\" is not an email address", data->args[1]);
      return FALSE;
    }
  if (!resolve_team (conn, data->args[0], &data->team_id, error))
    return FALSE;

  params[0] = data->team_id;
  params[1] = email;
  params[2] = data->password_hash;
  res = sync_db_conn_exec (conn,
                           "INSERT INTO coach (team_id, email, password_hash) VALUES ($1, $2, $3) "
                           "ON CONFLICT (email) DO NOTHING RETURNING id",
                           3, params, error);
  if (res == NULL)
    return FALSE;
  if (PQntuples (res) != 1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "a coach with the email %s exists already", email);
      return FALSE;
    }
  g_string_append_printf (data->out, "%s\n", PQgetvalue (res, 0, 0));
  return TRUE;
}

static gboolean
set_password (SyncDbConn  *conn,
              AdminData   *data,
              GError     **error)
{
  return update_coach (conn, "UPDATE coach SET password_hash = $2 WHERE email = $1",
                       data->args[0], data->password_hash, error);
}

static gboolean
disable_coach (SyncDbConn  *conn,
               AdminData   *data,
               GError     **error)
{
  return update_coach (conn, "UPDATE coach SET disabled = true WHERE email = $1",
                       data->args[0], NULL, error);
}

static gboolean
enable_coach (SyncDbConn  *conn,
              AdminData   *data,
              GError     **error)
{
  return update_coach (conn, "UPDATE coach SET disabled = false WHERE email = $1",
                       data->args[0], NULL, error);
}

static gboolean
list_devices (SyncDbConn  *conn,
              AdminData   *data,
              GError     **error)
{
  g_autofree char *email = NULL;
  g_autoptr(PGresult) res = NULL;
  const char *params[1];

  if (data->n_args > 0)
    {
      email = sync_auth_normalize_email (data->args[0]);
      if (email == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "\"%s\" is not an email address",
                       data->args[0]);
          return FALSE;
        }
    }
  params[0] = email;
  res = sync_db_conn_exec (conn,
                           "SELECT d.id, c.email AS coach, d.name, "
                           "  to_char (d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS created, "
                           "  to_char (d.last_seen AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS last_seen, "
                           "  CASE WHEN d.revoked_at IS NOT NULL THEN 'revoked' "
                           "       WHEN d.expires_at IS NOT NULL AND d.expires_at <= now () THEN 'expired' "
                           "       WHEN c.disabled THEN 'coach disabled' "
                           "       ELSE 'active' END AS status "
                           "FROM device d JOIN coach c ON c.id = d.coach_id "
                           "WHERE $1::text IS NULL OR c.email = $1 "
                           "ORDER BY c.email, d.created_at",
                           1, params, error);
  if (res == NULL)
    return FALSE;
  print_table (data->out, res);
  return TRUE;
}

static gboolean
revoke_device (SyncDbConn  *conn,
               AdminData   *data,
               GError     **error)
{
  const char *params[] = { data->args[0] };
  g_autoptr(PGresult) res = NULL;

  if (!coach_uuid_is_valid (data->args[0]))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "\"%s\" is not a device id", data->args[0]);
      return FALSE;
    }
  res = sync_db_conn_exec (conn, "UPDATE device SET revoked_at = coalesce (revoked_at, now ()) "
                           "WHERE id = $1::uuid", 1, params, error);
  if (res == NULL)
    return FALSE;
  if (g_strcmp0 (PQcmdTuples (res), "0") == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no device %s", data->args[0]);
      return FALSE;
    }
  return TRUE;
}

static gboolean
new_epoch (SyncDbConn  *conn,
           AdminData   *data,
           GError     **error)
{
  g_autoptr(PGresult) res = NULL;
  const char *params[1];

  if (!resolve_team (conn, data->args[0], &data->team_id, error) ||
      !set_team (conn, data->team_id, error))
    return FALSE;
  params[0] = data->team_id;
  /* Taken like a push takes it, so no push straddles the change. */
  if (!sync_db_conn_command (conn, "SELECT v FROM team_clock WHERE team_id = $1 FOR UPDATE", 1, params, error))
    return FALSE;
  res = sync_db_conn_exec (conn,
                           "UPDATE team_epoch SET epoch = gen_random_uuid (), changed_at = now () "
                           "WHERE team_id = $1 RETURNING epoch",
                           1, params, error);
  if (res == NULL)
    return FALSE;
  if (PQntuples (res) != 1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "team %s has no epoch", data->team_id);
      return FALSE;
    }
  /* The devices' acknowledged mids stay (they are what the restored data
   * holds), but a device may have dropped later mutations the restore lost:
   * its next push that carries the new epoch may jump past a gap, once
   * (see sql/005-device-rebaseline.sql). */
  if (!sync_db_conn_command (conn,
                             "INSERT INTO device_rebaseline (device_id, team_id) "
                             "SELECT device_id, team_id FROM device_cursor WHERE team_id = $1 "
                             "ON CONFLICT (device_id) DO NOTHING",
                             1, params, error))
    return FALSE;
  g_string_append_printf (data->out, "%s\n", PQgetvalue (res, 0, 0));
  return TRUE;
}

/* ------------------------------------------------------------------------- */

static const struct
{
  const char *name;
  guint       min_args;
  guint       max_args;
  gboolean    reads_password;
  AdminFunc   func;
  const char *usage;
} commands[] = {
  { "create-team", 1, 1, FALSE, create_team, "create-team NAME" },
  { "list-teams", 0, 0, FALSE, list_teams, "list-teams" },
  { "add-coach", 2, 2, TRUE, add_coach, "add-coach TEAM EMAIL" },
  { "set-password", 1, 1, TRUE, set_password, "set-password EMAIL" },
  { "disable-coach", 1, 1, FALSE, disable_coach, "disable-coach EMAIL" },
  { "enable-coach", 1, 1, FALSE, enable_coach, "enable-coach EMAIL" },
  { "list-devices", 0, 1, FALSE, list_devices, "list-devices [EMAIL]" },
  { "revoke-device", 1, 1, FALSE, revoke_device, "revoke-device ID" },
  { "new-epoch", 1, 1, FALSE, new_epoch, "new-epoch TEAM" },
};

static gboolean
admin_tx_cb (SyncDbConn  *conn,
             gpointer     user_data,
             GError     **error)
{
  AdminData *data = user_data;

  return data->func (conn, data, error);
}

static gboolean
admin_cb (SyncDbConn  *conn,
          gpointer     user_data,
          GError     **error)
{
  AdminData *data = user_data;

  g_string_truncate (data->out, 0);
  return sync_db_conn_transaction (conn, SYNC_DB_TX_READ_WRITE, NULL, admin_tx_cb, data, error);
}

gboolean
sync_admin_run (SyncDb   *db,
                int       argc,
                char    **argv,
                GError  **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *password_hash = NULL;
  AdminData data = { 0 };

  g_return_val_if_fail (db != NULL, FALSE);

  if (argc < 1)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "admin needs a command; see coachbook-sync --help");
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      guint n_args = argc - 1;
      gboolean ok;

      if (g_strcmp0 (commands[i].name, argv[0]) != 0)
        continue;
      if (n_args < commands[i].min_args || n_args > commands[i].max_args)
        return usage_error (error, commands[i].usage);

      if (commands[i].reads_password)
        {
          g_autofree char *password = read_password (error);

          if (password == NULL)
            return FALSE;
          password_hash = sync_auth_hash_password (password, error);
          memset (password, 0, strlen (password));
          if (password_hash == NULL)
            return FALSE;
        }

      data.args = argv + 1;
      data.n_args = n_args;
      data.out = out;
      data.password_hash = password_hash;
      data.func = commands[i].func;
      ok = sync_db_run (db, admin_cb, &data, error);
      g_free (data.team_id);
      if (!ok)
        return FALSE;
      fputs (out->str, stdout);
      fflush (stdout);
      return TRUE;
    }

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION,
               "unknown admin command \"%s\"; see coachbook-sync --help", argv[0]);
  return FALSE;
}
