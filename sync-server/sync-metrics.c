/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coachbook-sync"

#include "config.h"

#include <string.h>

#include "sync-metrics.h"

#define PREFIX "coachbook_sync_"

static const double buckets[] = {
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
};

static const struct
{
  const char *name;
  const char *label;  /* NULL, or name="value" */
  const char *help;
} counters[SYNC_N_COUNTERS] = {
  [SYNC_COUNTER_PUSHES] = { "pushes_total", NULL, "Push requests that were processed." },
  [SYNC_COUNTER_MUTATIONS_APPLIED] = { "push_mutations_total", "result=\"applied\"",
                                       "Mutations received in pushes, by outcome." },
  [SYNC_COUNTER_MUTATIONS_SKIPPED] = { "push_mutations_total", "result=\"skipped\"", NULL },
  [SYNC_COUNTER_MUTATIONS_REJECTED] = { "push_mutations_total", "result=\"rejected\"", NULL },
  [SYNC_COUNTER_PUSH_GAPS] = { "push_gaps_total", NULL, "Pushes that stopped at a gap in mutation ids." },
  [SYNC_COUNTER_PULLS] = { "pulls_total", NULL, "Pull requests that returned a page." },
  [SYNC_COUNTER_PULL_CHANGES] = { "pull_changes_total", NULL, "Changes sent in pull pages." },
  [SYNC_COUNTER_RESYNCS] = { "resyncs_total", NULL, "Requests answered with 409 resync." },
  [SYNC_COUNTER_LOGINS] = { "logins_total", NULL, "Successful logins." },
  [SYNC_COUNTER_LOGIN_FAILURES] = { "login_failures_total", NULL, "Refused logins (wrong credentials, rate limit, disabled)." },
  [SYNC_COUNTER_BLOB_INITS_NEW] = { "blob_inits_total", "result=\"upload\"",
                                    "Blob uploads asked for, by whether the team already had the blob." },
  [SYNC_COUNTER_BLOB_INITS_EXISTING] = { "blob_inits_total", "result=\"exists\"", NULL },
  [SYNC_COUNTER_BLOBS_COMPLETED] = { "blobs_completed_total", NULL, "Blob uploads checked and made available." },
  [SYNC_COUNTER_BLOB_MISMATCHES] = { "blob_mismatches_total", NULL,
                                     "Completed uploads refused because size or sha256 did not match." },
  [SYNC_COUNTER_BLOB_ORPHANS_REMOVED] = { "blob_orphans_removed_total", NULL,
                                          "Uploads never completed, removed after the grace period." },
  [SYNC_COUNTER_MAIL_SENT] = { "mail_total", "result=\"sent\"",
                               "Athletes' emails handed to SMTP by this instance, by outcome." },
  [SYNC_COUNTER_MAIL_RETRIED] = { "mail_total", "result=\"retry\"", NULL },
  [SYNC_COUNTER_MAIL_DEAD] = { "mail_total", "result=\"dead\"", NULL },
};

typedef struct
{
  GHashTable *by_status;                 /* guint status -> guint64 count */
  guint64     bucket_counts[G_N_ELEMENTS (buckets)];
  guint64     count;
  double      sum;
} RouteStats;

struct _SyncMetrics
{
  GMutex      lock;
  guint64     counters[SYNC_N_COUNTERS];
  GHashTable *routes;                    /* char* -> RouteStats* */
};

static void
route_stats_free (RouteStats *stats)
{
  g_hash_table_unref (stats->by_status);
  g_free (stats);
}

SyncMetrics *
sync_metrics_new (void)
{
  SyncMetrics *self = g_new0 (SyncMetrics, 1);

  g_mutex_init (&self->lock);
  self->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) route_stats_free);
  return self;
}

void
sync_metrics_free (SyncMetrics *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->routes);
  g_mutex_clear (&self->lock);
  g_free (self);
}

void
sync_metrics_add (SyncMetrics *self,
                  SyncCounter  counter,
                  guint64      n)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (counter < SYNC_N_COUNTERS);

  g_mutex_lock (&self->lock);
  self->counters[counter] += n;
  g_mutex_unlock (&self->lock);
}

/* route must come from a fixed set (the server passes its route table's
 * paths or "other"), so the number of series stays bounded. */
void
sync_metrics_observe_request (SyncMetrics *self,
                              const char  *route,
                              guint        status,
                              double       seconds)
{
  RouteStats *stats;
  gpointer count;

  g_return_if_fail (self != NULL);
  g_return_if_fail (route != NULL);

  g_mutex_lock (&self->lock);
  stats = g_hash_table_lookup (self->routes, route);
  if (stats == NULL)
    {
      stats = g_new0 (RouteStats, 1);
      stats->by_status = g_hash_table_new_full (NULL, NULL, NULL, g_free);
      g_hash_table_insert (self->routes, g_strdup (route), stats);
    }
  count = g_hash_table_lookup (stats->by_status, GUINT_TO_POINTER (status));
  if (count == NULL)
    {
      count = g_new0 (guint64, 1);
      g_hash_table_insert (stats->by_status, GUINT_TO_POINTER (status), count);
    }
  (*(guint64 *) count)++;

  for (guint i = 0; i < G_N_ELEMENTS (buckets); i++)
    if (seconds <= buckets[i])
      stats->bucket_counts[i]++;
  stats->count++;
  stats->sum += seconds;
  g_mutex_unlock (&self->lock);
}

static int
compare_uints (gconstpointer a,
               gconstpointer b)
{
  guint x = GPOINTER_TO_UINT (a);
  guint y = GPOINTER_TO_UINT (b);

  return x < y ? -1 : x > y;
}

static void
append_double (GString *out,
               double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.9g", v));
}

/* The Prometheus text exposition format, version 0.0.4. */
char *
sync_metrics_render (SyncMetrics *self,
                     SyncDb      *db)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GList) names = NULL;
  guint n_open = 0, n_idle = 0, n_max = 0;

  g_return_val_if_fail (self != NULL, NULL);

  g_mutex_lock (&self->lock);

  names = g_list_sort (g_hash_table_get_keys (self->routes), (GCompareFunc) g_strcmp0);

  g_string_append (out,
                   "# HELP " PREFIX "http_requests_total HTTP requests by route and status.\n"
                   "# TYPE " PREFIX "http_requests_total counter\n");
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *route = l->data;
      RouteStats *stats = g_hash_table_lookup (self->routes, route);
      g_autoptr(GList) statuses = g_list_sort (g_hash_table_get_keys (stats->by_status), compare_uints);

      for (GList *s = statuses; s != NULL; s = s->next)
        {
          gpointer key = s->data;
          guint64 *n = g_hash_table_lookup (stats->by_status, key);

          g_string_append_printf (out, PREFIX "http_requests_total{route=\"%s\",status=\"%u\"} %" G_GUINT64_FORMAT "\n",
                                  route, GPOINTER_TO_UINT (key), *n);
        }
    }

  g_string_append (out,
                   "# HELP " PREFIX "http_request_duration_seconds Time from the first byte of a request to its response.\n"
                   "# TYPE " PREFIX "http_request_duration_seconds histogram\n");
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *route = l->data;
      RouteStats *stats = g_hash_table_lookup (self->routes, route);

      for (guint b = 0; b < G_N_ELEMENTS (buckets); b++)
        {
          g_string_append_printf (out, PREFIX "http_request_duration_seconds_bucket{route=\"%s\",le=\"", route);
          append_double (out, buckets[b]);
          g_string_append_printf (out, "\"} %" G_GUINT64_FORMAT "\n", stats->bucket_counts[b]);
        }
      g_string_append_printf (out, PREFIX "http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %"
                              G_GUINT64_FORMAT "\n", route, stats->count);
      g_string_append_printf (out, PREFIX "http_request_duration_seconds_sum{route=\"%s\"} ", route);
      append_double (out, stats->sum);
      g_string_append_printf (out, "\n" PREFIX "http_request_duration_seconds_count{route=\"%s\"} %"
                              G_GUINT64_FORMAT "\n", route, stats->count);
    }

  for (guint c = 0; c < SYNC_N_COUNTERS; c++)
    {
      if (counters[c].help != NULL)
        g_string_append_printf (out, "# HELP " PREFIX "%s %s\n# TYPE " PREFIX "%s counter\n",
                                counters[c].name, counters[c].help, counters[c].name);
      g_string_append_printf (out, PREFIX "%s%s%s%s %" G_GUINT64_FORMAT "\n",
                              counters[c].name,
                              counters[c].label ? "{" : "",
                              counters[c].label ? counters[c].label : "",
                              counters[c].label ? "}" : "",
                              self->counters[c]);
    }

  g_mutex_unlock (&self->lock);

  if (db != NULL)
    {
      sync_db_get_stats (db, &n_open, &n_idle, &n_max);
      g_string_append_printf (out,
                              "# HELP " PREFIX "db_connections Open database connections by state.\n"
                              "# TYPE " PREFIX "db_connections gauge\n"
                              PREFIX "db_connections{state=\"busy\"} %u\n"
                              PREFIX "db_connections{state=\"idle\"} %u\n"
                              "# HELP " PREFIX "db_connections_max Size of the connection pool.\n"
                              "# TYPE " PREFIX "db_connections_max gauge\n"
                              PREFIX "db_connections_max %u\n",
                              n_open - n_idle, n_idle, n_max);
    }

  return g_string_free (out, FALSE);
}
