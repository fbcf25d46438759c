#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Coachbook authors
"""Signs the running app in to a real team server through Preferences.

Run by run-sync-ui-test.sh with Debian's /usr/bin/python3 (python3-pyatspi),
inside a session bus that has an unlocked keyring. A wrong password first
(the error shows inline, no dialog), then the right one; then the header's
sync indicator says "Synced", the token is in the keyring (secret-tool)
and nowhere in the catalog's folder.
"""

import argparse
import importlib.util
import os
import sqlite3
import subprocess
import time
import sys
import traceback

import pyatspi

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("ui_driver", os.path.join(here, "ui-driver.py"))
ui = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ui)

TIMEOUT = 60.0  # a sign-in runs Argon2id on the server of a loaded machine


class SyncApp(ui.App):
    def sync_button(self):
        # The GtkMenuButton and its inner toggle are both named; the inner
        # one carries the state in its description.
        for node in ui.find_all(self.frame, name="Sync Status"):
            try:
                if (node.description or "").startswith("Sync status:"):
                    return node
            except Exception:
                continue
        return None

    def sync_state(self):
        button = self.sync_button()
        return (button.description or "") if button is not None else ""

    def open_preferences(self):
        self.open_menu_item("Preferences").queryAction().doAction(0)
        prefs = self.find_window("Preferences")
        page = ui.wait_for("the Team Sync page switcher",
                           lambda: [n for n in ui.find_all(prefs, name="Team Sync")], timeout=10)
        for node in page:
            try:
                node.queryAction().doAction(0)
                break
            except NotImplementedError:
                continue
        ui.wait_for("the sign-in form", lambda: ui.find(prefs, name="Server Address"), timeout=10)
        return prefs

    def inline_error(self, prefs):
        """The error under the sign-in form: a GTK 4.8 label is named after
        its text, which is empty while there is no error."""
        for node in ui.find_all(prefs, role=pyatspi.ROLE_LABEL):
            name = node.name or ""
            if "password" in name.lower() and name != "Password":
                return node
        return None

    def sign_in(self, prefs, password):
        self.editable(prefs, "Server Address").queryEditableText().setTextContents(self.args.server_url)
        self.editable(prefs, "Email").queryEditableText().setTextContents(self.args.email)
        self.editable(prefs, "Password").queryEditableText().setTextContents(password)
        button = ui.wait_for("an enabled Sign In button",
                             lambda: (lambda b: b if b is not None and b.getState().contains(pyatspi.STATE_SENSITIVE)
                                      else None)(ui.find_button(prefs, "Sign In")), timeout=10)
        button.queryAction().doAction(0)

    def run(self):
        ui.wait_for("the app on the accessibility bus", self.find_app, timeout=TIMEOUT)
        ui.log("app found")
        ui.wait_for("the sync indicator saying sync is off",
                    lambda: self.sync_state() == "Sync status: Sync Off", timeout=TIMEOUT)

        prefs = self.open_preferences()
        windows_before = self.app.childCount

        # wrong password: an inline error under the form, no dialog
        self.sign_in(prefs, "not the password")
        error = ui.wait_for("the inline sign-in error", lambda: self.inline_error(prefs), timeout=TIMEOUT)
        message = error.name
        if "password" not in message:
            raise ui.Failure(f"the sign-in error does not mention the password: {message!r}")
        if self.app.childCount != windows_before:
            raise ui.Failure("a wrong password opened a window; it should be shown inline")
        ui.log(f"wrong password: inline error {message!r}")
        if ui.find(prefs, role=pyatspi.ROLE_LABEL, name=self.args.email) is not None:
            raise ui.Failure("signed in with a wrong password")

        # the right one
        self.sign_in(prefs, self.args.password)
        ui.wait_for("the signed-in account",
                    lambda: ui.find(prefs, role=pyatspi.ROLE_LABEL, name=self.args.email), timeout=TIMEOUT)
        ui.log("signed in")
        if self.inline_error(prefs) is not None:
            raise ui.Failure("the sign-in error is still shown after signing in")

        self.click(prefs, "Close")
        ui.wait_for("the sync indicator saying synced",
                    lambda: self.sync_state() == "Sync status: Synced", timeout=TIMEOUT)
        ui.log("the header says Synced")

        self.check_keyring()
        self.check_conflicts()
        self.check_revoked()
        self.check_sign_out()
        self.quit()

    def popover_button(self, label):
        """A button in the sync indicator's popover: opens (or closes and
        reopens) the popover until the button is there."""
        toggles = [b for b in ui.find_all(self.frame, name="Sync Status")
                   if b.parent is not None and b.parent.name == "Sync Status"]
        if not toggles:
            raise ui.Failure("no sync status button to open")
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            toggles[0].queryAction().doAction(0)
            try:
                return ui.wait_for(f"the {label} button", lambda: ui.find_button(self.app, label), timeout=3)
            except ui.Failure:
                continue
        raise ui.Failure(f"the sync popover never showed {label}")

    def check_revoked(self):
        """An admin revokes this device: Sync Now ends signed out, with a
        toast that offers to sign in again, and the outbox kept."""
        with self.catalog() as db:
            device = db.execute("SELECT value FROM meta WHERE key = 'sync-device-id'").fetchone()[0]
        result = subprocess.run([self.args.sync_bin, "admin", "revoke-device", device],
                                capture_output=True, text=True, timeout=30)
        if result.returncode != 0:
            raise ui.Failure(f"revoke-device failed: {result.stderr.strip()}")
        self.popover_button("Sync Now").queryAction().doAction(0)
        ui.wait_for("the sync indicator saying signed out",
                    lambda: self.sync_state() == "Sync status: Signed Out", timeout=TIMEOUT)
        ui.wait_for("a toast about signing in again",
                    lambda: ui.find(self.frame, role=pyatspi.ROLE_LABEL, name="Signed out; sign in again to sync"),
                    timeout=10)
        ui.wait_for("the toast's Sign In button", lambda: ui.find_button(self.frame, "Sign In…"), timeout=10)
        ui.log("revoked device: signed out, with a toast")

    def check_sign_out(self):
        # the toast's button opens Preferences on the Team Sync page
        ui.find_button(self.frame, "Sign In…").queryAction().doAction(0)
        prefs = self.find_window("Preferences")
        ui.wait_for("the sign-in form", lambda: ui.find_button(prefs, "Sign In"), timeout=10)
        self.click(prefs, "Sign Out")
        ui.wait_for("the keyring entry to go", lambda: subprocess.run(
            ["secret-tool", "lookup", "email", self.args.email], capture_output=True, text=True,
            timeout=20).stdout.strip() == "", timeout=TIMEOUT)
        with self.catalog() as db:
            device = db.execute("SELECT value FROM meta WHERE key = 'sync-device-id'").fetchone()
            url = db.execute("SELECT value FROM meta WHERE key = 'sync-server-url'").fetchone()
            names = db.execute("SELECT count(*) FROM exercise WHERE name = 'My Renamed Drill'").fetchone()[0]
        if device is not None and device[0] is not None:
            raise ui.Failure("the catalog still names a device after signing out")
        if url is None or names != 1:
            raise ui.Failure("signing out lost the catalog's server address or its data")
        ui.log("signed out: keyring entry gone, catalog kept")
        self.click(prefs, "Close")

    def catalog(self):
        db = sqlite3.connect(os.path.join(self.args.data_dir, "catalog.db"), timeout=10)
        return db

    def check_conflicts(self):
        """A lost edit, as sync leaves it, reviewed and applied again from
        the indicator's popover."""
        with self.catalog() as db:
            row_id, name = db.execute("SELECT id, name FROM exercise WHERE deleted = 0 ORDER BY name LIMIT 1").fetchone()
            db.execute("INSERT INTO conflict (tbl, row_id, field, local_value, remote_value, created_at) "
                       "VALUES ('exercise', ?, '*', ?, 'changed on another device', ?)",
                       (row_id, '{"name":"My Renamed Drill"}', int(time.time() * 1000)))

        # the app notices the new row within seconds
        review = self.popover_button("Review 1 Conflict")
        review.queryAction().doAction(0)
        dialog = self.find_window("Conflicts")
        ui.wait_for("the conflict's values",
                    lambda: any("My Renamed Drill" in (n.name or "") for n in ui.find_all(dialog)), timeout=10)
        ui.wait_for("the reason", lambda: any("changed on another device" in (n.name or "")
                                              for n in ui.find_all(dialog)), timeout=10)
        # GTK 4.8 names a button by its accessible label, then its text
        def apply_button():
            for node in ui.find_all(dialog, role=pyatspi.ROLE_PUSH_BUTTON):
                if (node.name or "").startswith(f"Apply My Value Again for {name}"):
                    return node
            return None
        ui.wait_for("the Apply My Value Again button", apply_button, timeout=10).queryAction().doAction(0)
        ui.wait_for("the conflict to leave the list", lambda: apply_button() is None, timeout=10)
        with self.catalog() as db:
            renamed = db.execute("SELECT name FROM exercise WHERE id = ?", (row_id,)).fetchone()[0]
            resolved = db.execute("SELECT resolved FROM conflict").fetchone()[0]
        if renamed != "My Renamed Drill" or resolved != 1:
            raise ui.Failure(f"after applying again: name {renamed!r}, resolved {resolved}")
        ui.log("conflict reviewed and applied again")

        # the edit goes out by itself
        def outbox_empty():
            with self.catalog() as db:
                return db.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
        ui.wait_for("the applied edit to be sent", outbox_empty, timeout=TIMEOUT)
        ui.log("the applied edit was sent")
        self.click(dialog, "Close")

    def check_keyring(self):
        result = subprocess.run(["secret-tool", "lookup", "email", self.args.email],
                                capture_output=True, text=True, timeout=20)
        token = result.stdout.strip()
        if result.returncode != 0 or len(token) < 32:
            raise ui.Failure(f"no device token in the keyring (secret-tool said {result.stderr.strip()!r})")
        for folder, _, files in os.walk(self.args.data_dir):
            for name in files:
                with open(os.path.join(folder, name), "rb") as f:
                    data = f.read()
                if token.encode() in data:
                    raise ui.Failure(f"the device token is in {os.path.join(folder, name)}")
                if self.args.password.encode() in data:
                    raise ui.Failure(f"the password is in {os.path.join(folder, name)}")
        ui.log("the token is in the keyring and nowhere under the data dir")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", default="")
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--app-pid", type=int, default=0)
    parser.add_argument("--server-url", required=True)
    parser.add_argument("--email", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--sync-bin", required=True)
    args = parser.parse_args()

    app = SyncApp(args)
    try:
        app.run()
    except Exception as e:
        if not isinstance(e, ui.Failure):
            traceback.print_exc(file=sys.stdout)
        ui.log(f"FAIL: {e}")
        if app.app is not None and not isinstance(e, ui.AppGone):
            for i in range(app.app.childCount):
                ui.log(f"accessible tree of window {i}:")
                ui.dump(app.app.getChildAtIndex(i))
        return 1
    ui.log("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
