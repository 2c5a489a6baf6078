"""The spaCy pipeline: a blank ``Chinese`` language with the aid-kg components.

Segmentation is spaCy's ``char`` segmenter: every rule works on characters (name heads, quotation
marks, nesting), and characters never split a gazetteer name the way a word segmenter does
(jieba's split of running text missed 17% of gazetteer names in ``../shared/MEASURED.md``), at a
quarter of jieba's cost. ``bench/bench_build.py`` measures both.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

from . import components  # noqa: F401  (registers the factories)

COMPONENTS = ("kg_sentences", "kg_places", "kg_names", "kg_persons", "kg_quantities", "kg_mentions", "kg_relations")


@cache
def make_nlp(segmenter: str = "char") -> Language:
    """Build (once per process) the extraction pipeline.

    Args:
        segmenter: ``"char"`` (default) or ``"jieba"``; the rules need character-aligned tokens,
            so ``"jieba"`` exists for benchmarks only.

    Returns:
        A ``Language`` whose components are :data:`COMPONENTS`.
    """
    config = {"nlp": {"tokenizer": {"segmenter": segmenter}}}
    nlp = spacy.blank("zh", config=config)
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp
