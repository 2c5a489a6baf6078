"""A short load test of ``kg serve``: concurrent clients run the saved queries over HTTP.

Starts ``kg serve`` on 127.0.0.1 (a free port) over a graph, sends every saved query once to check
it, then lets ``--clients`` threads, each with its own keep-alive connection, send requests in turn
until ``--requests`` have been sent or ``--seconds`` have passed. Prints requests per second, the
median and 95th-percentile latency per kind of request, and every error; ``--json FILE`` also
writes them. Traffic goes only to the server this script starts, on 127.0.0.1.

The requests, in turn: each saved query's page ``/query/NAME`` with the example values of its
parameters (names resolved in the server, values bound, an HTML table rendered), and the text of
each saved query without parameters POSTed to ``/sparql`` (SPARQL JSON).

Usage:

    python bench/bench_serve.py [--graph PATH] [--clients 20] [--requests 3000] [--seconds 25]
                                [--workers N] [--skip NAME ...] [--json FILE]

Without ``--graph`` it first builds the bundled corpus (data/corpus/) with
``kg build data/corpus --out <temporary folder> --no-views``.
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import select
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kg.query.saved import list_queries  # noqa: E402

CORPUS = REPO / "data" / "corpus"
STARTUP_SECONDS = 120
URL = re.compile(r"at http://127\.0\.0\.1:(\d+)/ ")
# SPARQL JSON for SELECT and ASK, Turtle for CONSTRUCT (the closure query ``within``).
ACCEPT = "application/sparql-results+json, text/turtle;q=0.9"


def requests_to_send(skip: tuple[str, ...] = ()) -> list[tuple[str, str, str, bytes | None]]:
    """(kind, method, path, body) of each request of the mix, without the saved queries named in ``skip``."""
    mix = []
    for saved in list_queries():
        if saved.name in skip:
            continue
        query = urllib.parse.urlencode({p.name: p.example for p in saved.parameters})
        mix.append(("page /query/*", "GET", f"/query/{saved.name}" + (f"?{query}" if query else ""), None))
        if not saved.parameters:
            mix.append(("POST /sparql", "POST", "/sparql", saved.text.encode("utf-8")))
    return mix


def build_corpus(out: Path) -> Path:
    command = [sys.executable, "-m", "kg.cli", "build", str(CORPUS), "--out", str(out), "--no-views"]
    subprocess.run(command, cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    return out


def start_server(graph: Path, workers: int | None, timeout: float) -> tuple[subprocess.Popen, int]:
    command = [sys.executable, "-m", "kg.cli", "serve", "--graph", str(graph), "--port", "0", "--timeout", str(timeout)]
    if workers:
        command += ["--workers", str(workers)]
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, text=True)
    readable, _, _ = select.select([process.stdout], [], [], STARTUP_SECONDS)
    match = URL.search(process.stdout.readline() if readable else "")
    if match is None:
        process.kill()
        sys.exit("kg serve did not start")
    return process, int(match[1])


def send(connection: http.client.HTTPConnection, method: str, path: str, body: bytes | None) -> tuple[int, bytes]:
    headers = {"Content-Type": "application/sparql-query", "Accept": ACCEPT} if body else {}
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    return response.status, response.read()


def load(port: int, mix: list, clients: int, total: int, seconds: float) -> tuple[list, float]:
    """Run the load; return (kind, latency in seconds, status, message) of each request, and the wall time."""
    results, lock = [], threading.Lock()
    sent = 0
    start = time.perf_counter()
    deadline = start + seconds

    def client() -> None:
        nonlocal sent
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=seconds + 60)
        while True:
            with lock:
                if sent >= total or time.perf_counter() > deadline:
                    break
                kind, method, path, body = mix[sent % len(mix)]
                sent += 1
            began = time.perf_counter()
            try:
                status, content = send(connection, method, path, body)
                message = "" if status == 200 else content[:200].decode("utf-8", "replace")
            except (OSError, http.client.HTTPException) as exc:
                status, message = 0, repr(exc)
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=seconds + 60)
            with lock:
                results.append((kind, time.perf_counter() - began, status, f"{path[:60]}: {message}"))
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - start


def summary(results: list, wall: float) -> dict:
    by_kind = defaultdict(list)
    for kind, latency, _, _ in results:
        by_kind[kind].append(latency)
        by_kind["all"].append(latency)

    def stats(latencies: list[float]) -> dict:
        ordered = sorted(latencies)
        return {
            "requests": len(ordered),
            "median_ms": round(statistics.median(ordered) * 1000, 1),
            "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000, 1),
        }

    errors = Counter((status, message) for _, _, status, message in results if status != 200)
    return {
        "seconds": round(wall, 2),
        "requests_per_second": round(len(results) / wall, 1),
        "kinds": {kind: stats(latencies) for kind, latencies in sorted(by_kind.items())},
        "errors": [
            {"status": status, "message": message, "count": count} for (status, message), count in errors.items()
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", type=Path, help="a build folder or graph file (default: build data/corpus/)")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (default 20)")
    parser.add_argument("--requests", type=int, default=3000, help="requests in all (default 3000)")
    parser.add_argument("--seconds", type=float, default=25, help="stop sending after this long (default 25)")
    parser.add_argument("--workers", type=int, help="kg serve --workers (default: its own)")
    parser.add_argument("--timeout", type=float, default=30, help="kg serve --timeout (default 30)")
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        metavar="NAME",
        help="leave this saved query out of the mix (repeatable): at 10 MB, funded-by's example answers "
        "325,576 rows, longer than the time limit, and its timeouts hold the workers",
    )
    parser.add_argument("--json", type=Path, help="also write the summary to this file")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        graph = args.graph or build_corpus(Path(tmp) / "out")
        process, port = start_server(graph, args.workers, args.timeout)
        try:
            mix = requests_to_send(tuple(args.skip))
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            warm = [(kind, path, send(connection, method, path, body)[0]) for kind, method, path, body in mix]
            connection.close()
            results, wall = load(port, mix, args.clients, args.requests, args.seconds)
        finally:
            process.terminate()
            process.wait(30)

    report = {
        "graph": str(args.graph or CORPUS),
        "clients": args.clients,
        "skipped": args.skip,
        "checked": warm,
        **summary(results, wall),
    }
    print(
        f"kg serve load test on {report['graph']}: {args.clients} clients, {len(results)} requests in "
        f"{report['seconds']} s = {report['requests_per_second']} requests/s"
        + (f" (without {', '.join(args.skip)})" if args.skip else "")
    )
    print(f"{'kind':<16}{'requests':>10}{'median ms':>12}{'p95 ms':>10}")
    for kind, stats in report["kinds"].items():
        print(f"{kind:<16}{stats['requests']:>10}{stats['median_ms']:>12}{stats['p95_ms']:>10}")
    failed_checks = [f"{path} -> {status}" for _, path, status in warm if status != 200]
    print(
        "Checks (each request once before the load): " + ("all 200" if not failed_checks else "; ".join(failed_checks))
    )
    print(f"Errors: {sum(error['count'] for error in report['errors'])}")
    for error in report["errors"]:
        print(f"  {error['count']} x {error['status']} {error['message']}")
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
