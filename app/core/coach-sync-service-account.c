/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-sync-service"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "coach-credentials.h"
#include "coach-sync-client.h"
#include "coach-sync-service-private.h"

/* Signing a catalog in to a team server and out again. */

typedef struct
{
  char           *url;
  char           *email;
  char           *password;
  char           *device_name;
  CoachSyncLogin *login;
  guint           generation;
  char           *old_account[3];  /* url, email, device signed in before, or NULLs */
} SignInData;

static void
sign_in_data_free (SignInData *data)
{
  if (data->password != NULL)
    memset (data->password, 0, strlen (data->password));
  g_free (data->password);
  g_free (data->url);
  g_free (data->email);
  g_free (data->device_name);
  g_clear_pointer (&data->login, coach_sync_login_free);
  for (guint i = 0; i < G_N_ELEMENTS (data->old_account); i++)
    g_free (data->old_account[i]);
  g_free (data);
}

/* ------------------------------------------------------------------------- */
/* Signing in and out */

static void
sign_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SignInData *data = task_data;
  g_autoptr(CoachSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = coach_sync_client_new (data->url, &error);
  if (client == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  coach_sync_client_set_timeout (client, REQUEST_TIMEOUT_S);

  data->login = coach_sync_client_login (client, data->email, data->password, data->device_name,
                                         cancellable, &error);
  memset (data->password, 0, strlen (data->password));
  if (data->login == NULL)
    {
      if (g_error_matches (error, COACH_SYNC_ERROR, COACH_SYNC_ERROR_UNAUTHORIZED))
        g_task_return_new_error (task, COACH_SYNC_ERROR, COACH_SYNC_ERROR_UNAUTHORIZED,
                                 _("The email or the password is not right"));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The server's spelling of the address is the one to keep. */
  g_free (data->url);
  data->url = g_strdup (coach_sync_client_get_url (client));

  if (!coach_credentials_store (data->url, data->email, data->login->device_id, data->login->token,
                                cancellable, &error))
    {
      /* Without a place to keep it, do not leave a live token behind. */
      coach_sync_client_logout (client, NULL, NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  memset (data->login->token, 0, strlen (data->login->token));

  /* The device signed in before (say, revoked meanwhile) no longer needs
   * its token: it would stay in the keyring for ever. */
  if (data->old_account[0] != NULL && data->old_account[1] != NULL && data->old_account[2] != NULL &&
      g_strcmp0 (data->old_account[2], data->login->device_id) != 0)
    {
      g_autoptr(GError) clear_error = NULL;

      if (!coach_credentials_clear (data->old_account[0], data->old_account[1], data->old_account[2],
                                    cancellable, &clear_error))
        g_warning ("The old sign-in stays in the keyring: %s", clear_error->message);
    }
  g_task_return_boolean (task, TRUE);
}

static void
sign_in_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CoachSyncService *self = COACH_SYNC_SERVICE (source);
  g_autoptr(GTask) outer = user_data;
  SignInData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  if (!coach_catalog_set_meta (self->catalog, META_URL, data->url, &error) ||
      !coach_catalog_set_meta (self->catalog, META_EMAIL, data->email, &error) ||
      !coach_catalog_set_meta (self->catalog, META_DEVICE, data->login->device_id, &error) ||
      !coach_catalog_set_meta (self->catalog, META_TEAM, data->login->team_id, &error))
    {
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  _coach_sync_service_account_changed (self);
  _coach_sync_service_set_state (self, COACH_SYNC_STATE_IDLE, _("Signed in"), NULL);
  if (self->started)
    coach_sync_service_sync_now (self);
  g_task_return_boolean (outer, TRUE);
}

static void
sign_out_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  char **account = task_data;  /* url, email, device */
  g_autoptr(CoachSyncClient) client = NULL;
  g_autoptr(GError) revoke_error = NULL;
  g_autoptr(GError) error = NULL;
  char *token;

  token = coach_credentials_lookup (account[0], account[1], account[2], cancellable, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (token != NULL && (client = coach_sync_client_new (account[0], &revoke_error)) != NULL)
    {
      coach_sync_client_set_token (client, token);
      coach_sync_client_set_timeout (client, 20);
      coach_sync_client_logout (client, cancellable, &revoke_error);
    }
  coach_credentials_free (token);

  if (!coach_credentials_clear (account[0], account[1], account[2], cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* A device the server already forgot is signed out all the same; one
   * it could not be told about is signed out here, and an admin can
   * revoke it there. */
  if (revoke_error != NULL && !g_error_matches (revoke_error, COACH_SYNC_ERROR, COACH_SYNC_ERROR_UNAUTHORIZED))
    g_warning ("Signed out, but the server could not be told: %s", revoke_error->message);
  g_task_return_boolean (task, TRUE);
}

void
coach_sync_service_sign_in_async (CoachSyncService    *self,
                                  const char          *server_url,
                                  const char          *email,
                                  const char          *password,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *outer;
  g_autoptr(GTask) inner = NULL;
  SignInData *data;

  g_return_if_fail (COACH_IS_SYNC_SERVICE (self));
  g_return_if_fail (server_url != NULL && email != NULL && password != NULL);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, coach_sync_service_sign_in_async);

  data = g_new0 (SignInData, 1);
  data->url = g_strstrip (g_strdup (server_url));
  data->email = g_strstrip (g_strdup (email));
  data->password = g_strdup (password);
  data->device_name = g_strdup_printf ("%s (Coachbook)", g_get_host_name ());
  data->old_account[0] = coach_catalog_get_meta (self->catalog, META_URL);
  data->old_account[1] = coach_catalog_get_meta (self->catalog, META_EMAIL);
  data->old_account[2] = coach_catalog_get_meta (self->catalog, META_DEVICE);

  if (*data->email == '\0' || *password == '\0')
    {
      sign_in_data_free (data);
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("Enter your email and your password"));
      g_object_unref (outer);
      return;
    }

  inner = g_task_new (self, cancellable, sign_in_done_cb, outer);
  g_task_set_task_data (inner, data, (GDestroyNotify) sign_in_data_free);
  g_task_run_in_thread (inner, sign_in_thread);
}

gboolean
coach_sync_service_sign_in_finish (CoachSyncService  *self,
                                   GAsyncResult      *result,
                                   GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
coach_sync_service_sign_out_async (CoachSyncService    *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  char **account;

  g_return_if_fail (COACH_IS_SYNC_SERVICE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, coach_sync_service_sign_out_async);
  if (!coach_sync_service_get_signed_in (self))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  account = g_new0 (char *, 4);
  account[0] = coach_catalog_get_meta (self->catalog, META_URL);
  account[1] = coach_catalog_get_meta (self->catalog, META_EMAIL);
  account[2] = coach_catalog_get_meta (self->catalog, META_DEVICE);
  g_task_set_task_data (task, account, (GDestroyNotify) g_strfreev);

  /* The catalog forgets the device now, so no run starts meanwhile; the
   * keyring and the server follow on the worker. */
  coach_catalog_set_meta (self->catalog, META_DEVICE, NULL, NULL);
  _coach_sync_service_account_changed (self);
  _coach_sync_service_set_state (self, COACH_SYNC_STATE_IDLE, _("Not signed in to a team server"), NULL);
  g_task_run_in_thread (task, sign_out_thread);
}

gboolean
coach_sync_service_sign_out_finish (CoachSyncService  *self,
                                    GAsyncResult      *result,
                                    GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

