"""Benchmark: many residents completing reports through the web chat API at once.

Starts the real app (SQLite in a temporary folder, or DATABASE_URL) on a threaded server on
127.0.0.1, runs a bounded number of simulated residents concurrently through the whole dialogue, and
prints turns per second, reports per second, and p50/p99 latency of one conversation turn.

    .venv/bin/python bench/web_chat.py [--residents 40] [--concurrency 8]
    .venv/bin/python bench/web_chat.py --postgres postgresql://postgres@127.0.0.1:5432/test  # a throwaway database there
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import logging
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psycopg  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from intake import create_app  # noqa: E402
from intake.config import Settings  # noqa: E402
from intake.migrations import upgrade  # noqa: E402
from tests.factories import NOISE_AND_DRUGS_REPORT, fixed_classifier  # noqa: E402


def resident(base: str, latencies: list[float]) -> None:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    for said, expected in NOISE_AND_DRUGS_REPORT:
        request = urllib.request.Request(f"{base}/api/chat/messages", data=json.dumps({"text": said}).encode(),
                                         headers={"Content-Type": "application/json"})
        start = time.perf_counter()
        with opener.open(request, timeout=30) as response:
            body = json.load(response)
        latencies.append(time.perf_counter() - start)
        if expected not in "\n".join(m["text"] for m in body["messages"]):
            raise SystemExit(f"unexpected reply after {said!r}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--residents", type=int, default=40)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--postgres", default=None, metavar="ADMIN_URL",
                        help="run on a throwaway database created on this PostgreSQL server")
    args = parser.parse_args()
    folder = tempfile.mkdtemp()
    name = f"intake_bench_{uuid.uuid4().hex[:8]}"
    if args.postgres:
        with psycopg.connect(args.postgres, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
    url = args.postgres.rsplit("/", 1)[0] + f"/{name}" if args.postgres else f"sqlite:///{folder}/bench.db"
    try:
        run(url, args.residents, args.concurrency)
    finally:
        if args.postgres:
            with psycopg.connect(args.postgres, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(url: str, residents: int, concurrency: int) -> None:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # a line per request would be measured too
    upgrade(url)
    app = create_app(Settings(database_url=url, secret_key="bench"), classifier=fixed_classifier())
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    latencies: list[float] = []
    start = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        for future in [pool.submit(resident, base, latencies) for _ in range(residents)]:
            future.result()
    elapsed = time.perf_counter() - start
    server.shutdown()
    app.extensions["intake"].db.dispose()
    ordered = sorted(latencies)
    print(f"database: {url.split(':')[0]}  residents: {residents}  concurrency: {concurrency}")
    print(f"turns: {len(latencies)} in {elapsed:.2f} s = {len(latencies) / elapsed:.1f} turns/s, "
          f"{residents / elapsed:.2f} complete reports/s")
    print(f"turn latency p50 {statistics.median(ordered) * 1000:.1f} ms, "
          f"p99 {ordered[int(len(ordered) * 0.99) - 1] * 1000:.1f} ms")


if __name__ == "__main__":
    main()
