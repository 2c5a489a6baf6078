"""The persistent store of a build (issue 15): saved-query latency, `kg query` cold start, and the
store's share of a build.

    python bench/bench_store.py [BUILD_DIR] [--runs 7] [--cold 5] [--kind place=VALUE ...] [--skip NAME ...]
                                [--build-corpus CORPUS --repeat 3 --workers 1 [--update FRACTION ...]]
                                [--json FILE]

Run it from the checkout to measure (it imports the ``kg`` of the working directory: to measure
another version, run it from that version's checkout on a build made by that version).

* **warm**: each saved query on the store of BUILD_DIR (``kg.query.saved.open_graph``, read-only),
  with the example of each of its parameters (optional ones included) or, per parameter kind, the
  value given with ``--kind`` (the headers' examples are places of the bundled corpus; the
  benchmark corpora draw theirs at random). Timed: the final SPARQL text alone
  (``store.query``, rows materialised) and ``run_query`` end to end with a new name look-up per
  call, as each ``kg query`` makes one. Median and p95 of ``--runs`` runs after one cold run.
* **cold start**: ``python -m kg.cli query projects-in-place -p place=VALUE --format csv`` in a
  fresh process, from its start to the first row on stdout, for the ``place`` value given as an
  IRI and as a label; median of ``--cold`` runs, peak RSS of the child (``os.wait4``).
* **store share** (with ``--build-corpus``): full builds of CORPUS into fresh folders (no views, no
  SHACL), each timed per stage through the build's own progress callback; the median share of
  the ``store`` stage in the whole build, and its median ratio to the rest of the build.
* **store update** (with ``--update FRACTION``, repeatable): a copy of CORPUS built once, then
  builds into the same folder after that fraction of its reports (at least one, chosen with seed 0)
  took another report's text, then their own again, and so on (each build a change of that many
  documents); per change, one build that updates the store (the build's rule) and one that loads it
  whole (``kg.build.INCREMENTAL_SHARE = 0``), alternately, ``--repeat`` times each. Medians of the
  ``store`` stage and of the whole build (with ``--update``, the full builds are not timed).

Without BUILD_DIR, only the builds are timed.

Prints markdown; ``--json`` also writes the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The kg of the working directory (the checkout measured), not the installed one: Python puts this
# script's folder first on sys.path, not the working directory.
sys.path.insert(0, os.getcwd())

from kg.graph.namespace import PREFIXES  # noqa: E402
from kg.query.lookup import Lookup  # noqa: E402
from kg.query.saved import _term, _with_values, list_queries, open_graph, run_query  # noqa: E402


def _timed(run, runs: int) -> tuple[float, float, int]:
    run()  # cold
    times, rows = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        rows = run()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))], rows


def warm(build: Path, kinds: dict[str, str], runs: int, skip: frozenset[str] = frozenset()) -> list[dict]:
    """Per saved query but those in ``skip``: parameters, rows, SPARQL and run_query median / p95 ms."""
    store = open_graph(build)
    results = []
    for saved in list_queries():
        if saved.name in skip:
            continue
        params = {p.name: kinds.get(p.kind, p.example) for p in saved.parameters}
        lookup = Lookup(store)
        bindings = {p.name: _term(lookup, p, params[p.name]) for p in saved.parameters}
        text = _with_values(saved.text, bindings)
        sparql = _timed(lambda: len(list(store.query(text, prefixes=PREFIXES))), runs)
        end_to_end = _timed(lambda: len(run_query(store, saved, params, lookup=Lookup(store)).rows), runs)
        results.append(
            {
                "query": saved.name,
                "params": params,
                "rows": sparql[2],
                "sparql_ms": sparql[:2],
                "run_query_ms": end_to_end[:2],
            }
        )
    return results


# Runs the command in argv, times its first row on stdout (after the header) and reports its peak RSS.
_LAUNCH = """
import json, os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
child.stdout.readline()
child.stdout.readline()
first = time.perf_counter() - start
child.stdout.read()
_, status, usage = os.wait4(child.pid, 0)
print(json.dumps({"first_row_s": first, "rss_kib": usage.ru_maxrss, "code": os.waitstatus_to_exitcode(status)}))
"""


def cold_start(build: Path, places: list[str], runs: int) -> list[dict]:
    """Per place value: median seconds to the first row and peak RSS of ``kg query``."""
    results = []
    for place in places:
        command = [sys.executable, "-m", "kg.cli", "query", "projects-in-place", "-p", f"place={place}"]
        command += ["--graph", str(build), "--format", "csv"]
        seconds, rss = [], []
        for _ in range(runs):
            # Measured from a small launcher process: Linux counts in a child's peak RSS the pages it
            # shared with its parent between fork and exec, and this benchmark holds the store and
            # the name index by now (the child of a 360 MiB parent "peaked" at 364 MiB, alone 64).
            out = subprocess.run([sys.executable, "-c", _LAUNCH, *command], capture_output=True, text=True, check=True)
            measured = json.loads(out.stdout)
            if measured["code"]:
                raise SystemExit(f"{' '.join(command)}: exit code {measured['code']}")
            seconds.append(measured["first_row_s"])
            rss.append(measured["rss_kib"] / 1024)
        results.append({"place": place, "first_row_s": statistics.median(seconds), "peak_rss_mib": max(rss)})
    return results


def _timed_build(corpus, out: Path, workers: int) -> tuple[float, float]:
    """Seconds of one build's store stage and of the whole build (from the build's own progress
    callback)."""
    from kg.build import build

    marks: list[tuple[str, float]] = []
    start = time.perf_counter()
    build(
        [corpus],
        out,
        views=False,
        workers=workers,
        progress=lambda stage, done, total: done or marks.append((stage, time.perf_counter())),
    )
    marks.append(("end", time.perf_counter()))
    spans = {a: b_time - a_time for (a, a_time), (_, b_time) in zip(marks, marks[1:])}
    return spans["store"], marks[-1][1] - start


def store_share(corpus: str, repeat: int, workers: int) -> dict:
    """Median seconds of whole builds and of their store stage, and the median share."""
    totals, stores, shares, rests = [], [], [], []
    for _ in range(repeat):
        out = Path(tempfile.mkdtemp(prefix="bench-store-"))
        try:
            store, total = _timed_build(corpus, out, workers)
        finally:
            shutil.rmtree(out, ignore_errors=True)
        totals.append(total)
        stores.append(store)
        shares.append(store / total)
        rests.append(store / (total - store))
    return {
        "build_s": statistics.median(totals),
        "store_s": statistics.median(stores),
        "share": statistics.median(shares),
        "store_per_rest": statistics.median(rests),
        "builds_s": totals,
        "stores_s": stores,
        "runs": len(totals),
    }


def store_update(corpus: str, fractions: list[float], repeat: int, workers: int) -> list[dict]:
    """Per fraction of changed reports: median seconds of the store stage and of the build, the
    store updated and the store loaded whole."""
    import kg.build
    from kg.build import build

    work = Path(tempfile.mkdtemp(prefix="bench-update-"))
    results = []
    try:
        copy = work / "corpus"
        shutil.copytree(corpus, copy)
        out = work / "out"
        build([copy], out, views=False, workers=workers)
        reports = sorted(path for path in copy.iterdir() if path.suffix == ".txt")
        for fraction in fractions:
            chosen = random.Random(0).sample(reports, max(1, round(fraction * len(reports))))
            texts = {path: path.read_bytes() for path in chosen}
            others = (
                [texts[path] for path in chosen[1:] + chosen[:1]] if len(chosen) > 1 else [b"\n" + texts[chosen[0]]]
            )
            times: dict[str, list[tuple[float, float]]] = {"update": [], "whole": []}
            runs = 0
            for _ in range(repeat):
                for mode in times:
                    runs += 1
                    for path, text in zip(chosen, others if runs % 2 else [texts[path] for path in chosen]):
                        path.write_bytes(text)
                    share = kg.build.INCREMENTAL_SHARE
                    kg.build.INCREMENTAL_SHARE = share if mode == "update" else 0
                    try:
                        times[mode].append(_timed_build(copy, out, workers))
                    finally:
                        kg.build.INCREMENTAL_SHARE = share
            for path, text in texts.items():
                path.write_bytes(text)
            results.append(
                {
                    "fraction": fraction,
                    "documents": len(chosen),
                    **{
                        f"{mode}_{what}_s": statistics.median(t[i] for t in pairs)
                        for mode, pairs in times.items()
                        for i, what in enumerate(("store", "build"))
                    },
                    "runs": times,
                }
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("build", type=Path, nargs="?", help="a build folder with a store (OUT)")
    parser.add_argument("--runs", type=int, default=7, help="warm runs per query (default 7)")
    parser.add_argument("--cold", type=int, default=5, help="kg query processes per place value (default 5)")
    parser.add_argument(
        "--kind", action="append", default=[], metavar="KIND=VALUE", help="value for every parameter of a kind"
    )
    parser.add_argument(
        "--cold-place", action="append", default=[], metavar="VALUE", help="place values for the cold start"
    )
    parser.add_argument("--build-corpus", dest="corpus", help="also time full builds of this corpus (store share)")
    parser.add_argument("--repeat", type=int, default=3, help="builds for the store share (default 3)")
    parser.add_argument("--workers", type=int, default=1, help="workers of those builds (default 1)")
    parser.add_argument(
        "--update", type=float, action="append", default=[], metavar="FRACTION", help="time store updates (0.01: 1%%)"
    )
    parser.add_argument(
        "--skip", action="append", default=[], metavar="NAME", help="leave this saved query out (repeatable)"
    )
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args(argv)
    kinds = dict(item.split("=", 1) for item in args.kind)
    figures = {"build": str(args.build)}
    if args.build:
        _queries(args, kinds, figures)
    if args.corpus and not args.update:
        figures["store_share"] = share = store_share(args.corpus, args.repeat, args.workers)
        store = f"store {share['store_s']:.1f} s: {share['share']:.0%}, {share['store_per_rest']:.0%} of the rest"
        print(f"\nbuild {share['build_s']:.1f} s, {store} (medians of {share['runs']})")
    if args.corpus and args.update:
        figures["store_update"] = store_update(args.corpus, args.update, args.repeat, args.workers)
        print("\n| changed | store updated s | loaded whole s | build, updated s | build, whole s |")
        print("|---|---:|---:|---:|---:|")
        for row in figures["store_update"]:
            stores = f"{row['update_store_s']:.2f} | {row['whole_store_s']:.2f}"
            builds = f"{row['update_build_s']:.1f} | {row['whole_build_s']:.1f}"
            print(f"| {row['fraction']:.0%} ({row['documents']}) | {stores} | {builds} |")
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


def _queries(args, kinds: dict[str, str], figures: dict) -> None:
    figures["warm"] = warm(args.build, kinds, args.runs, frozenset(args.skip))
    print("| query | parameters | rows | SPARQL p50 / p95 ms | run_query p50 / p95 ms |\n|---|---|---:|---:|---:|")
    for row in figures["warm"]:
        params = ", ".join(f"{k}={v}" for k, v in row["params"].items()) or "–"
        sparql, end = row["sparql_ms"], row["run_query_ms"]
        timings = f"{sparql[0]:.1f} / {sparql[1]:.1f} | {end[0]:.1f} / {end[1]:.1f}"
        print(f"| {row['query']} | {params} | {row['rows']:,} | {timings} |")
    places = args.cold_place or [kinds.get("place", "新和县")]
    figures["cold"] = cold_start(args.build, places, args.cold)
    print("\n| `kg query projects-in-place -p place=…` | first row s (median) | peak RSS MiB |\n|---|---:|---:|")
    for row in figures["cold"]:
        print(f"| {row['place']} | {row['first_row_s']:.2f} | {row['peak_rss_mib']:.0f} |")


if __name__ == "__main__":
    raise SystemExit(main())
