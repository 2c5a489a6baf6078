"""Named people: ·-names of Uyghur and other Turkic people, Tibetan names (two name elements
written together), Han names after role words, and names standing alone on a line (bylines of
authors)."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.extensions import doc_text, make_span
from kg.reference.gazetteer import Gazetteer
from kg.reference.rules import is_common_word, load_words, word_tokenizer

HAN_RE = r"[\u4e00-\u9fff]"
# From the start of a run of Han characters only: tried inside a run too, the pattern would scan
# the rest of the run again from every character.
DOT_NAME_RE = re.compile(rf"(?<!{HAN_RE}){HAN_RE}+(?:·{HAN_RE}+)+")
STANDALONE_RE = re.compile(rf"(?m)^[ \t　]*({HAN_RE}{{2,4}})[ \t　]*$")
CONJUNCTIONS = "和与及"
PRONOUNS = "我你您他她它咱"
WORD_MIN_FREQ = 50  # frequency in jieba's dictionary from which a 2-character string is a word
QUOTE_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』"}
# Characters after which a name has certainly ended.
DISPATCH_AFTER = ("报道", "电", "讯")  # 记者某某喀什报道: the place the reporter writes from ends the name


def dispatch_place_at(gazetteer, text: str, pos: int) -> bool:
    """A place a dispatch is sent from starts at ``pos`` (记者张维日喀则报道: 日喀则, then 报道): the
    character before it ends a reporter's name, though it reads on into the place."""
    return any(
        text.startswith(DISPATCH_AFTER, pos + size) and gazetteer.lookup(text[pos : pos + size]) for size in range(2, 6)
    )


NAME_END = set("，。、；：！？”’）《》 \n的说是在与和将把被让")


# The bodies of a village, after its name: 某村党支部, 村委会, 村民 (村 ends names of people too).
VILLAGE_BODIES = ("党支部", "党总支", "村委会", "村民", "支部", "两委")


class PersonRecognizer:
    """Write people to ``doc.spans["kg_persons"]``."""

    def __init__(self, nlp: Language, name: str = "kg_persons", *, min_transliterated: float = 0.75):
        self.name = name
        self.min_transliterated = min_transliterated
        self.translit = load_words("transliteration_chars.txt")
        self.gazetteer = Gazetteer.load()
        self.word_frequency = word_tokenizer().FREQ  # tells where a two-character given name ends
        self.roles = sorted(load_words("role_words.txt"), key=len, reverse=True)
        self.surnames = load_words("surnames.txt")
        self.not_names = load_words("not_names.txt")
        boundaries = load_words("boundary_words.txt") | {"报道", "摄", "介绍", "告诉", "感慨", "笑"}
        short = [re.escape(word) for word in boundaries if len(word) <= 2]
        self.short_boundary_re = re.compile("|".join(short) or "(?!)")  # (?!): none, no match
        elements = "|".join(map(re.escape, sorted(load_words("tibetan_name_elements.txt"))))
        # Two elements, not a third before or after them (a longer run is no one name we can cut).
        self.tibetan_re = re.compile(f"(?<!{HAN_RE}{{2}}(?:{elements}))(?:{elements}){{2}}") if elements else None
        self.tibetan_elements = load_words("tibetan_name_elements.txt")
        self.tibetan_suffixes = load_words("tibetan_name_suffixes.txt")
        role_alt = "|".join(map(re.escape, self.roles))
        self.role_re = re.compile(f"(?:{role_alt})")

    def __call__(self, doc: Doc) -> Doc:
        doc.spans["kg_persons"] = self.match(doc)
        return doc

    def match(self, doc: Doc) -> list:
        text = doc_text(doc)
        quoted = _quoted_ranges(text)
        spans = []
        taken = set()
        for start, end, rule in self._candidates(text):
            if rule == "dot-name" and _inside(quoted, start):
                continue  # a ·-phrase in quotation marks is a slogan or a program, not a person
            if any(i in taken for i in range(start, end)):
                continue
            name = text[start:end]
            # 麦迪娜 for 麦迪娜·吐尔洪: a report names the person again by the given name alone
            given = name.split("·")[0] if rule == "dot-name" else ""
            aliases = (given,) if len(given) >= 2 else ()
            span = make_span(
                doc, start, end, "Person", kg_subclass="Person", kg_name=name, kg_aliases=aliases, kg_rule=rule
            )
            if span is not None:
                spans.append(span)
                taken.update(range(start, end))
        return sorted(spans, key=lambda s: s.start_char)

    def _candidates(self, text):
        yield from self._dot_names(text)
        yield from self._tibetan(text)
        yield from self._after_roles(text)
        yield from self._standalone(text)

    def _tibetan(self, text):
        if self.tibetan_re is None:
            return
        for match in self.tibetan_re.finditer(text):
            start, end = match.span()
            if text[end : end + 2] in self.tibetan_elements:
                continue  # three elements in a row: where the name ends is not known
            if self.gazetteer.lookup(match.group(0)):
                continue
            if match.group(0).endswith("村") and text.startswith(VILLAGE_BODIES, end):
                continue  # 洛松江村党支部: a village named like a person (江村 is a name's element too)
            yield start, end, "tibetan"

    def _is_transliterated(self, part: str) -> bool:
        return len(part) >= 2 and sum(ch in self.translit for ch in part) / len(part) >= self.min_transliterated

    def _dot_names(self, text):
        for match in DOT_NAME_RE.finditer(text):
            parts = match.group(0).split("·")
            first = _translit_suffix(parts[0], self.translit, 6)
            last = _translit_prefix(parts[-1], self.translit, 6)
            if len(last) > 2 and last[-1] in CONJUNCTIONS and len(parts[-1]) > len(last):
                last = last[:-1]  # 某某·买买提和同学们: 和 joins the next noun, it ends no name
            # 某某·买买提兴奋地说, 某某·吐尔地通报: the last character begins a word with the next,
            # which begins none of its own (买买提出席: 出席 is a word, 提 ends the name)
            following = parts[-1][len(last) : len(last) + 2]
            if (
                len(last) > 2
                and following
                and is_common_word(last[-1] + following[0])
                and not is_common_word(following)
            ):
                last = last[:-1]
            first = self._given_part(parts[0], first)
            middle = parts[1:-1]
            if not (self._is_transliterated(first) and self._is_transliterated(last)):
                continue
            if not all(self._is_transliterated(part) for part in middle):
                continue
            if self.gazetteer.lookup(first) or self.gazetteer.lookup(last):
                continue  # 乌鲁木齐·喀什: places joined by a middle dot
            start = match.start() + len(parts[0]) - len(first)
            end = match.end() - len(parts[-1]) + len(last)
            yield start, end, "dot-name"

    def _given_part(self, before: str, first: str) -> str:
        """The first part of a ·-name without a role word's last character (副主任|买买提江·…: 任
        also transliterates) or a conjunction (他和|吐尔洪·…) it was read with."""
        for k in (1, 2):
            head = before[: len(before) - len(first) + k]
            if len(first) - k >= 2 and any(head.endswith(role) and len(role) > k for role in self.roles):
                return first[k:]
        if len(first) > 2 and first[0] in CONJUNCTIONS:
            return first[1:]
        return first

    def _after_roles(self, text):
        for match in self.role_re.finditer(text):
            pos = match.end()
            if pos < len(text) and text[pos] == "·":
                continue
            if given := self._tibetan_given(text, pos):
                # a known element (before a Han reading: 拉毛措, not surname 拉): its edges are the rule's own
                yield pos, pos + len(given), "tibetan"
                continue
            name = self._single_transliterated(text, pos) or self._han_name(text, pos)
            name = name or self._nickname(text, pos)
            if name and name[0] in CONJUNCTIONS and self.gazetteer.lookup(name[1:]):
                continue  # 孩子和南京的孩子: 和 and a place, no one of surname 和
            if name:
                yield pos, pos + len(name), "after-role"

    def _tibetan_given(self, text: str, pos: int) -> str | None:
        """One Tibetan name element alone after a role word (负责人次旦说): many Tibetans go by one."""
        element = text[pos : pos + 2]
        if element not in self.tibetan_elements:
            return None
        after = text[pos + 2 : pos + 3]
        suffixed = after in self.tibetan_suffixes and not is_common_word(text[pos + 2 : pos + 4])
        if suffixed:
            element, after = element + after, text[pos + 3 : pos + 4]  # 牧民才让加说; not 才让加入
        # 副州长更藏加出席, 牧民拉毛吉家入股: an ending that makes no word with the character after it
        # closes the name whatever follows; an element alone ends before a particle (负责人次旦说)
        return element if not after or after in NAME_END or suffixed else None

    def _han_name(self, text: str, pos: int) -> str | None:
        """Surname + one or two characters. The second given character is dropped when it starts
        a word with what follows (李明结对 → 李明) or a boundary word (张三报道 → 张三)."""
        surname = next((s for s in (text[pos : pos + 2], text[pos : pos + 1]) if s in self.surnames), None)
        if surname is None or text[pos : pos + 2] in self.not_names:
            return None
        given_start = pos + len(surname)
        given = text[given_start : given_start + 2]
        if not given or not all("\u4e00" <= ch <= "\u9fff" and ch not in NAME_END for ch in given[:1]):
            return None
        if given[0] in PRONOUNS:
            return None  # 和我们: 和 is a surname, but not before a pronoun
        if surname in CONJUNCTIONS and is_common_word(given):
            return None  # 职工和群众: 和 joins a noun (群众, 牧民, 连队) to the role before it
        if (
            len(given) == 2
            and given[1] not in NAME_END
            and "\u4e00" <= given[1] <= "\u9fff"
            and not self._starts_boundary(text, given_start + 1)
            and not self._is_word(text[given_start + 1 : given_start + 3])
            and not dispatch_place_at(self.gazetteer, text, given_start + 1)
        ):
            return surname + given
        return surname + given[0]

    def _is_word(self, text: str) -> bool:
        """A two-character word of jieba's dictionary (the word-frequency list it ships with)."""
        return len(text) == 2 and self.word_frequency.get(text, 0) >= WORD_MIN_FREQ

    def _single_transliterated(self, text: str, pos: int) -> str | None:
        run = _translit_prefix(text[pos : pos + 6], self.translit, 6)
        if len(run) >= 3 and (pos + len(run) >= len(text) or text[pos + len(run)] not in self.translit):
            return run
        return None

    def _nickname(self, text: str, pos: int) -> str | None:
        if text[pos : pos + 1] in ("小", "阿") and pos + 2 <= len(text):
            after = pos + 2
            if after >= len(text) or text[after] in NAME_END:
                return text[pos:after]
        return None

    def _starts_boundary(self, text: str, pos: int) -> bool:
        return self.short_boundary_re.match(text, pos) is not None

    def _standalone(self, text):
        """A line that is nothing but a Han name is an author's byline (文/记者 lines included)."""
        for match in STANDALONE_RE.finditer(text):
            name = match.group(1)
            surname_len = 2 if name[:2] in self.surnames else 1 if name[:1] in self.surnames else 0
            if surname_len and 2 <= len(name) <= 4 and len(name) - surname_len <= 2:
                yield match.start(1), match.end(1), "byline"


def _translit_suffix(part: str, chars, limit: int) -> str:
    run = ""
    for ch in reversed(part):
        if ch not in chars or len(run) >= limit:
            break
        run = ch + run
    return run


def _translit_prefix(part: str, chars, limit: int) -> str:
    run = ""
    for ch in part:
        if ch not in chars or len(run) >= limit:
            break
        run += ch
    return run


def _quoted_ranges(text: str) -> tuple[list[int], list[int]]:
    """The quoted ranges of a text, by start, with the furthest end reached so far (for :func:`_inside`)."""
    ranges = []
    for opener, closer in QUOTE_PAIRS.items():
        for match in re.finditer(f"{opener}[^{closer}\n]{{1,24}}{closer}", text):
            ranges.append((match.start(), match.end()))
    ranges.sort()
    return [start for start, _ in ranges], list(accumulate((end for _, end in ranges), max))


def _inside(ranges: tuple[list[int], list[int]], position: int) -> bool:
    """Whether a position is in a quoted range (a scan of them all per name was quadratic)."""
    starts, reach = ranges
    before = bisect_right(starts, position)  # the ranges that start at or before it
    return before > 0 and reach[before - 1] > position


@Language.factory("kg_persons", assigns=["doc.spans"], default_config={"min_transliterated": 0.75})
def make_person_recognizer(nlp: Language, name: str, min_transliterated: float) -> PersonRecognizer:
    """Factory of :class:`PersonRecognizer` (config: ``min_transliterated``, the share of
    transliteration characters a ·-name part needs)."""
    return PersonRecognizer(nlp, name, min_transliterated=min_transliterated)
