# Fixtures: the pipeline of kg.extract.pipeline (session fixtures ``nlp`` and ``extract_text`` of
# tests/conftest.py) and made-up strings of the genre; none comes from the evaluation article.
import pytest

from kg.extract.extensions import SPAN_EXTENSIONS, Taken, get_attr, make_span, set_attr, span_data

TEXT = "某县援疆指挥部在某镇建设学校。"


@pytest.fixture
def doc(nlp):
    doc = nlp.make_doc(TEXT)
    doc.user_data["kg_text"] = TEXT
    return doc


@pytest.mark.parametrize("name", sorted(SPAN_EXTENSIONS))
def test_get_attr_reads_what_span_underscore_wrote(doc, name):
    span = doc.char_span(0, 7, label="Organization")
    setattr(span._, name, "值")
    assert get_attr(span, name) == "值"


@pytest.mark.parametrize("name", sorted(SPAN_EXTENSIONS))
def test_set_attr_is_read_by_span_underscore(doc, name):
    set_attr(doc.char_span(0, 7, label="Organization"), name, "值")
    assert getattr(doc.char_span(0, 7, label="Organization")._, name) == "值"


@pytest.mark.parametrize("name", sorted(SPAN_EXTENSIONS))
def test_spans_of_other_labels_over_the_same_characters_keep_their_own_values(doc, name):
    # spaCy's own Span._ storage would share them: a person named like a place took its code.
    set_attr(doc.char_span(0, 2, label="Place"), name, "值")
    assert getattr(doc.char_span(0, 2, label="Person")._, name) == SPAN_EXTENSIONS[name]


@pytest.mark.parametrize("name", sorted(SPAN_EXTENSIONS))
def test_get_attr_of_an_unset_attribute_is_the_default(doc, name):
    assert get_attr(doc.char_span(8, 10), name) == SPAN_EXTENSIONS[name]


def test_make_span_sets_the_attributes(doc):
    span = make_span(doc, 0, 7, "Organization", kg_subclass="AidCommand", kg_rule="head:指挥部")
    assert (span.label_, span.text, span._.kg_subclass, span._.kg_rule) == (
        "Organization",
        "某县援疆指挥部",
        "AidCommand",
        "head:指挥部",
    )


def test_span_data_copies_offsets_label_text_and_attributes(doc):
    span = make_span(doc, 8, 10, "Place", kg_key="k/某镇", kg_name="某镇", kg_aliases=("某镇",), kg_parent="k")
    data = span_data(doc, [span])[0]
    assert (data.start, data.end, data.label, data.text, data.key, data.name, data.aliases, data.parent, data.rule) == (
        8,
        10,
        "Place",
        "某镇",
        "k/某镇",
        "某镇",
        ("某镇",),
        "k",
        None,
    )


@pytest.mark.parametrize(
    ("marked", "query", "expected"),
    [
        ((2, 4), (0, 2), False),
        ((2, 4), (1, 3), True),
        ((2, 4), (3, 6), True),
        ((2, 4), (4, 6), False),
        ((2, 4), (3, 3), False),
    ],
)
def test_taken_reports_overlap_with_marked_characters(marked, query, expected):
    taken = Taken(8)
    taken.mark(*marked)
    assert taken.any(*query) is expected


@pytest.mark.parametrize(
    "text, person",
    [("牧民高阳说，村里的红枣卖到了江苏。", "高阳"), ("党委书记安远说：“合作社一年能卖出一万吨。”", "安远")],
)
def test_person_named_like_a_dropped_place_takes_no_place_code(extract_text, text, person):
    # 高阳 and 安远 are also counties' short names; with no province of theirs in the text the
    # place is dropped and the name after the role word is a person, with no code of its own.
    (mention,) = [m for m in extract_text(text).mentions if m.surface == person]
    assert (mention.label, mention.key) == ("Person", None)
