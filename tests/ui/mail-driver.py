#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Coachbook authors
"""Athlete emails in the running app, over AT-SPI.

Run by run-ui-test.sh like ui-driver.py (whose helpers it uses). The
server is played by seed-pull (path in $SEED_PULL), which applies pull
pages to the catalog the way a sync does: five athletes, a session that
emails them, and one delivery row per athlete with an address (sent,
failed, dead, queued). The driver reads the statuses in the session
detail, asks for a resend of the failed email and checks the
delivery_resend row in the catalog (sqlite3), then plays the server's
answer and sees the row follow. Last, it sets an athlete's email language
and checks the preferences JSON in the catalog.
"""

import argparse
import datetime
import importlib.util
import json
import os
import sqlite3
import subprocess
import sys
import time
import traceback
import uuid

import pyatspi

_spec = importlib.util.spec_from_file_location(
    "ui_driver", os.path.join(os.path.dirname(os.path.abspath(__file__)), "ui-driver.py"))
ui = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ui)

Failure = ui.Failure
log = ui.log
wait_for = ui.wait_for
find = ui.find
find_all = ui.find_all
find_button = ui.find_button

SESSIONS_PAGE = 3
ATHLETES_PAGE = 4
SESSION = "Sprint Night"
SENT_AT = "2026-11-24T17:02:00Z"
# name, email, consent, delivery status or None, mail server error
ATHLETES = [
    ("Ana Lopez", "ana@example.org", True, "sent", None),
    ("Ben Okafor", "ben@example.org", True, "failed", "450 mailbox busy"),
    ("Cleo Martin", "cleo@example.org", True, "dead", "550 no such user"),
    ("Dan Weber", "dan@example.org", True, "queued", None),
    ("Eve Novak", "eve@example.org", False, None, None),
]


def sent_text(sent_at):
    """What the app shows for a sent email: local time, as the app formats it."""
    moment = datetime.datetime.fromisoformat(sent_at.replace("Z", "+00:00")).astimezone()
    return f"Sent {moment.day} {moment.strftime('%b, %H:%M')}"


class MailApp(ui.App):
    def __init__(self, args):
        super().__init__(args)
        self.version = 1000
        self.ids = {name: str(uuid.uuid4()) for name, *_ in ATHLETES}
        self.delivery_ids = {name: str(uuid.uuid4()) for name, *_ in ATHLETES}
        self.session_id = str(uuid.uuid4())

    # -- the server, played ---------------------------------------------
    def pull(self, changes, last_mid=0):
        seed = os.environ.get("SEED_PULL")
        if not seed:
            raise Failure("SEED_PULL is not set")
        self.version += len(changes) + 1
        page = {"epoch": "ui-mail", "cursor": self.version, "has_more": False,
                "last_mid": last_mid, "changes": changes}
        path = os.path.join(self.args.data_dir, "pull-page.json")
        with open(path, "w") as f:
            json.dump(page, f)
        result = subprocess.run([seed, self.args.data_dir, path], capture_output=True, text=True, timeout=30)
        os.unlink(path)
        if result.returncode != 0:
            raise Failure(f"seed-pull failed: {result.stderr.strip()}")

    def change(self, table, row_id, fields):
        self.version += 1
        return {"table": table, "id": row_id, "fields": fields, "deleted": False,
                "version": self.version}

    def delivery(self, name, status, error=None):
        fields = {"session_id": self.session_id, "athlete_id": self.ids[name], "status": status}
        if error:
            fields["error"] = error
        if status == "sent":
            fields["sent_at"] = SENT_AT
        return self.change("delivery", self.delivery_ids[name], fields)

    def seed(self):
        day = datetime.date.today() + datetime.timedelta(days=1)
        start = datetime.datetime.combine(day, datetime.time(18, 30)).astimezone().isoformat(timespec="seconds")
        changes = []
        for name, email, consent, _, _ in ATHLETES:
            changes.append(self.change("athlete", self.ids[name], {
                "name": name, "email": email, "email_consent": consent, "level": "intermediate",
                "preferences": {"shirt": "M"}}))
        changes.append(self.change("session", self.session_id, {
            "title": SESSION, "starts_at": start, "location": "Track 2", "notify": True, "status": "planned"}))
        for name, *_ in ATHLETES:
            changes.append(self.change("session_athlete", str(uuid.uuid4()),
                                       {"session_id": self.session_id, "athlete_id": self.ids[name]}))
        for name, _, _, status, error in ATHLETES:
            if status:
                changes.append(self.delivery(name, status, error))
        self.pull(changes)
        log(f"seeded “{SESSION}” with {len(ATHLETES)} athletes and their delivery rows")

    # -- the catalog ----------------------------------------------------
    def sql(self, query, *params):
        db = sqlite3.connect(f"file:{os.path.join(self.args.data_dir, 'catalog.db')}?mode=ro", uri=True, timeout=10)
        try:
            return db.execute(query, params).fetchall()
        finally:
            db.close()

    # -- widgets --------------------------------------------------------
    def page(self, type_name):
        return wait_for(f"the {type_name}", lambda: find(self.frame, name=type_name))

    def open_session(self):
        self.open_page(SESSIONS_PAGE)
        page = self.page("CoachSessionsPage")
        agenda = wait_for("the agenda list", lambda: find(page, role=pyatspi.ROLE_LIST, name="Sessions"))
        wait_for("the session in the agenda", lambda: SESSION in self.label_texts(page))

        def selected():
            try:
                agenda.querySelection().selectChild(0)
            except NotImplementedError:
                row = find(agenda, role=pyatspi.ROLE_LIST_ITEM)
                if row is not None:
                    row.queryAction().doAction(0)
            return "Track 2" in self.label_texts(page)
        wait_for("the session detail", selected)
        return page

    def scroll_to(self, text, margin=120):
        """Scrolls the session detail with the mouse wheel until the label
        @text sits in the lower part of the window (no window manager: the
        window is at the screen's origin, and GTK 4.8 gives positions
        inside it)."""
        _, _, win_w, win_h = self.frame.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        label = find(self.frame, role=pyatspi.ROLE_LABEL, name=text)
        if label is None:
            raise Failure(f"no label “{text}” to scroll to")
        for _ in range(30):
            _, y, _, h = label.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
            if y + h <= win_h - margin:
                return
            subprocess.run(["xdotool", "mousemove", str(win_w - 150), str(win_h // 2),
                            "click", "--repeat", "3", "5"], timeout=10, check=True)
            time.sleep(0.2)
        raise Failure(f"could not scroll “{text}” into view")

    def expect_texts(self, root, texts, what):
        def shown():
            labels = self.label_texts(root)
            return all(t in labels for t in texts)
        try:
            wait_for(what, shown, timeout=20)
        except Failure:
            labels = [t for t in self.label_texts(root) if t]
            raise Failure(f"{what}: expected {texts!r} among the labels {labels!r}")

    # -- the steps ------------------------------------------------------
    def check_statuses(self, page):
        expected = [
            sent_text(SENT_AT),
            "Failed: 450 mailbox busy — will retry",
            "Not delivered: 550 no such user",
            "Queued",
            # Eve unsubscribed: the server writes no row for her
            "Not emailed: no address, or no consent to emails",
            "Emailed 1 of 5 athletes · 2 failed · 1 waiting",
        ]
        self.expect_texts(page, expected, "the delivery statuses")
        log("statuses: " + " | ".join(expected))
        # Resend only where the email failed.
        for name, _, _, status, _ in ATHLETES:
            # Hidden widgets are not in the accessible tree at all.
            button = find_button(page, f"Resend email to {name}")
            if (button is not None) != (status in ("failed", "dead")):
                raise Failure(f"Resend for {name} ({status}): {'shown' if button else 'missing'}")
        log("Resend buttons for the failed and the undelivered email only")
        if self.args.shots_dir:
            os.makedirs(self.args.shots_dir, exist_ok=True)
            self.screenshot(os.path.join(self.args.shots_dir, f"session-emails-summary-{self.args.theme}.png"))
        # The statuses of Ben (failed) and Cleo (dead) on screen.
        self.scroll_to("Not delivered: 550 no such user")
        self.screenshot(self.args.screenshot)
        if self.args.shots_dir:
            self.screenshot(os.path.join(self.args.shots_dir, f"session-emails-{self.args.theme}.png"))

    def resend(self, page):
        name = "Ben Okafor"
        mid_before = self.sql("SELECT ifnull(max(mid), 0) FROM outbox")[0][0]
        self.click(page, f"Resend email to {name}")
        rows = wait_for("the delivery_resend row in the catalog",
                        lambda: self.sql("SELECT id, session_id, athlete_id FROM delivery_resend WHERE deleted = 0"),
                        timeout=10)
        if len(rows) != 1 or rows[0][1] != self.session_id or rows[0][2] != self.ids[name]:
            raise Failure(f"delivery_resend holds {rows!r}")
        outbox = self.sql("SELECT mid, tbl, row_id, op FROM outbox WHERE mid > ?", mid_before)
        if [(t, r, o) for _, t, r, o in outbox] != [("delivery_resend", rows[0][0], "upsert")]:
            raise Failure(f"the outbox after the click holds {outbox!r}")
        log(f"Resend: one delivery_resend row for {name}, in the outbox to push")
        self.expect_texts(page, ["Resend requested", "The email to Ben Okafor will be sent again",
                                 "Emailed 1 of 5 athletes · 1 failed · 2 waiting"],
                          "“Resend requested”, the toast and the new summary")
        if find_button(page, f"Resend email to {name}") is not None:
            raise Failure("the Resend button is still there after the click")
        log("the row says “Resend requested”, a toast confirms")

        # The server takes the request (echoes it with a version, drops it
        # from the outbox) and sends: the row follows the pull.
        last_mid = self.sql("SELECT ifnull(max(mid), 0) FROM outbox")[0][0]
        echo = self.change("delivery_resend", rows[0][0], {"session_id": self.session_id, "athlete_id": self.ids[name]})
        self.pull([echo, self.delivery(name, "sent")], last_mid=last_mid)
        self.expect_texts(page, ["Emailed 2 of 5 athletes · 1 failed · 1 waiting"],
                          "the summary after the server sent the email")
        labels = self.label_texts(page)
        if labels.count(sent_text(SENT_AT)) != 2 or "Resend requested" in labels:
            raise Failure(f"after the pull the rows read {[t for t in labels if t]!r}")
        if self.sql("SELECT count(*) FROM outbox")[0][0] != 0:
            raise Failure("the acknowledged request is still in the outbox")
        log("after the pull: sent, summary “Emailed 2 of 5 athletes · 1 failed · 1 waiting”")

    def language(self):
        name = "Cleo Martin"
        self.open_page(ATHLETES_PAGE)
        athletes = self.page("CoachAthletesPage")
        self.click(athletes, f"Edit {name}")
        editor = self.find_window("Edit Athlete")
        try:
            combo = wait_for("the Email Language combo",
                             lambda: next((n for n in find_all(editor, name="Email Language")
                                           if n.getRole() != pyatspi.ROLE_LABEL), None), timeout=5)
        except Failure:
            ui.dump(editor)
            raise
        if self.args.shots_dir:
            self.screenshot(os.path.join(self.args.shots_dir, f"athlete-email-language-{self.args.theme}.png"), editor)
        # A combo row has no accessible action in GTK 4.8: click it as a
        # mouse would (positions are inside the window, which sits at the
        # screen's origin with no window manager), then pick “Deutsch” in
        # its list with the keyboard, two rows below “Automatic (English)”.
        x, y, w, h = combo.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        for attempt in range(3):
            subprocess.run(["xdotool", "mousemove", str(x + w // 2), str(y + h // 2), "click", "1"],
                           timeout=10, check=True)
            wait_for("“Deutsch” in the open language list",
                     lambda: any(n.getRole() == pyatspi.ROLE_LABEL for n in find_all(self.app, name="Deutsch")),
                     timeout=10)
            time.sleep(0.5)
            subprocess.run(["xdotool", "key", "Down", "Down", "Return"], timeout=10, check=True)
            try:
                wait_for("“Deutsch” picked", lambda: "Deutsch" in [n.name for n in ui.walk(combo)], timeout=5)
                break
            except Failure:
                # The list took the keys before it had the focus: again.
                log(f"the language list missed the keys (try {attempt + 1})")
                subprocess.run(["xdotool", "key", "Escape"], timeout=10, check=False)
                time.sleep(0.5)
        else:
            raise Failure("could not pick “Deutsch” in the Email Language list")
        time.sleep(0.5)
        self.click(editor, "Save")

        def stored():
            rows = self.sql("SELECT preferences FROM athlete WHERE id = ?", self.ids[name])
            prefs = json.loads(rows[0][0]) if rows and rows[0][0] else {}
            return prefs if prefs.get("language") == "de" else None
        prefs = wait_for("language “de” in the catalog", stored, timeout=10)
        if prefs != {"shirt": "M", "language": "de"}:
            raise Failure(f"preferences are {prefs!r}")
        log(f"email language Deutsch: preferences {json.dumps(prefs)} in the catalog")
        wait_for("the editor to close", lambda: self.find_window_gone("Edit Athlete"), timeout=10)

        # Opened again, the editor shows what was stored; Cleo agreed to
        # emails, so no “Unsubscribed” hint.
        self.click(athletes, f"Edit {name}")
        editor = self.find_window("Edit Athlete")
        wait_for("“Deutsch” in the reopened editor",
                 lambda: any(n.name == "Deutsch" for n in find_all(editor, role=pyatspi.ROLE_LABEL)), timeout=5)
        if "Unsubscribed from emails" in self.label_texts(editor):
            raise Failure(f"{name} agreed to emails, yet the editor says “Unsubscribed from emails”")
        self.click(editor, "Cancel")
        wait_for("the editor to close", lambda: self.find_window_gone("Edit Athlete"), timeout=10)

        # An athlete who unsubscribed: email set, consent off.
        self.click(athletes, "Edit Eve Novak")
        editor = self.find_window("Edit Athlete")
        self.expect_texts(editor, ["Unsubscribed from emails"], "the “Unsubscribed from emails” hint")
        log("Eve (address, no consent): “Unsubscribed from emails”")
        self.click(editor, "Cancel")
        wait_for("the editor to close", lambda: self.find_window_gone("Edit Athlete"), timeout=10)
        # Let the closed editor's widgets go before the next walk of the
        # tree: GTK 4.8 can answer for an accessible being torn down with
        # no object path (a critical, fatal in these tests).
        time.sleep(1.0)

    def find_window_gone(self, title):
        return all(self.app.getChildAtIndex(i) is None or self.app.getChildAtIndex(i).name != title
                   for i in range(self.app.childCount))

    def run(self):
        self.wait_for_window()
        self.seed()
        page = self.open_session()
        self.check_statuses(page)
        self.resend(page)
        self.language()
        self.quit()

    def run_screenshots(self):
        """The second run (dark, sample catalog added): the same detail, and
        the athlete editor 360 px wide."""
        self.wait_for_window()
        if self.args.shots_dir:
            os.makedirs(self.args.shots_dir, exist_ok=True)
            self.narrow_editor()
        page = self.open_session_by_title()
        self.expect_texts(page, ["Emailed 2 of 5 athletes · 1 failed · 1 waiting"], "the summary in the dark run")
        if self.args.shots_dir:
            os.makedirs(self.args.shots_dir, exist_ok=True)
            self.scroll_to("Not delivered: 550 no such user")
            self.screenshot(os.path.join(self.args.shots_dir, f"session-emails-{self.args.theme}.png"))
            # 360 px wide: the detail alone, nothing cut off.
            self.resize(*ui.NARROW)
            self.expect_texts(page, ["Not delivered: 550 no such user"], "the statuses in a narrow window")
            self.select_session(page)
            time.sleep(0.5)
            self.scroll_to("Not delivered: 550 no such user")
            self.screenshot(os.path.join(self.args.shots_dir, f"session-emails-{self.args.theme}-narrow.png"))
        self.quit()

    def narrow_editor(self):
        self.open_page(ATHLETES_PAGE)
        athletes = self.page("CoachAthletesPage")
        self.click(athletes, "Edit Cleo Martin")
        editor = self.find_window("Edit Athlete")
        result = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^Edit Athlete$",
                                 "windowsize", "%@", str(ui.NARROW[0]), str(ui.NARROW[1])],
                                capture_output=True, text=True, timeout=10)
        if result.returncode != 0:
            raise Failure(f"xdotool could not resize the editor: {result.stderr.strip()}")

        def narrow():
            _, _, w, _ = editor.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
            return w <= ui.NARROW[0] + 40
        wait_for("the editor to be 360 px wide", narrow, timeout=5)
        # What the first run stored is still there.
        wait_for("“Deutsch” in the narrow editor",
                 lambda: any(n.name == "Deutsch" for n in find_all(editor, role=pyatspi.ROLE_LABEL)), timeout=5)
        time.sleep(0.5)
        self.screenshot(os.path.join(self.args.shots_dir, f"athlete-email-language-{self.args.theme}-narrow.png"), editor)
        self.click(editor, "Cancel")
        wait_for("the editor to close", lambda: self.find_window_gone("Edit Athlete"), timeout=10)

    def open_session_by_title(self):
        self.open_page(SESSIONS_PAGE)
        page = self.page("CoachSessionsPage")
        wait_for("the session in the agenda", lambda: SESSION in self.label_texts(page))
        self.select_session(page)
        wait_for("the session detail", lambda: "Track 2" in self.label_texts(page))
        return page

    def select_session(self, page):
        """Selects the session in the agenda; another one first when it is
        selected already (a narrow window shows the detail on a change)."""
        agenda = wait_for("the agenda list", lambda: find(page, role=pyatspi.ROLE_LIST, name="Sessions"))
        ours = None
        for i in range(agenda.childCount):
            child = agenda.getChildAtIndex(i)
            if child is not None and any(n.name == SESSION for n in ui.walk(child)):
                ours = i
        if ours is None:
            raise Failure(f"“{SESSION}” is not in the agenda")
        selection = agenda.querySelection()
        if selection.isChildSelected(ours):
            selection.selectChild(1 if ours == 0 else 0)
            time.sleep(0.5)
        selection.selectChild(ours)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--app-pid", type=int, default=0)
    parser.add_argument("--screenshot")
    parser.add_argument("--shots-dir")
    parser.add_argument("--theme", default="light")
    parser.add_argument("--screenshots-only", action="store_true")
    args = parser.parse_args()

    app = MailApp(args)
    try:
        if args.screenshots_only:
            app.run_screenshots()
        else:
            app.run()
    except Exception as e:
        if not isinstance(e, Failure):
            traceback.print_exc(file=sys.stdout)
        log(f"FAIL: {e}")
        if app.frame is not None and not isinstance(e, ui.AppGone):
            log("accessible tree of the window:")
            ui.dump(app.frame)
        return 1
    log("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
