"""Query latency of every saved query: the embedded store (pyoxigraph) against rdflib's memory store.

The graph is a build of the benchmark corpus of ``--size`` (built, or brought up to date, into
``bench/out/build-<size>`` with ``shacl=False``), or any build folder given with ``--graph``.

Each saved query (``kg.query.saved.list_queries()``) runs with the example of each of its parameters,
optional ones included, as the header gives them. An example the graph does not have (the
headers' examples are places of the bundled corpus; the benchmark corpus draws its places at
random) is replaced by a stand-in of the same role: for a place or entity, the node of the
example's gazetteer level with the most places within it; for a funder, the node of that level
that funded most; for an object, an object of the subject and predicate (also when the subject
was replaced). The table marks stand-ins with ``*``.

In a child process each (so that the memory of one store is not counted in the other), under an
address-space limit (``--memory``), each reporting its progress as JSON lines so that a child that
runs out of memory or time is reported with the point where it stopped:

* **oxigraph**: ``kg.query.saved.open_graph(out)`` (the in-memory store every ``kg query`` uses), then
  per query ``run_query(store, query, params)`` end to end (syntax check, name lookup,
  ``VALUES``, conversion of the rows) and the final SPARQL text alone, ``store.query(text)``,
  rows materialised. The final text — the saved query with the resolved parameters as a
  ``VALUES`` block (``kg.query.saved._with_values``) — is written to
  ``bench/out/queries-plan-<label>.json``.
* **rdflib**: ``Dataset(default_union=True).parse(graph.trig)`` (its default graph is then the
  union of the named graphs, as in ``open_graph``), then the identical final texts with
  ``dataset.query(text)``, rows materialised; the whole child under ``--rdflib-timeout``, each
  query run under ``--query-timeout``. It is not started for a corpus larger than
  ``--max-rdflib-size``.

A store that is not loaded (skipped, out of memory, out of time) is reported with the figures of
the largest graph it loaded in an earlier run and their projection, linear in the bytes of
graph.trig.

Each query is run once cold, then up to ``--runs`` times while the total stays within
``--budget`` seconds; p50 and p95 (nearest rank) are over the warm runs. Row counts of the two
stores are compared. Results are printed as markdown and merged into
``bench/out/queries-results.json`` by graph label.

Usage::

    python bench/bench_queries.py [--size 1MB | --graph OUT] [--runs 20] [--budget 60]
                                  [--max-rdflib-size 10MB] [--memory 12GB]
                                  [--rdflib-timeout 3600] [--query-timeout 120] [--seed 0]
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import resource
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
RESULTS = OUT / "queries-results.json"
# Run as a script from any folder: the kg package is the one of this checkout or, in the children
# of a run, of the snapshot the run took (bench_scale.code_snapshot). The bench modules are
# imported where used, so that the children load only the store they measure.
sys.path.insert(0, os.environ.get("BENCH_KG_ROOT", str(ROOT)))

AID = "https://w3id.org/aid-kg/ontology#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
# The triple pattern that makes a node a busy stand-in for a parameter of each kind.
ROLES = {"place": "?y <{aid}within> ?x", "entity": "?y <{aid}within> ?x", "funder": "?y <{aid}fundedBy> ?x"}


# --- timing --------------------------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile: the smallest value with at least ``fraction`` of the values
    at or below it.

    Args:
        values: the sample (not empty).
        fraction: 0.5 for the median, 0.95 for p95.

    Returns:
        That value.
    """
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def timed(run: Callable[[], int], runs: int, budget: float) -> dict:
    """Run once cold, then up to ``runs`` times while the total stays within ``budget`` seconds.

    Args:
        run: the measured call; returns the number of rows.
        runs: warm runs wanted.
        budget: seconds for all runs of this call.

    Returns:
        ``cold_s``, ``warm_s`` (the warm runs), ``p50_s``/``p95_s`` over them (the cold run when
        there is none) and ``rows``.
    """
    started = time.perf_counter()
    rows = run()
    cold = time.perf_counter() - started
    warm: list[float] = []
    while len(warm) < runs and cold + sum(warm) < budget:
        before = time.perf_counter()
        run()
        warm.append(time.perf_counter() - before)
    sample = warm or [cold]
    return {
        "cold_s": cold,
        "warm_s": warm,
        "p50_s": percentile(sample, 0.5),
        "p95_s": percentile(sample, 0.95),
        "rows": rows,
    }


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- oxigraph child ------------------------------------------------------------------------------


def _stand_in(store, parameter, example: str, resolved: dict) -> str | None:
    """An IRI of the graph in the role of an example it does not have (see the module docstring)."""
    if parameter.kind == "object":
        subject = next(
            (term for name, term in resolved.items() if name != parameter.name and name != "predicate"), None
        )
        predicate = resolved.get("predicate")
        if subject is None or predicate is None:
            return None
        query = f"SELECT ?x WHERE {{ {subject} {predicate} ?x FILTER isIRI(?x) }} ORDER BY STR(?x) LIMIT 1"
        rows = list(store.query(query))
        return rows[0]["x"].value if rows else None
    if parameter.kind not in ROLES:
        return None
    from kg.reference.gazetteer import Gazetteer

    division = Gazetteer.load().resolve(example)
    # Of the example's level if the graph has such a node in that role, else of any level.
    for level in ([division.level] if division is not None else []) + [None]:
        pattern = f'?x <{AID}level> "{level}" .' if level else ""
        query = (
            f"SELECT ?x (COUNT(?y) AS ?n) WHERE {{ {ROLES[parameter.kind].format(aid=AID)} . {pattern} }} "
            f"GROUP BY ?x ORDER BY DESC(?n) STR(?x) LIMIT 1"
        )
        rows = list(store.query(query))
        if rows:
            return rows[0]["x"].value
    return None


def _parameters(store, lookup, query) -> tuple[dict[str, str], dict[str, str], dict]:
    """The parameter values to run a saved query with: its examples, or stand-ins.

    Returns:
        (values as typed, the examples that were replaced, the resolved RDF terms).
    """
    from kg.errors import ParameterError
    from kg.query.saved import _term

    values, replaced, resolved = {}, {}, {}
    for parameter in query.parameters:
        value = parameter.example
        try:
            if parameter.kind == "object" and replaced:
                raise LookupError("its subject was replaced")
            term = _term(lookup, parameter, value)
        except (ParameterError, LookupError):
            value = _stand_in(store, parameter, parameter.example, resolved)
            if value is None:
                continue  # left out: the query then reports a missing parameter, or runs without it
            replaced[parameter.name] = parameter.example
            term = _term(lookup, parameter, value)
        values[parameter.name] = value
        resolved[parameter.name] = term
    return values, replaced, resolved


def _label(store, value: str) -> str:
    if not value.startswith("http"):
        return value
    rows = list(store.query(f'SELECT ?l WHERE {{ <{value}> <{RDFS_LABEL}> ?l FILTER (lang(?l) = "zh") }} LIMIT 1'))
    return rows[0]["l"].value if rows else value


def _count_oxigraph(result) -> int:
    import pyoxigraph as ox

    if isinstance(result, ox.QueryBoolean):
        return 1
    if isinstance(result, ox.QueryTriples):
        return len(set(result))  # a CONSTRUCT's graph is a set (rdflib's is too)
    return sum(1 for _ in result)


def _child_oxigraph(out: str, plan_path: str, runs: int, budget: float) -> None:
    """Load the graph as ``kg query`` does, time every saved query, and write the plan for rdflib;
    reports as events."""
    from kg.errors import KgError
    from kg.graph.namespace import PREFIXES
    from kg.query.lookup import Lookup
    from kg.query.saved import _with_values, list_queries, open_graph, run_query

    _event(event="start")
    started = time.perf_counter()
    store = open_graph(out)
    _event(event="loaded", load_s=time.perf_counter() - started, rss_after_load_mib=_rss_mib(), quads=len(store))
    lookup = Lookup(store)
    plan = []
    for query in list_queries():
        values, replaced, resolved = _parameters(store, lookup, query)
        entry = {"name": query.name, "params": {k: _label(store, v) for k, v in values.items()}, "replaced": replaced}
        try:
            text = _with_values(query.text, resolved)
            entry["run_query"] = timed(lambda: len(run_query(store, query, values).rows), runs, budget)
            entry["sparql"] = timed(lambda: _count_oxigraph(store.query(text, prefixes=PREFIXES)), runs, budget)
        except KgError as exc:
            entry["error"] = f"{type(exc).__name__}: {exc}"
        else:
            plan.append({"name": query.name, "sparql": text})
        _event(event="query", **entry)
    Path(plan_path).write_text(json.dumps(plan, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    _event(event="done", peak_rss_mib=_rss_mib())


# --- rdflib child --------------------------------------------------------------------------------


def _event(**fields) -> None:
    # One JSON line per step, flushed: if the child dies, the parent knows how far it got.
    print(json.dumps(fields, ensure_ascii=False), flush=True)


def _on_alarm(signum, frame):
    raise TimeoutError


def _child_rdflib(out: str, plan_path: str, runs: int, budget: float, query_timeout: float) -> None:
    """Load graph.trig into rdflib's memory store and time the plan's queries; reports as events."""
    from rdflib import Dataset

    plan = json.loads(Path(plan_path).read_text(encoding="utf-8"))
    _event(event="start")
    started = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(str(Path(out) / "graph.trig"), format="trig")
    _event(event="loaded", load_s=time.perf_counter() - started, rss_after_load_mib=_rss_mib())
    signal.signal(signal.SIGALRM, _on_alarm)

    def count(text: str) -> int:
        signal.setitimer(signal.ITIMER_REAL, query_timeout)
        try:
            result = dataset.query(text)
            if result.type == "ASK":
                return 1
            if result.type in ("CONSTRUCT", "DESCRIBE"):
                return len(result.graph)
            return sum(1 for _ in result)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)

    for entry in plan:
        try:
            _event(event="query", name=entry["name"], **timed(lambda: count(entry["sparql"]), runs, budget))
        except TimeoutError:
            _event(event="query", name=entry["name"], error=f"timeout: a run took over {query_timeout:g} s")
        except MemoryError:
            _event(event="query", name=entry["name"], error="MemoryError")
        except Exception as exc:  # noqa: BLE001  (any failure of rdflib is a result to report)
            _event(event="query", name=entry["name"], error=f"{type(exc).__name__}: {exc}"[:300])
    _event(event="done", peak_rss_mib=_rss_mib())


# --- parent --------------------------------------------------------------------------------------


def child_result(run) -> dict:
    """A store child's events as a result: load figures, queries by name, and, if it did not
    finish, where it stopped and why.

    Args:
        run: the finished child (:class:`bench_scale.ChildRun`).

    Returns:
        ``status`` ("done" or "stopped"), ``queries``, ``load_s``/``rss_after_load_mib`` once
        loaded, the child's peaks and wall time; ``stage``/``reason`` when stopped.
    """
    events = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    by_kind = {e["event"]: e for e in events}
    loaded = {k: v for k, v in by_kind.get("loaded", {}).items() if k != "event"}
    result = {
        "status": "done" if "done" in by_kind else "stopped",
        **loaded,
        "queries": {e["name"]: e for e in events if e["event"] == "query"},
        "process_s": run.seconds,
        "peak_rss_mib": run.peak_rss_mib,
        "peak_tree_pss_mib": run.peak_tree_pss_mib,
    }
    if result["status"] == "stopped":
        if run.timed_out:
            reason = "timeout"
        elif "MemoryError" in run.stderr or "memory allocation" in run.stderr:
            reason = "out of memory (--memory)"
        else:
            reason = f"killed by signal {-run.returncode}" if run.returncode < 0 else f"exit {run.returncode}"
        result.update(stage="queries" if loaded else "load", reason=reason, stderr=run.stderr[-1500:])
    return result


def _projection(previous: dict, label: str, engine: str, graph_bytes: int) -> dict | None:
    """The figures of the largest other graph the engine loaded, and their projection to this
    graph's size (linear in the bytes of graph.trig)."""
    loaded = [
        (entry["graph_bytes"], name, entry[engine])
        for name, entry in previous.items()
        if name != label and "load_s" in entry.get(engine, {})
    ]
    if not loaded:
        return None
    size, name, result = max(loaded, key=lambda item: item[0])
    scale = graph_bytes / size
    return {
        "largest_loaded": {
            "label": name,
            "graph_bytes": size,
            "load_s": result["load_s"],
            "rss_after_load_mib": result["rss_after_load_mib"],
        },
        "projected": {"load_s": result["load_s"] * scale, "rss_after_load_mib": result["rss_after_load_mib"] * scale},
    }


def measure(label: str, out: Path, corpus_bytes: int | None, args, previous: dict) -> dict:
    """Time every saved query on both stores for one graph (see the module docstring).

    Args:
        label: the graph's name in the results (``1MB`` or ``graph:PATH``).
        out: the build folder.
        corpus_bytes: the size of its corpus, for the ``--max-rdflib-size`` guard; None: unknown.
        args: the command line.
        previous: the results of earlier runs, by label.

    Returns:
        The results of this graph; a store that could not be loaded or stopped is reported as
        such (``status``), with the projection of the largest graph it loaded before.
    """
    from bench_build import machine
    from bench_scale import run_process

    graph_bytes = (out / "graph.trig").stat().st_size
    plan = OUT / f"queries-plan-{label.replace('/', '_').replace(':', '_')}.json"
    plan.unlink(missing_ok=True)
    common = [str(out), str(plan), str(args.runs), str(args.budget)]
    oxigraph = child_result(
        run_process([sys.executable, __file__, "--child", "oxigraph", *common], memory_bytes=args.memory)
    )
    if corpus_bytes is not None and corpus_bytes > args.max_rdflib_size:
        rdflib = {"status": "skipped", "reason": f"corpus of {corpus_bytes:,} B > --max-rdflib-size"}
    elif not plan.is_file():
        rdflib = {"status": "skipped", "reason": "the oxigraph child did not finish, so there are no queries to run"}
    else:
        command = [sys.executable, __file__, "--child", "rdflib", *common, str(args.query_timeout)]
        rdflib = child_result(run_process(command, timeout=args.rdflib_timeout, memory_bytes=args.memory))
    for engine, result in (("oxigraph", oxigraph), ("rdflib", rdflib)):
        if "load_s" not in result:
            result.update(_projection(previous, label, engine, graph_bytes) or {})
    return {
        "label": label,
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "machine": machine(),
        "graph": str(out),
        "graph_bytes": graph_bytes,
        "corpus_bytes": corpus_bytes,
        "runs": args.runs,
        "budget_s": args.budget,
        "oxigraph": oxigraph,
        "rdflib": rdflib,
    }


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f}" if seconds < 10 else f"{seconds * 1000:,.0f}"


def _store_line(name: str, result: dict) -> str:
    """One line on how a store loaded (or why not)."""
    if "load_s" in result and "largest_loaded" not in result:
        line = (
            f"* {name}: load {result['load_s']:.1f} s, RSS after load {result['rss_after_load_mib']:,.0f} MiB, "
            f"peak RSS {result['peak_rss_mib']:,.0f} MiB"
        )
        return line + ("" if result["status"] == "done" else f"; stopped during queries: {result['reason']}")
    if result["status"] == "skipped":
        line = f"* {name}: not loaded, {result['reason']}"
    else:
        line = (
            f"* {name}: stopped during load after {result['process_s']:,.0f} s ({result['reason']}), "
            f"peak RSS {result['peak_rss_mib']:,.0f} MiB"
        )
    if "largest_loaded" in result:
        largest, projected = result["largest_loaded"], result["projected"]
        line += (
            f"; largest graph loaded: {largest['label']} in {largest['load_s']:,.1f} s, RSS "
            f"{largest['rss_after_load_mib']:,.0f} MiB; projected here (linear in graph.trig bytes): "
            f"{projected['load_s']:,.0f} s, {projected['rss_after_load_mib'] / 1024:,.1f} GiB"
        )
    return line


def _rdflib_cells(theirs: dict | None, ours: dict) -> list[str]:
    if theirs is None:
        return ["–", "–", "–"]
    if "error" in theirs:
        return [theirs["error"], "–", "–"]
    rows = f"{theirs['rows']:,}" + ("" if theirs["rows"] == ours["rows"] else " (differs)")
    return [f"{_ms(theirs['p50_s'])} / {_ms(theirs['p95_s'])}", rows, f"{theirs['p50_s'] / ours['p50_s']:,.0f}x"]


def format_markdown(result: dict) -> str:
    """One graph's results as markdown: how each store loaded, then a row per saved query."""
    ox, rd = result["oxigraph"], result["rdflib"]
    quads = f", {ox['quads']:,} quads in the store" if "quads" in ox else ""
    lines = [
        f"Graph {result['label']} (graph.trig {result['graph_bytes'] / 10**6:,.1f} MB{quads}); {result['date']}; "
        f"warm runs per query ≤ {result['runs']}, budget {result['budget_s']:g} s per query and store.",
        "",
        _store_line("oxigraph (`kg.query.saved.open_graph`)", ox),
        _store_line("rdflib (`Dataset(default_union=True).parse`)", rd),
        "",
        "| query | parameters (* stand-in) | rows | oxigraph run_query p50 / p95 ms | oxigraph SPARQL p50 / p95 ms "
        "| rdflib p50 / p95 ms | rdflib rows | rdflib / oxigraph (p50) |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for entry in ox["queries"].values():
        params = ", ".join(f"{k}={v}{'*' if k in entry['replaced'] else ''}" for k, v in entry["params"].items())
        if "error" in entry:
            lines.append(f"| {entry['name']} | {params or '–'} | {entry['error']} | | | | | |")
            continue
        e2e, sparql = entry["run_query"], entry["sparql"]
        cells = [
            entry["name"],
            params or "–",
            f"{sparql['rows']:,}",
            f"{_ms(e2e['p50_s'])} / {_ms(e2e['p95_s'])}",
            f"{_ms(sparql['p50_s'])} / {_ms(sparql['p95_s'])}",
            *_rdflib_cells(rd.get("queries", {}).get(entry["name"]), sparql),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _build(size: str, seed: int) -> tuple[Path, int]:
    """The benchmark corpus of ``size`` built (or brought up to date) into bench/out/build-<size>."""
    import generate_corpus
    from bench_scale import run_child

    corpus = OUT / f"corpus-{size.lower()}"
    stamp = generate_corpus.ensure(generate_corpus.parse_size(size), corpus, seed=seed)
    out = OUT / f"build-{size.lower()}"
    run_child("build", str(corpus), str(out), "--shacl=0", "--workers=1")
    return out, stamp["bytes"]


def main(argv: list[str] | None = None) -> int:
    """Command line; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--size", default="1MB", help="build the benchmark corpus of this size (default 1MB)")
    where.add_argument("--graph", type=Path, help="an existing build folder instead")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed")
    parser.add_argument("--runs", type=int, default=20, help="warm runs per query and store (default 20)")
    parser.add_argument("--budget", type=float, default=60, help="seconds per query and store (default 60)")
    parser.add_argument(
        "--max-rdflib-size", default="10MB", help="do not load rdflib for a larger corpus (default 10MB)"
    )
    parser.add_argument("--memory", default="12GB", help="address-space limit of each store's child (default 12GB)")
    parser.add_argument("--rdflib-timeout", type=float, default=3600, help="seconds for the whole rdflib child")
    parser.add_argument("--query-timeout", type=float, default=120, help="seconds for one rdflib query run")
    parser.add_argument("--live", action="store_true", help="measure the working tree, not a snapshot of kg/ and data/")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        mode, out, plan, runs, budget, *rest = args.child
        if mode == "oxigraph":
            print(json.dumps(_child_oxigraph(out, plan, int(runs), float(budget)), ensure_ascii=False))
        else:
            _child_rdflib(out, plan, int(runs), float(budget), float(rest[0]))
        return 0
    import generate_corpus
    from bench_scale import code_snapshot

    try:
        args.max_rdflib_size = generate_corpus.parse_size(args.max_rdflib_size)
        args.memory = generate_corpus.parse_size(args.memory)
        generate_corpus.parse_size(args.size)
    except ValueError as exc:
        parser.error(str(exc))
    if args.graph:
        if not (args.graph / "graph.trig").is_file():
            parser.error(f"{args.graph}: no graph.trig (give a build folder)")
        label, out, corpus_bytes = f"graph:{args.graph}", args.graph, None
    else:
        label, out, corpus_bytes = args.size.strip().upper(), None, None
    previous = json.loads(RESULTS.read_text(encoding="utf-8"))["graphs"] if RESULTS.is_file() else {}
    with code_snapshot(args.live) as code:
        if out is None:
            out, corpus_bytes = _build(label, args.seed)
        previous[label] = {**measure(label, out, corpus_bytes, args, previous), "code": code}
    OUT.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"graphs": previous}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(format_markdown(previous[label]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
