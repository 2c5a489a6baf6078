"""The reading view of a document: its text as a reader follows it, mapped back to the document.

News reports arrive with print layout in them: photo captions between paragraphs, sentences
broken across a blank line (or across a caption), bylines, datelines and photo credits.
:func:`reading_view` removes that layout and keeps, for every character of the view, the index
of the character of the document text it was copied from, so that anything found in the view
can be cited by offsets into the document.

The unit of layout is the line: paragraphs separated by blank lines and paragraphs written one
per line are handled alike. What counts as a byline, dateline, caption or list item is data:
``data/rules/reading_view.csv``.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Sequence

from kg.errors import RuleFileError
from kg.reference.rules import RULES_DIR, load_csv
from kg.reference.script import to_simplified

RULES_PATH = RULES_DIR / "reading_view.csv"
RULE_KINDS = (
    "byline",
    "byline_suffix",
    "credit_suffix",
    "credit_prefix",
    "dateline",
    "caption_start",
    "paragraph_start",
    "row_end",
    "story_end",
)

# The kinds of rule applied at the end of a line (the others apply at its start or to all of it).
_AT_LINE_END = {"byline_suffix", "credit_suffix", "row_end"}
# A line this short without final punctuation or a comma is a headline, not a broken sentence.
MIN_BROKEN_LEN = 20
# 建设地点：某县某镇, 资金来源：某省协作资金: a labelled field of a list, which every item may repeat
_HAN = "\u4e00-\u9fff"
_FIELD_LINE = re.compile(f"[{_HAN}]{{2,6}}[：:]")
# A clause mark: a numbered line holding one is a sentence, not a section heading.
_SECTION_PROSE = re.compile("[，,；;。！？]")
# Photo captions are short; a longer line is body text even if it starts with a date.
CAPTION_MAX_LEN = 120
# More captions than this between two halves of a sentence means the halves are not related.
MAX_CAPTIONS_BETWEEN = 3
# Bylines and credits are short; longer lines are never tested against the byline rules.
BYLINE_MAX_LEN = 100
# Trailing credits are short; suffix rules only look at the end of a line (keeps them linear).
SUFFIX_WINDOW = 80
# A sentence longer than this is cut into clauses (a line without 。！？ is one sentence, and the
# work on a sentence, its statements' evidence included, grows faster than its length).
MAX_SENTENCE_LEN = 500
# Where a long sentence is cut, strongest first; a cut leaves at least MIN_CLAUSE_LEN characters
# before it, else the window is cut at its end.
_CLAUSE_ENDS = ("；;", "，,：:", "、")
MIN_CLAUSE_LEN = 100

_TERMINATORS = "。！？!?…"
_CLOSERS = "”’」』）)】》〉\"'"
# Ending with one of these, a line is complete: its sentence does not run on into the next line.
_COMPLETE_ENDS = _TERMINATORS + "；;：:."
# A 《》 title is a name, so a terminator inside it (《加油！向未来》) does not end the sentence.
# The length bound is the longest title kg.components.names recognises; it keeps the scan linear.
_TITLE = "《[^《》\n]{0,40}》"
_SENTENCE = re.compile(
    rf"(?:[^\n《{re.escape(_TERMINATORS)}]+|{_TITLE}|《)*(?:[{re.escape(_TERMINATORS)}]+[{re.escape(_CLOSERS)}]*)?"
)
# Commas and sentence punctuation inside a line mark running prose, which headlines lack.
_PROSE = re.compile(r"[，,；;。！？]")
# Headlines separate their parts with spaces between Chinese characters.
_HEADLINE_SPACE = re.compile(f"[{_HAN}][ \u3000]+[{_HAN}]")
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
# Spaces that pad Chinese words (a printed page's letter spacing, a name padded to the width of
# three characters): never more than three in a row.
_INNER_SPACE = re.compile(rf"(?<=[{_HAN}])([ \u3000\xa0]{{1,3}})(?=[{_HAN}])")
MAX_PADDING_SPACES = 2  # more spaces inside a line of prose part the cells of a row
MIN_ROW_CELLS = 4  # a table's row: this many cells parted by spaces (_is_row)
_SPACES = re.compile("[ \u3000\xa0]+")
LIST_NAME_FIELD = 4  # 王海涛　某医院…: a space this close to the start of a line follows a list's name
# where spaces set names apart: a bracket (（记者 甲 乙）) and a byline's stretch (记者 甲 乙 报道)
_NAMES_APART = re.compile("[（(][^（）()\n]*[）)]|(?:记者|通讯员|摄影|编辑|作者)[^，。；！？,;!?\n]*")

_MACRO = re.compile(r"\{([A-Z]+)\}")


@dataclass(frozen=True)
class LayoutRule:
    """One row of the layout rule file: a compiled pattern, its kind and its examples."""

    kind: str
    name: str
    pattern: re.Pattern[str]
    examples: tuple[str, ...]


@dataclass(frozen=True)
class ReadingView:
    """A cleaned text with a map back to the document text it was made from.

    ``source_offsets[i]`` is the index in the document text of view character ``i`` (the two
    characters are equal); the extra last entry is the document index just after the last
    copied character. Indices increase except where captions were moved after a joined sentence.
    """

    text: str
    source_offsets: Sequence[int]
    # What the view left out because it is layout, not prose: (start, end) document spans of
    # bylines, datelines and editorial notes, for the extraction of their reporters and outlets.
    bylines: tuple[tuple[int, int], ...] = ()

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a view span to the document span that covers it.

        Args:
            start: first view index of the span.
            end: view index just after the span.

        Returns:
            ``(doc_start, doc_end)``, end exclusive: from the first to the last document character
            the span was copied from, including whatever the view removed in between.

        Raises:
            ValueError: the span is not inside the view text.
        """
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span ({start}, {end}) is outside the view (length {len(self.text)})")
        if start == end:
            return self.source_offsets[start], self.source_offsets[start]
        window = self.source_offsets[start:end]
        return min(window), max(window) + 1


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split a text into sentences.

    A sentence ends after a run of 。！？!?… (with any closing quotes or brackets right after it)
    and at every line break. Semicolons do not end a sentence: the clauses they join share
    the subject named at the start. Nor does a terminator inside a 《》 title on one line.
    A sentence longer than :data:`MAX_SENTENCE_LEN` is cut into pieces no longer than that
    (see :func:`_cut_long`), so that the cost of a sentence is bounded on any text.

    Args:
        text: usually the text of a :class:`ReadingView`.

    Returns:
        ``(start, end)`` spans, end exclusive, in order, never empty, without leading or trailing
        whitespace.
    """
    spans = []
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end - start > MAX_SENTENCE_LEN:
            spans.extend(_cut_long(text, start, end))
        elif start < end:
            spans.append((start, end))
    return spans


def _cut_long(text: str, start: int, end: int, limit: int = MAX_SENTENCE_LEN) -> list[tuple[int, int]]:
    """Cut a sentence longer than ``limit`` into pieces of at most ``limit`` characters: each
    after the last semicolon in its window, else the last comma or colon, else the last 、, else
    at the window's end (each window is searched once, so the cut is linear in the length)."""
    pieces = []
    while end - start > limit:
        cut = start + limit
        for marks in _CLAUSE_ENDS:
            found = max(text.rfind(mark, start + MIN_CLAUSE_LEN, start + limit) for mark in marks)
            if found >= 0:
                cut = found + 1
                break
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        if piece_end > start:
            pieces.append((start, piece_end))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces


def load_rules(path: str | Path = RULES_PATH) -> list[LayoutRule]:
    """Read a layout rule file (columns kind, name, pattern, example).

    Rows of kind ``macro`` define ``{NAME}`` pieces that later patterns use; they are expanded
    and not returned.

    Args:
        path: the CSV file; by default the bundled ``data/rules/reading_view.csv``.

    Returns:
        The rules in file order.

    Raises:
        RuleFileError: the file cannot be read, a kind or macro is unknown, or a pattern does not
            compile.
    """
    macros: dict[str, str] = {}
    rules = []
    for number, row in enumerate(load_csv(path), start=1):
        where = f"{path}: rule {number} ({row.get('name')})"
        try:
            kind, name, pattern = row["kind"], row["name"], row["pattern"]
        except KeyError as exc:
            raise RuleFileError(f"{path}: missing column {exc}") from exc
        try:
            pattern = _MACRO.sub(lambda m: macros[m.group(1)], pattern)
        except KeyError as exc:
            raise RuleFileError(f"{where}: unknown macro {{{exc.args[0]}}}") from exc
        if kind == "macro":
            macros[name] = pattern
            continue
        if kind not in RULE_KINDS:
            expected = ", ".join(RULE_KINDS)
            raise RuleFileError(f"{where}: unknown kind {kind!r} (expected one of {expected})")
        try:
            compiled = re.compile(pattern)
        except re.error as exc:
            raise RuleFileError(f"{where}: bad pattern ({exc})") from exc
        examples = tuple(e.strip() for e in row.get("example", "").split(" | ") if e.strip())
        rules.append(LayoutRule(kind, name, compiled, examples))
    return rules


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    by_kind: dict[str, list[str]] = {kind: [] for kind in RULE_KINDS}
    for rule in load_rules():
        by_kind[rule.kind].append(f"(?:{rule.pattern.pattern})")
    # A kind without rules gets a pattern that never matches.
    joined = {kind: "|".join(parts) or r"(?!)" for kind, parts in by_kind.items()}
    return {
        kind: re.compile(rf"(?:{body})\s*\Z" if kind in _AT_LINE_END else f"(?:{body})")
        for kind, body in joined.items()
    }


@dataclass
class _Line:
    spans: list[tuple[int, int]]  # document spans whose concatenation is ``text``
    text: str
    gap_start: int  # where the whitespace before this line begins in the document
    credited: bool  # carried a photo credit or caption marker


def reading_view(text: str) -> ReadingView:
    """Build the reading view of a document text.

    Bylines, photo credits and datelines are removed; a sentence broken across a line break
    (blank line or not) is joined, and photo captions found between its halves are moved after
    the joined paragraph; a line repeating an earlier line or sentence is removed (but for a
    labelled field, 资金来源：…, that each item of a list may repeat); headlines stay
    on their own lines. Paragraphs stay separated by a blank line, other lines by a line break.
    Runs in time linear in the length of the text.

    Args:
        text: the document text (line endings ``\\n``).

    Returns:
        The view, whose every character maps back to an equal character of ``text``.

    Raises:
        RuleFileError: the bundled layout rules are missing or malformed.
    """
    patterns = _patterns()
    bylines: list[tuple[int, int]] = []
    # The layout rules are written in simplified characters (来源, 记者, 电): a traditional report
    # is read for its layout in simplified, of the same length, and the view copies the original.
    lines = _clean_lines(to_simplified(text), patterns, bylines)
    ordered = _join_broken(lines, patterns)
    chars: list[str] = []
    offsets = array("l")
    seen: set[str] = set()
    previous_end = None
    for line in ordered:
        if line.text in seen and not _FIELD_LINE.match(line.text):
            continue
        seen.add(line.text)
        seen.update(line.text[s:e] for s, e in sentence_spans(line.text))
        start = line.spans[0][0]
        if previous_end is not None:
            # Lines in document order take the line break(s) between them; a moved caption
            # takes the break that preceded it in the document.
            gap_from = previous_end if previous_end <= start else line.gap_start
            for position in _separator(text, gap_from, start):
                chars.append("\n")
                offsets.append(position)
        for s, e in line.spans:
            chars.append(text[s:e])
            offsets.extend(range(s, e))
        previous_end = line.spans[-1][1]
    offsets.append(previous_end or 0)
    return ReadingView("".join(chars), offsets, tuple(bylines))


def _clean_lines(text: str, patterns: dict[str, re.Pattern[str]], bylines: list[tuple[int, int]]) -> list[_Line]:
    """Split the text into non-blank lines, dropping bylines and cutting datelines and credits
    (the spans of bylines and datelines go to ``bylines``)."""
    lines = []
    position = previous_end = 0
    length = len(text)
    while position <= length:
        newline = text.find("\n", position)
        if newline < 0:
            newline = length
        raw = text[position:newline]
        body = raw.strip()
        if body and len(body) <= BYLINE_MAX_LEN and patterns["story_end"].fullmatch(body) and _told(lines):
            break  # 相关新闻 after the story: the page's list of other stories, not this one
        if body:
            start = position + len(raw) - len(raw.lstrip())
            line = _clean(body, start, previous_end, patterns, bylines)
            if line is not None:
                lines.append(line)
            previous_end = start + len(body)
        position = newline + 1
    return lines


def _told(lines: list[_Line]) -> bool:
    """A story has been read: a line of prose (a menu of the page above it can say 相关新闻 too)."""
    return any(len(line.text) >= MIN_BROKEN_LEN and _SECTION_PROSE.search(line.text) for line in lines)


def _clean(
    body: str, start: int, gap_start: int, patterns: dict[str, re.Pattern[str]], bylines: list[tuple[int, int]]
) -> _Line | None:
    """Drop a byline line; cut a dateline, caption marker, trailing byline or credit off a line."""
    if len(body) <= BYLINE_MAX_LEN and patterns["byline"].fullmatch(body):
        bylines.append((start, start + len(body)))
        return None
    head, tail = 0, len(body)
    match = patterns["dateline"].match(body)
    if match:
        head = match.end()
        bylines.append((start, start + head))
    match = patterns["credit_prefix"].match(body, head)
    credited = match is not None
    if match:
        head = match.end()
    window = max(head, tail - SUFFIX_WINDOW)
    match = patterns["byline_suffix"].search(body, window, tail)
    if match:
        tail = match.start()
        bylines.append((start + tail, start + match.end()))
    match = patterns["credit_suffix"].search(body, window, tail)
    if match:
        tail = match.start()
        credited = True
    kept = body[head:tail]
    stripped = kept.strip()
    if not stripped:
        return None
    begin = start + head + len(kept) - len(kept.lstrip())
    spans = _without_padding(stripped, begin)
    text = "".join(body[s - start : e - start] for s, e in spans)
    return _Line(spans, text, gap_start, credited)


def _without_padding(line: str, begin: int) -> list[tuple[int, int]]:
    """The document spans of a line without the spaces that pad its Chinese words: 泽　普　县 set
    letter by letter, and in a sentence of running prose one or two spaces inside its words
    (王　海涛, 喀什 地区), which Chinese writes without. Spaces between the parts of a headline, the
    cells of a row (1 某某项目 某县某镇 新建…，… 2650) and a name opening a line of a list
    (王海　某医院副院长，…) stay."""
    kept = [m.span() for m in _NAMES_APART.finditer(line)]
    spaces = [
        space.span(1) for space in _INNER_SPACE.finditer(line) if not any(a <= space.start() < b for a, b in kept)
    ]
    # letter spacing: a space next to a character that spaces set off on both sides (泽　普　县)
    ends = {end for _, end in spaces}
    starts = {start for start, _ in spaces}
    letters = [(start, end) for start, end in spaces if start - 1 in ends or end + 1 in starts]
    prose = _PROSE.search(line) and len(_SPACES.findall(line)) - len(letters) <= MAX_PADDING_SPACES
    if prose:
        spaces = [(start, end) for start, end in spaces if start > LIST_NAME_FIELD or (start, end) in letters]
    else:
        spaces = letters
    spans, position = [], 0
    for space_start, space_end in spaces:
        spans.append((begin + position, begin + space_start))
        position = space_end
    spans.append((begin + position, begin + len(line)))
    return spans


def _join_broken(lines: list[_Line], patterns: dict[str, re.Pattern[str]]) -> list[_Line]:
    """Join sentences broken across lines; captions between the halves move after the join."""
    ordered = []
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        parts, moved = [line], []
        # The first line of a document is its title, never the start of a broken sentence.
        # Once joined, a line is prose: it runs on as long as its last part is unfinished.
        while (
            index > 1
            and not _is_section_heading(line.text, patterns)
            and (_is_unfinished(line.text) if len(parts) == 1 else not _is_complete(parts[-1].text))
        ):
            following = index
            while (
                following < len(lines)
                and following - index < MAX_CAPTIONS_BETWEEN
                and _is_caption(lines[following], patterns)
            ):
                following += 1
            if following == len(lines) or not _continues(lines[following], patterns):
                break
            parts.append(lines[following])
            moved.extend(lines[index:following])
            index = following + 1
        if len(parts) > 1:
            spans = [span for part in parts for span in part.spans]
            line = _Line(spans, "".join(part.text for part in parts), line.gap_start, False)
        ordered.append(line)
        ordered.extend(moved)
    return ordered


def _separator(text: str, start: int, end: int) -> tuple[int, ...]:
    """Document positions of the line break(s) separating two view lines (two: a blank line)."""
    blank = _BLANK_LINE.search(text, start, end)
    if blank:
        return blank.start(), blank.end() - 1
    newline = text.find("\n", start, end)
    return (newline,) if newline >= 0 else ()


def _is_complete(text: str) -> bool:
    core = text.rstrip(_CLOSERS)
    return bool(core) and core[-1] in _COMPLETE_ENDS


def _is_unfinished(text: str) -> bool:
    """Whether a line stops in mid-sentence (as opposed to ending one, or being a headline)."""
    if _is_complete(text) or _patterns()["row_end"].search(text) or _is_row(text):
        return False
    if _PROSE.search(text):
        return True
    return len(text) >= MIN_BROKEN_LEN and not _HEADLINE_SPACE.search(text)


def _is_row(text: str) -> bool:
    """A row of a table (某某工程　某县某镇　1350　改造…，配套…): four cells or more, most of them
    words, parted by spaces; a row ends where its line ends, however its last cell reads. (Letter
    spacing parts single characters: 泽　普　县 is no row.)"""
    cells = _SPACES.split(text.strip())
    return len(cells) >= MIN_ROW_CELLS and sum(len(cell) > 1 for cell in cells) >= MIN_ROW_CELLS - 1


def _is_section_heading(text: str, patterns: dict[str, re.Pattern[str]]) -> bool:
    """一、某校宿舍楼及食堂改造工程: a numbered line without a clause mark heads a section,
    however long; the next line does not continue it."""
    return patterns["paragraph_start"].match(text) is not None and not _SECTION_PROSE.search(text)


def _is_headline(text: str) -> bool:
    return not _is_complete(text) and not _is_unfinished(text)


def _is_caption(line: _Line, patterns: dict[str, re.Pattern[str]]) -> bool:
    """Whether a line is a photo caption: credited, or one short dated sentence."""
    if len(line.text) > CAPTION_MAX_LEN:
        return False
    if line.credited:
        return True
    return (
        _is_complete(line.text)
        and patterns["caption_start"].match(line.text) is not None
        and len(sentence_spans(line.text)) == 1
    )


def _continues(line: _Line, patterns: dict[str, re.Pattern[str]]) -> bool:
    """Whether a line can be the second half of a sentence broken before it."""
    return (
        not _is_headline(line.text)
        and not _is_row(line.text)
        and not _is_caption(line, patterns)
        and patterns["paragraph_start"].match(line.text) is None
    )
