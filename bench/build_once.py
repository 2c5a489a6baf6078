"""One whole build in this process, with the `jieba.lcut` baseline over the same text first.

For sizes where `bench_scale.py`'s full matrix (SHACL, no SHACL, two workers, incremental, each in
a fresh child) takes hours: 100 MB is about 20 minutes per build here. Prints one JSON line:
seconds, the ratio to jieba, the peak RSS of this process and of its largest worker.

    python bench/build_once.py CORPUS OUT [--workers N] [--shacl]
"""

from __future__ import annotations

import argparse
import json
import resource
import time

import jieba

from kg.build import _nlp, build
from kg.corpus.reader import Document, iter_corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus")
    parser.add_argument("out", help="a new folder (an existing build would be reused incrementally)")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--shacl", action="store_true")
    args = parser.parse_args()
    _nlp()
    jieba.initialize()
    lcut_seconds, chars = 0.0, 0
    for item in iter_corpus([args.corpus]):
        if isinstance(item, Document):
            started = time.perf_counter()
            jieba.lcut(item.text)
            lcut_seconds += time.perf_counter() - started
            chars += len(item.text)
    started = time.perf_counter()
    report = build([args.corpus], args.out, validate=args.shacl, workers=args.workers)
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "corpus": args.corpus,
                "workers": args.workers,
                "shacl": args.shacl,
                "chars": chars,
                "jieba_s": round(lcut_seconds, 2),
                "build_s": round(seconds, 2),
                "x_jieba": round(seconds / lcut_seconds, 1),
                "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
                "peak_worker_rss_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024,
                "documents": len(report.documents),
                "extracted": len(report.extracted),
                "triples": report.triples,
                "entities": report.entities,
                "validation": report.validation["status"],
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
