"""The spaCy pipeline: a blank ``Chinese`` language with the aid-kg components.

Segmentation is spaCy's ``char`` segmenter: every rule works on characters (name heads, quotation
marks, nesting), and characters never split a gazetteer name the way a word segmenter does
(jieba's split of running text missed 17% of gazetteer names in ``../shared/MEASURED.md``), at a
quarter of jieba's cost. ``bench/bench_build.py`` measures both.
"""

from __future__ import annotations

import re
from functools import cache

import spacy
from spacy.lang.zh import ChineseTokenizer
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from kg.extract import components, english  # noqa: F401  (importing registers the factories)
from kg.extract.recognizers import lac  # noqa: F401  (registers kg_ner and the recognizers)

COMPONENTS = (
    "kg_sentences",
    "kg_ner",
    "kg_places",
    "kg_names",
    "kg_place_bodies",
    "kg_persons",
    "kg_model_names",
    "kg_short_names",
    "kg_quantities",
    "kg_mentions",
    "kg_relations",
)
ENGLISH_COMPONENTS = (
    "kg_en_sentences",
    "kg_en_places",
    "kg_en_names",
    "kg_en_persons",
    "kg_en_quantities",
    "kg_mentions",
    "kg_en_relations",
)

# The recognizer writes its words too: the merge reads their parts of speech.
COMPONENT_CONFIG = {"kg_ner": {"words_key": "kg_words"}}


@cache
def make_nlp(segmenter: str = "char") -> Language:
    """Build (once per process) the extraction pipeline.

    Args:
        segmenter: ``"char"`` (default) or ``"jieba"``; the rules need character-aligned tokens,
            so ``"jieba"`` exists for benchmarks only.

    Returns:
        A ``Language`` whose components are :data:`COMPONENTS`.
    """
    config = {"nlp": {"tokenizer": {"@tokenizers": "kg.ChineseTokenizer.v1", "segmenter": segmenter}}}
    nlp = spacy.blank("zh", config=config)
    for name in COMPONENTS:
        nlp.add_pipe(name, config=COMPONENT_CONFIG.get(name, {}))
    return nlp


@cache
def make_english_nlp() -> Language:
    """Build (once per process) the English extraction pipeline: ``spacy.blank("en")`` (its rule
    tokenizer; no model weights) with the components of :mod:`kg.extract.english`.

    Returns:
        A ``Language`` whose components are :data:`ENGLISH_COMPONENTS`.
    """
    nlp = spacy.blank("en")
    for name in ENGLISH_COMPONENTS:
        nlp.add_pipe(name)
    return nlp


_WHITESPACE = re.compile(r"\s+")


class CharTokenizer(ChineseTokenizer):
    """spaCy's Chinese tokenizer, whose ``char`` segmentation makes the same Doc in half the
    time: spaCy aligns every character with the text again (``util.get_words_and_spaces``),
    where only the whitespace needs looking at."""

    def __call__(self, text: str) -> Doc:
        if self.segmenter != "char":
            return super().__call__(text)
        words: list[str] = []
        spaces: list[bool] = []
        position = 0
        for match in _WHITESPACE.finditer(text):
            chunk = text[position : match.start()]
            words.extend(chunk)
            spaces.extend([False] * len(chunk))
            gap = match.group()
            if chunk and gap[0] == " ":
                # As in spaCy: one space after a character is that token's trailing whitespace;
                # any other whitespace is a token of its own.
                spaces[-1] = True
                gap = gap[1:]
            if gap:
                words.append(gap)
                spaces.append(False)
            position = match.end()
        chunk = text[position:]
        words.extend(chunk)
        spaces.extend([False] * len(chunk))
        return Doc(self.vocab, words=words, spaces=spaces)


@registry.tokenizers("kg.ChineseTokenizer.v1")
def create_tokenizer(segmenter: str = "char"):
    """Factory of :class:`CharTokenizer` (config: ``segmenter``, as for spaCy's own)."""

    def make(nlp: Language) -> CharTokenizer:
        return CharTokenizer(nlp.vocab, segmenter=segmenter)

    return make
