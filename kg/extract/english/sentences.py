"""Sentences of English text: a full stop, question or exclamation mark (with any closing quote)
before a space and a capital, digit or quote; every line is a sentence of its own (headlines,
bylines, datelines). Abbreviations (Co., No., Dr., U.S., initials) end no sentence."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.extensions import doc_text, mark_sentences

ABBREVIATIONS = {
    "co", "no", "nos", "dr", "mr", "mrs", "ms", "prof", "st", "ltd", "inc", "corp", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "vs", "gov", "dept",
}  # fmt: skip
_END = re.compile(r"[.!?][\"”’')\]]*(?=\s+[\"“‘A-Z0-9(\[])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text``, without surrounding whitespace."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for end in _END.finditer(text, line.start(), line.end()):
            word = re.search(r"([\w.]+)\.?$", text[start : end.start() + 1])
            token = word.group(1).lower().rstrip(".") if word else ""
            if token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                continue
            spans.append((start, end.end()))
            start = end.end()
        spans.append((start, line.end()))
    result = []
    for start, end in spans:
        chunk = text[start:end]
        left = len(chunk) - len(chunk.lstrip())
        right = len(chunk.rstrip())
        if right > left:
            result.append((start + left, start + right))
    return result or [(0, len(text))]


@Language.component("kg_en_sentences", assigns=["token.is_sent_start", "doc._.kg_sentences"])
def kg_en_sentences(doc: Doc) -> Doc:
    """Store the sentences' character spans in ``doc._.kg_sentences`` and mark their first tokens."""
    return mark_sentences(doc, sentence_spans(doc_text(doc)))
