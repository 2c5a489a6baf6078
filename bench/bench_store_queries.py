"""Saved-query latency on an Oxigraph server (`--store`), for graphs too big for the in-memory store.

At 100 MB the build has 30 million quads: `kg.query.saved.open_graph` would need ~27 GB (bench/README.md),
so the graph goes into an on-disk Oxigraph server instead (`oxigraph load` of graph.trig, and of
graph.ttl into the default graph as the set union the saved queries expect, unless ``--union``
serves with `--union-default-graph`; then `oxigraph serve-read-only`) and the saved queries run there, through
`kg.query.remote.RemoteStore`, as `kg query --store` runs them. The query texts, with their parameters
already bound, come from a plan file of `bench_queries.py` (``out/queries-plan-<size>.json``):
entity IRIs depend only on what the text says, so the IRIs bound for a smaller corpus of the
same generator and seed name the same entities in a larger one.

    python bench/bench_store_queries.py BUILD_DIR PLAN.json [--runs 1] [--timeout 120] [--union] [--keep DIR]

Prints the load times, then rows and p50 / p95 milliseconds per query, as markdown; a query over
the time limit is reported so and the server restarted (it would go on with it).
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import statistics
import subprocess
import sysconfig
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from kg.errors import StoreTimeoutError
from kg.query.remote import RemoteStore


def _binary() -> str:
    return shutil.which("oxigraph") or str(Path(sysconfig.get_path("scripts")) / "oxigraph")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _rows(result) -> int:
    return 1 if isinstance(result, ox.QueryBoolean) else sum(1 for _ in result)


def _serve(location: Path, port: int, union: bool) -> subprocess.Popen:
    flags = ["--union-default-graph"] if union else []
    command = [_binary(), "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}", *flags]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    server.stderr.readline()  # "Listening for requests at …"
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("build", type=Path)
    parser.add_argument("plan", type=Path)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=120, help="seconds per query run")
    parser.add_argument(
        "--union",
        action="store_true",
        help="serve with --union-default-graph instead of loading graph.ttl as the default graph",
    )
    parser.add_argument("--keep", type=Path, help="store folder to keep (default: a temporary one)")
    args = parser.parse_args()
    location = args.keep or Path(tempfile.mkdtemp(prefix="kg-store-"))
    files = ["graph.trig"] if args.union else ["graph.trig", "graph.ttl"]  # graph.ttl: the union, as a set
    for name in files:
        started = time.perf_counter()
        subprocess.run(
            [_binary(), "load", "--location", str(location), "--file", str(args.build / name)],
            check=True,
            capture_output=True,
        )
        print(f"load {name}: {time.perf_counter() - started:.1f} s")
    port = _free_port()
    server = _serve(location, port, args.union)
    try:
        store = RemoteStore(f"http://127.0.0.1:{port}", union_default=args.union, timeout=args.timeout)
        print("\n| query | rows | p50 ms | p95 ms |\n|---|---:|---:|---:|")
        for item in json.loads(args.plan.read_text(encoding="utf-8")):
            times, rows = [], 0
            try:
                for _ in range(args.runs):
                    started = time.perf_counter()
                    rows = _rows(store.query(item["sparql"]))
                    times.append((time.perf_counter() - started) * 1000)
            except StoreTimeoutError:
                print(f"| {item['name']} | – | over {args.timeout:g} s | – |")
                server.kill()  # it goes on with the query otherwise
                server.wait()
                server = _serve(location, port, args.union)
                continue
            p95 = sorted(times)[max(0, round(0.95 * len(times)) - 1)]
            print(f"| {item['name']} | {rows:,} | {statistics.median(times):,.0f} | {p95:,.0f} |")
    finally:
        server.terminate()
        server.wait()
        if args.keep is None:
            shutil.rmtree(location, ignore_errors=True)


if __name__ == "__main__":
    main()
