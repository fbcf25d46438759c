/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Settings come from defaults, then the --config file, then the environment
 * (COACHBOOK_SYNC_<SECTION>_<KEY>, e.g. COACHBOOK_SYNC_DATABASE_URL), so a
 * container or a unit file can override one value without a file. */
typedef struct
{
  /* [http] */
  char     *listen;
  guint     port;
  char     *tls_certificate;
  char     *tls_key;
  guint64   max_body_size;
  guint     request_timeout;
  guint     shutdown_timeout;
  gboolean  trust_x_forwarded_for;

  /* [database] */
  char     *database_url;
  guint     pool_size;
  guint     pool_timeout;
  guint     connect_timeout;
  guint     statement_timeout;

  /* [auth] */
  guint     token_lifetime_days;
  guint     login_max_failures;
  guint     login_failure_window;

  /* [blobs] */
  char     *blob_backend;
  guint64   blob_max_file_size;
  guint64   blob_quota_per_week;
  guint64   blob_part_size;
  guint64   blob_multipart_threshold;
  guint     blob_url_lifetime;
  guint     blob_orphan_grace_hours;
  guint     blob_orphan_check_interval;
  char     *blob_fs_path;
  char     *blob_fs_secret;
  char     *blob_public_url;
  char     *s3_endpoint;
  char     *s3_region;
  char     *s3_bucket;
  char     *s3_access_key;
  char     *s3_secret_key;
  gboolean  s3_path_style;

  /* [mail] */
  char     *mail_smtp_url;
  char     *mail_smtp_tls;
  char     *mail_smtp_user;
  char     *mail_smtp_password;
  char     *mail_smtp_ca_file;
  guint     mail_smtp_timeout;
  char     *mail_from;
  char     *mail_from_name;
  char     *mail_public_url;
  char     *mail_link_secret;
  guint     mail_workers;
  guint     mail_hold_s;
  guint     mail_max_attempts;
  guint     mail_retry_base_s;
  guint     mail_lease_s;
  guint     mail_team_rate_per_min;
  guint     mail_poll_ms;

  /* [debug] */
  guint     push_delay_ms;
} SyncConfig;

#define SYNC_CONFIG_ERROR (sync_config_error_quark ())

typedef enum
{
  SYNC_CONFIG_ERROR_INVALID,
} SyncConfigError;

GQuark      sync_config_error_quark (void);
SyncConfig *sync_config_new         (void);
void        sync_config_free        (SyncConfig   *self);
gboolean    sync_config_load_file   (SyncConfig   *self,
                                     const char   *path,
                                     GError      **error);
gboolean    sync_config_load_data   (SyncConfig   *self,
                                     const char   *data,
                                     const char   *origin,
                                     GError      **error);
gboolean    sync_config_load_env    (SyncConfig   *self,
                                     char        **envp,
                                     GError      **error);
gboolean    sync_config_validate    (SyncConfig   *self,
                                     GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncConfig, sync_config_free)

G_END_DECLS
