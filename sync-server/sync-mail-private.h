/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include "sync-mail-message.h"

G_BEGIN_DECLS

/* Shared by the parts of an athlete's email (sync-mail-message.c builds
 * the envelope, sync-mail-text.c the words, sync-mail-ics.c the invite),
 * and by the unit test. */

typedef enum
{
  SYNC_MAIL_LANG_EN,
  SYNC_MAIL_LANG_DE,
  SYNC_MAIL_LANG_FR,
} SyncMailLang;

/* What every part needs, resolved once from the session. */
typedef struct
{
  SyncMailLang  lang;
  const char   *lang_code;   /* "en", "de", "fr" */
  const char   *title;       /* title, else the workout's name, else a generic one */
  GDateTime    *start;       /* in the session's zone */
  GDateTime    *end;         /* start + duration, same zone */
  char         *zone_label;  /* "Europe/Berlin" or "UTC+05:30" */
} SyncMailContext;

/* The translated pieces the HTML part arranges, all owned. */
typedef struct
{
  char      *subject;
  char      *cancelled;        /* the cancellation sentence */
  char      *greeting;
  char      *intro;            /* NULL for a cancellation */
  char      *when_label;
  char      *where_label;
  char      *coach_label;
  char      *notes_label;
  char      *workout_heading;
  char      *no_exercises;
  GPtrArray *details;          /* of char *, one per item */
  char      *clip;
  char      *total;            /* NULL when the total is unknown */
  char      *calendar;
  char      *footer;           /* NULL without a team name */
  char      *unsubscribe;
} SyncMailHtmlWords;

/* sync-mail-text.c */
void         sync_mail_html_words          (SyncMailHtmlWords       *words,
                                            const SyncMailSession   *session,
                                            const SyncMailRecipient *to,
                                            const SyncMailContext   *ctx);
void         sync_mail_html_words_clear    (SyncMailHtmlWords       *words);
SyncMailLang sync_mail_lang_from_code      (const char *code);
const char  *sync_mail_lang_code           (SyncMailLang lang);
const char  *sync_mail_default_title       (SyncMailLang lang);
char        *sync_mail_format_date_time    (GDateTime   *dt,
                                            SyncMailLang lang);
char        *sync_mail_format_duration     (gint64       seconds,
                                            SyncMailLang lang);
char        *sync_mail_format_when         (const SyncMailContext *ctx);
char        *sync_mail_subject             (const SyncMailSession *session,
                                            const SyncMailContext *ctx);
char        *sync_mail_describe            (const SyncMailSession *session,
                                            const SyncMailContext *ctx);
char        *sync_mail_text_plain          (const SyncMailSession   *session,
                                            const SyncMailRecipient *to,
                                            const SyncMailEnvelope  *envelope,
                                            const SyncMailContext   *ctx);

/* sync-mail-html.c */
char        *sync_mail_text_html           (const SyncMailSession   *session,
                                            const SyncMailRecipient *to,
                                            const SyncMailEnvelope  *envelope,
                                            const SyncMailContext   *ctx);

/* sync-mail-ics.c */
char        *sync_mail_ics_escape_text     (const char *text);
void         sync_mail_ics_append_line     (GString    *out,
                                            const char *line);
char        *sync_mail_ics_build           (const SyncMailSession   *session,
                                            const SyncMailRecipient *to,
                                            const SyncMailEnvelope  *envelope,
                                            const SyncMailContext   *ctx);

/* sync-mail-message.c */
char        *sync_mail_encode_quoted_printable (const char *text);
char        *sync_mail_encode_base64_lines     (const char *data,
                                                gsize       len);
char        *sync_mail_header_text             (const char *name,
                                                const char *value);
char        *sync_mail_header_mailbox          (const char *name,
                                                const char *display_name,
                                                const char *address);
char        *sync_mail_clean_line              (const char *text);
gboolean     sync_mail_url_is_web              (const char *url);

G_END_DECLS
