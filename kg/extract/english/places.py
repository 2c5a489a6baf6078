"""Places in English text: the gazetteer's divisions by their English and pinyin names, XPCC
divisions, countries, and townships and villages named after a county.

A place found here carries the same values as one the Chinese recognizer finds: the gazetteer
key, the Chinese official name as ``kg_name`` and the English surface as an alias, so that an
English and a Chinese mention of a county resolve to one entity.
"""

from __future__ import annotations

import dataclasses
import difflib
import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.components.places import LEVEL_SUBCLASS
from kg.extract.english import lexicon
from kg.extract.english.lexicon import WORD_RE, fold
from kg.extract.extensions import Taken, doc_text, get_attr, make_span
from kg.reference.gazetteer import Gazetteer
from kg.reference.romanization import pinyin_word

MAX_WORDS = 8
SURNAMES_ALSO_WORDS = {"An", "He"}  # surnames in pinyin that open English sentences too (An Aksu official…)
COMPASS_RE = re.compile(r"(?:southern|northern|eastern|western) ")
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14,
}  # fmt: skip
XPCC_RE = re.compile(
    r"\b(?:the\s+)?(?P<n>" + "|".join(o.capitalize() for o in ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th))\s+Division"
    r"(?P<of>\s+of\s+the\s+(?:Xinjiang\s+Production\s+and\s+Construction\s+Corps|XPCC|Corps))?"
)
XPCC_WORDS = ("Production and Construction Corps", "XPCC", "Bingtuan")
# Below the county: a capitalised name and its level word (Aheya Town, Shanpulu township).
LOCAL_RE = re.compile(
    r"(?<![\w'’])(?P<name>(?:(?:No\.? \d+|[A-Z][a-z]+)(?:[ -](?=[A-Z]|No))?){1,3}?"
    r"(?:\s+(?:Kazakh|Kazak|Kirgiz|Kyrgyz|Mongol|Tajik|Xibe|Hui))?)"
    r"\s+(?P<level>(?:Ethnic\s+)?[Tt]ownship|[Tt]own|[Vv]illage|[Ss]ubdistrict)\b"
)
OPENING_WORD_RE = re.compile(r"(\S+)\s+(?=[A-Z][a-z])")  # In |Zhaxigang Village; not No |4 village
LOCAL_LEVEL = {
    "township": ("township", "Township"),
    "town": ("township", "Township"),
    "village": ("village", "Village"),
}
COUNTY_LEVELS = ("county",)
TITLED_WORD_RE = re.compile(r" ([A-Z][a-z]+)\b")
LEVEL_WORDS = {"county", "city", "town", "township", "village", "prefecture", "district", "region", "province"}


PLURAL_COUNTIES_RE = re.compile(r" counties\b", re.IGNORECASE)
LIST_JOINT_RE = re.compile(r"(?:,? and |, )$")


def _listed_before_plural(text: str, found) -> set[tuple[int, int]]:
    """The names of a list closed by "counties" (Qira, Keriya and Niya counties), as offsets."""
    listed = set()
    ends = {end: (start, end) for start, end, entry in found if not isinstance(entry, tuple)}
    for match in PLURAL_COUNTIES_RE.finditer(text):
        name = ends.get(match.start())
        while name is not None:
            listed.add(name)
            joint = LIST_JOINT_RE.search(text, max(0, name[0] - 6), name[0])
            name = ends.get(joint.start()) if joint else None
    return listed


def _suffix(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


class EnglishPlaceRecognizer:
    """Write the places of an English text to ``doc.spans["kg_places"]``."""

    def __init__(self, nlp: Language, name: str = "kg_en_places", *, township_ratio: float = 0.85):
        self.name = name
        self.gazetteer = Gazetteer.load()
        self.index = lexicon.place_index()
        self.countries = lexicon.countries()
        self.not_names = lexicon.not_name_words()
        # Xinhua is the news agency, not 新化县: a known body's name is no place
        self.bodies = lexicon.known_organizations()
        self.township_ratio = township_ratio
        self.surnames = lexicon.pinyin_surnames()
        self.tibetan_names = frozenset(lexicon.words("tibetan_given_names.txt"))

    def __call__(self, doc: Doc) -> Doc:
        doc.spans["kg_places"] = self.match(doc)
        return doc

    # -- matching ---------------------------------------------------------------------------
    def match(self, doc: Doc) -> list:
        text = doc_text(doc)
        found = self._names(text)  # (start, end, PlaceName | country)
        taken = Taken(len(text))
        spans = []
        provinces = self._provinces(found)
        counties = _listed_before_plural(text, found)
        chosen = []
        for start, end, entry in found:
            if isinstance(entry, tuple):  # a country
                chosen.append((start, end, None, entry))
                continue
            if (start, end) in counties:
                # "Hotan, Moyu and Lop counties": the word after the list says what each name is
                entry = self._counties_of(entry)
            key = self._choose(entry, provinces, [k for _, _, k, _ in chosen if k])
            division = self.gazetteer.get(key)
            if division is None:
                continue
            if (
                entry.kind == "short"
                and division.level in COUNTY_LEVELS
                and key[:2] + "0000" not in provinces
                and (start, end) not in counties
            ):
                continue  # a bare county name far from the places of the report: an ordinary word
            if (
                entry.kind == "short"
                and division.level in COUNTY_LEVELS
                and chosen
                and chosen[-1][1] + 1 == start
                and text[start - 1] == " "
                and re.match(r" [A-Z]", text[end:])
            ):
                # Kashgar Tianyu Textile Co: a bare county's name between a place and a name word is
                # a firm's word (a province's is the giver's: Hotan Beijing Industrial Park)
                continue
            if entry.kind == "short" and division.level != "province" and self._after_surname(text, start):
                continue  # Xu Jian, Li Ning: a given name after a surname, not Ji'an or Ning county
            if entry.kind == "short" and self._tibetan_name_first(text, start, end):
                continue  # Nyima Dondrub, a herder: a person's first name, not Nyima county
            chosen.append((start, end, key, entry))
        xpcc_named = any(word in text for word in XPCC_WORDS)
        for match in XPCC_RE.finditer(text):
            n = match.group("n")
            number = ORDINALS.get(n.lower()) or int(re.match(r"\d+", n).group())
            entry = self.index.get(fold(f"{number}{_suffix(number)} Division"))
            if entry is None or not (match.group("of") or xpcc_named):
                continue
            start = match.start("n")
            # The division alone: "of the XPCC" names the Corps, an organization of its own.
            chosen.append((start, match.end() - len(match.group("of") or ""), entry.keys[0], entry))
        chosen.sort(key=lambda c: (c[0] - c[1], c[0]))
        for start, end, key, entry in chosen:
            if taken.any(start, end):
                continue
            span = self._span(doc, text, start, end, key, entry)
            if span is not None:
                spans.append(span)
                taken.mark(start, end)
        spans += self._local(doc, text, spans, taken)
        spans.sort(key=lambda s: s.start_char)
        return spans

    def _after_surname(self, text: str, start: int) -> bool:
        """The word right before ``start`` is a pinyin surname written with a capital (Xu |Jian)."""
        before = re.search(r"\b([A-Z][a-z]+) $", text[max(0, start - 12) : start])
        return before is not None and before.group(1) in self.surnames and before.group(1) not in SURNAMES_ALSO_WORDS

    def _names(self, text: str):
        """Longest gazetteer or country names, left to right, each starting with a capital."""
        tokens = [(m.start(), m.end()) for m in WORD_RE.finditer(text)]
        found = []
        i = 0
        while i < len(tokens):
            start = tokens[i][0]
            hit = None
            compass = COMPASS_RE.match(text, start)  # southern Xinjiang: a region in lower case
            if text[start].isupper() or compass:
                for n in range(min(MAX_WORDS, len(tokens) - i), 0, -1):
                    end = tokens[i + n - 1][1]
                    if n > 1 and not self._joined(text, tokens[i : i + n]):
                        continue
                    form = fold(text[start:end])
                    entry = self.countries.get(form) or self.index.get(form)
                    if compass and not text[start].isupper() and getattr(entry, "kind", None) != "region":
                        continue
                    if (
                        entry is not None
                        and not (n == 1 and text[start:end] in self.not_names)
                        and form not in self.bodies
                    ):
                        hit = (start, end, entry, n)
                        break
            if hit:
                found.append(hit[:3])
                i += hit[3]
            else:
                i += 1
        return found

    @staticmethod
    def _joined(text, tokens) -> bool:
        """Words of one name: separated by a space or a hyphen, nothing else."""
        return all(text[a[1] : b[0]] in (" ", "-") for a, b in zip(tokens, tokens[1:]))

    def _counties_of(self, entry):
        """The entry narrowed to its counties (县, 旗: Hotan County, not Hotan City), if it has any."""
        divisions = [self.gazetteer.get(key) for key in entry.keys]
        keys = [
            d.key for d in divisions if d is not None and d.level in COUNTY_LEVELS and d.name.endswith(("县", "旗"))
        ]
        return dataclasses.replace(entry, keys=tuple(keys)) if keys else entry

    def _tibetan_name_first(self, text, start, end) -> bool:
        """A Tibetan given name (Nyima, Pasang…) before another capitalised word that is no
        level word (Nyima Dondrub, not Nyima County) begins a person's name."""
        following = TITLED_WORD_RE.match(text, end)
        return (
            text[start:end] in self.tibetan_names
            and following is not None
            and fold(following.group(1)) not in LEVEL_WORDS
        )

    def _provinces(self, found) -> set[str]:
        """Provinces of the places named unambiguously (by a full name, or a province's name)."""
        provinces = set()
        for _, _, entry in found:
            if isinstance(entry, tuple):
                continue
            keys = entry.keys
            if len(keys) > 1:  # Xinjiang is also the pinyin of a county's name: the province wins
                chosen = [k for k in keys if getattr(self.gazetteer.get(k), "level", None) in ("province", "region")]
                # Aksu, the prefecture or its city: a prefecture of one province either way
                prefectures = [k for k in keys if getattr(self.gazetteer.get(k), "level", None) == "prefecture"]
                keys = chosen or (prefectures if len({k[:2] for k in keys}) == 1 else [])
            if len(keys) != 1:
                continue
            key = keys[0]
            division = self.gazetteer.get(key)
            if division is None or not key[:2].isdigit():
                continue
            if entry.kind != "short" or division.level in ("province", "prefecture"):
                provinces.add(key[:2] + "0000")
        return provinces

    def _choose(self, entry, provinces, context) -> str:
        """The division a name means: a province its bare name names (Hebei, not Tianjin's Hebei
        District, which English writes with its level word), else one related to the places
        already named, else one in the report's provinces, then the highest level, then the
        smallest code."""
        if entry.kind == "short":
            named = [k for k in entry.keys if getattr(self.gazetteer.get(k), "level", None) == "province"]
            if len(named) == 1:
                return named[0]

        def rank(key):
            division = self.gazetteer.get(key)
            related = any(
                key == other or self.gazetteer.is_within(key, other) or self.gazetteer.is_within(other, key)
                for other in context
            )
            level = ("province", "region", "prefecture", "county").index(division.level) if division else 9
            return (not related, key[:2] + "0000" not in provinces, level, key)

        return min(entry.keys, key=rank)

    def _span(self, doc, text, start, end, key, entry):
        surface = text[start:end]
        if key is None:  # a country
            en, zh = entry
            return make_span(
                doc, start, end, "Place", kg_subclass="Place", kg_name=zh,
                kg_aliases=tuple(dict.fromkeys((surface, en))), kg_rule="en-country",
            )  # fmt: skip
        division = self.gazetteer.get(key)
        subclass = "XPCCUnit" if entry.kind == "xpcc" else LEVEL_SUBCLASS.get(division.level, "Place")
        aliases = (surface,)
        return make_span(
            doc, start, end, "Place", kg_subclass=subclass, kg_key=division.key, kg_name=division.name,
            kg_aliases=aliases, kg_rule=f"en-gazetteer:{entry.kind}",
        )  # fmt: skip

    # -- townships and villages -------------------------------------------------------------
    def _local(self, doc, text, spans, taken):
        counties = [s for s in spans if _key(s) and getattr(self.gazetteer.get(_key(s)), "level", None) == "county"]
        result = []
        for match in LOCAL_RE.finditer(text):
            start = match.start()
            # In Zhaxigang Village: a capitalised word that names nothing opens the sentence
            while opening := OPENING_WORD_RE.match(text, start, match.start("level")):
                if opening.group(1) not in self.not_names:
                    break
                start = opening.end()
            name = text[start : match.end("name")].strip()
            if not name or name.split()[0] in self.not_names or taken.any(start, match.end()):
                continue
            level_word = match.group("level").split()[-1].lower()
            level, subclass = LOCAL_LEVEL.get(level_word, ("township", "Township"))
            surface = text[start : match.end()]
            near = _nearest(counties, start, text)
            division, parent = self._township(name, level, near, counties)
            if division is not None:
                key, zh = division.key, division.name
            else:
                parent = near
                key = f"{_key(parent)}/{_title(surface)}" if parent is not None else None
                zh = _title(surface)
            span = make_span(
                doc, start, match.end(), "Place", kg_subclass=subclass, kg_key=key, kg_name=zh,
                kg_aliases=(surface,) if surface != zh else (),
                kg_parent=_key(parent) if parent is not None else None, kg_rule=f"en-local:{level_word}",
            )  # fmt: skip
            if span is not None:
                result.append(span)
                taken.mark(start, match.end())
        return result

    def _township(self, name, level, near, counties):
        """The gazetteer's township whose pinyin is closest to a romanised name, in the county
        named nearest, else in any county of the report."""
        if level != "township":
            return None, None
        stem = _letters(re.sub(r"\b(?:Kazakh|Kazak|Kirgiz|Kyrgyz|Mongol|Tajik|Xibe|Hui)\b", "", name))
        ordered = ([near] if near is not None else []) + [c for c in counties if c is not near]
        for county in ordered:
            best, best_ratio = [], 0.0
            for town in self.gazetteer.townships_of(_key(county)):
                core = re.sub(r"(哈萨克|柯尔克孜|蒙古|塔吉克|锡伯|回)?族?(民族乡|镇|乡|街道)$", "", town)
                ratio = difflib.SequenceMatcher(None, stem, _letters(pinyin_word(core, tones=False))).ratio()
                if ratio > best_ratio:
                    best, best_ratio = [town], ratio
                elif ratio == best_ratio:
                    best.append(town)
            if best_ratio >= self.township_ratio and len(best) == 1:
                division = self.gazetteer.township(best[0], _key(county))
                if division is not None:
                    return division, county
        return None, None


def _key(span):
    return get_attr(span, "kg_key")


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower().replace("sh", "x"))


def _title(text: str) -> str:
    """A name as a heading writes it: Shanpulu township -> Shanpulu Township."""
    return " ".join(w[:1].upper() + w[1:] for w in text.split())


def _nearest(counties, pos, text):
    """The county named closest to a position in the same sentence (before or after)."""
    best, distance = None, None
    for span in counties:
        gap = text[min(span.end_char, pos) : max(span.start_char, pos)]
        if re.search(r"[.!?]\s", gap):
            continue
        d = abs(span.start_char - pos)
        if distance is None or d < distance:
            best, distance = span, d
    return best


@Language.factory(
    "kg_en_places",
    assigns=["doc.spans"],
    default_config={"township_ratio": 0.85},
)
def make_english_place_recognizer(nlp: Language, name: str, township_ratio: float) -> EnglishPlaceRecognizer:
    """Factory of :class:`EnglishPlaceRecognizer` (config: ``township_ratio``, how close the pinyin
    of a gazetteer township must be to a romanised name, 0-1)."""
    return EnglishPlaceRecognizer(nlp, name, township_ratio=township_ratio)
