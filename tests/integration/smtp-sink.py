#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Coachbook authors
#
# A controllable SMTP server for the mail tests (Debian python3-aiosmtpd;
# run it with /usr/bin/python3). Stores each message in a Maildir, with the
# envelope recipients in an X-RcptTo header, and prints PORT=N once it
# listens (port 0: the kernel picks one).
#
# Faults come from flags, or from files in the control directory, read at
# every message so a test can change them while the server runs:
#   fail-next   a number N: answer the next N DATA commands with 451 (the
#               file counts down)
#   reject      addresses, one a line, refused at RCPT with 550
#   hold        seconds to wait after storing a message before answering
#               its DATA (a sender killed meanwhile never hears the 250)
#   down        while it exists, every connection gets 421 at once
import argparse
import asyncio
import mailbox
import os
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def read_file(control, name):
    if control is None:
        return None
    try:
        with open(os.path.join(control, name)) as f:
            return f.read()
    except FileNotFoundError:
        return None


class Handler:
    def __init__(self, args):
        self.args = args
        self.maildir = mailbox.Maildir(args.maildir, create=True)
        self.fail_next = args.fail_next
        self.received = 0

    def control(self, name):
        return read_file(self.args.control, name)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        rejected = set(self.args.reject or [])
        text = self.control("reject")
        if text:
            rejected.update(line.strip() for line in text.splitlines() if line.strip())
        if address in rejected:
            return "550 5.1.1 <%s>: mailbox unavailable" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        text = self.control("fail-next")
        if text is not None and text.strip().isdigit() and int(text) > 0:
            with open(os.path.join(self.args.control, "fail-next"), "w") as f:
                f.write("%d\n" % (int(text) - 1))
            return "451 4.3.0 temporary failure, try again later"
        if self.fail_next > 0:
            self.fail_next -= 1
            return "451 4.3.0 temporary failure, try again later"

        content = envelope.original_content or envelope.content
        if isinstance(content, str):
            content = content.encode("utf-8")
        header = "X-RcptTo: %s\r\nX-MailFrom: %s\r\n" % (", ".join(envelope.rcpt_tos), envelope.mail_from)
        self.maildir.add(header.encode("ascii") + content)
        self.received += 1

        hold = self.control("hold")
        delay = float(hold) if hold and hold.strip() else self.args.hold
        if delay > 0:
            await asyncio.sleep(delay)
        return "250 OK: queued"


class ControlledSMTP(SMTP):
    async def _handle_client(self):
        if read_file(self.event_handler.args.control, "down") is not None:
            await self.push("421 4.3.2 service not available")
            self.transport.close()
            return
        await super()._handle_client()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--control", help="directory of control files")
    parser.add_argument("--fail-next", type=int, default=0)
    parser.add_argument("--reject", action="append")
    parser.add_argument("--hold", type=float, default=0)
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--require-tls", action="store_true", help="refuse MAIL before STARTTLS")
    parser.add_argument("--auth", help="USER:PASSWORD that AUTH must give")
    args = parser.parse_args()

    tls_context = None
    if args.tls_cert:
        tls_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls_context.load_cert_chain(args.tls_cert, args.tls_key)

    def authenticate(server, session, envelope, mechanism, auth_data):
        if not isinstance(auth_data, LoginPassword) or args.auth is None:
            return AuthResult(success=False, handled=False)
        user, _, password = args.auth.partition(":")
        ok = auth_data.login.decode() == user and auth_data.password.decode() == password
        return AuthResult(success=ok)

    handler = Handler(args)

    def factory():
        return ControlledSMTP(handler,
                              hostname="localhost",
                              tls_context=tls_context,
                              require_starttls=args.require_tls,
                              authenticator=authenticate if args.auth else None,
                              auth_required=bool(args.auth),
                              auth_require_tls=bool(args.auth and args.require_tls))

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(loop.create_server(factory, "127.0.0.1", args.port))
    print("PORT=%d" % server.sockets[0].getsockname()[1], flush=True)
    try:
        loop.run_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
