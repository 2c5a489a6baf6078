"""People in English text.

* ``pinyin``: a Chinese name in pinyin order, a surname of ``data/rules/surnames.txt`` then a
  given name of one to three pinyin syllables (Zhang Wei, Li Mingde, WANG HAO);
* ``context``: two or three capitalised words (Uyghur and other names: Aynur Tursun) after a role
  word or title (teacher, Owner, Dr), after ``said``/``By`` or an age ("19-year-old"), or before
  ``said``, ``told``, an age (", 27,") or an apposition (", a teacher at …", ", who leads …").

A candidate that is a place, or holds a head word of an organization, is no person.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.english import lexicon
from kg.extract.english.lexicon import fold
from kg.extract.extensions import doc_text, get_attr, make_span

NAME_WORD = r"(?:[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?|[A-Z]{2,})"
# A name may be followed by its possessive (Aynur Tursun's son), by no other apostrophe.
CANDIDATE_RE = re.compile(rf"(?<![\w'’-])({NAME_WORD}(?: {NAME_WORD}){{1,2}})(?![\w-])(?!['’](?!s\b))")
AFTER_RE = re.compile(
    r"^(?:,\s*(?:\d{1,3},|an?\s|the\s|who\s|whose\s)|\s+(?:said|says|told|added|explained|recalled|noted)\b)"
)
BEFORE_RE = re.compile(r"(?:\b(?:said|says|by|By|and|was|were|with|to)\s+)$")
# ", Party secretary of", ", vice-president of": a role after the name, behind its ranks
ROLE_AFTER_RE = re.compile(
    r",\s*(?=(?P<first>[A-Za-z]+))"
    r"(?:(?:[Vv]ice|[Dd]eputy|[Ee]xecutive|[Pp]arty|[Gg]eneral|[Cc]hief|[Ss]enior)[- ])*(?P<role>[A-Za-z]+)\b"
)
# "19-year-old Gulnigar Tursun": an age right before a name
AGE_BEFORE_RE = re.compile(r"\b\d{1,3}-year-old\s+$")
# After a name that follows said/by/and: "by Wang Li of the institute", "by Wang Li in Hotan".
WEAK_AFTER_RE = re.compile(r"^(?:['’]s\s|\s+(?:of|from|and|in|at)\s)")
# A capitalised word alone, between words that are not capitalised names (Wang, 44, …; Wang said)
SURNAME_ALONE_RE = re.compile(r"(?<![\w'’-])(?<![A-Z][a-z] )(?P<name>[A-Z][a-z]{1,5})(?![\w'’-])(?! [A-Z])")
# One capitalised word standing alone (no capitalised word right before or after it)
SINGLE_NAME_RE = re.compile(r"(?<![\w'’-])(?<![A-Z][a-z] )([A-Z][a-z]+)(?![\w'’-])(?! [A-Z])")
# The capitalised word right before a candidate, one space apart (not a possessive: Hotan's).
PREVIOUS_WORD_RE = re.compile(r"(?<![\w'’-])([A-Z][\w-]*) $")
# A sentence that opens with a name and a verb in the present or past: "Aynur Tursun walks …".
OPENING_VERB_RE = re.compile(r"^(?:['’]s\s|\s+(?:[a-z]+(?:s|ed)|has|had|is|was)\s)")
# A photo credit before a name: (Photo/Tenzin Norbu), (Photo: …)
CREDIT_WORDS = ("Photo", "Photos", "Image", "Video")
CREDIT_BEFORE_RE = re.compile(rf"\((?:{'|'.join(CREDIT_WORDS)}) ?(?:/|:|by) ?$")
# A title written before a person's name (Dr Xu, Prof. Li)
HONORIFIC_RE = re.compile(r"\b(?:Dr|Prof|Professor)\.? $")


class EnglishPersonRecognizer:
    """Write people to ``doc.spans["kg_persons"]``."""

    def __init__(self, nlp: Language, name: str = "kg_en_persons"):
        self.name = name
        self.surnames = lexicon.pinyin_surnames()
        self.roles = lexicon.roles()
        self.not_names = lexicon.not_name_words()
        self.industries = lexicon.industry_words()
        self.places = lexicon.place_index()
        self.countries = lexicon.countries()
        self.heads = lexicon.heads()
        self.known = lexicon.known_organizations()
        self.tibetan = frozenset(lexicon.words("tibetan_given_names.txt"))

    def __call__(self, doc: Doc) -> Doc:
        doc.spans["kg_persons"] = self.match(doc)
        return doc

    def match(self, doc: Doc) -> list:
        text = doc_text(doc)
        places = [(s.start_char, s.end_char) for s in doc.spans.get("kg_places", [])]
        spans, pos = [], 0
        while (match := CANDIDATE_RE.search(text, pos)) is not None:
            found = self._person(text, match.start(1), match.group(1), places)
            if found is None:
                pos = match.start() + len(match.group(1).split()[0]) + 1
                continue
            start, end, rule = found
            titled = HONORIFIC_RE.search(text, max(0, start - 11), start)
            span = make_span(
                doc,
                start,
                end,
                "Person",
                kg_subclass="Person",
                kg_name=text[start:end],
                # Dr Xu Jianping: the name as written with the title, also a name seen in the text
                kg_aliases=(text[titled.start() : end],) if titled else (),
                kg_rule=rule,
            )
            if span is not None:
                spans.append(span)
            pos = end
        spans += self._single_names(doc, text, spans, places)
        spans += self._surnames_alone(doc, text, spans)
        return spans

    def _surnames_alone(self, doc, text, found):
        """Wang, 44, a teacher…; "…," Wang said: a feature names a person in full once, then by
        the surname; the surname alone before an age, an apposition or a verb of saying (or after
        said) is that person, when one person of the report before it bears the surname."""
        full = [(s.start_char, s.text) for s in found if get_attr(s, "kg_rule") == "en-pinyin"]
        taken = [(s.start_char, s.end_char) for s in found]
        spans = []
        for match in SURNAME_ALONE_RE.finditer(text):
            start, end = match.span("name")
            if match.group("name") not in self.surnames or any(s < end and start < e for s, e in taken):
                continue
            if not (AFTER_RE.match(text[end : end + 40]) or re.search(r"\bsaid $", text[max(0, start - 6) : start])):
                continue
            named = {name for at, name in full if at < start and name.split()[0] == match.group("name")}
            if len(named) == 1:
                span = make_span(
                    doc, start, end, "Person", kg_subclass="Person", kg_name=named.pop(), kg_rule="en-surname"
                )
                if span is not None:
                    spans.append(span)
        return spans

    def _single_names(self, doc, text, found, places):
        """A Tibetan given name alone (Pasang, a farmer …; Nyima said): one word of
        ``tibetan_given_names.txt`` before an apposition or a verb of saying, or after a role."""
        taken = [(s.start_char, s.end_char) for s in found] + places
        spans = []
        for match in SINGLE_NAME_RE.finditer(text):
            start, end = match.span(1)
            if match.group(1) not in self.tibetan or any(s < end and start < e for s, e in taken):
                continue
            before = text[max(0, start - 40) : start]
            if not (AFTER_RE.match(text[end : end + 40]) or self._role_before(before)):
                continue
            span = make_span(
                doc, start, end, "Person", kg_subclass="Person", kg_name=match.group(1), kg_rule="en-context"
            )
            if span is not None:
                spans.append(span)
        return spans

    def _person(self, text, start, candidate, places):
        words = candidate.split()
        # Leading words that cannot start a name (The, In, Owner…) are dropped.
        while words and (words[0] in self.not_names or fold(words[0]) in self.roles):
            start += len(words[0]) + 1
            words = words[1:]
        if len(words) < 2 or self._inside_a_longer_name(text, start):
            return None
        for n in (len(words), 2) if len(words) == 3 else (2,):
            name_words = words[:n]
            end = start + len(" ".join(name_words))
            if any(fold(w) in self.heads for w in name_words):
                continue
            # a word that is no name alone may be a given name in pinyin (Yang Hui; Hui the people)
            if any(w in self.not_names for w in name_words) and (
                name_words[0] in self.not_names or not self._pinyin(name_words)
            ):
                continue
            if name_words[-1] in self.industries:
                continue  # Jinlan Footwear invested…: a firm
            if any(s < end and start < e for s, e in places) or fold(" ".join(name_words)) in self.known:
                continue
            if fold(" ".join(name_words)) in self.places or any(fold(w) in self.countries for w in name_words):
                continue
            after = text[end : end + 40]
            if re.match(r"\s+[A-Z][a-z]+", after) and n == len(words) and fold(after.split()[0]) in self.heads:
                continue
            if self._pinyin(name_words):
                return start, end, "en-pinyin"
            before = text[max(0, start - 40) : start]
            if (
                self._role_before(before)
                or CREDIT_BEFORE_RE.search(before)
                or AFTER_RE.match(after)
                or self._role_after(after)
                or AGE_BEFORE_RE.search(before)
            ):
                return start, end, "en-context"
            # (the end of a line: a byline, By Lin Qiao and Daniel Hart)
            if BEFORE_RE.search(before) and (WEAK_AFTER_RE.match(after) or re.match(r"[.,]|[ \t]*(?:\n|$)", after)):
                return start, end, "en-context"
            if re.search(r"(?:^|\n|[.!?][\"”]?\s+)$", before) and OPENING_VERB_RE.match(after):
                return start, end, "en-context"
        return None

    def _inside_a_longer_name(self, text: str, start: int) -> bool:
        """The Wenchuan Kiwi Fruit Cold Chain Hub, a … project: a candidate that a capitalised
        word right before continues is the end of another name, not a person's; a title (Director
        Li Ming), a word that opens a sentence (The) or a possessive (Hotan's) may come before one."""
        before = PREVIOUS_WORD_RE.search(text, max(0, start - 40), start)
        if before is None:
            return False
        word = before.group(1)
        return word not in self.not_names and fold(word) not in self.roles

    def _pinyin(self, words) -> bool:
        surname = words[0].capitalize()
        return len(words) == 2 and surname in self.surnames and lexicon.is_pinyin_word(words[1])

    def _role_after(self, after: str) -> bool:
        """A role set off after it (Ablikim Tursun, Party secretary of…; Rena Yusup, vice-president
        of…): the role word after the comma and its ranks."""
        match = ROLE_AFTER_RE.match(after)
        if match is None:
            return False
        # the role behind its ranks (Party secretary), a rank that is a role itself (deputy
        # commissioner), or a role of two words (Party chief): any run of the words before "of"
        words = re.split(r"[- ]", match.group(0).lstrip(", \n"))
        return any(
            fold(" ".join(words[i:j])) in self.roles for i in range(len(words)) for j in range(i + 1, len(words) + 1)
        )

    def _role_before(self, before: str) -> bool:
        """A role right before (a teacher Aynur…), or set off before it (our guide, Dawa…)."""
        before = re.sub(r",\s*$", " ", before)
        tail = re.findall(r"[\w-]+", before)[-2:]
        # a plural title too, before a list of names (Xinhua reporters Purbu Zhaxi and Chen Wenxian)
        return any(lexicon.is_role(fold(" ".join(tail[i:]))) for i in range(len(tail)))


@Language.factory("kg_en_persons", assigns=["doc.spans"], requires=["doc.spans"])
def make_english_person_recognizer(nlp: Language, name: str) -> EnglishPersonRecognizer:
    """Factory of :class:`EnglishPersonRecognizer`."""
    return EnglishPersonRecognizer(nlp, name)
