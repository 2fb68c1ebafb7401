#!/usr/bin/env python3
"""Full dossier lifecycles through the HTTP API, for bench/handling.sh.

Each client (a thread with its own keep-alive connection) repeats, until
--seconds have passed:
  citizen      POST /api/v1/dossiers (multipart: JSON "dossier" + one file)
  desk officer POST /api/v1/dossiers/{id}/actions accept
  desk officer forward                      (step 0 -> specialist)
  specialist   attach_result (multipart: JSON "action" + PDF "file")
  specialist   forward                      (-> leader)
  leader       approve                      (-> return at the desk)
  desk officer return_result (method desk)
each action with the version the previous answer returned. Prints
  BENCH_RESULT requests=<lifecycles> duration_s=.. rps=<lifecycles/s>
               p50_ms=.. p90_ms=.. p99_ms=.. max_ms=.. errors=E non2xx=X
(latencies of whole lifecycles) and
  BENCH_LIFECYCLE lifecycles=N http_requests=M http_rps=R failed=F
"""
import argparse
import http.client
import json
import os
import sys
import threading
import time

BOUNDARY = "----motcuaLifecycle5b1e"


def multipart(parts):
    """parts: (name, filename or None, content type, bytes)."""
    out = []
    for name, filename, ctype, body in parts:
        disp = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
        out.append(f"--{BOUNDARY}\r\nContent-Disposition: {disp}\r\nContent-Type: {ctype}\r\n\r\n".encode())
        out.append(body)
        out.append(b"\r\n")
    out.append(f"--{BOUNDARY}--\r\n".encode())
    return b"".join(out)


class Client:
    def __init__(self, port, tokens, args, nonce):
        self.port = port
        self.tokens = tokens
        self.args = args
        self.nonce = nonce
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.requests = 0
        self.first_error = None

    def call(self, method, path, token, body, ctype, expect):
        headers = {"Authorization": "Bearer " + token, "Content-Type": ctype}
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                resp = self.conn.getresponse()
                data = resp.read()
                break
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                if attempt:
                    raise
        self.requests += 1
        if resp.status != expect:
            raise RuntimeError(f"{method} {path}: {resp.status} {data[:300]!r}")
        return json.loads(data)

    def act(self, dossier, token, action, version, **extra):
        body = json.dumps(dict(action=action, version=version, **extra)).encode()
        return self.call("POST", f"/api/v1/dossiers/{dossier}/actions", token, body, "application/json", 200)

    def lifecycle(self, n):
        a, t = self.args, self.tokens
        pdf = b"%PDF-1.7\n% motcua lifecycle " + f"{self.nonce} {n}".encode() + b"\n" + a.blob
        body = multipart([("dossier", None, "application/json", json.dumps({"procedure_code": a.procedure}).encode()),
                          (f"component_{a.component}", "ban-chinh.pdf", "application/pdf", pdf)])
        d = self.call("POST", "/api/v1/dossiers", t["citizen"], body, "multipart/form-data; boundary=" + BOUNDARY, 201)
        i = d["id"]
        d = self.act(i, t["desk"], "accept", d["version"])
        d = self.act(i, t["desk"], "forward", d["version"])
        result = b"%PDF-1.7\n% ket qua " + f"{self.nonce} {n}".encode() + b"\n" + a.result_blob
        body = multipart([("action", None, "application/json",
                           json.dumps({"action": "attach_result", "version": d["version"]}).encode()),
                          ("file", "ket-qua.pdf", "application/pdf", result)])
        d = self.call("POST", f"/api/v1/dossiers/{i}/actions", t["specialist"], body,
                      "multipart/form-data; boundary=" + BOUNDARY, 200)
        d = self.act(i, t["specialist"], "forward", d["version"])
        d = self.act(i, t["leader"], "approve", d["version"])
        d = self.act(i, t["desk"], "return_result", d["version"], method="desk")
        if d.get("status") != "returned" and not d.get("handling", {}).get("returned_at"):
            raise RuntimeError(f"dossier {i} not returned: status {d.get('status')}")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--tokens", required=True, help="file of lines ROLE TOKEN (citizen, desk, specialist, leader)")
    p.add_argument("--clients", type=int, default=8)
    p.add_argument("--seconds", type=float, default=10)
    p.add_argument("--count", type=int, default=0, help="at most this many lifecycles per client (0: no limit)")
    p.add_argument("--procedure", default="2.000815")
    p.add_argument("--component", default="0")
    p.add_argument("--attachment-bytes", type=int, default=204800)
    p.add_argument("--result-bytes", type=int, default=20480)
    p.add_argument("--nonce", default=str(os.getpid()))
    a = p.parse_args()
    tokens = dict(line.split() for line in open(a.tokens) if line.strip())
    a.blob = os.urandom(max(0, a.attachment_bytes - 64))
    a.result_blob = os.urandom(max(0, a.result_bytes - 64))
    latencies, failures, lock = [], [], threading.Lock()
    clients = [Client(a.port, tokens, a, f"{a.nonce}-{k}") for k in range(a.clients)]
    deadline = time.monotonic() + a.seconds
    start = time.monotonic()

    def run(c):
        n = 0
        while time.monotonic() < deadline and not (a.count and n >= a.count):
            n += 1
            t0 = time.monotonic()
            try:
                c.lifecycle(n)
                with lock:
                    latencies.append((time.monotonic() - t0) * 1000)
            except Exception as e:  # noqa: BLE001 - counted and reported
                with lock:
                    failures.append(str(e))

    threads = [threading.Thread(target=run, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    latencies.sort()

    def pct(q):
        return latencies[min(len(latencies) - 1, int(q / 100 * (len(latencies) - 1) + 0.5))] if latencies else 0

    requests = sum(c.requests for c in clients)
    print(f"BENCH_RESULT requests={len(latencies)} duration_s={elapsed:.3f} rps={len(latencies) / elapsed:.2f} "
          f"p50_ms={pct(50):.3f} p90_ms={pct(90):.3f} p99_ms={pct(99):.3f} max_ms={latencies[-1] if latencies else 0:.3f} "
          f"errors=0 non2xx={len(failures)}")
    print(f"BENCH_LIFECYCLE lifecycles={len(latencies)} http_requests={requests} http_rps={requests / elapsed:.1f} "
          f"failed={len(failures)}")
    for f in failures[:5]:
        print("FAILED", f, file=sys.stderr)
    return 0 if latencies else 1


if __name__ == "__main__":
    sys.exit(main())
