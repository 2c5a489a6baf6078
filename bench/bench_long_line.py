"""Benchmark one long line: a build of a single report written on one line, without 。！？.

Issue 18: every statement used to repeat its whole sentence, and a line without sentence
punctuation is one sentence, so time, disk and memory grew with the square of the line's length
(a 600 KB line took 132 s and wrote 7.2 GB). Now long sentences are cut into clauses, statements
point to a sentence node, and a report over spaCy's ``max_length`` goes through the pipeline in
windows: this benchmark checks that time, peak memory and output grow linearly.

The report is the sample article (``data/corpus/``) with its sentence punctuation made commas and
its line breaks removed, repeated to the size asked for (bytes of UTF-8, three per Chinese
character; above 3 MB the line is longer than spaCy's ``max_length``). Each build runs
in a fresh subprocess, which reports its build time, its peak RSS and the size of its outputs;
the table gives each per 100 KB, so linear growth shows as a flat column. Before the timed build
the subprocess builds a one-sentence report, so the time excludes start-up (imports, pipeline,
gazetteer: reported apart) and the memory is also given above the warmed-up process.

Usage::

    python bench/bench_long_line.py [--sizes 100000 300000 1000000 3300000] [--repeat 1]
"""

from __future__ import annotations

import argparse
import json
import os
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
SAMPLE = ROOT / "data" / "corpus" / "zhejiang_aid_2025.txt"


def long_line(size: int) -> str:
    """About ``size`` bytes (UTF-8) of report prose on one line, with no 。！？ (only commas)."""
    text = SAMPLE.read_text(encoding="utf-8")
    if text.startswith("---"):
        text = text.split("---", 2)[2]
    prose = "".join(text.split())
    for mark in "。！？!?…":
        prose = prose.replace(mark, "，")
    data = (prose * (size // len(prose.encode()) + 1)).encode()[:size]
    return data.decode("utf-8", errors="ignore")


def child(path: str, out: str) -> None:
    """Run in the subprocess: build a one-sentence report (start-up: imports, pipeline, gazetteer),
    then the long one; print the measurements as JSON."""
    sys.path.insert(0, str(ROOT))
    from kg.build import build

    started = time.perf_counter()
    warm = Path(out).parent / "warm"
    warm.mkdir(exist_ok=True)
    (warm / "warm.txt").write_text("和田地区洛浦县“红枣”帮扶计划正式启动。", encoding="utf-8")
    build([warm / "warm.txt"], warm / "out", views=False, workers=1)
    startup = time.perf_counter() - started
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kilobytes on Linux
    started = time.perf_counter()
    report = build([path], out, views=False, workers=1)
    seconds = time.perf_counter() - started
    size = sum(f.stat().st_size for f in Path(out).rglob("*") if f.is_file())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    result = {"startup": startup, "seconds": seconds, "base": base, "peak": peak, "disk": size}
    print(json.dumps({**result, "triples": report.triples}))


def measure(size: int, repeat: int) -> dict:
    runs = []
    with tempfile.TemporaryDirectory(dir=OUT) as folder:
        path = Path(folder) / "long.txt"
        line = long_line(size)
        path.write_text(line, encoding="utf-8")
        for i in range(repeat):
            out = Path(folder) / f"out{i}"
            result = subprocess.run(
                [sys.executable, __file__, "--child", str(path), str(out)],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
            )
            runs.append(json.loads(result.stdout.strip().splitlines()[-1]))
    return {
        "size": size,
        "chars": len(line),
        "startup": statistics.median(r["startup"] for r in runs),
        "seconds": statistics.median(r["seconds"] for r in runs),
        "base": statistics.median(r["base"] for r in runs),
        "peak": statistics.median(r["peak"] for r in runs),
        "disk": statistics.median(r["disk"] for r in runs),
        "triples": runs[0]["triples"],
        "runs": runs,
    }


def table(rows: list[dict]) -> str:
    """Markdown: time after start-up and memory above the warmed-up process, each also per 100 KB."""
    lines = [
        "| line | characters | build s | s / 100 KB | peak RSS MiB | above start-up | MiB / 100 KB"
        " | output MB | MB / 100 KB | triples |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        per = row["size"] / 100_000
        above = (row["peak"] - row["base"]) / 2**20
        cells = (
            f"{row['size'] / 1000:,.0f} KB",
            f"{row['chars']:,}",
            f"{row['seconds']:.1f}",
            f"{row['seconds'] / per:.2f}",
            f"{row['peak'] / 2**20:.0f}",
            f"{above:.0f}",
            f"{above / per:.1f}",
            f"{row['disk'] / 1e6:.1f}",
            f"{row['disk'] / 1e6 / per:.2f}",
            f"{row['triples']:,}",
        )
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 300_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    rows = []
    for size in args.sizes:
        rows.append(measure(size, args.repeat))
        print(table(rows[-1:]).splitlines()[-1], flush=True)
    (OUT / "long-line-results.json").write_text(json.dumps(rows, indent=2))
    print(table(rows))


if __name__ == "__main__":
    main()
