#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Coachbook authors
"""Times the app's UI against references run the same way (see bench-ui.sh).

Each measured process prints "coachbook-ui-bench: ..." lines on stderr
(the app only with COACHBOOK_UI_BENCH set, see app/coach-ui-bench.c); the
first frame is timed here, from starting the process to its line.
"""

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time

FIRST_FRAME_BUDGET_MS = 500.0
MARK = "coachbook-ui-bench:"


def run(argv, env_extra=None, timeout=120.0):
    """Runs argv; returns (ms to the first-frame line, {key: value} of the
    other bench lines)."""
    env = dict(os.environ)
    env.update(env_extra or {})
    start = time.monotonic()
    proc = subprocess.Popen(argv, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)
    watchdog = threading.Timer(timeout, proc.kill)
    watchdog.start()
    first = None
    values = {}
    try:
        for line in proc.stderr:
            if not line.startswith(MARK):
                continue
            fields = line[len(MARK):].split()
            if fields[0] == "first-frame" and first is None:
                first = (time.monotonic() - start) * 1000.0
            for f in fields[1:]:
                key, _, value = f.partition("=")
                values[f"{fields[0]}.{key}"] = float(value)
        proc.wait()
    finally:
        watchdog.cancel()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if first is None:
        raise RuntimeError(f"{argv[0]} never showed a frame (exit status {proc.returncode})")
    return first, values


def median(values):
    return statistics.median(values) if values else float("nan")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--app", required=True)
    p.add_argument("--cli", required=True)
    p.add_argument("--ref", required=True)
    p.add_argument("--catalog-bench", required=True)
    p.add_argument("--work-dir", required=True)
    p.add_argument("--runs", type=int, default=5)
    a = p.parse_args()

    starter = os.path.join(a.work_dir, "starter")
    big = os.path.join(a.work_dir, "big")
    os.makedirs(big, exist_ok=True)
    # The starter library is loaded on the first start; time later starts.
    subprocess.run([a.cli, "--data-dir", starter, "stats"], check=True, stdout=subprocess.DEVNULL)
    t = time.monotonic()
    subprocess.run([a.catalog_bench], check=True, stdout=subprocess.DEVNULL,
                   env=dict(os.environ, BENCH_KEEP=os.path.join(big, "catalog.db"), BENCH_FILL_ONLY="1"))
    print(f"30k-clip catalog made in {time.monotonic() - t:.1f} s", flush=True)

    first_env = {"COACHBOOK_UI_BENCH": "first-frame"}
    bench_env = {"COACHBOOK_UI_BENCH": "1"}
    ref_first, app_first, big_first, clips_shown = [], [], [], []
    app_scroll, ref_scroll = [], []
    # Warm the caches (fonts, icon theme, shared libraries) once each.
    run([a.ref, "window"])
    run([a.app, "--data-dir", starter], first_env)
    for i in range(a.runs):
        print(f"run {i + 1} of {a.runs}", flush=True)
        ref_first.append(run([a.ref, "window"])[0])
        ms, _ = run([a.app, "--data-dir", starter], first_env)
        app_first.append(ms)
        ms, values = run([a.app, "--data-dir", big], bench_env)
        if "clips-shown.ms" not in values:
            raise RuntimeError("the app did not show the clip grid of the 30k-clip catalog")
        big_first.append(ms)
        clips_shown.append(values.get("clips-shown.ms", float("nan")))
        app_scroll.append(values)
        ref_scroll.append(run([a.ref, "grid"])[1])

    def row(what, value, ref=None, unit="ms", budget=None):
        line = f"{what:<46} {value:8.1f} {unit}"
        if ref:
            line += f"   reference {ref:8.1f} {unit}   ratio {value / ref:5.2f}x"
        if budget is not None:
            line += f"   budget {budget:.0f} {unit}: {'OK' if value <= budget else 'OVER'}"
        print(line)

    print(f"\nmedians of {a.runs} runs (Xvfb, cairo renderer)")
    row("first frame: minimal GTK window", median(ref_first))
    row("first frame: app, starter catalog", median(app_first), median(ref_first), budget=FIRST_FRAME_BUDGET_MS)
    row("first frame: app, 30k-clip catalog", median(big_first), median(ref_first), budget=FIRST_FRAME_BUDGET_MS)
    row("clip grid shown after switching (30k)", median(clips_shown))
    for key, label in (("interval-p50", "frame interval p50"), ("interval-p95", "frame interval p95"),
                       ("interval-max", "frame interval max"), ("work-p95", "frame work p95")):
        ours = median([v.get(f"scroll.{key}", float("nan")) for v in app_scroll])
        ref = median([v.get(f"scroll.{key}", float("nan")) for v in ref_scroll])
        row(f"scrolling the clip grid: {label}", ours, ref)
    slow = median([v.get("scroll.slow", float("nan")) for v in app_scroll])
    frames = median([v.get("scroll.frames", float("nan")) for v in app_scroll])
    ref_slow = median([v.get("scroll.slow", float("nan")) for v in ref_scroll])
    print(f"{'slow frames (> 25 ms) while scrolling':<46} {slow:8.0f} of {frames:.0f}"
          f"   reference {ref_slow:.0f}")
    # Where the 30k catalog's first frame goes: the app's start-up marks,
    # in ms since the application object was made.
    marks = sorted({k for v in app_scroll for k in v if k.startswith("mark-")},
                   key=lambda k: median([v.get(k, float("nan")) for v in app_scroll]))
    if marks:
        print("start-up phases (30k), ms since the app object was made: " +
              ", ".join(f"{k[5:-3]} {median([v.get(k, float('nan')) for v in app_scroll]):.0f}" for k in marks))
    return 0


if __name__ == "__main__":
    sys.exit(main())
