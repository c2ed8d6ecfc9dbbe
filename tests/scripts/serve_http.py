#!/usr/bin/env python3
"""coachkit serve, seen by a raw HTTP client: every path that could leave the output folder is
refused (dot segments plain and percent-encoded, encoded slashes and backslashes, absolute
forms, symlinks out of the folder), folders are never listed, another Host or Origin is refused,
a port in use is an error naming it, a pack that does not load still serves the problems and
recovers, and SIGTERM stops the server with exit 0.

Usage: serve_http.py COACHKIT"""
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

COACHKIT = os.path.abspath(sys.argv[1])
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what, flush=True)


class Serve:
    """One `coachkit serve` child and what it has printed so far."""

    def __init__(self, cwd, *args):
        self.lines = []
        self.proc = subprocess.Popen([COACHKIT, "serve", *args], cwd=cwd, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True)
        self.changed = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            with self.changed:
                self.lines.append(line.rstrip("\n"))
                self.changed.notify_all()
        with self.changed:
            self.changed.notify_all()

    def wait_for(self, pattern, count=1, timeout=120):
        deadline = time.time() + timeout
        with self.changed:
            while True:
                found = [m for m in (re.search(pattern, l) for l in self.lines) if m]
                if len(found) >= count:
                    return found[-1]
                if self.proc.poll() is not None and not self.proc.stdout.readable():
                    return None
                left = deadline - time.time()
                if left <= 0:
                    return None
                self.changed.wait(min(left, 0.5))

    def text(self):
        with self.changed:
            return "\n".join(self.lines)


def request(port, target, host=None, headers=None, method="GET"):
    """Sends TARGET byte for byte (no normalisation) and returns (status, body)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
    connection.putheader("Host", host if host is not None else "127.0.0.1:%d" % port)
    for name, value in (headers or {}).items():
        connection.putheader(name, value)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read() if method != "HEAD" else b""
    connection.close()
    return response.status, body


def wait_idle(port, timeout=120):
    """Until no build runs: Ctrl-C during one interrupts it (as it does `build`) and ends with
    the signal; between builds it stops the server with 0."""
    time.sleep(0.5)
    deadline = time.time() + timeout
    while time.time() < deadline and b"rebuilding" in request(port, "/")[1]:
        time.sleep(0.2)


def main():
    work = tempfile.mkdtemp(prefix="coachkit-serve-http-")
    try:
        subprocess.run([COACHKIT, "new", "pack", "demo"], cwd=work, check=True,
                       stdout=subprocess.DEVNULL)
        secret = os.path.join(work, "secret.txt")
        with open(secret, "w") as f:
            f.write("the secret outside the output folder\n")
        serve = Serve(work, "demo", "--format", "html", "--port", "0")
        match = serve.wait_for(r"serving .* at http://127\.0\.0\.1:(\d+)/")
        check(match is not None, "serve prints its URL on 127.0.0.1:\n" + serve.text())
        if not match:
            return
        port = int(match.group(1))
        check(serve.wait_for(r"coachkit: rebuilt in", count=1) is not None,
              "the first build finishes:\n" + serve.text())
        out = os.path.join(work, "demo", "out", "demo")
        deadline = time.time() + 120
        while not os.path.exists(os.path.join(out, "handouts", "listen-first.html")):
            if time.time() > deadline:
                break
            time.sleep(0.2)
        os.symlink(secret, os.path.join(out, "link.html"))
        os.symlink(work, os.path.join(out, "up"))

        status, body = request(port, "/")
        check(status == 200 and b"listen-first" in body, "the index lists the handout")
        status, body = request(port, "/demo/handouts/listen-first.html")
        check(status == 200 and b"Listen first" in body and b"EventSource" in body,
              "a handout is served with the live-reload script")
        status, body = request(port, "/demo/handouts/listen-first.html", method="HEAD")
        check(status == 200, "HEAD of a handout")

        refused = ["/../secret.txt", "/demo/../../secret.txt", "/%2e%2e/%2e%2e/secret.txt",
                   "/%2E%2E/%2E%2E/secret.txt", "/demo/%2e%2e/%2e%2e/secret.txt",
                   "/demo%2f..%2f..%2fsecret.txt", "/demo%2F%2E%2E%2F%2E%2E%2Fsecret.txt",
                   "/..%5c..%5csecret.txt", "/demo\\..\\..\\secret.txt", "//" + secret.lstrip("/"),
                   "/demo/link.html", "/demo/up/secret.txt", "/demo/./handouts/listen-first.html",
                   "/.coachkit-stamps", "/demo/.coachkit-log", "/demo/%00", "/demo/%zz",
                   "http://127.0.0.1:%d/../secret.txt" % port, secret]
        for target in refused:
            status, body = request(port, target)
            check(status in (400, 404) and b"secret" not in body and b"Listen first" not in body,
                  "refused: %s (got %d)" % (target, status))
        status, body = request(port, "/demo/%2e%2e/%2e%2e/secret.txt")
        check(status == 400, "an encoded dot-dot is a 400, not a lookup")
        for folder in ["/demo", "/demo/handouts", "/demo/handouts/"]:
            status, body = request(port, folder)
            check(status in (400, 404) and b"listen-first" not in body,
                  "no listing of %s (got %d)" % (folder, status))

        for host in ["evil.example:%d" % port, "127.0.0.1.evil.example:%d" % port,
                     "127.0.0.1:%d" % (port + 1), "localhost", ""]:
            status, _ = request(port, "/", host=host)
            check(status == 403, "Host %r refused (got %d)" % (host, status))
        status, _ = request(port, "/", host="localhost:%d" % port)
        check(status == 200, "Host localhost:PORT is served")
        for origin in ["http://evil.example", "http://evil.example:%d" % port, "null",
                       "https://127.0.0.1:%d" % port]:
            for target in ["/", "/_coachkit/events?page=/&since=0"]:
                status, _ = request(port, target, headers={"Origin": origin})
                check(status == 403, "Origin %r refused on %s (got %d)" % (origin, target, status))
        status, _ = request(port, "/", headers={"Origin": "http://127.0.0.1:%d" % port})
        check(status == 200, "this server's own Origin is served")

        # Server-sent events arrive uncompressed and at once, also when gzip is accepted.
        connection = socket.create_connection(("127.0.0.1", port), timeout=10)
        connection.sendall(("GET /_coachkit/events?page=/&since=0 HTTP/1.1\r\nHost: 127.0.0.1:%d"
                            "\r\nAccept-Encoding: gzip, deflate, br\r\n\r\n" % port).encode())
        received = b""
        deadline = time.time() + 10
        while b"event: problems" not in received and time.time() < deadline:
            chunk = connection.recv(65536)
            if not chunk:
                break
            received += chunk
        connection.close()
        check(b"text/event-stream" in received and b"event: problems" in received and
              b"Content-Encoding" not in received, "events stream plainly:\n%r" % received[:400])

        # The same port again is an error naming it.
        second = subprocess.run([COACHKIT, "serve", "demo", "--format", "html", "--port",
                                 str(port)], cwd=work, capture_output=True, text=True, timeout=60)
        check(second.returncode == 1 and ("port %d is in use" % port) in second.stderr,
              "a port in use: exit %d, %r" % (second.returncode, second.stderr))

        # A pack that stops loading: the problem is served at its FILE:LINE:COL, the outputs
        # stay; fixed, the problem goes.
        principle = os.path.join(work, "demo", "pack", "principles", "listen-first.toml")
        with open(principle) as f:
            good = f.read()
        with open(principle, "w") as f:
            f.write(good.replace('title = "Listen first"', 'title = 12'))
        problem = r"listen-first\.toml:(\d+):(\d+)"
        check(serve.wait_for(problem + r"|the page shows", timeout=120) is not None,
              "the broken edit is rebuilt:\n" + serve.text())
        status, body = request(port, "/")
        check(status == 200 and re.search(problem.encode(), body) and b"listen-first.html" in body,
              "the index shows the problem above the last good outputs:\n%s" % body[:2000])
        with open(principle, "w") as f:
            f.write(good)
        rebuilt = len(re.findall("rebuilt in", serve.text()))
        check(serve.wait_for("rebuilt in", count=rebuilt + 1, timeout=120) is not None,
              "the fix is rebuilt")
        status, body = request(port, "/")
        check(status == 200 and not re.search(problem.encode(), body), "the fix clears it")

        wait_idle(port)
        serve.proc.send_signal(signal.SIGTERM)
        code = serve.proc.wait(timeout=60)
        check(code == 0 and "stopped serving" in serve.text(),
              "SIGTERM stops it cleanly (exit %s)" % code)
        leftovers = [os.path.join(d, n) for d, _, names in os.walk(os.path.join(work, "demo"))
                     for n in names if ".tmp" in n or n.startswith(".coachkit-tmp")]
        check(not leftovers, "no temporary files left: %s" % leftovers)

        # A project that does not load at start still serves the page, and recovers.
        broken = os.path.join(work, "broken")
        shutil.copytree(os.path.join(work, "demo"), broken, ignore=shutil.ignore_patterns("out"))
        pack_file = os.path.join(broken, "pack", "pack.toml")
        with open(pack_file) as f:
            pack_text = f.read()
        with open(pack_file, "w") as f:
            f.write(pack_text + "\n[pack\n")
        serve = Serve(work, "broken", "--format", "html", "--port", "0")
        match = serve.wait_for(r"at http://127\.0\.0\.1:(\d+)/")
        check(serve.wait_for("rebuilt in") is not None, "the broken pack is tried")
        if match:
            port = int(match.group(1))
            status, body = request(port, "/")
            check(status == 200 and b"pack.toml:" in body,
                  "a pack that does not load shows its problem:\n%s" % body[:2000])
            with open(pack_file, "w") as f:
                f.write(pack_text)
            check(serve.wait_for("rebuilt in", count=2) is not None, "the fixed pack is rebuilt")
            deadline = time.time() + 120
            while time.time() < deadline:
                status, body = request(port, "/")
                if b"listen-first.html" in body:
                    break
                time.sleep(0.3)
            check(b"listen-first.html" in body and b"pack.toml:" not in body,
                  "and recovers once fixed:\n%s" % body[:2000])
            wait_idle(port)
        serve.proc.send_signal(signal.SIGINT)
        code = serve.proc.wait(timeout=60)
        check(code == 0, "SIGINT stops it (exit %s)" % code)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        print("%d failures" % len(failures))
        sys.exit(1)
    print("serve_http: all checks passed")


if __name__ == "__main__":
    main()
