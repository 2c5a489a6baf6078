"""Resolve a name a user types to a node of the graph: any label, a short form, English, pinyin, an IRI.

A name is compared with a node's names after :func:`name_key` (tone marks, case, spaces and
punctuation do not matter: "Xīnhé Xiàn", "xin he xian" and "XINHE COUNTY" all compare by their
letters). Matching goes in rounds, and the first round that finds anything decides:

1. the node's ``rdfs:label`` in any language (Chinese, English, pinyin) and its ``aid:adcode``;
2. its ``skos:altLabel`` (short and other forms: 新和 for 新和县);
3. the pinyin of its Chinese labels and altLabels (pypinyin), for graphs without a pinyin label and
   for short forms typed in pinyin ("xinhe").

So an exact label wins over a short form that happens to be shared. A name that fits several nodes
raises :class:`~kg.errors.AmbiguousNameError` with every candidate; a name that fits none raises
:class:`~kg.errors.UnknownNameError` with the closest labels (difflib). An IRI, full or with a
project prefix (``res:place/652925``), is taken as it is if the graph has it.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox
from pypinyin import Style, lazy_pinyin

from .errors import AmbiguousNameError, ParameterError, UnknownNameError
from .namespace import AID, PREFIXES, RDF, SKOS, TOP_CLASSES

__all__ = ["KINDS", "Lookup", "compact", "name_key"]

# Which top classes a parameter of each kind may name.
KINDS: dict[str, tuple[str, ...]] = {
    "entity": tuple(map(str, TOP_CLASSES)),
    "place": (str(AID.Place),),
    "program": (str(AID.Program),),
    "funder": (str(AID.Organization), str(AID.Place)),
}
# Spaces, quotation marks, apostrophes (Xī'ān), hyphens, middle dots (麦迪娜·吐尔洪) and brackets are
# typing accidents, not part of a name.
_IGNORED = re.compile(r"[\s'’‘`\"“”「」『』《》〈〉·・•‧･\-‐‑–—_.,()（）]")
_SUGGESTIONS = 5

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
    return f"{prefix}:{iri[len(best):]}"


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
        """The node's classes, most specific first (a top class only when it has no other)."""
        specific = self.classes - set(KINDS["entity"]) or self.classes
        return ", ".join(sorted(compact(c).removeprefix("aid:") for c in specific))


def _pinyin(text: str) -> str:
    return "".join(lazy_pinyin(text, style=Style.TONE))


# The rounds of matching, in order (see the module docstring).
_ROUNDS: tuple[Callable[[_Node], Iterable[str]], ...] = (
    lambda node: node.labels,
    lambda node: node.alt,
    lambda node: map(_pinyin, node.chinese),
)


class Lookup:
    """Resolves names to nodes of one store; indexes are built on first use and kept.

    Args:
        store: the graph, read as the union of its named graphs.
    """

    def __init__(self, store: ox.Store):
        self._store = store
        self._nodes: dict[str, dict[str, _Node]] = {}
        self._keys: dict[tuple[str, int], dict[str, set[str]]] = {}

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
        nodes = self._index(kind)
        for round_ in range(len(_ROUNDS)):
            found = self._keyed(kind, round_).get(key)
            if found:
                break
        else:
            raise self._unknown(text, key, kind)
        if len(found) > 1:
            raise self._ambiguous(text, kind, [nodes[iri] for iri in sorted(found)])
        return ox.NamedNode(found.pop())

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
        if next(self._store.quads_for_pattern(node, None, None), None) is None and next(
            self._store.quads_for_pattern(None, None, node), None
        ) is None:
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
        query = _NODES % " ".join(f"<{top}>" for top in tops)
        for row in self._store.query(query, use_default_graph_as_union=True):
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
        for row in self._store.query(_PREDICATES, use_default_graph_as_union=True):
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

    def _keyed(self, kind: str, round_: int) -> dict[str, set[str]]:
        if (kind, round_) not in self._keys:
            keys: dict[str, set[str]] = {}
            for node in self._index(kind).values():
                for name in _ROUNDS[round_](node):
                    keys.setdefault(name_key(name), set()).add(node.iri)
            self._keys[kind, round_] = keys
        return self._keys[kind, round_]

    def _unknown(self, text: str, key: str, kind: str) -> UnknownNameError:
        keys = {}
        for round_ in range(len(_ROUNDS)):
            for name, iris in self._keyed(kind, round_).items():
                keys.setdefault(name, set()).update(iris)
        nodes = self._index(kind)
        suggestions: list[str] = []
        for close in difflib.get_close_matches(key, keys, n=_SUGGESTIONS * 2, cutoff=0.5):
            for iri in sorted(keys[close]):
                if nodes[iri].display not in suggestions:
                    suggestions.append(nodes[iri].display)
        suggestions = suggestions[:_SUGGESTIONS]
        hint = f" Closest: {'; '.join(suggestions)}." if suggestions else ""
        return UnknownNameError(f"no {kind} in the graph is named '{text}'.{hint}", suggestions)

    def _ambiguous(self, text: str, kind: str, nodes: list[_Node]) -> AmbiguousNameError:
        candidates = [(node.display, node.cls, node.iri) for node in nodes]
        lines = []
        for node in nodes:
            parents = sorted(row["name"].value for row in self._store.query(
                _PARENTS % ox.NamedNode(node.iri), use_default_graph_as_union=True
            ))
            where = f", in {'/'.join(dict.fromkeys(parents))}" if parents else ""
            lines.append(f"  {node.display}{where}  [{node.cls}]  <{node.iri}>")
        return AmbiguousNameError(
            f"'{text}' fits {len(nodes)} nodes of kind {kind}; give a more precise name or one of these IRIs:\n"
            + "\n".join(lines),
            candidates,
        )
