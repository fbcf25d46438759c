/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Coachbook authors
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Timings for `make bench` (tests/bench/bench-ui.py), only when the
 * environment variable COACHBOOK_UI_BENCH is set: the first frame of
 * @window (and nothing more with COACHBOOK_UI_BENCH=first-frame), then the
 * time until the Clips page shows its grid, then the frame times while the
 * grid scrolls down, one line each on standard error starting with
 * "coachbook-ui-bench:"; then the app quits. */
void coach_ui_bench_attach (GtkWindow *window);

/* With COACHBOOK_UI_BENCH set, one line "coachbook-ui-bench:
 * mark-@what ms=N" on standard error: the time since the first mark, so
 * the phases of start-up show where the first frame's time goes. Main
 * thread only. */
void coach_ui_bench_mark   (const char *what);

G_END_DECLS
