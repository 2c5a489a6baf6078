"""Benchmark the build against ``jieba.lcut`` on a synthetic corpus (see bench/README.md).

Generates the corpus with ``bench/generate_corpus.py`` (or reuses one with the same stamp), then,
in one run, times each method ``--repeat`` times and reports the median:

* ``jieba.lcut`` over the concatenated text of all documents (after ``jieba.initialize()``);
* spaCy's ``Chinese`` tokenizer alone, with the ``char`` and the ``jieba`` segmenter;
* the statistical recognizer alone: ``kg.lac_recognizer.v1`` over every document's text, the
  baseline of the build's speed target (a whole build at most 1.3x the recognizer);
* extraction alone: ``list(kg.extract.extraction.extract(make_nlp(), documents))``;
* the whole build ``kg.build.build(corpus, tmp)`` with ``workers=1`` and ``workers=2`` (and once
  with ``validate=True``), each in a fresh subprocess that reports its own start-up, build time and
  peak RSS;
* two lower bounds, on the graph that build writes: writing ``graph.trig`` and ``graph.ttl``
  from terms already made (pyoxigraph's serializer alone), and pyshacl validating the whole
  graph in one call (SHACL alone, once). No build that writes this graph, or validates it with
  pyshacl, can take less.

Start-up (imports, pipeline and gazetteer load) is reported apart from the timed runs. Results
go to ``bench/out/results-<size>.json``; ``--profile`` (automatic when the build is slower than
2x ``jieba.lcut``) also writes a cProfile of one build to ``bench/out/profile-<size>.txt``.

Usage::

    python bench/bench_build.py [--size 1MB] [--repeat 3] [--seed 0] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import io
import json
import logging
import os
import platform
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
# Run as a script from any folder: the kg package is the one of this checkout.
sys.path.insert(0, str(ROOT))

import generate_corpus  # noqa: E402  (bench/ is on sys.path when run as a script)

PROFILE_THRESHOLD = 2.0  # profile the build when it is slower than this multiple of jieba.lcut


def _time_runs(run, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return times


def _corpus(size: str, seed: int) -> tuple[Path, dict]:
    """The corpus folder for ``size``, generated unless one with the same stamp exists."""
    folder = OUT / f"corpus-{size.lower()}"
    return folder, generate_corpus.ensure(generate_corpus.parse_size(size), folder, seed=seed)


def _child_build(corpus: str, shacl: bool, profile: str | None, workers: int = 1) -> dict:
    """In a fresh process: start-up, then one build; returns the timings and peak RSS."""
    started = time.perf_counter()
    from kg.build import build
    from kg.extract.pipeline import make_nlp

    make_nlp()  # loads the gazetteer and the rule tables; build() reuses the cached pipeline
    ready = time.perf_counter()
    with tempfile.TemporaryDirectory() as out:
        profiler = cProfile.Profile() if profile else None
        if profiler:
            profiler.enable()
        report = build([corpus], out, validate=shacl, workers=workers)
        if profiler:
            profiler.disable()
            profiler.dump_stats(profile)
        done = time.perf_counter()
        sizes = {name: os.path.getsize(Path(out) / name) for name in ("graph.trig", "graph.ttl")}
    return {
        "startup_s": ready - started,
        "build_s": done - ready,
        "peak_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,  # KiB on Linux
        "documents": len(report.documents),
        "triples": report.triples,
        "entities": report.entities,
        "validation": report.validation["status"],
        "shacl_violations": report.validation.get("violations", [])[:10],
        "output_bytes": sizes,
    }


def _run_child(corpus: Path, shacl: bool, profile: Path | None = None, workers: int = 1) -> dict:
    command = [sys.executable, __file__, "--child-build", str(corpus), "--workers", str(workers)]
    if shacl:
        command.append("--shacl")
    if profile:
        command += ["--profile-to", str(profile)]
    started = time.perf_counter()
    result = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT)
    child = json.loads(result.stdout.strip().splitlines()[-1])
    child["process_s"] = time.perf_counter() - started
    return child


def _lower_bounds(corpus: Path, repeat: int, chars: int, baseline: float) -> list[dict]:
    """Time what any build of this graph must do, on the graph a build writes."""
    import pyoxigraph as ox

    from kg.build import build
    from kg.graph.namespace import PREFIXES
    from kg.graph.validate import validate_quads

    with tempfile.TemporaryDirectory() as out:
        build([corpus], out)
        quads = list(ox.parse(path=Path(out) / "graph.trig", format=ox.RdfFormat.TRIG))
    triples = list(dict.fromkeys(q.triple for q in quads))

    def write() -> None:
        ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
        ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)

    return [
        _row("lower bound: writing the graph (pyoxigraph)", _time_runs(write, repeat), chars, baseline),
        _row("lower bound: SHACL alone (pyshacl), once", _time_runs(lambda: validate_quads(quads), 1), chars, baseline),
    ]


def _row(method: str, times: list[float], chars: int, baseline: float, rss_kib: int | None = None) -> dict:
    median = statistics.median(times)
    return {
        "method": method,
        "median_s": median,
        "runs_s": times,
        "chars_per_s": chars / median,
        "ratio_vs_jieba_lcut": median / baseline,
        "peak_rss_mib": rss_kib / 1024 if rss_kib else None,
    }


def _profile_summary(pstats_path: Path, text_path: Path, top: int = 25) -> list[dict]:
    """Write the cProfile listing by cumulative and by own time; return the top entries by cumulative time."""
    buffer = io.StringIO()
    stats = pstats.Stats(str(pstats_path), stream=buffer)
    stats.sort_stats("cumulative").print_stats(top * 2)
    stats.sort_stats("tottime").print_stats(top * 2)
    text_path.write_text(buffer.getvalue(), encoding="utf-8")
    rows = []
    for (filename, line, function), (_, calls, own, cumulative, _) in stats.stats.items():
        rows.append(
            {
                "where": f"{_relative(filename)}:{line}({function})",
                "calls": calls,
                "own_s": own,
                "cumulative_s": cumulative,
            }
        )
    rows.sort(key=lambda r: r["cumulative_s"], reverse=True)
    return rows[:top]


def _relative(filename: str) -> str:
    try:
        return str(Path(filename).resolve().relative_to(ROOT))
    except ValueError:
        parts = Path(filename).parts
        # Library files: from the package folder on (site-packages/spacy/... -> spacy/...).
        return "/".join(parts[parts.index("site-packages") + 1 :]) if "site-packages" in parts else filename


def machine() -> dict:
    """The machine the benchmark runs on: cores, CPU model, Python and platform."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cores": os.cpu_count(), "cpu": model, "python": platform.python_version(), "platform": platform.platform()}


def benchmark(size: str, repeat: int, seed: int, profile: bool, optional: bool) -> dict:
    """Run every measurement once per repeat and collect the results.

    Args:
        size: corpus size (``1MB``, ``10MB``, ``100MB``).
        repeat: runs per method (the median is reported).
        seed: corpus seed.
        profile: always profile one build (otherwise only when slower than 2x jieba.lcut).
        optional: also time spaCy's tokenizers alone.

    Returns:
        The results (also written to ``bench/out/results-<size>.json``).
    """
    import jieba
    import spacy

    from kg.corpus.reader import read_corpus
    from kg.extract.extraction import extract
    from kg.extract.pipeline import make_nlp

    corpus, stamp = _corpus(size, seed)
    startup: dict[str, float] = {}
    started = time.perf_counter()
    documents = read_corpus([corpus]).documents
    startup["read_corpus_s"] = time.perf_counter() - started
    texts = [d.text for d in documents]
    text = "\n".join(texts)
    chars = len(text)

    jieba.setLogLevel(logging.WARNING)
    started = time.perf_counter()
    jieba.initialize()
    startup["jieba_initialize_s"] = time.perf_counter() - started
    jieba_times = _time_runs(lambda: jieba.lcut(text), repeat)
    baseline = statistics.median(jieba_times)
    rows = [_row("jieba.lcut (concatenated text)", jieba_times, chars, baseline)]

    if optional:
        for segmenter in ("char", "jieba"):
            started = time.perf_counter()
            nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": segmenter}}})
            startup[f"spacy_blank_{segmenter}_s"] = time.perf_counter() - started
            times = _time_runs(lambda: [nlp.make_doc(t) for t in texts], repeat)
            rows.append(_row(f"spaCy tokenizer only, {segmenter} segmenter", times, chars, baseline))

    from kg.extract.recognizers.lac import lac_recognizer

    recognizer = lac_recognizer()
    started = time.perf_counter()
    recognizer(texts[:8])  # loads the model
    startup["recognizer_load_s"] = time.perf_counter() - started
    recognizer_times = _time_runs(lambda: recognizer(texts), repeat)
    rows.append(_row("recognizer alone (LAC, kg.lac_recognizer.v1)", recognizer_times, chars, baseline))
    recognizer_s = statistics.median(recognizer_times)

    started = time.perf_counter()
    nlp = make_nlp()
    startup["make_nlp_s"] = time.perf_counter() - started
    # The first documents load lazily read data (township names): timed apart, as start-up.
    started = time.perf_counter()
    list(extract(nlp, documents[:8]))
    startup["extract_warmup_8_docs_s"] = time.perf_counter() - started
    times = _time_runs(lambda: list(extract(nlp, documents)), repeat)
    rows.append(_row("extraction alone (kg.extract.extraction, warm pipeline)", times, chars, baseline))

    builds = {}
    for workers in (1, 2):
        children = builds[workers] = [_run_child(corpus, shacl=False, workers=workers) for _ in range(repeat)]
        rss = max(c["peak_rss_kib"] for c in children)
        row = _row(
            f"build, {workers} worker(s) (excl. start-up)", [c["build_s"] for c in children], chars, baseline, rss
        )
        rows.append(row)
        if workers == 1:
            build_row = row
    children = builds[1]
    shacl_child = _run_child(corpus, shacl=True)
    rows.append(
        _row(
            "build --validate, once (excl. start-up)",
            [shacl_child["build_s"]],
            chars,
            baseline,
            shacl_child["peak_rss_kib"],
        )
    )
    startup["build_child_startup_s"] = statistics.median(c["startup_s"] for c in children)
    rows += _lower_bounds(corpus, repeat, chars, baseline)
    for row in rows:
        row["ratio_vs_recognizer"] = row["median_s"] / recognizer_s

    results = {
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "machine": machine(),
        "corpus": {"path": str(corpus.relative_to(ROOT)), **stamp, "documents": len(documents), "chars_read": chars},
        "repeat": repeat,
        "rss_source": "each build subprocess's resource.getrusage(RUSAGE_SELF).ru_maxrss at exit",
        "rss_children_max_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        "startup": startup,
        "rows": rows,
        "builds": {"workers_1": builds[1], "workers_2": builds[2], "validate": shacl_child},
    }
    if profile or build_row["ratio_vs_jieba_lcut"] > PROFILE_THRESHOLD:
        pstats_path = OUT / f"profile-{size}.pstats"
        text_path = OUT / f"profile-{size}.txt"
        _run_child(corpus, shacl=False, profile=pstats_path)
        results["profile"] = {
            "pstats": str(pstats_path.relative_to(ROOT)),
            "listing": str(text_path.relative_to(ROOT)),
            "top_cumulative": _profile_summary(pstats_path, text_path),
        }
    OUT.mkdir(parents=True, exist_ok=True)
    results_json = json.dumps(results, ensure_ascii=False, indent=2) + "\n"
    (OUT / f"results-{size}.json").write_text(results_json, encoding="utf-8")
    return results


def format_table(results: dict) -> str:
    """The results as a plain-text table, with start-up and (if any) profile hotspots below."""
    corpus = results["corpus"]
    lines = [
        f"corpus {corpus['path']}: {corpus['documents']} documents, {corpus['bytes']:,} bytes, "
        f"{corpus['chars_read']:,} chars; median of {results['repeat']}; {results['machine']['cores']} cores",
        f"{'method':<46} {'median s':>9} {'chars/s':>11} {'x jieba':>8} {'x recog.':>9} {'peak RSS':>10}",
    ]
    for row in results["rows"]:
        rss = f"{row['peak_rss_mib']:.0f} MiB" if row["peak_rss_mib"] else "-"
        lines.append(
            f"{row['method']:<46} {row['median_s']:>9.3f} {row['chars_per_s']:>11,.0f} "
            f"{row['ratio_vs_jieba_lcut']:>7.2f}x {row.get('ratio_vs_recognizer', 0):>8.2f}x {rss:>10}"
        )
    lines.append("start-up (s): " + ", ".join(f"{k[:-2]} {v:.2f}" for k, v in results["startup"].items()))
    for hotspot in results.get("profile", {}).get("top_cumulative", []):
        lines.append(
            f"  {hotspot['cumulative_s']:8.2f}s cum {hotspot['own_s']:8.2f}s own {hotspot['calls']:>9} "
            f"calls  {hotspot['where']}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="1MB", help="corpus size: 1MB, 10MB, 100MB")
    parser.add_argument("--repeat", type=int, default=3, help="runs per method; the median is reported")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed")
    parser.add_argument("--profile", action="store_true", help="profile one build even if it is fast")
    parser.add_argument("--no-optional", action="store_true", help="skip the spaCy tokenizer-only rows")
    parser.add_argument("--child-build", metavar="CORPUS", help=argparse.SUPPRESS)
    parser.add_argument("--shacl", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--profile-to", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_build:
        print(json.dumps(_child_build(args.child_build, args.shacl, args.profile_to, args.workers)))
        return 0
    try:
        generate_corpus.parse_size(args.size)
    except ValueError as exc:
        parser.error(str(exc))
    size = args.size.strip().upper()
    print(format_table(benchmark(size, args.repeat, args.seed, args.profile, not args.no_optional)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
