/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 *
 * seed-pull DATA_DIR PAGE.json
 *
 * Applies one pull page (the JSON the server answers GET /v1/pull with)
 * to the catalog in DATA_DIR, exactly as a sync does: rows the server
 * writes (delivery) land, nothing enters the outbox, and outbox rows up
 * to the page's last_mid are acknowledged. UI tests use it to play the
 * server without running one.
 */
#define G_LOG_DOMAIN "seed-pull"

#include "config.h"

#include <locale.h>

#include "coach-catalog.h"
#include "coach-sync-engine.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CoachCatalog) catalog = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(CoachWirePull) page = NULL;
  g_autoptr(GError) error = NULL;
  CoachSyncStats stats = { 0 };

  setlocale (LC_ALL, "");
  if (argc != 3)
    {
      g_printerr ("usage: %s DATA_DIR PAGE.json\n", argv[0]);
      return 2;
    }

  if (!json_parser_load_from_file (parser, argv[2], &error) ||
      !(page = coach_wire_pull_from_json (json_parser_get_root (parser), &error)) ||
      !(catalog = coach_catalog_open (argv[1], &error)) ||
      !coach_catalog_apply_pull (catalog, page, &stats, &error))
    {
      g_printerr ("seed-pull: %s\n", error->message);
      return 1;
    }
  g_print ("%u\n", stats.pulled);
  return 0;
}
