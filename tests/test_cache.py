"""Tests for kg.graph.cache: document tokens, the pipeline fingerprint and the cache folder's entries.

Fixtures: documents and summaries are made up in this file (a one-sentence report of the genre;
the entity is invented); the cache lives in tmp_path.
"""

import dataclasses
import datetime
from pathlib import Path

import pytest

import kg.graph.cache
from kg.corpus.reader import Document
from kg.errors import GraphFileError
from kg.graph.cache import CACHE_DIR, PIECES, BuildCache, Summary, document_token, pipeline_fingerprint

TEXT = "和田地区策勒县“沙棘”帮扶计划正式启动。"


def document(**changes) -> Document:
    base = Document("cele-0000abcd", Path("/corpus/cele.txt"), "cele.txt", TEXT, "0" * 64, "utf-8")
    return dataclasses.replace(base, **changes)


def summary(doc_id: str = "cele-0000abcd", token: str = "t1") -> Summary:
    entity = {"key": "Program:沙棘帮扶计划", "label": "Program", "subclass": "Campaign", "names": {"沙棘帮扶计划": 1}}
    terms = {
        "Program:沙棘帮扶计划": [
            "https://w3id.org/aid-kg/resource/program/x",
            "沙棘帮扶计划",
            "Sea-buckthorn Aid Plan",
            "Shājí Bāngfú Jìhuà",
        ]
    }
    return Summary(doc_id, "cele.txt", "/corpus/cele.txt", token, [entity], terms, [], {"locatedIn": 1}, 12)


PIECE_BYTES = {kind: f"{kind} piece\n".encode() for kind in PIECES}


# --- tokens -----------------------------------------------------------------------------------


def test_token_is_the_same_for_the_same_document():
    assert document_token(document()) == document_token(document())


@pytest.mark.parametrize(
    "change",
    [
        {"text": TEXT + "惠及农户百余户。"},
        {"title": "策勒县启动帮扶计划"},
        {"date": datetime.date(2025, 6, 1)},
        {"url": "https://example.org/cele"},
        {"relpath": "news/cele.txt"},
    ],
    ids=["text", "title", "date", "url", "relpath"],
)
def test_token_changes_with_the_text_and_the_metadata(change):
    assert document_token(document(**change)) != document_token(document())


def test_token_changes_with_the_pipeline(monkeypatch):
    before = document_token(document())
    monkeypatch.setattr(kg.graph.cache, "pipeline_fingerprint", lambda: "another pipeline")
    assert document_token(document()) != before


@pytest.mark.parametrize(
    "name, changes",
    [
        ("kg/extract/heads.csv", True),
        ("kg/graph/rdf.py", True),
        ("kg/build.py", True),
        ("data/rules/heads.csv", True),
        ("data/gazetteer/heads.csv", True),
        ("ontology/heads.csv", True),
        # the layers after the graph: a document's graph does not depend on them
        ("kg/query/saved.py", False),
        ("kg/views/network.py", False),
        ("kg/cli.py", False),
    ],
)
def test_fingerprint_changes_when_a_file_the_graph_depends_on_changes(tmp_path, monkeypatch, name, changes):
    file = tmp_path / name
    file.parent.mkdir(parents=True)
    file.write_text("中学,School\n", encoding="utf-8")
    monkeypatch.setattr(kg.graph.cache, "ROOT", tmp_path)
    before = pipeline_fingerprint.__wrapped__()
    file.write_text("中学,School\n小学,School\n", encoding="utf-8")
    assert (pipeline_fingerprint.__wrapped__() != before) is changes


# --- the cache folder -------------------------------------------------------------------------


def test_put_entry_is_listed_when_the_cache_is_opened_again(tmp_path):
    BuildCache.open(tmp_path).put(summary(), PIECE_BYTES)
    assert BuildCache.open(tmp_path).fresh("cele-0000abcd", "t1") == summary().entry


def test_entry_with_another_token_is_not_fresh(tmp_path):
    BuildCache.open(tmp_path).put(summary(), PIECE_BYTES)
    assert BuildCache.open(tmp_path).fresh("cele-0000abcd", "t2") is None


def test_read_gives_the_summary_and_every_piece_back(tmp_path):
    BuildCache.open(tmp_path).put(summary(), PIECE_BYTES)
    assert BuildCache.open(tmp_path).read("cele-0000abcd") == (summary(), PIECE_BYTES)


def test_put_writes_one_file_per_entry(tmp_path):
    cache = BuildCache.open(tmp_path)
    cache.put(summary(), PIECE_BYTES)
    cache.put(summary("yutian-0000abcd"), PIECE_BYTES)
    assert sorted(p.name for p in cache.folder.iterdir()) == ["cele-0000abcd.entry", "yutian-0000abcd.entry"]


@pytest.mark.parametrize("cut", [1, 10, len(PIECE_BYTES["nt"]) + 1])
def test_entry_cut_short_is_not_listed(tmp_path, cut):
    cache = BuildCache.open(tmp_path)
    cache.put(summary(), PIECE_BYTES)
    path = cache.path("cele-0000abcd")
    path.write_bytes(path.read_bytes()[:-cut])
    assert BuildCache.open(tmp_path).entries == {}


@pytest.mark.parametrize("header", [b"{", b"[]", b'{"doc_id": "cele-0000abcd"}', b"\xff\xfe"])
def test_entry_with_an_unreadable_summary_is_not_listed(tmp_path, header):
    cache = BuildCache.open(tmp_path)
    cache.put(summary(), PIECE_BYTES)
    path = cache.path("cele-0000abcd")
    path.write_bytes(header + b"\n" + path.read_bytes().split(b"\n", 1)[1])
    assert BuildCache.open(tmp_path).entries == {}


def test_entry_that_vanished_after_opening_raises_graph_file_error(tmp_path):
    cache = BuildCache.open(tmp_path)
    cache.put(summary(), PIECE_BYTES)
    cache.path("cele-0000abcd").unlink()
    with pytest.raises(GraphFileError, match="cache entry unreadable; build again with --rebuild"):
        cache.read("cele-0000abcd")


def test_drop_removes_the_entry_and_its_files(tmp_path):
    cache = BuildCache.open(tmp_path)
    cache.put(summary(), PIECE_BYTES)
    cache.drop("cele-0000abcd")
    assert (cache.entries, sorted(p.name for p in cache.folder.iterdir())) == ({}, [])


@pytest.mark.parametrize(
    "name",
    [".cele-0000abcd.entry.123.tmp", "cele-0000abcd.json", "cele-0000abcd.trig"],
    ids=["temporary-file-of-a-killed-build", "older-layout-summary", "older-layout-piece"],
)
def test_files_that_are_not_entries_are_removed_on_open(tmp_path, name):
    folder = tmp_path / CACHE_DIR / "docs"
    folder.mkdir(parents=True)
    (folder / name).write_bytes(b"half a pie")
    BuildCache.open(tmp_path)
    assert list(folder.iterdir()) == []
