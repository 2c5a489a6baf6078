"""Namespaces of the graph: the closed ``AID`` vocabulary, ``RES`` for entities, and prefix bindings.

``AID`` lists exactly the terms declared in ``ontology/aid.ttl`` (a test keeps the two equal), so a
mistyped term such as ``AID.locatedin`` raises ``AttributeError`` instead of minting a new IRI.
"""

from functools import cache

from rdflib import OWL, RDF, Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDFS, SDO, SH, SKOS, XSD, DefinedNamespace

from kg.resources import ONTOLOGY_DIR

__all__ = [
    "AID",
    "AIDSH",
    "DCTERMS",
    "GEO",
    "IDX",
    "INDEX_GRAPH_IRI",
    "ONTOLOGY_DIR",
    "ONTOLOGY_PATH",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDFS",
    "RES",
    "SDO",
    "SHAPES_PATH",
    "SKOS",
    "TOP_CLASSES",
    "XSD",
    "bind_prefixes",
    "load_ontology",
    "top_class",
]

ONTOLOGY_PATH = ONTOLOGY_DIR / "aid.ttl"
SHAPES_PATH = ONTOLOGY_DIR / "shapes.ttl"

RES = Namespace("https://w3id.org/aid-kg/resource/")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
INDEX_GRAPH_IRI = RES["graph/index"]


class AIDSH(DefinedNamespace):
    """The shapes' own terms (``ontology/shapes.ttl``) that code reads."""

    _NS = Namespace("https://w3id.org/aid-kg/shapes#")
    _fail = True

    checkedOn: URIRef  # Annotates a shape with the graphs it is checked on.
    CorpusGraphs: URIRef  # The corpus-level graphs only (not each batch of document graphs).


class IDX(DefinedNamespace):
    """The terms of the index graph the build derives from the rest (``kg/query/index.py``; the
    saved queries read it), for look-ups that stay fast however large the graph."""

    _NS = Namespace("https://w3id.org/aid-kg/index#")
    _fail = True

    version: URIRef  # the index graph's own version (idx:Everywhere idx:version n): what it holds
    personIn: URIRef  # a person and every place it is in (and idx:Everywhere)
    personPlace: URIRef  # the places people.rq lists for a person
    Everywhere: URIRef  # the place every person and pairing is in: the queries without a place
    pairingIn: URIRef  # a pairing, its sides and every place either is within (and idx:Everywhere)
    party: URIRef
    partner: URIRef
    tieIn: URIRef  # a tie of a program to a location, and every place the location is within
    program: URIRef
    location: URIRef
    via: URIRef
    statement: URIRef  # the statements stating a tie or a funding
    fundedWithin: URIRef  # a funding's giver and everything it is part of
    recipient: URIRef
    giver: URIRef
    programs: URIRef  # a funder's counts
    places: URIRef
    recipients: URIRef
    documents: URIRef
    funders: URIRef  # a program's funders' Chinese names, sorted, joined by "; " (projects-in-place.rq)
    personAffiliations: URIRef  # and a person's affiliations, places and programs (people.rq)
    personPlaces: URIRef
    personPrograms: URIRef
    locations: URIRef  # the Chinese names of what a node is located in, joined (funded-by.rq, events.rq)
    labelKey: URIRef  # the name index: compared forms of each kind of name
    altLabelKey: URIRef
    pinyinKey: URIRef
    englishKey: URIRef
    propertyKey: URIRef
    propertyPinyinKey: URIRef


class AID(DefinedNamespace):
    """The aid-kg ontology (``ontology/aid.ttl``); read the comments there for full definitions."""

    _NS = Namespace("https://w3id.org/aid-kg/ontology#")
    _fail = True

    Entity: URIRef  # Any entity: the union of the six top classes, never a type by itself.

    # Top classes
    Place: URIRef  # An administrative area, informal region, or named site with a location.
    Organization: URIRef  # A body, company, school, hospital, park, venue, team or platform.
    Program: URIRef  # An aid program, project, campaign, initiative, brand or service.
    Event: URIRef  # A dated, one-off happening.
    Person: URIRef  # A named person.
    Work: URIRef  # A creative work, usually named in 《》.

    # Places
    AdministrativeDivision: URIRef  # An official administrative division (has an adcode).
    Province: URIRef  # 省, 自治区, 直辖市.
    Prefecture: URIRef  # 地区, 自治州, 地级市, 盟.
    County: URIRef  # 县, 自治县, 县级市, 市辖区, 旗.
    Township: URIRef  # 镇, 乡, 民族乡, 街道.
    Village: URIRef  # 村, 社区.
    XPCCUnit: URIRef  # A division or regiment of the Xinjiang Production and Construction Corps.
    Region: URIRef  # An informal region without a code (南疆, 长三角).
    Site: URIRef  # A station, port, ruin, scenic area, street or square.

    # Organizations
    GovernmentBody: URIRef  # A government or party body, department or bureau.
    XPCCDivision: URIRef  # A division of the XPCC as a body of the Corps (a GovernmentBody).
    AidCommand: URIRef  # A giving province's or city's front-line aid headquarters (指挥部).
    School: URIRef  # A kindergarten, school, college or university.
    Hospital: URIRef  # A hospital, clinic or health centre.
    Company: URIRef  # A company, cooperative or other enterprise.
    IndustrialPark: URIRef  # An industrial, cooperation or development park or zone.
    Venue: URIRef  # A hall, museum, library, theatre or culture park.
    MediaOrganization: URIRef  # A newspaper, news agency or broadcaster.
    Team: URIRef  # A named team, squad or troupe (医疗队, 服务队).
    Platform: URIRef  # A platform, alliance or network.

    # Programs
    Project: URIRef  # A concrete project, industrial chain or production line.
    Campaign: URIRef  # A campaign, plan or special action (行动, 计划).
    Activity: URIRef  # A recurring series of activities or exchanges (not prov:Activity).
    Brand: URIRef  # A named initiative brand (工坊, 品牌).
    Service: URIRef  # An ongoing service: a scheduled line, a clinic service.

    # Events
    Contest: URIRef  # A contest, competition or match.
    Exhibition: URIRef  # An exhibition, fair or expo.
    Meeting: URIRef  # A meeting, forum, ceremony or signing.

    # Works
    Performance: URIRef  # A stage work: dance drama, musical, play.
    Publication: URIRef  # A book, periodical or anthology.
    Film: URIRef  # A film, documentary or TV series.

    # Records
    Source: URIRef  # What facts are derived from: a Document or the Gazetteer.
    Document: URIRef  # A source news report.
    Statement: URIRef  # The evidence (reified triple) for one asserted triple.
    Sentence: URIRef  # A sentence of a document, the evidence of statements.
    Figure: URIRef  # A number quoted in a report, about an entity.
    Gazetteer: URIRef  # The bundled gazetteer, source of non-textual place facts.

    # Core properties
    locatedIn: URIRef  # Where something is: the most specific place.
    partOf: URIRef  # Direct containment between things of the same top class.
    fundedBy: URIRef  # The aid-giver: an organization or place.
    participant: URIRef  # A person or organization taking part in or benefiting from it.
    affiliatedWith: URIRef  # A person's school, employer or village.
    pairedWith: URIRef  # Symmetric twinning of two places or two organizations.
    date: URIRef  # xsd:date, xsd:gYearMonth or xsd:gYear.

    # Places
    within: URIRef  # Materialised transitive closure of locatedIn/partOf, ending at places.
    adcode: URIRef  # Six-digit administrative division code (string).
    level: URIRef  # province, prefecture, county, township, village or region.

    # Documents
    sourcePath: URIRef  # Path relative to the corpus root.
    contentHash: URIRef  # Hash of the document content.
    text: URIRef  # The text that all offsets index into.

    # Statements and their sentences
    inSentence: URIRef  # The aid:Sentence that supports a statement.
    sentence: URIRef  # The text of an aid:Sentence, as it appears in the document.
    startOffset: URIRef  # Start of the evidence in the document text (xsd:integer, inclusive).
    endOffset: URIRef  # End of the evidence in the document text (xsd:integer, exclusive).
    evidenceStrength: URIRef  # "explicit" or "default".
    extractedBy: URIRef  # Id of the rule that produced the statement.

    # Figures
    figureOf: URIRef  # The entity a figure is about.
    value: URIRef  # The number (xsd:decimal).
    unit: URIRef  # The unit as written (元, 人次).
    approximate: URIRef  # Whether the text marks the figure as approximate (xsd:boolean).
    qualifier: URIRef  # The qualifying word as written (余, 近, 超).


TOP_CLASSES: tuple[URIRef, ...] = (AID.Place, AID.Organization, AID.Program, AID.Event, AID.Person, AID.Work)

PREFIXES: dict[str, str] = {
    "aid": str(AID),
    "res": str(RES),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "prov": str(PROV),
    "schema": str(SDO),
    "dcterms": str(DCTERMS),
    "geo": str(GEO),
    "xsd": str(XSD),
    "owl": str(OWL),
    "sh": str(SH),
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes on a graph, replacing conflicting defaults.

    rdflib binds ``geo:`` to GeoSPARQL by default; this rebinds it to WGS84, as SCHEMA.md requires.
    Serializers only write the prefixes a graph actually uses.

    Args:
        graph: The graph (or dataset) whose namespace manager to update.

    Returns:
        The same graph, for chaining.
    """
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    return graph


@cache
def load_ontology() -> Graph:
    """Parse ``ontology/aid.ttl`` once per process.

    Returns:
        The ontology graph. It is shared between callers: copy it before changing it.
    """
    return bind_prefixes(Graph()).parse(ONTOLOGY_PATH, format="turtle")


@cache
def top_class(cls: URIRef) -> URIRef | None:
    """Find the top class that a class belongs to, following ``rdfs:subClassOf`` in the ontology.

    Args:
        cls: A class IRI, e.g. ``AID.County``.

    Returns:
        The top class (one of ``TOP_CLASSES``), e.g. ``AID.Place``; ``None`` for a class outside
        the six hierarchies (``AID.Statement``, an unknown IRI).
    """
    for ancestor in load_ontology().transitive_objects(cls, RDFS.subClassOf):
        if ancestor in TOP_CLASSES:
            return ancestor
    return None
