#!/usr/bin/env python3
"""The user side of ./chat test-deploy (infra/docker/test-deploy.sh): two people on the compose stack.

    test-deploy-client.py --gateway URL --mailbox URL --turn HOST:PORT --state FILE setup
    test-deploy-client.py --gateway URL --mailbox URL --turn HOST:PORT --state FILE during
    test-deploy-client.py --gateway URL --mailbox URL --turn HOST:PORT --state FILE again

setup: signs up two people through the gateway (the e-mailed codes read from the mail catcher's
       HTTP API), signs them in, befriends them, opens their direct conversation, then exchanges
       messages: A sends over REST and B's sockets get it live (message.new) and in the history;
       B answers over its socket (ack) and A sees it in the history. Checks the ICE servers that
       signaling hands out and allocates a TURN relay on coturn with them (the shared secret).
       Writes what `again` needs to FILE.
during: right after a signaling replica was killed, while it restarts: the same exchange with
       fresh sockets (retried while the gateway still offers the dead replica), on the other one.
again: after the killed replica came back: signs both in again and does the same exchange.

Standard library only. Exits non-zero with a message on the first thing that fails.
"""

import argparse
import base64
import hashlib
import hmac
import json
import os
import re
import socket
import struct
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

PASSWORD = "correct horse battery"


def say(text):
    print(f"[test-deploy] {text}", flush=True)


def fail(text):
    print(f"[test-deploy] FAILED: {text}", file=sys.stderr, flush=True)
    sys.exit(1)


# ---- HTTP


def http(method, url, body=None, token=None, timeout=15):
    """(status, parsed JSON or text) of one request; never raises on an HTTP status."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    text = raw.decode("utf-8", "replace")
    try:
        return status, json.loads(text) if text else None
    except ValueError:
        return status, text


def expect(what, result, *statuses):
    status, body = result
    if status not in statuses:
        fail(f"{what}: HTTP {status}, wanted {'/'.join(map(str, statuses))}: {str(body)[:500]}")
    return body


# ---- the mail catcher (Mailpit's API: /api/v1/messages, /api/v1/message/{ID})


def await_code(mailbox, address, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        _, listing = http("GET", f"{mailbox}/api/v1/messages")
        for summary in (listing or {}).get("messages", []):
            if any(to.get("Address", "").lower() == address.lower() for to in summary.get("To", [])):
                _, message = http("GET", f"{mailbox}/api/v1/message/{summary['ID']}")
                found = re.search(r"\b(\d{6})\b", (message or {}).get("Text", ""))
                if found:
                    return found.group(1)
        time.sleep(0.5)
    fail(f"no mail with a code reached {address} within {timeout} s (mail catcher {mailbox})")


# ---- people


def sign_up(gateway, mailbox, prefix):
    tag = uuid.uuid4().hex[:8]
    person = {"email": f"{prefix}.{tag}@example.org", "username": f"{prefix}_{tag}",
              "displayName": f"{prefix.title()} {tag}"}
    body = expect(f"sign-up of {person['email']}",
                  http("POST", f"{gateway}/api/auth/signup", dict(person, password=PASSWORD)), 202)
    code = await_code(mailbox, person["email"])
    expect(f"verifying {person['email']}",
           http("POST", f"{gateway}/api/auth/signup/verify",
                {"email": person["email"], "code": code, "signupId": body.get("signupId")}), 201)
    say(f"signed up {person['username']} (code {code} read from the mail catcher)")
    return person


def sign_in(gateway, person):
    body = expect(f"sign-in of {person['username']}",
                  http("POST", f"{gateway}/api/auth/login", {"login": person["username"], "password": PASSWORD}), 200)
    return dict(person, id=body["user"]["id"], token=body["accessToken"])


def befriend(gateway, a, b):
    expect("friend request", http("POST", f"{gateway}/api/friend-requests", {"userId": b["id"]}, a["token"]), 201)
    expect("accepting it (the request back)",
           http("POST", f"{gateway}/api/friend-requests", {"userId": a["id"]}, b["token"]), 200, 201)


def direct_conversation(gateway, a, b):
    body = expect("direct conversation",
                  http("POST", f"{gateway}/api/conversations/direct", {"userId": b["id"]}, a["token"]), 200, 201)
    return body["id"]


def client_message_ids(value):
    """Every clientMessageId anywhere in a JSON value."""
    if isinstance(value, dict):
        found = [value["clientMessageId"]] if "clientMessageId" in value else []
        return found + [c for v in value.values() for c in client_message_ids(v)]
    if isinstance(value, list):
        return [c for v in value for c in client_message_ids(v)]
    return []


def await_in_history(gateway, reader, conversation, client_message_id, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        status, body = http("GET", f"{gateway}/api/conversations/{conversation}/messages?limit=20", token=reader["token"])
        if status == 200 and client_message_id in client_message_ids(body):
            return
        time.sleep(0.3)
    fail(f"{reader['username']} does not see message {client_message_id} in the history within {timeout} s")


# ---- a WebSocket client (RFC 6455), enough for Parley's text frames


class Socket:
    def __init__(self, gateway, token, timeout=10):
        url = urllib.parse.urlparse(gateway)
        self.sock = socket.create_connection((url.hostname, url.port or 80), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET /ws HTTP/1.1\r\nHost: {url.hostname}:{url.port}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
                           f"Authorization: Bearer {token}\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("closed during the upgrade")
            head += chunk
        head, self.buffer = head.split(b"\r\n\r\n", 1)
        status = head.split(b"\r\n", 1)[0].decode()
        if " 101 " not in status + " ":
            raise ConnectionError(f"upgrade refused: {status}")

    def _read(self, n):
        while len(self.buffer) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("socket closed by the server")
            self.buffer += chunk
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def _send_frame(self, opcode, payload):
        mask = os.urandom(4)
        length = len(payload)
        header = bytes([0x80 | opcode])
        if length < 126:
            header += bytes([0x80 | length])
        elif length < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", length)
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", length)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(header + mask + masked)

    def send(self, frame):
        self._send_frame(0x1, json.dumps(frame).encode())

    def receive(self):
        """The next text frame as JSON; answers pings; raises ConnectionError on a close."""
        message = b""
        while True:
            first, second = self._read(2)
            opcode, length = first & 0x0F, second & 0x7F
            if length == 126:
                length = struct.unpack(">H", self._read(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", self._read(8))[0]
            payload = self._read(length)
            if opcode == 0x8:
                code = struct.unpack(">H", payload[:2])[0] if len(payload) >= 2 else None
                raise ConnectionError(f"closed by the server with {code} {payload[2:].decode(errors='replace')}")
            if opcode == 0x9:
                self._send_frame(0xA, payload)
                continue
            if opcode in (0x1, 0x0):
                message += payload
                if first & 0x80:
                    return json.loads(message)

    def await_frame(self, matches, what, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            self.sock.settimeout(max(0.1, deadline - time.time()))
            try:
                frame = self.receive()
            except socket.timeout:
                break
            if matches(frame):
                return frame
        raise TimeoutError(f"no {what} within {timeout} s")

    def close(self):
        try:
            self._send_frame(0x8, struct.pack(">H", 1000))
        except OSError:
            pass
        self.sock.close()


def open_sockets(gateway, person, count, timeout):
    """count sockets of the person, each answering a ping (so attached to its replica); retried while
    a replica refuses or the gateway still offers a dead one."""
    deadline, sockets, last = time.time() + timeout, [], None
    while len(sockets) < count and time.time() < deadline:
        ws = None
        try:
            ws = Socket(gateway, person["token"])
            ws.send({"type": "ping", "id": "open"})
            ws.await_frame(lambda f: f.get("id") == "open", "pong", 10)
            sockets.append(ws)
        except (OSError, ConnectionError, TimeoutError) as error:
            last = error
            if ws is not None:
                ws.sock.close()
            time.sleep(1)
    if len(sockets) < count:
        fail(f"could not open {count} sockets for {person['username']} within {timeout} s: {last}")
    return sockets


# ---- the exchange


def exchange(gateway, a, b, conversation, label, socket_timeout, frame_timeout=20):
    """A sends over REST, each of B's sockets gets message.new; B answers over a socket; both in the histories."""
    sockets = open_sockets(gateway, b, 2, socket_timeout)
    try:
        sent = {"clientMessageId": str(uuid.uuid4()), "text": f"{label}: hello from {a['username']}"}
        started = time.time()
        expect("REST send", http("POST", f"{gateway}/api/conversations/{conversation}/messages", sent, a["token"]), 201)
        for ws in sockets:
            try:
                ws.await_frame(lambda f: f.get("type") == "message.new"
                               and f.get("data", {}).get("message", {}).get("clientMessageId") == sent["clientMessageId"],
                               "message.new", frame_timeout)
            except (TimeoutError, ConnectionError) as error:
                fail(f"{label}: B's socket did not get A's message live: {error}")
        say(f"{label}: A's message (REST) reached both of B's sockets in {int((time.time() - started) * 1000)} ms")
        await_in_history(gateway, b, conversation, sent["clientMessageId"])

        answer = {"conversationId": conversation, "clientMessageId": str(uuid.uuid4()),
                  "text": f"{label}: hello back from {b['username']}"}
        started = time.time()
        sockets[0].send({"type": "message.send", "id": "s1", "data": answer})
        try:
            ack = sockets[0].await_frame(lambda f: f.get("id") == "s1", "the answer to message.send", frame_timeout)
        except (TimeoutError, ConnectionError) as error:
            fail(f"{label}: B's message.send: {error}")
        if ack.get("type") != "ack":
            fail(f"{label}: B's message.send was answered with {ack}")
        await_in_history(gateway, a, conversation, answer["clientMessageId"], frame_timeout)
        say(f"{label}: B's message (socket) acknowledged and in A's history in {int((time.time() - started) * 1000)} ms")
    finally:
        for ws in sockets:
            ws.close()


# ---- TURN: an Allocate with the credentials signaling handed out (RFC 5766, long-term credentials)

MAGIC = 0x2112A442


def stun_attributes(data):
    attributes, offset = {}, 20
    while offset + 4 <= len(data):
        kind, length = struct.unpack(">HH", data[offset:offset + 4])
        attributes.setdefault(kind, data[offset + 4:offset + 4 + length])
        offset += 4 + length + (-length % 4)
    return attributes


def stun_request(sock, address, method, attributes, key=None):
    transaction = os.urandom(12)
    body = b"".join(struct.pack(">HH", kind, len(value)) + value + b"\0" * (-len(value) % 4)
                    for kind, value in attributes)
    if key is not None:  # MESSAGE-INTEGRITY over the message with its length counting the attribute
        header = struct.pack(">HHI", method, len(body) + 24, MAGIC) + transaction
        body += struct.pack(">HH", 0x0008, 20) + hmac.new(key, header + body, hashlib.sha1).digest()
    sock.sendto(struct.pack(">HHI", method, len(body), MAGIC) + transaction + body, address)
    while True:
        data, _ = sock.recvfrom(2048)
        if data[8:20] == transaction:
            return struct.unpack(">H", data[:2])[0], stun_attributes(data)


def check_turn(gateway, person, turn_host, turn_port):
    body = expect("ICE servers", http("GET", f"{gateway}/api/rtc/ice-servers", token=person["token"]), 200)
    turn = [s for s in body.get("iceServers", []) if any(u.startswith("turn:") for u in s.get("urls", []))]
    if not turn or not turn[0].get("username") or not turn[0].get("credential"):
        fail(f"no TURN server with credentials in /api/rtc/ice-servers: {body}")
    username, password = turn[0]["username"], turn[0]["credential"]
    address = (turn_host, int(turn_port))
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.settimeout(5)
    try:
        transport = (0x0019, bytes([17, 0, 0, 0]))  # REQUESTED-TRANSPORT: UDP
        kind, attributes = stun_request(sock, address, 0x0003, [transport])
        if kind != 0x0113 or 0x0014 not in attributes or 0x0015 not in attributes:
            fail(f"TURN: the first Allocate should be refused with a realm and a nonce (got type {kind:#06x})")
        realm, nonce = attributes[0x0014], attributes[0x0015]
        key = hashlib.md5(username.encode() + b":" + realm + b":" + password.encode()).digest()
        kind, attributes = stun_request(sock, address, 0x0003,
                                        [transport, (0x0006, username.encode()), (0x0014, realm), (0x0015, nonce)], key)
        if kind != 0x0103:
            error = attributes.get(0x0009, b"")
            fail(f"TURN Allocate with signaling's credentials refused (type {kind:#06x}, "
                 f"error {error[2:4].hex() if error else '?'} {error[4:].decode(errors='replace')}): "
                 "PARLEY_TURN_SECRET differs between coturn and signaling-service?")
        relayed = attributes.get(0x0016)  # XOR-RELAYED-ADDRESS
        port = struct.unpack(">H", relayed[2:4])[0] ^ (MAGIC >> 16) if relayed else None
        # Free the relay again (a Refresh with lifetime 0).
        stun_request(sock, address, 0x0004, [(0x000D, struct.pack(">I", 0)), (0x0006, username.encode()),
                                             (0x0014, realm), (0x0015, nonce)], key)
    except socket.timeout:
        fail(f"TURN: no answer from coturn at {turn_host}:{turn_port} (UDP)")
    finally:
        sock.close()
    say(f"TURN: {turn[0]['urls']} handed out by signaling; coturn allocated a relay (port {port}) with those credentials")


# ---- main


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gateway", required=True)
    parser.add_argument("--mailbox", required=True)
    parser.add_argument("--turn", required=True, help="HOST:PORT of coturn (UDP)")
    parser.add_argument("--state", required=True)
    parser.add_argument("step", choices=["setup", "during", "again"])
    args = parser.parse_args()
    turn_host, turn_port = args.turn.rsplit(":", 1)

    if args.step == "setup":
        a = sign_in(args.gateway, sign_up(args.gateway, args.mailbox, "ann"))
        b = sign_in(args.gateway, sign_up(args.gateway, args.mailbox, "bob"))
        befriend(args.gateway, a, b)
        conversation = direct_conversation(args.gateway, a, b)
        say(f"{a['username']} and {b['username']} are friends; direct conversation {conversation}")
        exchange(args.gateway, a, b, conversation, "before the kill", socket_timeout=30)
        check_turn(args.gateway, a, turn_host, turn_port)
        with open(args.state, "w") as out:
            json.dump({"a": a, "b": b, "conversation": conversation}, out)
    else:
        with open(args.state) as state_file:
            state = json.load(state_file)
        a, b = sign_in(args.gateway, state["a"]), sign_in(args.gateway, state["b"])
        if args.step == "during":
            # A consumer group may wait for the dead member's session to time out (10 s) before
            # its partitions move: more time for the frames than usual.
            exchange(args.gateway, a, b, state["conversation"], "while a signaling replica restarts",
                     socket_timeout=60, frame_timeout=60)
        else:
            exchange(args.gateway, a, b, state["conversation"], "after it came back", socket_timeout=60)
            check_turn(args.gateway, b, turn_host, turn_port)


if __name__ == "__main__":
    main()
