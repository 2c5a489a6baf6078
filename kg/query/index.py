"""The index graph (``res:graph/index``): closures and aggregates some saved queries read instead of
walking every statement or program.

Some questions join through every program or statement of the graph when asked in SPARQL ("which
programs lie in this county" through participants and sub-programs, then containment; the counts
per funder). Their answers depend only on the graph, so the build works them out once, in Python,
from a few predicate scans, and writes them as triples into the named graph ``res:graph/index``
(into graph.trig too, so another SPARQL store gets them with the rest). The saved queries read
them with ``GRAPH res:graph/index { … }``; the index is not part of the union default graph, so
other queries never see it. Terms (``idx:``, https://w3id.org/aid-kg/index#):

* ``?person idx:personIn ?place`` — a person and every place it is in: its location or an
  affiliation (a village, a school), and all they are within; and ``idx:Everywhere`` for every
  person, which no place parameter can name, so that an unbound ``?place`` lists them all.
* ``?person idx:personPlace ?place`` — the places ``people.rq`` lists for a person: those it is
  located in or affiliated with, and those where its locations and affiliations are located.
* ``?tie idx:tieIn ?place ; idx:program ?program ; idx:location ?location ; idx:via ?via ;
  idx:statement ?statement`` — what ``projects-in-place.rq`` lists, one node per tie of a program
  to a location: its own location (no via), a participant located in or affiliated with it, or a
  sub-program located there (via the participant or sub-program); ``idx:tieIn`` the location and
  every place it is within, ``idx:statement`` the statements stating the tie (locatedIn,
  participant or partOf).
* ``?funding idx:fundedWithin ?funder ; idx:recipient ?recipient ; idx:giver ?giver ;
  idx:statement ?statement`` — what ``funded-by.rq`` lists, one node per ``aid:fundedBy``
  triple: ``idx:fundedWithin`` its giver and everything the giver is part of (``aid:partOf*``),
  ``idx:statement`` the statements stating it.
* ``?node idx:labelKey "key"`` (also ``idx:altLabelKey``, ``idx:pinyinKey``, ``idx:englishKey``,
  ``idx:propertyKey``, ``idx:propertyPinyinKey``) — the name index of :mod:`kg.query.lookup`:
  the compared forms of every name of every entity and property, one predicate per round of
  matching, so that a name typed by a user is one look-up instead of an index of the whole graph
  built anew by each ``kg query``.
* ``?pairing idx:pairingIn ?place ; idx:party ?party ; idx:partner ?partner`` — what
  ``pairings.rq`` lists, one node per ``aid:pairedWith`` triple: ``idx:pairingIn`` both sides,
  every place either is within, and ``idx:Everywhere``.
* ``?funder idx:programs n ; idx:places n ; idx:recipients n ; idx:documents n`` — what
  ``funders.rq`` lists: programs funded, distinct places of the recipients, recipients, and
  documents stating the funding (direct funding only).
* ``?program idx:funders "甲; 乙"`` — the Chinese names of a program's funders, sorted and joined,
  the column ``projects-in-place.rq`` gives: joined in the query, a program stated in many reports
  was read once per statement and funder (one county at 100 MB: 26 s, now 0.5 s). Likewise
  ``idx:personAffiliations``, ``idx:personPlaces`` and ``idx:personPrograms``, the columns of
  ``people.rq``, and ``?node idx:locations "甲; 乙"``, the names of what a node is located in,
  the column ``funded-by.rq`` and ``events.rq`` give (a row per location multiplied the rows of
  a recipient stated in many reports by its locations: 29,083 rows for 3,815 statements at 10 MB).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterator

import pyoxigraph as ox

from kg.graph.namespace import IDX, INDEX_GRAPH_IRI, PREFIXES
from kg.query.lookup import name_triples

__all__ = ["INDEX_GRAPH", "INDEX_VERSION", "index_quads", "index_version"]

INDEX_GRAPH = ox.NamedNode(str(INDEX_GRAPH_IRI))
# What the index graph holds, as the saved queries of this version read it: raised whenever an
# index term is added or changed (2: idx:pairingIn), so that a store built before says so instead
# of answering a saved query with nothing. Stated in the graph as idx:Everywhere idx:version n.
# 3: idx:funders and the joined names of people.rq. 4: idx:locations.
INDEX_VERSION = 4
_AID = PREFIXES["aid"]
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_SUBCLASSES = "SELECT ?c WHERE { ?c rdfs:subClassOf* aid:%s }"


def _pairs(store: ox.Store, local: str, graph=None) -> Iterator[tuple]:
    predicate = ox.NamedNode(_AID + local) if ":" not in local else ox.NamedNode(local)
    for quad in store.quads_for_pattern(None, predicate, None, graph or ox.DefaultGraph()):
        yield quad.subject, quad.object


def _members(store: ox.Store, top: str) -> set:
    classes = [row["c"] for row in store.query(_SUBCLASSES % top, prefixes=PREFIXES)]
    return {q.subject for c in classes for q in store.quads_for_pattern(None, _TYPE, c, ox.DefaultGraph())}


def _grouped(pairs) -> dict:
    grouped = defaultdict(set)
    for subject, obj in pairs:
        grouped[subject].add(obj)
    return grouped


def index_version(store: ox.Store) -> int | None:
    """The version of the index graph a store holds (:data:`INDEX_VERSION` when this version of
    aid-kg made it), or None for an index made before versions were stated, or none."""
    for quad in store.quads_for_pattern(_term(IDX.Everywhere), _term(IDX.version), None, INDEX_GRAPH):
        return int(quad.object.value)
    return None


def index_quads(store: ox.Store) -> list[ox.Quad]:
    """The quads of ``res:graph/index`` for a store whose default graph is the union of its data
    graphs (with the ontology and the ``aid:within`` closure).

    Returns:
        The quads, in the index graph, sorted (so that graph.trig is the same for the same graph).
    """
    located = _grouped(_pairs(store, "locatedIn"))
    affiliated = _grouped(_pairs(store, "affiliatedWith"))
    within = _grouped(_pairs(store, "within"))
    part_of = _grouped(_pairs(store, "partOf"))
    programs, persons = _members(store, "Program"), _members(store, "Person")
    # A person and every place it is in, and idx:Everywhere: so that people.rq, starting from
    # ?person idx:personIn ?place, lists every person when ?place is left unbound.
    person_in, everywhere = _term(IDX.personIn), _term(IDX.Everywhere)
    # And the places people.rq shows for a person: its locations and affiliations, and where those
    # are located, that are places (asked in the query, Oxigraph tested every place's class).
    person_place = _term(IDX.personPlace)
    places = _members(store, "Place")
    # and the names of its affiliations, places and programs, sorted and joined: grouped in the
    # query, a person named in many reports was read once per affiliation, place and program
    names = _chinese_names(store)
    taking_part = _grouped((person, program) for program, person in _pairs(store, "participant"))
    joined = {"personAffiliations": {}, "personPlaces": {}, "personPrograms": {}}
    triples = {(everywhere, _term(IDX.version), ox.Literal(str(INDEX_VERSION), datatype=_INTEGER))}
    for person in persons:
        triples.add((person, person_in, everywhere))
        own = located.get(person, set()) | affiliated.get(person, set())
        around = own.union(*(located.get(tie, set()) for tie in own))  # (locatedIn|affiliatedWith)/locatedIn?
        triples |= {(person, person_place, place) for place in around & places}
        joined["personAffiliations"][person] = affiliated.get(person, set())
        joined["personPlaces"][person] = around & places
        joined["personPrograms"][person] = taking_part.get(person, set())
        for location in own:
            triples |= {(person, person_in, place) for place in {location} | within.get(location, set())}
    for local, members in joined.items():
        triples |= _joined_names(members, names, _term(IDX[local]))
    triples |= _joined_names(located, names, _term(IDX.locations))

    triples |= _ties(store, programs, located, affiliated, within, part_of)
    triples |= _pairings(store, within, everywhere)

    funded = list(_pairs(store, "fundedBy"))
    triples |= _fundings(store, funded, part_of)
    triples |= name_triples(store)

    documents = _funding_documents(store)
    counts: dict = defaultdict(lambda: (set(), set(), set(), set()))
    for recipient, funder in funded:
        program_set, place_set, recipient_set, document_set = counts[funder]
        recipient_set.add(recipient)
        if recipient in programs:
            program_set.add(recipient)
        place_set |= located.get(recipient, set())
        document_set |= documents.get((recipient, funder), set())
    for funder, sets in counts.items():
        for name, members in zip(("programs", "places", "recipients", "documents"), sets):
            triples.add((funder, _term(IDX[name]), ox.Literal(str(len(members)), datatype=_INTEGER)))
    program_funders = _grouped((recipient, funder) for recipient, funder in funded if recipient in programs)
    triples |= _joined_names(program_funders, names, _term(IDX.funders))
    return sorted((ox.Quad(s, p, o, INDEX_GRAPH) for s, p, o in triples), key=str)


_TIE_PREDICATES = ("locatedIn", "participant", "partOf")
_TIE_STATEMENTS = """
SELECT ?statement ?subject ?predicate ?object WHERE {
  VALUES ?predicate { aid:locatedIn aid:participant aid:partOf }
  ?statement rdf:predicate ?predicate ; rdf:subject ?subject ; rdf:object ?object .
}"""


def _ties(store: ox.Store, programs: set, located: dict, affiliated: dict, within: dict, part_of: dict) -> set:
    """The ties of ``projects-in-place.rq``: one node per program, location, tie predicate and
    participant or sub-program (``via``), with the statements stating the tie and every place
    the location lies in.

    A tie is what the query's rows are made of; the query starts from ``?tie idx:tieIn ?place``
    and reads everything else from the tie, so each step is a look-up by subject (asked as a
    UNION of the three kinds of tie, Oxigraph evaluated each branch over every program).
    """
    statements = defaultdict(set)
    for row in store.query(_TIE_STATEMENTS, prefixes=PREFIXES):
        statements[row["subject"], row["predicate"], row["object"]].add(row["statement"])
    predicates = {local: ox.NamedNode(_AID + local) for local in _TIE_PREDICATES}
    ties = set()  # (program, predicate, location, via or None, the stated triple)
    for program in programs:
        for location in located.get(program, ()):
            ties.add((program, "locatedIn", location, None, (program, predicates["locatedIn"], location)))
    for program, via in _pairs(store, "participant"):
        if program in programs:
            for location in located.get(via, set()) | affiliated.get(via, set()):
                ties.add((program, "participant", location, via, (program, predicates["participant"], via)))
    for via, parents in part_of.items():
        for program in parents & programs:
            for location in located.get(via, ()):
                ties.add((program, "partOf", location, via, (via, predicates["partOf"], program)))
    term = {name: _term(IDX[name]) for name in ("tieIn", "program", "location", "via", "statement")}
    triples = set()
    for program, kind, location, via, stated in ties:
        tie = _node("tie", program, kind, location, via)
        triples |= {(tie, term["program"], program), (tie, term["location"], location)}
        triples |= {(tie, term["tieIn"], place) for place in {location} | within.get(location, set())}
        if via is not None:
            triples.add((tie, term["via"], via))
        triples |= {(tie, term["statement"], statement) for statement in statements.get(stated, ())}
    return triples


def _pairings(store: ox.Store, within: dict, everywhere: ox.NamedNode) -> set:
    """The pairings of ``pairings.rq``: one node per ``?party aid:pairedWith ?partner``, in
    (``idx:pairingIn``) both sides, every place either side is within, and idx:Everywhere, so
    that the query starts from the pairings of its place instead of testing every pairing."""
    term = {name: _term(IDX[name]) for name in ("pairingIn", "party", "partner")}
    triples = set()
    for party, partner in set(_pairs(store, "pairedWith")):
        pairing = _node("pairing", party, partner)
        triples |= {(pairing, term["party"], party), (pairing, term["partner"], partner)}
        places = {party, partner, everywhere} | within.get(party, set()) | within.get(partner, set())
        triples |= {(pairing, term["pairingIn"], place) for place in places}
    return triples


def _fundings(store: ox.Store, funded: list, part_of: dict) -> set:
    """The fundings of ``funded-by.rq``: one node per ``?recipient aid:fundedBy ?giver``, with the
    statements stating it and, as ``idx:fundedWithin``, the giver and everything it is part of
    (``aid:partOf*``), so that the query starts from the fundings of the funder asked for."""
    statements = defaultdict(set)
    for row in store.query(_FUNDING_STATEMENTS, prefixes=PREFIXES):
        statements[row["recipient"], row["giver"]].add(row["statement"])
    term = {name: _term(IDX[name]) for name in ("fundedWithin", "recipient", "giver", "statement")}
    triples = set()
    for recipient, giver in set(funded):
        seen, stack = {giver}, [giver]
        while stack:  # aid:partOf* from the giver
            for parent in part_of.get(stack.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    stack.append(parent)
        funding = _node("funding", recipient, giver)
        triples |= {(funding, term["recipient"], recipient), (funding, term["giver"], giver)}
        triples |= {(funding, term["fundedWithin"], funder) for funder in seen}
        triples |= {(funding, term["statement"], statement) for statement in statements.get((recipient, giver), ())}
    return triples


_FUNDING_STATEMENTS = """
SELECT ?statement ?recipient ?giver WHERE {
  ?statement rdf:predicate aid:fundedBy ; rdf:subject ?recipient ; rdf:object ?giver .
}"""


def _chinese_names(store: ox.Store) -> dict:
    return _grouped(
        (quad.subject, quad.object.value)
        for quad in store.quads_for_pattern(None, _LABEL, None, ox.DefaultGraph())
        if getattr(quad.object, "language", None) == "zh"
    )


def _joined_names(members: dict, names: dict, predicate: ox.NamedNode) -> set:
    """``?node predicate "甲; 乙"``: the Chinese names of each node's members, sorted and joined."""
    triples = set()
    for node, group in members.items():
        joined = "; ".join(sorted({name for member in group for name in names.get(member, ())}))
        if joined:
            triples.add((node, predicate, ox.Literal(joined)))
    return triples


def _node(kind: str, *terms) -> ox.NamedNode:
    """A node of the index graph named after what it stands for (the same in every build)."""
    key = "\t".join(str(term) for term in terms)
    return ox.NamedNode(f"{IDX._NS}{kind}-{hashlib.sha1(key.encode()).hexdigest()[:20]}")


def _term(uri) -> ox.NamedNode:
    return ox.NamedNode(str(uri))


_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
_FUNDING_DOCUMENTS = """
SELECT ?recipient ?funder ?document WHERE {
  ?statement rdf:predicate aid:fundedBy ; rdf:subject ?recipient ; rdf:object ?funder ;
             prov:wasDerivedFrom ?document .
}"""


def _funding_documents(store: ox.Store) -> dict:
    documents = defaultdict(set)
    for row in store.query(_FUNDING_DOCUMENTS, prefixes=PREFIXES):
        documents[row["recipient"], row["funder"]].add(row["document"])
    return documents
