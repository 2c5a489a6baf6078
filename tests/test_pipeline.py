# Fixtures: the pipeline of kg.pipeline and short made-up texts in the style of Chinese official
# aid news (places from the bundled gazetteer; the aid command, program and byline are invented).
# None comes from the evaluation article.
import datetime

import pytest
from spacy.language import Language

from kg.pipeline import COMPONENTS, make_nlp

REPORT = "广东援疆在疏附县实施“粤喀同心”工程。\n\n记者 王晓明 摄\n\n5月12日，“童心筑梦”夏令营在墨玉县开营。"


def test_components_in_order(nlp):
    assert nlp.pipe_names == [
        "kg_sentences", "kg_places", "kg_names", "kg_persons", "kg_quantities", "kg_mentions", "kg_relations",
    ]


def test_components_constant_matches_pipeline(nlp):
    assert tuple(nlp.pipe_names) == COMPONENTS


@pytest.mark.parametrize("name", COMPONENTS)
def test_factory_registered(name):
    assert Language.has_factory(name)


def test_default_segmenter_is_char(nlp):
    assert nlp.tokenizer.segmenter == "char"


def test_pipeline_is_built_once(nlp):
    assert make_nlp() is nlp


def test_jieba_segmenter_builds():
    pytest.importorskip("jieba")
    nlp = make_nlp("jieba")
    assert (nlp.tokenizer.segmenter, tuple(nlp.pipe_names)) == ("jieba", COMPONENTS)


def test_sentences_end_at_chinese_punctuation(analyse):
    doc = analyse("援疆干部走访农户。孩子们很开心！").doc
    assert [sent.text for sent in doc.sents] == ["援疆干部走访农户。", "孩子们很开心！"]


def test_extraction_offsets_index_the_document_text(extract_text):
    # The byline line is dropped from the reading view; offsets must still point into the document.
    mentions = extract_text(REPORT).mentions
    assert any(m.start > REPORT.index("摄") for m in mentions)
    assert all(REPORT[m.start:m.end] == m.surface for m in mentions)


def test_extraction_dates_take_the_publication_year(extract_text):
    extraction = extract_text(REPORT, date=datetime.date(2024, 6, 1))
    dates = [r.literal.iso for r in extraction.relations if r.predicate == "date"]
    assert dates == ["2024-05-12"]


def test_extraction_relations_index_mentions(extract_text):
    extraction = extract_text(REPORT, date=datetime.date(2024, 6, 1))
    names = {
        (extraction.mentions[r.subject].name, r.predicate, extraction.mentions[r.object].name)
        for r in extraction.relations if r.object is not None
    }
    assert ("粤喀同心工程", "fundedBy", "广东援疆") in names
