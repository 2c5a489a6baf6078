"""Scale benchmark of the build: time and memory at 1, 10 and 100 MB, as ratios to ``jieba.lcut``.

For each corpus size (default ``1MB 10MB``; ``100MB`` on request), in one run, each measurement in
a fresh child process:

* ``jieba.lcut`` over the text of every document — the baseline. The child streams the corpus
  with ``kg.corpus.reader.iter_corpus`` (one document at a time, the same text the pipeline sees) and
  times only the ``lcut`` calls; ``jieba.initialize()`` is timed apart.
* The whole build, ``kg.build.build([corpus], fresh_folder, ...)``: with SHACL, with
  ``shacl=False``, and with ``shacl=False, workers=2``. Start-up (imports and ``make_nlp()``) is
  timed apart and not in the build's seconds.
* An incremental build after 1% of the documents changed (rewritten as other reports), into the
  folder of the last full build with SHACL and of the last without.

Peak RSS is the child's ``ru_maxrss`` as ``os.wait4`` returns it for that child alone: the largest
resident set of the child or of a process it waited for (with two workers: the largest single
process, not their sum). The sum over the child and its descendants is sampled every 0.5 s as PSS
(``/proc/PID/smaps_rollup``), which shares the pages forked workers have in common among them.

Per size: median seconds of ``--repeat`` runs, ratio to jieba, MB/s (corpus bytes / 10^6 / s),
peak RSS. Across sizes: growth of time against growth of data (target: 10x data in at most 11x
time), speed-up with two workers, incremental against full. Printed as markdown and written to
``bench/out/scale-results.json``, where the sizes of earlier runs are kept (``--fresh`` drops
them) so that 100 MB can be run on its own and still be compared with 1 and 10 MB.

Usage::

    python bench/bench_scale.py [--sizes 1MB 10MB 100MB] [--repeat N] [--seed 0]
                                [--skip shacl|workers|incremental ...] [--fresh]
"""

from __future__ import annotations

import argparse
import datetime
import json
import logging
import math
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
RESULTS = OUT / "scale-results.json"
WORK = OUT / "scale-work"  # build folders, removed after each size
# Run as a script from any folder: the kg package is the one of this checkout or, in the children
# of a run, of the snapshot of it the run took (BENCH_KG_ROOT, see code_snapshot). The bench
# modules (generate_corpus, bench_build) are imported where used: the children run this file and
# should load only what they measure (generate_corpus alone brings the gazetteer, ~1 s, ~80 MiB).
sys.path.insert(0, os.environ.get("BENCH_KG_ROOT", str(ROOT)))

# name -> build() options; "no-shacl" is the reference of the workers speed-up.
CONFIGS = {
    "shacl": {"shacl": True, "workers": 1},
    "no-shacl": {"shacl": False, "workers": 1},
    "no-shacl, workers 2": {"shacl": False, "workers": 2},
}
SKIPPABLE = {"shacl": "shacl", "workers": "no-shacl, workers 2"}
INCREMENTAL_CONFIGS = ("shacl", "no-shacl")
EDIT_FRACTION = 0.01
SAMPLE_INTERVAL_S = 0.5
# What a build reads from the checkout (kg.graph.cache fingerprints kg/, data/ and ontology/).
SNAPSHOT_FOLDERS = ("kg", "data", "ontology", "queries")


@contextmanager
def code_snapshot(live: bool = False) -> Iterator[dict]:
    """Copy the library and its data, and make the children of this process import that copy.

    Others edit kg/ while a run lasts (hours at 100 MB); each edit changes the pipeline's
    fingerprint, so a cached document no longer counts as unchanged and the run would mix code
    versions. The copy is removed on exit.

    Args:
        live: use the working tree itself instead of a copy.

    Yields:
        The commit, whether kg/ had uncommitted changes when copied, and whether it is a copy.
    """

    def git(*args: str) -> str:
        result = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return result.stdout.strip() if result.returncode == 0 else "?"

    state = {
        "commit": git("rev-parse", "--short", "HEAD"),
        "kg_modified": bool(git("status", "--porcelain", "--", "kg")),
        "snapshot": not live,
    }
    if live:
        yield state
        return
    OUT.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="code-", dir=OUT))
    try:
        for name in SNAPSHOT_FOLDERS:
            shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
        os.environ["BENCH_KG_ROOT"] = str(folder)
        yield state
    finally:
        os.environ.pop("BENCH_KG_ROOT", None)
        shutil.rmtree(folder, ignore_errors=True)


# --- children ------------------------------------------------------------------------------------


def _child_jieba(corpus: str) -> dict:
    """``jieba.lcut`` over each document of the corpus, read one at a time."""
    import jieba

    from kg.corpus.reader import Document, iter_corpus

    jieba.setLogLevel(logging.WARNING)
    started = time.perf_counter()
    jieba.initialize()
    init = time.perf_counter() - started
    lcut = 0.0
    documents = chars = 0
    started = time.perf_counter()
    for item in iter_corpus([corpus]):
        if isinstance(item, Document):
            before = time.perf_counter()
            jieba.lcut(item.text)
            lcut += time.perf_counter() - before
            documents += 1
            chars += len(item.text)
    return {
        "init_s": init,
        "lcut_s": lcut,
        "read_and_lcut_s": time.perf_counter() - started,
        "documents": documents,
        "chars": chars,
    }


def _child_build(corpus: str, out: str, shacl: bool, workers: int) -> dict:
    """Start-up, then one build of the corpus into ``out``."""
    started = time.perf_counter()
    from kg.build import build
    from kg.extract.pipeline import make_nlp
    from kg.graph.cache import pipeline_fingerprint

    make_nlp()  # the pipeline, rule tables and gazetteer; build() reuses the cached pipeline
    ready = time.perf_counter()
    report = build([corpus], out, validate=shacl, workers=workers)
    done = time.perf_counter()
    return {
        "startup_s": ready - started,
        "build_s": done - ready,
        "documents": len(report.documents),
        "extracted": len(report.extracted),
        "reused": len(report.reused),
        "skipped": len(report.skipped),
        "triples": report.triples,
        "entities": report.entities,
        "relations": report.relations,
        "validation": report.validation["status"],
        "shacl_violations": report.validation.get("count", 0),
        "output_bytes": {p.name: p.stat().st_size for p in map(Path, report.outputs) if p.is_file()},
        # Others edit kg/ while we measure: a changed pipeline makes an incremental build a full one.
        "pipeline": pipeline_fingerprint()[:12],
    }


# --- running children ----------------------------------------------------------------------------


def _tree_pss_kib(pid: int) -> int:
    """PSS (or RSS where smaps_rollup is missing) summed over a process and its descendants."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
            rollup = Path(f"/proc/{current}/smaps_rollup")
            source, field = (rollup, "Pss:") if rollup.exists() else (Path(f"/proc/{current}/status"), "VmRSS:")
            for line in source.read_text().splitlines():
                if line.startswith(field):
                    total += int(line.split()[1])
                    break
        except (OSError, ValueError):
            continue  # the process ended while being read
    return total


class _Sampler(threading.Thread):
    """Samples the memory of a process tree until stopped; keeps the peak (KiB)."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self._stopped = threading.Event()

    def run(self) -> None:
        while not self._stopped.wait(SAMPLE_INTERVAL_S):
            self.peak = max(self.peak, _tree_pss_kib(self.pid))

    def stop(self) -> None:
        self._stopped.set()
        self.join()


@dataclass
class ChildRun:
    """A finished child process.

    Attributes:
        returncode: its exit status; negative: killed by that signal.
        stdout: what it printed.
        stderr: what it printed on stderr.
        seconds: wall time from start to exit.
        peak_rss_mib: ``ru_maxrss`` of that child from ``os.wait4``.
        peak_tree_pss_mib: the sampled peak of the PSS summed over the child and its descendants.
        load: the 1-minute load average before and after.
        timed_out: killed because it ran longer than the timeout.
    """

    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_rss_mib: float
    peak_tree_pss_mib: float
    load: list[float]
    timed_out: bool


def run_process(command: list[str], *, timeout: float | None = None, memory_bytes: int | None = None) -> ChildRun:
    """Run a command in a fresh process and measure its time and memory.

    Args:
        command: the command line.
        timeout: seconds after which the process is killed (SIGKILL); None to wait for it.
        memory_bytes: its address-space limit (``RLIMIT_AS``), so that it fails with
            ``MemoryError`` instead of exhausting a shared machine; None for no limit.

    Returns:
        The finished run.
    """
    load_before = os.getloadavg()[0]
    limit = (lambda: resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))) if memory_bytes else None
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=stdout, stderr=stderr, cwd=ROOT, preexec_fn=limit)
        sampler = _Sampler(process.pid)
        sampler.start()
        timed_out = False
        # wait4 rather than wait(): it returns the resource usage of this child alone.
        while True:
            pid, status, usage = os.wait4(process.pid, 0 if timeout is None else os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - started > timeout:
                process.kill()
                timed_out = True
                _, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.2)
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        sampler.stop()
        stdout.seek(0)
        stderr.seek(0)
        return ChildRun(
            process.returncode,
            stdout.read().decode(errors="replace"),
            stderr.read().decode(errors="replace"),
            wall,
            usage.ru_maxrss / 1024,
            sampler.peak / 1024,
            [load_before, os.getloadavg()[0]],
            timed_out,
        )


def run_child(*args: str) -> dict:
    """Run this script as ``--child ARGS…`` in a fresh process.

    Args:
        args: the child's mode (``jieba`` or ``build``) and its arguments.

    Returns:
        The child's JSON result, with ``process_s`` (wall time of the whole process),
        ``peak_rss_mib``, ``peak_tree_pss_mib`` and ``load`` (see :class:`ChildRun`).

    Raises:
        RuntimeError: the child failed (the end of its stderr is in the message).
    """
    run = run_process([sys.executable, __file__, "--child", *args])
    if run.returncode != 0:
        raise RuntimeError(f"child {' '.join(args)} failed ({run.returncode}):\n{run.stderr[-3000:]}")
    result = json.loads(run.stdout.strip().splitlines()[-1])
    result.update(
        process_s=run.seconds, peak_rss_mib=run.peak_rss_mib, peak_tree_pss_mib=run.peak_tree_pss_mib, load=run.load
    )
    return result


# --- measurements --------------------------------------------------------------------------------


def _median(runs: list[dict], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def _edits(corpus: Path, seed: int) -> dict[Path, bytes]:
    """New contents for 1% of the reports (at least one): each rewritten as another report."""
    import generate_corpus

    pools, places = generate_corpus.load_setting()
    files = sorted(corpus.glob("report-*.txt"))
    chosen = random.Random(f"{seed}:edit").sample(files, max(1, math.ceil(len(files) * EDIT_FRACTION)))
    edits = {}
    for path in sorted(chosen):
        index = int(path.stem.split("-")[1])
        writer = generate_corpus.ReportWriter(pools, places, random.Random(f"{seed}:{index}:edit"))
        edits[path] = writer.report()[1].encode("utf-8")
    return edits


def _incremental(corpus: Path, outs: dict[str, Path], repeat: int, seed: int) -> dict:
    """Incremental builds into the folders of full builds of the unchanged corpus, alternately
    with 1% of the reports changed and changed back (each a 1% change: the first run of each
    folder writes every edit); the corpus is restored at the end."""
    import generate_corpus

    edits = _edits(corpus, seed)
    originals = {path: path.read_bytes() for path in edits}
    stamp = corpus / generate_corpus.STAMP_NAME
    stamp_text = stamp.read_text(encoding="utf-8")
    stamp.unlink()  # an interrupted run leaves no stamp, so the next run regenerates the corpus
    results = {}
    try:
        for name, out in outs.items():
            runs = []
            for index in range(repeat):
                for path, data in (edits if index % 2 == 0 else originals).items():
                    path.write_bytes(data)
                runs.append(run_child("build", str(corpus), str(out), *_flags(CONFIGS[name])))
            results[name] = {"changed_documents": len(edits), "runs": runs, "median_s": _median(runs, "build_s")}
    finally:
        for path, data in originals.items():
            path.write_bytes(data)
        stamp.write_text(stamp_text, encoding="utf-8")
    return results


def _flags(options: dict) -> list[str]:
    return [f"--shacl={int(options['shacl'])}", f"--workers={options['workers']}"]


def measure(size: str, repeat: int, seed: int, skip: set[str], code: dict) -> dict:
    """Every measurement of one corpus size.

    Args:
        size: ``1MB``, ``10MB``, ``100MB`` …
        repeat: runs of each measurement (the median is reported).
        seed: corpus seed.
        skip: parts to leave out: ``shacl``, ``workers``, ``incremental``.
        code: the state of the code measured (see :func:`code_snapshot`).

    Returns:
        The results of this size (see ``scale-results.json``).
    """
    import generate_corpus
    from bench_build import machine

    corpus = OUT / f"corpus-{size.lower()}"
    started = time.perf_counter()
    stamp = generate_corpus.ensure(generate_corpus.parse_size(size), corpus, seed=seed)
    corpus_s = time.perf_counter() - started
    mb = stamp["bytes"] / 10**6
    jieba_runs = [run_child("jieba", str(corpus)) for _ in range(repeat)]
    baseline = _median(jieba_runs, "lcut_s")
    builds: dict[str, dict] = {}
    last_out: dict[str, Path] = {}
    WORK.mkdir(parents=True, exist_ok=True)
    try:
        for name, options in CONFIGS.items():
            if any(SKIPPABLE.get(part) == name for part in skip):
                continue
            runs = []
            for _ in range(repeat):
                if name in last_out:
                    shutil.rmtree(last_out.pop(name))
                last_out[name] = Path(tempfile.mkdtemp(prefix=f"{size.lower()}-", dir=WORK))
                runs.append(run_child("build", str(corpus), str(last_out[name]), *_flags(options)))
            # A build folder is kept (100 MB: several GB) only for the incremental builds.
            if name not in INCREMENTAL_CONFIGS or "incremental" in skip:
                shutil.rmtree(last_out.pop(name))
            median = _median(runs, "build_s")
            builds[name] = {
                "options": options,
                "runs": runs,
                "median_s": median,
                "ratio_vs_jieba": median / baseline,
                "mb_per_s": mb / median,
                "median_incl_startup_s": _median(runs, "process_s"),
                "peak_rss_mib": max(run["peak_rss_mib"] for run in runs),
                "peak_tree_pss_mib": max(run["peak_tree_pss_mib"] for run in runs),
            }
        incremental = {}
        if "incremental" not in skip:
            incremental = _incremental(corpus, last_out, repeat, seed)
            for name, result in incremental.items():
                result["ratio_vs_full"] = result["median_s"] / builds[name]["median_s"]
    finally:
        for out in last_out.values():
            shutil.rmtree(out, ignore_errors=True)
    return {
        "size": size,
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "code": code,
        "machine": machine(),
        "repeat": repeat,
        "corpus": {"path": str(corpus.relative_to(ROOT)), "seconds_to_generate_or_check": corpus_s, **stamp},
        "jieba": {"runs": jieba_runs, "median_s": baseline, "mb_per_s": mb / baseline},
        "builds": builds,
        "incremental": incremental,
    }


def growth(sizes: dict[str, dict]) -> list[dict]:
    """Time ratios between consecutive sizes, against their data ratio.

    Args:
        sizes: results of :func:`measure` by size.

    Returns:
        One row per step (1MB → 10MB …): ``data_ratio`` and, for jieba and each build, the time
        ratio and the time ratio per data ratio (linear is 1.0; the target is at most 1.1).
    """
    ordered = sorted(sizes.values(), key=lambda s: s["corpus"]["bytes"])
    rows = []
    for small, large in zip(ordered, ordered[1:]):
        data = large["corpus"]["bytes"] / small["corpus"]["bytes"]
        row = {
            "from": small["size"],
            "to": large["size"],
            "data_ratio": data,
            "same_run": small.get("run") == large.get("run"),
            "time_ratio": {},
            "time_per_data": {},
        }
        pairs = {"jieba": (small["jieba"]["median_s"], large["jieba"]["median_s"])}
        pairs.update(
            {
                name: (small["builds"][name]["median_s"], large["builds"][name]["median_s"])
                for name in CONFIGS
                if name in small["builds"] and name in large["builds"]
            }
        )
        for name, (before, after) in pairs.items():
            row["time_ratio"][name] = after / before
            row["time_per_data"][name] = after / before / data
        rows.append(row)
    return rows


# --- report --------------------------------------------------------------------------------------


def _mib(value: float) -> str:
    return f"{value:,.0f}"


def format_markdown(results: dict) -> str:
    """The results as markdown tables: per size, growth across sizes, workers, incremental, entities."""
    sizes = sorted(results["sizes"].values(), key=lambda s: s["corpus"]["bytes"])
    lines = [
        "| size | run | median s | x jieba | MB/s | peak RSS MiB | peak tree PSS MiB |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for size in sizes:
        corpus = size["corpus"]
        label = f"{size['size']} ({corpus['files']:,} docs, {corpus['bytes']:,} B)"
        jieba = size["jieba"]
        lines.append(
            f"| {label} | jieba.lcut (baseline) | {jieba['median_s']:.2f} | 1.00x | {jieba['mb_per_s']:.2f} | "
            f"{_mib(max(r['peak_rss_mib'] for r in jieba['runs']))} | – |"
        )
        for name, build in size["builds"].items():
            lines.append(
                f"| {label} | build {name} | {build['median_s']:.2f} | {build['ratio_vs_jieba']:.1f}x | "
                f"{build['mb_per_s']:.3f} | {_mib(build['peak_rss_mib'])} | {_mib(build['peak_tree_pss_mib'])} |"
            )
        for name, step in size["incremental"].items():
            runs = step["runs"]
            extracted = "/".join(str(r["extracted"]) for r in runs)
            lines.append(
                f"| {label} | incremental {name}, {step['changed_documents']} docs changed, "
                f"{extracted} re-extracted | "
                f"{step['median_s']:.2f} | {step['median_s'] / jieba['median_s']:.1f}x | – | "
                f"{_mib(max(r['peak_rss_mib'] for r in runs))} | {_mib(max(r['peak_tree_pss_mib'] for r in runs))} |"
            )
    if results["growth"]:
        names = ["jieba", *CONFIGS]
        lines += [
            "",
            "| step | data x | " + " | ".join(f"time x {n}" for n in names) + " | runs |",
            "|---|---:|" + "---:|" * len(names) + "---|",
        ]
        for row in results["growth"]:
            cells = [
                f"{row['time_ratio'][n]:.2f} ({row['time_per_data'][n]:.2f}/data)" if n in row["time_ratio"] else "–"
                for n in names
            ]
            lines.append(
                f"| {row['from']} → {row['to']} | {row['data_ratio']:.2f} | "
                + " | ".join(cells)
                + f" | {'same' if row['same_run'] else 'different'} |"
            )
    lines += [
        "",
        "| size | workers 2 speed-up (vs no-shacl) | incremental/full shacl | incremental/full no-shacl | "
        "triples | entities |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for size in sizes:
        builds = size["builds"]
        speedup = (
            f"{builds['no-shacl']['median_s'] / builds['no-shacl, workers 2']['median_s']:.2f}x"
            if "no-shacl, workers 2" in builds and "no-shacl" in builds
            else "–"
        )
        ratios = [
            f"{size['incremental'][n]['ratio_vs_full']:.2f}" if n in size["incremental"] else "–"
            for n in INCREMENTAL_CONFIGS
        ]
        report = builds["no-shacl"]["runs"][-1] if "no-shacl" in builds else next(iter(builds.values()))["runs"][-1]
        entities = ", ".join(f"{k} {v:,}" for k, v in report["entities"].items())
        lines.append(
            f"| {size['size']} | {speedup} | {' | '.join(ratios)} | {report['triples']:,} | "
            f"{sum(report['entities'].values()):,} ({entities}) |"
        )
    for size in sizes:
        loads = [
            value for part in ("jieba", "builds", "incremental") for run in _runs(size, part) for value in run["load"]
        ]
        pipelines = sorted({run["pipeline"] for part in ("builds", "incremental") for run in _runs(size, part)})
        lines.append(
            f"\n{size['size']}: {size['date']}, commit {size['code']['commit']}"
            f"{' + uncommitted kg/ changes' if size['code']['kg_modified'] else ''}"
            f"{' (snapshot)' if size['code'].get('snapshot') else ' (live tree)'}, median of {size['repeat']}, "
            f"load average {min(loads):.1f}–{max(loads):.1f} on {size['machine']['cores']} cores"
            + (
                f"; WARNING: kg/ changed during the run (pipelines {', '.join(pipelines)})"
                if len(pipelines) > 1
                else ""
            )
        )
    return "\n".join(lines)


def _runs(size: dict, part: str) -> list[dict]:
    if part == "jieba":
        return size["jieba"]["runs"]
    return [run for entry in size[part].values() for run in entry["runs"]]


def main(argv: list[str] | None = None) -> int:
    """Command line; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", default=["1MB", "10MB"], help="corpus sizes (default: 1MB 10MB)")
    parser.add_argument("--repeat", type=int, help="runs per measurement (default: 3 below 10 MB, else 1)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed")
    parser.add_argument(
        "--skip",
        nargs="*",
        default=[],
        choices=["shacl", "workers", "incremental"],
        help="leave out the SHACL build, the two-worker build or the incremental builds",
    )
    parser.add_argument("--fresh", action="store_true", help="forget the sizes measured by earlier runs")
    parser.add_argument("--live", action="store_true", help="measure the working tree, not a snapshot of kg/ and data/")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--shacl", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        mode, *rest = args.child
        result = _child_jieba(*rest) if mode == "jieba" else _child_build(*rest, bool(args.shacl), args.workers)
        print(json.dumps(result))
        return 0
    import generate_corpus

    try:
        sizes = {size.strip().upper(): generate_corpus.parse_size(size) for size in args.sizes}
    except ValueError as exc:
        parser.error(str(exc))
    previous = {} if args.fresh or not RESULTS.is_file() else json.loads(RESULTS.read_text(encoding="utf-8"))["sizes"]
    run = datetime.datetime.now().isoformat(timespec="seconds")
    with code_snapshot(args.live) as code:
        for size, size_bytes in sizes.items():
            repeat = args.repeat or (3 if size_bytes < 10**7 else 1)
            previous[size] = {**measure(size, repeat, args.seed, set(args.skip), code), "run": run}
    results = {"sizes": previous, "growth": growth(previous)}
    OUT.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(format_markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
