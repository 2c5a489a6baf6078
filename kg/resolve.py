"""Entity resolution: mentions from every document → entities with stable keys.

A key depends only on what a mention says, never on the order documents arrive in, so the same
entity gets the same IRI from every document and every run:

* a place the gazetteer knows: its code (``652925``); a unit nested under one: ``code/name``;
* an aid-giver (某省援疆) and its command (某省援疆指挥部): ``aid:<place code>:<援疆>``;
* anything else: its class and its *core name*, the name without the places it starts with
  (刘英小学 for 某省某市某区刘英小学), unless the core is generic (第三小学, 实验中学) and needs
  its places to tell it apart;
* within one document, a bare alias (“某某” for “某某”行动) joins the entity it names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .extract import Extraction, Mention

GENERIC_CORE_RE = re.compile(r"^(第[一二三四五六七八九十百零0-9]+|实验|中心|人民|城关|第)")


@dataclass
class Entity:
    key: str
    label: str
    subclass: str
    names: dict[str, int] = field(default_factory=dict)  # name → times seen
    gazetteer_key: str | None = None
    official_name: str | None = None  # the gazetteer's name of a coded place

    @property
    def name(self) -> str:
        """Canonical Chinese name: the gazetteer's, else the longest name seen (ties: smallest)."""
        return self.official_name or min(self.names, key=lambda n: (-len(n), n))

    @property
    def aliases(self) -> list[str]:
        return sorted(n for n in self.names if n != self.name)


def core_name(mention: Mention, inner_places: list[Mention]) -> str:
    """The name without the places it starts with (阿克苏市第一中学 → 第一中学)."""
    name = mention.name
    pos = 0
    for place in sorted(inner_places, key=lambda m: m.start):
        surface = place.surface
        if name.startswith(surface, pos):
            pos += len(surface)
        else:
            break
    return name[pos:].lstrip("·") or name


def _distinctive(core: str) -> bool:
    """A core name that tells the entity apart without its places (not 第三小学, 实验中学)."""
    return len(core) > 3 and not GENERIC_CORE_RE.match(core)


def mention_key(mention: Mention, inner_places: list[Mention]) -> str:
    """The resolution key of one mention (see the module docstring)."""
    if mention.label == "Place" and mention.key:
        return f"place:{mention.key}"
    if mention.key and mention.key.startswith("aid:"):
        return mention.key
    core = core_name(mention, inner_places)
    if not _distinctive(core):
        core = mention.name
    return f"{mention.label}:{core}"


class Resolver:
    """Accumulates entities over a corpus; :meth:`add` maps one extraction's mentions to keys.

    ``names_seen[doc_id][key]`` holds the names each document gives each entity (its surface
    forms and core names), so a document's graph carries only the labels it supports.
    """

    def __init__(self):
        self.entities: dict[str, Entity] = {}
        self.names_seen: dict[str, dict[str, set[str]]] = {}

    def add(self, extraction: Extraction) -> list[str]:
        """Resolve the mentions of one document; returns the entity key of each mention."""
        mentions = extraction.mentions
        places = [m for m in mentions if m.inner and m.label == "Place"]
        inner = [[p for p in places if m.start <= p.start and p.end <= m.end and p is not m] for m in mentions]
        keys = self._join_aliases(mentions, [mention_key(m, places_in) for m, places_in in zip(mentions, inner)])
        seen = self.names_seen.setdefault(extraction.document.doc_id, {})
        for mention, key, places_in in zip(mentions, keys, inner):
            entity = self.entities.get(key)
            if entity is None:
                entity = self.entities[key] = Entity(key, mention.label, mention.subclass)
            if mention.label == "Place" and mention.key:
                entity.gazetteer_key = mention.key
                entity.official_name = mention.name
            names = {mention.name, *mention.aliases}
            core = core_name(mention, places_in)
            if not mention.key and _distinctive(core):
                names.add(core)  # 刘英小学 for 某省某市某区刘英小学
            entity.names[mention.name] = entity.names.get(mention.name, 0) + 1
            for name in names:
                entity.names.setdefault(name, 0)
            seen.setdefault(key, set()).update(names)
            if entity.subclass == entity.label and mention.subclass != mention.label:
                entity.subclass = mention.subclass
        return keys

    @staticmethod
    def _join_aliases(mentions: list[Mention], keys: list[str]) -> list[str]:
        """A mention whose name is another mention's alias (same class) is that entity."""
        by_alias = {}
        for mention, key in zip(mentions, keys):
            for alias in mention.aliases:
                by_alias.setdefault((mention.label, alias), key)
        return [by_alias.get((m.label, m.name), key) if not m.key else key for m, key in zip(mentions, keys)]

    def resolve(self, extractions: Iterable[Extraction]) -> list[list[str]]:
        """Resolve many documents; returns the keys of each document's mentions."""
        return [self.add(extraction) for extraction in extractions]
