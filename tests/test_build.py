"""Tests for kg.build: the build job, the graph files it writes and the build report.

Fixtures:
- tests/data/build/corpus/: three short reports made up for these tests in the style of Chinese
  official news about counterpart assistance (real places: 喀什地区疏附县, 和田地区洛浦县, 和田市;
  programs, schools, people and works invented). Origin: tests/data/README.md, heading "build".
- tests/data/build/golden.nq: the graph of that corpus without the ontology graph, as sorted
  N-Quads. Regenerate it with ``KG_REGEN_GOLDEN=1 python -m pytest tests/test_build.py -k golden``
  and review the diff before committing it (tests/data/README.md).
- Bad inputs (GBK, UTF-8 with BOM, empty, binary, HTML with <script>) and the former-name report
  are written into tmp_path by the tests, from the made-up sentences below.
The tiny corpus is built once per session (``tiny``); the other builds use one short report.
"""

import contextlib
import errno
import gc
import json
import os
import shutil
import stat
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import assert_conforms
from rdflib import RDF, Dataset, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic

import kg.build
import kg.graph.cache
from kg.build import CORE_PREDICATES, OUTPUT_FILES, BuildReport, build, build_dataset
from kg.errors import (
    BuildError,
    BuildLockedError,
    CorpusError,
    EmptyBuildError,
    ExtractionFailedError,
    GraphFileError,
)
from kg.graph.cache import CACHE_DIR
from kg.graph.namespace import AID, GEO, PROV, RDFS, RES, SKOS, XSD, bind_prefixes, load_ontology
from kg.graph.store import STORES_DIR
from kg.reference.gazetteer import Gazetteer

DATA = Path(__file__).resolve().parent / "data" / "build"
CORPUS = DATA / "corpus"
GOLDEN = DATA / "golden.nq"
REGEN_ENV = "KG_REGEN_GOLDEN"
GAZETTEER_GRAPH = RES["graph/gazetteer"]
ONTOLOGY_GRAPH = RES["graph/ontology"]
INDEX_GRAPH = RES["graph/index"]  # derived from the rest: checked in tests/test_store.py
ONE_REPORT = CORPUS / "hotan_football.txt"

GBK_SENTENCE = "和田地区于田县“金沙棘”合作社带动三百户农民增收。"
BOM_SENTENCE = "喀什地区伽师县“红柳”服务站正式启用。"
HTML_SENTENCE = "和田地区墨玉县“绿洲”技能培训计划正式启动。"
SCRIPT_TEXTS = ("阿勒泰地区脚本秘密计划", "吐鲁番市脚本中心")
HTML_PAGE = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>墨玉县技能培训</title>
<script>var note = "{SCRIPT_TEXTS[0]}";</script></head>
<body><article><p>{HTML_SENTENCE}</p>
<script>document.write("{SCRIPT_TEXTS[1]}");</script></article></body></html>
"""
FORMER_NAME_REPORT = "2014年，吐鲁番地区启动“葡萄沟”帮扶计划。"


@dataclass(frozen=True)
class Built:
    report: BuildReport
    out: Path


def plain(term):
    """Oxigraph writes plain literals as ``"x"^^xsd:string``: the same RDF 1.1 term, compared alike."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def graphs_of(path: Path, fmt: str = "trig", exclude=(ONTOLOGY_GRAPH, INDEX_GRAPH)) -> dict[URIRef, Graph]:
    """The named graphs of a TriG/N-Quads file, by name, with plain literals normalised."""
    dataset = Dataset()
    dataset.parse(path, format=fmt)
    graphs: dict[URIRef, Graph] = {}
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = g.identifier if isinstance(g, Graph) else g
        if name not in exclude:
            graphs.setdefault(name, Graph()).add((s, p, plain(o)))
    return graphs


def sparql_dataset(path: Path) -> Dataset:
    dataset = Dataset(store="Oxigraph")
    dataset.parse(path, format="trig")
    return bind_prefixes(dataset)


def iris(dataset: Dataset) -> set[URIRef]:
    return {term for quad in dataset.quads((None, None, None, None)) for term in quad if isinstance(term, URIRef)}


def objects(dataset: Dataset, subject, predicate) -> set:
    """Objects in any named graph (a Dataset's own ``objects`` reads only its default graph)."""
    return {o for _, _, o, _ in dataset.quads((subject, predicate, None, None))}


def diff_text(first: Graph, second: Graph, names=("first", "second"), limit: int = 40) -> str:
    _, only_first, only_second = graph_diff(first, second)
    parts = []
    for name, graph in zip(names, (only_first, only_second)):
        lines = sorted(graph.serialize(format="nt").splitlines())
        parts.append(f"  only in {name} ({len(lines)}):\n" + "\n".join("    " + line for line in lines[:limit]))
    return "\n".join(parts)


def assert_same_graphs(first: dict[URIRef, Graph], second: dict[URIRef, Graph], names=("first", "second"), hint=""):
    problems = []
    for name in sorted(set(first) | set(second)):
        a, b = first.get(name, Graph()), second.get(name, Graph())
        if not isomorphic(a, b):
            problems.append(f"graph <{name}> differs:\n" + diff_text(a, b, names))
    assert not problems, "\n".join([*problems, hint])


def write_golden(graphs: dict[URIRef, Graph]) -> None:
    dataset = Dataset()
    for name, graph in graphs.items():
        target = dataset.graph(name)
        for triple in graph:
            target.add(triple)
    lines = sorted(line for line in dataset.serialize(format="nquads").splitlines() if line.strip())
    GOLDEN.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="session")
def tiny(tmp_path_factory) -> Built:
    out = tmp_path_factory.mktemp("tiny") / "out"
    return Built(build([CORPUS], out, validate=True), out)


@pytest.fixture(scope="session")
def tiny_sparql(tiny) -> Dataset:
    return sparql_dataset(tiny.out / "graph.trig")


@pytest.fixture(scope="session")
def tiny_iris(tiny_sparql) -> set[URIRef]:
    return iris(tiny_sparql)


# --- the golden graph -----------------------------------------------------------------------


def test_tiny_corpus_graph_matches_golden(tiny):
    built = graphs_of(tiny.out / "graph.trig")
    if os.environ.get(REGEN_ENV):
        write_golden(built)
        pytest.skip(f"{REGEN_ENV} set: rewrote {GOLDEN}; review the diff before committing it")
    hint = f"If the change is intended: {REGEN_ENV}=1 python -m pytest tests/test_build.py -k golden, then review."
    assert_same_graphs(built, graphs_of(GOLDEN, "nquads"), ("first (built)", "second (golden)"), hint)


def test_ontology_graph_is_a_copy_of_the_ontology(tiny):
    built = graphs_of(tiny.out / "graph.trig", exclude=())[ONTOLOGY_GRAPH]
    assert isomorphic(built, load_ontology()), diff_text(built, load_ontology(), ("built", "ontology/aid.ttl"))


def test_graph_ttl_is_the_union_of_the_named_graphs(tiny):
    union = Graph()  # of the data graphs: the index graph is a look-up structure, read by name
    for graph in graphs_of(tiny.out / "graph.trig", exclude=(INDEX_GRAPH,)).values():
        union += graph
    ttl = Graph()
    for s, p, o in Graph().parse(tiny.out / "graph.ttl", format="turtle"):
        ttl.add((s, p, plain(o)))
    assert isomorphic(ttl, union), diff_text(ttl, union, ("graph.ttl", "graph.trig"))


def test_graph_ttl_states_each_triple_once(tiny):
    # Several document graphs state the same triples about an entity; the union writes them once.
    stated = [str(triple) for triple in ox.parse(path=str(tiny.out / "graph.ttl"), format=ox.RdfFormat.TURTLE)]
    repeated = sorted(triple for triple, count in Counter(stated).items() if count > 1)
    assert (len(stated) > 1000, repeated) == (True, [])


# --- stable IRIs ------------------------------------------------------------------------------


def test_building_twice_gives_isomorphic_graphs(tiny, tmp_path):
    build([CORPUS], tmp_path / "again")
    assert_same_graphs(
        graphs_of(tmp_path / "again" / "graph.trig", exclude=()),
        graphs_of(tiny.out / "graph.trig", exclude=()),
        names=("second build", "first build"),
    )


def test_files_in_another_order_give_the_same_iris(tiny_iris):
    files = sorted(CORPUS.iterdir(), reverse=True)
    assert iris(build_dataset(files)) == tiny_iris


def test_corpus_in_another_folder_gives_the_same_iris(tiny_iris, tmp_path):
    copy = shutil.copytree(CORPUS, tmp_path / "another name" / "报道")
    assert iris(build_dataset([copy])) == tiny_iris


def test_iris_do_not_depend_on_the_other_documents(tiny_iris):
    alone = iris(build_dataset([CORPUS / "hotan_health.md"]))
    assert alone - tiny_iris == set()


# --- incremental builds ----------------------------------------------------------------------

NEW_REPORT = "2024年5月，广东援疆前方指挥部在喀什地区疏附县启动“石榴籽”助学计划，惠及学生三百名。"


def graphs_in(out: Path) -> dict[URIRef, Graph]:
    return graphs_of(out / "graph.trig", exclude=())


def assert_same_as_clean_build(out: Path, corpus: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    build([corpus], clean)
    assert_same_graphs(graphs_in(out), graphs_in(clean), names=("incremental", "clean"))


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    return shutil.copytree(CORPUS, tmp_path / "corpus")


@pytest.fixture
def built_copy(corpus_copy, tmp_path) -> tuple[Path, Path]:
    out = tmp_path / "out"
    build([corpus_copy], out)
    return corpus_copy, out


def test_second_build_reuses_every_unchanged_document(built_copy):
    corpus, out = built_copy
    report = build([corpus], out)
    assert (report.extracted, sorted(report.reused)) == ([], sorted(p.name for p in corpus.iterdir()))


def test_second_build_of_an_unchanged_corpus_writes_the_same_files(built_copy):
    corpus, out = built_copy
    before = {name: (out / name).read_bytes() for name in ("graph.trig", "graph.ttl")}
    build([corpus], out)
    assert {name: (out / name).read_bytes() for name in before} == before


def test_changed_document_alone_is_processed_again(built_copy):
    corpus, out = built_copy
    (corpus / "hotan_health.md").write_text(NEW_REPORT, encoding="utf-8")
    report = build([corpus], out)
    assert report.extracted == ["hotan_health.md"]


def test_build_after_a_change_equals_a_clean_build(built_copy, tmp_path):
    corpus, out = built_copy
    (corpus / "hotan_health.md").write_text(NEW_REPORT, encoding="utf-8")
    build([corpus], out)
    assert_same_as_clean_build(out, corpus, tmp_path)


def test_build_after_a_removal_drops_the_document_graph(built_copy, tmp_path):
    corpus, out = built_copy
    (corpus / "hotan_football.txt").unlink()
    report = build([corpus], out)
    assert report.removed == ["hotan_football.txt"]
    assert_same_as_clean_build(out, corpus, tmp_path)


def test_build_after_an_addition_equals_a_clean_build(built_copy, tmp_path):
    corpus, out = built_copy
    (corpus / "new.txt").write_text(NEW_REPORT, encoding="utf-8")
    report = build([corpus], out)
    assert report.extracted == ["new.txt"]
    assert_same_as_clean_build(out, corpus, tmp_path)


def test_rebuild_processes_every_document(built_copy):
    corpus, out = built_copy
    report = build([corpus], out, rebuild=True)
    assert (sorted(report.extracted), report.reused) == (sorted(p.name for p in corpus.iterdir()), [])


def test_a_new_pipeline_processes_every_document_again(built_copy, monkeypatch):
    corpus, out = built_copy
    monkeypatch.setattr(kg.graph.cache, "pipeline_fingerprint", lambda: "another pipeline")
    report = build([corpus], out)
    assert report.reused == []


def test_an_unreadable_cache_entry_is_rebuilt(built_copy, tmp_path):
    corpus, out = built_copy
    for entry in (out / CACHE_DIR / "docs").glob("*.entry"):
        entry.write_text("{not json", encoding="utf-8")
    report = build([corpus], out)
    assert len(report.extracted) == 3
    assert_same_as_clean_build(out, corpus, tmp_path)


def test_add_keeps_the_documents_already_built(built_copy, tmp_path):
    corpus, out = built_copy
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "new.txt").write_text(NEW_REPORT, encoding="utf-8")
    report = build([extra], out, keep=True)
    assert (report.extracted, len(report.documents)) == (["new.txt"], 4)
    shutil.copy(extra / "new.txt", corpus / "new.txt")
    assert_same_as_clean_build(out, corpus, tmp_path)


@pytest.mark.parametrize("name", ["hotan_football.txt", "doc id", "source path"])
def test_remove_drops_a_document_named_in_any_way(built_copy, tmp_path, name):
    corpus, out = built_copy
    doc_id = next(p.stem for p in (out / CACHE_DIR / "docs").glob("hotan-football-*.entry"))
    given = {"doc id": doc_id, "source path": str(corpus / "hotan_football.txt")}.get(name, name)
    report = build([], out, keep=True, remove=[given])
    assert report.removed == ["hotan_football.txt"]
    (corpus / "hotan_football.txt").unlink()
    assert_same_as_clean_build(out, corpus, tmp_path)


def test_removing_an_unknown_document_raises_build_error(built_copy):
    _, out = built_copy
    with pytest.raises(BuildError, match="^nowhere.txt: no such document in the build"):
        build([], out, keep=True, remove=["nowhere.txt"])


def test_an_entity_keeps_its_iri_when_a_new_document_names_it_otherwise(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("喀什地区疏附县石榴花幼儿园举行开园仪式。", encoding="utf-8")
    out = tmp_path / "out"
    build([corpus], out)
    before = iris(sparql_dataset(out / "graph.trig"))
    (corpus / "b.txt").write_text("石榴花幼儿园的孩子们参加了活动。", encoding="utf-8")
    build([corpus], out)
    after = sparql_dataset(out / "graph.trig")
    kindergarten = [iri for iri in before if "/org/" in str(iri)]
    assert kindergarten and all(
        Literal("石榴花幼儿园", lang="zh") in objects(after, iri, SKOS.altLabel) for iri in kindergarten
    )


@pytest.fixture
def one_document_batches(monkeypatch):
    # The tiny corpus is one batch, which a build processes without a pool: a batch per document
    # gives the workers three.
    monkeypatch.setattr(kg.build, "BATCH_SIZE", 1)


@pytest.mark.parametrize("workers", [2])
def test_parallel_extraction_gives_the_same_graph(tiny, tmp_path, workers, one_document_batches):
    build([CORPUS], tmp_path / "parallel", workers=workers)
    assert_same_graphs(graphs_in(tmp_path / "parallel"), graphs_in(tiny.out), names=("parallel", "one process"))


@pytest.mark.parametrize("batch_size, pool", [(16, False), (1, True)], ids=["one-batch", "three-batches"])
def test_a_pool_is_started_only_for_more_than_one_batch(tmp_path, monkeypatch, batch_size, pool):
    started = []
    monkeypatch.setattr(kg.build, "BATCH_SIZE", batch_size)
    real = kg.build.multiprocessing.get_context
    monkeypatch.setattr(kg.build.multiprocessing, "get_context", lambda *a: started.append(a) or real(*a))
    build([CORPUS], tmp_path / "out", workers=2)
    assert bool(started) is pool


@pytest.mark.parametrize("cpus, expected", [(1, 1), (2, 2), (16, 4)])
def test_default_workers_is_one_per_cpu_at_most_four(monkeypatch, cpus, expected):
    monkeypatch.setattr(kg.build.os, "sched_getaffinity", lambda pid: set(range(cpus)), raising=False)
    assert kg.build.default_workers() == expected


def test_no_workers_given_means_the_default(tmp_path, monkeypatch):
    asked = []
    real = kg.build.process
    monkeypatch.setattr(kg.build, "default_workers", lambda: 3)
    monkeypatch.setattr(kg.build, "process", lambda *a, **k: asked.append(k["workers"]) or real(*a, **k))
    build([ONE_REPORT], tmp_path / "out", workers=None)
    assert asked == [3]


@pytest.mark.parametrize("fails", [False, True], ids=["build-succeeds", "build-fails"])
def test_build_collects_garbage_less_often_and_restores_the_thresholds(tmp_path, monkeypatch, fails):
    during = []
    real = kg.build.process

    def process(*args, **kwargs):
        during.append(gc.get_threshold())
        if fails:
            raise GraphFileError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(kg.build, "process", process)
    before = gc.get_threshold()
    with pytest.raises(GraphFileError) if fails else contextlib.nullcontext():
        build([ONE_REPORT], tmp_path / "out")
    assert during[0][0] > before[0]
    assert during[0][1:] == before[1:]
    assert gc.get_threshold() == before


# --- bad inputs -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bad(tmp_path_factory) -> Built:
    folder = tmp_path_factory.mktemp("bad") / "corpus"
    folder.mkdir()
    (folder / "gbk.txt").write_bytes(GBK_SENTENCE.encode("gbk"))
    (folder / "bom.txt").write_bytes(b"\xef\xbb\xbf" + BOM_SENTENCE.encode("utf-8"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "nul.txt").write_bytes("和田地区".encode("utf-8") + b"\x00\x00\x01")
    (folder / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    out = folder.parent / "out"
    return Built(build([folder], out), out)


def document_texts(built: Built) -> dict[str, str]:
    dataset = sparql_dataset(built.out / "graph.trig")
    return {
        str(path): str(text)
        for doc, _, path, _ in dataset.quads((None, AID.sourcePath, None, None))
        for text in objects(dataset, doc, AID.text)
    }


def test_bad_inputs_read_documents(bad):
    assert sorted(bad.report.documents) == ["bom.txt", "gbk.txt", "page.html"]


@pytest.mark.parametrize(
    "name, reason",
    [
        ("empty.txt", "empty file"),
        ("image.txt", "binary file (PNG)"),
        ("nul.txt", "binary file (contains NUL bytes)"),
    ],
)
def test_unusable_file_is_listed_as_skipped_in_report_json(bad, name, reason):
    report = json.loads((bad.out / "report.json").read_text(encoding="utf-8"))
    path = str(bad.out.parent / "corpus" / name)
    assert {"path": path, "reason": reason} in report["skipped"]


@pytest.mark.parametrize("name, text", [("gbk.txt", GBK_SENTENCE), ("bom.txt", BOM_SENTENCE)])
def test_encoded_file_text_is_decoded(bad, name, text):
    assert document_texts(bad)[name] == text


def test_html_article_text_is_in_the_graph(bad):
    assert document_texts(bad)["page.html"] == HTML_SENTENCE


@pytest.mark.parametrize("script_text", SCRIPT_TEXTS)
def test_html_script_text_is_not_in_the_graph(bad, script_text):
    dataset = sparql_dataset(bad.out / "graph.trig")
    literals = {str(o) for _, _, o, _ in dataset.quads((None, None, None, None)) if isinstance(o, Literal)}
    assert [literal for literal in literals if script_text in literal] == []


def test_nonexistent_path_raises_corpus_error(tmp_path):
    missing = tmp_path / "no such folder"
    with pytest.raises(CorpusError) as raised:
        build([CORPUS, missing], tmp_path / "out")
    assert str(raised.value) == f"{missing}: no such file or directory"


def test_nonexistent_path_writes_no_outputs(tmp_path):
    with pytest.raises(CorpusError):
        build([tmp_path / "missing.txt"], tmp_path / "out")
    assert not (tmp_path / "out").exists()


# --- atomic outputs ---------------------------------------------------------------------------


def full_disk(cache, doc_ids, trig_path, ttl_path, *args):
    """Writing the graphs writes half of graph.trig, then fails as a full disk does."""
    Path(trig_path).write_bytes(b"@prefix aid: <https://w3id.org/aid-kg/onto")
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def fail_counting(*args):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def fail_report(self):
    raise OSError(errno.EIO, os.strerror(errno.EIO))


FAILURES = [
    pytest.param("_write_graphs", full_disk, id="while-writing-graph.trig"),
    pytest.param("_Counts.report", fail_counting, id="after-the-graphs-are-written"),
    pytest.param("BuildReport.to_json", fail_report, id="before-report.json-is-written"),
]


@pytest.fixture
def previous(tmp_path) -> tuple[Path, dict[str, bytes]]:
    out = tmp_path / "out"
    out.mkdir()
    contents = {name: f"previous {name}\n".encode() for name in OUTPUT_FILES}
    for name, data in contents.items():
        (out / name).write_bytes(data)
    return out, contents


def patch_failure(monkeypatch, target: str, replacement) -> None:
    owner, _, name = target.rpartition(".")
    monkeypatch.setattr(getattr(kg.build, owner) if owner else kg.build, name, replacement)


def outputs_of(out: Path) -> dict[str, bytes]:
    """The output files (not the build cache folder)."""
    return {path.name: path.read_bytes() for path in out.iterdir() if path.is_file()}


@pytest.mark.parametrize(
    "target, replacement",
    FAILURES,
)
def test_failed_build_leaves_previous_outputs_unchanged(monkeypatch, previous, target, replacement):
    out, contents = previous
    patch_failure(monkeypatch, target, replacement)
    with pytest.raises(GraphFileError):
        build([ONE_REPORT], out)
    assert outputs_of(out) == contents


@pytest.mark.parametrize("target, replacement", FAILURES)
def test_failed_build_leaves_no_temporary_files(monkeypatch, previous, target, replacement):
    out, _ = previous
    patch_failure(monkeypatch, target, replacement)
    with pytest.raises(GraphFileError):
        build([ONE_REPORT], out)
    assert sorted(path.name for path in out.iterdir() if path.name not in (CACHE_DIR, STORES_DIR)) == sorted(
        OUTPUT_FILES
    )
    # No store is published, and the failed build's store folder is removed.
    assert list((out / STORES_DIR).glob("*")) == []


def test_failed_write_names_the_folder_and_the_cause(monkeypatch, previous):
    out, _ = previous
    monkeypatch.setattr(kg.build, "_write_graphs", full_disk)
    with pytest.raises(GraphFileError) as raised:
        build([ONE_REPORT], out)
    assert str(raised.value) == f"{out}: cannot write the build outputs ({os.strerror(errno.ENOSPC)})"


def test_a_report_the_pipeline_fails_on_is_named_and_the_outputs_are_kept(monkeypatch, previous):
    # a defect of the pipeline that one report brings out (an IndexError, say): the build stops
    # with a one-line error naming the report, and the previous outputs stay
    out, contents = previous
    real_extract = kg.build.extract

    def extract(nlp, documents):
        documents = list(documents)
        if any(document.relpath == ONE_REPORT.name for document in documents):
            raise IndexError("list assignment index out of range")
        return real_extract(nlp, documents)

    monkeypatch.setattr(kg.build, "extract", extract)
    with pytest.raises(ExtractionFailedError) as raised:
        build([ONE_REPORT], out)
    assert str(raised.value).startswith(f"{ONE_REPORT.name}: the extraction failed (IndexError: ")
    assert outputs_of(out) == contents


def test_successful_build_replaces_previous_outputs(previous):
    out, contents = previous
    build([ONE_REPORT], out)
    changed = outputs_of(out)
    assert sorted(changed) == sorted(OUTPUT_FILES) and all(changed[n] != contents[n] for n in OUTPUT_FILES)


def test_output_folder_that_is_a_file_raises_graph_file_error(tmp_path):
    taken = tmp_path / "out"
    taken.write_text("not a folder", encoding="utf-8")
    with pytest.raises(GraphFileError, match=r"cannot write the build outputs"):
        build([ONE_REPORT], taken)


def test_outputs_have_the_mode_the_umask_gives(tmp_path):
    previous_umask = os.umask(0o022)
    try:
        build([ONE_REPORT], tmp_path / "out")
    finally:
        os.umask(previous_umask)
    modes = {name: stat.S_IMODE((tmp_path / "out" / name).stat().st_mode) for name in OUTPUT_FILES}
    assert modes == {name: 0o644 for name in OUTPUT_FILES}


# --- provenance -------------------------------------------------------------------------------

PREFIXES = """
PREFIX aid: <https://w3id.org/aid-kg/ontology#>
PREFIX res: <https://w3id.org/aid-kg/resource/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
# A statement supports ?s ?p ?o when it names the triple, comes from the document of the same
# named graph, and its sentence is exactly the document text between its offsets (SUBSTR is
# 1-based and counts characters, as Python offsets do).
SUPPORTED = """
  BIND(EXISTS {
    GRAPH ?g {
      ?st a aid:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
          prov:wasDerivedFrom ?doc ; aid:inSentence ?in ;
          aid:startOffset ?start ; aid:endOffset ?end .
      ?in a aid:Sentence ; aid:sentence ?sentence ; prov:wasDerivedFrom ?doc ;
          aid:startOffset ?start ; aid:endOffset ?end .
      FILTER(SUBSTR(STR(?text), ?start + 1, ?end - ?start) = STR(?sentence))
    }
  } AS ?supported)
"""
TRIPLES_OF_PREDICATE = (
    PREFIXES
    + """
SELECT ?g ?s ?p ?o ?supported WHERE {
  VALUES ?p { %s }
  GRAPH ?g { ?doc a aid:Document ; aid:text ?text . ?s ?p ?o . }
"""
    + SUPPORTED
    + "}"
)
ENTITY_TYPES = (
    PREFIXES
    + """
SELECT ?g ?s ?p ?o ?supported WHERE {
  VALUES ?top { aid:Place aid:Organization aid:Program aid:Event aid:Person aid:Work }
  VALUES ?p { rdf:type }
  GRAPH ?g { ?doc a aid:Document ; aid:text ?text . ?s ?p ?o . }
  GRAPH <https://w3id.org/aid-kg/resource/graph/ontology> { ?o rdfs:subClassOf* ?top }
"""
    + SUPPORTED
    + "}"
)


def unsupported(rows) -> list[tuple]:
    rows = list(rows)
    assert rows, "the tiny corpus should give triples of this kind"
    return [(str(r.g), str(r.s), str(r.p), str(r.o)) for r in rows if not r.supported.toPython()]


@pytest.mark.parametrize("predicate", [*CORE_PREDICATES, "figureOf"])
def test_every_document_triple_has_a_statement_with_its_sentence(tiny_sparql, predicate):
    rows = tiny_sparql.query(TRIPLES_OF_PREDICATE % getattr(AID, predicate).n3())
    assert unsupported(rows) == []


def test_every_entity_typing_has_a_statement_with_its_sentence(tiny_sparql):
    assert unsupported(tiny_sparql.query(ENTITY_TYPES)) == []


def test_gazetteer_graph_is_derived_from_the_gazetteer(tiny_sparql):
    sources = objects(tiny_sparql, GAZETTEER_GRAPH, PROV.wasDerivedFrom)
    assert sources and all(objects(tiny_sparql, source, RDF.type) == {AID.Gazetteer} for source in sources)


# --- labels, codes, coordinates ---------------------------------------------------------------

ENTITIES = (
    PREFIXES
    + """
SELECT DISTINCT ?e WHERE {
  VALUES ?top { aid:Place aid:Organization aid:Program aid:Event aid:Person aid:Work }
  GRAPH ?g { ?e a ?class }
  GRAPH <https://w3id.org/aid-kg/resource/graph/ontology> { ?class rdfs:subClassOf* ?top }
}
"""
)


@pytest.fixture(scope="module")
def entities(tiny_sparql) -> list[URIRef]:
    found = sorted(row.e for row in tiny_sparql.query(ENTITIES))
    assert len(found) >= 10
    return found


def labels(dataset: Dataset, entity: URIRef, language: str) -> set[str]:
    return {
        str(o)
        for _, _, o, _ in dataset.quads((entity, RDFS.label, None, None))
        if (o.language or "").lower() == language
    }


@pytest.mark.parametrize("language", ["zh", "en", "zh-latn-pinyin"])
def test_every_entity_has_a_label_in_each_language(tiny_sparql, entities, language):
    assert [e for e in entities if not labels(tiny_sparql, e, language)] == []


def test_every_entity_has_exactly_one_zh_label(tiny_sparql, entities):
    assert {e: found for e in entities if len(found := labels(tiny_sparql, e, "zh")) != 1} == {}


def coded_places(entities: list[URIRef]) -> list[tuple[URIRef, str]]:
    prefix = str(RES["place/"])
    places = [(e, str(e)[len(prefix) :]) for e in entities if str(e).startswith(prefix)]
    return [(e, code) for e, code in places if code.isdigit()]


def test_coded_places_carry_their_adcode(tiny_sparql, entities):
    places = coded_places(entities)
    assert places
    found = {e: {str(o) for o in objects(tiny_sparql, e, AID.adcode)} for e, _ in places}
    assert {e: found[e] for e, code in places if found[e] != {code}} == {}


@pytest.mark.parametrize("predicate, field", [(GEO.lat, "lat"), (GEO.long, "lon")])
def test_coded_places_carry_gazetteer_coordinates_as_decimals(tiny_sparql, entities, predicate, field):
    gazetteer = Gazetteer.load()
    expected = {
        e: Literal(Decimal(str(getattr(gazetteer.get(code), field))), datatype=XSD.decimal)
        for e, code in coded_places(entities)
        if getattr(gazetteer.get(code), field) is not None
    }
    assert expected
    found = {e: objects(tiny_sparql, e, predicate) for e in expected}
    assert {e: values for e, values in found.items() if values != {expected[e]}} == {}


def test_tiny_corpus_conforms_to_the_shapes(tiny):
    assert tiny.report.validation["status"] == "conforms"


def test_coded_place_named_by_a_former_name_has_the_gazetteer_name_as_its_label(tmp_path):
    report = tmp_path / "turpan.txt"
    report.write_text(FORMER_NAME_REPORT, encoding="utf-8")
    dataset = build_dataset([report])
    assert labels(dataset, RES["place/650400"], "zh") == {"吐鲁番市"}


# --- the build report -------------------------------------------------------------------------


def test_build_tells_its_progress_stage_by_stage(tmp_path):
    calls = []
    build([CORPUS], tmp_path / "out", validate=True, views=True, progress=lambda *call: calls.append(call))
    stages = list(dict.fromkeys(stage for stage, _, _ in calls))
    documents = [(done, total) for stage, done, total in calls if stage == "extract"]
    assert (stages, documents) == (
        ["extract", "resolve and write graph", "store", "validate", "views"],
        [(0, 3), (1, 3), (2, 3), (3, 3)],
    )


def test_report_json_says_the_graph_was_not_validated_unless_asked(tmp_path):
    build([ONE_REPORT], tmp_path / "out")
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["validation"] == {"status": "not run"}


def test_report_json_says_when_the_graph_was_validated(tiny):
    validation = json.loads((tiny.out / "report.json").read_text(encoding="utf-8"))["validation"]
    at = datetime.fromisoformat(validation["at"])
    assert (validation["status"], at.tzinfo) == ("conforms", timezone.utc) and at <= datetime.now(timezone.utc)


def test_report_json_is_the_returned_report(tiny):
    written = json.loads((tiny.out / "report.json").read_text(encoding="utf-8"))
    assert written == tiny.report.to_json()


def test_report_lists_the_documents_by_relative_path(tiny):
    assert sorted(tiny.report.documents) == sorted(path.name for path in CORPUS.iterdir())


def test_report_lists_the_output_files(tiny):
    assert tiny.report.outputs == [str(tiny.out / name) for name in (*OUTPUT_FILES, "store")]


def test_report_triples_is_the_number_of_quads_written(tiny):
    dataset = Dataset()
    dataset.parse(tiny.out / "graph.trig", format="trig")
    assert tiny.report.triples == len(set(dataset.quads((None, None, None, None))))


def test_report_relations_count_distinct_quads(tiny):
    dataset = Dataset()
    dataset.parse(tiny.out / "graph.trig", format="trig")
    counts = {name: len(set(dataset.quads((None, getattr(AID, name), None, None)))) for name in CORE_PREDICATES}
    assert tiny.report.relations == {name: n for name, n in sorted(counts.items()) if n}


# --- robustness (issue 6) ---
# Fixtures: the messy corpus and the extra reports below are made up for these tests in the genre
# of Chinese official news (real places not in the sample article; programs, schools, people and
# newspapers invented); the 200 MB file is sparse (a text head, then a hole made by truncate). The
# interrupted builds use data/corpus/ (the sample corpus and its manifest) and
# tests/data/build/corpus/ copied into tmp_path, plus two of the made-up reports.

import random  # noqa: E402
import signal  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import pyoxigraph as ox  # noqa: E402
from rdflib.namespace import SDO  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
MIXED_ENDINGS_REPORT = (
    "吉林援疆简讯\r\n\r\n今年以来，吉林省援疆前方指挥部在阿勒泰地区布尔津县援建的“雪松”职业\r"
    "培训中心已经投入使用。\n吉林大学第一医院与布尔津县人民医院\r\n结为对口帮扶医院。\r"
)
UTF16_REPORT = "福建援疆前方指挥部在昌吉州玛纳斯县启动“闽昌同心”助学计划。"
BIG5_REPORT = "江蘇援疆前方指揮部在克孜勒蘇柯爾克孜自治州阿圖什市援建的圖書館開館。"
GB18030_REPORT = "湖南援疆前方指挥部在吐鲁番市高昌区援建的“䶮光”书屋向群众开放。"
MESSY_MANIFEST = "file,title,date\nbig5.txt,图书馆开馆,2024-02-30\nmissing.txt,不存在的报道,2024-03-01\n"


@pytest.fixture(scope="module")
def messy(tmp_path_factory) -> Built:
    folder = tmp_path_factory.mktemp("messy") / "corpus"
    folder.mkdir()
    (folder / "mixed.txt").write_bytes(MIXED_ENDINGS_REPORT.encode("utf-8"))
    (folder / "utf16le.txt").write_bytes(b"\xff\xfe" + UTF16_REPORT.encode("utf-16-le"))
    (folder / "utf16be.txt").write_bytes(b"\xfe\xff" + UTF16_REPORT.replace("玛纳斯县", "呼图壁县").encode("utf-16-be"))
    (folder / "big5.txt").write_bytes(BIG5_REPORT.encode("big5"))
    (folder / "gb18030.txt").write_bytes(GB18030_REPORT.encode("gb18030"))
    (folder / "manifest.csv").write_text(MESSY_MANIFEST, encoding="utf-8")
    huge = folder / "huge.txt"
    huge.write_bytes(UTF16_REPORT.encode("utf-8"))
    os.truncate(huge, 200_000_000)
    out = folder.parent / "out"
    return Built(build([folder], out), out)


def test_messy_corpus_reads_every_usable_document(messy):
    assert sorted(messy.report.documents) == ["big5.txt", "gb18030.txt", "mixed.txt", "utf16be.txt", "utf16le.txt"]


@pytest.mark.parametrize(
    "name, reason",
    [("huge.txt", "larger than the 50 MB limit (200 MB)"), ("missing.txt", "listed in manifest.csv but missing")],
)
def test_messy_corpus_lists_unusable_file_in_report_json(messy, name, reason):
    report = json.loads((messy.out / "report.json").read_text(encoding="utf-8"))
    assert {"path": str(messy.out.parent / "corpus" / name), "reason": reason} in report["skipped"]


def test_messy_corpus_malformed_manifest_date_is_a_warning(messy):
    big5 = messy.out.parent / "corpus" / "big5.txt"
    message = f"{big5}: malformed date '2024-02-30' in manifest.csv (expected YYYY-MM-DD); date left empty"
    assert message in messy.report.warnings


def test_messy_corpus_document_with_malformed_date_has_no_date(messy):
    dataset = sparql_dataset(messy.out / "graph.trig")
    docs = {str(path): doc for doc, _, path, _ in dataset.quads((None, AID.sourcePath, None, None))}
    assert "big5.txt" in docs and objects(dataset, docs["big5.txt"], SDO.datePublished) == set()


def test_messy_corpus_statement_offsets_index_the_stored_document_text(messy):
    store = ox.Store()
    store.bulk_load(path=messy.out / "graph.trig", format=ox.RdfFormat.TRIG)
    rows = store.query(
        f"PREFIX aid: <{AID}> PREFIX prov: <{PROV}> "
        "SELECT ?path ?text ?sentence ?start ?end WHERE {"
        " ?stmt aid:inSentence/aid:sentence ?sentence ; aid:startOffset ?start ;"
        " aid:endOffset ?end ; prov:wasDerivedFrom ?doc . ?doc aid:text ?text ; aid:sourcePath ?path }",
        use_default_graph_as_union=True,
    )
    checked, wrong = set(), []
    for path, text, sentence, start, end in rows:
        checked.add(path.value)
        if text.value[int(start.value) : int(end.value)] != sentence.value:
            wrong.append((path.value, sentence.value))
    assert (wrong, sorted(checked)) == ([], ["big5.txt", "gb18030.txt", "mixed.txt", "utf16be.txt", "utf16le.txt"])


# --- a build killed at random moments (SIGKILL) ---

KILL_ROUNDS = 6
EXTRA_REPORTS = {
    "fujian_changji.txt": (
        "福建援疆前方指挥部在昌吉州玛纳斯县启动“闽昌同心”助学计划\n\n"
        "本报昌吉5月8日电（记者 林海燕）5月7日，福建援疆前方指挥部在昌吉州玛纳斯县启动“闽昌同心”助学计划，"
        "首批资助当地困难学生1200余人次。\n\n"
        "据介绍，该计划三年内投入援疆资金3000万元，用于玛纳斯县第一中学等12所学校更新教学设备。"
        "福州市鼓楼区实验小学与玛纳斯县第三小学结为对口帮扶学校。\n"
    ),
    # Added and removed between rounds.
    "jilin_altay.md": (
        "---\ntitle: 吉林援疆医疗队赴布尔津县义诊\npublisher: 测试日报\ndate: 2025-04-20\n---\n"
        "4月18日，吉林省援疆医疗队在阿勒泰地区布尔津县开展“健康边疆行”义诊活动，接诊群众800余人次。\n\n"
        "医疗队队长、吉林大学第一医院副主任医师赵卫东介绍，此次活动共捐赠药品价值45万元。\n"
    ),
}
TOGGLED = "jilin_altay.md"


def start_cli_build(corpus: Path, out: Path, stderr=subprocess.DEVNULL) -> subprocess.Popen:
    """``python -m kg.cli build`` in a child process with its own process group (so a kill
    reaches any worker processes it starts too)."""
    return subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "build", str(corpus), "--out", str(out), "--no-views"],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.DEVNULL,
        stderr=stderr,
        start_new_session=True,
    )


def run_cli_build(corpus: Path, out: Path) -> None:
    child = start_cli_build(corpus, out, stderr=subprocess.PIPE)
    _, errors = child.communicate()
    assert child.returncode == 0, errors.decode("utf-8", "replace")
    assert_conforms(out)


def canonical_quads(path: Path, fmt: ox.RdfFormat) -> set[str]:
    """The quads of a graph file with blank nodes canonically labelled (isomorphic files: equal sets)."""
    dataset = ox.Dataset(ox.parse(path=path, format=fmt))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return {str(quad) for quad in dataset}


@dataclass(frozen=True)
class CleanBuild:
    trig: set[str]
    ttl: set[str]
    documents: list[str]


def clean_build_of(out: Path) -> CleanBuild:
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    trig = canonical_quads(out / "graph.trig", ox.RdfFormat.TRIG)
    return CleanBuild(trig, canonical_quads(out / "graph.ttl", ox.RdfFormat.TURTLE), sorted(report["documents"]))


def is_complete_output(path: Path, clean: CleanBuild) -> bool:
    """Whether an output file is the whole file a build of the corpus writes (not a part of it)."""
    try:
        if path.name == "report.json":
            report = json.loads(path.read_text(encoding="utf-8"))
            return isinstance(report, dict) and sorted(report.get("documents", ())) == clean.documents
        fmt, expected = (ox.RdfFormat.TRIG, clean.trig) if path.suffix == ".trig" else (ox.RdfFormat.TURTLE, clean.ttl)
        return canonical_quads(path, fmt) == expected
    except (OSError, ValueError, SyntaxError):  # missing, truncated JSON, truncated RDF
        return False


@pytest.fixture(scope="module")
def kill_corpus(tmp_path_factory) -> Path:
    corpus = tmp_path_factory.mktemp("killed") / "corpus"
    shutil.copytree(REPO / "data" / "corpus", corpus)
    for report in CORPUS.iterdir():
        shutil.copy(report, corpus / report.name)
    for name, text in EXTRA_REPORTS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    return corpus


def test_build_killed_at_random_moments_leaves_whole_outputs_and_next_build_succeeds(kill_corpus, tmp_path):
    with_extra = tmp_path / "with-extra"
    shutil.copytree(kill_corpus, with_extra)
    (kill_corpus / TOGGLED).unlink()
    out = tmp_path / "out"
    started = time.monotonic()
    run_cli_build(kill_corpus, out)  # the previous outputs, and the clean build without the extra report
    duration = time.monotonic() - started
    run_cli_build(with_extra, tmp_path / "clean-with-extra")
    clean = {False: clean_build_of(out), True: clean_build_of(tmp_path / "clean-with-extra")}
    rng = random.Random(6)
    # One kill in each sixth of a build's duration, so that kills land early, midway and late.
    delays = [duration * (i + rng.random()) / KILL_ROUNDS for i in range(KILL_ROUNDS)]
    for round_number, delay in enumerate(delays):
        # Build the corpus the current outputs are not of, so that old and new outputs differ.
        extra = TOGGLED not in json.loads((out / "report.json").read_text(encoding="utf-8"))["documents"]
        if extra:
            shutil.copy(with_extra / TOGGLED, kill_corpus / TOGGLED)
        else:
            (kill_corpus / TOGGLED).unlink(missing_ok=True)
        before = {name: (out / name).read_bytes() for name in OUTPUT_FILES}
        child = start_cli_build(kill_corpus, out)
        try:
            child.wait(timeout=delay)  # a build that ends before the kill must end with new outputs
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
        broken = [
            name
            for name in OUTPUT_FILES
            if (out / name).read_bytes() != before[name] and not is_complete_output(out / name, clean[extra])
        ]
        assert broken == [], f"round {round_number}, killed after {delay:.2f}s: neither previous nor whole: {broken}"
    run_cli_build(kill_corpus, out)
    assert [name for name in OUTPUT_FILES if not is_complete_output(out / name, clean[extra])] == []


# --- issue 18: no silent loss, bounded cost ---------------------------------------------------


@pytest.fixture(scope="module")
def one_built(tmp_path_factory) -> Path:
    """A build of one report, copied by the tests that change it."""
    out = tmp_path_factory.mktemp("one") / "out"
    build([ONE_REPORT], out, views=False)
    return out


@pytest.fixture
def built_once(one_built, tmp_path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(one_built, out)
    return out


def snapshot(out: Path) -> dict[str, bytes]:
    """Every file of a build folder, the cache included, but the lock file."""
    return {
        path.relative_to(out).as_posix(): path.read_bytes()
        for path in sorted(out.rglob("*"))
        if path.is_file() and path.name != "build.lock"
    }


def empty_folder(tmp_path: Path) -> list[Path]:
    (tmp_path / "corpus").mkdir()
    return [tmp_path / "corpus"]


def folder_without_reports(tmp_path: Path) -> list[Path]:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / "corpus" / "notes.pdf").write_bytes(b"%PDF-1.4")
    return [tmp_path / "corpus"]


def one_skipped_file(tmp_path: Path) -> list[Path]:
    (tmp_path / "empty.txt").write_bytes(b"")
    return [tmp_path / "empty.txt"]


@pytest.mark.parametrize("corpus", [empty_folder, folder_without_reports, one_skipped_file])
def test_a_build_that_reads_no_document_fails_and_keeps_the_previous_graph(built_once, tmp_path, corpus):
    before = snapshot(built_once)
    with pytest.raises(EmptyBuildError, match=r"^no document to build: .*--allow-empty"):
        build(corpus(tmp_path), built_once, views=False)
    assert snapshot(built_once) == before


def test_an_empty_build_says_what_was_skipped(tmp_path):
    with pytest.raises(EmptyBuildError) as raised:
        build(one_skipped_file(tmp_path), tmp_path / "out")
    assert str(raised.value) == (
        f"no document to build: 1 file(s) skipped (first: {tmp_path / 'empty.txt'}: empty file);"
        f" the outputs in {tmp_path / 'out'} are kept (--allow-empty writes an empty graph)"
    )
    assert raised.value.report.skipped == [{"path": str(tmp_path / "empty.txt"), "reason": "empty file"}]


def test_allow_empty_writes_an_empty_graph(built_once, tmp_path):
    report = build(empty_folder(tmp_path), built_once, views=False, allow_empty=True)
    assert (report.documents, report.removed) == ([], ["hotan_football.txt"])


def test_removing_every_document_is_an_empty_build(built_once):
    with pytest.raises(EmptyBuildError):
        build([], built_once, keep=True, remove=["hotan_football.txt"], views=False)


@pytest.mark.parametrize("out", ["", " "])
def test_an_empty_output_folder_name_is_an_error(tmp_path, monkeypatch, out):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(BuildError, match="empty name"):
        build([ONE_REPORT], out)
    assert list(tmp_path.iterdir()) == []


def test_a_second_build_into_a_locked_folder_fails_at_once(built_once):
    import fcntl

    before = snapshot(built_once)
    with open(built_once / CACHE_DIR / "build.lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a running build holds it
        lock.truncate(0)
        lock.write("4242\n")
        lock.flush()
        started = datetime.now(timezone.utc)
        with pytest.raises(BuildLockedError) as raised:
            build([ONE_REPORT], built_once, views=False, rebuild=True)
        assert (datetime.now(timezone.utc) - started).total_seconds() < 5
    assert str(raised.value) == (
        f"{built_once}: another build is writing to this folder (process 4242); wait for it to end,"
        " or build into another --out"
    )
    assert snapshot(built_once) == before


def test_the_lock_is_released_when_a_build_ends(built_once):
    build([ONE_REPORT], built_once, views=False)
    build([ONE_REPORT], built_once, views=False)


def test_staged_files_of_a_killed_build_are_removed_by_the_next(built_once):
    stale = [built_once / ".k1ll3d00.tmp", built_once / ".abcdefgh.tmp"]
    for path in stale:
        path.write_bytes(b"half a graph")
    build([ONE_REPORT], built_once, views=False)
    assert [path for path in stale if path.exists()] == []


def test_a_killed_build_leaves_outputs_that_the_next_build_cleans(tmp_path):
    # A build killed while it writes its outputs (SIGKILL: no finally runs).
    out = tmp_path / "out"
    script = (
        "import os, signal, sys\n"
        "import kg.build\n"
        "def killed(*args):\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "kg.build._stage_report = killed\n"
        "kg.build.build([sys.argv[1]], sys.argv[2], views=False)\n"
    )
    child = subprocess.run(
        [sys.executable, "-c", script, str(ONE_REPORT), str(out)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
    )
    assert child.returncode == -9
    assert [path.name for path in out.glob(".*.tmp")] != []  # the staged graph.trig and graph.ttl
    build([ONE_REPORT], out, views=False)
    assert [path.name for path in out.glob(".*.tmp")] == []


# A report on one line without 。！？ was one sentence, repeated by each of its statements:
# a 600 KB line wrote 7.2 GB. Now the output grows with the text.
def test_a_long_line_gives_output_linear_in_its_length(tmp_path):
    # A program of its own per clause (made-up names), so statements grow with the line.
    names = [a + b for a in "春苗红枣雪松绿洲胡杨" for b in "石榴沙枣玉河天山昆仑" if a != b]
    clauses = [f"喀什地区疏附县“{name}”帮扶计划由广东省援疆前方指挥部实施，" for name in names]
    sizes, lengths = {}, {}
    for count in (30, 90):
        line = "".join(clauses[:count])
        path = tmp_path / f"line{count}" / "line.txt"
        path.parent.mkdir()
        path.write_text(line, encoding="utf-8")
        report = build([path], tmp_path / f"out{count}", views=False)
        assert report.documents == ["line.txt"]
        sizes[count], lengths[count] = (tmp_path / f"out{count}" / "graph.trig").stat().st_size, len(line.encode())
    assert sizes[90] / sizes[30] < 1.5 * lengths[90] / lengths[30]  # quadratic growth gave about 9
    assert sizes[90] < 60 * lengths[90]


def test_undecodable_bytes_are_replaced_and_counted(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    sentence = "和田地区洛浦县“红枣”帮扶计划正式启动。".encode()
    (corpus / "stray.txt").write_bytes(sentence[:9] + b"\xff\xfe\x80\x81\x82" + sentence[9:])
    report = build([corpus], tmp_path / "out", views=False)
    assert (report.documents, report.replaced) == (["stray.txt"], {"stray.txt": 5})
    assert report.warnings == [f"{corpus / 'stray.txt'}: 5 undecodable byte(s) read as U+FFFD (the rest is utf-8)"]
    assert json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))["replaced"] == {"stray.txt": 5}
