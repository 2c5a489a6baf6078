"""Reporters and their outlets, from the bylines and datelines the reading view leaves out.

新华社喀什5月17日电（记者 王某 李某）, 本报记者 赵某, （记者 周某 通讯员 马某）, 来源：某日报:
the people named after a role word are persons; after a reporter's role (记者, 编辑…) they work for
the report's outlet, which a dateline (某某社某地某日电), a role's prefix (新华社记者), a source
note (来源：某日报) or, for 本报, the report's publisher names. Words and outlet endings are data:
``data/rules/bylines.csv``. The result is plain records, cited by the byline's own span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.records import Document
from kg.reference.gazetteer import Gazetteer
from kg.reference.rules import load_csv
from kg.reference.script import to_simplified

_HAN = "\u4e00-\u9fff"
_NAME = re.compile(f"[{_HAN}]{{2,4}}|[{_HAN}]{{1,8}}(?:[·•・][{_HAN}]{{1,8}})+")
_DATE_START = re.compile(r"[0-9]{4}[-年./]")
_ACCOUNT = re.compile(f"[{_HAN}][{_HAN}A-Za-z0-9]{{1,15}}")
_SOURCE_BODY = re.compile(f"[{_HAN}（）]{{3,24}}")
_SEPARATORS = re.compile(r"[\s、，,（）()【】《》\[\]：:/／|｜]+")


@dataclass
class BylineName:
    """A name found in a byline: ``label`` Person or Organization (an outlet), its document span,
    and for a person the outlet it works for (an index into the same list) or None."""

    label: str
    name: str
    start: int
    end: int
    byline: int  # index of the byline span it was found in
    outlet: int | None = None
    media: bool = True  # an organization: a media outlet (or account), or another body given as source


@dataclass(frozen=True)
class _Words:
    roles: dict[str, bool]  # role word -> affiliated with the outlet
    role_re: re.Pattern[str]
    outlet_re: re.Pattern[str]
    sources: tuple[str, ...]
    own: tuple[str, ...]
    not_names: frozenset[str]
    filed: tuple[str, ...]


# 本报某地讯, 新华社某地电: what ends a dateline's place
DATELINE_ENDS = "讯电"


def byline_roles() -> tuple[str, ...]:
    """The words before the names a byline credits (记者, 通讯员, 编辑…), longest first."""
    return tuple(sorted(_words().roles, key=len, reverse=True))


@cache
def _words() -> _Words:
    rows = load_csv("bylines.csv")
    by_kind: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_kind.setdefault(row["kind"], []).append(row)
    roles = {row["word"]: row["affiliated"] == "yes" for row in by_kind.get("role", ())}
    longest = sorted(roles, key=len, reverse=True)
    endings = "|".join(map(re.escape, sorted((r["word"] for r in by_kind.get("outlet", ())), key=len, reverse=True)))
    own = tuple(row["word"] for row in by_kind.get("own", ()))
    return _Words(
        roles=roles,
        role_re=re.compile("(" + "|".join(map(re.escape, longest)) + ")"),
        # An outlet's name: a few Han characters ending in an outlet word, at the start of a piece,
        # and the outlet words right after it (某某新闻|网, 某某日报|社|全媒体中心).
        outlet_re=re.compile(f"[{_HAN}]{{1,10}}?(?:{endings})+"),
        sources=tuple(row["word"] for row in by_kind.get("source", ())),
        own=own,
        not_names=frozenset(row["word"] for row in by_kind.get("not_name", ())),
        filed=tuple(row["word"] for row in by_kind.get("filed", ())),
    )


def byline_names(document: Document, bylines: tuple[tuple[int, int], ...]) -> list[BylineName]:
    """The persons and outlets named in a document's byline spans (offsets into its text)."""
    words = _words()
    text = _simplified_bylines(document.text, bylines)
    found: list[BylineName] = []
    reporters: list[BylineName] = []  # persons whose role says they work for the outlet
    outlet: int | None = None
    for b, (start, end) in enumerate(bylines):
        role_affiliated = None
        after_source = False
        tokens = list(_tokens(text, start, end))
        for t, (token_start, token_end) in enumerate(tokens):
            token = text[token_start:token_end]
            next_token = text[slice(*tokens[t + 1])] if t + 1 < len(tokens) else ""
            parts = words.role_re.split(token)
            position = token_start
            for k, part in enumerate(parts):
                part_start = position
                position += len(part)
                if not part:
                    continue
                if k % 2 == 1:  # a role word
                    role_affiliated = words.roles[part]
                    continue
                if k + 1 < len(parts) and parts[k + 1]:
                    # Text before a role word names its outlet (新华社记者) or the report's own (本报记者).
                    outlet = _outlet(found, words, document, part, part_start, b, outlet)
                    continue
                if role_affiliated is None:
                    # Before any role: a dateline's outlet (某某社某地电) or a source note's (来源 某日报).
                    if part in words.sources:
                        after_source = True
                        continue
                    named = _outlet(found, words, document, part, part_start, b, outlet)
                    if (
                        named == outlet
                        and t == 0
                        and _DATE_START.match(next_token)
                        and _ACCOUNT.fullmatch(part)
                        and part not in words.not_names
                    ):
                        # An account's name before the date it posted (某某零距离 2025年3月12日)
                        found.append(BylineName("Organization", part, part_start, position, b))
                        named = len(found) - 1
                    elif named == outlet and after_source and _SOURCE_BODY.fullmatch(part):
                        # A source that is no outlet (来源：某县乡村振兴局): a body, not its reporters' employer
                        found.append(BylineName("Organization", part, part_start, position, b, media=False))
                    outlet = named
                    after_source = False
                    continue
                part = _before_filing_place(part, words)  # 记者郑某喀什报道: 郑某
                if part in words.not_names or not _NAME.fullmatch(part):
                    continue
                found.append(BylineName("Person", part, part_start, part_start + len(part), b))
                if role_affiliated:
                    found[-1].outlet = outlet
                    reporters.append(found[-1])
    # A reporter named before any outlet works for the first one the report names (来源 at the end).
    first = next((i for i, name in enumerate(found) if name.label == "Organization" and name.media), None)
    for reporter in reporters:
        if reporter.outlet is None:
            reporter.outlet = first
    return found


def _before_filing_place(part: str, words: _Words) -> str:
    """What comes before the place a report was filed from and the word of filing (记者郑某喀什报道
    and 记者郑某报道: 郑某; 记者 郑某 林芝报道: nothing), or the whole part where it ends in neither."""
    for word in words.filed:
        if part.endswith(word):
            rest = part[: -len(word)]
            for cut in range(len(rest) - 1):
                if Gazetteer.load().lookup(rest[cut:]):
                    return rest[:cut]
            return rest
    return part


def _simplified_bylines(text: str, bylines) -> str:
    """``text`` with its bylines in simplified characters (the words of bylines.csv are), of the
    same length: a traditional report's names come out simplified, at the offsets of the original."""
    chars = None
    for start, end in bylines:
        piece = to_simplified(text[start:end])
        if piece != text[start:end]:
            chars = chars or list(text)
            chars[start:end] = piece
    return "".join(chars) if chars else text


def _tokens(text: str, start: int, end: int):
    position = start
    for match in _SEPARATORS.finditer(text, start, end):
        if match.start() > position:
            yield position, match.start()
        position = match.end()
    if position < end:
        yield position, end


def _outlet(found, words, document, part, start, byline, current):
    """Add the outlet ``part`` names, if it names one; return the outlet in force."""
    if part.startswith(words.own):  # 本报记者, 本报喀什9月2日电: the report's own outlet
        if not document.publisher:
            return current
        found.append(BylineName("Organization", document.publisher, start, start + len(part), byline))
        return len(found) - 1
    match = words.outlet_re.fullmatch(part) or words.outlet_re.match(part)  # 中国新闻网, not 中国新闻
    if match is None:
        return current
    found.append(BylineName("Organization", match.group(), start, start + match.end(), byline))
    return len(found) - 1
