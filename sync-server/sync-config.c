/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coachbook-sync"

#include "config.h"

#include <gio/gio.h>
#include <stddef.h>
#include <string.h>

#include "sync-config.h"

G_DEFINE_QUARK (sync-config-error-quark, sync_config_error)

#define ENV_PREFIX "COACHBOOK_SYNC_"

typedef enum
{
  KEY_STRING,
  KEY_UINT,
  KEY_BOOL,
  KEY_SIZE,
} KeyType;

typedef struct
{
  const char *section;
  const char *key;
  KeyType     type;
  gsize       offset;
  guint64     min;
  guint64     max;
  const char *fallback;
} KeyInfo;

#define OFF(f) offsetof (SyncConfig, f)

/* The single list of settings: defaults, ranges and names of the
 * environment variables all derive from it. Keep it in step with
 * coachbook-sync.conf.example. */
static const KeyInfo keys[] = {
  { "http", "listen", KEY_STRING, OFF (listen), 0, 0, "127.0.0.1" },
  { "http", "port", KEY_UINT, OFF (port), 0, 65535, "8080" },
  { "http", "tls_certificate", KEY_STRING, OFF (tls_certificate), 0, 0, "" },
  { "http", "tls_key", KEY_STRING, OFF (tls_key), 0, 0, "" },
  { "http", "max_body_size", KEY_SIZE, OFF (max_body_size), 1024, G_GUINT64_CONSTANT (1) << 32, "16M" },
  { "http", "request_timeout", KEY_UINT, OFF (request_timeout), 1, 3600, "60" },
  { "http", "shutdown_timeout", KEY_UINT, OFF (shutdown_timeout), 0, 3600, "30" },
  { "http", "trust_x_forwarded_for", KEY_BOOL, OFF (trust_x_forwarded_for), 0, 0, "false" },
  { "database", "url", KEY_STRING, OFF (database_url), 0, 0, "postgresql:///coachbook" },
  { "database", "pool_size", KEY_UINT, OFF (pool_size), 1, 256, "8" },
  { "database", "pool_timeout", KEY_UINT, OFF (pool_timeout), 1, 600, "10" },
  { "database", "connect_timeout", KEY_UINT, OFF (connect_timeout), 1, 600, "5" },
  { "database", "statement_timeout", KEY_UINT, OFF (statement_timeout), 0, 3600, "30" },
  { "auth", "token_lifetime_days", KEY_UINT, OFF (token_lifetime_days), 0, 36500, "365" },
  { "auth", "login_max_failures", KEY_UINT, OFF (login_max_failures), 1, 1000, "5" },
  { "auth", "login_failure_window", KEY_UINT, OFF (login_failure_window), 1, 86400, "60" },
  { "blobs", "backend", KEY_STRING, OFF (blob_backend), 0, 0, "fs" },
  { "blobs", "max_file_size", KEY_SIZE, OFF (blob_max_file_size), 1, G_GUINT64_CONSTANT (1) << 42, "8G" },
  { "blobs", "quota_per_week", KEY_SIZE, OFF (blob_quota_per_week), 0, G_GUINT64_CONSTANT (1) << 50, "4G" },
  { "blobs", "part_size", KEY_SIZE, OFF (blob_part_size), 1024, G_GUINT64_CONSTANT (5) << 30, "16M" },
  { "blobs", "multipart_threshold", KEY_SIZE, OFF (blob_multipart_threshold), 1024, G_GUINT64_CONSTANT (5) << 30, "64M" },
  { "blobs", "url_lifetime", KEY_UINT, OFF (blob_url_lifetime), 1, 604800, "3600" },
  { "blobs", "orphan_grace_hours", KEY_UINT, OFF (blob_orphan_grace_hours), 1, 8760, "48" },
  { "blobs", "orphan_check_interval", KEY_UINT, OFF (blob_orphan_check_interval), 1, 86400, "900" },
  { "blobs", "fs_path", KEY_STRING, OFF (blob_fs_path), 0, 0, "/var/lib/coachbook-sync/blobs" },
  { "blobs", "fs_secret", KEY_STRING, OFF (blob_fs_secret), 0, 0, "" },
  { "blobs", "public_url", KEY_STRING, OFF (blob_public_url), 0, 0, "" },
  { "blobs", "s3_endpoint", KEY_STRING, OFF (s3_endpoint), 0, 0, "https://s3.amazonaws.com" },
  { "blobs", "s3_region", KEY_STRING, OFF (s3_region), 0, 0, "us-east-1" },
  { "blobs", "s3_bucket", KEY_STRING, OFF (s3_bucket), 0, 0, "" },
  { "blobs", "s3_access_key", KEY_STRING, OFF (s3_access_key), 0, 0, "" },
  { "blobs", "s3_secret_key", KEY_STRING, OFF (s3_secret_key), 0, 0, "" },
  { "blobs", "s3_path_style", KEY_BOOL, OFF (s3_path_style), 0, 0, "true" },
  { "mail", "smtp_url", KEY_STRING, OFF (mail_smtp_url), 0, 0, "" },
  { "mail", "smtp_tls", KEY_STRING, OFF (mail_smtp_tls), 0, 0, "required" },
  { "mail", "smtp_user", KEY_STRING, OFF (mail_smtp_user), 0, 0, "" },
  { "mail", "smtp_password", KEY_STRING, OFF (mail_smtp_password), 0, 0, "" },
  { "mail", "smtp_ca_file", KEY_STRING, OFF (mail_smtp_ca_file), 0, 0, "" },
  { "mail", "smtp_timeout", KEY_UINT, OFF (mail_smtp_timeout), 1, 3600, "60" },
  { "mail", "from", KEY_STRING, OFF (mail_from), 0, 0, "" },
  { "mail", "from_name", KEY_STRING, OFF (mail_from_name), 0, 0, "Coachbook" },
  { "mail", "public_url", KEY_STRING, OFF (mail_public_url), 0, 0, "" },
  { "mail", "link_secret", KEY_STRING, OFF (mail_link_secret), 0, 0, "" },
  { "mail", "workers", KEY_UINT, OFF (mail_workers), 0, 64, "2" },
  { "mail", "hold_s", KEY_UINT, OFF (mail_hold_s), 0, 86400, "60" },
  { "mail", "max_attempts", KEY_UINT, OFF (mail_max_attempts), 1, 100, "8" },
  { "mail", "retry_base_s", KEY_UINT, OFF (mail_retry_base_s), 1, 86400, "30" },
  { "mail", "lease_s", KEY_UINT, OFF (mail_lease_s), 1, 86400, "300" },
  { "mail", "team_rate_per_min", KEY_UINT, OFF (mail_team_rate_per_min), 0, 1000000, "120" },
  { "mail", "poll_ms", KEY_UINT, OFF (mail_poll_ms), 10, 600000, "1000" },
  { "debug", "push_delay_ms", KEY_UINT, OFF (push_delay_ms), 0, 60000, "0" },
};

static char *
env_name (const KeyInfo *info)
{
  g_autofree char *name = g_strdup_printf (ENV_PREFIX "%s_%s", info->section, info->key);

  return g_ascii_strup (name, -1);
}

static gboolean
parse_size (const char *text,
            guint64    *out)
{
  g_autofree char *s = g_strstrip (g_strdup (text));
  char *end = NULL;
  guint64 v;
  guint shift = 0;

  if (*s == '\0' || !g_ascii_isdigit (*s))
    return FALSE;
  v = g_ascii_strtoull (s, &end, 10);
  if (end[0] != '\0')
    {
      switch (g_ascii_toupper (end[0]))
        {
        case 'K': shift = 10; break;
        case 'M': shift = 20; break;
        case 'G': shift = 30; break;
        default: return FALSE;
        }
      if (end[1] != '\0' && !(g_ascii_toupper (end[1]) == 'B' && end[2] == '\0') &&
          !(end[1] == 'i' && g_ascii_toupper (end[2]) == 'B' && end[3] == '\0'))
        return FALSE;
    }
  if (shift && v > (G_MAXUINT64 >> shift))
    return FALSE;
  *out = v << shift;
  return TRUE;
}

/* Stores one textual value; origin names where it came from for errors. */
static gboolean
set_value (SyncConfig     *self,
           const KeyInfo  *info,
           const char     *value,
           const char     *origin,
           GError        **error)
{
  gpointer field = (guint8 *) self + info->offset;
  g_autofree char *v = g_strstrip (g_strdup (value));

  switch (info->type)
    {
    case KEY_STRING:
      g_free (*(char **) field);
      *(char **) field = g_steal_pointer (&v);
      return TRUE;

    case KEY_BOOL:
      if (g_ascii_strcasecmp (v, "true") == 0 || g_strcmp0 (v, "1") == 0 ||
          g_ascii_strcasecmp (v, "yes") == 0)
        *(gboolean *) field = TRUE;
      else if (g_ascii_strcasecmp (v, "false") == 0 || g_strcmp0 (v, "0") == 0 ||
               g_ascii_strcasecmp (v, "no") == 0)
        *(gboolean *) field = FALSE;
      else
        {
          g_set_error (error, SYNC_CONFIG_ERROR, SYNC_CONFIG_ERROR_INVALID,
                       "%s: %s.%s must be true or false, not \"%s\"",
                       origin, info->section, info->key, v);
          return FALSE;
        }
      return TRUE;

    case KEY_UINT:
    case KEY_SIZE:
      {
        guint64 n = 0;
        gboolean ok;

        if (info->type == KEY_SIZE)
          ok = parse_size (v, &n);
        else
          ok = g_ascii_string_to_unsigned (v, 10, 0, G_MAXUINT64, &n, NULL);
        if (!ok || n < info->min || n > info->max)
          {
            g_set_error (error, SYNC_CONFIG_ERROR, SYNC_CONFIG_ERROR_INVALID,
                         "%s: %s.%s must be %s from %" G_GUINT64_FORMAT " to %" G_GUINT64_FORMAT
                         ", not \"%s\"", origin, info->section, info->key,
                         info->type == KEY_SIZE ? "a size in bytes (K, M, G suffixes allowed)"
                                                : "a whole number",
                         info->min, info->max, v);
            return FALSE;
          }
        if (info->type == KEY_SIZE)
          *(guint64 *) field = n;
        else
          *(guint *) field = (guint) n;
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

static const KeyInfo *
lookup_key (const char *section,
            const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (g_strcmp0 (keys[i].section, section) == 0 && g_strcmp0 (keys[i].key, key) == 0)
      return &keys[i];
  return NULL;
}

SyncConfig *
sync_config_new (void)
{
  SyncConfig *self = g_new0 (SyncConfig, 1);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (!set_value (self, &keys[i], keys[i].fallback, "default", NULL))
      g_assert_not_reached ();
  return self;
}

void
sync_config_free (SyncConfig *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (keys[i].type == KEY_STRING)
      g_free (*(char **) ((guint8 *) self + keys[i].offset));
  g_free (self);
}

gboolean
sync_config_load_data (SyncConfig  *self,
                       const char  *data,
                       const char  *origin,
                       GError     **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_auto(GStrv) groups = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (!g_key_file_load_from_data (kf, data, -1, G_KEY_FILE_NONE, error))
    {
      g_prefix_error (error, "%s: ", origin);
      return FALSE;
    }

  /* A misspelt key silently ignored is a setting that does not apply:
   * refuse what we do not know. */
  groups = g_key_file_get_groups (kf, NULL);
  for (guint g = 0; groups[g] != NULL; g++)
    {
      g_auto(GStrv) names = g_key_file_get_keys (kf, groups[g], NULL, NULL);

      for (guint k = 0; names && names[k] != NULL; k++)
        {
          const KeyInfo *info = lookup_key (groups[g], names[k]);
          g_autofree char *value = NULL;

          if (info == NULL)
            {
              g_set_error (error, SYNC_CONFIG_ERROR, SYNC_CONFIG_ERROR_INVALID,
                           "%s: unknown setting %s.%s", origin, groups[g], names[k]);
              return FALSE;
            }
          /* Strings are taken raw so a URL keeps its backslashes. */
          value = info->type == KEY_STRING
                  ? g_key_file_get_value (kf, groups[g], names[k], error)
                  : g_key_file_get_string (kf, groups[g], names[k], error);
          if (value == NULL || !set_value (self, info, value, origin, error))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
sync_config_load_file (SyncConfig  *self,
                       const char  *path,
                       GError     **error)
{
  g_autofree char *data = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_get_contents (path, &data, NULL, error))
    return FALSE;
  return sync_config_load_data (self, data, path, error);
}

gboolean
sync_config_load_env (SyncConfig  *self,
                      char       **envp,
                      GError     **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *name = env_name (&keys[i]);
      const char *value = g_environ_getenv (envp, name);

      if (value != NULL && !set_value (self, &keys[i], value, name, error))
        return FALSE;
    }

  for (guint i = 0; envp && envp[i] != NULL; i++)
    {
      gboolean known = FALSE;

      if (!g_str_has_prefix (envp[i], ENV_PREFIX))
        continue;
      for (guint k = 0; k < G_N_ELEMENTS (keys) && !known; k++)
        {
          g_autofree char *name = env_name (&keys[k]);
          gsize len = strlen (name);

          known = strncmp (envp[i], name, len) == 0 && envp[i][len] == '=';
        }
      if (!known)
        g_warning ("ignoring unknown setting in the environment: %.*s",
                   (int) strcspn (envp[i], "="), envp[i]);
    }
  return TRUE;
}

gboolean
sync_config_validate (SyncConfig  *self,
                      GError     **error)
{
  g_autoptr(GInetAddress) address = NULL;
  gboolean has_cert;
  gboolean has_key;

  g_return_val_if_fail (self != NULL, FALSE);

  address = g_inet_address_new_from_string (self->listen);
  if (address == NULL)
    {
      g_set_error (error, SYNC_CONFIG_ERROR, SYNC_CONFIG_ERROR_INVALID,
                   "http.listen must be an IP address such as 127.0.0.1 or ::, not \"%s\"",
                   self->listen);
      return FALSE;
    }

  has_cert = self->tls_certificate[0] != '\0';
  has_key = self->tls_key[0] != '\0';
  if (has_cert != has_key)
    {
      g_set_error_literal (error, SYNC_CONFIG_ERROR, SYNC_CONFIG_ERROR_INVALID,
                           "http.tls_certificate and http.tls_key go together: set both or neither");
      return FALSE;
    }

  if (g_strcmp0 (self->blob_backend, "fs") != 0 && g_strcmp0 (self->blob_backend, "s3") != 0)
    {
      g_set_error (error, SYNC_CONFIG_ERROR, SYNC_CONFIG_ERROR_INVALID,
                   "blobs.backend must be fs or s3, not \"%s\"", self->blob_backend);
      return FALSE;
    }
  if (g_strcmp0 (self->blob_backend, "s3") == 0 &&
      (self->s3_bucket[0] == '\0' || self->s3_access_key[0] == '\0' || self->s3_secret_key[0] == '\0'))
    {
      g_set_error_literal (error, SYNC_CONFIG_ERROR, SYNC_CONFIG_ERROR_INVALID,
                           "blobs.backend = s3 needs blobs.s3_bucket, blobs.s3_access_key and blobs.s3_secret_key");
      return FALSE;
    }
  if (self->blob_multipart_threshold < self->blob_part_size)
    {
      g_set_error_literal (error, SYNC_CONFIG_ERROR, SYNC_CONFIG_ERROR_INVALID,
                           "blobs.multipart_threshold must not be below blobs.part_size");
      return FALSE;
    }

  if (g_strcmp0 (self->mail_smtp_tls, "required") != 0 && g_strcmp0 (self->mail_smtp_tls, "none") != 0)
    {
      g_set_error (error, SYNC_CONFIG_ERROR, SYNC_CONFIG_ERROR_INVALID,
                   "mail.smtp_tls must be required or none, not \"%s\"", self->mail_smtp_tls);
      return FALSE;
    }
  if (self->mail_smtp_url[0] != '\0' &&
      !g_str_has_prefix (self->mail_smtp_url, "smtp://") && !g_str_has_prefix (self->mail_smtp_url, "smtps://"))
    {
      g_set_error (error, SYNC_CONFIG_ERROR, SYNC_CONFIG_ERROR_INVALID,
                   "mail.smtp_url must start with smtp:// or smtps://, not \"%s\"", self->mail_smtp_url);
      return FALSE;
    }
  if (self->mail_smtp_url[0] != '\0' && strchr (self->mail_from, '@') == NULL)
    {
      g_set_error_literal (error, SYNC_CONFIG_ERROR, SYNC_CONFIG_ERROR_INVALID,
                           "mail.smtp_url needs mail.from, the sender address");
      return FALSE;
    }

  if (self->database_url[0] == '\0')
    {
      g_set_error_literal (error, SYNC_CONFIG_ERROR, SYNC_CONFIG_ERROR_INVALID,
                           "database.url must not be empty");
      return FALSE;
    }
  return TRUE;
}
