/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-sync-service"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "coach-blob-transfer.h"
#include "coach-catalog-private.h"
#include "coach-credentials.h"
#include "coach-sync-client.h"
#include "coach-sync-engine.h"
#include "coach-sync-service-private.h"

G_DEFINE_FINAL_TYPE (CoachSyncService, coach_sync_service, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (CoachSyncState, coach_sync_state,
                    G_DEFINE_ENUM_VALUE (COACH_SYNC_STATE_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (COACH_SYNC_STATE_SYNCING, "syncing"),
                    G_DEFINE_ENUM_VALUE (COACH_SYNC_STATE_SYNCED, "synced"),
                    G_DEFINE_ENUM_VALUE (COACH_SYNC_STATE_OFFLINE, "offline"),
                    G_DEFINE_ENUM_VALUE (COACH_SYNC_STATE_ERROR, "error"),
                    G_DEFINE_ENUM_VALUE (COACH_SYNC_STATE_SIGNED_OUT, "signed-out"),
                    G_DEFINE_ENUM_VALUE (COACH_SYNC_STATE_UPGRADE_REQUIRED, "upgrade-required"))

GParamSpec *_coach_sync_service_properties[N_PROPS];

typedef struct
{
  char           *path;
  char           *url;
  char           *email;
  char           *device;
  CoachSyncStats  stats;
  CoachBlobStats  blob_stats;
  char           *files_error;  /* some files did not move; metadata did */
  guint           generation;
} RunData;

typedef struct
{
  CoachSyncService *self;
  double            fraction;
  char             *sha256;      /* the file moving now, or NULL */
  guint64           file_done;
  guint64           file_total;
} ProgressUpdate;

enum {
  FILE_PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void coach_sync_service_run (CoachSyncService *self);

/* ------------------------------------------------------------------------- */

static void
run_data_free (RunData *data)
{
  g_free (data->files_error);
  g_free (data->path);
  g_free (data->url);
  g_free (data->email);
  g_free (data->device);
  g_free (data);
}

static gint64
now_ms (void)
{
  return g_get_real_time () / 1000;
}

static gint64
outbox_max_mid (CoachCatalog *catalog)
{
  gint64 mid = 0;

  coach_db_query_int (_coach_catalog_get_db (catalog), "SELECT coalesce (max (mid), 0) FROM outbox", &mid, NULL);
  return mid;
}

void
_coach_sync_service_set_state (CoachSyncService *self,
           CoachSyncState    state,
           const char       *message,
           const char       *details)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), _coach_sync_service_properties[PROP_STATE]);
    }
  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), _coach_sync_service_properties[PROP_MESSAGE]);
    }
  if (g_strcmp0 (self->details, details) != 0)
    {
      g_free (self->details);
      self->details = g_strdup (details);
      g_object_notify_by_pspec (G_OBJECT (self), _coach_sync_service_properties[PROP_DETAILS]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_progress (CoachSyncService *self,
              double            progress)
{
  if (self->progress == progress)
    return;
  self->progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), _coach_sync_service_properties[PROP_PROGRESS]);
}

/* Counts the main thread shows: what waits to be sent, what to review. */
static void
refresh_counts (CoachSyncService *self)
{
  gint64 pending = coach_catalog_outbox_count (self->catalog, NULL);
  gint64 conflicts = coach_catalog_count_conflicts (self->catalog, NULL);

  if (pending >= 0 && (guint) pending != self->pending)
    {
      self->pending = (guint) pending;
      g_object_notify_by_pspec (G_OBJECT (self), _coach_sync_service_properties[PROP_PENDING]);
    }
  if (conflicts >= 0 && (guint) conflicts != self->conflicts)
    {
      self->conflicts = (guint) conflicts;
      g_object_notify_by_pspec (G_OBJECT (self), _coach_sync_service_properties[PROP_CONFLICTS]);
    }
}

static gboolean
is_blocked (CoachSyncService *self)
{
  return self->state == COACH_SYNC_STATE_SIGNED_OUT || self->state == COACH_SYNC_STATE_UPGRADE_REQUIRED;
}

static gboolean
timer_fired_cb (gpointer user_data)
{
  CoachSyncService *self = user_data;

  self->timer_id = 0;
  coach_sync_service_run (self);
  return G_SOURCE_REMOVE;
}

/* Runs in @delay_ms. A later deadline replaces a sooner one only when
 * @extend (debouncing: the last write counts). */
static void
arm_timer (CoachSyncService *self,
           gint64            delay_ms,
           gboolean          extend)
{
  gint64 due;

  if (delay_ms < 0)
    return;
  due = g_get_monotonic_time () / 1000 + delay_ms;
  if (self->timer_id != 0 && !extend && self->timer_due <= due)
    return;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  self->timer_due = due;
  self->timer_id = g_timeout_add_full (G_PRIORITY_LOW, (guint) MIN (delay_ms, G_MAXUINT), timer_fired_cb, self, NULL);
}

static void
trigger (CoachSyncService *self,
         CoachSyncTrigger  what)
{
  gint64 delay;

  if (!coach_sync_service_get_signed_in (self))
    return;
  if (is_blocked (self) && what != COACH_SYNC_TRIGGER_MANUAL)
    return;
  if (self->running)
    {
      if (what == COACH_SYNC_TRIGGER_MANUAL)
        self->rerun = TRUE;
      return;
    }

  delay = coach_sync_next_delay (&self->timing, what, self->failures, now_ms (), self->retry_at,
                                 g_random_double ());
  arm_timer (self, delay, what == COACH_SYNC_TRIGGER_LOCAL_CHANGE || what == COACH_SYNC_TRIGGER_MANUAL);
}

static void
catalog_changed_cb (CoachSyncService *self,
                    const char       *table,
                    CoachCatalog     *catalog)
{
  gint64 mid = outbox_max_mid (self->catalog);

  refresh_counts (self);
  /* Only local writes add to the outbox; what a run pulled does not, so a
   * run does not set off the next one. */
  if (mid > self->seen_mid)
    {
      self->seen_mid = mid;
      if (!self->running)
        trigger (self, COACH_SYNC_TRIGGER_LOCAL_CHANGE);
    }
}

static void
network_changed_cb (CoachSyncService *self,
                    gboolean          available,
                    GNetworkMonitor  *monitor)
{
  if (available)
    trigger (self, COACH_SYNC_TRIGGER_NETWORK);
}

/* ------------------------------------------------------------------------- */
/* A run */

static gboolean
apply_progress_cb (gpointer user_data)
{
  ProgressUpdate *update = user_data;

  if (update->self->running)
    {
      set_progress (update->self, update->fraction);
      if (update->sha256 != NULL && update->file_total > 0)
        g_signal_emit (update->self, signals[FILE_PROGRESS], 0,
                       update->sha256, update->file_done, update->file_total);
    }
  g_object_unref (update->self);
  g_free (update->sha256);
  g_free (update);
  return G_SOURCE_REMOVE;
}

/* Runs on the worker: hands the share of bytes moved to the main thread
 * (the transfer reports about ten times a second). */
static void
files_progress_cb (const CoachBlobProgress *progress,
                   gpointer                 user_data)
{
  CoachSyncService *self = user_data;
  ProgressUpdate *update;

  if (progress->bytes_total == 0)
    return;
  update = g_new0 (ProgressUpdate, 1);
  update->self = g_object_ref (self);
  update->fraction = CLAMP ((double) progress->bytes_done / (double) progress->bytes_total, 0.0, 1.0);
  update->sha256 = g_strdup (progress->sha256);
  update->file_done = progress->file_done;
  update->file_total = progress->file_total;
  g_main_context_invoke (self->main_context, apply_progress_cb, update);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  CoachSyncService *self = source_object;
  RunData *data = task_data;
  g_autoptr(CoachSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;
  char *token;

  /* The connection is opened here, once, and used only by runs, which
   * never overlap. */
  if (self->worker_catalog == NULL &&
      (self->worker_catalog = coach_catalog_open_file (data->path, 0, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  token = coach_credentials_lookup (data->url, data->email, data->device, cancellable, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (token == NULL)
    {
      g_task_return_new_error (task, COACH_SYNC_ERROR, COACH_SYNC_ERROR_UNAUTHORIZED,
                               _("The keyring has no sign-in for this catalog"));
      return;
    }

  client = coach_sync_client_new (data->url, &error);
  if (client == NULL)
    {
      coach_credentials_free (token);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  coach_sync_client_set_token (client, token);
  coach_sync_client_set_timeout (client, REQUEST_TIMEOUT_S);
  coach_credentials_free (token);

  if (!coach_catalog_sync_once (self->worker_catalog, client, &data->stats, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Files travel after the records that name them. One file that cannot
   * move does not fail the run: the records are in sync, and the next run
   * tries the file again. */
  if (!coach_catalog_sync_blobs (self->worker_catalog, client, &data->blob_stats,
                                 files_progress_cb, self, cancellable, &error))
    {
      if (!g_error_matches (error, COACH_BLOB_ERROR, COACH_BLOB_ERROR_FAILED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      data->files_error = g_strdup (error->message);
    }
  g_task_return_boolean (task, TRUE);
}

static char *
summary (const CoachSyncStats *stats)
{
  if (stats->conflicts + stats->rejected > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Up to date; %u change needs a look",
                                         "Up to date; %u changes need a look", stats->conflicts + stats->rejected),
                            stats->conflicts + stats->rejected);
  return g_strdup (_("Up to date"));
}

static void
run_failed (CoachSyncService *self,
            const GError     *error)
{
  CoachSyncState state = coach_sync_state_for_error (error);

  switch (state)
    {
    case COACH_SYNC_STATE_SIGNED_OUT:
      /* A revoked device does not get better by retrying; the outbox
       * waits for the coach to sign in again. */
      _coach_sync_service_set_state (self, state, _("Signed out; sign in again to sync"), error->message);
      g_clear_handle_id (&self->timer_id, g_source_remove);
      return;
    case COACH_SYNC_STATE_UPGRADE_REQUIRED:
      _coach_sync_service_set_state (self, state, _("Update Coachbook to keep syncing"), error->message);
      g_clear_handle_id (&self->timer_id, g_source_remove);
      return;
    default:
      break;
    }

  self->failures++;
  self->retry_at = now_ms () + coach_sync_next_delay (&self->timing, COACH_SYNC_TRIGGER_AFTER_FAILURE,
                                                      self->failures, now_ms (), 0, g_random_double ());
  _coach_sync_service_set_state (self, state,
                                 state == COACH_SYNC_STATE_OFFLINE ? _("Offline; changes are kept and sent later")
                                                                   : _("Sync failed; trying again soon"),
                                 error->message);
  arm_timer (self, self->retry_at - now_ms (), TRUE);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  CoachSyncService *self = COACH_SYNC_SERVICE (source);
  RunData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);
  gboolean stale = data->generation != self->generation;

  self->running = FALSE;
  set_progress (self, ok ? 1.0 : 0.0);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || stale)
    {
      /* sign-in or sign-out took over; it has set the state */
      if (stale && coach_sync_service_get_signed_in (self) && !is_blocked (self))
        trigger (self, COACH_SYNC_TRIGGER_MANUAL);
      return;
    }

  if (ok)
    {
      g_autofree char *text = summary (&data->stats);
      g_autofree char *stamp = NULL;

      self->failures = 0;
      self->retry_at = 0;
      if (data->files_error == NULL)
        self->file_failures = 0;
      self->last_sync = now_ms ();
      stamp = g_strdup_printf ("%" G_GINT64_FORMAT, self->last_sync);
      coach_catalog_set_meta (self->catalog, META_LAST_SYNC, stamp, NULL);
      g_object_notify_by_pspec (G_OBJECT (self), _coach_sync_service_properties[PROP_LAST_SYNC]);
      _coach_sync_service_set_state (self, COACH_SYNC_STATE_SYNCED, text, data->files_error);
      g_debug ("Synced: %u sent, %u refused, %u received, %u conflicts",
               data->stats.pushed, data->stats.rejected, data->stats.pulled, data->stats.conflicts);
    }
  else
    run_failed (self, error);

  /* The worker wrote through its own connection: show it now rather than
   * at the next check. Its "changed" does not start a run (see above). */
  coach_catalog_check_external_changes (self->catalog);
  refresh_counts (self);

  if (is_blocked (self))
    return;
  if (self->rerun || outbox_max_mid (self->catalog) > self->run_start_mid)
    {
      self->rerun = FALSE;
      trigger (self, COACH_SYNC_TRIGGER_LOCAL_CHANGE);
    }
  else if (ok && data->files_error != NULL)
    {
      /* records are in sync; the files are tried again with the same
       * backoff as a failed run, and at least as often as the poll */
      self->file_failures++;
      arm_timer (self, MIN ((gint64) self->timing.poll_ms,
                            coach_sync_next_delay (&self->timing, COACH_SYNC_TRIGGER_AFTER_FAILURE,
                                                   self->file_failures, now_ms (), 0, g_random_double ())),
                 TRUE);
    }
  else if (ok)
    arm_timer (self, self->timing.poll_ms, TRUE);
}

static void
coach_sync_service_run (CoachSyncService *self)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  if (self->running)
    {
      self->rerun = TRUE;
      return;
    }
  if (!coach_sync_service_get_signed_in (self))
    return;

  g_clear_handle_id (&self->timer_id, g_source_remove);
  data = g_new0 (RunData, 1);
  data->path = g_strdup (coach_catalog_get_path (self->catalog));
  data->url = coach_catalog_get_meta (self->catalog, META_URL);
  data->email = coach_catalog_get_meta (self->catalog, META_EMAIL);
  data->device = coach_catalog_get_meta (self->catalog, META_DEVICE);
  data->generation = self->generation;

  self->running = TRUE;
  self->rerun = FALSE;
  self->run_start_mid = outbox_max_mid (self->catalog);
  set_progress (self, -1.0);
  _coach_sync_service_set_state (self, COACH_SYNC_STATE_SYNCING, _("Syncing…"), self->details);

  task = g_task_new (self, self->cancellable, run_done_cb, NULL);
  g_task_set_source_tag (task, coach_sync_service_run);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  g_task_run_in_thread (task, run_thread);
}

const char *
coach_sync_state_get_icon_name (CoachSyncState state)
{
  switch (state)
    {
    case COACH_SYNC_STATE_IDLE:
    case COACH_SYNC_STATE_SYNCING:
      return "emblem-synchronizing-symbolic";
    case COACH_SYNC_STATE_SYNCED:
      return "emblem-ok-symbolic";
    case COACH_SYNC_STATE_OFFLINE:
      return "network-offline-symbolic";
    case COACH_SYNC_STATE_ERROR:
      return "dialog-warning-symbolic";
    case COACH_SYNC_STATE_SIGNED_OUT:
      return "dialog-password-symbolic";
    case COACH_SYNC_STATE_UPGRADE_REQUIRED:
      return "software-update-urgent-symbolic";
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
coach_sync_state_get_title (CoachSyncState state)
{
  switch (state)
    {
    case COACH_SYNC_STATE_IDLE:
      return _("Sync Off");
    case COACH_SYNC_STATE_SYNCING:
      return _("Syncing");
    case COACH_SYNC_STATE_SYNCED:
      return _("Synced");
    case COACH_SYNC_STATE_OFFLINE:
      return _("Offline");
    case COACH_SYNC_STATE_ERROR:
      return _("Sync Problem");
    case COACH_SYNC_STATE_SIGNED_OUT:
      return _("Signed Out");
    case COACH_SYNC_STATE_UPGRADE_REQUIRED:
      return _("Update Required");
    default:
      g_return_val_if_reached (NULL);
    }
}

CoachSyncState
coach_sync_state_for_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, COACH_SYNC_STATE_ERROR);

  if (error->domain != COACH_SYNC_ERROR)
    return COACH_SYNC_STATE_ERROR;  /* the keyring, the catalog */
  switch (error->code)
    {
    case COACH_SYNC_ERROR_UNAUTHORIZED:
      return COACH_SYNC_STATE_SIGNED_OUT;
    case COACH_SYNC_ERROR_UPGRADE_REQUIRED:
      return COACH_SYNC_STATE_UPGRADE_REQUIRED;
    case COACH_SYNC_ERROR_NETWORK:
      return COACH_SYNC_STATE_OFFLINE;
    default:
      return COACH_SYNC_STATE_ERROR;
    }
}

void
_coach_sync_service_account_changed (CoachSyncService *self)
{
  self->generation++;
  self->failures = 0;
  self->retry_at = 0;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_object_notify_by_pspec (G_OBJECT (self), _coach_sync_service_properties[PROP_SIGNED_IN]);
}

/* ------------------------------------------------------------------------- */

static void
coach_sync_service_dispose (GObject *object)
{
  CoachSyncService *self = COACH_SYNC_SERVICE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_data (self->catalog, self);
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (coach_sync_service_parent_class)->dispose (object);
}

static void
coach_sync_service_finalize (GObject *object)
{
  CoachSyncService *self = COACH_SYNC_SERVICE (object);

  /* Runs hold a reference: none is going now. */
  g_clear_object (&self->worker_catalog);
  g_clear_object (&self->catalog);
  g_clear_object (&self->cancellable);
  g_main_context_unref (self->main_context);
  g_free (self->message);
  g_free (self->details);

  G_OBJECT_CLASS (coach_sync_service_parent_class)->finalize (object);
}

static void
coach_sync_service_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CoachSyncService *self = COACH_SYNC_SERVICE (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_DETAILS:
      g_value_set_string (value, self->details);
      break;
    case PROP_LAST_SYNC:
      g_value_set_int64 (value, self->last_sync);
      break;
    case PROP_PENDING:
      g_value_set_uint (value, self->pending);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_CONFLICTS:
      g_value_set_uint (value, self->conflicts);
      break;
    case PROP_SIGNED_IN:
      g_value_set_boolean (value, coach_sync_service_get_signed_in (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_sync_service_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CoachSyncService *self = COACH_SYNC_SERVICE (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      self->catalog = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
coach_sync_service_constructed (GObject *object)
{
  CoachSyncService *self = COACH_SYNC_SERVICE (object);
  g_autofree char *last = NULL;

  G_OBJECT_CLASS (coach_sync_service_parent_class)->constructed (object);

  g_assert (COACH_IS_CATALOG (self->catalog));
  last = coach_catalog_get_meta (self->catalog, META_LAST_SYNC);
  self->last_sync = last ? g_ascii_strtoll (last, NULL, 10) : 0;
  self->seen_mid = outbox_max_mid (self->catalog);
  refresh_counts (self);
  if (coach_sync_service_get_signed_in (self))
    _coach_sync_service_set_state (self, COACH_SYNC_STATE_IDLE, _("Waiting to sync"), NULL);
  else
    _coach_sync_service_set_state (self, COACH_SYNC_STATE_IDLE, _("Not signed in to a team server"), NULL);
}

static void
coach_sync_service_class_init (CoachSyncServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = coach_sync_service_constructed;
  object_class->dispose = coach_sync_service_dispose;
  object_class->finalize = coach_sync_service_finalize;
  object_class->get_property = coach_sync_service_get_property;
  object_class->set_property = coach_sync_service_set_property;

  _coach_sync_service_properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, COACH_TYPE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  _coach_sync_service_properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, COACH_TYPE_SYNC_STATE, COACH_SYNC_STATE_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _coach_sync_service_properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _coach_sync_service_properties[PROP_DETAILS] =
    g_param_spec_string ("details", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _coach_sync_service_properties[PROP_LAST_SYNC] =
    g_param_spec_int64 ("last-sync", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _coach_sync_service_properties[PROP_PENDING] =
    g_param_spec_uint ("pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _coach_sync_service_properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, -1.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _coach_sync_service_properties[PROP_CONFLICTS] =
    g_param_spec_uint ("conflicts", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _coach_sync_service_properties[PROP_SIGNED_IN] =
    g_param_spec_boolean ("signed-in", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, _coach_sync_service_properties);

  /**
   * CoachSyncService::file-progress:
   * @sha256: the file being uploaded or downloaded
   * @done: its bytes moved so far
   * @total: its size
   *
   * About ten times a second while a run moves files, on the main thread.
   */
  signals[FILE_PROGRESS] =
    g_signal_new ("file-progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_UINT64, G_TYPE_UINT64);
}

static void
coach_sync_service_init (CoachSyncService *self)
{
  CoachSyncTiming timing = COACH_SYNC_TIMING_DEFAULT;

  self->timing = timing;
  self->cancellable = g_cancellable_new ();
  self->main_context = g_main_context_ref_thread_default ();
}

/* ------------------------------------------------------------------------- */

CoachSyncService *
coach_sync_service_new (CoachCatalog *catalog)
{
  g_return_val_if_fail (COACH_IS_CATALOG (catalog), NULL);
  return g_object_new (COACH_TYPE_SYNC_SERVICE, "catalog", catalog, NULL);
}

void
coach_sync_service_set_timing (CoachSyncService      *self,
                               const CoachSyncTiming *timing)
{
  g_return_if_fail (COACH_IS_SYNC_SERVICE (self));
  g_return_if_fail (timing != NULL);
  self->timing = *timing;
}

void
coach_sync_service_start (CoachSyncService *self)
{
  g_return_if_fail (COACH_IS_SYNC_SERVICE (self));

  if (self->started)
    return;
  self->started = TRUE;

  g_signal_connect_object (self->catalog, "changed", G_CALLBACK (catalog_changed_cb), self, G_CONNECT_SWAPPED);
  self->monitor = g_object_ref (g_network_monitor_get_default ());
  g_signal_connect_object (self->monitor, "network-changed", G_CALLBACK (network_changed_cb), self,
                           G_CONNECT_SWAPPED);

  /* Catch up soon after start, without slowing the first frame. */
  if (coach_sync_service_get_signed_in (self))
    arm_timer (self, self->timing.debounce_ms, FALSE);
}

void
coach_sync_service_sync_now (CoachSyncService *self)
{
  g_return_if_fail (COACH_IS_SYNC_SERVICE (self));
  trigger (self, COACH_SYNC_TRIGGER_MANUAL);
}

CoachCatalog *
coach_sync_service_get_catalog (CoachSyncService *self)
{
  g_return_val_if_fail (COACH_IS_SYNC_SERVICE (self), NULL);
  return self->catalog;
}

CoachSyncState
coach_sync_service_get_state (CoachSyncService *self)
{
  g_return_val_if_fail (COACH_IS_SYNC_SERVICE (self), COACH_SYNC_STATE_IDLE);
  return self->state;
}

const char *
coach_sync_service_get_message (CoachSyncService *self)
{
  g_return_val_if_fail (COACH_IS_SYNC_SERVICE (self), NULL);
  return self->message;
}

const char *
coach_sync_service_get_details (CoachSyncService *self)
{
  g_return_val_if_fail (COACH_IS_SYNC_SERVICE (self), NULL);
  return self->details;
}

gint64
coach_sync_service_get_last_sync (CoachSyncService *self)
{
  g_return_val_if_fail (COACH_IS_SYNC_SERVICE (self), 0);
  return self->last_sync;
}

guint
coach_sync_service_get_pending (CoachSyncService *self)
{
  g_return_val_if_fail (COACH_IS_SYNC_SERVICE (self), 0);
  return self->pending;
}

double
coach_sync_service_get_progress (CoachSyncService *self)
{
  g_return_val_if_fail (COACH_IS_SYNC_SERVICE (self), 0.0);
  return self->progress;
}

guint
coach_sync_service_get_conflicts (CoachSyncService *self)
{
  g_return_val_if_fail (COACH_IS_SYNC_SERVICE (self), 0);
  return self->conflicts;
}

gboolean
coach_sync_service_get_signed_in (CoachSyncService *self)
{
  g_autofree char *url = NULL;
  g_autofree char *email = NULL;
  g_autofree char *device = NULL;

  g_return_val_if_fail (COACH_IS_SYNC_SERVICE (self), FALSE);

  url = coach_catalog_get_meta (self->catalog, META_URL);
  email = coach_catalog_get_meta (self->catalog, META_EMAIL);
  device = coach_catalog_get_meta (self->catalog, META_DEVICE);
  return url != NULL && *url != '\0' && email != NULL && *email != '\0' && device != NULL && *device != '\0';
}

char *
coach_sync_service_dup_server_url (CoachSyncService *self)
{
  g_return_val_if_fail (COACH_IS_SYNC_SERVICE (self), NULL);
  return coach_catalog_get_meta (self->catalog, META_URL);
}

char *
coach_sync_service_dup_email (CoachSyncService *self)
{
  g_return_val_if_fail (COACH_IS_SYNC_SERVICE (self), NULL);
  return coach_catalog_get_meta (self->catalog, META_EMAIL);
}

GPtrArray *
coach_sync_service_list_conflicts (CoachSyncService  *self,
                                   GError           **error)
{
  g_return_val_if_fail (COACH_IS_SYNC_SERVICE (self), NULL);
  return coach_catalog_list_conflicts (self->catalog, error);
}

gboolean
coach_sync_service_reapply_conflict (CoachSyncService  *self,
                                     gint64             conflict_id,
                                     GError           **error)
{
  gboolean ok;

  g_return_val_if_fail (COACH_IS_SYNC_SERVICE (self), FALSE);

  /* The new outbox entry starts the usual debounced run. */
  ok = coach_catalog_reapply_conflict (self->catalog, conflict_id, error);
  refresh_counts (self);
  return ok;
}

gboolean
coach_sync_service_dismiss_conflict (CoachSyncService  *self,
                                     gint64             conflict_id,
                                     GError           **error)
{
  gboolean ok;

  g_return_val_if_fail (COACH_IS_SYNC_SERVICE (self), FALSE);
  ok = coach_catalog_dismiss_conflict (self->catalog, conflict_id, error);
  refresh_counts (self);
  return ok;
}
