# Fixtures: a small hand-written build graph of made-up entities in the style of Chinese official
# news (东海省 giving aid to 南屏地区 东岭县: a command, two paired schools, a project in a
# campaign, a contest in a gymnasium, a person, a performance, a figure, a document and two
# statements). Names, codes and coordinates are invented; none comes from the sample article.
# Expected messages are the sh:message texts of ontology/shapes.ttl.
import datetime
from decimal import Decimal
from typing import NamedTuple

import pytest
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic, to_isomorphic
from rdflib.namespace import PROV, SH, SKOS, XSD

from kg.graph.namespace import AID, AIDSH, GEO, RES, SHAPES_PATH
from kg.graph.validate import ValidationResult, Violation, validate, validate_quads

PROVINCE = RES["place/339900"]
PREFECTURE = RES["place/659900"]
COUNTY = RES["place/659901"]
SITE = RES["place/dongling-xian-tiyuguan-2c3d4e5f"]
COMMAND = RES["org/donghai-sheng-yuanjiang-zhihuibu-0f1e2d3c"]
SCHOOL = RES["org/dongling-xian-disan-zhongxue-1a2b3c4d"]
PARTNER = RES["org/donghai-sheng-shiyan-zhongxue-5e6f7a8b"]
DIVISION = RES["org/xpcc-659901-2c4e6a8b"]  # a made-up division of the Corps, paired like a region
PROJECT = RES["program/dongling-guangfu-chanyelian-9c8d7e6f"]
CAMPAIGN = RES["program/chunmiao-xingdong-2b3c4d5e"]
CONTEST = RES["event/dongling-xian-qingshaonian-shufa-dasai-6f7e8d9c"]
PERSON = RES["person/reyila-aishan-3d4c5b6a"]
WORK = RES["work/xuelian-huakai-7a6b5c4d"]
FIGURE = RES["figure/4e5f6a7b"]
DOC = RES["doc/report-8f9e0d1c"]
GAZETTEER = RES["gazetteer"]
STATEMENT = RES["stmt/1b2c3d4e"]
SENTENCE_NODE = RES["sentence/report-8f9e0d1c/5-25"]
GAZETTEER_STATEMENT = RES["stmt/5f6e7d8c"]

DOC_GRAPH = RES["graph/doc/report-8f9e0d1c"]
GAZETTEER_GRAPH = RES["graph/gazetteer"]


def _entity(iri, cls, zh, en, pinyin):
    return [
        (iri, RDF.type, cls),
        (iri, RDFS.label, Literal(zh, lang="zh")),
        (iri, RDFS.label, Literal(en, lang="en")),
        (iri, RDFS.label, Literal(pinyin, lang="zh-Latn-pinyin")),
    ]


def _place(iri, cls, zh, en, pinyin, code, level):
    return _entity(iri, cls, zh, en, pinyin) + [
        (iri, AID.adcode, Literal(code)),
        (iri, AID.level, Literal(level)),
    ]


GAZETTEER_TRIPLES = [
    (GAZETTEER, RDF.type, AID.Gazetteer),
    *_place(PROVINCE, AID.Province, "东海省", "Donghai Province", "Dōnghǎi Shěng", "339900", "province"),
    *_place(PREFECTURE, AID.Prefecture, "南屏地区", "Nanping Prefecture", "Nánpíng Dìqū", "659900", "prefecture"),
    *_place(COUNTY, AID.County, "东岭县", "Dongling County", "Dōnglǐng Xiàn", "659901", "county"),
    (COUNTY, GEO.lat, Literal(Decimal("40.52"))),
    (COUNTY, GEO.long, Literal(Decimal("81.27"))),
    (COUNTY, AID.partOf, PREFECTURE),
    (COUNTY, AID.within, PREFECTURE),
    (GAZETTEER_STATEMENT, RDF.type, AID.Statement),
    (GAZETTEER_STATEMENT, RDF.subject, COUNTY),
    (GAZETTEER_STATEMENT, RDF.predicate, AID.partOf),
    (GAZETTEER_STATEMENT, RDF.object, PREFECTURE),
    (GAZETTEER_STATEMENT, PROV.wasDerivedFrom, GAZETTEER),
]

SENTENCE = "东海省援疆指挥部在东岭县建设光伏产业链。"
DOCUMENT_TRIPLES = [
    (DOC, RDF.type, AID.Document),
    (DOC, AID.sourcePath, Literal("2024/report.txt")),
    (DOC, AID.contentHash, Literal("3f" * 32)),
    (DOC, AID.text, Literal("东岭新闻\n" + SENTENCE)),
    *_entity(COMMAND, AID.AidCommand, "东海省援疆指挥部", "Donghai Aid Command", "Dōnghǎi Shěng Yuánjiāng Zhǐhuībù"),
    (COMMAND, SKOS.altLabel, Literal("东海援疆", lang="zh")),
    (COMMAND, AID.locatedIn, PREFECTURE),
    *_entity(SCHOOL, AID.School, "东岭县第三中学", "Dongling No. 3 Middle School", "Dōnglǐng Xiàn Dìsān Zhōngxué"),
    *_entity(PARTNER, AID.School, "东海省实验中学", "Donghai Experimental School", "Dōnghǎi Shěng Shíyàn Zhōngxué"),
    (SCHOOL, AID.pairedWith, PARTNER),
    (SCHOOL, AID.locatedIn, COUNTY),
    (PROVINCE, AID.pairedWith, PREFECTURE),
    *_entity(
        DIVISION, AID.XPCCDivision, "新疆生产建设兵团第九十师", "90th Division", "Xīnjiāng Bīngtuán Dìjiǔshí Shī"
    ),
    (DIVISION, AID.locatedIn, COUNTY),
    (PROVINCE, AID.pairedWith, DIVISION),
    *_entity(PROJECT, AID.Project, "东岭光伏产业链", "Dongling Photovoltaic Chain", "Dōnglǐng Guāngfú Chǎnyèliàn"),
    (PROJECT, AID.locatedIn, COUNTY),
    (PROJECT, AID.within, COUNTY),
    (PROJECT, AID.within, PREFECTURE),
    (PROJECT, AID.fundedBy, COMMAND),
    (PROJECT, AID.fundedBy, PROVINCE),
    (PROJECT, AID.participant, SCHOOL),
    (PROJECT, AID.partOf, CAMPAIGN),
    (PROJECT, AID.date, Literal("2024-05", datatype=XSD.gYearMonth)),
    *_entity(CAMPAIGN, AID.Campaign, "春苗行动", "Spring Seedling Campaign", "Chūnmiáo Xíngdòng"),
    (CAMPAIGN, AID.date, Literal("2023", datatype=XSD.gYear)),
    *_entity(
        CONTEST, AID.Contest, "东岭县青少年书法大赛", "Dongling County Youth Calligraphy Contest",
        "Dōnglǐng Xiàn Qīngshàonián Shūfǎ Dàsài",
    ),
    (CONTEST, AID.date, Literal(datetime.date(2024, 6, 1))),
    (CONTEST, AID.participant, PERSON),
    (CONTEST, AID.locatedIn, SITE),
    *_entity(SITE, AID.Site, "东岭县体育馆", "Dongling County Gymnasium", "Dōnglǐng Xiàn Tǐyùguǎn"),
    (SITE, AID.locatedIn, COUNTY),
    *_entity(PERSON, AID.Person, "热依拉·艾山", "Reyila Aishan", "Rèyīlā Àishān"),
    (PERSON, AID.affiliatedWith, SCHOOL),
    *_entity(WORK, AID.Performance, "雪莲花开", "Snow Lotus in Bloom", "Xuělián Huākāi"),
    (WORK, AID.fundedBy, COMMAND),
    (FIGURE, RDF.type, AID.Figure),
    (FIGURE, RDFS.label, Literal("13万余人次", lang="zh")),
    (FIGURE, AID.figureOf, PROJECT),
    (FIGURE, AID.value, Literal(Decimal("130000"))),
    (FIGURE, AID.unit, Literal("人次")),
    (FIGURE, AID.approximate, Literal(True)),
    (FIGURE, AID.qualifier, Literal("余")),
    (STATEMENT, RDF.type, AID.Statement),
    (STATEMENT, RDF.subject, PROJECT),
    (STATEMENT, RDF.predicate, AID.locatedIn),
    (STATEMENT, RDF.object, COUNTY),
    (STATEMENT, PROV.wasDerivedFrom, DOC),
    (STATEMENT, AID.inSentence, SENTENCE_NODE),
    (STATEMENT, AID.startOffset, Literal(5)),
    (STATEMENT, AID.endOffset, Literal(5 + len(SENTENCE))),
    (STATEMENT, AID.evidenceStrength, Literal("explicit")),
    (STATEMENT, AID.extractedBy, Literal("locative-zai")),
    (SENTENCE_NODE, RDF.type, AID.Sentence),
    (SENTENCE_NODE, AID.sentence, Literal(SENTENCE)),
    (SENTENCE_NODE, AID.startOffset, Literal(5)),
    (SENTENCE_NODE, AID.endOffset, Literal(5 + len(SENTENCE))),
    (SENTENCE_NODE, PROV.wasDerivedFrom, DOC),
]


def conforming_graph() -> Graph:
    graph = Graph()
    for triple in GAZETTEER_TRIPLES + DOCUMENT_TRIPLES:
        graph.add(triple)
    return graph


def conforming_dataset(store: str) -> Dataset:
    dataset = Dataset(store=store)
    dataset.addN((*t, dataset.graph(GAZETTEER_GRAPH)) for t in GAZETTEER_TRIPLES)
    dataset.addN((*t, dataset.graph(DOC_GRAPH)) for t in DOCUMENT_TRIPLES)
    return dataset


ZH_LABEL = (
    'An entity must have an rdfs:label tagged "zh" in Han characters (its canonical Chinese name), or, named only'
    " in English, @en labels alone."
)
LABEL = (
    "An entity's rdfs:label values must carry language tags, at most one per tag (@zh, @en, @zh-Latn-pinyin)."
)
ALT_LABEL = "skos:altLabel values must carry a language tag."
LOCATED_IN = "aid:locatedIn must point to an aid:Place."
WITHIN = "aid:within must point to an aid:Place."
FUNDED_BY = "aid:fundedBy must point to an aid:Organization or an aid:Place."
PARTICIPANT = "aid:participant must point to an aid:Person or an aid:Organization."
AFFILIATED_WITH = "aid:affiliatedWith must point to an aid:Organization or an aid:Place."
DATE = "aid:date must be a valid xsd:date, xsd:gYearMonth or xsd:gYear literal."
ADCODE = "aid:adcode must be one string of exactly six digits."
LAT = "geo:lat must be one xsd:decimal in [-90, 90], given together with geo:long."
LONG = "geo:long must be one xsd:decimal in [-180, 180], given together with geo:lat."
START_OFFSET = "aid:startOffset must be one xsd:integer >= 0 and <= aid:endOffset."
END_OFFSET = "aid:endOffset must be one xsd:integer >= 0."
SOURCE = "A statement must be prov:wasDerivedFrom at least one aid:Source (an aid:Document or the aid:Gazetteer)."


class Case(NamedTuple):
    id: str
    remove: list  # triple patterns (None is a wildcard) removed from the conforming graph
    add: list  # triples added after that
    focus: URIRef
    path: URIRef | None
    message: str


CASES = [
    # Labels
    # A node shape (a @zh name, or @en labels alone): its results have no path.
    Case("missing-zh-label", [(PERSON, RDFS.label, Literal("热依拉·艾山", lang="zh"))], [],
         PERSON, None, ZH_LABEL),
    Case("zh-label-in-pinyin", [(PERSON, RDFS.label, Literal("热依拉·艾山", lang="zh"))],
         [(PERSON, RDFS.label, Literal("Reyila Aishan", lang="zh"))], PERSON, None, ZH_LABEL),
    Case("label-without-language", [], [(COUNTY, RDFS.label, Literal("东岭"))], COUNTY, RDFS.label, LABEL),
    Case("two-en-labels", [], [(COUNTY, RDFS.label, Literal("Dongling", lang="en"))], COUNTY, RDFS.label, LABEL),
    Case("alt-label-without-language", [], [(SCHOOL, SKOS.altLabel, Literal("东岭三中"))],
         SCHOOL, SKOS.altLabel, ALT_LABEL),
    # Ranges
    Case("locatedIn-a-program", [], [(SCHOOL, AID.locatedIn, PROJECT)], SCHOOL, AID.locatedIn, LOCATED_IN),
    Case("locatedIn-an-untyped-node", [], [(SCHOOL, AID.locatedIn, RES["place/unknown"])],
         SCHOOL, AID.locatedIn, LOCATED_IN),
    Case("within-an-organization", [], [(PROJECT, AID.within, SCHOOL)], PROJECT, AID.within, WITHIN),
    Case("fundedBy-a-person", [], [(PROJECT, AID.fundedBy, PERSON)], PROJECT, AID.fundedBy, FUNDED_BY),
    Case("participant-a-place", [], [(CONTEST, AID.participant, COUNTY)], CONTEST, AID.participant, PARTICIPANT),
    Case("affiliatedWith-a-program", [], [(PERSON, AID.affiliatedWith, PROJECT)],
         PERSON, AID.affiliatedWith, AFFILIATED_WITH),
    Case("date-as-plain-string", [], [(CONTEST, AID.date, Literal("2024年6月"))], CONTEST, AID.date, DATE),
    Case("date-as-datetime", [], [(CONTEST, AID.date, Literal("2024-06-01T09:00:00", datatype=XSD.dateTime))],
         CONTEST, AID.date, DATE),
    Case("date-ill-formed", [], [(CONTEST, AID.date, Literal("2024-13-01", datatype=XSD.date))],
         CONTEST, AID.date, DATE),
    Case("place-partOf-a-program", [], [(COUNTY, AID.partOf, CAMPAIGN)], COUNTY, AID.partOf,
         "aid:partOf must link a Place to a Place."),
    Case("program-partOf-a-place", [], [(PROJECT, AID.partOf, COUNTY)], PROJECT, AID.partOf,
         "aid:partOf must link a Program to a Program."),
    Case("organization-partOf-a-program", [], [(SCHOOL, AID.partOf, PROJECT)], SCHOOL, AID.partOf,
         "aid:partOf must link an Organization to an Organization or to the Place it acts for."),
    Case("place-pairedWith-an-organization", [], [(PROVINCE, AID.pairedWith, PARTNER)], PROVINCE, AID.pairedWith,
         "aid:pairedWith must link a Place to a Place or to an XPCC division (paired like a region)."),
    Case("organization-pairedWith-a-place", [], [(SCHOOL, AID.pairedWith, PREFECTURE)], SCHOOL, AID.pairedWith,
         "aid:pairedWith must link an Organization to an Organization."),
    # Domains
    Case("work-locatedIn", [], [(WORK, AID.locatedIn, COUNTY)], WORK, AID.locatedIn, "A Work has no aid:locatedIn."),
    Case("person-partOf", [], [(PERSON, AID.partOf, SCHOOL)], PERSON, AID.partOf,
         "Only Places, Programs and Organizations have aid:partOf."),
    Case("place-fundedBy", [], [(COUNTY, AID.fundedBy, COMMAND)], COUNTY, AID.fundedBy,
         "Only Programs, Organizations, Events and Works have aid:fundedBy."),
    Case("organization-participant", [], [(SCHOOL, AID.participant, PERSON)], SCHOOL, AID.participant,
         "Only Programs and Events have aid:participant."),
    Case("program-affiliatedWith", [], [(PROJECT, AID.affiliatedWith, SCHOOL)], PROJECT, AID.affiliatedWith,
         "Only Persons have aid:affiliatedWith."),
    Case("program-pairedWith", [], [(PROJECT, AID.pairedWith, CAMPAIGN)], PROJECT, AID.pairedWith,
         "Only Places and Organizations have aid:pairedWith."),
    Case("person-date", [], [(PERSON, AID.date, Literal("1990", datatype=XSD.gYear))], PERSON, AID.date,
         "Only Events and Programs have aid:date."),
    # Places
    Case("adcode-on-an-organization", [], [(COMMAND, AID.adcode, Literal("339900"))], COMMAND, None,
         "Only an aid:Place has an aid:adcode."),
    Case("adcode-five-digits", [(COUNTY, AID.adcode, None)], [(COUNTY, AID.adcode, Literal("65990"))],
         COUNTY, AID.adcode, ADCODE),
    Case("adcode-as-integer", [(COUNTY, AID.adcode, None)], [(COUNTY, AID.adcode, Literal(659901))],
         COUNTY, AID.adcode, ADCODE),
    Case("two-adcodes", [], [(COUNTY, AID.adcode, Literal("659902"))], COUNTY, AID.adcode, ADCODE),
    Case("unknown-level", [(COUNTY, AID.level, None)], [(COUNTY, AID.level, Literal("district"))],
         COUNTY, AID.level,
         "aid:level must be one of province, prefecture, county, township, village, region."),
    Case("lat-out-of-range", [(COUNTY, GEO.lat, None)], [(COUNTY, GEO.lat, Literal(Decimal("91.5")))],
         COUNTY, GEO.lat, LAT),
    Case("lat-as-double", [(COUNTY, GEO.lat, None)], [(COUNTY, GEO.lat, Literal(40.52))], COUNTY, GEO.lat, LAT),
    Case("long-missing", [(COUNTY, GEO.long, None)], [], COUNTY, GEO.long, LONG),
    Case("long-out-of-range", [(COUNTY, GEO.long, None)], [(COUNTY, GEO.long, Literal(Decimal("-181")))],
         COUNTY, GEO.long, LONG),
    # Documents
    Case("document-without-sourcePath", [(DOC, AID.sourcePath, None)], [], DOC, AID.sourcePath,
         "A document must have exactly one aid:sourcePath string."),
    Case("document-without-contentHash", [(DOC, AID.contentHash, None)], [], DOC, AID.contentHash,
         "A document must have exactly one aid:contentHash string."),
    Case("document-with-two-texts", [], [(DOC, AID.text, Literal("另一版本"))], DOC, AID.text,
         "A document has at most one aid:text string."),
    # Statements
    Case("statement-without-subject", [(STATEMENT, RDF.subject, None)], [], STATEMENT, RDF.subject,
         "A statement must have exactly one rdf:subject."),
    Case("statement-with-literal-predicate", [(STATEMENT, RDF.predicate, None)],
         [(STATEMENT, RDF.predicate, Literal("locatedIn"))], STATEMENT, RDF.predicate,
         "A statement must have exactly one rdf:predicate, an IRI."),
    Case("statement-with-two-objects", [], [(STATEMENT, RDF.object, PREFECTURE)], STATEMENT, RDF.object,
         "A statement must have exactly one rdf:object."),
    Case("statement-without-wasDerivedFrom", [(STATEMENT, PROV.wasDerivedFrom, None)], [],
         STATEMENT, PROV.wasDerivedFrom, SOURCE),
    Case("statement-derived-from-a-web-page", [(STATEMENT, PROV.wasDerivedFrom, None)],
         [(STATEMENT, PROV.wasDerivedFrom, URIRef("https://example.org/news/1.html"))],
         STATEMENT, PROV.wasDerivedFrom, SOURCE),
    Case("statement-in-two-sentences", [], [(STATEMENT, AID.inSentence, RES["sentence/d/0-5"])],
         STATEMENT, AID.inSentence, "A statement points to at most one aid:Sentence (aid:inSentence)."),
    Case("sentence-with-two-texts", [], [(SENTENCE_NODE, AID.sentence, Literal("另一句。"))],
         SENTENCE_NODE, AID.sentence, "A sentence has exactly one aid:sentence string, its text."),
    Case("sentence-start-after-end", [(SENTENCE_NODE, AID.startOffset, None)],
         [(SENTENCE_NODE, AID.startOffset, Literal(40))],
         SENTENCE_NODE, AID.startOffset,
         "A sentence has one aid:startOffset, an xsd:integer >= 0 and <= its aid:endOffset."),
    Case("sentence-without-document", [(SENTENCE_NODE, PROV.wasDerivedFrom, None)], [],
         SENTENCE_NODE, PROV.wasDerivedFrom, "A sentence is prov:wasDerivedFrom exactly one aid:Document."),
    Case("start-after-end", [(STATEMENT, AID.startOffset, None)], [(STATEMENT, AID.startOffset, Literal(40))],
         STATEMENT, AID.startOffset, START_OFFSET),
    Case("negative-start", [(STATEMENT, AID.startOffset, None)], [(STATEMENT, AID.startOffset, Literal(-1))],
         STATEMENT, AID.startOffset, START_OFFSET),
    Case("start-as-string", [(STATEMENT, AID.startOffset, None)], [(STATEMENT, AID.startOffset, Literal("5"))],
         STATEMENT, AID.startOffset, START_OFFSET),
    Case("end-as-decimal", [(STATEMENT, AID.endOffset, None)],
         [(STATEMENT, AID.endOffset, Literal(Decimal("25.0")))], STATEMENT, AID.endOffset, END_OFFSET),
    Case("start-without-end", [(STATEMENT, AID.endOffset, None)], [], STATEMENT, AID.endOffset,
         "A statement with aid:startOffset must also have aid:endOffset."),
    Case("end-without-start", [(STATEMENT, AID.startOffset, None)], [], STATEMENT, AID.startOffset,
         "A statement with aid:endOffset must also have aid:startOffset."),
    Case("unknown-evidence-strength", [(STATEMENT, AID.evidenceStrength, None)],
         [(STATEMENT, AID.evidenceStrength, Literal("strong"))], STATEMENT, AID.evidenceStrength,
         'aid:evidenceStrength must be "explicit" or "default".'),
    Case("statement-with-two-rules", [], [(STATEMENT, AID.extractedBy, Literal("locative-yu"))],
         STATEMENT, AID.extractedBy, "A statement has at most one aid:extractedBy string."),
    # Figures
    Case("figure-value-as-integer", [(FIGURE, AID.value, None)], [(FIGURE, AID.value, Literal(130000))],
         FIGURE, AID.value, "A figure must have exactly one aid:value, an xsd:decimal."),
    Case("figure-without-unit", [(FIGURE, AID.unit, None)], [], FIGURE, AID.unit,
         "A figure must have exactly one aid:unit string."),
    Case("figure-of-a-document", [(FIGURE, AID.figureOf, None)], [(FIGURE, AID.figureOf, DOC)],
         FIGURE, AID.figureOf, "A figure must be aid:figureOf exactly one entity of a top class."),
    Case("figure-approximate-as-string", [(FIGURE, AID.approximate, None)],
         [(FIGURE, AID.approximate, Literal("yes"))], FIGURE, AID.approximate,
         "A figure has at most one aid:approximate boolean."),
    Case("figure-with-two-qualifiers", [], [(FIGURE, AID.qualifier, Literal("约"))], FIGURE, AID.qualifier,
         "A figure has at most one aid:qualifier string."),
]


def _apply(case: Case) -> Graph:
    graph = conforming_graph()
    for pattern in case.remove:
        assert (pattern in graph) if None not in pattern else any(graph.triples(pattern)), pattern
        graph.remove(pattern)
    for triple in case.add:
        graph.add(triple)
    return graph


@pytest.mark.parametrize("store", ["graph", "Memory", "Oxigraph"])
def test_conforming_graph_passes(store):
    graph = conforming_graph() if store == "graph" else conforming_dataset(store)
    assert validate(graph) == ValidationResult(conforms=True, violations=[])


def test_validate_leaves_the_graph_unchanged():
    graph = conforming_graph()
    before = to_isomorphic(conforming_graph())
    validate(graph)
    assert isomorphic(graph, before)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_violation_reports_focus_path_and_message(case):
    result = validate(_apply(case))
    assert not result.conforms
    assert {(v.focus, v.path, v.message) for v in result.violations} == {
        (str(case.focus), str(case.path) if case.path else None, case.message)
    }


def test_every_shape_has_a_failing_case():
    shapes = Graph().parse(SHAPES_PATH, format="turtle")
    targets = (SH.targetClass, SH.targetSubjectsOf)
    messages = {str(shapes.value(s, SH.message)) for t in targets for s in shapes.subjects(t, None)}
    assert messages == {case.message for case in CASES}


def test_violations_are_errors():
    result = validate(_apply(CASES[0]))
    assert [v.severity for v in result.violations] == ["Violation"]


def test_subclass_instances_are_targeted_without_the_ontology_in_the_graph():
    village = RES["place/659901001001"]
    graph = Graph()
    graph.add((village, RDF.type, AID.Village))
    graph.add((village, RDFS.label, Literal("Shuǐquán Cūn", lang="zh-Latn-pinyin")))
    assert validate(graph).violations == [Violation(str(village), None, ZH_LABEL, "Violation")]


def test_entity_named_only_in_english_needs_no_zh_label():
    program = RES["program/green-oasis-homes-0a1b2c3d"]
    graph = Graph()
    graph.add((program, RDF.type, AID.Program))
    graph.add((program, RDFS.label, Literal("Green Oasis Homes Project", lang="en")))
    assert validate(graph).conforms


def test_blank_node_focus_is_written_as_n3():
    graph = conforming_graph()
    graph.remove((STATEMENT, RDF.subject, None))
    graph = Graph().parse(data=graph.serialize(format="nt").replace(f"<{STATEMENT}>", "_:s1"), format="nt")
    (violation,) = validate(graph).violations
    assert violation.focus.startswith("_:")


def test_oxigraph_dataset_reports_violations_across_named_graphs():
    dataset = conforming_dataset("Oxigraph")
    dataset.graph(DOC_GRAPH).add((SCHOOL, AID.locatedIn, PROJECT))
    result = validate(dataset)
    assert [(v.focus, v.message) for v in result.violations] == [(str(SCHOOL), LOCATED_IN)]


def test_counts_group_violations_by_message_most_frequent_first():
    graph = conforming_graph()
    graph.remove((PERSON, RDFS.label, Literal("热依拉·艾山", lang="zh")))
    graph.remove((SCHOOL, RDFS.label, Literal("东岭县第三中学", lang="zh")))
    graph.add((SCHOOL, AID.locatedIn, PROJECT))
    counts = validate(graph).counts()
    assert list(counts.items()) == [(ZH_LABEL, 2), (LOCATED_IN, 1)]


def _as_quads(graph: Graph):
    return [(s, p, o, None) for s, p, o in graph]


def test_document_validation_leaves_entity_labels_to_the_corpus_graphs():
    # A batch of document graphs types its entities but holds none of their rdfs:labels.
    graph = conforming_graph()
    graph.remove((SCHOOL, RDFS.label, None))
    graph.add((SCHOOL, AID.locatedIn, PROJECT))
    corpus = validate_quads(_as_quads(graph))
    documents = validate_quads(_as_quads(graph), documents=True)
    assert {v.message for v in corpus.violations} == {ZH_LABEL, LOCATED_IN}
    assert {v.message for v in documents.violations} == {LOCATED_IN}


def test_only_label_shapes_are_checked_on_the_corpus_graphs_alone():
    shapes = Graph().parse(SHAPES_PATH, format="turtle")
    marked = {str(shapes.value(s, SH.message)) for s in shapes.subjects(AIDSH.checkedOn, AIDSH.CorpusGraphs)}
    assert marked == {ZH_LABEL, LABEL}
