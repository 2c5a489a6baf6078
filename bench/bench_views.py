"""How much of a build the views (network.html and map.html) take (issue 17: at most 10% at 5 MB).

    python bench/bench_views.py build CORPUS OUT [--repeat 2] [--workers N]
    python bench/bench_views.py views OUT [--repeat 2] [--profile FILE]

``build``: whole builds with views (``kg.build.build(views=True, rebuild=True)``), each stage timed
from the build's progress callback; prints one JSON line per build and the medians, with the views'
share of the whole build. ``views``: the views step alone on an existing build folder, as the build
runs it (``kg.build._views``, then each page written to a temporary file), optionally under cProfile.
To compare two versions of the code in the same run, run ``views`` with ``PYTHONPATH`` set to each
checkout in turn (see bench/README.md, "Views").
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import statistics
import tempfile
import time
from pathlib import Path


def _build_once(corpus: str, out: str, workers: int | None) -> dict:
    from kg.build import build

    starts: dict[str, float] = {}

    def progress(stage: str, done: int, total: int | None) -> None:
        starts.setdefault(stage, time.perf_counter())

    started = time.perf_counter()
    report = build([corpus], out, views=True, rebuild=True, workers=workers, progress=progress)
    ended = time.perf_counter()
    names = list(starts)
    stages = {
        name: round((starts[names[i + 1]] if i + 1 < len(names) else ended) - starts[name], 2)
        for i, name in enumerate(names)
    }
    total = ended - started
    return {
        "build_s": round(total, 2),
        "stages_s": stages,
        "views_share": round(stages.get("views", 0.0) / total, 3),
        "triples": report.triples,
        "entities": report.entities,
        "load": os.getloadavg()[0],
    }


def _collected_facts(out: str):
    """The views' facts as a build hands them to the views (one JSON line per document, from the
    build cache, and one for the corpus graphs, here read from the store), in a temporary file."""
    from kg.graph.cache import CACHE_DIR, BuildCache
    from kg.graph.rdf import CLOSURE_GRAPH, ENTITY_GRAPH, GAZETTEER_GRAPH, ONTOLOGY_GRAPH
    from kg.graph.store import open_store
    from kg.graph.view_facts import FactCollector

    cache = BuildCache.open(Path(out))
    facts = tempfile.TemporaryFile(dir=Path(out) / CACHE_DIR)
    for doc_id in sorted(cache.entries):
        facts.write(cache.read(doc_id)[1]["views"] + b"\n")
    store, collector = open_store(out), FactCollector()
    for graph in (ENTITY_GRAPH, GAZETTEER_GRAPH, ONTOLOGY_GRAPH, CLOSURE_GRAPH):
        collector.add(store.quads_for_pattern(None, None, None, graph))
    facts.write(collector.done().to_json() + b"\n")
    return facts


def _views_once(out: str, profile: str | None, collected: bool) -> dict:
    import kg
    from kg.build import _views

    profiler = cProfile.Profile() if profile else None
    seconds = {}
    facts = _collected_facts(out) if collected else None
    with tempfile.TemporaryDirectory(prefix="views-bench-") as tmp:
        if profiler:
            profiler.enable()
        started = time.perf_counter()
        writers = _views(Path(out), facts) if collected else _views(Path(out))
        seconds["prepare"] = time.perf_counter() - started
        for name, write in writers.items():
            begun = time.perf_counter()
            write(str(Path(tmp) / name))
            seconds[name] = time.perf_counter() - begun
        total = time.perf_counter() - started
        if profiler:
            profiler.disable()
            profiler.dump_stats(profile)
            with open(f"{profile}.txt", "w") as listing:
                stats = pstats.Stats(profiler, stream=listing).sort_stats("cumulative")
                stats.print_stats(40)
                stats.sort_stats("tottime").print_stats(25)
    if facts is not None:
        facts.close()
    return {
        "code": str(Path(kg.__file__).parent.parent),
        "views_s": round(total, 2),
        "parts_s": {name: round(value, 2) for name, value in seconds.items()},
        "load": os.getloadavg()[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    whole = commands.add_parser("build", help="whole builds with views, stage by stage")
    whole.add_argument("corpus")
    whole.add_argument("out")
    whole.add_argument("--repeat", type=int, default=2)
    whole.add_argument("--workers", type=int, default=None)
    alone = commands.add_parser("views", help="the views step alone on a build folder")
    alone.add_argument("out")
    alone.add_argument("--repeat", type=int, default=2)
    alone.add_argument("--profile", help="write cProfile stats of the first run here (and a listing to FILE.txt)")
    alone.add_argument(
        "--collected",
        action="store_true",
        help="from the facts a build collects (its cache's views pieces and its corpus graphs), as "
        "the build runs the views; without it, from the store, as `kg viz` does",
    )
    args = parser.parse_args()
    runs = []
    for i in range(args.repeat):
        if args.command == "build":
            run = _build_once(args.corpus, args.out, args.workers)
        else:
            run = _views_once(args.out, args.profile if i == 0 else None, args.collected)
        print(json.dumps(run, ensure_ascii=False), flush=True)
        runs.append(run)
    key = "build_s" if args.command == "build" else "views_s"
    summary = {f"median_{key}": statistics.median(run[key] for run in runs)}
    if args.command == "build":
        summary["median_views_s"] = statistics.median(run["stages_s"].get("views", 0.0) for run in runs)
        summary["median_views_share"] = statistics.median(run["views_share"] for run in runs)
    print(json.dumps(summary), flush=True)


if __name__ == "__main__":
    main()
