"""Generate a synthetic corpus of Chinese counterpart-assistance reports, for benchmarks only.

Each report is filled from the templates and word pools of ``bench/corpus_pools.json``: an aid
giver (a province, one of its cities and that city's counties) funds projects in the prefecture
and counties of a target region, all drawn from :class:`kg.reference.gazetteer.Gazetteer`, with townships
and villages taken from the gazetteer's township table (or invented: 某县某镇某村), institutions
of both sides, city and county bodies as funders, quoted and unquoted programs, events, 《》 works,
people (Han names after role words, ·-names, Tibetan names), dates and figures (万元, 人次, %).
Documents carry the layout of the genre: multi-line headlines, bylines, datelines, photo
captions, sub-headings and sentences broken across blank lines. Metadata goes to a
``manifest.csv``.

Names combine places with word pools, so the number of distinct names keeps growing with the
corpus (see :data:`VARIETY` and the ``variety`` of the stamp) instead of stopping at the size of a
pool.

The output depends only on the seed and the gazetteer: document ``i`` is drawn from its own
``random.Random(f"{seed}:{i}")``, so a smaller corpus is a prefix of a larger one. Files are
written one at a time, and the manifest row by row.

Placeholders in templates: ``{giver}`` ``{giver_full}`` ``{gcity}`` ``{gcity_s}`` ``{gcounty}``
``{target}`` ``{target_full}`` ``{aid}`` ``{command}`` ``{department}`` ``{pref}`` ``{pref_s}``
``{county}`` ``{county_s}`` ``{town}`` ``{village}`` ``{school}`` ``{hospital}`` ``{venue}``
``{park}`` ``{org}`` (any of the four) ``{company}`` ``{agency}`` ``{partner_school}``
``{partner_hospital}`` ``{program}`` ``{event}`` ``{work}`` ``{person}`` ``{local_person}``
``{han_name}`` ``{publisher}``, pool words (``{field}`` ``{industry}`` ``{slogan}`` ``{facility}`` …)
and figures (``{money}`` ``{money_small}`` ``{persons}`` ``{pct}`` ``{area}`` ``{households}``
``{tons}`` ``{days}`` ``{beds}`` ``{distance}`` ``{n_small}`` ``{n_mid}`` ``{years}`` ``{ordinal}``
``{year}`` ``{month}`` ``{day}`` ``{date}`` ``{since}``).

Usage::

    python bench/generate_corpus.py --size 1MB --out bench/out/corpus-1mb [--seed 0]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import sys
from functools import cache
from pathlib import Path

import cn2an

# Run as a script from any folder: the kg package is the one of this checkout.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from kg.reference.gazetteer import Division, Gazetteer  # noqa: E402

POOLS_PATH = Path(__file__).with_name("corpus_pools.json")
# Bump when the templates or the drawing change, so the benchmarks regenerate a cached corpus.
GENERATOR_VERSION = 2
STAMP_NAME = ".corpus.json"  # a dot file: kg.corpus.reader does not read it
MIN_BYTES = 2 * 1024
MAX_BYTES = 6 * 1024
# A paragraph is at most ~900 bytes: stopping at this target keeps most documents under MAX_BYTES
# without cutting the last paragraph; the rest stop one paragraph short.
TARGET_BYTES = (MIN_BYTES, MAX_BYTES - 900)
# Corpus sizes at which the stamp records how many distinct names were written so far.
CHECKPOINTS = (10**5, 10**6, 10**7, 10**8, 10**9)
# Placeholder -> the kind of named thing it writes, for the variety counts of the stamp.
VARIETY = {
    **dict.fromkeys(("giver", "gcity", "gcounty", "target", "pref", "county", "town", "village"), "places"),
    **dict.fromkeys(
        (
            "command",
            "school",
            "hospital",
            "venue",
            "park",
            "org",
            "company",
            "agency",
            "partner_school",
            "partner_hospital",
        ),
        "organizations",
    ),
    "program": "programs",
    "event": "events",
    "work": "works",
    "person": "people",
    "local_person": "people",
}
_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(KB|MB|GB)?\s*", re.I)
_UNITS = {"KB": 10**3, "MB": 10**6, "GB": 10**9}
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def parse_size(text: str) -> int:
    """Parse a corpus size such as ``1MB``, ``10MB``, ``500KB`` (decimal units).

    Args:
        text: a number with an optional unit KB, MB or GB (bytes without a unit).

    Returns:
        The size in bytes.

    Raises:
        ValueError: the text is not a size.
    """
    match = _SIZE.fullmatch(text)
    if not match:
        raise ValueError(f"not a size: {text!r} (expected e.g. 1MB, 10MB, 100MB)")
    return int(float(match.group(1)) * _UNITS.get((match.group(2) or "").upper(), 1))


class Places:
    """The gazetteer units reports are set in: aid givers (province, cities, their counties) and
    target prefectures with their counties, townships and villages.

    Attributes:
        givers: (province, [(city, its counties)]).
        targets: (row of ``targets`` in the pools, province, [(prefecture, its counties)]).
    """

    def __init__(self, gazetteer: Gazetteer, givers: list, targets: list, township_rules: dict):
        self.gazetteer = gazetteer
        self.givers = givers
        self.targets = targets
        self._rules = township_rules
        self._townships: dict[str, list[tuple[str, list[str]]]] = {}

    @classmethod
    def load(cls, pools: dict) -> "Places":
        """Collect givers' cities and counties, and targets' prefectures and counties, from the gazetteer.

        Args:
            pools: the parsed ``corpus_pools.json``.

        Returns:
            The places, in a deterministic order.
        """
        gazetteer = Gazetteer.load()
        children: dict[str, list[Division]] = {}
        for _, key, kind in gazetteer.surface_forms():
            division = gazetteer.get(key)
            if kind == "full" and division.code and division.parent:
                children.setdefault(division.parent, []).append(division)
        givers = []
        for code in pools["givers"]:
            units = children[code]
            cities = [d for d in units if d.level == "prefecture"] or units
            # A municipality's districts are its "cities"; their sister districts stand in for counties.
            givers.append((gazetteer.get(code), [(city, children.get(city.code) or units) for city in cities]))
        targets = []
        for row in pools["targets"]:
            prefectures = [
                (d, children[d.code]) for d in children[row["code"]] if d.level == "prefecture" and children.get(d.code)
            ]
            targets.append((row, gazetteer.get(row["code"]), prefectures))
        return cls(gazetteer, givers, targets, pools["gazetteer_places"])

    def townships(self, county: Division) -> list[tuple[str, list[str]]]:
        """The townships of a county in the gazetteer's township table, with their villages as
        reports name them (X村委会 -> X村); empty if the table has none.

        Args:
            county: a county-level division.

        Returns:
            (township, villages) pairs, sorted.
        """
        found = self._townships.get(county.code)
        if found is None:
            # The gazetteer has no public listing of a county's townships: its lazily read table is used.
            table = self.gazetteer._township_data().get(county.code, {})
            heads = tuple(self._rules["township_heads"])
            found = [
                (town, self._villages(villages)) for town, villages in sorted(table.items()) if town.endswith(heads)
            ]
            self._townships[county.code] = found
        return found

    def _villages(self, joined: str) -> list[str]:
        villages = []
        for name in joined.split("\n"):
            for suffix, head in self._rules["village_suffixes"]:
                if name.endswith(suffix) and len(name) > len(suffix):
                    villages.append(name[: -len(suffix)] + head)
                    break
        return villages


def _short(division: Division) -> str:
    return division.short_names[0] if division.short_names else division.name


class ReportWriter:
    """Draws one report: a fixed setting (giver, target, counties) and pools of named things.

    Attributes:
        names: (kind, name) of every named thing the filled templates wrote (see :data:`VARIETY`);
            townships and villages are qualified by their county, people are their names.
    """

    def __init__(self, pools: dict, places: Places, rng: random.Random):
        self.pools = pools
        self.places = places
        self.rng = rng
        self.deck: list[str] = []
        self.names: set[tuple[str, str]] = set()
        self._qualified: dict[str, str] = {}
        giver, cities = rng.choice(places.givers)
        weights = [row["weight"] for row, _, _ in places.targets]
        row, target, prefectures = rng.choices(places.targets, weights=weights)[0]
        prefecture, counties = rng.choice(prefectures)
        city, giver_counties = rng.choice(cities)
        self.fixed = {
            "giver": _short(giver),
            "giver_full": giver.name,
            "gcity": city.name,
            "gcity_s": _short(city),
            "target": _short(target),
            "target_full": target.name,
            "aid": row["aid"],
            "pref": prefecture.name,
            "pref_s": _short(prefecture),
        }
        self.tibetan = target.code in ("540000", "630000")
        chosen = rng.sample(counties, min(len(counties), rng.randint(1, 3)))
        towns = [self._township(rng.choice(chosen)) for _ in range(rng.randint(1, 3))]
        self.lists = {
            "county": [c.name for c in chosen],
            "county_s": [_short(c) for c in chosen],
            "gcounty": sorted({c.name for c in rng.sample(giver_counties, min(len(giver_counties), 2))}),
            "town": sorted({town for town, _ in towns}),
            "village": sorted({self._village(rng.choice(towns)) for _ in range(rng.randint(1, 3))}),
        }
        self.fixed["command"] = self.fill(rng.choice(row["commands"]))
        self.fixed["publisher"] = self.fill(self._pick("publishers"))
        self._pool("school", "school_templates", 1, 3)
        self._pool("hospital", "hospital_templates", 1, 2)
        self._pool("venue", "venue_templates", 1, 2)
        self._pool("park", "park_templates", 1, 2)
        self._pool("company", "company_templates", 1, 3)
        self._pool("agency", "agency_templates", 1, 2)
        self._pool("partner_school", "partner_school_templates", 1, 2)
        self._pool("partner_hospital", "partner_hospital_templates", 1, 1)
        self._pool("event", "event_templates", 1, 2)
        self._pool("work", "work_templates", 1, 2)
        self._pool("program", "program_templates", 2, 5)
        self.lists["org"] = sorted({name for k in ("school", "hospital", "venue", "park") for name in self.lists[k]})
        self.lists["person"] = self._people(lambda: self.fill(self._pick("han_roles")), self._han_name, 2, 5)
        self.lists["local_person"] = self._people(lambda: self.fill(self._pick("local_roles")), self._local_name, 2, 4)

    def _pick(self, pool: str) -> str:
        return self.rng.choice(self.pools[pool])

    def _pool(self, key: str, templates: str, low: int, high: int) -> None:
        # A set, then sorted: the same name drawn twice is one entity, and order stays deterministic.
        names = {self.fill(self._pick(templates)) for _ in range(self.rng.randint(low, high))}
        self.lists[key] = sorted(names)

    def _people(self, role, name, low: int, high: int) -> list[str]:
        people = set()
        for _ in range(self.rng.randint(low, high)):
            person = name()
            mention = role() + person
            self._qualified[mention] = person
            people.add(mention)
        return sorted(people)

    def _township(self, county: Division) -> tuple[str, list[str]]:
        """A township of the county: from the gazetteer's table or, as often as the pools say, invented."""
        real = self.places.townships(county)
        if real and self.rng.random() < self.pools["gazetteer_places"]["share"]:
            town, villages = self.rng.choice(real)
        else:
            town, villages = self._pick("township_stems") + self._pick("township_heads"), []
        self._qualified[town] = county.name + town
        return town, villages

    def _village(self, township: tuple[str, list[str]]) -> str:
        town, villages = township
        if villages and self.rng.random() < self.pools["gazetteer_places"]["share"]:
            village = self.rng.choice(villages)
        else:
            village = self._pick("village_stems") + self._pick("village_heads")
        self._qualified[village] = self._qualified[town] + village
        return village

    def _local_name(self) -> str:
        roll = self.rng.random()
        if self.tibetan and roll < 0.6:
            return "".join(self.rng.sample(self.pools["tibetan_parts"], 2))
        if not self.tibetan and roll < 0.6:
            # Uyghur names: a given name, then the father's given name (or a family name).
            return f"{self._pick('dot_given')}·{self.rng.choice(self.pools['dot_given'] + self.pools['dot_family'])}"
        return self._han_name()

    def _han_name(self) -> str:
        given = "".join(self.rng.choice(self.pools["given_chars"]) for _ in range(self.rng.randint(1, 2)))
        return self._pick("surnames") + given

    def _figure(self, key: str) -> str | None:
        rng = self.rng
        cn = cn2an.an2cn
        figures = {
            "money": lambda: rng.choice(
                [
                    f"{rng.randint(50, 9800)}万元",
                    f"{rng.randint(10, 300) / 10}亿元",
                    f"近{rng.randint(2, 99) * 100}万元",
                    f"{cn(rng.randint(2, 9))}千余万元",
                    f"{rng.randint(100, 9000)}余万元",
                ]
            ),
            "money_small": lambda: rng.choice([f"{rng.randint(30, 300) * 100}元", f"{rng.randint(10, 60) / 10}万元"]),
            "persons": lambda: rng.choice(
                [
                    f"{rng.randint(20, 9000)}人次",
                    f"{rng.randint(2, 90) * 100}余人次",
                    f"{rng.randint(10, 3000)}名",
                    f"{rng.randint(11, 300) / 10}万人次",
                    f"{cn(rng.randint(2, 9))}千多名",
                    f"{rng.randint(100, 5000)}余人",
                ]
            ),
            "pct": lambda: rng.choice(
                [
                    f"{rng.randint(5, 98)}%",
                    f"{rng.randint(10, 999) / 10}%",
                    f"{cn(rng.randint(6, 9))}成以上",
                ]
            ),
            "area": lambda: rng.choice(
                [
                    f"{rng.randint(800, 9900)}平方米",
                    f"{rng.randint(11, 99) / 10}万平方米",
                    f"{rng.randint(100, 9000)}亩",
                ]
            ),
            "households": lambda: rng.choice([f"{rng.randint(30, 3000)}户", f"{rng.randint(2, 90) * 10}余户"]),
            "tons": lambda: rng.choice([f"{rng.randint(20, 9000)}吨", f"{rng.randint(11, 99) / 10}万吨"]),
            "days": lambda: rng.choice([f"{rng.randint(7, 60)}天", f"{cn(rng.randint(2, 6))}个月"]),
            "beds": lambda: str(rng.randint(10, 80) * 10),
            "distance": lambda: str(rng.randint(25, 50) * 100),
            "n_small": lambda: str(rng.randint(2, 60)),
            "n_mid": lambda: str(rng.randint(100, 5000)),
            "years": lambda: cn(rng.randint(2, 10)),
            "ordinal": lambda: cn(rng.randint(1, 20)),
            "year": lambda: str(rng.randint(2018, 2025)),
            "month": lambda: f"{rng.randint(1, 12)}月",
            "day": lambda: f"{rng.randint(1, 28)}日",
            "date": lambda: rng.choice(
                [
                    f"{rng.randint(2018, 2025)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
                    f"今年{rng.randint(1, 12)}月",
                    f"去年{rng.randint(1, 12)}月",
                    "近日",
                    "日前",
                    f"{rng.randint(2018, 2025)}年{rng.randint(1, 12)}月",
                ]
            ),
            "han_name": self._han_name,
        }
        draw = figures.get(key)
        return draw() if draw else None

    def _value(self, key: str, used: dict[str, set[str]]) -> str:
        if key in self.fixed:
            value = self.fixed[key]
        elif key in self.lists:
            options = self.lists[key]
            fresh = [o for o in options if o not in used.setdefault(key, set())]
            value = self.rng.choice(fresh or options)
            used[key].add(value)
        else:
            figure = self._figure(key)
            if figure is not None:
                return figure
            # Pool words: {field} draws from "fields", {slogan} from "slogans", {industry} from "industries".
            for pool in (f"{key}s", key[:-1] + "ies", key):
                if pool in self.pools and isinstance(self.pools[pool], list):
                    return self.rng.choice(self.pools[pool])
            raise KeyError(f"corpus_pools.json: unknown placeholder {{{key}}}")
        if key in VARIETY:
            self.names.add((VARIETY[key], self._qualified.get(value, value)))
        return value

    def fill(self, template: str) -> str:
        """Fill a template's placeholders, recursively (pool entries may hold placeholders).

        Args:
            template: text with ``{name}`` placeholders.

        Returns:
            The text; one template never repeats a name from a list while others are left.

        Raises:
            KeyError: a placeholder has no value.
        """
        used: dict[str, set[str]] = {}
        text = template
        for _ in range(4):
            text = _PLACEHOLDER.sub(lambda m: self._value(m.group(1), used), text)
            if "{" not in text:
                break
        return text

    def _sentence(self) -> str:
        # Drawn without replacement (a shuffled deck, refilled when empty): a report repeats a
        # sentence pattern only after using all of them.
        if not self.deck:
            self.deck = self.rng.sample(self.pools["sentences"], len(self.pools["sentences"]))
        return self.fill(self.deck.pop())

    def _sentences(self, low: int, high: int) -> str:
        return "".join(self._sentence() for _ in range(self.rng.randint(low, high)))

    def _paragraph(self) -> str:
        roll = self.rng.random()
        if roll < 0.25:
            quotes = self.rng.sample(self.pools["quotes"], self.rng.randint(1, 2))
            quote = "，".join(map(self.fill, quotes))
            return self._sentences(0, 2) + self.fill(self._pick("quote_intros")) + f"“{quote}。”"
        return self._sentences(2, 4)

    def _broken(self, paragraph: str) -> str:
        # Text copied out of PDFs and web pages splits a sentence across blank lines.
        cut = self.rng.randint(4, len(paragraph) - 4)
        return paragraph[:cut] + self.rng.choice(["\n\n", "\n\n\n"]) + paragraph[cut:]

    def _caption(self, paragraph: str) -> str:
        first = paragraph.split("。")[0]
        if "“" not in first and self.rng.random() < 0.4:
            # The genre repeats a sentence of the article as the caption of a photo.
            return first + "。"
        return self.fill(self._pick("captions"))

    def report(self) -> tuple[str, str]:
        """Draw a report of between :data:`MIN_BYTES` and :data:`MAX_BYTES` bytes (UTF-8).

        Returns:
            (title, text); the publisher is ``self.fixed["publisher"]``.
        """
        rng = self.rng
        headline = self.fill(self._pick("headline_templates"))
        blocks = headline.split("\n")
        if rng.random() < 0.5:
            blocks.append(self.fill(self._pick("bylines")))
        lead = self._sentences(2, 3)
        if rng.random() < 0.4:
            lead = self.fill(self._pick("datelines")) + lead
        blocks.append(lead)
        target = rng.randint(*TARGET_BYTES)
        size = sum(len(b.encode()) + 2 for b in blocks)
        while size < target:
            section = []
            if rng.random() < 0.6:
                section.append(self.fill(self._pick("subheading_first")))
                if rng.random() < 0.6:
                    section.append(self.fill(self._pick("subheading_second")))
            for _ in range(rng.randint(1, 3)):
                paragraph = self._paragraph()
                section.append(self._broken(paragraph) if rng.random() < 0.12 else paragraph)
                if rng.random() < 0.2:
                    section.append(self._caption(paragraph))
            added = sum(len(b.encode()) + 2 for b in section)
            if size + added > MAX_BYTES:
                break
            blocks.extend(section)
            size += added
        closing = self.fill(self._pick("closings"))
        if rng.random() < 0.4 and size + len(closing.encode()) + 2 <= MAX_BYTES:
            blocks.append(closing)
        separators = [rng.choice(["\n\n", "\n\n", "\n\n", "\n\n\n\n"]) for _ in blocks]
        text = "".join(block + sep for block, sep in zip(blocks, separators)).rstrip("\n") + "\n"
        return headline.replace("\n", " "), text


@cache
def load_setting() -> tuple[dict, Places]:
    """The pools of ``corpus_pools.json`` and the places drawn from the gazetteer, read once per
    process (a few seconds). Callers must not change them.

    Returns:
        (pools, places), as :class:`ReportWriter` takes them.
    """
    pools = json.loads(POOLS_PATH.read_text(encoding="utf-8"))
    return pools, Places.load(pools)


def generate(size_bytes: int, out_dir: str | Path, *, seed: int = 0) -> dict:
    """Write report files until their total size reaches ``size_bytes``, plus a manifest.

    Files are ``report-00000.txt`` … (UTF-8) with ``manifest.csv`` (title, url, publisher, date)
    and a ``.corpus.json`` stamp describing the corpus, written last (a folder without a stamp is
    incomplete). Earlier ``report-*.txt`` files in ``out_dir`` are removed first.

    Args:
        size_bytes: total size of the report files in bytes.
        out_dir: the corpus folder (created if missing).
        seed: the random seed.

    Returns:
        The stamp: generator version, hash of the pools, seed, requested size, file count, total
        bytes and chars,
        and ``variety``: the distinct names of each kind (:data:`VARIETY`) written by each
        checkpoint (:data:`CHECKPOINTS`) below the size and by the end.
    """
    pools, places = load_setting()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / STAMP_NAME).unlink(missing_ok=True)
    for old in out.glob("report-*.txt"):
        old.unlink()
    seen: dict[str, set[str]] = {kind: set() for kind in sorted(set(VARIETY.values()))}
    checkpoints = [size for size in CHECKPOINTS if size < size_bytes]
    variety = []
    files = total_bytes = total_chars = 0
    with open(out / "manifest.csv", "w", encoding="utf-8", newline="") as handle:
        manifest = csv.DictWriter(handle, fieldnames=["file", "title", "url", "publisher", "date"])
        manifest.writeheader()
        while total_bytes < size_bytes:
            rng = random.Random(f"{seed}:{files}")
            writer = ReportWriter(pools, places, rng)
            title, text = writer.report()
            name = f"report-{files:05d}.txt"
            data = text.encode("utf-8")
            (out / name).write_bytes(data)
            total_bytes += len(data)
            total_chars += len(text)
            date = f"{rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            manifest.writerow(
                {
                    "file": name,
                    "title": title,
                    "url": f"https://news.example.org/aid/{files:05d}.html",
                    "publisher": writer.fixed["publisher"],
                    "date": date,
                }
            )
            files += 1
            for kind, value in writer.names:
                seen[kind].add(value)
            if checkpoints and total_bytes >= checkpoints[0]:
                checkpoints.pop(0)
                variety.append({"files": files, "bytes": total_bytes, **{k: len(v) for k, v in seen.items()}})
    variety.append({"files": files, "bytes": total_bytes, **{k: len(v) for k, v in seen.items()}})
    stamp = {
        **_identity(size_bytes, seed),
        "files": files,
        "bytes": total_bytes,
        "chars": total_chars,
        "variety": variety,
    }
    (out / STAMP_NAME).write_text(json.dumps(stamp, indent=2) + "\n", encoding="utf-8")
    return stamp


def _identity(size_bytes: int, seed: int) -> dict:
    """What a corpus is drawn from: a stamp with the same identity describes the same files."""
    pools = hashlib.sha256(POOLS_PATH.read_bytes()).hexdigest()[:12]
    return {"generator": GENERATOR_VERSION, "pools": pools, "seed": seed, "size_bytes": size_bytes}


def ensure(size_bytes: int, out_dir: str | Path, *, seed: int = 0) -> dict:
    """The corpus of ``size_bytes`` in ``out_dir``: reused when its stamp has this generator
    version, pools, seed and size, generated otherwise.

    Args:
        size_bytes: total size of the report files in bytes.
        out_dir: the corpus folder.
        seed: the random seed.

    Returns:
        The stamp (see :func:`generate`).
    """
    stamp_path = Path(out_dir) / STAMP_NAME
    if stamp_path.is_file():
        stamp = json.loads(stamp_path.read_text(encoding="utf-8"))
        if all(stamp.get(k) == v for k, v in _identity(size_bytes, seed).items()):
            return stamp
    return generate(size_bytes, out_dir, seed=seed)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``--size 1MB --out DIR [--seed N]``; prints the stamp as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="1MB", help="total size: 1MB, 10MB, 100MB (decimal units)")
    parser.add_argument("--out", required=True, help="corpus folder to write")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    try:
        size = parse_size(args.size)
    except ValueError as exc:
        parser.error(str(exc))
    print(json.dumps(generate(size, args.out, seed=args.seed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
