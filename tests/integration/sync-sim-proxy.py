#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Coachbook authors
"""A faulty HTTP/1.1 proxy between sync clients and the sync server.

    sync-sim-proxy.py SEED

Listens on 127.0.0.1 (port 0) and prints "PORT=N". Commands on standard
input, one per line:

    upstream PORT   forward to 127.0.0.1:PORT (after a server restart);
                    prints "OK"
    faults RATE     the share of requests that meet a fault (0..1);
                    prints "OK"
    seed N          draw faults from a generator seeded with N from now
                    on, count from zero; prints "OK"
    latency MS      hold every request back MS milliseconds; prints "OK"
    wait-push       prints "PUSH" once a push request has been handed to
                    the server (or "NONE" after two seconds without one)
    heal            no more faults; waits for delayed resends to finish,
                    then prints "HEALED"
    stats           prints "STATS k=v ..." (faults dealt so far)

Each request goes to the server on a connection of its own. The faults,
drawn from a generator seeded with SEED (the order requests arrive in
depends on timing, the draws do not):

    drop-request   close the client's connection before forwarding
    drop-response  forward, let the server do the work, close without
                   an answer (a lost acknowledgement)
    cut-response   forward a random prefix of the answer, then close
    duplicate      send the request twice, answer with the second reply
    replay-later   answer normally, and send the same request again a
                   little later, after the client has moved on
    delay          hold the request back a little, then forward it
"""

import asyncio
import random
import sys
import threading

FAULTS = ["drop-request", "drop-response", "cut-response", "duplicate", "replay-later", "delay"]


class Proxy:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.upstream = None
        self.rate = 0.0
        self.latency = 0.0
        self.push_waiters = []
        self.pending = set()
        self.counts = {f: 0 for f in FAULTS}
        self.counts["forwarded"] = 0
        self.loop = None

    def draw(self):
        if self.rate <= 0 or self.rng.random() >= self.rate:
            return None, 0.0
        return self.rng.choice(FAULTS), self.rng.random()

    async def read_request(self, reader):
        head = await reader.readuntil(b"\r\n\r\n")
        length = 0
        lines = head.split(b"\r\n")
        kept = [lines[0]]
        for line in lines[1:]:
            if not line:
                continue
            name, _, value = line.partition(b":")
            key = name.strip().lower()
            if key == b"content-length":
                length = int(value.strip())
            if key in (b"connection", b"keep-alive"):
                continue
            kept.append(line)
        body = await reader.readexactly(length) if length else b""
        kept.append(b"Connection: close")
        return b"\r\n".join(kept) + b"\r\n\r\n" + body

    async def exchange(self, request):
        """Sends one request to the server; the whole reply, or None."""
        port = self.upstream
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            return None
        try:
            writer.write(request)
            await writer.drain()
            if request.startswith(b"POST /v1/push "):
                for waiter in self.push_waiters:
                    if not waiter.done():
                        waiter.set_result(True)
                self.push_waiters = []
            reply = await asyncio.wait_for(reader.read(), timeout=60)
        except (OSError, asyncio.TimeoutError):
            reply = None
        finally:
            writer.close()
        self.counts["forwarded"] += 1
        return reply or None

    async def replay(self, request, delay):
        await asyncio.sleep(delay)
        await self.exchange(request)

    async def handle(self, reader, writer):
        try:
            while True:
                try:
                    request = await self.read_request(reader)
                except (asyncio.IncompleteReadError, OSError, ValueError):
                    return
                fault, x = self.draw()
                if fault:
                    self.counts[fault] += 1
                if fault == "drop-request":
                    return
                if self.latency > 0:
                    await asyncio.sleep(self.latency)
                if fault == "delay":
                    await asyncio.sleep(0.01 + 0.2 * x)
                reply = await self.exchange(request)
                if fault == "duplicate":
                    reply = await self.exchange(request) or reply
                if fault == "replay-later":
                    task = asyncio.ensure_future(self.replay(request, 0.02 + 0.3 * x))
                    self.pending.add(task)
                    task.add_done_callback(self.pending.discard)
                if reply is None or fault == "drop-response":
                    return
                if fault == "cut-response":
                    reply = reply[: int(len(reply) * x)]
                    writer.write(reply)
                    await writer.drain()
                    return
                writer.write(reply)
                await writer.drain()
                # One request per connection: the reply said so.
                return
        finally:
            writer.close()

    async def wait_push(self):
        waiter = self.loop.create_future()
        self.push_waiters.append(waiter)
        try:
            await asyncio.wait_for(waiter, timeout=2)
            print("PUSH", flush=True)
        except asyncio.TimeoutError:
            print("NONE", flush=True)

    async def heal(self):
        self.rate = 0.0
        while self.pending:
            await asyncio.gather(*list(self.pending), return_exceptions=True)
        print("HEALED", flush=True)

    def command(self, line):
        words = line.split()
        if not words:
            return
        if words[0] == "upstream":
            self.upstream = int(words[1])
            print("OK", flush=True)
        elif words[0] == "seed":
            self.rng = random.Random(int(words[1]))
            for key in self.counts:
                self.counts[key] = 0
            print("OK", flush=True)
        elif words[0] == "latency":
            self.latency = float(words[1]) / 1000
            print("OK", flush=True)
        elif words[0] == "faults":
            self.rate = float(words[1])
            print("OK", flush=True)
        elif words[0] == "wait-push":
            asyncio.ensure_future(self.wait_push())
        elif words[0] == "heal":
            asyncio.ensure_future(self.heal())
        elif words[0] == "stats":
            print("STATS " + " ".join("%s=%d" % kv for kv in sorted(self.counts.items())), flush=True)
        elif words[0] == "quit":
            self.loop.stop()


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    proxy = Proxy(int(sys.argv[1]))
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    proxy.loop = loop
    server = loop.run_until_complete(asyncio.start_server(proxy.handle, "127.0.0.1", 0))
    print("PORT=%d" % server.sockets[0].getsockname()[1], flush=True)

    def stdin_reader():
        for line in sys.stdin:
            loop.call_soon_threadsafe(proxy.command, line)
        loop.call_soon_threadsafe(loop.stop)

    threading.Thread(target=stdin_reader, daemon=True).start()
    loop.run_forever()


if __name__ == "__main__":
    main()
