# Fixtures: every graph and gold file here is built inline by the helpers below. The place,
# program, school and person names (青禾村, 石泉镇, 云溪县, 远山地区, 春苗计划, 东湖中学, …) are made
# up for these tests; none comes from the sample article. The ontology block is a minimal
# stand-in for ontology/aid.ttl (only the rdfs:subClassOf edges scoring needs).
import json

import pytest
import rdflib

import kg.evaluate as evaluate_module
from kg.errors import EvaluationError
from kg.evaluate import PREDICATES, TOP_CLASSES, EvalReport, Score, evaluate, normalise

RES = "https://w3id.org/aid-kg/resource/"
PREFIXES = """\
@prefix aid: <https://w3id.org/aid-kg/ontology#> .
@prefix res: <https://w3id.org/aid-kg/resource/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
SUBCLASSES = """\
aid:Village rdfs:subClassOf aid:AdministrativeDivision .
aid:Township rdfs:subClassOf aid:AdministrativeDivision .
aid:County rdfs:subClassOf aid:AdministrativeDivision .
aid:Prefecture rdfs:subClassOf aid:AdministrativeDivision .
aid:AdministrativeDivision rdfs:subClassOf aid:Place .
aid:School rdfs:subClassOf aid:Organization .
aid:Project rdfs:subClassOf aid:Program .
"""
ONTOLOGY_BLOCK = f"<{RES}graph/ontology> {{\n{SUBCLASSES}}}\n"

# key -> (class in the graph, canonical Chinese name)
ENTITIES = {
    "village": ("Village", "青禾村"),
    "township": ("Township", "石泉镇"),
    "county": ("County", "云溪县"),
    "prefecture": ("Prefecture", "远山地区"),
    "station": ("Place", "青禾驿站"),
    "program": ("Project", "春苗计划"),
    "school_a": ("School", "东湖中学"),
    "school_b": ("School", "西岭中学"),
    "launch": ("Event", "春苗计划启动仪式"),
}
TOP = {"Village": "Place", "Township": "Place", "County": "Place", "Prefecture": "Place",
       "Place": "Place", "Project": "Program", "School": "Organization", "Event": "Event"}


def lit(text):
    # JSON string escapes are valid Turtle string escapes.
    return json.dumps(text, ensure_ascii=False)


def ent(key, *, cls=None, label=None, lang="zh", alt=None):
    """Turtle typing res:{key} with a label (the standard name unless given)."""
    default_cls, name = ENTITIES.get(key, ("Place", key))
    turtle = f"res:{key} a aid:{cls or default_cls} ; rdfs:label {lit(label or name)}@{lang}"
    if alt:
        turtle += f" ; skos:altLabel {lit(alt)}"
    return turtle + " .\n"


def doc_block(body, *, source="news/yunxi.txt", slug="yunxi"):
    return (f"<{RES}graph/doc/{slug}> {{\n"
            f"<{RES}doc/{slug}> a aid:Document ; aid:sourcePath {lit(source)} .\n{body}}}\n")


def gazetteer_block(body):
    return f"<{RES}graph/gazetteer> {{\n{body}}}\n"


def write_trig(tmp_path, *blocks):
    path = tmp_path / "graph.trig"
    path.write_text(PREFIXES + "".join(blocks), encoding="utf-8")
    return path


def gold_entity(key, *, name=None, aliases=(), cls=None):
    default_cls, default_name = ENTITIES[key]
    return {"id": key, "class": cls or TOP[default_cls], "name": name or default_name,
            "aliases": list(aliases)}


def rel(s, p, o):
    return {"s": s, "p": p, "o": o, "evidence": None}


def write_gold(tmp_path, entities, relations=(), *, document="yunxi.txt", stem="yunxi",
               questions=()):
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir(exist_ok=True)
    data = {"document": document, "entities": list(entities), "relations": list(relations),
            "questions": list(questions)}
    (gold_dir / f"{stem}.gold.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return gold_dir


def run(tmp_path, body, entities, relations=(), gazetteer=""):
    graph = write_trig(tmp_path, doc_block(body), gazetteer_block(gazetteer), ONTOLOGY_BLOCK)
    return evaluate(write_gold(tmp_path, entities, relations), graph)


def chain(*keys):
    """Gold partOf relations along a chain of keys, e.g. village ⊂ township ⊂ county."""
    return [rel(a, "partOf", b) for a, b in zip(keys, keys[1:])]


def turtle_chain(*keys):
    return "".join(f"res:{a} aid:partOf res:{b} .\n" for a, b in zip(keys, keys[1:]))


# --- Score -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "score, precision, recall, f1",
    [
        (Score(), 0.0, 0.0, 0.0),
        (Score(tp=1, fp=3, fn=1, tp_gold=1), 0.25, 0.5, 1 / 3),
        (Score(tp=2, fp=0, fn=0, tp_gold=1), 1.0, 1.0, 1.0),
        (Score(tp=0, fp=2, fn=2, tp_gold=0), 0.0, 0.0, 0.0),
    ],
)
def test_score_rates(score, precision, recall, f1):
    assert (score.precision, score.recall, score.f1) == pytest.approx((precision, recall, f1))


# --- normalise ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, expected",
    [
        ("“春苗”计划", "春苗计划"),
        ('"春苗"计划', "春苗计划"),
        ("‘春苗’计划", "春苗计划"),
        ("「春苗」『计划』", "春苗计划"),
        ("《山海谣》", "山海谣"),
        ("〈山海谣〉", "山海谣"),
        ("第３届春苗杯", "第3届春苗杯"),
        ("春苗\u3000计划 ", "春苗计划"),
    ],
)
def test_normalise_strips_marks_and_applies_nfkc(name, expected):
    assert normalise(name) == expected


# --- entities ----------------------------------------------------------------------------


def test_evaluate_scores_entities_per_class(tmp_path):
    body = (ent("village") + ent("township") + ent("county") + ent("program")
            + ent("extra_school", cls="School", label="多余中学"))
    gold = [gold_entity(k) for k in ("village", "township", "county", "program", "school_a")]
    report = run(tmp_path, body, gold)
    assert report.entities == {
        "Place": Score(tp=3, fp=0, fn=0, tp_gold=3),
        "Organization": Score(tp=0, fp=1, fn=1, tp_gold=0),
        "Program": Score(tp=1, fp=0, fn=0, tp_gold=1),
        "Event": Score(),
        "Person": Score(),
        "Work": Score(),
        "all": Score(tp=4, fp=1, fn=1, tp_gold=4),
    }


def test_evaluate_micro_f1_of_entities(tmp_path):
    body = ent("village") + ent("program") + ent("extra_school", cls="School", label="多余中学")
    gold = [gold_entity(k) for k in ("village", "program", "school_a", "county")]
    report = run(tmp_path, body, gold)
    # P = 2/3, R = 2/4, F1 = 2PR/(P+R) = 4/7
    assert (report.entities["all"].precision, report.entities["all"].recall,
            report.entities["all"].f1) == pytest.approx((2 / 3, 0.5, 4 / 7))


def test_evaluate_two_nodes_matching_one_gold_entity_count_apart(tmp_path):
    body = ent("county") + ent("county_copy", cls="County", label="云溪县")
    report = run(tmp_path, body, [gold_entity("county"), gold_entity("township")])
    assert report.entities["Place"] == Score(tp=2, fp=0, fn=1, tp_gold=1)


@pytest.mark.parametrize(
    "label, gold_name, cls",
    [
        ("“春苗”计划", "春苗计划", "Project"),
        ("春苗计划", '"春苗"计划', "Project"),
        ("「春苗」计划", "春苗计划", "Project"),
        ("《山海谣》", "山海谣", "Work"),
        ("第３届春苗杯", "第3届春苗杯", "Event"),
        ("春苗 计划", "春苗计划", "Project"),
    ],
)
def test_evaluate_matches_normalised_names(tmp_path, label, gold_name, cls):
    gold_cls = {"Project": "Program"}.get(cls, cls)
    report = run(tmp_path, ent("program", cls=cls, label=label),
                 [gold_entity("program", name=gold_name, cls=gold_cls)])
    assert report.entities["all"] == Score(tp=1, tp_gold=1)


@pytest.mark.parametrize(
    "label, alt, gold_name, aliases, matched",
    [
        ("云溪", None, "云溪县", ["云溪"], True),  # predicted label = gold alias
        ("云溪城", "云溪县", "云溪县", [], True),  # predicted altLabel = gold name
        ("云溪城", "云溪", "云溪县", ["云溪"], True),  # predicted altLabel = gold alias
        ("云溪城", None, "云溪县", ["云溪"], False),
    ],
)
def test_evaluate_matches_aliases_and_alt_labels(tmp_path, label, alt, gold_name, aliases,
                                                 matched):
    report = run(tmp_path, ent("county", label=label, alt=alt),
                 [gold_entity("county", name=gold_name, aliases=aliases)])
    assert report.entities["Place"].tp_gold == int(matched)


@pytest.mark.parametrize(
    "lang, matched",
    [("zh", True), ("zh-Hans", True), ("zh-CN", True), ("zh-Latn-pinyin", False), ("en", True),
     ("zha", True)],
)
def test_evaluate_reads_labels_in_any_language_but_pinyin(tmp_path, lang, matched):
    report = run(tmp_path, ent("county", lang=lang), [gold_entity("county")])
    assert report.entities["Place"].tp == int(matched)


@pytest.mark.parametrize("zh, matched", [("云溪县", True), (None, False)])
def test_evaluate_matches_the_chinese_name_of_an_english_gold_entity(tmp_path, zh, matched):
    gold = gold_entity("county", name="Yunxi County")
    if zh:
        gold["zh"] = zh
    report = run(tmp_path, ent("county"), [gold])
    assert report.entities["Place"].tp_gold == int(matched)


def test_evaluate_node_of_two_top_classes_counts_once_per_class(tmp_path):
    body = ent("county") + "res:county a aid:School .\n"
    report = run(tmp_path, body, [gold_entity("county")])
    assert (report.entities["Place"], report.entities["Organization"]) == (
        Score(tp=1, tp_gold=1), Score(fp=1))


def test_evaluate_reads_names_from_other_graphs(tmp_path):
    body = "res:county a aid:County .\n"
    gazetteer = 'res:county rdfs:label "云溪县"@zh .\n'
    report = run(tmp_path, body, [gold_entity("county")], gazetteer=gazetteer)
    assert report.entities["Place"] == Score(tp=1, tp_gold=1)


def test_evaluate_class_mismatch_does_not_match(tmp_path):
    report = run(tmp_path, ent("county", cls="School"), [gold_entity("county")])
    assert (report.entities["Place"], report.entities["Organization"]) == (
        Score(fn=1), Score(fp=1))


def test_evaluate_skips_and_lists_nodes_of_no_top_class(tmp_path):
    body = ent("county") + "res:thing a <http://example.org/Thing> .\n"
    report = run(tmp_path, body, [gold_entity("county")])
    assert report.entities["all"] == Score(tp=1, tp_gold=1)
    assert report.details["yunxi.txt"]["unclassified"] == [f"{RES}thing"]


def test_evaluate_reads_ontology_file_when_graph_has_none(tmp_path):
    ontology = tmp_path / "aid.ttl"
    ontology.write_text(PREFIXES + SUBCLASSES, encoding="utf-8")
    graph = write_trig(tmp_path, doc_block(ent("county")))
    report = evaluate(write_gold(tmp_path, [gold_entity("county")]), graph, ontology=ontology)
    assert report.entities["Place"] == Score(tp=1, tp_gold=1)


def test_evaluate_missing_ontology_file_is_an_error(tmp_path):
    graph = write_trig(tmp_path, doc_block(ent("county")))
    missing = tmp_path / "aid.ttl"
    with pytest.raises(EvaluationError) as excinfo:
        evaluate(write_gold(tmp_path, [gold_entity("county")]), graph, ontology=missing)
    assert str(excinfo.value) == (
        f"{missing}: no such file (needed because the graph has no {RES}graph/ontology)")


def test_evaluate_unparseable_ontology_file_is_an_error(tmp_path):
    graph = write_trig(tmp_path, doc_block(ent("county")))
    ontology = tmp_path / "aid.ttl"
    ontology.write_text(PREFIXES + "aid:County rdfs:subClassOf .\n", encoding="utf-8")
    with pytest.raises(EvaluationError) as excinfo:
        evaluate(write_gold(tmp_path, [gold_entity("county")]), graph, ontology=ontology)
    assert str(excinfo.value).startswith(f"{ontology}: cannot parse Turtle: ")


# --- relations ---------------------------------------------------------------------------

PLACES = ent("village") + ent("township") + ent("county")
GOLD_PLACES = [gold_entity(k) for k in ("village", "township", "county")]


def test_evaluate_recalls_located_in_through_predicted_chain(tmp_path):
    body = (PLACES + ent("program") + turtle_chain("village", "township", "county")
            + "res:program aid:locatedIn res:village .\n")
    gold = [*chain("village", "township", "county"), rel("program", "locatedIn", "county")]
    report = run(tmp_path, body, [*GOLD_PLACES, gold_entity("program")], gold)
    # Recalled via village ⊂ township ⊂ county; but the gold does not place it in the village.
    assert report.relations["locatedIn"] == Score(tp=0, fp=1, fn=0, tp_gold=1)
    assert report.relations["partOf"] == Score(tp=2, fp=0, fn=0, tp_gold=2)


def test_evaluate_located_in_correct_through_gold_chain(tmp_path):
    body = PLACES + ent("program") + "res:program aid:locatedIn res:county .\n"
    gold = [*chain("village", "township", "county"), rel("program", "locatedIn", "village")]
    report = run(tmp_path, body, [*GOLD_PLACES, gold_entity("program")], gold)
    assert report.relations["locatedIn"] == Score(tp=1, fp=0, fn=1, tp_gold=0)


def test_evaluate_part_of_correct_through_gold_chain(tmp_path):
    body = PLACES + "res:village aid:partOf res:county .\n"
    report = run(tmp_path, body, GOLD_PLACES, chain("village", "township", "county"))
    assert report.relations["partOf"] == Score(tp=1, fp=0, fn=2, tp_gold=0)


def test_evaluate_part_of_does_not_follow_located_in(tmp_path):
    body = (ent("station") + ent("village") + ent("county")
            + "res:station aid:partOf res:county .\n")
    gold = [rel("station", "locatedIn", "village"), rel("village", "partOf", "county")]
    entities = [gold_entity(k) for k in ("station", "village", "county")]
    report = run(tmp_path, body, entities, gold)
    assert report.relations["partOf"] == Score(tp=0, fp=1, fn=1, tp_gold=0)


def test_evaluate_counts_gazetteer_edges_between_document_entities(tmp_path):
    body = ent("township") + ent("county")
    gazetteer = (turtle_chain("township", "county", "prefecture")
                 + "res:prefecture a aid:Prefecture ; rdfs:label \"远山地区\"@zh .\n")
    gold = [gold_entity("township"), gold_entity("county")]
    report = run(tmp_path, body, gold, chain("township", "county"), gazetteer=gazetteer)
    # county ⊂ prefecture is not counted: the document does not mention the prefecture.
    assert report.relations["partOf"] == Score(tp=1, fp=0, fn=0, tp_gold=1)


def test_evaluate_gazetteer_edges_extend_predicted_paths(tmp_path):
    body = ent("village") + ent("county") + "res:village aid:partOf res:township .\n"
    gazetteer = ent("township") + turtle_chain("township", "county")
    gold = [gold_entity("village"), gold_entity("county")]
    report = run(tmp_path, body, gold, chain("village", "county"), gazetteer=gazetteer)
    # village ⊂ township is wrong (the township is not gold), but it leads to the county.
    assert report.relations["partOf"] == Score(tp=0, fp=1, fn=0, tp_gold=1)


@pytest.mark.parametrize(
    "literal, expected",
    [
        ('"2024-03-18"^^xsd:date', Score(tp=1, tp_gold=1)),
        ('"2024-03-18"', Score(tp=1, tp_gold=1)),
        ('"2024-03"^^xsd:gYearMonth', Score(fp=1, fn=1)),
        ('"2024"^^xsd:gYear', Score(fp=1, fn=1)),
    ],
)
def test_evaluate_compares_dates_by_lexical_form(tmp_path, literal, expected):
    body = ent("launch") + f"res:launch aid:date {literal} .\n"
    report = run(tmp_path, body, [gold_entity("launch")], [rel("launch", "date", "2024-03-18")])
    assert report.relations["date"] == expected


@pytest.mark.parametrize("s, o", [("school_a", "school_b"), ("school_b", "school_a")])
def test_evaluate_paired_with_matches_either_direction(tmp_path, s, o):
    body = ent("school_a") + ent("school_b") + f"res:{s} aid:pairedWith res:{o} .\n"
    gold = [gold_entity("school_a"), gold_entity("school_b")]
    report = run(tmp_path, body, gold, [rel("school_a", "pairedWith", "school_b")])
    assert report.relations["pairedWith"] == Score(tp=1, tp_gold=1)


def test_evaluate_funded_by_direction_matters(tmp_path):
    body = ent("program") + ent("school_a") + "res:school_a aid:fundedBy res:program .\n"
    gold = [gold_entity("program"), gold_entity("school_a")]
    report = run(tmp_path, body, gold, [rel("program", "fundedBy", "school_a")])
    assert report.relations["fundedBy"] == Score(fp=1, fn=1)


@pytest.mark.parametrize(
    "body_edges, expected",
    [
        # The aid body is part of the county that gives: its funding counts for the county.
        ("res:program aid:fundedBy res:command .\nres:command aid:partOf res:county .\n", Score(tp=1, tp_gold=1)),
        # Without the partOf edge the body is just another funder.
        ("res:program aid:fundedBy res:command .\n", Score(fp=1, fn=1)),
    ],
)
def test_evaluate_funded_by_an_aid_body_counts_for_the_giver_it_is_part_of(tmp_path, body_edges, expected):
    body = ent("program") + ent("county") + ent("command", cls="Organization", label="云溪县援疆指挥部") + body_edges
    gold = [gold_entity("program"), gold_entity("county")]
    report = run(tmp_path, body, gold, [rel("program", "fundedBy", "county")])
    assert report.relations["fundedBy"] == expected


def test_evaluate_relation_to_unmatched_entity_is_false_positive(tmp_path):
    body = (ent("program") + ent("fund", cls="School", label="某某基金会")
            + "res:program aid:fundedBy res:fund .\n")
    report = run(tmp_path, body, [gold_entity("program")])
    assert report.relations["fundedBy"] == Score(fp=1)


def test_evaluate_sums_relations_over_predicates(tmp_path):
    body = (PLACES + ent("program") + ent("school_a") + turtle_chain("village", "township")
            + "res:program aid:locatedIn res:village .\nres:program aid:fundedBy res:county .\n")
    gold = [*chain("village", "township", "county"), rel("program", "locatedIn", "village"),
            rel("program", "fundedBy", "school_a")]
    report = run(tmp_path, body, [*GOLD_PLACES, gold_entity("program"),
                                  gold_entity("school_a")], gold)
    assert report.relations["all"] == Score(tp=2, fp=1, fn=2, tp_gold=2)


# --- documents and details ---------------------------------------------------------------


def two_documents(tmp_path) -> EvalReport:
    """Two documents in a graph, each with a gold file (one found whole, one half)."""
    graph = write_trig(
        tmp_path,
        doc_block(ent("county"), source="b/yunxi.txt", slug="yunxi"),
        doc_block(ent("school_a"), source="a/donghu.txt", slug="donghu"),
        ONTOLOGY_BLOCK,
    )
    write_gold(tmp_path, [gold_entity("county")], document="yunxi.txt", stem="yunxi")
    gold_dir = write_gold(tmp_path, [gold_entity("school_a"), gold_entity("school_b")],
                          document="donghu.txt", stem="donghu")
    return evaluate(gold_dir, graph)


def test_evaluate_sums_documents_in_gold_file_order(tmp_path):
    report = two_documents(tmp_path)
    assert report.documents == ["donghu.txt", "yunxi.txt"]
    assert report.entities["all"] == Score(tp=2, fp=0, fn=1, tp_gold=2)


def test_evaluate_details_name_false_positives_and_misses(tmp_path):
    body = (ent("county") + ent("program") + ent("extra_school", cls="School", label="多余中学")
            + "res:program aid:locatedIn res:county .\nres:program aid:date \"2024-03\" .\n")
    gold = [gold_entity("county"), gold_entity("program"), gold_entity("school_a")]
    relations = [rel("program", "fundedBy", "school_a"), rel("program", "date", "2024-03-18")]
    report = run(tmp_path, body, gold, relations)
    assert report.details["yunxi.txt"] == {
        "entities": {"false_positives": [f"Organization 多余中学 <{RES}extra_school>"],
                     "misses": ["Organization 东湖中学"]},
        "relations": {"false_positives": ["春苗计划 date 2024-03", "春苗计划 locatedIn 云溪县"],
                      "misses": ["春苗计划 date 2024-03-18", "春苗计划 fundedBy 东湖中学"]},
        "unclassified": [],
        "questions_skipped": 0,
    }


def test_evaluate_reports_questions_of_no_known_form_as_skipped(tmp_path):
    graph = write_trig(tmp_path, doc_block(ent("county")), ONTOLOGY_BLOCK)
    question = {"question": "How many places are in the county?", "answers": ["county"]}
    gold_dir = write_gold(tmp_path, [gold_entity("county")], questions=[question, question])
    report = evaluate(gold_dir, graph)
    assert report.details["yunxi.txt"]["questions_skipped"] == 2
    assert report.answers == [] and report.questions == Score()


@pytest.mark.parametrize(
    "question, answers, expected",
    [
        # projects-in-place: the program lies in the village, the village in the county.
        ("Which projects are in 云溪县?", ["program"], Score(tp=1, tp_gold=1)),
        ("Which projects are in 云溪县?", ["program", "launch"], Score(tp=1, fn=1, tp_gold=1)),
        # the entity query: the funder of the program; an aid body counts for its giver.
        ("Who funded the 春苗计划?", ["county"], Score(tp=1, tp_gold=1)),
        ("Where is 春苗计划?", ["village"], Score(tp=1, tp_gold=1)),
        ("Which places are paired with 东湖中学?", [], Score()),  # no form: skipped
    ],
)
def test_evaluate_answers_questions_through_the_saved_queries(tmp_path, question, answers, expected):
    body = (
        PLACES
        + ent("program")
        + ent("launch")
        + ent("command", cls="Organization", label="云溪县援疆指挥部")
        + turtle_chain("village", "township", "county")
        + "res:program aid:locatedIn res:village .\n"
        + "res:program aid:fundedBy res:command .\nres:command aid:partOf res:county .\n"
    )
    graph = write_trig(tmp_path, doc_block(body), gazetteer_block(""), ONTOLOGY_BLOCK)
    gold = [*GOLD_PLACES, gold_entity("program"), gold_entity("launch")]
    gold_dir = write_gold(tmp_path, gold, questions=[{"question": question, "answers": answers}])
    report = evaluate(gold_dir, graph)
    assert report.questions == expected


def test_evaluate_question_answers_must_be_entity_ids(tmp_path):
    graph = write_trig(tmp_path, doc_block(ent("county")), ONTOLOGY_BLOCK)
    gold_dir = write_gold(
        tmp_path, [gold_entity("county")], questions=[{"question": "Where is 云溪县?", "answers": ["nowhere"]}]
    )
    with pytest.raises(EvaluationError, match=r"questions\[0\]: answers are not entity ids: nowhere"):
        evaluate(gold_dir, graph)


def test_evaluate_accepts_build_folder(tmp_path):
    write_trig(tmp_path, doc_block(ent("county")), ONTOLOGY_BLOCK)
    report = evaluate(write_gold(tmp_path, [gold_entity("county")]), tmp_path)
    assert report.entities["Place"] == Score(tp=1, tp_gold=1)


@pytest.mark.parametrize("source", ["yunxi.txt", "news/yunxi.txt", "2025/news/yunxi.txt"])
def test_evaluate_finds_document_by_source_path_suffix(tmp_path, source):
    graph = write_trig(tmp_path, doc_block(ent("county"), source=source), ONTOLOGY_BLOCK)
    report = evaluate(write_gold(tmp_path, [gold_entity("county")]), graph)
    assert report.entities["Place"] == Score(tp=1, tp_gold=1)


def test_evaluate_falls_back_to_default_store(tmp_path, monkeypatch):
    def dataset(store="default"):
        if store == "Oxigraph":
            raise rdflib.plugin.PluginException("No plugin registered for (Oxigraph, Store)")
        return rdflib.Dataset(store=store)

    monkeypatch.setattr(evaluate_module, "Dataset", dataset)
    report = run(tmp_path, PLACES + turtle_chain("village", "township"), GOLD_PLACES,
                 chain("village", "township"))
    assert (report.entities["Place"], report.relations["partOf"]) == (
        Score(tp=3, tp_gold=3), Score(tp=1, tp_gold=1))


# --- errors ------------------------------------------------------------------------------


def test_evaluate_missing_graph_file(tmp_path):
    gold_dir = write_gold(tmp_path, [gold_entity("county")])
    with pytest.raises(EvaluationError) as excinfo:
        evaluate(gold_dir, tmp_path / "nope.trig")
    assert str(excinfo.value) == f"{tmp_path / 'nope.trig'}: no such file"


def test_evaluate_build_folder_without_graph(tmp_path):
    gold_dir = write_gold(tmp_path, [gold_entity("county")])
    (tmp_path / "out").mkdir()
    with pytest.raises(EvaluationError) as excinfo:
        evaluate(gold_dir, tmp_path / "out")
    assert str(excinfo.value) == f"{tmp_path / 'out' / 'graph.trig'}: no such file"


def test_evaluate_unparseable_graph(tmp_path):
    graph = tmp_path / "graph.trig"
    graph.write_text(PREFIXES + "res:g { res:a res:b }\n", encoding="utf-8")
    with pytest.raises(EvaluationError) as excinfo:
        evaluate(write_gold(tmp_path, [gold_entity("county")]), graph)
    assert str(excinfo.value).startswith(f"{graph}: cannot parse TriG: ")


def test_evaluate_gold_dir_without_gold_files(tmp_path):
    graph = write_trig(tmp_path, doc_block(ent("county")), ONTOLOGY_BLOCK)
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "yunxi.txt").write_text("云溪县", encoding="utf-8")
    with pytest.raises(EvaluationError) as excinfo:
        evaluate(tmp_path / "gold", graph)
    assert str(excinfo.value) == f"{tmp_path / 'gold'}: no *.gold.json files"


def test_evaluate_gold_file_not_json(tmp_path):
    graph = write_trig(tmp_path, doc_block(ent("county")), ONTOLOGY_BLOCK)
    (tmp_path / "gold").mkdir()
    gold_file = tmp_path / "gold" / "yunxi.gold.json"
    gold_file.write_text('{"document": "yunxi.txt",', encoding="utf-8")
    with pytest.raises(EvaluationError) as excinfo:
        evaluate(tmp_path / "gold", graph)
    assert str(excinfo.value).startswith(f"{gold_file}: not valid UTF-8 JSON: ")


COUNTY = {"id": "county", "class": "Place", "name": "云溪县", "aliases": []}


@pytest.mark.parametrize(
    "data, problem",
    [
        ([], "expected a JSON object"),
        ({"entities": [], "relations": []}, "'document' must be a string"),
        ({"document": "yunxi.txt", "relations": []}, "'entities' must be a list"),
        ({"document": "yunxi.txt", "entities": []}, "'relations' must be a list"),
        ({"document": "yunxi.txt", "entities": ["云溪县"], "relations": []},
         "entities[0]: expected a JSON object"),
        ({"document": "yunxi.txt", "entities": [{"id": "county", "class": "Place"}],
          "relations": []}, "entities[0]: 'name' must be a string"),
        ({"document": "yunxi.txt", "entities": [{**COUNTY, "class": "County"}], "relations": []},
         "entities[0]: unknown class 'County' "
         "(expected one of Place, Organization, Program, Event, Person, Work)"),
        ({"document": "yunxi.txt", "entities": [{**COUNTY, "aliases": "云溪"}], "relations": []},
         "entities[0]: 'aliases' must be a list of strings"),
        ({"document": "yunxi.txt", "entities": [COUNTY, COUNTY], "relations": []},
         "entities[1]: duplicate id 'county'"),
        ({"document": "yunxi.txt", "entities": [COUNTY],
          "relations": [{"s": "county", "p": "near", "o": "county"}]},
         "relations[0]: unknown predicate 'near' (expected one of locatedIn, partOf, fundedBy, "
         "participant, affiliatedWith, pairedWith, date)"),
        ({"document": "yunxi.txt", "entities": [COUNTY],
          "relations": [{"s": "county", "p": "partOf"}]},
         "relations[0]: 'o' must be a string"),
        ({"document": "yunxi.txt", "entities": [COUNTY],
          "relations": [{"s": "town", "p": "partOf", "o": "county"}]},
         "relations[0]: 's' is not an entity id: 'town'"),
        ({"document": "yunxi.txt", "entities": [COUNTY],
          "relations": [{"s": "county", "p": "partOf", "o": "prefecture"}]},
         "relations[0]: 'o' is not an entity id: 'prefecture'"),
        ({"document": "yunxi.txt", "entities": [COUNTY],
          "relations": [{"s": "county", "p": "date", "o": "2024年3月"}]},
         "relations[0]: 'o' of a date must be YYYY, YYYY-MM or YYYY-MM-DD: '2024年3月'"),
    ],
)
def test_evaluate_malformed_gold_file(tmp_path, data, problem):
    graph = write_trig(tmp_path, doc_block(ent("county")), ONTOLOGY_BLOCK)
    (tmp_path / "gold").mkdir()
    gold_file = tmp_path / "gold" / "yunxi.gold.json"
    gold_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(EvaluationError) as excinfo:
        evaluate(tmp_path / "gold", graph)
    assert str(excinfo.value) == f"{gold_file}: {problem}"


@pytest.mark.parametrize("source", ["news/old_yunxi.txt", "yunxi.txt.bak", "news/yunxi.html"])
def test_evaluate_document_not_in_graph(tmp_path, source):
    graph = write_trig(tmp_path, doc_block(ent("county"), source=source), ONTOLOGY_BLOCK)
    gold_dir = write_gold(tmp_path, [gold_entity("county")])
    with pytest.raises(EvaluationError) as excinfo:
        evaluate(gold_dir, graph)
    assert str(excinfo.value) == (
        f"{gold_dir / 'yunxi.gold.json'}: document 'yunxi.txt' is not in the graph "
        "(no aid:Document with aid:sourcePath 'yunxi.txt' or '…/yunxi.txt')")


def test_evaluate_document_matching_several_sources(tmp_path):
    graph = write_trig(
        tmp_path,
        doc_block(ent("county"), source="b/yunxi.txt", slug="b"),
        doc_block(ent("county"), source="a/yunxi.txt", slug="a"),
        ONTOLOGY_BLOCK,
    )
    gold_dir = write_gold(tmp_path, [gold_entity("county")])
    with pytest.raises(EvaluationError) as excinfo:
        evaluate(gold_dir, graph)
    assert str(excinfo.value) == (
        f"{gold_dir / 'yunxi.gold.json'}: document 'yunxi.txt' matches several documents in "
        "the graph: a/yunxi.txt, b/yunxi.txt")


def test_evaluate_document_annotated_twice(tmp_path):
    graph = write_trig(tmp_path, doc_block(ent("county")), ONTOLOGY_BLOCK)
    write_gold(tmp_path, [gold_entity("county")], stem="a")
    gold_dir = write_gold(tmp_path, [gold_entity("county")], stem="b")
    with pytest.raises(EvaluationError) as excinfo:
        evaluate(gold_dir, graph)
    assert str(excinfo.value) == (
        f"{gold_dir / 'b.gold.json'}: document 'yunxi.txt' is annotated twice")


# --- report formatting -------------------------------------------------------------------


def small_report():
    entities = {cls: Score() for cls in TOP_CLASSES}
    entities["Place"] = Score(tp=3, fp=1, fn=2, tp_gold=2)
    entities["all"] = Score(tp=3, fp=1, fn=2, tp_gold=2)
    relations = {p: Score() for p in PREDICATES}
    relations["partOf"] = Score(tp=10, fp=0, fn=0, tp_gold=10)
    relations["all"] = Score(tp=10, fp=0, fn=0, tp_gold=10)
    return EvalReport(entities, relations, ["yunxi.txt"], {"yunxi.txt": {}})


def test_evaluate_scores_each_document(tmp_path):
    report = two_documents(tmp_path)
    assert report.per_document["yunxi.txt"]["entities"] == Score(tp=1, tp_gold=1)
    assert report.per_document["donghu.txt"]["entities"] == Score(tp=1, fn=1, tp_gold=1)


def test_to_json_keys():
    data = small_report().to_json()
    assert set(data) == {"documents", "entities", "relations", "per_document", "questions", "details"}
    assert set(data["entities"]) == {*TOP_CLASSES, "all"}
    assert set(data["relations"]) == {*PREDICATES, "all"}
    assert data["entities"]["Place"] == {"tp": 3, "fp": 1, "fn": 2, "tp_gold": 2,
                                         "precision": 0.75, "recall": 0.5, "f1": 0.6}


def test_to_json_is_serialisable(tmp_path):
    body = ent("launch") + 'res:launch aid:date "2024-03"^^xsd:gYearMonth .\n'
    report = run(tmp_path, body, [gold_entity("launch")], [rel("launch", "date", "2024-03-18")])
    assert json.loads(json.dumps(report.to_json()))["details"]["yunxi.txt"]["relations"] == {
        "false_positives": ["春苗计划启动仪式 date 2024-03"],
        "misses": ["春苗计划启动仪式 date 2024-03-18"],
    }
