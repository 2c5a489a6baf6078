"""Precision, recall and F1 of a built graph against gold annotation files.

Matching follows "Gold annotation format (evaluation)" in SCHEMA.md. Every gold file is scored
against its own document's named graph, and the counts are summed over all files (micro average).

Entities. The predicted entities of a document are the nodes typed (``rdf:type``) in its named
graph with anything but ``aid:Document``, ``aid:Statement``, ``aid:Figure`` or ``rdf:Statement``.
A node's top classes are the six top classes its types reach through ``rdfs:subClassOf`` (types
from every graph; a node typed with two top classes counts once per class). Nodes whose types
reach no top class are not scored; they are listed under ``unclassified`` in the details. A gold
entity's names are its ``name``, its ``aliases`` and, in English gold files, its Chinese ``zh``. A node's
names are its ``rdfs:label`` literals in any language but ``zh-Latn-pinyin`` (a romanisation, not a
name: ``@en`` counts, as SCHEMA.md asks for English reports) and
its ``skos:altLabel`` literals, from every graph. A predicted entity matches a gold entity when
their top class is the same and their normalised names intersect.

Normalisation: Unicode NFKC, then every quotation mark (“”‘’"'「」『』), book-title mark (《》〈〉)
and whitespace character is removed. Whitespace is removed too because a space inside a Chinese
name is a typesetting accident, never part of the name.

Relations. The predicted relations of a document are the triples of its named graph whose
predicate is one of the seven core properties, plus the ``aid:locatedIn``/``aid:partOf`` triples
of the gazetteer graph whose two ends are both predicted entities of the document. A predicted
relation is correct when a gold relation with the same predicate holds between gold entities
that its ends match; an ``aid:date`` object is compared by its lexical form with the gold ISO
string. ``partOf`` holds along any path of gold ``partOf`` edges, ``locatedIn`` along any path of
gold ``locatedIn``/``partOf`` edges, ``pairedWith`` in either direction, and a ``fundedBy`` edge
to an aid body (an organization) counts for every place the body is ``partOf`` in the document's
graph (SCHEMA.md: a command or team of a city or province stands for that giver). A gold relation is
recalled under the same rules, with paths over the predicted edges of the document plus every
edge of the gazetteer graph (so a village placed in an unmentioned township still reaches its
county).

Questions. A gold question of a known form (``data/questions.csv``: "Which projects are in X?",
"Who funded the X?", "Which city is paired with X?", "Who is affiliated with X?", "Who took part in
the X?", "Where is X?") is answered through a saved query (``projects-in-place``, or ``entity``
filtered by a predicate), with X looked up by any label (written "English (中文)", each part is
tried); the answers are the result's nodes that are entities of the document, matched to the gold
answers by name. An aid body answering "who funded" counts for the giver it is ``partOf``. The
answers' P/R/F1 are pooled over all questions; questions of other forms are counted as skipped.

Counting. Precision counts predicted items and recall counts gold items, and the two need not
agree when several predicted nodes match one gold entity. :class:`Score` therefore keeps
``tp`` (correct predictions) and ``fp`` for precision, and ``tp_gold`` (recalled gold items) and
``fn`` for recall.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import Dataset, Graph, Literal
from rdflib.namespace import RDFS
from rdflib.plugin import PluginException
from rdflib.term import Node

from kg.errors import EvaluationError, ParameterError
from kg.graph.namespace import AID, RES
from kg.query.lookup import Lookup
from kg.query.saved import open_graph, run_query
from kg.reference.rules import load_csv
from kg.resources import DATA_DIR, ONTOLOGY_DIR

ONTOLOGY_GRAPH = RES["graph/ontology"]
GAZETTEER_GRAPH = RES["graph/gazetteer"]
ONTOLOGY_PATH = ONTOLOGY_DIR / "aid.ttl"
QUESTIONS_PATH = DATA_DIR / "questions.csv"  # the question forms and the saved queries answering them

TOP_CLASSES = ("Place", "Organization", "Program", "Event", "Person", "Work")
PREDICATES = (
    "locatedIn",
    "partOf",
    "fundedBy",
    "participant",
    "affiliatedWith",
    "pairedWith",
    "date",
)
# Which edges a path may follow for the transitive predicates (SCHEMA.md).
_PATHS = {"partOf": {"partOf"}, "locatedIn": {"locatedIn", "partOf"}}
_STRIPPED = re.compile(r"[\s“”‘’\"'「」『』《》〈〉]")
_ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")

_PREFIXES = """
PREFIX aid: <https://w3id.org/aid-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
_DOCUMENTS = (
    _PREFIXES
    + """
SELECT ?g ?doc ?path WHERE {
  GRAPH ?g { ?doc a aid:Document }
  GRAPH ?h { ?doc aid:sourcePath ?path }
}
"""
)
_TYPES = (
    _PREFIXES
    + """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?g ?x ?c WHERE {
  GRAPH ?g { ?x a ?c }
  FILTER (?c NOT IN (aid:Document, aid:Statement, aid:Figure, rdf:Statement))
}
"""
)
_SUBCLASSES = (
    _PREFIXES
    + """
SELECT ?c ?d WHERE { GRAPH ?g { ?c rdfs:subClassOf ?d } }
"""
)
_NAMES = (
    _PREFIXES
    + """
SELECT ?x ?p ?name WHERE { VALUES ?p { rdfs:label skos:altLabel } GRAPH ?g { ?x ?p ?name } }
"""
)
_EDGES = (
    _PREFIXES
    + """
SELECT ?g ?s ?p ?o WHERE {
  VALUES ?p { aid:locatedIn aid:partOf aid:fundedBy aid:participant aid:affiliatedWith
              aid:pairedWith aid:date }
  GRAPH ?g { ?s ?p ?o }
}
"""
)
_HAS_ONTOLOGY = "ASK { GRAPH <" + str(ONTOLOGY_GRAPH) + "> { ?s ?p ?o } }"


@dataclass
class Score:
    """Counts of one row of the report.

    Attributes:
        tp: predicted items that are correct.
        fp: predicted items that are wrong.
        fn: gold items that no prediction recalls.
        tp_gold: gold items that some prediction recalls.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tp_gold: int = 0

    @property
    def precision(self) -> float:
        """``tp / (tp + fp)``, 0.0 without predictions."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """``tp_gold / (tp_gold + fn)``, 0.0 without gold items."""
        return self.tp_gold / (self.tp_gold + self.fn) if self.tp_gold + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall, 0.0 when both are 0."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, correct: bool, *, gold: bool) -> None:
        """Count one item.

        Args:
            correct: whether the item is correct (predicted) or recalled (gold).
            gold: True for a gold item, False for a predicted one.
        """
        if gold:
            self.tp_gold += correct
            self.fn += not correct
        else:
            self.tp += correct
            self.fp += not correct

    def to_json(self) -> dict:
        """Return the counts and the rates (rounded to 4 places) as a JSON-ready dict."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tp_gold": self.tp_gold,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class EvalReport:
    """Scores of a graph against a folder of gold files.

    Attributes:
        entities: a score per top class, and "all" (their sum).
        relations: a score per core predicate, and "all" (their sum).
        documents: the gold documents evaluated, in gold file name order.
        per_document: for each document, its ``entities`` and ``relations`` scores (all classes,
            all predicates).
        details: per document, for error analysis: ``entities`` and ``relations``, each with
            ``false_positives`` and ``misses`` (readable strings), ``unclassified`` (typed nodes
            that reach no top class) and ``questions_skipped`` (gold questions of no known form).
        questions: the answers' score, pooled over the questions answered.
        answers: per question: the document, the question, the saved query, the answers found
            and the gold answers missed (by name).
    """

    entities: dict[str, Score]
    relations: dict[str, Score]
    documents: list[str]
    details: dict
    per_document: dict[str, dict[str, Score]] = field(default_factory=dict)
    questions: Score = field(default_factory=lambda: Score())
    answers: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        """Return the report as a JSON-ready dict."""
        return {
            "documents": self.documents,
            "questions": {"answers": self.questions.to_json(), "per_question": self.answers},
            "entities": {key: score.to_json() for key, score in self.entities.items()},
            "relations": {key: score.to_json() for key, score in self.relations.items()},
            "per_document": {
                doc: {kind: score.to_json() for kind, score in scores.items()}
                for doc, scores in self.per_document.items()
            },
            "details": self.details,
        }


def normalise(name: str) -> str:
    """Return the form of a name that matching compares (see the module docstring).

    Args:
        name: a surface form.

    Returns:
        The NFKC form without quotation marks, book-title marks and whitespace.
    """
    return _STRIPPED.sub("", unicodedata.normalize("NFKC", name))


@dataclass(frozen=True)
class _GoldEntity:
    id: str
    cls: str
    name: str
    keys: frozenset[str]


@dataclass
class _Gold:
    path: Path
    document: str
    entities: dict[str, _GoldEntity]
    # (s id, predicate, o id) or, for "date", (s id, "date", Literal(ISO string))
    relations: set[tuple]
    questions: list[tuple[str, frozenset[str]]]  # (question, ids of its answers)


def evaluate(gold_dir: Path, graph_path: Path, *, ontology: Path = ONTOLOGY_PATH) -> EvalReport:
    """Score a built graph against every ``*.gold.json`` file of a folder.

    Args:
        gold_dir: folder of gold files (SCHEMA.md, "Gold annotation format").
        graph_path: a TriG file with named graphs, or a build folder holding ``graph.trig``.
        ontology: the ontology to read ``rdfs:subClassOf`` from when the graph has no
            ``res:graph/ontology``.

    Returns:
        The scores, per top class and per predicate, and per-document error details.

    Raises:
        EvaluationError: the graph is missing or unparseable, the folder has no gold file, a
            gold file is malformed or annotates a document that is not in the graph, or the
            ontology is needed but missing.
    """
    gold_dir, graph_path = Path(gold_dir), Path(graph_path)
    if not gold_dir.is_dir():
        raise EvaluationError(f"{gold_dir}: not a directory")
    gold_files = sorted(gold_dir.glob("*.gold.json"))
    if not gold_files:
        raise EvaluationError(f"{gold_dir}: no *.gold.json files")
    golds = [_load_gold(path) for path in gold_files]
    graph = _GraphIndex(_load_dataset(graph_path), ontology)
    answerer = _Answerer(graph_path)
    questions = Score()
    answers: list[dict] = []

    entities = {cls: Score() for cls in TOP_CLASSES}
    relations = {p: Score() for p in PREDICATES}
    details: dict = {}
    per_document: dict[str, dict[str, Score]] = {}
    for gold in golds:
        if gold.document in details:
            raise EvaluationError(f"{gold.path}: document '{gold.document}' is annotated twice")
        doc_entities = {cls: Score() for cls in TOP_CLASSES}
        doc_relations = {p: Score() for p in PREDICATES}
        details[gold.document] = _score_document(gold, graph, doc_entities, doc_relations)
        for result in _answer_questions(gold, graph, answerer):
            questions = _total((questions, result.pop("score")))
            answers.append(result)
        per_document[gold.document] = {
            "entities": _total(doc_entities.values()),
            "relations": _total(doc_relations.values()),
        }
        for totals, scores in ((entities, doc_entities), (relations, doc_relations)):
            for key, score in scores.items():
                totals[key] = _total((totals[key], score))
    entities["all"] = _total(entities.values())
    relations["all"] = _total(relations.values())
    documents = [gold.document for gold in golds]
    return EvalReport(entities, relations, documents, details, per_document, questions, answers)


def _total(scores) -> Score:
    total = Score()
    for score in scores:
        total.tp += score.tp
        total.fp += score.fp
        total.fn += score.fn
        total.tp_gold += score.tp_gold
    return total


def _load_gold(path: Path) -> _Gold:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EvaluationError(f"{path}: not valid UTF-8 JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise EvaluationError(f"{path}: expected a JSON object")
    document = _field(path, "", data, "document", str)

    entities: dict[str, _GoldEntity] = {}
    for i, item in enumerate(_field(path, "", data, "entities", list)):
        where = f"entities[{i}]: "
        entity_id = _field(path, where, item, "id", str)
        cls = _field(path, where, item, "class", str)
        name = _field(path, where, item, "name", str)
        aliases = item.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise EvaluationError(f"{path}: {where}'aliases' must be a list of strings")
        if cls not in TOP_CLASSES:
            raise EvaluationError(f"{path}: {where}unknown class '{cls}' (expected one of {', '.join(TOP_CLASSES)})")
        if entity_id in entities:
            raise EvaluationError(f"{path}: {where}duplicate id '{entity_id}'")
        zh = item.get("zh")
        if zh is not None and not isinstance(zh, str):
            raise EvaluationError(f"{path}: {where}'zh' must be a string")
        # An English gold entity's Chinese name is one of its names: labels match in any language.
        keys = frozenset(filter(None, map(normalise, [name, *aliases, *([zh] if zh else [])])))
        entities[entity_id] = _GoldEntity(entity_id, cls, name, keys)

    relations = set()
    for i, item in enumerate(_field(path, "", data, "relations", list)):
        where = f"relations[{i}]: "
        s, p, o = (_field(path, where, item, key, str) for key in ("s", "p", "o"))
        if p not in PREDICATES:
            raise EvaluationError(f"{path}: {where}unknown predicate '{p}' (expected one of {', '.join(PREDICATES)})")
        if s not in entities:
            raise EvaluationError(f"{path}: {where}'s' is not an entity id: '{s}'")
        if p == "date":
            if not _ISO_DATE.fullmatch(o):
                raise EvaluationError(f"{path}: {where}'o' of a date must be YYYY, YYYY-MM or YYYY-MM-DD: '{o}'")
            relations.add((s, p, Literal(o)))
        elif o not in entities:
            raise EvaluationError(f"{path}: {where}'o' is not an entity id: '{o}'")
        else:
            relations.add((s, p, o))
    questions = []
    for i, item in enumerate(data.get("questions") or []):
        where = f"questions[{i}]: "
        question = _field(path, where, item, "question", str)
        answers = _field(path, where, item, "answers", list)
        unknown = [a for a in answers if a not in entities]
        if unknown:
            raise EvaluationError(f"{path}: {where}answers are not entity ids: {', '.join(map(str, unknown))}")
        questions.append((question, frozenset(answers)))
    return _Gold(path, document, entities, relations, questions)


def _field(path: Path, where: str, item, key: str, kind: type):
    if not isinstance(item, dict):
        raise EvaluationError(f"{path}: {where}expected a JSON object")
    value = item.get(key)
    if not isinstance(value, kind):
        kind_name = {str: "a string", list: "a list"}[kind]
        raise EvaluationError(f"{path}: {where}'{key}' must be {kind_name}")
    return value


def _load_dataset(graph_path: Path) -> Dataset:
    path = graph_path / "graph.trig" if graph_path.is_dir() else graph_path
    if not path.is_file():
        raise EvaluationError(f"{path}: no such file")
    try:
        dataset, fmt = Dataset(store="Oxigraph"), "ox-trig"
    except PluginException:  # without oxrdflib: rdflib's own store, ~10x slower to parse
        dataset, fmt = Dataset(), "trig"
    try:
        dataset.parse(path, format=fmt)
    except (SyntaxError, ValueError, OSError) as exc:
        raise EvaluationError(f"{path}: cannot parse TriG: {exc}") from exc
    return dataset


class _GraphIndex:
    """What scoring needs from the dataset, read with one query per kind of triple."""

    def __init__(self, dataset: Dataset, ontology: Path):
        self.documents: dict[str, Node] = {}  # aid:sourcePath -> document graph
        for g, _doc, path in dataset.query(_DOCUMENTS):
            self.documents[str(path)] = g

        supers = defaultdict(set)
        for c, d in dataset.query(_SUBCLASSES):
            supers[c].add(d)
        if not dataset.query(_HAS_ONTOLOGY).askAnswer:
            for c, d in _ontology_subclasses(ontology):
                supers[c].add(d)
        tops = {AID[cls]: cls for cls in TOP_CLASSES}
        tops_of: dict[Node, set[str]] = {}  # class -> the top classes it reaches

        self.nodes: dict[Node, set] = defaultdict(set)  # graph -> nodes typed there
        self.classes: dict[Node, set[str]] = defaultdict(set)  # node -> its top classes
        for g, x, c in dataset.query(_TYPES):
            if c not in tops_of:
                tops_of[c] = {tops[t] for t in _ancestors(c, supers) if t in tops}
            self.nodes[g].add(x)
            self.classes[x] |= tops_of[c]

        self.keys: dict[Node, set[str]] = defaultdict(set)  # node -> normalised names
        # node -> (is an altLabel, is not Chinese, name): the least is the name shown in the details
        self.display: dict[Node, tuple[bool, bool, str]] = {}
        for x, p, name in dataset.query(_NAMES):
            if p == RDFS.label and _is_pinyin(name):
                continue
            key = normalise(str(name))
            if key:
                self.keys[x].add(key)
            shown = (p != RDFS.label, not (getattr(name, "language", None) or "").startswith("zh"), str(name))
            self.display[x] = min(self.display.get(x, shown), shown)

        self.edges: dict[Node, set[tuple]] = defaultdict(set)  # graph -> (s, p, o)
        for g, s, p, o in dataset.query(_EDGES):
            self.edges[g].add((s, p[len(str(AID)) :], o))
        # Gazetteer containment, shared by every document's paths.
        self.gazetteer_facts = _Facts(t for t in self.edges.get(GAZETTEER_GRAPH, ()) if t[1] in _PATHS)

    def name(self, term) -> str:
        """Return a readable name of a node or literal."""
        if isinstance(term, Literal) or term not in self.display:
            return str(term)
        return self.display[term][-1]


def _is_pinyin(label) -> bool:
    # A romanisation made from the Chinese name, not a name the entity goes by in any language.
    return (getattr(label, "language", None) or "").lower() == "zh-latn-pinyin"


def _ancestors(cls, supers) -> set:
    seen, stack = {cls}, [cls]
    while stack:
        for d in supers.get(stack.pop(), ()):
            if d not in seen:
                seen.add(d)
                stack.append(d)
    return seen


def _ontology_subclasses(ontology: Path):
    if not ontology.is_file():
        raise EvaluationError(f"{ontology}: no such file (needed because the graph has no {ONTOLOGY_GRAPH})")
    graph = Graph()
    try:
        graph.parse(ontology, format="turtle")
    except (SyntaxError, ValueError) as exc:
        raise EvaluationError(f"{ontology}: cannot parse Turtle: {exc}") from exc
    return graph.subject_objects(RDFS.subClassOf)


class _Facts:
    """Relation triples (s, p, o), p a core predicate name, and what holds along their paths."""

    def __init__(self, triples, base: _Facts | None = None):
        self.out: dict = defaultdict(set)  # s -> {(p, o)}, pairedWith in both directions
        for s, p, o in triples:
            self.out[s].add((p, o))
            if p == "pairedWith":
                self.out[o].add((p, s))
        self.base = base

    def _successors(self, x) -> set:
        return self.out.get(x, set()) | (self.base._successors(x) if self.base else set())

    def targets(self, s, p) -> set:
        """Return every o for which (s p o) holds, following paths for partOf and locatedIn; for
        fundedBy, also the places an aid body it reaches is part of (SCHEMA.md: a fundedBy edge to
        an aid body that is partOf the giver counts for the giver)."""
        if p == "fundedBy":
            funders = {o for q, o in self._successors(s) if q == p}
            return funders | {o for f in funders for q, o in self._successors(f) if q == "partOf"}
        if p not in _PATHS:
            return {o for q, o in self._successors(s) if q == p}
        seen, stack = set(), [s]
        while stack:
            for q, o in self._successors(stack.pop()):
                if q in _PATHS[p] and o not in seen:
                    seen.add(o)
                    stack.append(o)
        return seen


def _score_document(gold: _Gold, graph: _GraphIndex, entities, relations) -> dict:
    """Add one document's counts to ``entities`` and ``relations``; return its details."""
    graph_id = _document_graph(gold, graph)
    index = defaultdict(set)  # (top class, key) -> gold ids
    for entity in gold.entities.values():
        for key in entity.keys:
            index[entity.cls, key].add(entity.id)

    def match(term) -> set:
        if isinstance(term, Literal):
            return {Literal(str(term))}
        return {
            gold_id
            for cls in graph.classes.get(term, ())
            for key in graph.keys.get(term, ())
            for gold_id in index.get((cls, key), ())
        }

    nodes = graph.nodes.get(graph_id, set())
    found: dict[str, set] = defaultdict(set)  # gold id -> predicted nodes matching it
    wrong_entities = []
    for node in nodes:
        for cls in graph.classes.get(node, ()):
            ids = {i for i in match(node) if gold.entities[i].cls == cls}
            entities[cls].add(bool(ids), gold=False)
            for gold_id in ids:
                found[gold_id].add(node)
            if not ids:
                wrong_entities.append(f"{cls} {graph.name(node)} <{node}>")
    missed_entities = []
    for entity in gold.entities.values():
        entities[entity.cls].add(entity.id in found, gold=True)
        if entity.id not in found:
            missed_entities.append(f"{entity.cls} {entity.name}")

    predicted = graph.edges.get(graph_id, set()) | {
        (s, p, o) for s in nodes for p, o in graph.gazetteer_facts.out.get(s, ()) if o in nodes
    }
    gold_facts = _Facts(gold.relations)
    predicted_facts = _Facts(graph.edges.get(graph_id, ()), base=graph.gazetteer_facts)
    wrong_relations = []
    for s, p, o in predicted:
        # An edge to an aid body counts for the giver the body is part of (SCHEMA.md).
        ends = {o} | ({x for q, x in predicted_facts.out.get(o, ()) if q == "partOf"} if p == "fundedBy" else set())
        correct = any(match(end) & gold_facts.targets(gs, p) for gs in match(s) for end in ends)
        relations[p].add(correct, gold=False)
        if not correct:
            wrong_relations.append(f"{graph.name(s)} {p} {graph.name(o)}")
    missed_relations = []
    for gs, p, go in gold.relations:
        recalled = any(go in match(o) for s in found.get(gs, ()) for o in predicted_facts.targets(s, p))
        relations[p].add(recalled, gold=True)
        if not recalled:
            o_name = go if isinstance(go, Literal) else gold.entities[go].name
            missed_relations.append(f"{gold.entities[gs].name} {p} {o_name}")

    return {
        "entities": {"false_positives": sorted(wrong_entities), "misses": sorted(missed_entities)},
        "relations": {
            "false_positives": sorted(wrong_relations),
            "misses": sorted(missed_relations),
        },
        "unclassified": sorted(str(n) for n in nodes if not graph.classes.get(n)),
        "questions_skipped": sum(1 for question, _ in gold.questions if _question_form(question) is None),
    }


def _document_graph(gold: _Gold, graph: _GraphIndex) -> Node:
    hits = sorted(path for path in graph.documents if path == gold.document or path.endswith("/" + gold.document))
    if not hits:
        raise EvaluationError(
            f"{gold.path}: document '{gold.document}' is not in the graph "
            f"(no aid:Document with aid:sourcePath '{gold.document}' or '…/{gold.document}')"
        )
    if len(hits) > 1:
        raise EvaluationError(
            f"{gold.path}: document '{gold.document}' matches several documents in the graph: " + ", ".join(hits)
        )
    return graph.documents[hits[0]]


# --- questions ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _QuestionForm:
    """A form of gold question and the saved query that answers it (``data/questions.csv``)."""

    pattern: re.Pattern[str]
    query: str
    parameter: str
    answer: str  # the answer column
    property: str | None  # for the entity query: the predicate of the answer rows
    direction: str | None  # "out", "in" or "both"


@cache
def _question_forms() -> tuple[_QuestionForm, ...]:
    return tuple(
        _QuestionForm(
            re.compile(row["pattern"]),
            row["query"],
            row["parameter"],
            row["answer"],
            row["property"] or None,
            row["direction"] or None,
        )
        for row in load_csv(QUESTIONS_PATH)
    )


def _question_form(question: str) -> tuple[_QuestionForm, str] | None:
    for form in _question_forms():
        match = form.pattern.match(question.strip())
        if match:
            return form, match.group("name")
    return None


def _name_variants(name: str) -> list[str]:
    """The name as written, then its parts: "Damxung County (当雄县)" → itself, 当雄县, Damxung County."""
    variants = [name.strip()]
    match = re.fullmatch(r"(.+?)\s*[(（](.+?)[)）]", name.strip())
    if match:
        variants += [match.group(2).strip(), match.group(1).strip()]
    return variants


class _Answerer:
    """Answers questions with the saved queries over the graph (loaded once, when first asked)."""

    def __init__(self, graph_path: Path):
        self.graph_path = graph_path
        self._store = None
        self._lookup = None

    def answer(self, form: _QuestionForm, name: str) -> set:
        """The nodes that answer the question about ``name``; none when no node has that name."""
        if self._store is None:
            self._store = open_graph(self.graph_path)
            self._lookup = Lookup(self._store)
        for variant in _name_variants(name):
            try:
                result = run_query(self._store, form.query, {form.parameter: variant}, lookup=self._lookup)
            except ParameterError:  # no node, or several, has that name
                continue
            return _answer_values(form, result)
        return set()


def _answer_values(form: _QuestionForm, result) -> set:
    column = result.columns.index(form.answer)
    if form.property is None:
        return {row[column] for row in result.rows if row[column] is not None}
    prop = AID[form.property]
    direction = result.columns.index("direction")
    prop_column = result.columns.index("property")
    wanted = ("out", "in") if form.direction == "both" else (form.direction,)
    return {
        row[column]
        for row in result.rows
        if row[prop_column] == prop and str(row[direction]) in wanted and row[column] is not None
    }


def _answer_questions(gold: _Gold, graph: _GraphIndex, answerer: _Answerer) -> list[dict]:
    """Each gold question answered from the document's own entities: its answers' P/R (a
    ``score`` to sum) and the answers found and missed, by name."""
    graph_id = _document_graph(gold, graph)
    nodes = graph.nodes.get(graph_id, set())
    names = {entity.id: entity.keys for entity in gold.entities.values()}
    results = []
    for question, expected in gold.questions:
        found_form = _question_form(question)
        if found_form is None:
            continue
        form, name = found_form
        predicted = answerer.answer(form, name) & nodes
        # An aid body that answers "who funded" counts for the giver it is part of (SCHEMA.md).
        givers: dict = defaultdict(set)
        if form.property == "fundedBy":
            for s, p, o in graph.edges.get(graph_id, ()):
                if p == "partOf" and s in predicted:
                    givers[s].add(o)
        score = Score()
        recalled = set()
        for node in predicted:
            keys = set(graph.keys.get(node, set())).union(*(graph.keys.get(g, set()) for g in givers[node]))
            ids = {i for i in expected if names[i] & keys}
            score.add(bool(ids), gold=False)
            recalled |= ids
        for answer in expected:
            score.add(answer in recalled, gold=True)
        results.append(
            {
                "document": gold.document,
                "question": question,
                "query": form.query,
                "found": sorted(graph.name(node) for node in predicted),
                "missed": sorted(gold.entities[i].name for i in expected - recalled),
                "score": score,
            }
        )
    return results
