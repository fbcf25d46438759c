/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "sync-mail-message.h"
#include "sync-mail-private.h"

/* The athlete's email. The encoders get direct assertions; whole messages
 * are written to a temp dir with what each must say in a JSON file beside
 * it, and tests/unit/mail-check.py reads them back with Python's email and
 * icalendar packages, computing the expected instants with zoneinfo. */

#define PYTHON "/usr/bin/python3"

/* ---------------------------------------------------------------------- */
/* Encoders                                                               */
/* ---------------------------------------------------------------------- */

static void
test_ics_escape (void)
{
  g_autofree char *a = sync_mail_ics_escape_text ("a\\b;c,d\ne\r\nf");
  g_autofree char *b = sync_mail_ics_escape_text ("Zürich: 10 × 3\tkg\x01");
  g_autofree char *c = sync_mail_ics_escape_text (NULL);

  g_assert_cmpstr (a, ==, "a\\\\b\\;c\\,d\\ne\\nf");
  g_assert_cmpstr (b, ==, "Zürich: 10 × 3 kg");
  g_assert_cmpstr (c, ==, "");
}

static char *
unfold (const char *folded)
{
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p++)
    {
      if (p[0] == '\r' && p[1] == '\n' && p[2] == ' ')
        p += 2;
      else if (p[0] == '\r' && p[1] == '\n' && p[2] == '\0')
        break;
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
test_ics_fold (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) line = g_string_new ("DESCRIPTION:");
  g_auto(GStrv) physical = NULL;
  g_autofree char *unfolded = NULL;
  guint count;

  /* Two-byte and three-byte characters at every alignment. */
  for (int i = 0; i < 40; i++)
    g_string_append (line, i % 3 == 0 ? "é" : i % 3 == 1 ? "—x" : "ab");
  sync_mail_ics_append_line (out, line->str);

  g_assert_true (g_str_has_suffix (out->str, "\r\n"));
  physical = g_strsplit (out->str, "\r\n", -1);
  count = g_strv_length (physical);
  g_assert_cmpuint (count, >, 2);
  g_assert_cmpstr (physical[count - 1], ==, "");
  for (guint i = 0; i + 1 < count; i++)
    {
      g_assert_cmpuint (strlen (physical[i]), <=, 75);
      g_assert_true (g_utf8_validate (physical[i], -1, NULL));
      if (i > 0)
        g_assert_true (physical[i][0] == ' ');
    }
  unfolded = unfold (out->str);
  g_assert_cmpstr (unfolded, ==, line->str);

  /* A short line is left alone. */
  g_string_truncate (out, 0);
  sync_mail_ics_append_line (out, "VERSION:2.0");
  g_assert_cmpstr (out->str, ==, "VERSION:2.0\r\n");

  /* Exactly 75 octets stay on one line, 76 fold. */
  {
    g_autofree char *seventy_five = g_strnfill (75, 'x');
    g_autofree char *seventy_six = g_strnfill (76, 'x');

    g_string_truncate (out, 0);
    sync_mail_ics_append_line (out, seventy_five);
    g_assert_cmpuint (out->len, ==, 77);
    g_string_truncate (out, 0);
    sync_mail_ics_append_line (out, seventy_six);
    g_assert_cmpuint (out->len, ==, 75 + 3 + 1 + 2);
  }
}

static char *
decode_encoded_words (const char *header)
{
  GString *out = g_string_new (NULL);
  const char *p = header;

  while ((p = strstr (p, "=?UTF-8?B?")) != NULL)
    {
      const char *start = p + strlen ("=?UTF-8?B?");
      const char *end = strstr (start, "?=");
      g_autofree char *b64 = NULL;
      g_autofree guchar *bytes = NULL;
      gsize len;

      g_assert_nonnull (end);
      g_assert_cmpint (end + 2 - p, <=, 75);
      b64 = g_strndup (start, end - start);
      bytes = g_base64_decode (b64, &len);
      /* Each word decodes to whole characters. */
      g_assert_true (g_utf8_validate ((const char *) bytes, len, NULL));
      g_string_append_len (out, (const char *) bytes, len);
      p = end + 2;
    }
  return g_string_free (out, FALSE);
}

static void
assert_header_lines (const char *header,
                     gsize       max_len)
{
  g_auto(GStrv) lines = g_strsplit (header, "\r\n", -1);
  guint count = g_strv_length (lines);

  g_assert_true (g_str_has_suffix (header, "\r\n"));
  g_assert_cmpstr (lines[count - 1], ==, "");
  for (guint i = 0; i + 1 < count; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, max_len);
      g_assert_null (strchr (lines[i], '\n'));
      g_assert_null (strchr (lines[i], '\r'));
      if (i > 0)
        g_assert_true (lines[i][0] == ' ');
    }
}

static void
test_encoded_word (void)
{
  const char *subject = "Séance : Zürich — Übungen für die ganze Mannschaft, mardi 24 novembre 2026 à 18:00";
  g_autofree char *ascii = sync_mail_header_text ("Subject", "Training: Leg day");
  g_autofree char *encoded = sync_mail_header_text ("Subject", subject);
  g_autofree char *decoded = decode_encoded_words (encoded);
  g_autofree char *injected = sync_mail_header_text ("Subject", "Hello\r\nBcc: victim@example.org");
  g_autofree char *lookalike = sync_mail_header_text ("Subject", "=?UTF-8?B?SGk=?=");
  g_autofree char *mailbox = sync_mail_header_mailbox ("From", "Coach \"Al\" \\ Smith", "a@example.org");
  g_autofree char *mailbox_utf8 = sync_mail_header_mailbox ("To", "Zoë Müller", "zoe@example.org");
  g_autofree char *mailbox_decoded = decode_encoded_words (mailbox_utf8);
  g_autofree char *bare = sync_mail_header_mailbox ("To", NULL, "x@example.org");

  g_assert_cmpstr (ascii, ==, "Subject: Training: Leg day\r\n");

  g_assert_true (g_str_has_prefix (encoded, "Subject: =?UTF-8?B?"));
  assert_header_lines (encoded, 78);
  g_assert_cmpstr (decoded, ==, subject);

  /* A line break in a value never starts a new header. */
  assert_header_lines (injected, 78);
  g_assert_cmpstr (injected, ==, "Subject: Hello Bcc: victim@example.org\r\n");

  /* Text that looks like an encoded-word is encoded itself. */
  g_assert_true (g_str_has_prefix (lookalike, "Subject: =?UTF-8?B?"));
  {
    g_autofree char *round = decode_encoded_words (lookalike);

    g_assert_cmpstr (round, ==, "=?UTF-8?B?SGk=?=");
  }

  g_assert_cmpstr (mailbox, ==, "From: \"Coach \\\"Al\\\" \\\\ Smith\" <a@example.org>\r\n");
  g_assert_true (g_str_has_suffix (mailbox_utf8, " <zoe@example.org>\r\n"));
  g_assert_cmpstr (mailbox_decoded, ==, "Zoë Müller");
  g_assert_cmpstr (bare, ==, "To: <x@example.org>\r\n");
}

static void
test_quoted_printable (void)
{
  g_autofree char *simple = sync_mail_encode_quoted_printable ("a=b ü\ntrailing \nend");
  g_autofree char *long_line = NULL;
  g_autofree char *encoded = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpstr (simple, ==, "a=3Db =C3=BC\r\ntrailing=20\r\nend\r\n");
  {
    g_autofree char *from = sync_mail_encode_quoted_printable ("From here\nFrom\n From x\r\n");

    g_assert_cmpstr (from, ==, "=46rom here\r\nFrom\r\n From x\r\n");
  }

  long_line = g_strnfill (200, 'y');
  long_line[150] = '=';
  encoded = sync_mail_encode_quoted_printable (long_line);
  lines = g_strsplit (encoded, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 76);
      /* A soft break never cuts an =XX apart. */
      g_assert_false (g_str_has_suffix (lines[i], "=3") || g_str_has_suffix (lines[i], "=D"));
    }
  g_assert_true (g_str_has_suffix (lines[0], "="));
}

static void
test_formats (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) first = g_date_time_new (berlin, 2026, 12, 1, 7, 5, 0);
  g_autofree char *en = sync_mail_format_date_time (first, SYNC_MAIL_LANG_EN);
  g_autofree char *de = sync_mail_format_date_time (first, SYNC_MAIL_LANG_DE);
  g_autofree char *fr = sync_mail_format_date_time (first, SYNC_MAIL_LANG_FR);
  g_autofree char *d1 = sync_mail_format_duration (45, SYNC_MAIL_LANG_EN);
  g_autofree char *d2 = sync_mail_format_duration (90, SYNC_MAIL_LANG_EN);
  g_autofree char *d3 = sync_mail_format_duration (3600 + 5 * 60, SYNC_MAIL_LANG_DE);

  g_assert_nonnull (berlin);
  g_assert_cmpstr (en, ==, "Tuesday, 1 December 2026, 07:05");
  g_assert_cmpstr (de, ==, "Dienstag, 1. Dezember 2026, 07:05");
  g_assert_cmpstr (fr, ==, "mardi 1er décembre 2026 à 07:05");
  g_assert_cmpstr (d1, ==, "45 s");
  g_assert_cmpstr (d2, ==, "1 min 30 s");
  g_assert_cmpstr (d3, ==, "1 h 5 min");

  g_assert_cmpint (sync_mail_lang_from_code (NULL), ==, SYNC_MAIL_LANG_EN);
  g_assert_cmpint (sync_mail_lang_from_code ("es"), ==, SYNC_MAIL_LANG_EN);
  g_assert_cmpint (sync_mail_lang_from_code ("de-CH"), ==, SYNC_MAIL_LANG_DE);
  g_assert_cmpint (sync_mail_lang_from_code ("FR"), ==, SYNC_MAIL_LANG_FR);
  g_assert_cmpint (sync_mail_lang_from_code ("dev"), ==, SYNC_MAIL_LANG_EN);
}

/* ---------------------------------------------------------------------- */
/* Whole messages                                                         */
/* ---------------------------------------------------------------------- */

typedef struct
{
  const char *name;
  const char *kind;
  gint64      work_s;
  gint64      rest_s;
  gint64      sets;
  gint64      reps;
  double      load_kg;
  const char *notes;
  const char *clip_url;
  const char *detail;      /* what the email must say about it, in the case's language */
} ItemCase;

typedef struct
{
  const char *file;
  const char *language;     /* as given to the builder */
  const char *expect_lang;  /* what the checker expects */
  gboolean    cancelled;
  gint64      revision;
  const char *title;
  const char *expect_title;
  const char *starts_at;
  const char *timezone;
  const char *local_start;  /* wall time the checker turns into UTC with zoneinfo */
  const char *expect_zone;  /* IANA name, or an offset "+05:30" */
  gint64      duration_s;
  gint64      expect_duration_s;
  const char *location;
  const char *notes;
  const char *workout_name;
  gint64      workout_total_s;
  const char *total;        /* the total as written, NULL when none */
  const ItemCase *items;
  guint       n_items;
  const char *const *texts; /* more strings the plain text must contain */
  gboolean    long_note;    /* the notes are long_note rather than notes */
} MessageCase;

static const ItemCase mixed_en[] = {
  { "Warm-up jog", "timed", 300, 60, 0, 0, 0, "Easy pace", "https://clips.example.org/c/1?sig=a%2Bb&x=1",
    "5 min · rest 1 min" },
  { "Back squat", "sets", 0, 90, 3, 10, 62.5, "Keep the back straight;\nbrace, then go", NULL,
    "3 sets × 10 reps, 62.5 kg · rest 1 min 30 s" },
  { "Plank", "timed", 45, 15, 0, 0, 0, NULL, "https://clips.example.org/c/3", "45 s · rest 15 s" },
  { "Push-up", "sets", 0, 0, 1, 0, 0, NULL, NULL, "1 set" },
};

static const ItemCase mixed_de[] = {
  { "Einlaufen", "timed", 300, 60, 0, 0, 0, "Locker", "https://clips.example.org/c/1", "5 min · Pause 1 min" },
  { "Kniebeuge", "sets", 0, 90, 3, 10, 62.5, NULL, NULL, "3 Sätze × 10 Wdh., 62,5 kg · Pause 1 min 30 s" },
  { "Liegestütz", "sets", 0, 30, 1, 1, 0, NULL, "https://clips.example.org/c/4", "1 Satz × 1 Wdh. · Pause 30 s" },
};

static const ItemCase mixed_fr[] = {
  { "Échauffement", "timed", 600, 0, 0, 0, 0, NULL, "https://clips.example.org/c/5", "10 min" },
  { "Squat", "sets", 0, 120, 4, 8, 80, "Descendre lentement", NULL, "4 séries × 8 répétitions, 80 kg · repos 2 min" },
  { "Gainage", "timed", 60, 30, 0, 0, 0, NULL, NULL, "1 min · repos 30 s" },
};

static const ItemCase tricky[] = {
  { "Sprint <b>fast</b> & \"hard\"", "timed", 20, 40, 0, 0, 0, "Run; rest, repeat\\again",
    "https://clips.example.org/c/9?a=1&b=2", "20 s · rest 40 s" },
  { "Hip thrust", "sets", 0, 60, 3, 12, 100, NULL, "https://clips.example.org/c/10", "3 sets × 12 reps, 100 kg · rest 1 min" },
  { "Box jump", "sets", 0, 0, 2, 5, 0, NULL, "javascript:alert(1)", "2 sets × 5 reps" },
};

static const ItemCase one_timed[] = {
  { "Long run", "timed", 3600, 0, 0, 0, 0, NULL, NULL, "1 h" },
};

static const char *const en_texts[] = { "Hi Anna,", "Coach Lee has planned a training session for you.",
                                        "Notes from your coach", "Bring water.", NULL };
static const char *const de_texts[] = { "Hallo Anna,", "Hinweise vom Trainer", NULL };
static const char *const fr_texts[] = { "Bonjour Anna,", "a prévu une séance", "Quand\u00a0: mardi",
                                        "Programme\u00a0: Force", NULL };
static const char *const cancel_en_texts[] = { "This training session has been cancelled.", "CANCELLED", NULL };
static const char *const cancel_de_texts[] = { "Dieses Training wurde abgesagt.", "ABGESAGT", NULL };
static const char *const cancel_fr_texts[] = { "ANNULÉE\u00a0: Cette séance d’entraînement a été annulée.",
                                               "Notes de l’entraîneur\u00a0:\nTerrain gelé.", NULL };
static const char *const empty_texts[] = { "No exercises planned.", NULL };
static const char *const empty_fr_texts[] = { "Aucun exercice prévu.", NULL };

#define ITEMS(a) (a), G_N_ELEMENTS (a)

static char *long_note;

static const MessageCase cases[] = {
  { "en-berlin", "en", "en", FALSE, 3, "Leg day", "Leg day",
    "2026-11-24T18:00:00+01:00", "Europe/Berlin", "2026-11-24T18:00:00", "Europe/Berlin",
    5400, 5400, "Main field, Gate 2", "Bring water.\nBe on time; we start sharp.", "Strength A", 1500, "25 min",
    ITEMS (mixed_en), en_texts },
  { "de-berlin", "de", "de", FALSE, 1, "Beintag", "Beintag",
    "2026-11-24T17:00:00Z", "Europe/Berlin", "2026-11-24T18:00:00", "Europe/Berlin",
    0, 1500, "Sportplatz Süd", "Wasser mitbringen.", "Kraft A", 1500, "25 min",
    ITEMS (mixed_de), de_texts },
  { "fr-berlin", "fr", "fr", FALSE, 2, "Jambes", "Jambes",
    "2026-11-24T18:00:00+01:00", "Europe/Berlin", "2026-11-24T18:00:00", "Europe/Berlin",
    3600, 3600, "Stade", NULL, "Force", 1920, "32 min",
    ITEMS (mixed_fr), fr_texts },
  { "fr-first-of-month", "fr-CA", "fr", FALSE, 1, "Footing", "Footing",
    "2026-12-01T07:05:00+01:00", "Europe/Berlin", "2026-12-01T07:05:00", "Europe/Berlin",
    3600, 3600, NULL, NULL, NULL, 3600, "1 h",
    ITEMS (one_timed), NULL },
  { "unknown-language", "es", "en", FALSE, 1, "Leg day", "Leg day",
    "2026-11-24T18:00:00+01:00", "Europe/Berlin", "2026-11-24T18:00:00", "Europe/Berlin",
    3600, 3600, "Field", NULL, NULL, 0, NULL,
    ITEMS (one_timed), NULL },
  { "null-language", NULL, "en", FALSE, 1, NULL, "Strength A",
    "2026-11-24T18:00:00+01:00", "Europe/Berlin", "2026-11-24T18:00:00", "Europe/Berlin",
    0, 3600, NULL, NULL, "Strength A", 0, NULL,
    ITEMS (one_timed), NULL },
  { "tricky-title", "en", "en", FALSE, 7, "Zürich <script>alert('x')</script> & Co — Übung",
    "Zürich <script>alert('x')</script> & Co — Übung",
    "2026-03-07T09:00:00-05:00", "America/New_York", "2026-03-07T09:00:00", "America/New_York",
    3600, 3600, "Pier 40; Hudson River Park, NY", NULL, "Speed <i>", 0, NULL,
    ITEMS (tricky), NULL, TRUE },
  { "new-york-after-dst", "en", "en", FALSE, 1, "Morning run", "Morning run",
    "2026-03-08T09:00:00-04:00", "America/New_York", "2026-03-08T09:00:00", "America/New_York",
    3600, 3600, NULL, NULL, NULL, 0, NULL,
    ITEMS (one_timed), NULL },
  { "berlin-before-dst", "de", "de", FALSE, 1, "Nachtlauf", "Nachtlauf",
    "2026-03-29T01:30:00+01:00", "Europe/Berlin", "2026-03-29T01:30:00", "Europe/Berlin",
    7200, 7200, NULL, NULL, NULL, 0, NULL,
    ITEMS (one_timed), NULL },
  { "berlin-after-dst", "de", "de", FALSE, 1, "Frühlauf", "Frühlauf",
    "2026-03-29T03:30:00+02:00", "Europe/Berlin", "2026-03-29T03:30:00", "Europe/Berlin",
    3600, 3600, NULL, NULL, NULL, 0, NULL,
    ITEMS (one_timed), NULL },
  { "sydney-before-dst-end", "en", "en", FALSE, 2, "Ocean swim", "Ocean swim",
    "2026-04-05T01:30:00+11:00", "Australia/Sydney", "2026-04-05T01:30:00", "Australia/Sydney",
    10800, 10800, "Bondi Beach", NULL, NULL, 0, NULL,
    ITEMS (one_timed), NULL },
  { "sydney-after-dst-start", "fr", "fr", FALSE, 2, "Natation", "Natation",
    "2026-10-04T03:30:00+11:00", "Australia/Sydney", "2026-10-04T03:30:00", "Australia/Sydney",
    3600, 3600, NULL, NULL, NULL, 0, NULL,
    ITEMS (one_timed), NULL },
  { "offset-only", "en", "en", FALSE, 1, "Yoga", "Yoga",
    "2026-06-15T07:00:00+05:30", NULL, "2026-06-15T07:00:00", "+05:30",
    2700, 2700, "Studio", NULL, NULL, 0, NULL,
    ITEMS (one_timed), NULL },
  { "unknown-zone", "en", "en", FALSE, 1, "Yoga", "Yoga",
    "2026-06-15T07:00:00-03:00", "Mars/Olympus_Mons", "2026-06-15T07:00:00", "-03:00",
    2700, 2700, NULL, NULL, NULL, 0, NULL,
    ITEMS (one_timed), NULL },
  { "empty-workout", "en", "en", FALSE, 1, NULL, "Training session",
    "2026-07-01T18:00:00+02:00", "Europe/Berlin", "2026-07-01T18:00:00", "Europe/Berlin",
    0, 3600, NULL, NULL, NULL, 0, NULL,
    NULL, 0, empty_texts },
  { "empty-workout-fr", "fr", "fr", FALSE, 1, NULL, "Entraînement",
    "2026-07-01T18:00:00+02:00", "Europe/Berlin", "2026-07-01T18:00:00", "Europe/Berlin",
    0, 3600, NULL, NULL, NULL, 0, NULL,
    NULL, 0, empty_fr_texts },
  { "cancelled-en", "en", "en", TRUE, 4, "Leg day", "Leg day",
    "2026-11-24T18:00:00+01:00", "Europe/Berlin", "2026-11-24T18:00:00", "Europe/Berlin",
    5400, 5400, "Main field", "Pitch is frozen.", "Strength A", 1500, NULL,
    ITEMS (mixed_en), cancel_en_texts },
  { "cancelled-de", "de", "de", TRUE, 9, "Beintag", "Beintag",
    "2026-11-24T18:00:00+01:00", "Europe/Berlin", "2026-11-24T18:00:00", "Europe/Berlin",
    5400, 5400, "Halle", NULL, NULL, 0, NULL,
    NULL, 0, cancel_de_texts },
  { "cancelled-fr", "fr", "fr", TRUE, 5, "Jambes", "Jambes",
    "2026-11-24T18:00:00+01:00", "Europe/Berlin", "2026-11-24T18:00:00", "Europe/Berlin",
    3600, 3600, "Stade", "Terrain gelé.", "Force", 1920, NULL,
    ITEMS (mixed_fr), cancel_fr_texts },
};

static SyncMailSession *
session_for_case (const MessageCase *mc,
                  guint              index)
{
  SyncMailSession *session = sync_mail_session_new ();

  session->session_id = g_strdup_printf ("6f1c3a52-0d8e-4b7a-9c3e-%012u", index);
  session->revision = mc->revision;
  session->cancelled = mc->cancelled;
  session->title = g_strdup (mc->title);
  session->starts_at = g_strdup (mc->starts_at);
  session->timezone = g_strdup (mc->timezone);
  session->duration_s = mc->duration_s;
  session->location = g_strdup (mc->location);
  session->notes = g_strdup (mc->long_note ? long_note : mc->notes);
  session->workout_name = g_strdup (mc->workout_name);
  session->workout_total_s = mc->workout_total_s;
  session->team_name = g_strdup ("FC Köln Juniors");
  session->organizer_name = g_strdup ("Coach Lee");
  for (guint i = 0; i < mc->n_items; i++)
    {
      const ItemCase *ic = &mc->items[i];
      SyncMailItem *item = g_new0 (SyncMailItem, 1);

      item->name = g_strdup (ic->name);
      item->kind = g_strdup (ic->kind);
      item->work_s = ic->work_s;
      item->rest_s = ic->rest_s;
      item->sets = ic->sets;
      item->reps = ic->reps;
      item->load_kg = ic->load_kg;
      item->notes = g_strdup (ic->notes);
      item->clip_url = g_strdup (ic->clip_url);
      g_ptr_array_add (session->items, item);
    }
  return session;
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
write_expectations (const MessageCase *mc,
                    const SyncMailSession *session,
                    const SyncMailRecipient *to,
                    const SyncMailEnvelope *envelope,
                    const char *path)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *date = g_date_time_format_iso8601 (envelope->date);

  json_builder_begin_object (builder);
  add_string (builder, "lang", mc->expect_lang);
  json_builder_set_member_name (builder, "cancelled");
  json_builder_add_boolean_value (builder, mc->cancelled);
  json_builder_set_member_name (builder, "uid");
  {
    g_autofree char *uid = g_strdup_printf ("%s@coachbook", session->session_id);

    json_builder_add_string_value (builder, uid);
  }
  json_builder_set_member_name (builder, "sequence");
  json_builder_add_int_value (builder, mc->revision);
  add_string (builder, "title", mc->expect_title);
  add_string (builder, "starts_at", mc->starts_at);
  add_string (builder, "local_start", mc->local_start);
  add_string (builder, "zone", mc->expect_zone);
  json_builder_set_member_name (builder, "duration_s");
  json_builder_add_int_value (builder, mc->expect_duration_s);
  add_string (builder, "location", mc->location);
  add_string (builder, "notes", session->notes);
  add_string (builder, "total", mc->total);
  add_string (builder, "organizer", session->organizer_name);
  add_string (builder, "from", envelope->from);
  /* Without a sender name the team's is used. */
  add_string (builder, "from_name", envelope->from_name != NULL ? envelope->from_name : session->team_name);
  add_string (builder, "to", to->email);
  add_string (builder, "to_name", to->name);
  add_string (builder, "message_id", envelope->message_id);
  add_string (builder, "unsubscribe_url", envelope->unsubscribe_url);
  add_string (builder, "date", date);

  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < mc->n_items; i++)
    {
      json_builder_begin_object (builder);
      add_string (builder, "name", mc->items[i].name);
      add_string (builder, "detail", mc->items[i].detail);
      add_string (builder, "notes", mc->items[i].notes);
      add_string (builder, "clip_url", mc->items[i].clip_url);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "texts");
  json_builder_begin_array (builder);
  for (guint i = 0; mc->texts != NULL && mc->texts[i] != NULL; i++)
    json_builder_add_string_value (builder, mc->texts[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_to_file (generator, path, &error);
  g_assert_no_error (error);
}

static void
test_messages (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mail-message-XXXXXX", &error);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) date = g_date_time_new (utc, 2026, 11, 20, 9, 30, 15);
  const char *checker = g_test_get_filename (G_TEST_DIST, "unit", "mail-check.py", NULL);
  g_autofree char *checker_out = NULL;
  g_autofree char *checker_err = NULL;
  int status;
  GString *note = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_true (g_file_test (checker, G_FILE_TEST_EXISTS));

  /* A long note: long paragraphs, blank lines and characters to escape. */
  for (int i = 0; i < 40; i++)
    g_string_append_printf (note, "Line %d of the plan; sprint, jog & recover <fast>: ÄÖÜ éè — "
                                  "keep the heart rate below 160 bpm before the next interval.%s",
                            i, i % 10 == 9 ? "\n\n" : " ");
  long_note = g_string_free (note, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const MessageCase *mc = &cases[i];
      g_autoptr(SyncMailSession) session = session_for_case (mc, i);
      g_autofree char *message_id = g_strdup_printf ("outbox-%u.%s@sync.example.org", i, mc->file);
      /* As long as a real one: team, athlete and an HMAC. */
      g_autofree char *unsubscribe = g_strdup_printf ("https://sync.example.org/v1/mail/unsubscribe?"
                                                      "team=2d7c1e0a-5b8f-4c3d-9e2a-7f6b5c4d3e2f&"
                                                      "athlete=%08u-aaaa-4bbb-8ccc-dddddddddddd&"
                                                      "token=%064x", i, i * 7919);
      SyncMailRecipient to = { (char *) (i % 2 == 0 ? "Anna Łukasiewicz-Müller" : "Anna Smith"),
                               (char *) "anna@example.org", (char *) mc->language };
      SyncMailEnvelope envelope = { (char *) "sessions@sync.example.org",
                                    (char *) (i % 3 == 0 ? "Coachbook · FC Köln" : i % 3 == 1 ? "Coachbook" : NULL),
                                    message_id, unsubscribe, date };
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *eml = g_strdup_printf ("%s/%s.eml", dir, mc->file);
      g_autofree char *json = g_strdup_printf ("%s/%s.json", dir, mc->file);

      if (g_str_has_prefix (mc->file, "en-") || g_str_has_prefix (mc->file, "de-") ||
          g_str_has_prefix (mc->file, "fr-"))
        to.name = (char *) "Anna";

      bytes = sync_mail_message_build (session, &to, &envelope, &error);
      g_assert_no_error (error);
      g_assert_nonnull (bytes);
      g_file_set_contents (eml, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
      g_assert_no_error (error);
      write_expectations (mc, session, &to, &envelope, json);
    }

  {
    const char *argv[] = { PYTHON, checker, dir, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                  &checker_out, &checker_err, &status, &error);
    g_assert_no_error (error);
  }
  g_test_message ("%s", checker_out);
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_printerr ("mail-check.py failed on %s:\n%s\n", dir, checker_err);
      g_assert_not_reached ();
    }
  /* Every message was looked at. */
  {
    g_autofree char *expected = g_strdup_printf ("checked %u messages", (guint) G_N_ELEMENTS (cases));

    g_assert_nonnull (strstr (checker_out, expected));
  }

  /* MAIL_CHECK_KEEP=1 leaves the messages behind to look at. */
  if (g_getenv ("MAIL_CHECK_KEEP") != NULL)
    {
      g_test_message ("messages kept in %s", dir);
      g_clear_pointer (&long_note, g_free);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *eml = g_strdup_printf ("%s/%s.eml", dir, cases[i].file);
      g_autofree char *json = g_strdup_printf ("%s/%s.json", dir, cases[i].file);

      g_unlink (eml);
      g_unlink (json);
    }
  g_rmdir (dir);
  g_clear_pointer (&long_note, g_free);
}

/* Reproducible: the same data gives the same bytes. */
static void
test_stable (void)
{
  g_autoptr(SyncMailSession) session = session_for_case (&cases[0], 0);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) date = g_date_time_new (utc, 2026, 11, 20, 9, 30, 15);
  SyncMailRecipient to = { (char *) "Anna", (char *) "anna@example.org", (char *) "en" };
  SyncMailEnvelope envelope = { (char *) "s@example.org", NULL, (char *) "id-1@example.org",
                                (char *) "https://example.org/u?t=1", date };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) a = sync_mail_message_build (session, &to, &envelope, &error);
  g_autoptr(GBytes) b = sync_mail_message_build (session, &to, &envelope, &error);

  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (a, b));
}

static void
test_invalid (void)
{
  g_autoptr(SyncMailSession) session = session_for_case (&cases[0], 0);
  SyncMailRecipient to = { (char *) "Anna", (char *) "anna@example.org", (char *) "en" };
  SyncMailEnvelope envelope = { (char *) "s@example.org", NULL, (char *) "id-1@example.org",
                                (char *) "https://example.org/u?t=1", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) ok = NULL;
  GBytes *bytes;

  /* No offset, no date, garbage. */
  for (guint i = 0; i < 3; i++)
    {
      const char *bad[] = { "2026-11-24T18:00:00", "tomorrow", "" };

      g_free (session->starts_at);
      session->starts_at = g_strdup (bad[i]);
      bytes = sync_mail_message_build (session, &to, &envelope, &error);
      g_assert_null (bytes);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_clear_error (&error);
    }
  g_free (session->starts_at);
  session->starts_at = g_strdup ("2026-11-24T18:00:00+01:00");

  to.email = (char *) "anna@example.org\r\nBcc: x@example.org";
  bytes = sync_mail_message_build (session, &to, &envelope, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  to.email = (char *) "anna@example.org";

  envelope.unsubscribe_url = (char *) "javascript:alert(1)";
  bytes = sync_mail_message_build (session, &to, &envelope, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  envelope.unsubscribe_url = (char *) "https://example.org/u?t=1";

  /* Without a Date the current time is used. */
  ok = sync_mail_message_build (session, &to, &envelope, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ok);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mail-message/ics-escape", test_ics_escape);
  g_test_add_func ("/mail-message/ics-fold", test_ics_fold);
  g_test_add_func ("/mail-message/encoded-word", test_encoded_word);
  g_test_add_func ("/mail-message/quoted-printable", test_quoted_printable);
  g_test_add_func ("/mail-message/formats", test_formats);
  g_test_add_func ("/mail-message/stable", test_stable);
  g_test_add_func ("/mail-message/invalid", test_invalid);
  g_test_add_func ("/mail-message/messages", test_messages);

  return g_test_run ();
}
