/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-clip-transfers"

#include "config.h"

#include "coach-clip-transfers.h"

/* Progress arrives about ten times a second while a file moves; the part
 * rows it is read from change once per part. */
#define PROGRESS_REFRESH_MS 1000
#define CHANGE_REFRESH_MS 200
/* The first read waits for the window to be drawn: the grid is usable
 * before the file states are known. */
#define FIRST_READ_MS 500

struct _CoachClipTransfers
{
  GObject     parent_instance;

  char       *path;          /* the catalog file */
  GHashTable *states;        /* clip id -> CoachClipTransfer; NULL before the first read */

  GMutex      worker_lock;   /* one read at a time uses worker_db */
  CoachDb    *worker_db;

  gboolean    reading;
  gboolean    read_again;    /* asked for while a read was going */
  guint       timer_id;

  gboolean    moving;        /* files can move now: a sync run is under way */

  /* The file moving now, as the sync service reports it: finer than
   * what the catalog knows (nothing at all for a single PUT). */
  CoachCatalog *catalog;     /* to find the clips of a file */
  char        *live_sha256;
  char       **live_clips;   /* the clips with that file */
  double       live_fraction;
};

G_DEFINE_FINAL_TYPE (CoachClipTransfers, coach_clip_transfers, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A read: the states shown when it started (tables are never changed
 * once made, so the worker may compare with them) and what it found. */
typedef struct
{
  GHashTable *before;
  GHashTable *states;
  gboolean    same;
} Read;

static void start_read (CoachClipTransfers *self);
static gboolean same_states (GHashTable *a,
                             GHashTable *b);

/* ------------------------------------------------------------------------- */

static void
read_free (Read *read)
{
  g_clear_pointer (&read->before, g_hash_table_unref);
  g_clear_pointer (&read->states, g_hash_table_unref);
  g_free (read);
}

/* Also compares with what is shown: 30k entries are better compared here
 * than on the UI thread. */
static void
read_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CoachClipTransfers *self = source_object;
  Read *read = task_data;
  GError *error = NULL;

  g_mutex_lock (&self->worker_lock);
  if (self->worker_db == NULL)
    self->worker_db = coach_db_open (self->path, FALSE, &error);
  read->states = self->worker_db != NULL ? coach_db_get_clip_transfers (self->worker_db, NULL, &error) : NULL;
  g_mutex_unlock (&self->worker_lock);

  if (read->states == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  read->same = same_states (read->states, read->before);
  g_task_return_boolean (task, TRUE);
}

static gboolean
same_states (GHashTable *a,
             GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (a == NULL || b == NULL || g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const CoachClipTransfer *other = g_hash_table_lookup (b, key);
      const CoachClipTransfer *mine = value;

      if (other == NULL || other->state != mine->state ||
          other->fraction != mine->fraction || other->pinned != mine->pinned)
        return FALSE;
    }
  return TRUE;
}

static void
read_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CoachClipTransfers *self = COACH_CLIP_TRANSFERS (source);
  Read *read = g_task_get_task_data (G_TASK (result));
  g_autoptr(GTask) caller = user_data;
  g_autoptr(GError) error = NULL;

  self->reading = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("Cannot read the file states of clips: %s", error->message);
  /* Unchanged unless another read replaced the states meanwhile. */
  else if (!read->same || read->before != self->states)
    {
      g_clear_pointer (&self->states, g_hash_table_unref);
      self->states = g_steal_pointer (&read->states);
      g_signal_emit (self, signals[CHANGED], 0);
    }

  if (self->read_again)
    {
      self->read_again = FALSE;
      start_read (self);
    }
  if (caller != NULL)
    {
      if (error != NULL)
        g_task_return_error (caller, g_steal_pointer (&error));
      else
        g_task_return_boolean (caller, TRUE);
    }
}

static void
start_read_full (CoachClipTransfers *self,
                 GTask              *caller)
{
  g_autoptr(GTask) task = NULL;
  Read *read;

  if (self->reading && caller == NULL)
    {
      self->read_again = TRUE;
      return;
    }
  self->reading = TRUE;
  read = g_new0 (Read, 1);
  read->before = self->states != NULL ? g_hash_table_ref (self->states) : NULL;
  task = g_task_new (self, NULL, read_done_cb, caller != NULL ? g_object_ref (caller) : NULL);
  g_task_set_source_tag (task, start_read_full);
  g_task_set_task_data (task, read, (GDestroyNotify) read_free);
  g_task_run_in_thread (task, read_in_thread);
}

static void
start_read (CoachClipTransfers *self)
{
  start_read_full (self, NULL);
}

static gboolean
timer_cb (gpointer user_data)
{
  CoachClipTransfers *self = user_data;

  self->timer_id = 0;
  start_read (self);
  return G_SOURCE_REMOVE;
}

/* Reads after @delay_ms unless a read is due already: a burst of changes
 * costs one query. */
static void
schedule (CoachClipTransfers *self,
          guint               delay_ms)
{
  if (self->timer_id != 0)
    return;
  self->timer_id = g_timeout_add_full (G_PRIORITY_LOW, delay_ms, timer_cb, self, NULL);
}

static void
catalog_changed_cb (CoachClipTransfers *self,
                    const char         *table,
                    CoachCatalog       *catalog)
{
  schedule (self, CHANGE_REFRESH_MS);
}

static void
service_progress_cb (CoachClipTransfers *self,
                     GParamSpec         *pspec,
                     CoachSyncService   *service)
{
  schedule (self, PROGRESS_REFRESH_MS);
}

static void
clear_live (CoachClipTransfers *self)
{
  g_clear_pointer (&self->live_sha256, g_free);
  g_clear_pointer (&self->live_clips, g_strfreev);
  self->live_fraction = -1.0;
}

static void
service_file_progress_cb (CoachClipTransfers *self,
                          const char         *sha256,
                          guint64             done,
                          guint64             total,
                          CoachSyncService   *service)
{
  coach_clip_transfers_set_file_progress (self, sha256, done, total);
}

/* A file of some clip is moving: its share shows on the clip's tile at
 * once, rather than at the next read of the catalog (which knows nothing
 * of a single PUT under way). */
void
coach_clip_transfers_set_file_progress (CoachClipTransfers *self,
                                        const char         *sha256,
                                        guint64             done,
                                        guint64             total)
{
  g_return_if_fail (COACH_IS_CLIP_TRANSFERS (self));
  g_return_if_fail (sha256 != NULL);

  if (self->catalog == NULL || total == 0)
    return;
  if (g_strcmp0 (sha256, self->live_sha256) != 0)
    {
      g_autoptr(GError) error = NULL;

      clear_live (self);
      self->live_sha256 = g_strdup (sha256);
      self->live_clips = coach_catalog_clips_with_file (self->catalog, sha256, &error);
      if (self->live_clips == NULL)
        g_debug ("Cannot find the clips of a file: %s", error->message);
    }
  self->live_fraction = CLAMP ((double) done / (double) total, 0.0, 1.0);
  if (self->live_clips != NULL && self->live_clips[0] != NULL)
    g_signal_emit (self, signals[CHANGED], 0);
}

/* A run ended (or the account changed): the final states now. Between
 * runs nothing moves, whatever an interrupted transfer left in the
 * catalog: the tiles must not show a progress that stands still. */
static void
service_state_cb (CoachClipTransfers *self,
                  GParamSpec         *pspec,
                  CoachSyncService   *service)
{
  gboolean moving = coach_sync_service_get_state (service) == COACH_SYNC_STATE_SYNCING;

  g_clear_handle_id (&self->timer_id, g_source_remove);
  start_read (self);
  if (!moving)
    clear_live (self);
  if (moving != self->moving)
    {
      self->moving = moving;
      g_signal_emit (self, signals[CHANGED], 0);
    }
}

/* ------------------------------------------------------------------------- */

static void
coach_clip_transfers_dispose (GObject *object)
{
  CoachClipTransfers *self = COACH_CLIP_TRANSFERS (object);

  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (coach_clip_transfers_parent_class)->dispose (object);
}

static void
coach_clip_transfers_finalize (GObject *object)
{
  CoachClipTransfers *self = COACH_CLIP_TRANSFERS (object);

  /* A read in flight holds a reference: nothing uses the connection now. */
  g_clear_pointer (&self->worker_db, coach_db_close);
  g_mutex_clear (&self->worker_lock);
  g_clear_pointer (&self->states, g_hash_table_unref);
  g_free (self->path);
  clear_live (self);

  G_OBJECT_CLASS (coach_clip_transfers_parent_class)->finalize (object);
}

static void
coach_clip_transfers_class_init (CoachClipTransfersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = coach_clip_transfers_dispose;
  object_class->finalize = coach_clip_transfers_finalize;

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
coach_clip_transfers_init (CoachClipTransfers *self)
{
  g_mutex_init (&self->worker_lock);
  self->moving = TRUE;
}

/* ------------------------------------------------------------------------- */

CoachClipTransfers *
coach_clip_transfers_new (CoachCatalog *catalog)
{
  CoachClipTransfers *self;

  g_return_val_if_fail (COACH_IS_CATALOG (catalog), NULL);

  self = g_object_new (COACH_TYPE_CLIP_TRANSFERS, NULL);
  self->path = g_strdup (coach_catalog_get_path (catalog));
  self->catalog = g_object_ref (catalog);
  g_signal_connect_object (catalog, "changed::clip", G_CALLBACK (catalog_changed_cb), self, G_CONNECT_SWAPPED);
  schedule (self, FIRST_READ_MS);
  return self;
}

CoachClipTransfers *
coach_clip_transfers_get_for_service (CoachSyncService *service)
{
  static const char key[] = "coach-clip-transfers";
  CoachClipTransfers *self;

  g_return_val_if_fail (COACH_IS_SYNC_SERVICE (service), NULL);

  self = g_object_get_data (G_OBJECT (service), key);
  if (self == NULL)
    {
      self = coach_clip_transfers_new (coach_sync_service_get_catalog (service));
      coach_clip_transfers_follow (self, service);
      g_object_set_data_full (G_OBJECT (service), key, self, g_object_unref);
    }
  return self;
}

void
coach_clip_transfers_follow (CoachClipTransfers *self,
                             CoachSyncService   *service)
{
  g_return_if_fail (COACH_IS_CLIP_TRANSFERS (self));
  g_return_if_fail (COACH_IS_SYNC_SERVICE (service));

  self->moving = coach_sync_service_get_state (service) == COACH_SYNC_STATE_SYNCING;
  g_signal_connect_object (service, "notify::progress", G_CALLBACK (service_progress_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (service, "file-progress", G_CALLBACK (service_file_progress_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (service, "notify::state", G_CALLBACK (service_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (service, "notify::signed-in", G_CALLBACK (service_state_cb), self, G_CONNECT_SWAPPED);
}

gboolean
coach_clip_transfers_lookup (CoachClipTransfers *self,
                             const char         *clip_id,
                             CoachClipTransfer  *transfer)
{
  const CoachClipTransfer *found;

  g_return_val_if_fail (COACH_IS_CLIP_TRANSFERS (self), FALSE);
  g_return_val_if_fail (transfer != NULL, FALSE);

  found = self->states != NULL && clip_id != NULL ? g_hash_table_lookup (self->states, clip_id) : NULL;
  if (found == NULL)
    {
      *transfer = (CoachClipTransfer) { COACH_CLIP_TRANSFER_NONE, -1.0, FALSE };
      return FALSE;
    }
  *transfer = *found;
  if (self->moving && self->live_clips != NULL &&
      (transfer->state == COACH_CLIP_TRANSFER_UPLOADING || transfer->state == COACH_CLIP_TRANSFER_DOWNLOADING) &&
      g_strv_contains ((const char * const *) self->live_clips, clip_id))
    transfer->fraction = self->live_fraction;
  if (!self->moving && transfer->state == COACH_CLIP_TRANSFER_UPLOADING)
    *transfer = (CoachClipTransfer) { COACH_CLIP_TRANSFER_WAITING, -1.0, found->pinned };
  else if (!self->moving && transfer->state == COACH_CLIP_TRANSFER_DOWNLOADING)
    *transfer = (CoachClipTransfer) { COACH_CLIP_TRANSFER_REMOTE, -1.0, found->pinned };
  return TRUE;
}

void
coach_clip_transfers_refresh (CoachClipTransfers *self)
{
  g_return_if_fail (COACH_IS_CLIP_TRANSFERS (self));

  schedule (self, 0);
}

void
coach_clip_transfers_reload_async (CoachClipTransfers  *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (COACH_IS_CLIP_TRANSFERS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, coach_clip_transfers_reload_async);
  start_read_full (self, task);
}

gboolean
coach_clip_transfers_reload_finish (CoachClipTransfers  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
