"""Sentence boundaries from :func:`kg.extract.reading_view.sentence_spans` (Chinese punctuation and paragraphs)."""

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.extensions import doc_text, mark_sentences
from kg.extract.reading_view import sentence_spans


@Language.component("kg_sentences", assigns=["token.is_sent_start", "doc._.kg_sentences"])
def kg_sentences(doc: Doc) -> Doc:
    """Store the sentences' character spans in ``doc._.kg_sentences`` and mark the first token of
    every sentence (in one array write: setting ``token.is_sent_start`` one token at a time costs
    more than the rest of the pipeline)."""
    return mark_sentences(doc, sentence_spans(doc_text(doc)))
