"""Sentence boundaries from :func:`kg.text.sentence_spans` (Chinese punctuation and paragraphs)."""

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.extensions import doc_text
from kg.extract.reading_view import sentence_spans


@Language.component("kg_sentences", assigns=["token.is_sent_start", "doc._.kg_sentences"])
def kg_sentences(doc: Doc) -> Doc:
    """Store the sentences' character spans in ``doc._.kg_sentences`` and mark the first token of
    every sentence (in one array write: setting ``token.is_sent_start`` one token at a time costs
    more than the rest of the pipeline)."""
    spans = sentence_spans(doc_text(doc))
    doc._.kg_sentences = spans
    if not len(doc):
        return doc
    offsets = doc.to_array([IDX]).astype(numpy.int64)
    starts = numpy.fromiter((start for start, _ in spans), dtype=numpy.int64)
    values = numpy.where(numpy.isin(offsets, starts), 1, -1)
    values[0] = 1
    doc.from_array([SENT_START], values.reshape(-1, 1).astype("uint64"))
    return doc
