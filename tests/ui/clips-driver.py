#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Coachbook authors
"""Drives the clip workflow of the running app over AT-SPI.

Run by run-clips-ui-test.sh, which started the app with --import of a
generated clip and of a broken file. Every step is checked twice: in the
window, and in the catalog file itself (read with sqlite3, independent of
the app's code).
"""

import argparse
import importlib.util
import os
import re
import sqlite3
import subprocess
import sys
import time
import traceback

import pyatspi

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("ui_driver", os.path.join(HERE, "ui-driver.py"))
ui = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ui)

Failure, AppGone, log, wait_for = ui.Failure, ui.AppGone, ui.log, ui.wait_for
find, find_all, find_button, walk, dump = ui.find, ui.find_all, ui.find_button, ui.walk, ui.dump

TIME_RE = re.compile(r"^(?:(\d+):)?(\d+):(\d\d)\.(\d\d\d)$")
CLIPS_PAGE = 1


def parse_time(text):
    m = TIME_RE.match(text or "")
    if not m:
        raise Failure(f"“{text}” is not a time")
    h, mi, s, ms = (int(g) if g else 0 for g in m.groups())
    return ((h * 60 + mi) * 60 + s) * 1000 + ms


class ClipsApp(ui.App):
    # -- the catalog, read directly -------------------------------------
    def db(self, sql, *params):
        path = os.path.join(self.args.data_dir, "catalog.db")
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
        try:
            return con.execute(sql, params).fetchall()
        finally:
            con.close()

    def clip_row(self, name):
        rows = self.db("SELECT id, title, status, error, duration_ms, trim_in_ms, trim_out_ms "
                       "FROM clip WHERE original_name = ? AND deleted = 0", name)
        return rows[0] if len(rows) == 1 else None

    def markers(self, clip_id):
        return self.db("SELECT t_ms, text FROM clip_marker WHERE clip_id = ? AND deleted = 0 "
                       "ORDER BY t_ms", clip_id)

    @staticmethod
    def format(ms):
        return f"{ms // 60000}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"

    # -- widgets ----------------------------------------------------------
    root = None

    def click(self, label, root=None):
        root = root or self.root or self.frame
        button = wait_for(f"the “{label}” button", lambda: find_button(root, label))
        button.queryAction().doAction(0)

    def position(self):
        """The player's time, from the position slider (in ms)."""
        slider = find(self.root or self.frame, role=pyatspi.ROLE_SLIDER, name="Position")
        if slider is None:
            raise Failure("no “Position” slider")
        return int(round(slider.queryValue().currentValue))

    def editable(self, name):
        node = wait_for(f"the “{name}” field", lambda: find(self.root or self.frame, name=name))
        for n in walk(node, max_depth=4):
            try:
                n.queryEditableText()
                return n
            except NotImplementedError:
                continue
        raise Failure(f"“{name}” exposes no EditableText")

    def set_text(self, name, text):
        self.editable(name).queryEditableText().setTextContents(text)

    def label_visible(self, text):
        for n in find_all(self.root or self.frame, role=pyatspi.ROLE_LABEL, name=text):
            try:
                if n.getState().contains(pyatspi.STATE_VISIBLE):
                    return n
            except Exception:
                continue
        return None

    def pause(self):
        """Pauses and returns the time once it stands still."""
        self.click("Pause")
        wait_for("the “Play” button after pausing", lambda: find_button(self.root, "Play"))

        def still():
            first = self.position()
            time.sleep(0.3)
            return first == self.position() and first + 1
        return wait_for("the time to stand still", still) - 1

    # -- the steps --------------------------------------------------------
    def run(self):
        wait_for("the app on the accessibility bus", self.find_app, timeout=60)
        log("app window found")
        self.open_page(CLIPS_PAGE)

        # 1. --import: one clip ready, the broken file a failed clip.
        clip_name = os.path.basename(self.args.clip)
        row = wait_for("the imported clip to be ready in the catalog",
                       lambda: (r := self.clip_row(clip_name)) and r[2] == "ready" and r, timeout=90)
        clip_id, title, duration = row[0], row[1], row[4]
        if not (19500 <= duration <= 20500):
            raise Failure(f"the clip is {duration} ms long, expected about 20000")
        bad = wait_for("the broken file to end as a failed clip",
                       lambda: (r := self.clip_row("notes.mov")) and r[2] == "failed" and r, timeout=90)
        if not bad[3]:
            raise Failure("the failed clip has no error message")
        log(f"imported: “{title}” ready ({duration} ms); notes.mov failed: {bad[3]}")
        wait_for("the count “2 clips”", lambda: "2 clips" in self.header_labels())
        tile = wait_for(f"the tile “{title}”", lambda: find(self.frame, name=title))

        # 2. The detail.
        self.open_tile(tile)
        back = wait_for("the clip detail", lambda: find_button(self.frame, "Back to Clips"))
        # Searching the detail alone is much faster than the whole window.
        self.root = back.parent.parent
        wait_for("the detail's title field", lambda: self.editable("Title"))
        title_field = self.editable("Title")
        t = title_field.queryText()
        if t.getText(0, t.characterCount) != title:
            raise Failure(f"the title field shows “{t.getText(0, t.characterCount)}”, expected “{title}”")
        log("detail open")

        # 3. Play: the time runs; pause: it stops. Playing writes nothing.
        if self.position() != 0:
            raise Failure(f"a newly opened clip is at {self.position()} ms, not at the start")
        self.click("Play")
        wait_for("the “Pause” button while playing", lambda: find_button(self.root, "Pause"))
        wait_for("the time to run past 0:01", lambda: self.position() >= 1000, timeout=30)
        paused_at = self.pause()
        row = self.clip_row(clip_name)
        if row[5] is not None or row[6] is not None:
            raise Failure(f"playing changed the trim in the catalog: {row[5]}, {row[6]}")
        log(f"played to {paused_at} ms and paused")

        # The keys: Space plays and pauses, the period steps a frame.
        subprocess.run(["xdotool", "key", "space"], timeout=10, check=True)
        wait_for("Space to start playing", lambda: find_button(self.root, "Pause"))
        subprocess.run(["xdotool", "key", "space"], timeout=10, check=True)
        wait_for("Space to pause", lambda: find_button(self.root, "Play"))

        def still():
            first = self.position()
            time.sleep(0.3)
            return first == self.position() and first + 1
        at = wait_for("the time to stand still", still) - 1
        subprocess.run(["xdotool", "key", "period"], timeout=10, check=True)
        wait_for("the period to step a frame", lambda: at < self.position() <= at + 70)
        paused_at = wait_for("the time to stand still", still) - 1
        log(f"Space played and paused, the period stepped: at {paused_at} ms")

        # 4. Set In at the current time; three frames on, Set Out.
        self.click("Set In")
        wait_for("the trim start in the catalog",
                 lambda: self.clip_row(clip_name)[5] == paused_at)
        row = self.clip_row(clip_name)
        if row[6] != duration:
            raise Failure(f"Set In alone should keep the end at the clip's end, got {row[6]}")
        for _ in range(3):
            before = self.position()
            self.click("Next Frame")
            wait_for("the next frame", lambda: self.position() > before, timeout=10)
        stepped = self.position()
        # Paused between two frames, the first step goes to the next one.
        if not (2 * 66 <= stepped - paused_at <= 3 * 67 + 5):
            raise Failure(f"three frames at 15 fps moved {stepped - paused_at} ms")
        self.click("Previous Frame")
        back_at = wait_for("the previous frame", lambda: (p := self.position()) < stepped and p + 1, timeout=10) - 1
        if not (stepped - 80 <= back_at <= stepped - 50):
            raise Failure(f"one frame back moved from {stepped} to {back_at} ms")
        self.click("Next Frame")
        stepped = wait_for("the frame again", lambda: (p := self.position()) > back_at and p, timeout=10)
        self.click("Set Out")
        wait_for("the trim end in the catalog", lambda: self.clip_row(clip_name)[6] == stepped)
        log(f"trim set from the player: {paused_at}..{stepped} ms")

        # 5. The time fields: a wrong range is refused in place.
        self.set_text("Trim start", "0:03.000")
        self.set_text("Trim end", "0:01.000")
        self.click("Save Trim")
        wait_for("the inline trim error", lambda: self.label_visible("The start must come before the end"))
        row = self.clip_row(clip_name)
        if (row[5], row[6]) != (paused_at, stepped):
            raise Failure(f"a refused trim changed the catalog: {row[5]}..{row[6]}")
        self.set_text("Trim start", "0:00.500")
        self.set_text("Trim end", "0:25")
        self.click("Save Trim")
        wait_for("the error about the end of the clip",
                 lambda: self.label_visible("The end is past the end of the clip (0:20.000)"))
        self.set_text("Trim end", "0:02.5")
        self.click("Save Trim")
        wait_for("the typed trim in the catalog",
                 lambda: self.clip_row(clip_name)[5:7] == (500, 2500))
        wait_for("the inline error to go", lambda: not self.label_visible("The end is past the end of the clip (0:20.000)"))
        log("trim typed: 0:00.500..0:02.500, wrong ranges refused")

        # 6. Loop and speed: play the trimmed part at half speed, looping.
        loop = wait_for("the “Loop” toggle", lambda: find_button(self.root, "Loop"))
        loop.queryAction().doAction(0)
        wait_for("the loop switched on",
                 lambda: loop.getState().contains(pyatspi.STATE_CHECKED)
                 or loop.getState().contains(pyatspi.STATE_PRESSED))
        speed = find(self.root, role=pyatspi.ROLE_COMBO_BOX, name="Speed")
        if speed is None:
            raise Failure("no “Speed” drop-down")
        self.click("Play")
        wait_for("the loop to run inside the trim", lambda: 500 <= self.position() <= 2600, timeout=10)
        seen = set()
        deadline = time.monotonic() + 6
        while time.monotonic() < deadline:
            p = self.position()
            if p < 400 or p > 2650:
                raise Failure(f"the loop played outside the trim: {p} ms")
            seen.add(p // 500)
            time.sleep(0.05)
        if len(seen) < 3:
            raise Failure(f"the loop did not move through the trim (saw {sorted(seen)})")
        marker_at = self.pause()
        log("looped inside the trim")

        # 7. A marker at the current time, then deleted and brought back.
        self.set_text("Marker note", "Knees cave in")
        self.click("Add Marker")
        try:
            wait_for("the marker in the catalog",
                     lambda: self.markers(clip_id) == [(marker_at, "Knees cave in")])
        except Failure:
            raise Failure(f"the catalog holds the markers {self.markers(clip_id)}, "
                          f"expected [({marker_at}, 'Knees cave in')]")
        go = wait_for("the marker in the list",
                      lambda: find(self.root, name=f"Go to {self.format(marker_at)}"))
        self.click("Delete Marker")
        wait_for("the marker gone from the catalog", lambda: self.markers(clip_id) == [])
        self.click("Undo", root=self.frame)
        wait_for("the marker back in the catalog",
                 lambda: self.markers(clip_id) == [(marker_at, "Knees cave in")])
        # Its time seeks; its text is edited in place.
        self.click("Next Frame")
        wait_for("a frame away from the marker", lambda: self.position() != marker_at)
        go = wait_for("the marker in the list again",
                      lambda: find(self.root, name=f"Go to {self.format(marker_at)}"))
        go.queryAction().doAction(0)
        wait_for("the player at the marker", lambda: self.position() == marker_at)
        text = self.editable("Marker text")
        # Saved once typing pauses, without Enter.
        text.queryEditableText().setTextContents("Knees cave in on landing")
        wait_for("the edited marker in the catalog",
                 lambda: self.markers(clip_id) == [(marker_at, "Knees cave in on landing")])
        log(f"marker at {marker_at} ms added, deleted, undone, sought, edited")

        # 8. Title and notes.
        self.set_text("Title", "Box Jump, Side View")
        self.set_text("Notes", "Watch the landing")
        self.click("Save Details")
        wait_for("the new title in the catalog",
                 lambda: self.db("SELECT title, notes FROM clip WHERE id = ?", clip_id)
                 == [("Box Jump, Side View", "Watch the landing")])
        self.set_text("Title", "  ")
        self.click("Save Details")
        wait_for("the inline error for an empty title", lambda: self.label_visible("A clip needs a title"))
        log("details saved; an empty title refused")

        self.screenshot(self.args.screenshot)
        self.click("Back to Clips")
        self.root = None
        wait_for("the tile with the new title", lambda: find(self.frame, name="Box Jump, Side View"))

        # 9. Ctrl+I opens the file chooser (GTK's own dialog: no portal here).
        subprocess.run(["xdotool", "key", "ctrl+i"], timeout=10, check=False)
        dialog = wait_for("the “Import Clips” file chooser",
                          lambda: next((w for w in (self.app.getChildAtIndex(i) for i in range(self.app.childCount))
                                        if w is not None and w.name == "Import Clips"), None))
        self.click("Cancel", root=dialog)
        wait_for("the file chooser to close",
                 lambda: not any(w is not None and w.name == "Import Clips"
                                 for w in (self.app.getChildAtIndex(i) for i in range(self.app.childCount))))
        log("Ctrl+I opened the file chooser")
        self.quit()

    def open_tile(self, tile):
        """Tiles have no accessible action: click the middle of one. GTK
        4.8 gives positions inside the window, and with no window manager
        on the private display the window sits at the screen's origin."""
        x, y, w, h = tile.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        subprocess.run(["xdotool", "mousemove", str(x + w // 2), str(y + h // 2), "click", "1"],
                       timeout=10, check=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--app-pid", type=int, default=0)
    parser.add_argument("--clip", required=True)
    parser.add_argument("--screenshot")
    args = parser.parse_args()
    args.shots_dir = None
    args.theme = "light"

    app = ClipsApp(args)
    try:
        app.run()
    except Exception as e:
        if not isinstance(e, Failure):
            traceback.print_exc(file=sys.stdout)
        log(f"FAIL: {e}")
        if app.frame is not None and not isinstance(e, AppGone):
            log("accessible tree of the window:")
            dump(app.frame)
        return 1
    log("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
