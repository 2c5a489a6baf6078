"""The persistent store a build writes (kg.graph.store): same quads as graph.trig, read-only
readers, atomic replacement, and a killed build leaving the old store readable."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.build
from kg.build import build
from kg.errors import GraphFileError
from kg.graph.store import STORE_LINK, STORES_DIR, open_store, store_folder
from kg.query.index import INDEX_GRAPH, index_quads
from kg.query.saved import open_graph, run_query

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "data" / "build" / "corpus"
OTHER_REPORT = REPO / "data" / "corpus" / "zhejiang_aid_2025.txt"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("store") / "out"
    build([CORPUS], out)
    return out


def _trig(out: Path) -> set[ox.Quad]:
    return set(ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG))


def _comparable(quads) -> tuple[set, int]:
    """Quads without blank nodes, and the number of those with one (the ontology graph's OWL
    lists: their labels differ between a parse and the store)."""
    quads = list(quads)
    plain = {q for q in quads if not any(isinstance(t, ox.BlankNode) for t in (q.subject, q.object))}
    return plain, len(quads) - len(plain)


def test_store_holds_the_quads_of_graph_trig(built):
    store = open_store(built)
    named = {q for q in store.quads_for_pattern(None, None, None) if not isinstance(q.graph_name, ox.DefaultGraph)}
    assert _comparable(named) == _comparable(_trig(built))


def test_store_default_graph_is_the_set_union_of_the_data_graphs(built):
    store = open_store(built)
    default = {
        ox.Triple(q.subject, q.predicate, q.object)
        for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())
    }
    union = {ox.Triple(q.subject, q.predicate, q.object) for q in _trig(built) if q.graph_name != INDEX_GRAPH}
    assert _comparable(default) == _comparable(union)


def test_index_graph_in_graph_trig_is_derived_from_the_rest(built):
    written = {q for q in _trig(built) if q.graph_name == INDEX_GRAPH}
    store = ox.Store()
    store.extend(q for q in _trig(built) if q.graph_name != INDEX_GRAPH)
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert written == set(index_quads(store)) and written


def test_the_index_reads_only_the_default_graph(built):
    """write_version works the index out while the named graphs are still loading."""
    written = {q for q in _trig(built) if q.graph_name == INDEX_GRAPH}
    store = ox.Store()
    store.extend(ox.Quad(q.subject, q.predicate, q.object) for q in _trig(built) if q.graph_name != INDEX_GRAPH)
    assert set(index_quads(store)) == written


def test_open_graph_reads_the_store_without_loading_graph_trig(built, tmp_path):
    copy = tmp_path / "out"
    copy.mkdir()
    os.symlink(store_folder(built), copy / STORE_LINK)  # a build folder with a store and no graph.trig
    rows = run_query(open_graph(copy), "places-in", {"place": "疏附县"}).rows
    assert rows == run_query(open_graph(built / "graph.trig"), "places-in", {"place": "疏附县"}).rows and rows


def test_a_reader_keeps_its_store_while_a_build_replaces_it(built, tmp_path):
    out = tmp_path / "out"
    build([CORPUS], out)
    reader = open_store(out)
    before = store_folder(out)
    expected = str(next(iter(reader.query(COUNT)))["n"])
    build([CORPUS], out, rebuild=True)  # a new version; then a third, which removes the first
    build([CORPUS], out, rebuild=True)
    assert (store_folder(out) != before, before.exists()) == (True, False)
    assert str(next(iter(reader.query(COUNT)))["n"]) == expected
    # The current version and the one before it are kept; older ones are removed.
    assert len(list((out / STORES_DIR).iterdir())) == 2


@pytest.mark.parametrize("rebuild", [True, False], ids=["full", "incremental"])
def test_a_killed_build_leaves_the_old_store_readable(built, tmp_path, rebuild):
    out = tmp_path / "out"
    build([CORPUS], out)
    folder = store_folder(out)
    # A build in a child, killed while it writes the store (stage "store" is reported first).
    script = (
        "import sys, os, signal\n"
        "from kg.build import build\n"
        "def progress(stage, done, total):\n"
        "    if stage == 'store':\n"
        "        print('store', flush=True); signal.pause()\n"
        f"build([{str(CORPUS)!r}], {str(out)!r}, rebuild={rebuild}, progress=progress)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script], cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "store"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=60)
    assert store_folder(out) == folder
    rows = run_query(open_graph(out), "places-in", {"place": "疏附县"}).rows
    assert rows == run_query(open_graph(built), "places-in", {"place": "疏附县"}).rows and rows
    build([CORPUS], out)  # the next build removes the killed build's leftovers
    assert len(list((out / STORES_DIR).iterdir())) == 2


def test_readers_in_other_processes_while_a_build_runs(built, tmp_path):
    out = tmp_path / "out"
    build([CORPUS], out)
    query = (
        "from kg.query.saved import open_graph, run_query\n"
        f"import time\nend = time.time() + 4\nn = 0\n"
        f"while time.time() < end:\n"
        f"    assert run_query(open_graph({str(out)!r}), 'places-in', {{'place': '疏附县'}}).rows\n"
        f"    n += 1\nprint(n)\n"
    )
    readers = [
        subprocess.Popen([sys.executable, "-c", query], cwd=REPO, stdout=subprocess.PIPE, text=True) for _ in range(2)
    ]
    time.sleep(0.5)
    build([CORPUS], out, rebuild=True)
    results = [(reader.communicate(timeout=60)[0].strip(), reader.returncode) for reader in readers]
    assert all(code == 0 and int(count) > 0 for count, code in results), results


# --- incremental builds: the store updated from the published one --------------------------


def _store_quads(folder: Path) -> set[str]:
    """Every quad of a store (named graphs, default graph, index graph), blank nodes labelled
    canonically so that equal stores give equal sets."""
    dataset = ox.Dataset(ox.Store.read_only(str(folder)).quads_for_pattern(None, None, None))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return {str(quad) for quad in dataset}


def _add(corpus: Path) -> None:
    shutil.copy(OTHER_REPORT, corpus / "added.txt")


def _change(corpus: Path) -> None:
    path = corpus / "shufu_kindergarten.txt"
    text = path.read_text(encoding="utf-8")
    # Another place and school: entities, containment and index rows change, not only statements.
    path.write_text(text.replace("托克扎克镇", "吾库萨克镇").replace("石榴花幼儿园", "向日葵幼儿园"), encoding="utf-8")


def _delete(corpus: Path) -> None:
    (corpus / "hotan_health.md").unlink()


@pytest.mark.parametrize("edit", [_add, _change, _delete, lambda corpus: None], ids=["add", "change", "delete", "none"])
def test_an_incremental_store_holds_the_quads_of_a_full_rebuild(tmp_path, monkeypatch, edit):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    out = tmp_path / "out"
    build([corpus], out)
    old = store_folder(out)
    before = _store_quads(old)
    edit(corpus)
    # One document of three is more than the rule's share: updating is asked for here.
    monkeypatch.setattr(kg.build, "INCREMENTAL_SHARE", 1.0)

    def loaded_whole(*args):
        raise AssertionError("the store was loaded whole, not updated")

    with monkeypatch.context() as patched:
        patched.setattr(kg.build, "write_version", loaded_whole)
        build([corpus], out)
    build([corpus], tmp_path / "full", rebuild=True)
    assert _store_quads(store_folder(out)) == _store_quads(store_folder(tmp_path / "full"))
    # Copy-on-write: the version the update started from is as it was.
    assert _store_quads(old) == before


@pytest.mark.parametrize("rebuild, share, whole", [(True, 1.0, True), (False, 0.0, True), (False, 1.0, False)])
def test_the_store_is_loaded_whole_when_asked_or_when_many_documents_changed(
    tmp_path, monkeypatch, rebuild, share, whole
):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    build([corpus], tmp_path / "out")
    _delete(corpus)
    monkeypatch.setattr(kg.build, "INCREMENTAL_SHARE", share)
    calls = []
    write_version = kg.build.write_version
    monkeypatch.setattr(kg.build, "write_version", lambda *args: calls.append(args) or write_version(*args))
    build([corpus], tmp_path / "out", rebuild=rebuild)
    assert bool(calls) == whole


def test_an_update_after_a_failed_build_starts_from_the_store_not_the_cache(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    out = tmp_path / "out"
    build([corpus], out)
    _change(corpus)
    monkeypatch.setattr(kg.build, "INCREMENTAL_SHARE", 1.0)

    def failed(*args):
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    with monkeypatch.context() as patched:
        patched.setattr(kg.build, "publish", failed)  # the changed report is cached, the store not published
        with pytest.raises(GraphFileError):
            build([corpus], out)
    report = build([corpus], out)
    build([corpus], tmp_path / "full", rebuild=True)
    assert report.extracted == [] and report.reused
    assert _store_quads(store_folder(out)) == _store_quads(store_folder(tmp_path / "full"))


def _store_without_index_version(built: Path, tmp_path: Path) -> Path:
    """A build folder whose store is a copy of ``built``'s without the index graph's version, as an
    earlier aid-kg wrote it."""
    copy = tmp_path / "old" / STORES_DIR / "v-old"
    shutil.copytree(store_folder(built), copy)
    store = ox.Store(str(copy))
    version = ox.NamedNode("https://w3id.org/aid-kg/index#version")
    for quad in list(store.quads_for_pattern(None, version, None, INDEX_GRAPH)):
        store.remove(quad)
    store.flush()
    del store
    os.symlink(copy, tmp_path / "old" / STORE_LINK)
    return tmp_path / "old"


def test_a_store_built_by_an_earlier_aid_kg_is_refused_with_what_to_do(built, tmp_path):
    assert run_query(open_graph(built), "pairings").rows  # the control: this version's store answers
    old = _store_without_index_version(built, tmp_path)
    with pytest.raises(GraphFileError, match=f"{old}: its store was built by an earlier aid-kg.*kg build --out {old}"):
        open_graph(old)


def test_the_cli_says_so_in_one_line(built, tmp_path):
    from click.testing import CliRunner

    from kg.cli import cli

    old = _store_without_index_version(built, tmp_path)
    result = CliRunner().invoke(cli, ["query", "pairings", "--graph", str(old)], prog_name="kg")
    assert result.exit_code == 1 and result.stderr.startswith(f"Error: {old}: its store was built by an earlier")
    assert result.stderr.count("\n") == 1


def test_a_graph_file_of_an_earlier_aid_kg_gets_its_index_worked_out_anew(built, tmp_path):
    old = tmp_path / "old.trig"
    version = ox.NamedNode("https://w3id.org/aid-kg/index#version")
    pairing_in = ox.NamedNode("https://w3id.org/aid-kg/index#pairingIn")
    quads = [q for q in _trig(built) if q.predicate not in (version, pairing_in)]  # as an earlier build wrote it
    ox.serialize(quads, str(old), format=ox.RdfFormat.TRIG)
    assert run_query(open_graph(old), "pairings").rows == run_query(open_graph(built), "pairings").rows
