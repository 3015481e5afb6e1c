"""Benchmark the Twilio inbound webhook: many simulated residents texting at once, signed like Twilio.

Starts a real gunicorn server on 127.0.0.1 (migrated SQLite or PostgreSQL database, Twilio configured
to a dead API address so nothing leaves the machine; no worker runs, replies stay in the outbox),
posts a bounded number of signed inbound messages from concurrent residents, each resident's messages
in order, and prints messages per second and p50/p99 webhook latency.

    python bench/sms_webhook.py --residents 40 --messages 8 --database sqlite
    python bench/sms_webhook.py --database postgresql://postgres@127.0.0.1:5432/test
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

import requests
from twilio.request_validator import RequestValidator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from intake.migrations import upgrade  # noqa: E402

ACCOUNT_SID, AUTH_TOKEN = "AC" + "b" * 32, "bench-auth-token"
PUBLIC = "https://intake.example.org"
SCRIPT = ["hello", "no", "loud music every night from the flat above mine", "11", "since last month",
          "yes", "Flat 4, 12 Example Road, DE1 2AB", "skip", "no", "yes", "no", "no"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database(spec: str, folder: Path) -> tuple[str, str | None]:
    """A fresh database URL; for PostgreSQL also the name of the database created for this run."""
    if spec == "sqlite":
        return f"sqlite:///{folder / 'bench.db'}", None
    import psycopg

    name = f"bench_sms_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(spec, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return spec.rsplit("/", 1)[0] + f"/{name}", name


def drop(spec: str, name: str | None) -> None:
    if name:
        import psycopg

        with psycopg.connect(spec, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def start_server(url: str, port: int, folder: Path, workers: int, threads: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "bench", "INTAKE_INSTANCE_DIR": str(folder),
           "PUBLIC_BASE_URL": PUBLIC, "TWILIO_ACCOUNT_SID": ACCOUNT_SID, "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
           "TWILIO_FROM_NUMBER": "+441332000111", "TWILIO_API_BASE_URL": "http://127.0.0.1:9",
           "PYTHONPATH": str(ROOT)}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen([str(gunicorn), "--preload", "--workers", str(workers), "--threads", str(threads),
                                "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "intake.wsgi:app"],
                               env=env, cwd=ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            requests.get(f"http://127.0.0.1:{port}/api/openapi.json", timeout=1)
            return process
        except requests.RequestException:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start")


def resident(port: int, number: int, messages: int) -> list[float]:
    """One resident texting their messages in order; returns each webhook's latency in seconds."""
    validator = RequestValidator(AUTH_TOKEN)
    sender = f"+4477009{number:05d}"
    latencies = []
    with requests.Session() as session:
        for n in range(messages):
            sid = f"SM{uuid.uuid4().hex}"
            form = {"MessageSid": sid, "SmsMessageSid": sid, "AccountSid": ACCOUNT_SID, "From": sender,
                    "To": "+441332000111", "Body": SCRIPT[n % len(SCRIPT)], "NumMedia": "0", "ApiVersion": "2010-04-01"}
            signature = validator.compute_signature(f"{PUBLIC}/channels/sms/inbound", form)
            started = time.perf_counter()
            # The body as bytes goes out in one packet with the headers (a str body is sent separately
            # and meets Nagle's algorithm and delayed ACKs: 40 ms that are the client's, not the webhook's).
            response = session.post(f"http://127.0.0.1:{port}/channels/sms/inbound", data=urlencode(form).encode(),
                                    headers={"X-Twilio-Signature": signature,
                                             "Content-Type": "application/x-www-form-urlencoded"}, timeout=15)
            latencies.append(time.perf_counter() - started)
            if response.status_code != 200:
                raise SystemExit(f"webhook answered {response.status_code}: {response.text[:200]}")
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=40, help="residents texting at the same time")
    parser.add_argument("--messages", type=int, default=8, help="messages each resident sends (in order)")
    parser.add_argument("--database", default="sqlite", help="'sqlite' or a PostgreSQL admin URL")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url, created = database(args.database, folder)
        try:
            upgrade(url)
            port = free_port()
            server = start_server(url, port, folder, args.workers, args.threads)
            try:
                resident(port, 99999, 1)  # warm up each worker's imports and connection pool
                started = time.perf_counter()
                with ThreadPoolExecutor(max_workers=args.residents) as pool:
                    results = list(pool.map(lambda n: resident(port, n, args.messages), range(args.residents)))
                elapsed = time.perf_counter() - started
            finally:
                server.terminate()
                server.wait(timeout=30)
        finally:
            drop(args.database, created)
    latencies = sorted(x for r in results for x in r)
    total = len(latencies)
    p99 = latencies[min(total - 1, int(total * 0.99))]
    backend = "sqlite" if args.database == "sqlite" else "postgresql"
    print(f"sms webhook: {total} signed messages from {args.residents} residents, {backend}, "
          f"gunicorn {args.workers}x{args.threads}")
    print(f"  throughput  {total / elapsed:8.1f} messages/s")
    print(f"  latency p50 {statistics.median(latencies) * 1000:8.1f} ms")
    print(f"  latency p99 {p99 * 1000:8.1f} ms")
    print(f"  latency max {latencies[-1] * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
