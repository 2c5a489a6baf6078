"""Resolve a name a user types to a node of the graph: any label, a short form, English, pinyin, an IRI.

A name is compared with a node's names after :func:`name_key` (tone marks, case, spaces and
punctuation do not matter: "Xīnhé Xiàn", "xin he xian" and "XINHE COUNTY" all compare by their
letters). Matching goes in rounds, and the first round that finds anything decides:

1. the node's ``rdfs:label`` in any language (Chinese, English, pinyin) and its ``aid:adcode``;
2. its ``skos:altLabel`` (short and other forms: 新和 for 新和县);
3. the pinyin of its Chinese labels and altLabels (pypinyin), for graphs without a pinyin label and
   for short forms typed in pinyin ("xinhe");
4. its English label without the level of a place (data/labels/suffixes.csv): "Aksu" for
   "Aksu City";
5. its Chinese label after the Chinese name of a place it lies in (aid:within), the way Chinese
   text tells apart places of the same name: 乌帕尔镇团结村.

So an exact label wins over a short form that happens to be shared. A name that fits several nodes
raises :class:`~kg.errors.AmbiguousNameError` with every candidate; a name that fits none raises
:class:`~kg.errors.UnknownNameError` with the closest labels (difflib). An IRI, full or with a
project prefix (``res:place/652925``), is taken as it is if the graph has it.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

import pyoxigraph as ox

from kg.errors import AmbiguousNameError, ParameterError, UnknownNameError
from kg.graph.namespace import AID, IDX, PREFIXES, RDF, RDFS, RES, SKOS, TOP_CLASSES

__all__ = ["KINDS", "Lookup", "compact", "name_key", "name_triples"]

# Which top classes a parameter of each kind may name.
KINDS: dict[str, tuple[str, ...]] = {
    "entity": tuple(map(str, TOP_CLASSES)),
    "place": (str(AID.Place),),
    "program": (str(AID.Program),),
    "funder": (str(AID.Organization), str(AID.Place)),
}
# Spaces, quotation marks, apostrophes (Xī'ān), hyphens, middle dots (阿依古丽·买买提) and brackets are
# typing accidents, not part of a name.
_IGNORED = re.compile(r"[\s'’‘`\"“”「」『』《》〈〉·・•‧･\-‐‑–—_.,()（）]")
_SUGGESTIONS = 5
_PLURALS = {"entity": "entities", "property": "properties"}

_NODES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX aid: <https://w3id.org/aid-kg/ontology#>
SELECT ?x ?class ?p ?name WHERE {
  VALUES ?top { %s }
  ?class rdfs:subClassOf* ?top .
  ?x a ?class .
  VALUES ?p { rdfs:label skos:altLabel aid:adcode }
  ?x ?p ?name .
}
"""
_QUALIFIED = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX aid: <https://w3id.org/aid-kg/ontology#>
SELECT DISTINCT ?x ?name WHERE {
  VALUES ?top { %s }
  ?class rdfs:subClassOf* ?top .
  ?x a ?class ;
     aid:within ?place ;
     rdfs:label ?own FILTER (lang(?own) = "zh")
  ?place rdfs:label|skos:altLabel ?outer FILTER (lang(?outer) = "zh")
  BIND (CONCAT(?outer, ?own) AS ?name)
}
"""
_PREDICATES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?x ?name WHERE {
  { SELECT DISTINCT ?x WHERE { ?s ?x ?o } }
  OPTIONAL { ?x rdfs:label ?name }
}
"""
_PARENTS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX aid: <https://w3id.org/aid-kg/ontology#>
SELECT ?name WHERE {
  %s aid:partOf|aid:locatedIn ?parent .
  ?parent rdfs:label ?name FILTER(lang(?name) = "zh")
}
"""


def name_key(text: str) -> str:
    """The form in which names are compared: no diacritics, case folded, no spaces or punctuation.

    Args:
        text: a name as typed or as stored.

    Returns:
        The key: "Xīnhé Xiàn" -> "xinhexian", "新和县" stays "新和县".
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _IGNORED.sub("", bare.casefold())


def compact(iri: str) -> str:
    """An IRI with the project's prefixes (``aid:County``, ``res:place/652925``), else as it is."""
    best = max((ns for ns in PREFIXES.values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        return iri
    prefix = next(p for p, ns in PREFIXES.items() if ns == best)
    return f"{prefix}:{iri[len(best) :]}"


@dataclass
class _Node:
    iri: str
    classes: set[str] = field(default_factory=set)
    labels: set[str] = field(default_factory=set)
    alt: set[str] = field(default_factory=set)
    chinese: set[str] = field(default_factory=set)
    english: set[str] = field(default_factory=set)

    @property
    def display(self) -> str:
        """The node's Chinese name, with its English name in brackets when it has one."""
        zh = min(self.chinese & self.labels or self.chinese or self.labels or {compact(self.iri)})
        return f"{zh} ({min(self.english)})" if self.english else zh

    @property
    def cls(self) -> str:
        """The node's classes below the top classes, or its top class when it has no other."""
        specific = self.classes - set(KINDS["entity"]) or self.classes
        return ", ".join(sorted(compact(c).removeprefix("aid:") for c in specific))


def _pinyin(text: str) -> str:
    # Imported on first use: pypinyin's phrase tables take about a second to load, and most
    # names resolve in the first two rounds (kg query's start-up is measured).
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(text, style=Style.TONE))


@cache
def _levels() -> tuple[str, ...]:
    """English names of place levels ("Autonomous Prefecture", "City", "Town"), longest first."""
    from kg.reference.romanization import suffixes  # on first use, as pypinyin above

    heads = {suffix.en for suffix in suffixes() if suffix.kind in ("division", "unit")}
    return tuple(sorted(heads, key=len, reverse=True))


def _without_level(english: str) -> str:
    level = next((level for level in _levels() if english.endswith(" " + level)), None)
    return english[: -len(level) - 1] if level else ""


# The rounds of matching, in order (see the module docstring).
_ROUNDS = ("label", "altLabel", "pinyin", "english", "qualified")
_NODE_NAMES: dict[str, Callable[[_Node], Iterable[str]]] = {
    "label": lambda node: node.labels,
    "altLabel": lambda node: node.alt,
    "pinyin": lambda node: map(_pinyin, node.chinese),
    "english": lambda node: map(_without_level, node.english),
}


def _values(iris: Iterable[str]) -> str:
    return " ".join(f"<{iri}>" for iri in iris)


# The name index that the build stores in the index graph (kg/query/index.py): the keys of every
# round but the last (which joins two nodes' names), per group of kinds. An entity's names do not
# depend on the kind asked for; only which nodes count does, and that is checked per candidate.
_STORED_ROUNDS = _ROUNDS[:-1]
_KEY_PREDICATES = {
    ("entity", "label"): IDX.labelKey,
    ("entity", "altLabel"): IDX.altLabelKey,
    ("entity", "pinyin"): IDX.pinyinKey,
    ("entity", "english"): IDX.englishKey,
    ("property", "label"): IDX.propertyKey,
    ("property", "pinyin"): IDX.propertyPinyinKey,
}
_NAME_PREDICATES = {str(RDFS.label): "label", str(SKOS.altLabel): "altLabel", str(AID.adcode): "label"}
_OF_KIND = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?x WHERE {
  VALUES ?x { %s }
  VALUES ?top { %s }
  ?x a ?class .
  ?class rdfs:subClassOf* ?top .
}
"""
_SUBCLASSES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?class WHERE { VALUES ?top { %s } ?class rdfs:subClassOf* ?top }
"""


def name_triples(store: ox.Store) -> set[tuple]:
    """The name index of a graph, as triples for the index graph: ``?node idx:labelKey "key"`` for
    each name of each entity in the first round of matching, and likewise for the others
    (:data:`_KEY_PREDICATES`), so that :meth:`Lookup.resolve` finds a name with a look-up per
    round instead of indexing every name of the graph.

    Args:
        store: a store whose default graph is the union of its data graphs.

    Returns:
        (subject, predicate, object) triples of pyoxigraph terms.
    """
    lookup = Lookup(store)
    triples = set()
    for group, nodes in (("entity", _entity_names(store)), ("property", lookup._index("property"))):
        for round_ in _STORED_ROUNDS:
            if (group, round_) not in _KEY_PREDICATES:
                continue  # a property has no short forms and no English names
            predicate = ox.NamedNode(_KEY_PREDICATES[group, round_])
            for node in nodes.values():
                subject = ox.NamedNode(node.iri)
                triples.update(
                    (subject, predicate, ox.Literal(key)) for key in map(name_key, _NODE_NAMES[round_](node)) if key
                )
    return triples


def _entity_names(store: ox.Store) -> dict[str, _Node]:
    """The nodes of the six top classes with their names, as :meth:`Lookup._entities` gives them,
    read with a few scans of the default graph (that method's one SPARQL query took seconds on a
    million quads)."""
    classes = [row["class"] for row in store.query(_SUBCLASSES % _values(KINDS["entity"]))]
    nodes: dict[str, _Node] = {}
    for cls in classes:
        for quad in store.quads_for_pattern(None, ox.NamedNode(RDF.type), cls, ox.DefaultGraph()):
            if isinstance(quad.subject, ox.NamedNode):
                nodes.setdefault(quad.subject.value, _Node(quad.subject.value)).classes.add(cls.value)
    for predicate, round_ in _NAME_PREDICATES.items():
        for quad in store.quads_for_pattern(None, ox.NamedNode(predicate), None, ox.DefaultGraph()):
            node = nodes.get(quad.subject.value) if isinstance(quad.subject, ox.NamedNode) else None
            if node is None:
                continue
            name = quad.object
            (node.alt if round_ == "altLabel" else node.labels).add(name.value)
            language = getattr(name, "language", None)
            if language == "zh":
                node.chinese.add(name.value)
            elif language == "en":
                node.english.add(name.value)
    return {iri: node for iri, node in nodes.items() if node.labels or node.alt}


class Lookup:
    """Resolves names to nodes of one store; indexes are built on first use and kept.

    Args:
        store: a store from :func:`kg.queries.open_graph`, whose default graph is the union of
            its named graphs.
    """

    def __init__(self, store: ox.Store):
        self._store = store
        self._nodes: dict[str, dict[str, _Node]] = {}
        self._keys: dict[tuple[str, str], dict[str, set[str]]] = {}
        self._stored: bool | None = None  # whether the graph has the build's name index

    def resolve(self, text: str, kind: str) -> ox.NamedNode:
        """Find the one node of a kind that a name refers to.

        Args:
            text: what the user typed: a label in any language, a short form, pinyin with or
                without tones and spaces, an adcode, or an IRI (full or ``res:…``).
            kind: "entity" (any of the six top classes), "place", "program", "funder"
                (an organization or a place) or "property" (a predicate of the graph, by local
                name, label or IRI: ``partOf``, "located in", ``aid:fundedBy``).

        Returns:
            The node.

        Raises:
            ParameterError: the text is empty, or an IRI that the graph does not have.
            UnknownNameError: no node of that kind has the name.
            AmbiguousNameError: several nodes of that kind have the name.
        """
        iri = self._iri(text)
        if iri is not None:
            return iri
        key = name_key(text)
        if not key:
            raise ParameterError(f"an empty name cannot name a {kind}")
        if (stored := self._stored_match(key, kind)) is not None:
            return stored
        nodes = self._index(kind)
        for round_ in _ROUNDS:
            found = self._keyed(kind, round_).get(key)
            if found:
                break
        else:
            raise self._unknown(text, key, kind)
        if len(found) > 1:
            raise self._ambiguous(text, kind, [nodes[iri] for iri in sorted(found)])
        return ox.NamedNode(next(iter(found)))

    def _stored_match(self, key: str, kind: str) -> ox.NamedNode | None:
        """The one node the build's name index gives for a key, round by round as :meth:`resolve`
        goes, or None: no index, or no single node in the first four rounds. Then the index of the
        whole graph decides, which also words the errors (no node, several) and tries the last
        round; both give the same node for the same name."""
        group = "property" if kind == "property" else "entity"
        if group == "entity" and kind not in KINDS or not self._has_stored_keys():
            return None
        for round_ in _STORED_ROUNDS:
            predicate = _KEY_PREDICATES.get((group, round_))
            if predicate is None:
                continue
            found = {q.subject for q in self._store.quads_for_pattern(None, ox.NamedNode(predicate), ox.Literal(key))}
            if found and group == "entity":
                query = _OF_KIND % (" ".join(map(str, found)), _values(KINDS[kind]))
                found = {row["x"] for row in self._store.query(query)}
            if found:
                return next(iter(found)) if len(found) == 1 else None
        return None

    def _has_stored_keys(self) -> bool:
        if self._stored is None:
            ask = f"ASK {{ GRAPH <{RES['graph/index']}> {{ ?x <{IDX.labelKey}> ?key }} }}"
            self._stored = bool(self._store.query(ask))
        return self._stored

    def _iri(self, text: str) -> ox.NamedNode | None:
        text = text.strip()
        prefix, _, rest = text.partition(":")
        if prefix in PREFIXES and rest and not rest.startswith("//"):
            text = PREFIXES[prefix] + rest
        elif prefix not in ("http", "https"):
            return None
        try:
            node = ox.NamedNode(text)
        except ValueError as exc:
            raise ParameterError(f"'{text}' is not a valid IRI: {exc}") from exc
        if (
            next(self._store.quads_for_pattern(node, None, None), None) is None
            and next(self._store.quads_for_pattern(None, None, node), None) is None
        ):
            raise ParameterError(f"the graph has no node <{text}>")
        return node

    def _index(self, kind: str) -> dict[str, _Node]:
        if kind not in self._nodes:
            if kind == "property":
                self._nodes[kind] = self._predicates()
            elif kind in KINDS:
                self._nodes[kind] = self._entities(KINDS[kind])
            else:
                raise ParameterError(f"unknown parameter kind '{kind}' (known: {', '.join([*KINDS, 'property'])})")
        return self._nodes[kind]

    def _entities(self, tops: tuple[str, ...]) -> dict[str, _Node]:
        nodes: dict[str, _Node] = {}
        for row in self._store.query(_NODES % _values(tops)):
            node = nodes.setdefault(row["x"].value, _Node(row["x"].value))
            node.classes.add(row["class"].value)
            name = row["name"]
            if row["p"].value == str(SKOS.altLabel):
                node.alt.add(name.value)
            else:
                node.labels.add(name.value)
            if name.language == "zh":
                node.chinese.add(name.value)
            elif name.language == "en":
                node.english.add(name.value)
        return nodes

    def _predicates(self) -> dict[str, _Node]:
        nodes: dict[str, _Node] = {}
        for row in self._store.query(_PREDICATES):
            iri = row["x"].value
            node = nodes.setdefault(iri, _Node(iri, classes={"property"}))
            node.labels |= {compact(iri), re.split(r"[#/]", iri)[-1]}
            if iri == str(RDF.type):
                node.labels.add("a")
            if row["name"] is not None:
                node.labels.add(row["name"].value)
                if row["name"].language == "zh":
                    node.chinese.add(row["name"].value)
        return nodes

    def _keyed(self, kind: str, round_: str) -> dict[str, set[str]]:
        if (kind, round_) not in self._keys:
            keys: dict[str, set[str]] = {}
            for iri, name in self._names(kind, round_):
                keys.setdefault(name_key(name), set()).add(iri)
            self._keys[kind, round_] = keys
        return self._keys[kind, round_]

    def _names(self, kind: str, round_: str) -> Iterator[tuple[str, str]]:
        nodes = self._index(kind)
        if round_ != "qualified":
            for node in nodes.values():
                for name in _NODE_NAMES[round_](node):
                    yield node.iri, name
        elif kind in KINDS:
            # Asked only when the other rounds fail: every entity times every place around it.
            for row in self._store.query(_QUALIFIED % _values(KINDS[kind])):
                yield row["x"].value, row["name"].value

    def _unknown(self, text: str, key: str, kind: str) -> UnknownNameError:
        keys: dict[str, set[str]] = {}
        # Qualified names would suggest every village of a county.
        for round_ in _ROUNDS[:-1]:
            for name, iris in self._keyed(kind, round_).items():
                keys.setdefault(name, set()).update(iris)
        nodes = self._index(kind)
        suggestions: list[str] = []
        for close in difflib.get_close_matches(key, keys, n=_SUGGESTIONS * 2, cutoff=0.5):
            for iri in sorted(keys[close]):
                if nodes[iri].display not in suggestions:
                    suggestions.append(nodes[iri].display)
        suggestions = suggestions[:_SUGGESTIONS]
        message = f"no {kind} in the graph is named '{text}'"
        if kind in KINDS and kind != "entity":
            # The name may be right and the kind wrong (a school given as a place).
            others = [
                self._index("entity")[iri]
                for round_ in _ROUNDS[:-1]
                for iri in sorted(self._keyed("entity", round_).get(key, ()))
            ]
            if others:
                message += f" (it names {'; '.join(f'{n.display} [{n.cls}]' for n in others)})"
        if suggestions:
            message += f"; closest: {'; '.join(suggestions)}"
        return UnknownNameError(message, suggestions)

    def _ambiguous(self, text: str, kind: str, nodes: list[_Node]) -> AmbiguousNameError:
        candidates = [(node.display, node.cls, node.iri) for node in nodes]
        lines, examples = [], []
        for node in nodes:
            parents = sorted({row["name"].value for row in self._store.query(_PARENTS % ox.NamedNode(node.iri))})
            where = f", in {'/'.join(parents)}" if parents else ""
            lines.append(f"{node.display}{where} [{node.cls}] <{node.iri}>")
            examples += [parent + zh for parent in parents for zh in sorted(node.chinese & node.labels)]
        names = sorted({name for node in nodes for name in node.chinese & node.labels})
        if len(names) == len(nodes) and name_key(text) not in map(name_key, names):
            hint = f" (a full name: {', '.join(names)})"
        else:
            hint = f" (with the place it lies in, e.g. {examples[0]})" if examples else ""
        return AmbiguousNameError(
            # One line, as every error the CLI prints: the candidates separated by semicolons.
            f"'{text}' fits {len(nodes)} {_PLURALS.get(kind, kind + 's')}; give a more precise name{hint} or an IRI: "
            + "; ".join(lines),
            candidates,
        )
