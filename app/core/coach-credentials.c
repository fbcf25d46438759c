/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-credentials"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "coach-credentials.h"

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    "io.github.coachbook.Coachbook.DeviceToken", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "email", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "device", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };
  return &schema;
}

static gboolean
keyring_error (GError     **error,
               GError      *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, cause);
      return FALSE;
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("The keyring is not available, so the sign-in cannot be kept: %s"), cause->message);
  g_error_free (cause);
  return FALSE;
}

gboolean
coach_credentials_store (const char    *server_url,
                         const char    *email,
                         const char    *device_id,
                         const char    *token,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autofree char *label = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (server_url != NULL && email != NULL && device_id != NULL && token != NULL, FALSE);

  /* Translators: the name of the keyring entry; %s is the coach's email
   * and %s the server address */
  label = g_strdup_printf (_("Coachbook sign-in for %s at %s"), email, server_url);
  if (!secret_password_store_sync (token_schema (), SECRET_COLLECTION_DEFAULT, label, token,
                                   cancellable, &local_error,
                                   "server", server_url, "email", email, "device", device_id, NULL))
    return keyring_error (error, local_error);
  return TRUE;
}

char *
coach_credentials_lookup (const char    *server_url,
                          const char    *email,
                          const char    *device_id,
                          GCancellable  *cancellable,
                          GError       **error)
{
  GError *local_error = NULL;
  char *token;

  g_return_val_if_fail (server_url != NULL && email != NULL && device_id != NULL, NULL);

  token = secret_password_lookup_sync (token_schema (), cancellable, &local_error,
                                       "server", server_url, "email", email, "device", device_id, NULL);
  if (local_error != NULL)
    {
      keyring_error (error, local_error);
      return NULL;
    }
  return token;
}

gboolean
coach_credentials_clear (const char    *server_url,
                         const char    *email,
                         const char    *device_id,
                         GCancellable  *cancellable,
                         GError       **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (server_url != NULL && email != NULL && device_id != NULL, FALSE);

  /* FALSE without an error only means there was nothing to remove. */
  if (!secret_password_clear_sync (token_schema (), cancellable, &local_error,
                                   "server", server_url, "email", email, "device", device_id, NULL) &&
      local_error != NULL)
    return keyring_error (error, local_error);
  return TRUE;
}

void
coach_credentials_free (char *token)
{
  /* wipes the secret before freeing it */
  secret_password_free (token);
}
