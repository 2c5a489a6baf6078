"""Tests for kg.corpus.language and for how the build treats each language (issue 14).

Fixtures: tests/data/language/ (one short made-up paragraph per language and script) and
tests/data/english/ (a made-up report about 新和县 in English, Chinese, French and Russian);
their origin is in tests/data/README.md, headings "language" and "english".
"""

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, XSD

from kg.build import build, build_dataset
from kg.corpus.language import detect, primary, readable
from kg.corpus.reader import iter_corpus
from kg.records import Document

DATA = Path(__file__).resolve().parent / "data"
LANGUAGE = DATA / "language"
ENGLISH = DATA / "english"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("en_aid.txt", "en"),
        ("en_short.txt", "en"),
        ("en_mixed.txt", "en"),
        ("fr_aid.txt", "fr"),
        ("de_aid.txt", "de"),
        ("es_aid.txt", "es"),
        ("ru_aid.txt", "ru"),
        ("ug_aid.txt", "ug"),
        ("zh_hans.txt", "zh-Hans"),
        ("zh_hant.txt", "zh-Hant"),
    ],
)
def test_language_detect_sample(name, expected):
    assert detect((LANGUAGE / name).read_text(encoding="utf-8")) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a Japanese report of the genre, mostly kanji: the kana between them make it Japanese
        "上海市の対口支援により、喀什地区莎車県で新しい病院が開院した。総投資は三億元である。",
        "記者が阿克蘇を訪れた。",
    ],
)
def test_language_japanese_written_mostly_in_kanji_is_japanese_not_chinese(text):
    assert detect(text) == "ja"


@pytest.mark.parametrize(
    "text",
    [
        # short briefs of place names, which langid.py's byte n-grams read as Shona or Bikol
        "AKSU, June 2 (Xinhua) -- Zhejiang and Hangzhou support Aksu, while Ningbo supports Kuqa and Xayar. "
        "Jiaxing helps Shaya.",
        "Tianjin and Hebei support Hotan. Jiangsu and Shanghai support Kashgar, and Shandong supports Shule.",
        # too few function words: langid chooses among the languages of a national press only
        "HOTAN, May 3 (Xinhua) -- Beijing aids Lop, Moyu, Karakax, Guma. Keriya rugs, Pishan walnuts "
        "sold well in Beijing and Tianjin.",
    ],
)
def test_language_a_brief_of_place_names_with_english_function_words_is_english(text):
    assert detect(text) == "en"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Le gouvernement de la province a financé la construction de l'école et du centre de santé.", "fr"),
        ("El gobierno de la provincia financió la construcción de la escuela y del hospital.", "es"),
    ],
)
def test_language_other_languages_in_latin_letters_stay_themselves(text, expected):
    assert detect(text) == expected


def test_language_detect_without_letters_is_undetermined():
    assert detect("2024 — 110 / 3,000") == "und"


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("zh-Hans", True), ("zh-Hant", True), ("en", True), (None, True), ("fr", False), ("ru", False)],
)
def test_language_readable(tag, expected):
    assert readable(tag) is expected


def test_language_primary_picks_the_pipeline():
    assert (primary("zh-Hant"), primary("en"), primary(None)) == ("zh", "en", "zh")


def test_language_reader_records_it_on_the_document():
    documents = {d.relpath: d for d in iter_corpus([ENGLISH]) if isinstance(d, Document)}
    assert {name: d.language for name, d in documents.items()} == {
        "xinhe_en.txt": "en",
        "xinhe_fr.txt": "fr",
        "xinhe_ru.txt": "ru",
        "xinhe_zh.txt": "zh-Hans",
    }


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return build([ENGLISH], tmp_path_factory.mktemp("languages"))


def test_language_build_skips_french_and_russian_with_a_warning(report):
    reasons = {Path(s["path"]).name: s["reason"] for s in report.skipped}
    assert reasons == {
        "xinhe_fr.txt": "written in 'fr', a language the build cannot read (it reads zh, en)",
        "xinhe_ru.txt": "written in 'ru', a language the build cannot read (it reads zh, en)",
    }
    assert report.skipped_languages == {"fr": 1, "ru": 1}
    assert sorted(report.documents) == ["xinhe_en.txt", "xinhe_zh.txt"]


def test_language_build_cli_prints_one_line_per_skipped_report(tmp_path):
    from click.testing import CliRunner

    from kg.cli import cli

    # The only report is skipped: without --allow-empty that is an error (issue 18), after the same warning.
    args = ["build", str(ENGLISH / "xinhe_ru.txt"), "--out", str(tmp_path), "--no-views", "--allow-empty"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0
    reason = "written in 'ru', a language the build cannot read (it reads zh, en)"
    assert f"Warning: skipped {ENGLISH / 'xinhe_ru.txt'}: {reason}" in result.output


def test_language_recorded_on_the_document_node():
    dataset = build_dataset([ENGLISH / "xinhe_en.txt", ENGLISH / "xinhe_zh.txt"])
    languages = {str(o) for _, _, o, _ in dataset.quads((None, DCTERMS.language, None, None))}
    assert languages == {"en", "zh-Hans"}
    literal = next(o for _, _, o, _ in dataset.quads((None, DCTERMS.language, None, None)))
    assert isinstance(literal, Literal) and literal.datatype == XSD.language
    assert isinstance(next(s for s, _, _, _ in dataset.quads((None, DCTERMS.language, None, None))), URIRef)
