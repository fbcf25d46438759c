/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#define G_LOG_DOMAIN "coachbook-sync"

#include "config.h"

#include <string.h>

#include "sync-mail-private.h"

/* The server ships no gettext catalogs: the few sentences of an athlete's
 * email live in this table, one column per language. "{1}" and "{2}" are
 * filled by expand(). */

typedef enum
{
  MSG_DEFAULT_TITLE,
  MSG_SUBJECT_INVITE,
  MSG_SUBJECT_CANCEL,
  MSG_GREETING,
  MSG_GREETING_ANON,
  MSG_INTRO_INVITE,
  MSG_INTRO_CANCEL,
  MSG_CANCELLED_BANNER,
  MSG_CALENDAR_INVITE,
  MSG_CALENDAR_CANCEL,
  MSG_LABEL,
  MSG_HEADING,
  MSG_WHAT,
  MSG_WHEN,
  MSG_WHERE,
  MSG_COACH,
  MSG_NOTES,
  MSG_WORKOUT,
  MSG_WORKOUT_NAMED,
  MSG_NO_EXERCISES,
  MSG_TOTAL,
  MSG_SET_ONE,
  MSG_SET_MANY,
  MSG_REP_ONE,
  MSG_REP_MANY,
  MSG_REST,
  MSG_CLIP,
  MSG_FOOTER,
  MSG_UNSUBSCRIBE,
  MSG_UNSUBSCRIBE_TEXT,
  N_MSGS
} MailMsg;

static const char *const strings[][N_MSGS] = {
  [SYNC_MAIL_LANG_EN] = {
    [MSG_DEFAULT_TITLE] = "Training session",
    [MSG_SUBJECT_INVITE] = "Training: {1}, {2}",
    [MSG_SUBJECT_CANCEL] = "Cancelled: {1}, {2}",
    [MSG_GREETING] = "Hi {1},",
    [MSG_GREETING_ANON] = "Hi,",
    [MSG_INTRO_INVITE] = "{1} has planned a training session for you.",
    [MSG_INTRO_CANCEL] = "This training session has been cancelled.",
    [MSG_CANCELLED_BANNER] = "Cancelled",
    [MSG_CALENDAR_INVITE] = "Add it to your calendar with the attached invitation.",
    [MSG_CALENDAR_CANCEL] = "The attached update removes it from your calendar.",
    [MSG_LABEL] = "{1}: {2}",
    [MSG_HEADING] = "{1}:",
    [MSG_WHAT] = "What",
    [MSG_WHEN] = "When",
    [MSG_WHERE] = "Where",
    [MSG_COACH] = "Coach",
    [MSG_NOTES] = "Notes from your coach",
    [MSG_WORKOUT] = "Workout",
    [MSG_WORKOUT_NAMED] = "Workout: {1}",
    [MSG_NO_EXERCISES] = "No exercises planned.",
    [MSG_TOTAL] = "Total: {1}",
    [MSG_SET_ONE] = "{1} set",
    [MSG_SET_MANY] = "{1} sets",
    [MSG_REP_ONE] = "{1} rep",
    [MSG_REP_MANY] = "{1} reps",
    [MSG_REST] = "rest {1}",
    [MSG_CLIP] = "Watch the clip",
    [MSG_FOOTER] = "You get this email as a member of {1}.",
    [MSG_UNSUBSCRIBE] = "Unsubscribe",
    [MSG_UNSUBSCRIBE_TEXT] = "Unsubscribe from these emails: {1}",
  },
  [SYNC_MAIL_LANG_DE] = {
    [MSG_DEFAULT_TITLE] = "Trainingseinheit",
    [MSG_SUBJECT_INVITE] = "Training: {1}, {2}",
    [MSG_SUBJECT_CANCEL] = "Abgesagt: {1}, {2}",
    [MSG_GREETING] = "Hallo {1},",
    [MSG_GREETING_ANON] = "Hallo,",
    [MSG_INTRO_INVITE] = "{1} hat ein Training für dich geplant.",
    [MSG_INTRO_CANCEL] = "Dieses Training wurde abgesagt.",
    [MSG_CANCELLED_BANNER] = "Abgesagt",
    [MSG_CALENDAR_INVITE] = "Mit der angehängten Einladung kannst du es in deinen Kalender übernehmen.",
    [MSG_CALENDAR_CANCEL] = "Die angehängte Aktualisierung entfernt es aus deinem Kalender.",
    [MSG_LABEL] = "{1}: {2}",
    [MSG_HEADING] = "{1}:",
    [MSG_WHAT] = "Was",
    [MSG_WHEN] = "Wann",
    [MSG_WHERE] = "Wo",
    [MSG_COACH] = "Trainer",
    [MSG_NOTES] = "Hinweise vom Trainer",
    [MSG_WORKOUT] = "Trainingsplan",
    [MSG_WORKOUT_NAMED] = "Trainingsplan: {1}",
    [MSG_NO_EXERCISES] = "Keine Übungen geplant.",
    [MSG_TOTAL] = "Gesamt: {1}",
    [MSG_SET_ONE] = "{1} Satz",
    [MSG_SET_MANY] = "{1} Sätze",
    [MSG_REP_ONE] = "{1} Wdh.",
    [MSG_REP_MANY] = "{1} Wdh.",
    [MSG_REST] = "Pause {1}",
    [MSG_CLIP] = "Video ansehen",
    [MSG_FOOTER] = "Du erhältst diese E-Mail als Mitglied von {1}.",
    [MSG_UNSUBSCRIBE] = "Abmelden",
    [MSG_UNSUBSCRIBE_TEXT] = "Von diesen E-Mails abmelden: {1}",
  },
  [SYNC_MAIL_LANG_FR] = {
    [MSG_DEFAULT_TITLE] = "Entraînement",
    [MSG_SUBJECT_INVITE] = "Séance\u00a0: {1}, {2}",
    [MSG_SUBJECT_CANCEL] = "Annulée\u00a0: {1}, {2}",
    [MSG_GREETING] = "Bonjour {1},",
    [MSG_GREETING_ANON] = "Bonjour,",
    [MSG_INTRO_INVITE] = "{1} a prévu une séance d’entraînement pour vous.",
    [MSG_INTRO_CANCEL] = "Cette séance d’entraînement a été annulée.",
    [MSG_CANCELLED_BANNER] = "Annulée",
    [MSG_CALENDAR_INVITE] = "Ajoutez-la à votre agenda grâce à l’invitation jointe.",
    [MSG_CALENDAR_CANCEL] = "La mise à jour jointe la retire de votre agenda.",
    [MSG_LABEL] = "{1}\u00a0: {2}",
    [MSG_HEADING] = "{1}\u00a0:",
    [MSG_WHAT] = "Quoi",
    [MSG_WHEN] = "Quand",
    [MSG_WHERE] = "Où",
    [MSG_COACH] = "Entraîneur",
    [MSG_NOTES] = "Notes de l’entraîneur",
    [MSG_WORKOUT] = "Programme",
    [MSG_WORKOUT_NAMED] = "Programme\u00a0: {1}",
    [MSG_NO_EXERCISES] = "Aucun exercice prévu.",
    [MSG_TOTAL] = "Durée totale\u00a0: {1}",
    [MSG_SET_ONE] = "{1} série",
    [MSG_SET_MANY] = "{1} séries",
    [MSG_REP_ONE] = "{1} répétition",
    [MSG_REP_MANY] = "{1} répétitions",
    [MSG_REST] = "repos {1}",
    [MSG_CLIP] = "Voir la vidéo",
    [MSG_FOOTER] = "Vous recevez cet e-mail en tant que membre de {1}.",
    [MSG_UNSUBSCRIBE] = "Se désabonner",
    [MSG_UNSUBSCRIBE_TEXT] = "Se désabonner de ces e-mails\u00a0: {1}",
  },
};

static const char *const weekdays[][7] = {
  [SYNC_MAIL_LANG_EN] = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                          "Saturday", "Sunday" },
  [SYNC_MAIL_LANG_DE] = { "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag",
                          "Samstag", "Sonntag" },
  [SYNC_MAIL_LANG_FR] = { "lundi", "mardi", "mercredi", "jeudi", "vendredi",
                          "samedi", "dimanche" },
};

static const char *const months[][12] = {
  [SYNC_MAIL_LANG_EN] = { "January", "February", "March", "April", "May", "June", "July",
                          "August", "September", "October", "November", "December" },
  [SYNC_MAIL_LANG_DE] = { "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
                          "August", "September", "Oktober", "November", "Dezember" },
  [SYNC_MAIL_LANG_FR] = { "janvier", "février", "mars", "avril", "mai", "juin", "juillet",
                          "août", "septembre", "octobre", "novembre", "décembre" },
};

static const char *const lang_codes[] = {
  [SYNC_MAIL_LANG_EN] = "en",
  [SYNC_MAIL_LANG_DE] = "de",
  [SYNC_MAIL_LANG_FR] = "fr",
};

/* ---------------------------------------------------------------------- */
/* Words                                                                  */
/* ---------------------------------------------------------------------- */

static const char *
msg (SyncMailLang lang,
     MailMsg      id)
{
  /* A sentence not translated yet is said in English. */
  return strings[lang][id] != NULL ? strings[lang][id] : strings[SYNC_MAIL_LANG_EN][id];
}

static char *
expand (const char *tmpl,
        const char *one,
        const char *two)
{
  GString *out = g_string_new (NULL);

  for (const char *p = tmpl; *p != '\0'; p++)
    {
      if (p[0] == '{' && (p[1] == '1' || p[1] == '2') && p[2] == '}')
        {
          const char *value = p[1] == '1' ? one : two;

          g_string_append (out, value != NULL ? value : "");
          p += 2;
        }
      else
        {
          g_string_append_c (out, *p);
        }
    }
  return g_string_free (out, FALSE);
}

static char *
expand_int (SyncMailLang lang,
            MailMsg      one,
            MailMsg      many,
            gint64       n)
{
  char number[32];

  g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, n);
  /* French counts zero and one as singular, English and German one only. */
  if (n == 1 || (n == 0 && lang == SYNC_MAIL_LANG_FR))
    return expand (msg (lang, one), number, NULL);
  return expand (msg (lang, many), number, NULL);
}

static gboolean
is_set (const char *text)
{
  return text != NULL && *text != '\0';
}

SyncMailLang
sync_mail_lang_from_code (const char *code)
{
  /* "de", "de-CH", "de_AT.UTF-8": the primary subtag decides. */
  if (code == NULL)
    return SYNC_MAIL_LANG_EN;
  if (g_ascii_strncasecmp (code, "de", 2) == 0 && !g_ascii_isalpha (code[2]))
    return SYNC_MAIL_LANG_DE;
  if (g_ascii_strncasecmp (code, "fr", 2) == 0 && !g_ascii_isalpha (code[2]))
    return SYNC_MAIL_LANG_FR;
  return SYNC_MAIL_LANG_EN;
}

const char *
sync_mail_lang_code (SyncMailLang lang)
{
  return lang_codes[lang];
}

const char *
sync_mail_default_title (SyncMailLang lang)
{
  return msg (lang, MSG_DEFAULT_TITLE);
}

/* "Tuesday, 24 November 2026, 18:00", "Dienstag, 24. November 2026, 18:00",
 * "mardi 24 novembre 2026 à 18:00" (and "1er" for the first of a month). */
char *
sync_mail_format_date_time (GDateTime   *dt,
                            SyncMailLang lang)
{
  const char *weekday = weekdays[lang][g_date_time_get_day_of_week (dt) - 1];
  const char *month = months[lang][g_date_time_get_month (dt) - 1];
  int day = g_date_time_get_day_of_month (dt);
  int year = g_date_time_get_year (dt);
  int hour = g_date_time_get_hour (dt);
  int minute = g_date_time_get_minute (dt);

  switch (lang)
    {
    case SYNC_MAIL_LANG_DE:
      return g_strdup_printf ("%s, %d. %s %d, %02d:%02d", weekday, day, month, year, hour, minute);
    case SYNC_MAIL_LANG_FR:
      return g_strdup_printf ("%s %d%s %s %d à %02d:%02d", weekday, day, day == 1 ? "er" : "",
                              month, year, hour, minute);
    case SYNC_MAIL_LANG_EN:
    default:
      return g_strdup_printf ("%s, %d %s %d, %02d:%02d", weekday, day, month, year, hour, minute);
    }
}

/* "45 s", "1 min 30 s", "1 h 5 min": SI symbols read the same in all
 * three languages. */
char *
sync_mail_format_duration (gint64       seconds,
                           SyncMailLang lang)
{
  GString *out = g_string_new (NULL);
  gint64 h = seconds / 3600;
  gint64 m = seconds % 3600 / 60;
  gint64 s = seconds % 60;

  if (seconds <= 0)
    return g_strdup ("0 s");
  if (h > 0)
    g_string_append_printf (out, "%" G_GINT64_FORMAT " h", h);
  if (m > 0)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT " min", out->len > 0 ? " " : "", m);
  if (s > 0)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT " s", out->len > 0 ? " " : "", s);
  return g_string_free (out, FALSE);
}

static char *
format_load (double       load_kg,
             SyncMailLang lang)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *text;

  g_ascii_formatd (buffer, sizeof buffer, "%.2f", load_kg);
  /* "62.50" -> "62.5", "60.00" -> "60". */
  if (strchr (buffer, '.') != NULL)
    {
      char *end = buffer + strlen (buffer) - 1;

      while (*end == '0')
        *end-- = '\0';
      if (*end == '.')
        *end = '\0';
    }
  text = g_strdup_printf ("%s kg", buffer);
  if (lang != SYNC_MAIL_LANG_EN)
    g_strdelimit (text, ".", ',');
  return text;
}

/* "3 sets × 10 reps, 60 kg · rest 1 min 30 s" or "45 s · rest 15 s". */
static char *
format_item_detail (const SyncMailItem *item,
                    SyncMailLang        lang)
{
  GString *out = g_string_new (NULL);

  if (g_strcmp0 (item->kind, "sets") == 0)
    {
      g_autofree char *sets = expand_int (lang, MSG_SET_ONE, MSG_SET_MANY, item->sets);

      g_string_append (out, sets);
      if (item->reps > 0)
        {
          g_autofree char *reps = expand_int (lang, MSG_REP_ONE, MSG_REP_MANY, item->reps);

          g_string_append_printf (out, " × %s", reps);
        }
      if (item->load_kg > 0)
        {
          g_autofree char *load = format_load (item->load_kg, lang);

          g_string_append_printf (out, ", %s", load);
        }
    }
  else if (item->work_s > 0)
    {
      g_autofree char *work = sync_mail_format_duration (item->work_s, lang);

      g_string_append (out, work);
    }

  if (item->rest_s > 0)
    {
      g_autofree char *duration = sync_mail_format_duration (item->rest_s, lang);
      g_autofree char *rest = expand (msg (lang, MSG_REST), duration, NULL);

      g_string_append_printf (out, "%s%s", out->len > 0 ? " · " : "", rest);
    }
  return g_string_free (out, FALSE);
}

/* "Tuesday, 24 November 2026, 18:00 – 19:30 (Europe/Berlin)"; the end
 * gets its full date when it falls on another day. */
char *
sync_mail_format_when (const SyncMailContext *ctx)
{
  g_autofree char *start = sync_mail_format_date_time (ctx->start, ctx->lang);
  g_autofree char *end = NULL;

  if (g_date_time_get_year (ctx->start) == g_date_time_get_year (ctx->end) &&
      g_date_time_get_day_of_year (ctx->start) == g_date_time_get_day_of_year (ctx->end))
    end = g_date_time_format (ctx->end, "%H:%M");
  else
    end = sync_mail_format_date_time (ctx->end, ctx->lang);

  return g_strdup_printf ("%s – %s (%s)", start, end, ctx->zone_label);
}

char *
sync_mail_subject (const SyncMailSession *session,
                   const SyncMailContext *ctx)
{
  g_autofree char *start = sync_mail_format_date_time (ctx->start, ctx->lang);

  return expand (msg (ctx->lang, session->cancelled ? MSG_SUBJECT_CANCEL : MSG_SUBJECT_INVITE),
                 ctx->title, start);
}

static const char *
inviter (const SyncMailSession *session)
{
  if (is_set (session->organizer_name))
    return session->organizer_name;
  if (is_set (session->team_name))
    return session->team_name;
  return "Coachbook";
}

/* ---------------------------------------------------------------------- */
/* Plain text                                                             */
/* ---------------------------------------------------------------------- */

static void
append_label (GString      *out,
              SyncMailLang  lang,
              MailMsg       label,
              const char   *value)
{
  g_autofree char *line = expand (msg (lang, MSG_LABEL), msg (lang, label), value);

  g_string_append_printf (out, "%s\n", line);
}

static void
append_workout_text (GString               *out,
                     const SyncMailSession *session,
                     SyncMailLang           lang)
{
  g_autofree char *heading = NULL;

  if (is_set (session->workout_name))
    heading = expand (msg (lang, MSG_WORKOUT_NAMED), session->workout_name, NULL);
  else
    heading = g_strdup (msg (lang, MSG_WORKOUT));
  g_string_append_printf (out, "%s\n", heading);
  if (is_set (session->workout_description))
    g_string_append_printf (out, "%s\n", session->workout_description);

  if (session->items == NULL || session->items->len == 0)
    g_string_append_printf (out, "%s\n", msg (lang, MSG_NO_EXERCISES));

  for (guint i = 0; session->items != NULL && i < session->items->len; i++)
    {
      const SyncMailItem *item = g_ptr_array_index (session->items, i);
      g_autofree char *detail = format_item_detail (item, lang);

      g_string_append_printf (out, "%u. %s", i + 1, item->name != NULL ? item->name : "");
      if (*detail != '\0')
        g_string_append_printf (out, " — %s", detail);
      g_string_append_c (out, '\n');
      if (is_set (item->notes))
        {
          g_auto(GStrv) lines = g_strsplit (item->notes, "\n", -1);

          for (guint l = 0; lines[l] != NULL; l++)
            g_string_append_printf (out, "   %s\n", lines[l]);
        }
      if (sync_mail_url_is_web (item->clip_url))
        {
          g_autofree char *clip = expand (msg (lang, MSG_LABEL), msg (lang, MSG_CLIP), item->clip_url);

          g_string_append_printf (out, "   %s\n", clip);
        }
    }

  if (session->workout_total_s > 0)
    {
      g_autofree char *duration = sync_mail_format_duration (session->workout_total_s, lang);
      g_autofree char *total = expand (msg (lang, MSG_TOTAL), duration, NULL);

      g_string_append_printf (out, "%s\n", total);
    }
}

/* The coach's notes and the workout: the body of the plain text and the
 * calendar entry's description. A cancellation keeps the notes only. */
char *
sync_mail_describe (const SyncMailSession *session,
                    const SyncMailContext *ctx)
{
  GString *out = g_string_new (NULL);

  if (is_set (session->notes))
    {
      g_autofree char *heading = expand (msg (ctx->lang, MSG_HEADING), msg (ctx->lang, MSG_NOTES), NULL);

      g_string_append_printf (out, "%s\n%s\n", heading, session->notes);
    }
  if (!session->cancelled)
    {
      if (out->len > 0)
        g_string_append_c (out, '\n');
      append_workout_text (out, session, ctx->lang);
    }
  return g_string_free (out, FALSE);
}

char *
sync_mail_text_plain (const SyncMailSession   *session,
                      const SyncMailRecipient *to,
                      const SyncMailEnvelope  *envelope,
                      const SyncMailContext   *ctx)
{
  SyncMailLang lang = ctx->lang;
  GString *out = g_string_new (NULL);
  g_autofree char *greeting = NULL;
  g_autofree char *when = sync_mail_format_when (ctx);
  g_autofree char *describe = sync_mail_describe (session, ctx);
  g_autofree char *unsubscribe = expand (msg (lang, MSG_UNSUBSCRIBE_TEXT),
                                         envelope->unsubscribe_url, NULL);

  if (is_set (to->name))
    greeting = expand (msg (lang, MSG_GREETING), to->name, NULL);
  else
    greeting = g_strdup (msg (lang, MSG_GREETING_ANON));
  g_string_append_printf (out, "%s\n\n", greeting);

  if (session->cancelled)
    {
      g_autofree char *banner = g_utf8_strup (msg (lang, MSG_CANCELLED_BANNER), -1);
      g_autofree char *line = expand (msg (lang, MSG_LABEL), banner, msg (lang, MSG_INTRO_CANCEL));

      g_string_append_printf (out, "%s\n\n", line);
    }
  else
    {
      g_autofree char *intro = expand (msg (lang, MSG_INTRO_INVITE), inviter (session), NULL);

      g_string_append_printf (out, "%s\n\n", intro);
    }

  append_label (out, lang, MSG_WHAT, ctx->title);
  append_label (out, lang, MSG_WHEN, when);
  if (is_set (session->location))
    append_label (out, lang, MSG_WHERE, session->location);
  if (is_set (session->organizer_name))
    append_label (out, lang, MSG_COACH, session->organizer_name);
  g_string_append_c (out, '\n');

  if (*describe != '\0')
    g_string_append_printf (out, "%s\n", describe);

  g_string_append_printf (out, "%s\n\n",
                          msg (lang, session->cancelled ? MSG_CALENDAR_CANCEL : MSG_CALENDAR_INVITE));

  /* The usual signature separator, "-- " with its space. */
  g_string_append (out, "-- \n");
  if (is_set (session->team_name))
    {
      g_autofree char *footer = expand (msg (lang, MSG_FOOTER), session->team_name, NULL);

      g_string_append_printf (out, "%s\n", footer);
    }
  g_string_append_printf (out, "%s\n", unsubscribe);
  return g_string_free (out, FALSE);
}

/* ---------------------------------------------------------------------- */
/* Words for the HTML part                                                */
/* ---------------------------------------------------------------------- */

void
sync_mail_html_words (SyncMailHtmlWords       *words,
                      const SyncMailSession   *session,
                      const SyncMailRecipient *to,
                      const SyncMailContext   *ctx)
{
  SyncMailLang lang = ctx->lang;

  words->subject = sync_mail_subject (session, ctx);
  words->cancelled = g_strdup (msg (lang, MSG_INTRO_CANCEL));
  if (is_set (to->name))
    words->greeting = expand (msg (lang, MSG_GREETING), to->name, NULL);
  else
    words->greeting = g_strdup (msg (lang, MSG_GREETING_ANON));
  if (!session->cancelled)
    words->intro = expand (msg (lang, MSG_INTRO_INVITE), inviter (session), NULL);
  words->when_label = g_strdup (msg (lang, MSG_WHEN));
  words->where_label = g_strdup (msg (lang, MSG_WHERE));
  words->coach_label = g_strdup (msg (lang, MSG_COACH));
  words->notes_label = g_strdup (msg (lang, MSG_NOTES));
  if (is_set (session->workout_name))
    words->workout_heading = expand (msg (lang, MSG_WORKOUT_NAMED), session->workout_name, NULL);
  else
    words->workout_heading = g_strdup (msg (lang, MSG_WORKOUT));
  words->no_exercises = g_strdup (msg (lang, MSG_NO_EXERCISES));
  words->details = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < session->items->len; i++)
    g_ptr_array_add (words->details, format_item_detail (g_ptr_array_index (session->items, i), lang));
  words->clip = g_strdup (msg (lang, MSG_CLIP));
  if (session->workout_total_s > 0)
    {
      g_autofree char *duration = sync_mail_format_duration (session->workout_total_s, lang);

      words->total = expand (msg (lang, MSG_TOTAL), duration, NULL);
    }
  words->calendar = g_strdup (msg (lang, session->cancelled ? MSG_CALENDAR_CANCEL
                                                            : MSG_CALENDAR_INVITE));
  if (is_set (session->team_name))
    words->footer = expand (msg (lang, MSG_FOOTER), session->team_name, NULL);
  words->unsubscribe = g_strdup (msg (lang, MSG_UNSUBSCRIBE));
}

void
sync_mail_html_words_clear (SyncMailHtmlWords *words)
{
  g_free (words->subject);
  g_free (words->cancelled);
  g_free (words->greeting);
  g_free (words->intro);
  g_free (words->when_label);
  g_free (words->where_label);
  g_free (words->coach_label);
  g_free (words->notes_label);
  g_free (words->workout_heading);
  g_free (words->no_exercises);
  g_clear_pointer (&words->details, g_ptr_array_unref);
  g_free (words->clip);
  g_free (words->total);
  g_free (words->calendar);
  g_free (words->footer);
  g_free (words->unsubscribe);
  memset (words, 0, sizeof *words);
}
