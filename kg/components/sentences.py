"""Sentence boundaries from :func:`kg.text.sentence_spans` (Chinese punctuation and paragraphs)."""

from spacy.language import Language
from spacy.tokens import Doc

from ..text import sentence_spans


@Language.component("kg_sentences", assigns=["token.is_sent_start"])
def kg_sentences(doc: Doc) -> Doc:
    """Mark the first token of every sentence; every other token continues its sentence."""
    starts = {start for start, _ in sentence_spans(doc.text)}
    for token in doc:
        token.is_sent_start = token.i == 0 or token.idx in starts
    return doc
