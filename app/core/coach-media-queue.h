/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <gio/gio.h>

#include "coach-catalog.h"
#include "coach-media.h"

G_BEGIN_DECLS

#define COACH_MEDIA_JOB_INSPECT   "inspect"
#define COACH_MEDIA_JOB_THUMBNAIL "thumbnail"
#define COACH_MEDIA_JOB_TRANSCODE "transcode"

/* A job stops being retried after it was interrupted this many times (a
 * file that crashes a decoder must not crash the app on every start). */
#define COACH_MEDIA_QUEUE_MAX_ATTEMPTS 3
#define COACH_MEDIA_QUEUE_DEFAULT_TIMEOUT_S (30 * 60)

typedef struct
{
  gint64  id;
  char   *clip_id;
  char   *kind;
  char   *state;     /* queued, running, done, failed, cancelled */
  double  progress;  /* 0..1 */
  gint64  attempts;
  char   *error;
} CoachMediaJob;

void coach_media_job_free (CoachMediaJob *job);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoachMediaJob, coach_media_job_free)

#define COACH_TYPE_MEDIA_QUEUE (coach_media_queue_get_type ())

/* The persistent media job queue. Jobs live in the media_job table, so
 * they survive quitting and crashes; workers run GStreamer off the main
 * thread. Every catalog write happens on the main context, through the
 * catalog object the queue was given: the catalog is single-threaded and
 * keeps the live records the UI binds to, so writing through a second
 * connection would leave those stale and skip the "changed" signals. The
 * writes are a few short statements per job, so the main thread never
 * waits on media work.
 *
 * Signals (on the main context): "job-changed" (gint64 id, state),
 * "job-progress" (gint64 id, double fraction), "idle" (nothing left). */
G_DECLARE_FINAL_TYPE (CoachMediaQueue, coach_media_queue, COACH, MEDIA_QUEUE, GObject)

CoachMediaQueue *coach_media_queue_new          (CoachCatalog     *catalog,
                                                 guint             n_workers);
guint            coach_media_queue_get_n_workers (CoachMediaQueue *self);
/* Seconds a single job may run before it is stopped (0 = no limit). */
void             coach_media_queue_set_timeout  (CoachMediaQueue  *self,
                                                 guint             seconds);
void             coach_media_queue_set_timeout_ms (CoachMediaQueue *self,
                                                   guint            ms);
/* Whether add_clip also makes the sharing proxy. */
void             coach_media_queue_set_make_proxies (CoachMediaQueue *self,
                                                     gboolean         make_proxies);
/* Largest proxy height (1080 by default, 720 to save space). */
void             coach_media_queue_set_proxy_max_height (CoachMediaQueue *self,
                                                         guint            height);

/* Re-queues jobs a crash or quit interrupted, removes their temporary
 * files, then starts working. */
gboolean         coach_media_queue_start        (CoachMediaQueue  *self,
                                                 GError          **error);
/* Queues the processing of a clip: inspect, thumbnail (and proxy); does
 * nothing while the clip has jobs queued or running. */
gboolean         coach_media_queue_add_clip     (CoachMediaQueue  *self,
                                                 const char       *clip_id,
                                                 GError          **error);
gint64           coach_media_queue_add_job      (CoachMediaQueue  *self,
                                                 const char       *clip_id,
                                                 const char       *kind,
                                                 GError          **error);
/* Cancels a queued or running job; the clip goes back to pending. */
gboolean         coach_media_queue_cancel       (CoachMediaQueue  *self,
                                                 gint64            job_id);
guint            coach_media_queue_get_n_running (CoachMediaQueue *self);
/* Queued plus running jobs. */
gint64           coach_media_queue_count_pending (CoachMediaQueue *self);

/* Jobs as stored, newest first; finished ones only when asked. */
GPtrArray       *coach_media_queue_list_jobs    (CoachCatalog     *catalog,
                                                 gboolean          include_finished,
                                                 GError          **error);

G_END_DECLS
