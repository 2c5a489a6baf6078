"""Phrases that point back at a name the report gave before: 该校, 这家医院, 这条…的生产线.

A report names a school or a project once in full, then goes on with 该校 or 这个项目; what the
later sentence says (由某市投入…建设的, 与某校结对) is about the named one. :func:`find_anaphors`
finds such phrases and the mention each points at, so that the relation rules can read them in
place of the name. The words and what they point at are in ``data/rules/anaphora_words.csv``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from kg.extract.extensions import Taken
from kg.reference.rules import load_csv, load_words, word_tokenizer

# Measure words between 这/此 and the head noun (这所学校, 这家医院, 这条生产线).
CLASSIFIERS = "条座所家个处间栋项支"
# How many sentences back the named thing may be: a phrase further away points at whatever the
# paragraph is about, which a rule cannot tell.
MAX_SENTENCES_BACK = 3


@dataclass(frozen=True)
class _Word:
    label: str | None
    subclasses: frozenset
    ends: tuple[str, ...]

    def fits(self, span) -> bool:
        if self.label and span.label != self.label:
            return False
        if not self.subclasses and not self.ends:
            return True
        name = span.name or span.text
        return span.subclass in self.subclasses or name.endswith(self.ends) or name.lower().endswith(self.ends)


def _words(name: str) -> dict[str, _Word]:
    return {
        row["word"]: _Word(
            row["label"] or None,
            frozenset(filter(None, row["subclasses"].split("|"))),
            tuple(filter(None, row["ends"].split("|"))),
        )
        for row in load_csv(name)
    }


def _alternatives(words) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


WORDS = _words("anaphora_words.csv")
# 该校 / 这所学校 / 这条由某市投入…建设的生产线 (a relative clause only after a measure word)
PATTERN = re.compile(
    f"(?:该|(?:这|此)一?[{CLASSIFIERS}](?P<clause>[^，。；：！？、“”\\n]{{0,30}}?的)?)(?P<word>{_alternatives(WORDS)})"
)
# 工作组组长某某, 医院院长某某, 村党支部书记某某: a bare head noun opening a clause and followed
# by a role word (data/rules/role_words.txt) is the one of its kind the report named, as 该 would
# say.
ROLE_WORDS = sorted(load_words("role_words.txt"), key=len, reverse=True)
BARE_PATTERN = re.compile(
    f"(?:^|(?<=[，。；：！？\\n”]))(?P<word>{_alternatives(WORDS)})(?={_alternatives(ROLE_WORDS)})"
)
# 工作组把某工程列为…, 指挥部投入资金…: an aid body's bare head opening a clause, before a verb or
# an adverb (data/rules/boundary_words.txt), is the body the report named, as 该 would say.
AID_BODY_WORDS = [w for w, v in WORDS.items() if v.subclasses & {"Team", "AidCommand"}]
# (of one character, only the prepositions and adverbs: 工作组组长 is BARE_PATTERN's, 工作组的 no pointer)
VERBS_AFTER = [w for w in load_words("boundary_words.txt") if len(w) > 1 or w in "把将向为对在与和也还又已均"]
BARE_BODY_PATTERN = re.compile(
    f"(?:^|(?<=[，。；：！？\\n”]))(?P<word>{_alternatives(AID_BODY_WORDS)})(?={_alternatives(VERBS_AFTER)})"
)
# the park, the plant's… in English: a definite article and a head noun, not the start of a name
# (the Park Hotel); the ends of the names it points at are compared in lower case.
ENGLISH_WORDS = _words("en/anaphora_words.csv")
ENGLISH_PATTERN = re.compile(rf"\b[Tt]he (?P<word>{_alternatives(ENGLISH_WORDS)})\b(?!\s+[A-Z0-9])")


# "… opened in May. It was funded by …": a sentence opening on "It" and a passive or a copula goes on
# about the organization or program the sentence before named first (its subject).
IT_PATTERN = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=[.!?][\"”]\s))It(?= (?:was|is|has been|had been|will be|now) )")
IT_CLASSES = ("Organization", "Program")

# 我县, 我旗, 我市: a government's report speaking of its own unit, the place of that level the
# report names most (whether before or after), not the last one named.
SELF_PATTERN = re.compile(f"我(?P<word>{_alternatives(w for w, v in WORDS.items() if v.label == 'Place')})")

# Where a person comes from (来自甲中学, 毕业于甲大学): a body the report names in passing, not the
# one it goes on about when it says 这所学校.
ORIGIN_WORDS = ("来自", "毕业于", "从")


def find_anaphors(text: str, spans, candidates, sentence_of, english=False, places=None) -> list[tuple[int, int, int]]:
    """``(start, end, antecedent)`` for each phrase of ``text`` that points back at one of
    ``candidates`` (indices into ``spans``, the outer mentions in text order). The phrase is the
    demonstrative and its head noun (该校), or the head noun alone after a relative clause (这条
    由…建设的|生产线|), so that the names inside the clause stay mentions of their own.
    ``sentence_of(char)`` gives a character's sentence. Phrases over a mention are left alone.
    我县, 我旗… point at one of ``places`` (every place mention, those inside names too: a notice
    may name its county only in its title's project name), by default ``candidates``."""
    found = []
    taken = Taken(len(text))
    for span in spans:
        taken.mark(span.start, span.end)
    chinese = (PATTERN, BARE_PATTERN, BARE_BODY_PATTERN)
    patterns, words = ((ENGLISH_PATTERN,), ENGLISH_WORDS) if english else (chinese, WORDS)
    for match in (m for pattern in patterns for m in pattern.finditer(text)):
        start = match.start("word") if match.groupdict().get("clause") else match.start()
        end = match.end()
        if taken.any(start, end):
            continue
        word = words[match.group("word")]
        if word.label == "Place" and not _ends_word(text, match.start(), end):
            continue  # 该市场 is "the market", not 该市
        sentence = sentence_of(start)
        antecedent = origin = None
        for i in reversed(candidates):
            span = spans[i]
            if span.end > match.start():
                continue
            if sentence_of(span.start) < sentence - MAX_SENTENCES_BACK:
                break
            if word.fits(span):
                if text[max(0, span.start - 3) : span.start].endswith(ORIGIN_WORDS):
                    origin = i if origin is None else origin  # 某某来自甲中学。这所学校…: 乙, if named
                    continue
                antecedent = i
                break
        if antecedent is None:
            antecedent = origin
        if antecedent is not None:
            found.append((start, end, antecedent))
    if english:
        found += _it_subjects(text, spans, candidates, sentence_of, taken)
    else:
        found += _own_units(text, spans, candidates if places is None else places, taken)
    return sorted(found)


def _it_subjects(text: str, spans, candidates, sentence_of, taken) -> list[tuple[int, int, int]]:
    """It was funded by …: the first organization or program of the sentence before."""
    found = []
    for match in IT_PATTERN.finditer(text):
        if taken.any(match.start(), match.end()):
            continue
        before = sentence_of(match.start()) - 1
        subjects = [i for i in candidates if sentence_of(spans[i].start) == before and spans[i].label in IT_CLASSES]
        if subjects:
            found.append((match.start(), match.end(), min(subjects, key=lambda i: spans[i].start)))
    return found


def _own_units(text: str, spans, candidates, taken) -> list[tuple[int, int, int]]:
    """我县, 我旗…: the place whose name ends in that word the report names most often (the first of
    them)."""
    found = []
    for match in SELF_PATTERN.finditer(text):
        if taken.any(match.start(), match.end()) or not _ends_word(text, match.start(), match.end()):
            continue
        unit = match.group("word")  # 我旗 is a banner, 我区 a district: the name ends in the word
        fitting = [
            i for i in candidates if WORDS[unit].fits(spans[i]) and (spans[i].name or spans[i].text).endswith(unit)
        ]
        if not fitting:
            continue
        counts = Counter(spans[i].name or spans[i].text for i in fitting)
        found.append((match.start(), match.end(), max(fitting, key=lambda i: counts[spans[i].name or spans[i].text])))
    return found


def _ends_word(text: str, start: int, end: int) -> bool:
    """The phrase ``text[start:end]`` ends where a word of jieba's segmentation ends."""
    pos = start
    for token in word_tokenizer().lcut(text[start : end + 4]):
        pos += len(token)
        if pos >= end:
            return pos == end
    return True
