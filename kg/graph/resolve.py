"""Entity resolution: mentions from every document → entities with stable keys.

A key depends only on what a mention says, never on the order documents arrive in, so the same
entity gets the same IRI from every document and every run:

* a place the gazetteer knows: its code (``652925``); a unit nested under one: ``code/name``;
* an aid-giver (某省援疆) and its command (某省援疆指挥部): ``aid:<place code>:<援疆>``; the
  phrase alone, in a report that names no body of that giver, is the giver place itself;
* anything else: its class and its *core name*, the name without the places it starts with
  (刘英小学 for 某省某市某区刘英小学), unless the core is generic and needs its places to tell it
  apart: 第三小学, 实验中学, a body every place has (融媒体中心, 卫生健康委员会), or a core of common
  words and place names only (职业技术学校, 中医医院, 江苏中学), which many counties have. Such a
  core is keyed by the last place the name starts with, when the gazetteer codes it
  (``某县第一中学@<code>`` for 某州某县第一中学, 某县第一中学 and 某县一中), else by the whole name,
  and a facility read from its head noun with such a name and no place at all (便民服务中心,
  职业技术学校) by its document too: every village has its own, so two reports seldom mean one.
  A media outlet or government body read without its places (a byline's 某县融媒体中心) is keyed
  by the place its name starts with, when that names one division only;
* within one document, a bare alias (“某某” for “某某”行动) joins the entity it names, a name
  without a key joins a mention of that name with one (an aid body in a byline), and a generic
  core named on its own (江苏中学 after 某县江苏中学) joins the one name of the document that has it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from kg.records import AID_BODY_SUBCLASSES, Extraction, Mention
from kg.reference.gazetteer import Gazetteer
from kg.reference.labels import full_school_ordinal
from kg.reference.pairings import gives_by_policy, receives_by_policy
from kg.reference.rules import RULES_DIR, is_common_word, is_generic_stem, load_csv, load_words, word_tokenizer
from kg.reference.script import is_traditional

GENERIC_CORE_RE = re.compile(r"^(第[一二三四五六七八九十百零0-9]+|实验|中心|人民|城关|第)")
_HAN_RE = re.compile(r"[\u4e00-\u9fff]")
# Kinds of body whose name, however generic its words, names one body in the country (光明日报,
# 人民日报, 中国移动): never kept to one report.
NATIONAL_SUBCLASSES = {"MediaOrganization", "Company", "GovernmentBody"}


@dataclass
class Entity:
    key: str
    label: str
    subclass: str
    names: dict[str, int] = field(default_factory=dict)  # name → times seen
    gazetteer_key: str | None = None
    official_name: str | None = None  # the gazetteer's name of a coded place
    subclasses: dict[str, int] = field(default_factory=dict)  # specific subclass → mentions giving it

    @property
    def name(self) -> str:
        """Canonical Chinese name: the gazetteer's, else the longest name seen (ties: a simplified
        one before a traditional report's written form, then the smallest)."""
        return self.official_name or min(self.names, key=lambda n: (-len(n), is_traditional(n), n))

    @property
    def aliases(self) -> list[str]:
        return sorted(n for n in self.names if n != self.name)

    def merge(self, other: Entity) -> None:
        """Add what another document says of the same entity (the result does not depend on the
        order documents are merged in)."""
        for name, count in other.names.items():
            self.names[name] = self.names.get(name, 0) + count
        for subclass, count in other.subclasses.items():
            self.subclasses[subclass] = self.subclasses.get(subclass, 0) + count
        self.gazetteer_key = self.gazetteer_key or other.gazetteer_key
        self.official_name = self.official_name or other.official_name
        self.subclass = _most_given(self.subclasses) or self.subclass

    def to_json(self) -> dict:
        # Shallow copies: asdict's deep copy cost as much as resolving the document.
        return {
            "key": self.key,
            "label": self.label,
            "subclass": self.subclass,
            "names": dict(self.names),
            "gazetteer_key": self.gazetteer_key,
            "official_name": self.official_name,
            "subclasses": dict(self.subclasses),
        }

    @classmethod
    def from_json(cls, data: dict) -> Entity:
        return cls(**data)


def _most_given(subclasses: dict[str, int]) -> str | None:
    """The specific subclass given most often (ties: the alphabetically first)."""
    return min(subclasses, key=lambda c: (-subclasses[c], c)) if subclasses else None


def core_name(mention: Mention, inner_places: list[Mention]) -> str:
    """The name without the places it starts with (阿克苏市第一中学 → 第一中学)."""
    cuts = _place_cuts(mention, inner_places)
    return (mention.name[cuts[-1] :].lstrip("· ") if cuts else "") or mention.name


def shorter_names(mention: Mention, inner_places: list[Mention]) -> list[str]:
    """The name without its first places but not the last (某县某镇某某工程 → 某镇某某工程): how a
    report names it again once the county is known."""
    cuts = _place_cuts(mention, inner_places)
    if not cuts or not mention.name[cuts[-1] :].lstrip("·"):
        return []
    return [mention.name[cut:].lstrip("· ") for cut in cuts[:-1]]


def _place_cuts(mention: Mention, inner_places: list[Mention]) -> list[int]:
    """Where each of the places a name starts with ends, in the name."""
    return [cut for cut, _ in _leading_places(mention, inner_places)]


def _leading_places(mention: Mention, inner_places: list[Mention]) -> list[tuple[int, Mention]]:
    """The places a name starts with, each with where it ends in the name."""
    name, found, pos = mention.name, [], 0
    for place in sorted(inner_places, key=lambda m: m.start):
        while name[pos : pos + 1] == " ":
            pos += 1  # Hotan Beijing Industrial Park
        if not name.startswith(place.surface, pos):
            at = name.find(place.surface, pos)
            if at < 0 or not _encloses(name[pos:at], place.key):
                break
            pos = at  # 西藏|日喀则市…: a province the text runs into its prefecture is no mention
        pos += len(place.surface)
        found.append((pos, place))
    return found


def _encloses(words: str, key: str | None) -> bool:
    """Whether ``words`` name a division that holds the place ``key``."""
    gazetteer = Gazetteer.load()
    return bool(words and key) and any(gazetteer.is_within(key, d.key) for d in gazetteer.lookup(words))


def _distinctive(core: str, mention: Mention) -> bool:
    """A core name that tells the entity apart without its places: not 第三小学 or 实验中学, not a
    facility every village has (便民服务中心, ``data/rules/generic_facility_names.txt``), and not
    the bare head or body word the name was read from (某县|融媒体中心, 某市|卫生健康委员会), which
    every place has one of."""
    if len(core) <= 3 or GENERIC_CORE_RE.match(core) or core in _generic_facilities():
        return False
    rule = mention.rule or ""
    if rule == "place-body" or rule.startswith("head:") and core == rule[len("head:") :]:
        return False
    if not _HAN_RE.search(core):
        # Ningbo's aid team → "'s aid team", Gyangze County People's Hospital → "People's
        # Hospital": English names capitalise every word, so a word tells a body apart only when
        # it is capitalised and not one that every place's bodies are named with
        generic = _generic_english_words()
        return any(word[:1].isupper() and word.lower() not in generic for word in core.lstrip("'’s ").split())
    return _proper(core)


@cache
def _generic_english_words() -> frozenset[str]:
    heads = (row["head"] for row in load_csv(RULES_DIR / "en" / "heads.csv"))
    words = [*load_words(RULES_DIR / "en" / "generic_name_words.txt"), *(w for head in heads for w in head.split())]
    return frozenset(word.lower() for word in words)


@cache
def _generic_facilities() -> frozenset[str]:
    return frozenset(load_words("generic_facility_names.txt"))


@cache
def _heads() -> tuple[str, ...]:
    return tuple(sorted({row["head"] for row in load_csv("name_heads.csv")}, key=len, reverse=True))


@lru_cache(maxsize=100_000)
def _proper(core: str) -> bool:
    """A core holding a word chosen for a name (南菁 in 南菁高级中学, 沪莎 in 沪莎果业有限公司): one
    the language does not commonly use and no place's name. 职业技术学校, 中医医院 and 江苏中学
    hold none."""
    head = next((h for h in _heads() if core.endswith(h) and len(core) > len(h)), "")
    gazetteer = Gazetteer.load()
    return any(
        _HAN_RE.search(word) and not _plain(word) and not gazetteer.lookup(word)
        for word in word_tokenizer().lcut(core[: len(core) - len(head)])
    )


def _plain(word: str) -> bool:
    """A common word, a generic modifier of the genre (援藏, 对口支援: every giver's team has them),
    or a compound of two common words (现代农业, 职业技能: jieba's dictionary counts such compounds
    rarely, their parts often)."""
    return (
        is_common_word(word)
        or is_generic_stem(word)
        or any(is_common_word(word[:i]) and is_common_word(word[i:]) for i in range(2, len(word) - 1))
    )


def mention_key(mention: Mention, inner_places: list[Mention], document_id: str | None = None) -> str:
    """The resolution key of one mention (see the module docstring); ``document_id`` scopes a
    facility with a generic name and no place (便民服务中心) to its document."""
    if mention.label == "Place" and mention.key:
        return f"place:{mention.key}"
    if mention.key and mention.key.startswith(("aid:", "xpcc:")):
        return mention.key  # an aid body's giver, an XPCC division's city: one node in any language
    core = core_name(mention, inner_places)
    leading = _leading_places(mention, inner_places)
    keyed = [place.key for _, place in leading if place.key]
    if keyed and mention.subclass in AID_BODY_SUBCLASSES:
        # Tianjin Xinjiang Aid Front-line Command, Shenzhen Kashgar Aid Front-line Command: the
        # giver and the region it aids tell one aid body from another
        return f"{mention.label}:{core}@{'+'.join(keyed)}"
    if _distinctive(core, mention):
        if keyed and mention.subclass != "Company":
            # 某县某乡核桃晾晒场项目 and 另一县的核桃晾晒场项目 are two projects, and a word rare
            # enough to be distinctive is no proof of one facility: the county keeps them apart (a
            # company's registered name is its own)
            return f"{mention.label}:{core}@{_county_of(keyed[-1])}"
        return f"{mention.label}:{core}"
    scope = _scope_before_givers(leading)
    if scope is not None:
        # 温宿县浙江工业园区, Hotan Beijing Industrial Park: the giver named after the place is part
        # of the name; the place scopes it (拜城县浙江工业园区 is another park)
        cut, place = scope
        division = Gazetteer.load().get(place.key)
        return (
            f"{mention.label}:{division.name if division else place.name}{mention.name[cut:].lstrip(' ')}@{place.key}"
        )
    place = leading[-1][1] if leading else None
    if core != mention.name and place is not None and place.key:
        # 某州某县第一中学 and 某县第一中学 (the county by its short name, too) are one school
        division = Gazetteer.load().get(place.key)
        full = full_school_ordinal(core) or core
        return f"{mention.label}:{division.name if division else place.name}{full}@{place.key}"
    local_body = mention.subclass in ("MediaOrganization", "GovernmentBody")  # not 广州中学 in 某县
    if local_body and not inner_places and (found := _unambiguous_leading_place(mention.name)):
        # read without its places (a byline's 某州融媒体中心): keyed as the text's same name is
        end, division = found
        core = mention.name[end:]
        return f"{mention.label}:{division.name}{full_school_ordinal(core) or core}@{division.key}"
    if (
        document_id
        and not leading
        and (mention.rule or "").startswith("head:")
        and mention.subclass not in NATIONAL_SUBCLASSES
    ):
        # every village has its 便民服务中心: reports name many, one per report as far as we know
        return f"{mention.label}:{mention.name}@{document_id}"
    return f"{mention.label}:{mention.name}"


def _county_of(key: str) -> str:
    """The county a place lies in (itself, if a county or above): 某县某乡某某项目 and 某县某某项目
    name one project."""
    gazetteer = Gazetteer.load()
    division = gazetteer.get(key)
    if division is None:  # a unit the text nests (某县/某镇/某村): keyed under the coded place
        first = gazetteer.get(key.split("/")[0])
        return first.key if first is not None and first.level == "county" else key
    if division.level not in ("township", "village"):
        return key
    return next((up.key for up in gazetteer.ancestors(key) if up.level == "county"), key)


def _scope_before_givers(leading):
    """(where it ends, place) of the last place a name starts with that is followed there only by
    places the pairing table has giving, not receiving (温宿县 of 温宿县浙江工业园区); None when no
    giver follows a receiving place."""
    for k in range(len(leading) - 1, 0, -1):
        if not _only_giving(leading[k][1].key):
            return None
        if not _only_giving(leading[k - 1][1].key) and leading[k - 1][1].key:
            return leading[k - 1]
    return None


def _only_giving(key: str | None) -> bool:
    return bool(key) and gives_by_policy(key) and not receives_by_policy(key)


def _unambiguous_leading_place(name: str):
    """(where it ends, division) of the longest place a name starts with that names one division
    only, when what follows it is a generic core; else None."""
    gazetteer = Gazetteer.load()
    for end in range(min(len(name) - 2, gazetteer.max_surface_length), 1, -1):
        divisions = gazetteer.lookup(name[:end])
        if len(divisions) == 1:
            return end, divisions[0]
        if divisions:
            return None  # 朝阳区…: which one, only the text around it says
    return None


@dataclass
class DocumentEntities:
    """What one document says of its entities: the key of each mention, and per key the
    entity as this document alone names and classes it."""

    keys: list[str]
    entities: dict[str, Entity]


def _inner_places(mentions: list[Mention]) -> list[list[Mention]]:
    """For each mention, the inner place mentions inside it, in mention order. Places are looked
    up by start offset: a scan of them all for each mention grew with the square of a report."""
    places = [(p.start, i, p) for i, p in enumerate(mentions) if p.inner and p.label == "Place"]
    places.sort(key=lambda item: (item[0], item[1]))
    starts = [start for start, _, _ in places]
    inner = []
    for m in mentions:
        found = places[bisect_left(starts, m.start) : bisect_right(starts, m.end)]
        inner.append([p for _, _, p in sorted(found, key=lambda item: item[1]) if p.end <= m.end and p is not m])
    return inner


def resolve_document(extraction: Extraction) -> DocumentEntities:
    """Resolve the mentions of one document, using nothing but the document (so its graph can be
    made, cached and replaced on its own)."""
    mentions = extraction.mentions
    inner = _inner_places(mentions)
    doc_id = extraction.document.doc_id
    keys = [mention_key(m, places_in, doc_id) for m, places_in in zip(mentions, inner)]
    keys = _join_generic_cores(mentions, inner, _join_aliases(mentions, _join_same_names(mentions, keys)))
    keys = _join_bare_levels(mentions, keys, extraction.relations)
    givers = _bare_givers(mentions, keys)
    entities: dict[str, Entity] = {}
    for i, (mention, key, places_in) in enumerate(zip(mentions, keys, inner)):
        if key in givers:
            # The phrase stands for the giver itself: the place's mention speaks for it.
            mention = givers[key]
            key = keys[i] = f"place:{mention.key}"
        entity = entities.get(key)
        if entity is None:
            entity = entities[key] = Entity(key, mention.label, mention.label)
        if mention.label == "Place" and mention.key:
            entity.gazetteer_key = mention.key
            entity.official_name = mention.name
        entity.names[mention.name] = entity.names.get(mention.name, 0) + 1
        for name in mention.aliases:
            entity.names.setdefault(name, 0)
        core = core_name(mention, places_in)
        if not mention.key and _distinctive(core, mention):
            entity.names.setdefault(core, 0)  # 刘英小学 for 某省某市某区刘英小学
        if not mention.key and mention.label in ("Program", "Event"):
            for name in shorter_names(mention, places_in):
                entity.names.setdefault(name, 0)  # 某镇某某工程 for 某县某镇某某工程
        if mention.subclass != mention.label:
            entity.subclasses[mention.subclass] = entity.subclasses.get(mention.subclass, 0) + 1
    for entity in entities.values():
        entity.subclass = _most_given(entity.subclasses) or entity.subclass
    return DocumentEntities(keys, entities)


def _join_bare_levels(mentions: list[Mention], keys: list[str], relations) -> list[str]:
    """县人民医院 in a report about 某县, which extraction located there by default: keyed as
    某县人民医院 is, so the two names are one body."""
    keys = list(keys)
    for rel in relations:
        if rel.predicate != "locatedIn" or rel.rule != "place-default" or rel.object is None:
            continue
        body, place = mentions[rel.subject], mentions[rel.object]
        if body.label == "Organization" and place.key and body.name[:1] == place.name[-1:]:
            keys[rel.subject] = f"{body.label}:{place.name}{body.name[1:]}@{place.key}"
    return keys


def _bare_givers(mentions: list[Mention], keys: list[str]) -> dict[str, Mention]:
    """Aid-giver phrases (某市援疆) of a report that names no aid body of that giver: each stands
    for the giver place itself, so 由某市援疆投资 gives a program the funder the gold standard and
    a reader expect (某市), not an organization named 某市援疆. Maps the phrase's key to the
    mention of the place it starts with."""
    bodies = {key for mention, key in zip(mentions, keys) if key.startswith("aid:") and mention.rule != "aid-giver"}
    places = {m.key: m for m in mentions if m.label == "Place" and m.key}
    givers = {}
    for mention, key in zip(mentions, keys):
        if mention.rule == "aid-giver" and key.startswith("aid:") and key not in bodies:
            place = places.get(key.split(":")[1])
            if place is not None:
                givers[key] = place
    return givers


def _join_same_names(mentions: list[Mention], keys: list[str]) -> list[str]:
    """Mentions of one name and class in a report are one entity, keyed as the one read with its
    places (a byline's 某州融媒体中心, read without them, joins the same name in the text)."""
    placed: dict[tuple[str, str], str] = {}
    for mention, key in zip(mentions, keys):
        if "@" in key and not mention.key:
            placed.setdefault((mention.label, mention.name), key)
    return [key if m.key else placed.get((m.label, m.name), key) for m, key in zip(mentions, keys)]


def _join_aliases(mentions: list[Mention], keys: list[str]) -> list[str]:
    """A mention whose name is another mention's alias (same class) is that entity; so is one
    without a key named as a mention with one (an aid body read by a byline or the recognizer
    rather than by the rule that gives its giver's key)."""
    by_alias = {}
    for mention, key in zip(mentions, keys):
        if mention.key and mention.label != "Place":
            by_alias.setdefault((mention.label, mention.name), key)
    for mention, key in zip(mentions, keys):
        for alias in mention.aliases:
            by_alias.setdefault((mention.label, alias), key)
    return [by_alias.get((m.label, m.name), key) if not m.key else key for m, key in zip(mentions, keys)]


def _join_generic_cores(mentions: list[Mention], inner: list[list[Mention]], keys: list[str]) -> list[str]:
    """A name that is the generic core of one name of the document (江苏中学 after 某县江苏中学, same
    class) is that entity: the report has said which one it means."""
    cores: dict[tuple[str, str], set[str]] = {}
    for mention, places_in, key in zip(mentions, inner, keys):
        if mention.key or not places_in:
            continue
        core = core_name(mention, places_in)
        if core != mention.name and key != f"{mention.label}:{core}":  # a generic core
            cores.setdefault((mention.label, core), set()).add(key)
        scope = _scope_before_givers(_leading_places(mention, places_in))
        if scope is not None:  # 江苏中学 after 某县江苏中学: the name after the place that scopes it
            cores.setdefault((mention.label, mention.name[scope[0] :].lstrip(" ")), set()).add(key)
    if not cores:
        return keys
    joined = []
    for mention, places_in, key in zip(mentions, inner, keys):
        named = cores.get((mention.label, mention.name), set())
        giver_named = all(_only_giving(place.key) for place in places_in)  # no place of its own
        joined.append(next(iter(named)) if len(named) == 1 and not mention.key and giver_named else key)
    return joined


class Resolver:
    """The entities of a corpus, merged from what each document says of them."""

    def __init__(self):
        self.entities: dict[str, Entity] = {}

    def merge(self, document: DocumentEntities) -> None:
        for key, entity in document.entities.items():
            known = self.entities.get(key)
            if known is None:
                known = self.entities[key] = Entity(key, entity.label, entity.label)
            known.merge(entity)

    def add(self, extraction: Extraction) -> list[str]:
        """Resolve one document and merge its entities; returns the entity key of each mention."""
        document = resolve_document(extraction)
        self.merge(document)
        return document.keys

    def resolve(self, extractions: Iterable[Extraction]) -> list[list[str]]:
        """Resolve many documents; returns the keys of each document's mentions."""
        return [self.add(extraction) for extraction in extractions]
