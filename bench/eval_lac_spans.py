"""Recall and precision of the LAC (and THULAC) recognizer as exact spans against gold entities.

Reads the Chinese reports of a dev folder (``a*``, ``b*``, ``c07``, ``c08``, ``zhejiang_aid_2025``;
the English ``c01``–``c06`` are skipped) and their ``*.gold.json``; prints figures only, never
the reports' text beyond the names counted.

* Recall, per gold class: the share of gold entities for which some span of the matching label
  (Person↔PER, Place↔LOC, Organization↔ORG) equals the gold name or one of its aliases. Also
  with any label, and with any word of the recognizer (any POS: a segmentation bound).
* Precision, per label: of the spans (every occurrence, and distinct per document), the share
  whose text equals a name or alias of a gold entity of the matching class in that document.
* The most frequent PER/LOC/ORG spans that match no gold entity of their class (``*``: the text
  names a gold entity of another class).

Usage::

    python bench/eval_lac_spans.py ../shared/eval/dev [--recognizer lac|thulac] [--max-chars 256]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

from bench_lac import read_text

CLASS_OF = {"PER": "Person", "LOC": "Place", "ORG": "Organization"}
CHINESE = re.compile(r"^(a\d\d|b\d\d|c07|c08|zhejiang_aid_2025)")


def documents(folder: Path) -> list[tuple[str, str, list[dict]]]:
    """(name, text, gold entities) of the Chinese documents of ``folder``."""
    out = []
    for gold in sorted(folder.glob("*.gold.json")):
        stem = gold.name[: -len(".gold.json")]
        if not CHINESE.match(stem):
            continue
        source = next(p for p in (folder / f"{stem}.txt", folder / f"{stem}.html") if p.exists())
        out.append((stem, read_text(source), json.loads(gold.read_text(encoding="utf-8"))["entities"]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dev", type=Path)
    parser.add_argument("--recognizer", choices=["lac", "thulac"], default="lac")
    parser.add_argument("--max-chars", type=int, default=256)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()

    from kg.extract.recognizers import lac
    make = lac.lac_recognizer if args.recognizer == "lac" else lac.thulac_recognizer
    recognizer = make(max_chars=args.max_chars)
    docs = documents(args.dev)
    results = recognizer([text for _, text, _ in docs])

    found, found_any, found_word, total = Counter(), Counter(), Counter(), Counter()
    hits, spans, distinct_hits, distinct = Counter(), Counter(), Counter(), Counter()
    misses: Counter = Counter()
    other_class: set[str] = set()
    for (_, text, gold), words in zip(docs, results):
        surfaces: dict[str, set[str]] = {}  # label → span texts
        for start, end, label, _ in words:
            surfaces.setdefault(label or "word", set()).add(text[start:end])
        all_words = set().union(*surfaces.values()) if surfaces else set()
        names_of: dict[str, set[str]] = {}  # gold class → names and aliases
        for entity in gold:
            names = {entity["name"], *entity.get("aliases", [])}
            names_of.setdefault(entity["class"], set()).update(names)
            cls = entity["class"]
            total[cls] += 1
            label = next((lab for lab, c in CLASS_OF.items() if c == cls), None)
            found[cls] += bool(label and names & surfaces.get(label, set()))
            found_any[cls] += bool(names & set().union(*(surfaces.get(lab, set()) for lab in CLASS_OF)))
            found_word[cls] += bool(names & all_words)
        every_name = set().union(*names_of.values()) if names_of else set()
        seen: set[tuple[str, str]] = set()
        for start, end, label, _ in words:
            if label not in CLASS_OF:
                continue
            surface = text[start:end]
            good = surface in names_of.get(CLASS_OF[label], set())
            spans[label] += 1
            hits[label] += good
            if (label, surface) not in seen:
                seen.add((label, surface))
                distinct[label] += 1
                distinct_hits[label] += good
            if not good:
                misses[(label, surface)] += 1
                if surface in every_name:
                    other_class.add(surface)

    print(f"{args.recognizer}, chunks of {args.max_chars} chars, {len(docs)} documents")
    print(f"{'gold class':<14}{'n':>5}{'label':>8}{'any label':>11}{'any word':>10}")
    for cls in sorted(total):
        n = total[cls]
        print(f"{cls:<14}{n:>5}{found[cls] / n:>8.1%}{found_any[cls] / n:>11.1%}{found_word[cls] / n:>10.1%}")
    print(f"{'label':<8}{'spans':>7}{'precision':>11}{'distinct':>10}{'precision':>11}")
    for label in CLASS_OF:
        if spans[label]:
            print(
                f"{label:<8}{spans[label]:>7}{hits[label] / spans[label]:>11.1%}"
                f"{distinct[label]:>10}{distinct_hits[label] / distinct[label]:>11.1%}"
            )
    print(f"{args.top} most frequent spans matching no gold entity of their class (* = names another class):")
    for (label, surface), count in misses.most_common(args.top):
        print(f"  {count:>3}  {label}  {surface}{' *' if surface in other_class else ''}")


if __name__ == "__main__":
    main()
