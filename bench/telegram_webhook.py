"""Load run for the Telegram webhook: updates per second and p50/p99 latency against a real server.

Starts gunicorn serving `intake.wsgi:app` on 127.0.0.1 (as the Procfile's `web` does) with a fresh
database, then posts a bounded number of Telegram updates from several concurrent residents, each
walking the start of a report (typed answers and button presses, as Telegram delivers them). Every
update is a full turn: secret check, parse, dedupe, conversation step, one commit with its replies in
the outbox. No outbox worker runs, so the figures are the webhook's alone.

    python bench/telegram_webhook.py                      # SQLite, 2 gunicorn workers, 400 updates
    python bench/telegram_webhook.py --requests 1000 --concurrency 8 --workers 4 \
        --postgres postgresql://postgres@127.0.0.1:5432/test   # a throwaway database on that server

The workers are booted (gunicorn --preload, then a warm-up request) before the clock starts.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRET = "bench-webhook-secret"
# What each resident sends, in order: (kind, text or button data).
SCRIPT = [
    ("text", "/start"), ("press", "c:no"),
    ("text", "loud music every night and people dealing drugs on the landing"), ("press", "c:drugs"),
    ("text", "since last month, most nights"), ("press", "c:yes"),
    ("text", "Flat 4, 12 Example Road, DE1 2AB"), ("press", "c:skip"),
    ("press", "c:no"), ("press", "c:no"), ("press", "c:no"), ("press", "c:no"),
]
_ids = itertools.count(1)


def update(chat_id: int, kind: str, value: str) -> dict:
    user = {"id": chat_id, "is_bot": False, "first_name": "Resident", "language_code": "en"}
    chat = {"id": chat_id, "type": "private", "first_name": "Resident"}
    message = {"message_id": next(_ids), "date": int(time.time()), "chat": chat}
    if kind == "text":
        return {"update_id": next(_ids), "message": {**message, "from": user, "text": value}}
    message["from"] = {"id": 1, "is_bot": True, "first_name": "Bot"}
    query = {"id": f"q{next(_ids)}", "from": user, "chat_instance": "ci", "message": message, "data": value}
    return {"update_id": next(_ids), "callback_query": query}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def database(admin_url: str | None, folder: Path) -> Iterator[str]:
    """A fresh SQLite file, or a throwaway PostgreSQL database created and dropped on `admin_url`'s server."""
    if admin_url is None:
        yield f"sqlite:///{folder}/bench.db"
        return
    import psycopg

    name = f"intake_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin_url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def start_server(args: argparse.Namespace, port: int, folder: Path, database_url: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DATABASE_URL": database_url,
           "SECRET_KEY": "bench", "INTAKE_INSTANCE_DIR": str(folder), "TELEGRAM_BOT_TOKEN": "1:bench",
           "TELEGRAM_WEBHOOK_SECRET": SECRET, "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9"}
    subprocess.run([sys.executable, "-c", "from intake.cli import main; main()", "db", "upgrade"],
                   env=env, check=True, cwd=folder, stdout=subprocess.DEVNULL)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--preload", "--workers", str(args.workers),
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "intake.wsgi:app"],
        env=env, cwd=folder, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", "/")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not start within 60 seconds")


def resident(port: int, chats: itertools.count, budget: list[int], lock: threading.Lock,
             latencies: list[float], failures: list[int]) -> None:
    """One client connection: residents one after another until the shared request budget is spent."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET}
    while True:
        chat_id = next(chats)
        for kind, value in SCRIPT:
            with lock:
                if budget[0] <= 0:
                    connection.close()
                    return
                budget[0] -= 1
            body = json.dumps(update(chat_id, kind, value))
            started = time.perf_counter()
            connection.request("POST", "/channels/telegram/webhook", body, headers)
            response = connection.getresponse()
            response.read()
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if response.status != 200:
                    failures.append(response.status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400, help="updates to post in all (bounded run)")
    parser.add_argument("--concurrency", type=int, default=4, help="client connections posting at once")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--postgres", default=None, metavar="ADMIN_URL",
                        help="use a throwaway database on this PostgreSQL server (default: a fresh SQLite file)")
    args = parser.parse_args()
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp, database(args.postgres, Path(tmp)) as database_url:
        server = start_server(args, port, Path(tmp), database_url)
        try:
            latencies: list[float] = []
            failures: list[int] = []
            budget, lock, chats = [args.requests], threading.Lock(), itertools.count(10_000_000)
            threads = [threading.Thread(target=resident, args=(port, chats, budget, lock, latencies, failures))
                       for _ in range(args.concurrency)]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            wall = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(30)
    cuts = statistics.quantiles(latencies, n=100)
    backend = "PostgreSQL" if args.postgres else "SQLite"
    print(f"telegram webhook: {len(latencies)} updates, {args.concurrency} connections, "
          f"{args.workers} gunicorn workers, {backend}")
    print(f"  updates/s  {len(latencies) / wall:8.1f}")
    print(f"  p50        {cuts[49] * 1000:8.1f} ms")
    print(f"  p99        {cuts[98] * 1000:8.1f} ms")
    print(f"  non-200    {len(failures):8d}")


if __name__ == "__main__":
    main()
