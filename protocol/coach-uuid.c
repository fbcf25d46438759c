/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coach-uuid"

#include "config.h"

#include <string.h>

#include "coach-uuid.h"

static char *
format_uuid (const guint8 b[16])
{
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
                          b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

static gboolean
parse_uuid (const char *str,
            guint8      out[16])
{
  guint n = 0;

  if (!coach_uuid_is_valid (str))
    return FALSE;

  for (const char *p = str; *p && n < 16; p++)
    {
      if (*p == '-')
        continue;
      out[n++] = (g_ascii_xdigit_value (p[0]) << 4) | g_ascii_xdigit_value (p[1]);
      p++;
    }
  return n == 16;
}

static char *
build_v7 (gint64  unix_ms,
          guint32 seq)
{
  guint8 b[16];

  b[0] = (unix_ms >> 40) & 0xff;
  b[1] = (unix_ms >> 32) & 0xff;
  b[2] = (unix_ms >> 24) & 0xff;
  b[3] = (unix_ms >> 16) & 0xff;
  b[4] = (unix_ms >> 8) & 0xff;
  b[5] = unix_ms & 0xff;
  /* the 12 bits of rand_a carry the sequence */
  b[6] = 0x70 | ((seq >> 8) & 0x0f);
  b[7] = seq & 0xff;
  for (guint i = 8; i < 16; i += 4)
    {
      guint32 r = g_random_int ();
      memcpy (&b[i], &r, 4);
    }
  b[8] = (b[8] & 0x3f) | 0x80;

  return format_uuid (b);
}

char *
coach_uuid_v7_new_at (gint64 unix_ms)
{
  return build_v7 (unix_ms, g_random_int () & 0x3ff);
}

/* Time-ordered ids keep B-tree inserts local and let a coach's rows sort by
 * creation without trusting the device clock for anything else. A counter in
 * rand_a keeps ids made in the same millisecond in order; when it runs out,
 * the timestamp is nudged forward rather than breaking the order. */
char *
coach_uuid_v7_new (void)
{
  static GMutex lock;
  static gint64 last_ms;
  static guint32 seq;
  gint64 now = g_get_real_time () / 1000;
  gint64 ms;
  guint32 s;

  g_mutex_lock (&lock);
  if (now <= last_ms)
    {
      if (++seq > 0xfff)
        {
          last_ms++;
          seq = 0;
        }
    }
  else
    {
      last_ms = now;
      seq = g_random_int () & 0x3ff;
    }
  ms = last_ms;
  s = seq;
  g_mutex_unlock (&lock);

  return build_v7 (ms, s);
}

char *
coach_uuid_v5 (const char *namespace_uuid,
               const char *name)
{
  g_autoptr(GChecksum) sha1 = NULL;
  guint8 ns[16];
  guint8 digest[20];
  gsize len = sizeof digest;

  g_return_val_if_fail (name != NULL, NULL);

  if (!parse_uuid (namespace_uuid, ns))
    g_return_val_if_reached (NULL);

  sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  g_checksum_update (sha1, ns, sizeof ns);
  g_checksum_update (sha1, (const guchar *) name, strlen (name));
  g_checksum_get_digest (sha1, digest, &len);

  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  return format_uuid (digest);
}

gboolean
coach_uuid_is_valid (const char *str)
{
  static const guint dashes[] = { 8, 13, 18, 23 };

  if (str == NULL || strlen (str) != 36)
    return FALSE;

  for (guint i = 0; i < 36; i++)
    {
      gboolean dash = FALSE;

      for (guint d = 0; d < G_N_ELEMENTS (dashes); d++)
        dash |= (i == dashes[d]);

      if (dash ? str[i] != '-' : !g_ascii_isxdigit (str[i]))
        return FALSE;
    }
  return TRUE;
}
