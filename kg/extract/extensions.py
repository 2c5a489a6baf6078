"""Span and Doc extensions shared by the components, and helpers to make and read spans."""

import bisect
from dataclasses import dataclass

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc, Span

SPAN_EXTENSIONS = {
    "kg_subclass": None,  # aid: subclass local name (County, School, Campaign…)
    "kg_key": None,  # gazetteer key of a place
    "kg_name": None,  # normalised name (quotation marks removed, spaces folded)
    "kg_aliases": (),  # other surface forms that name the same entity
    "kg_rule": None,  # which rule produced the span (for provenance and debugging)
    "kg_value": None,  # parsed value of a date or figure
    "kg_parent": None,  # key of the place that encloses this one in the text (nesting)
}


def _key(name: str, label: str, start: int, end: int) -> tuple:
    # spaCy keeps a Span._ value in Doc.user_data by the span's characters alone, so candidate
    # spans of different labels over the same characters shared their values (a Person found
    # after a role word took the code of the place with the same name). These keys add the label.
    return ("kg", name, label, start, end)


def get_attr(span: Span, name: str):
    """``span._.<name>`` of this span's label, read without spaCy's Underscore object (made
    on every ``span._`` access: half a million per megabyte of text)."""
    return span.doc.user_data.get(_key(name, span.label_, span.start_char, span.end_char), SPAN_EXTENSIONS[name])


def set_attr(span: Span, name: str, value) -> None:
    """Set ``span._.<name>`` of this span's label (of every span with its label and characters)."""
    span.doc.user_data[_key(name, span.label_, span.start_char, span.end_char)] = value


def _extension(name: str) -> dict:
    return {"getter": lambda span: get_attr(span, name), "setter": lambda span, value: set_attr(span, name, value)}


for _name in SPAN_EXTENSIONS:
    if not Span.has_extension(_name):
        Span.set_extension(_name, **_extension(_name))
if not Doc.has_extension("kg_year"):
    Doc.set_extension("kg_year", default=None)  # year for dates written without one
if not Doc.has_extension("kg_date"):
    Doc.set_extension("kg_date", default=None)  # (year, month, day) of the report: 17日，… is in its month
if not Doc.has_extension("kg_sentences"):
    Doc.set_extension("kg_sentences", default=None)  # [(start_char, end_char)] of the sentences
if not Doc.has_extension("kg_relations"):
    Doc.set_extension("kg_relations", default=None)


class Taken:
    """Characters already covered by chosen spans. A bytearray, so that testing and marking a
    range are loops in C rather than over a Python list."""

    def __init__(self, length: int):
        self.flags = bytearray(length + 1)

    def any(self, start: int, end: int) -> bool:
        return self.flags.find(1, start, end) != -1

    def mark(self, start: int, end: int) -> None:
        self.flags[start:end] = b"\x01" * (end - start)


def make_span(doc: Doc, start: int, end: int, label: str, **attrs) -> Span | None:
    """A span over characters ``start:end`` of ``doc.text`` with ``Span._`` attributes, or None
    when the characters do not align with tokens (they always do with the char segmenter)."""
    span = doc.char_span(start, end, label=label, alignment_mode="expand")
    if span is None or span.start_char != start or span.end_char != end:
        return None
    for name, value in attrs.items():
        doc.user_data[_key(name, label, start, end)] = value
    return span


def moved_span(span: Span, start: int, end: int, **changes) -> Span | None:
    """A span of ``span``'s label and ``Span._`` values over characters ``start:end``, with the
    values in ``changes`` replaced (a name trimmed or widened), or None as :func:`make_span`."""
    values = {name: get_attr(span, name) for name in SPAN_EXTENSIONS}
    values.update(changes)
    return make_span(span.doc, start, end, span.label_, **values)


@dataclass(slots=True)
class SpanData:
    """A span's offsets, label, text and ``Span._`` values as plain attributes: a snapshot for
    rules that read them many times (each ``span._`` or ``span.text`` access costs spaCy objects)."""

    start: int
    end: int
    label: str
    text: str
    subclass: str | None
    key: str | None
    name: str | None
    aliases: tuple
    rule: str | None
    value: object
    parent: str | None


def span_data(doc: Doc, spans) -> list[SpanData]:
    """Snapshots of ``spans`` (a span group or list of spans of ``doc``), in their order."""
    text = doc_text(doc)
    get = doc.user_data.get  # keys spelled out as in _key: this runs for every span, many times
    result = []
    for span in spans:
        start, end, label = span.start_char, span.end_char, span.label_
        result.append(
            SpanData(
                start,
                end,
                span.label_,
                text[start:end],
                subclass=get(("kg", "kg_subclass", label, start, end)),
                key=get(("kg", "kg_key", label, start, end)),
                name=get(("kg", "kg_name", label, start, end)),
                aliases=get(("kg", "kg_aliases", label, start, end), ()),
                rule=get(("kg", "kg_rule", label, start, end)),
                value=get(("kg", "kg_value", label, start, end)),
                parent=get(("kg", "kg_parent", label, start, end)),
            )
        )
    return result


if not Doc.has_extension("kg_figure_of"):
    Doc.set_extension("kg_figure_of", default=None)  # {figure index: entity index}
if not Doc.has_extension("kg_entities"):
    Doc.set_extension("kg_entities", default=None)  # [SpanData] of entity_spans, as kg_relations read them


def entity_spans(doc: Doc) -> list:
    """Mentions then inner mentions: the order relation indices refer to."""
    return list(doc.spans.get("kg_mentions", [])) + list(doc.spans.get("kg_inner", []))


class SentenceIndex:
    """Sentence of a character offset by binary search: ``Span.sent`` walks the whole Doc on
    every call, which made it the pipeline's hot spot."""

    def __init__(self, doc: Doc):
        spans = doc._.kg_sentences
        self.bounds = list(spans) if spans else [(sent.start_char, sent.end_char) for sent in doc.sents]
        self.starts = [start for start, _ in self.bounds]

    def __len__(self) -> int:
        return len(self.bounds)

    def index(self, char: int) -> int:
        return min(max(bisect.bisect_right(self.starts, char) - 1, 0), len(self.bounds) - 1)

    def bounds_of(self, char: int) -> tuple[int, int]:
        return self.bounds[self.index(char)]


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per Doc (spaCy joins every token again on each access)."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text


def mark_sentences(doc: Doc, spans: list[tuple[int, int]]) -> Doc:
    """Keep the sentences' character spans in ``doc._.kg_sentences`` and mark the first token of
    every sentence, in one array write (setting ``token.is_sent_start`` one token at a time costs
    more than the rest of the pipeline)."""
    doc._.kg_sentences = spans
    if not len(doc):
        return doc
    offsets = doc.to_array([IDX]).astype(numpy.int64)
    starts = numpy.fromiter((start for start, _ in spans), dtype=numpy.int64)
    values = numpy.where(numpy.isin(offsets, starts), 1, -1)
    values[0] = 1
    doc.from_array([SENT_START], values.reshape(-1, 1).astype("uint64"))
    return doc


def set_quantities(doc: Doc, dates, figures, rule: str = "") -> Doc:
    """Write dates and figures (values with ``start``/``end`` offsets) to the ``kg_dates`` and
    ``kg_figures`` span groups, with the value and the rule (``rule`` + "date"/"figure")."""
    for key, label, values in (("kg_dates", "DATE", dates), ("kg_figures", "FIGURE", figures)):
        kind = label.lower()
        spans = (make_span(doc, v.start, v.end, label, kg_value=v, kg_rule=f"{rule}{kind}") for v in values)
        doc.spans[key] = [span for span in spans if span is not None]
    return doc
