/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coachbook-sync"

#include "config.h"

#include <string.h>

#include "sync-sigv4.h"

#define ALGORITHM "AWS4-HMAC-SHA256"

typedef struct
{
  char *name;
  char *value;
} Pair;

static void
pair_free (Pair *pair)
{
  g_free (pair->name);
  g_free (pair->value);
  g_free (pair);
}

static int
pair_compare (gconstpointer a,
              gconstpointer b)
{
  const Pair *pa = *(Pair * const *) a;
  const Pair *pb = *(Pair * const *) b;
  int c = strcmp (pa->name, pb->name);

  return c != 0 ? c : strcmp (pa->value, pb->value);
}

static void
hmac (const guint8 *key,
      gsize         key_len,
      const char   *data,
      guint8        out[32])
{
  g_autoptr(GHmac) h = g_hmac_new (G_CHECKSUM_SHA256, key, key_len);
  gsize len = 32;

  g_hmac_update (h, (const guchar *) data, strlen (data));
  g_hmac_get_digest (h, out, &len);
}

static char *
sha256_hex (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

/* Unreserved characters stay, everything else becomes %XX with upper-case
 * hex, byte by byte of the UTF-8. */
char *
sync_sigv4_uri_encode (const char *text,
                       gboolean    keep_slash)
{
  GString *out = g_string_sized_new (strlen (text) * 3 / 2 + 1);

  for (const guchar *p = (const guchar *) text; *p; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.' || *p == '~' ||
          (keep_slash && *p == '/'))
        g_string_append_c (out, *p);
      else
        g_string_append_printf (out, "%%%02X", *p);
    }
  return g_string_free (out, FALSE);
}

char *
sync_sigv4_amz_date (gint64 time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (time);

  return g_date_time_format (dt, "%Y%m%dT%H%M%SZ");
}

/* name=value pairs, encoded and sorted by encoded name, then value. */
static char *
canonical_query (GPtrArray *pairs)
{
  GString *out = g_string_new (NULL);

  g_ptr_array_sort (pairs, pair_compare);
  for (guint i = 0; i < pairs->len; i++)
    {
      Pair *pair = g_ptr_array_index (pairs, i);

      if (i > 0)
        g_string_append_c (out, '&');
      g_string_append_printf (out, "%s=%s", pair->name, pair->value);
    }
  return g_string_free (out, FALSE);
}

static void
add_query (GPtrArray  *pairs,
           const char *name,
           const char *value)
{
  Pair *pair = g_new0 (Pair, 1);

  pair->name = sync_sigv4_uri_encode (name, FALSE);
  pair->value = sync_sigv4_uri_encode (value ? value : "", FALSE);
  g_ptr_array_add (pairs, pair);
}

/* Lower-case names, values with outer blanks trimmed and inner runs of
 * blanks collapsed to one space. */
static void
add_header (GPtrArray  *pairs,
            const char *name,
            const char *value)
{
  Pair *pair = g_new0 (Pair, 1);
  GString *v = g_string_new (NULL);
  gboolean blank = FALSE;

  for (const char *p = value; *p; p++)
    {
      if (*p == ' ' || *p == '\t')
        blank = TRUE;
      else
        {
          if (blank && v->len > 0)
            g_string_append_c (v, ' ');
          blank = FALSE;
          g_string_append_c (v, *p);
        }
    }
  pair->name = g_ascii_strdown (name, -1);
  pair->value = g_string_free (v, FALSE);
  g_ptr_array_add (pairs, pair);
}

static char *
scope_of (const SyncSigV4Key *key,
          const char         *amz_date)
{
  return g_strdup_printf ("%.8s/%s/%s/aws4_request", amz_date, key->region, key->service);
}

/* Builds the canonical request from encoded query pairs and headers, and
 * returns the hex signature; *signed_headers gets the header list. */
static char *
signature (const SyncSigV4Key     *key,
           const SyncSigV4Request *request,
           const char             *amz_date,
           GPtrArray              *query,
           GPtrArray              *headers,
           const char             *payload_hash,
           char                  **signed_headers)
{
  g_autofree char *path = sync_sigv4_uri_encode (request->path, TRUE);
  g_autofree char *query_text = canonical_query (query);
  g_autofree char *canonical_hash = NULL;
  g_autofree char *scope = scope_of (key, amz_date);
  g_autofree char *string_to_sign = NULL;
  g_autofree char *secret = g_strconcat ("AWS4", key->secret_key, NULL);
  g_autofree char *date = g_strndup (amz_date, 8);
  GString *canonical = g_string_new (NULL);
  GString *names = g_string_new (NULL);
  guint8 k[32];
  char hex[65];

  g_ptr_array_sort (headers, pair_compare);
  g_string_append_printf (canonical, "%s\n%s\n%s\n", request->method, path, query_text);
  for (guint i = 0; i < headers->len; i++)
    {
      Pair *pair = g_ptr_array_index (headers, i);

      g_string_append_printf (canonical, "%s:%s\n", pair->name, pair->value);
      g_string_append_printf (names, "%s%s", i > 0 ? ";" : "", pair->name);
    }
  g_string_append_printf (canonical, "\n%s\n%s", names->str, payload_hash);
  canonical_hash = sha256_hex (canonical->str);
  g_string_free (canonical, TRUE);

  string_to_sign = g_strdup_printf (ALGORITHM "\n%s\n%s\n%s", amz_date, scope, canonical_hash);

  hmac ((const guint8 *) secret, strlen (secret), date, k);
  hmac (k, sizeof k, key->region, k);
  hmac (k, sizeof k, key->service, k);
  hmac (k, sizeof k, "aws4_request", k);
  hmac (k, sizeof k, string_to_sign, k);
  for (guint i = 0; i < 32; i++)
    g_snprintf (hex + 2 * i, 3, "%02x", k[i]);

  *signed_headers = g_string_free (names, FALSE);
  return g_strdup (hex);
}

/* The value of the Authorization header. The request must also carry
 * x-amz-date (sync_sigv4_amz_date of the same time) and
 * x-amz-content-sha256 (payload_hash). */
char *
sync_sigv4_authorization (const SyncSigV4Key     *key,
                          const SyncSigV4Request *request,
                          const char             *payload_hash)
{
  g_autoptr(GPtrArray) query = g_ptr_array_new_with_free_func ((GDestroyNotify) pair_free);
  g_autoptr(GPtrArray) headers = g_ptr_array_new_with_free_func ((GDestroyNotify) pair_free);
  g_autofree char *amz_date = sync_sigv4_amz_date (request->time);
  g_autofree char *scope = scope_of (key, amz_date);
  g_autofree char *signed_headers = NULL;
  g_autofree char *sig = NULL;

  g_return_val_if_fail (key != NULL && request != NULL && payload_hash != NULL, NULL);

  for (guint i = 0; request->query && request->query[i] && request->query[i + 1]; i += 2)
    add_query (query, request->query[i], request->query[i + 1]);
  add_header (headers, "host", request->host);
  add_header (headers, "x-amz-content-sha256", payload_hash);
  add_header (headers, "x-amz-date", amz_date);
  for (guint i = 0; request->headers && request->headers[i] && request->headers[i + 1]; i += 2)
    add_header (headers, request->headers[i], request->headers[i + 1]);

  sig = signature (key, request, amz_date, query, headers, payload_hash, &signed_headers);
  return g_strdup_printf (ALGORITHM " Credential=%s/%s, SignedHeaders=%s, Signature=%s",
                          key->access_key, scope, signed_headers, sig);
}

/* A URL that allows this one request for expires_s seconds from
 * request->time, with the payload unsigned: scheme://host/path?query. */
char *
sync_sigv4_presign (const SyncSigV4Key     *key,
                    const SyncSigV4Request *request,
                    const char             *scheme,
                    guint                   expires_s)
{
  g_autoptr(GPtrArray) query = g_ptr_array_new_with_free_func ((GDestroyNotify) pair_free);
  g_autoptr(GPtrArray) headers = g_ptr_array_new_with_free_func ((GDestroyNotify) pair_free);
  g_autofree char *amz_date = sync_sigv4_amz_date (request->time);
  g_autofree char *scope = scope_of (key, amz_date);
  g_autofree char *credential = g_strdup_printf ("%s/%s", key->access_key, scope);
  g_autofree char *expires = g_strdup_printf ("%u", expires_s);
  g_autofree char *path = NULL;
  g_autofree char *query_text = NULL;
  g_autofree char *signed_headers = NULL;
  g_autofree char *sig = NULL;
  GString *names = g_string_new (NULL);

  g_return_val_if_fail (key != NULL && request != NULL && scheme != NULL, NULL);

  /* the signed header names go into the query, so they come first */
  for (guint i = 0; request->headers && request->headers[i] && request->headers[i + 1]; i += 2)
    add_header (headers, request->headers[i], request->headers[i + 1]);
  add_header (headers, "host", request->host);
  g_ptr_array_sort (headers, pair_compare);
  for (guint i = 0; i < headers->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ";" : "", ((Pair *) g_ptr_array_index (headers, i))->name);

  for (guint i = 0; request->query && request->query[i] && request->query[i + 1]; i += 2)
    add_query (query, request->query[i], request->query[i + 1]);
  add_query (query, "X-Amz-Algorithm", ALGORITHM);
  add_query (query, "X-Amz-Credential", credential);
  add_query (query, "X-Amz-Date", amz_date);
  add_query (query, "X-Amz-Expires", expires);
  add_query (query, "X-Amz-SignedHeaders", names->str);
  g_string_free (names, TRUE);

  sig = signature (key, request, amz_date, query, headers, SYNC_SIGV4_UNSIGNED_PAYLOAD, &signed_headers);
  path = sync_sigv4_uri_encode (request->path, TRUE);
  query_text = canonical_query (query);
  return g_strdup_printf ("%s://%s%s?%s&X-Amz-Signature=%s", scheme, request->host, path, query_text, sig);
}
