"""The records that stages hand to each other: a document, what extraction found in it, the
values of figures and dates.

Plain frozen dataclasses with offsets into :attr:`Document.text`: no spaCy objects and no RDF
terms, so the corpus reader, the extraction pipeline and the graph layer can all use them without
importing each other. This module imports nothing of aid-kg's.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path


@dataclass(frozen=True)
class Document:
    """One source document, decoded; all offsets elsewhere index into :attr:`text`."""

    doc_id: str
    path: Path
    relpath: str
    text: str
    content_hash: str
    encoding: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    date: datetime.date | None = None
    author: str | None = None
    language: str | None = None  # BCP 47 (zh-Hans, zh-Hant, en…) from kg.corpus.language; None: not detected
    replaced: int = 0  # undecodable bytes of the file read as U+FFFD (kg.corpus.reader); 0 for most


@dataclass(frozen=True)
class Figure:
    """A figure found in text.

    Attributes:
        text: the matched surface text, qualifiers included, e.g. ``"13万余人次"``.
        value: the number with magnitude words applied (``Decimal("130000")``).
        unit: the counted unit without magnitude: ``"人次"``, ``"元"``, ``"%"``, ``"亩"``…
        approximate: True when an approximation or bound word qualifies the number.
        qualifier: the first such word as written (``"余"``, ``"近"``, ``"以上"``), else None.
        start: offset of the first character in the input text.
        end: offset after the last character (exclusive).
    """

    text: str
    value: Decimal
    unit: str
    approximate: bool
    qualifier: str | None
    start: int
    end: int


@dataclass(frozen=True)
class DateValue:
    """A date (or date range) found in text.

    Attributes:
        text: the matched surface text, e.g. ``"2025年11月15日至16日"``.
        iso: ``"2023-12-26"``, ``"2024-09"`` or ``"2023"`` (the start, for a range).
        precision: ``"day"``, ``"month"`` or ``"year"`` (xsd:date, xsd:gYearMonth, xsd:gYear).
        end_iso: the end of a range, at the same precision; None for a single date.
        inferred_year: True when the year came from ``default_year``.
        start: offset of the first character in the input text.
        end: offset after the last character (exclusive).
    """

    text: str
    iso: str
    precision: str
    end_iso: str | None
    inferred_year: bool
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    start: int  # offsets into Document.text
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    label: str  # top class: Place, Organization, Program, Event, Person, Work
    subclass: str
    name: str  # normalised name
    surface: str  # as written in the reading view
    aliases: tuple[str, ...]
    key: str | None  # gazetteer key (places) or aid-giver key
    start: int
    end: int
    sentence: int
    rule: str
    inner: bool  # named inside a longer name


# The subclasses of an aid body (某省援疆指挥部, 某市援疆工作队): a giver's organization for its aid.
AID_BODY_SUBCLASSES = ("AidCommand", "Team")


@dataclass(frozen=True)
class Relation:
    subject: int  # index into Extraction.mentions
    predicate: str
    object: int | None
    literal: DateValue | None
    sentence: int
    strength: str
    rule: str


@dataclass(frozen=True)
class FigureMention:
    figure: Figure
    entity: int
    sentence: int
    start: int
    end: int


@dataclass(frozen=True)
class Extraction:
    document: Document
    sentences: list[Sentence]
    mentions: list[Mention]
    relations: list[Relation]
    figures: list[FigureMention]
