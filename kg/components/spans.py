"""Span and Doc extensions shared by the components, and a helper to make spans."""

import bisect

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
for _name, _default in SPAN_EXTENSIONS.items():
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=_default)
if not Doc.has_extension("kg_year"):
    Doc.set_extension("kg_year", default=None)  # year for dates written without one
if not Doc.has_extension("kg_sentences"):
    Doc.set_extension("kg_sentences", default=None)  # [(start_char, end_char)] of the sentences
if not Doc.has_extension("kg_relations"):
    Doc.set_extension("kg_relations", default=None)


def make_span(doc: Doc, start: int, end: int, label: str, **attrs) -> Span | None:
    """A span over characters ``start:end`` of ``doc.text`` with ``Span._`` attributes, or None
    when the characters do not align with tokens (they always do with the char segmenter)."""
    span = doc.char_span(start, end, label=label, alignment_mode="expand")
    if span is None or span.start_char != start or span.end_char != end:
        return None
    for key, value in attrs.items():
        setattr(span._, key, value)
    return span


if not Doc.has_extension("kg_figure_of"):
    Doc.set_extension("kg_figure_of", default=None)  # {figure index: entity index}


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
