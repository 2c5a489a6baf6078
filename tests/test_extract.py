"""Tests for kg.extract: documents → Extractions (plain data with offsets into the document text).

Fixtures: the tiny corpus tests/data/build/corpus/ (three made-up reports of the genre; origin in
tests/data/README.md, heading "build"), read with kg.corpus and run through the real pipeline of
kg.pipeline once per module. One made-up sentence below (a final without a year) is written here.
"""

import dataclasses
import datetime
from pathlib import Path

import pytest

from kg.corpus import Document, read_corpus
from kg.extract import Extraction, extract
from kg.pipeline import make_nlp

CORPUS = Path(__file__).resolve().parent / "data" / "build" / "corpus"
DATELINE = "本报喀什9月2日电（记者 王一鸣）"
UNDATED_FINAL = "6月10日，和田地区首届青少年足球联赛决赛在和田市举行。"


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    read = read_corpus([CORPUS])
    assert read.skipped == [] and read.warnings == []
    return read.documents


@pytest.fixture(scope="module")
def extractions(documents) -> list[Extraction]:
    return list(extract(make_nlp(), documents))


def by_name(extractions: list[Extraction], relpath: str) -> Extraction:
    return next(e for e in extractions if e.document.relpath == relpath)


def test_one_extraction_per_document_in_order(documents, extractions):
    assert [e.document for e in extractions] == documents


def test_batching_does_not_change_the_extractions(documents, extractions):
    assert list(extract(make_nlp(), documents, batch_size=1)) == extractions


def test_sentence_text_is_the_document_text_between_its_offsets(extractions):
    wrong = [
        (e.document.relpath, s) for e in extractions for s in e.sentences if e.document.text[s.start : s.end] != s.text
    ]
    assert wrong == []


def test_sentences_are_in_order_and_do_not_overlap(extractions):
    for e in extractions:
        bounds = [(s.start, s.end) for s in e.sentences]
        assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(bounds, bounds[1:])), e.document.relpath


def test_mention_surface_is_the_document_text_between_its_offsets(extractions):
    wrong = [
        (e.document.relpath, m)
        for e in extractions
        for m in e.mentions
        if e.document.text[m.start : m.end] != m.surface
    ]
    assert wrong == []


def test_mention_lies_in_its_sentence(extractions):
    outside = [
        (e.document.relpath, m.surface)
        for e in extractions
        for m in e.mentions
        if not e.sentences[m.sentence].start <= m.start <= m.end <= e.sentences[m.sentence].end
    ]
    assert outside == []


def test_relation_names_a_mention_and_either_a_mention_or_a_literal(extractions):
    bad = [
        (e.document.relpath, r)
        for e in extractions
        for r in e.relations
        if not (0 <= r.subject < len(e.mentions) and 0 <= r.sentence < len(e.sentences))
        or (r.object is None) == (r.literal is None)
        or (r.object is not None and not 0 <= r.object < len(e.mentions))
    ]
    assert bad == []


def test_figure_text_is_the_document_text_between_its_offsets(extractions):
    figures = [(e.document.text[f.start : f.end], f.figure.text) for e in extractions for f in e.figures]
    assert figures and all(found == written for found, written in figures)


def test_dateline_removed_by_the_reading_view_is_in_no_sentence(extractions):
    shufu = by_name(extractions, "shufu_kindergarten.txt")
    start = shufu.document.text.index(DATELINE)
    end = start + len(DATELINE)
    assert [s.text for s in shufu.sentences if s.start < end and start < s.end] == []


def test_aid_giver_and_its_command_get_one_key(extractions):
    shufu = by_name(extractions, "shufu_kindergarten.txt")
    keys = {m.name: m.key for m in shufu.mentions if m.name in ("广东援疆", "广东省援疆前方指挥部")}
    assert len(keys) == 2 and len(set(keys.values())) == 1 and keys["广东援疆"].startswith("aid:440000")


def test_place_inside_a_name_is_an_inner_mention(extractions):
    shufu = by_name(extractions, "shufu_kindergarten.txt")
    school = next(m for m in shufu.mentions if m.name == "广州市越秀区晨光幼儿园")
    inside = {
        m.name: m.inner for m in shufu.mentions if school.start <= m.start and m.end <= school.end and m is not school
    }
    assert (school.inner, inside) == (False, {"广州市": True, "越秀区": True})


def test_dated_event_has_a_day_precision_date(extractions):
    football = by_name(extractions, "hotan_football.txt")
    dates = [
        (football.mentions[r.subject].label, r.literal.iso, r.literal.precision)
        for r in football.relations
        if r.predicate == "date"
    ]
    assert dates == [("Event", "2025-06-10", "day")]


def test_date_without_a_year_takes_the_publication_year():
    document = Document(
        doc_id="final-00000000", path=Path("/corpus/final.txt"), relpath="final.txt", text=UNDATED_FINAL,
        content_hash="0" * 64, encoding="utf-8", date=datetime.date(2025, 6, 11),
    )  # fmt: skip
    (extraction,) = extract(make_nlp(), [document])
    assert [r.literal.iso for r in extraction.relations if r.predicate == "date"] == ["2025-06-10"]


def plain_values(value) -> list:
    """Every value inside a dataclass, list or tuple, recursively (leaves only)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [leaf for f in dataclasses.fields(value) for leaf in plain_values(getattr(value, f.name))]
    if isinstance(value, (list, tuple)):
        return [leaf for item in value for leaf in plain_values(item)]
    return [value]


def test_extraction_holds_no_spacy_objects(extractions):
    modules = {type(leaf).__module__.split(".")[0] for e in extractions for leaf in plain_values(e)}
    assert "spacy" not in modules and "thinc" not in modules
