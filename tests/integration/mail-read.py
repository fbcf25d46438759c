#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Coachbook authors
#
# Prints the messages of a Maildir (as smtp-sink.py keeps them) as a JSON
# array, oldest first, parsed with Python's email package and icalendar:
# headers, the text and HTML parts, the calendar (method, uid, sequence)
# and the clip and unsubscribe links of the text part.
import email
import email.policy
import json
import os
import re
import sys

import icalendar


def read(path):
    with open(path, "rb") as f:
        msg = email.message_from_binary_file(f, policy=email.policy.default)
    out = {
        "file": os.path.basename(path),
        "rcpt": msg.get("X-RcptTo", ""),
        "from": str(msg.get("From", "")),
        "to": str(msg.get("To", "")),
        "subject": str(msg.get("Subject", "")),
        "message_id": str(msg.get("Message-ID", "")).strip(),
        "list_unsubscribe": str(msg.get("List-Unsubscribe", "")),
        "list_unsubscribe_post": str(msg.get("List-Unsubscribe-Post", "")),
        "text": "",
        "html": "",
        "ics": None,
        "clip_links": [],
    }
    for part in msg.walk():
        ctype = part.get_content_type()
        if part.is_multipart():
            continue
        if ctype == "text/plain" and not out["text"]:
            out["text"] = part.get_content()
        elif ctype == "text/html" and not out["html"]:
            out["html"] = part.get_content()
        elif ctype == "text/calendar":
            data = part.get_payload(decode=True)
            cal = icalendar.Calendar.from_ical(data)
            event = next(iter(cal.walk("VEVENT")), None)
            out["ics"] = {
                "method": str(cal.get("METHOD", "")),
                "uid": str(event.get("UID", "")) if event else "",
                "sequence": int(event.get("SEQUENCE", 0)) if event else -1,
                "summary": str(event.get("SUMMARY", "")) if event else "",
            }
    links = re.findall(r"https?://[^\s<>\"\]]+/v1/mail/clip\?[^\s<>\"\]]+", out["text"] + " " + out["html"])
    seen = []
    for link in links:
        link = link.replace("&amp;", "&")
        if link not in seen:
            seen.append(link)
    out["clip_links"] = seen
    return out


def main():
    maildir = sys.argv[1]
    files = []
    for sub in ("new", "cur"):
        d = os.path.join(maildir, sub)
        if os.path.isdir(d):
            files += [os.path.join(d, name) for name in os.listdir(d)]
    files.sort(key=lambda p: (os.stat(p).st_mtime_ns, os.path.basename(p)))
    json.dump([read(p) for p in files], sys.stdout)


if __name__ == "__main__":
    main()
