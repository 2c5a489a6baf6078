"""From documents to extractions: runs the pipeline and turns spaCy Docs into plain data.

An :class:`Extraction` holds no spaCy objects and no RDF: mentions, relations and figures with
offsets into the document's text, ready for :mod:`kg.resolve` and :mod:`kg.rdf`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.language import Language

from kg.extract.bylines import byline_names
from kg.extract.extensions import SentenceIndex, entity_spans, get_attr, span_data
from kg.extract.reading_view import ReadingView, reading_view, sentence_spans
from kg.records import Document, Extraction, FigureMention, Mention, Relation, Sentence
from kg.reference.gazetteer import Gazetteer
from kg.reference.script import full_width_punctuation, to_simplified


def extract(nlp: Language, documents: Iterable[Document], *, batch_size: int = 16) -> Iterator[Extraction]:
    """Run the pipeline over documents, yielding one :class:`Extraction` per document.

    Args:
        nlp: the pipeline from :func:`kg.pipeline.make_nlp`.
        documents: documents from :mod:`kg.corpus`.
        batch_size: documents per spaCy batch.
    """

    def docs():
        for document in documents:
            whole = reading_view(document.text)
            published = _publication_date(document, whole.bylines)
            for part, count, view in _windows(whole, nlp.max_length):
                # same length: offsets into it are offsets into the view
                text = full_width_punctuation(to_simplified(view.text))
                doc = nlp.make_doc(text)
                doc.user_data["kg_text"] = text  # Doc.text joins every token again: see doc_text
                doc._.kg_year = published[0] if published else None
                doc._.kg_date = published
                yield doc, (document, view, part, count)

    yield from _merged(nlp.pipe(docs(), as_tuples=True, batch_size=batch_size))


def extract_english(nlp: Language, documents: Iterable[Document], *, batch_size: int = 16) -> Iterator[Extraction]:
    """Run the English pipeline over documents, yielding one :class:`Extraction` per document.

    The text is read as it is: the Chinese reading view's layout rules (captions, bylines) are
    not for English, whose bylines name people the graph wants.

    Args:
        nlp: the pipeline from :func:`kg.extract.pipeline.make_english_nlp`.
        documents: documents from :mod:`kg.corpus`.
        batch_size: documents per spaCy batch.
    """

    def docs():
        for document in documents:
            whole = ReadingView(document.text, range(len(document.text) + 1))
            for part, count, view in _windows(whole, nlp.max_length):
                doc = nlp.make_doc(view.text)
                doc.user_data["kg_text"] = view.text
                doc._.kg_year = document.date.year if document.date else None
                doc._.kg_date = (document.date.year, document.date.month, document.date.day) if document.date else None
                yield doc, (document, view, part, count)

    yield from _merged(nlp.pipe(docs(), as_tuples=True, batch_size=batch_size))


_BYLINE_DATE = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?:[-./年])([0-9]{1,2})(?:[-./月])([0-9]{1,2})")


# How far into a report its dateline can be: past a web page's navigation, short of the story.
_HEAD_CHARS = 600
_AGENCY_DATELINE = re.compile(r"(?:社|网|报|台)[^\n，。（）()]{0,12}?([0-9]{1,2})月([0-9]{1,2})日电")
_HEAD_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])")
_DATELINE_MAX = 120  # a line longer than this is prose, whose dates are the story's own


def _publication_date(document: Document, bylines) -> tuple[int, int, int] | None:
    """The report's date as (year, month, day): its metadata,
    else the first full date in its bylines (2024-09-02 08:15 来源：…, 某日报 2024年8月21日 记者…),
    else the first full date on a short line of its head (a byline the layout rules do not read:
    2024-10-08 某报记者 某某). The dates the report writes without a year, or as a day alone
    (17日，…), are in it."""
    if document.date:
        return document.date.year, document.date.month, document.date.day
    text = document.text
    found = None
    for start, end in bylines:
        found = found or _BYLINE_DATE.search(text, start, end)
    for line in text[:_HEAD_CHARS].splitlines():
        if found is None and len(line.strip()) <= _DATELINE_MAX:
            found = _BYLINE_DATE.search(line)
    if found is not None:
        return int(found.group(1)), int(found.group(2)), int(found.group(3))
    # 新华社某地5月18日电: a news agency's dateline gives the month and day; the year is the first
    # the head of the report writes (its title, its lead).
    dateline = _AGENCY_DATELINE.search(text, 0, _HEAD_CHARS)
    year = _HEAD_YEAR.search(text, 0, _HEAD_CHARS)
    if dateline is not None and year is not None:
        month, day = int(dateline.group(1)), int(dateline.group(2))
        if 1 <= month <= 12 and 1 <= day <= 31:
            return int(year.group(1)), month, day
    return None


def _windows(view: ReadingView, limit: int) -> Iterator[tuple[int, int, ReadingView]]:
    """A reading view in windows of at most ``limit`` characters (spaCy's ``nlp.max_length``,
    beyond which it refuses a text: E088) that end at sentence boundaries, as ``(index, count,
    window)``; a view within the limit is its own single window. The bylines go with the first.

    A report longer than the limit is thus read whole, window by window; what a component draws
    from the whole document (the report's default aid-giver) comes from its window only.
    """
    if len(view.text) <= limit:
        yield 0, 1, view
        return
    cuts, start, end = [], 0, 0
    for _, sentence_end in sentence_spans(view.text):  # no sentence is longer than MAX_SENTENCE_LEN
        if sentence_end - start > limit and end > start:
            cuts.append((start, end))
            start = end
        end = sentence_end
    cuts.append((start, len(view.text)))
    offsets = view.source_offsets
    for i, (start, end) in enumerate(cuts):
        window = ReadingView(view.text[start:end], offsets[start : end + 1], view.bylines if i == 0 else ())
        yield i, len(cuts), window


def _merged(processed: Iterable) -> Iterator[Extraction]:
    """The extractions of ``(doc, (document, view, index, count))`` pairs, the windows of one
    document merged into one extraction (their offsets are document offsets already)."""
    parts: list[Extraction] = []
    for doc, (document, view, index, count) in processed:
        parts.append(to_extraction(doc, document, view))
        if index == count - 1:
            extraction = parts[0] if count == 1 else _merge(parts)
            yield _without(extraction, _scope_provinces(extraction))
            parts = []


def _merge(parts: list[Extraction]) -> Extraction:
    """One extraction of a document from those of its windows, indices shifted."""
    sentences, mentions, relations, figures = [], [], [], []
    for part in parts:
        first_sentence, first_mention = len(sentences), len(mentions)
        sentences += part.sentences
        mentions += [replace(m, sentence=m.sentence + first_sentence) for m in part.mentions]
        relations += [
            replace(
                r,
                subject=r.subject + first_mention,
                object=None if r.object is None else r.object + first_mention,
                sentence=r.sentence + first_sentence,
            )
            for r in part.relations
        ]
        figures += [
            replace(f, entity=f.entity + first_mention, sentence=f.sentence + first_sentence) for f in part.figures
        ]
    return _in_document_order(Extraction(parts[0].document, sentences, mentions, relations, figures))


def to_extraction(doc, document: Document, view) -> Extraction:
    """Turn a processed Doc over ``view.text`` into an :class:`Extraction` with document offsets."""
    index = SentenceIndex(doc)
    sentences = []
    for sent_start, sent_end in index.bounds:
        start, end = view.to_source(sent_start, sent_end)
        while end > start and document.text[end - 1].isspace():
            end -= 1  # the span of a sentence joined across a gap can end in that gap
        sentences.append(Sentence(start, end, document.text[start:end]))
    spans = doc._.kg_entities
    if spans is None:  # a pipeline without kg_relations
        spans = span_data(doc, entity_spans(doc))
    inner_from = len(doc.spans.get("kg_mentions", []))
    mentions = []
    for i, span in enumerate(spans):
        start, end = view.to_source(span.start, span.end)
        # In a traditional report the Doc is simplified; the name as written is another name of it.
        written = view.text[span.start : span.end]
        aliases = tuple(span.aliases or ())
        if written != span.text and written not in aliases:
            aliases += (written,)
        mentions.append(
            Mention(
                label=span.label,
                subclass=span.subclass or span.label,
                name=span.name or span.text,
                surface=written,
                aliases=aliases,
                key=span.key,
                start=start,
                end=end,
                sentence=index.index(span.start),
                rule=span.rule or "",
                inner=i >= inner_from,
            )
        )
    relations = [
        Relation(
            subject=rel.subject,
            predicate=rel.predicate,
            object=rel.object,
            literal=_in_document(rel.literal, view),
            sentence=index.index(rel.start),
            strength=rel.strength,
            rule=rel.rule,
        )
        for rel in doc._.kg_relations or []
    ]
    _add_bylines(document, view, sentences, mentions, relations)
    figures = []
    group = doc.spans.get("kg_figures", [])
    for f, entity in sorted((doc._.kg_figure_of or {}).items()):  # only figures of an entity
        span = group[f]
        start, end = view.to_source(span.start_char, span.end_char)
        value = get_attr(span, "kg_value")
        figures.append(FigureMention(value, entity, index.index(span.start_char), start, end))
    return _in_document_order(Extraction(document, sentences, mentions, relations, figures))


def _scope_provinces(extraction: Extraction) -> set[int]:
    """Provinces named only inside other names (新疆 in 江苏省对口支援新疆伊犁州前方指挥部 or 新疆生产
    建设兵团, 广东省 in 广东省某某有限公司): a scope or a registration, not a place the report is
    about. Kept: the giver of an aid body or phrase (江苏省 there, 广东 in 广东援疆), and a province
    a sentence's rule other than nesting relates (rules over the whole report are left out, so a
    report read in windows keeps the same mentions)."""
    gazetteer = Gazetteer.load()
    named = {m.key for m in extraction.mentions if not m.inner and m.label == "Place"}
    named |= {m.key.split(":")[1] for m in extraction.mentions if m.key and m.key.startswith("aid:")}
    related = {
        end
        for r in extraction.relations
        if r.strength == "explicit" and not (r.predicate == "partOf" and r.rule == "nesting")
        for end in (r.subject, r.object)
    }
    return {
        i
        for i, m in enumerate(extraction.mentions)
        if m.inner
        and m.label == "Place"
        and m.key not in named
        and i not in related
        and getattr(gazetteer.get(m.key or ""), "level", None) == "province"
    }


def _without(extraction: Extraction, dropped: set[int]) -> Extraction:
    """The extraction without the mentions ``dropped``, and without their relations and figures."""
    if not dropped:
        return extraction
    new = {}
    for i in range(len(extraction.mentions)):
        if i not in dropped:
            new[i] = len(new)
    return replace(
        extraction,
        mentions=[m for i, m in enumerate(extraction.mentions) if i not in dropped],
        relations=[
            replace(r, subject=new[r.subject], object=None if r.object is None else new[r.object])
            for r in extraction.relations
            if r.subject in new and (r.object is None or r.object in new)
        ],
        figures=[replace(f, entity=new[f.entity]) for f in extraction.figures if f.entity in new],
    )


def _in_document(value, view):
    """A date found in the view, its offsets into the document (as everything an extraction holds)."""
    if value is None:
        return None
    start, end = view.to_source(value.start, value.end)
    return replace(value, start=start, end=end)


def _in_document_order(extraction: Extraction) -> Extraction:
    """The extraction with its sentences sorted by offset (bylines come after the body's)."""
    order = sorted(range(len(extraction.sentences)), key=lambda i: extraction.sentences[i].start)
    if order == list(range(len(order))):
        return extraction
    new_index = {old: new for new, old in enumerate(order)}
    return Extraction(
        extraction.document,
        [extraction.sentences[i] for i in order],
        [replace(m, sentence=new_index[m.sentence]) for m in extraction.mentions],
        [replace(r, sentence=new_index[r.sentence]) for r in extraction.relations],
        [replace(f, sentence=new_index[f.sentence]) for f in extraction.figures],
    )


def _add_bylines(document: Document, view, sentences: list, mentions: list, relations: list) -> None:
    """Reporters and outlets of the bylines the reading view left out (:mod:`.bylines`): each
    byline is a sentence of its own, its names mentions, a reporter affiliated with the outlet."""
    names = byline_names(document, view.bylines)
    if not names:
        return
    first_sentence, first_mention = len(sentences), len(mentions)
    sentences.extend(Sentence(start, end, document.text[start:end]) for start, end in view.bylines)
    for name in names:
        subclass = "Person" if name.label == "Person" else "MediaOrganization" if name.media else "Organization"
        surface = document.text[name.start : name.end]
        mentions.append(
            Mention(
                label=name.label,
                subclass=subclass,
                name=name.name,
                surface=surface,
                # a traditional report's form of the name (a dateline's 本报… names the publisher: no form of it)
                aliases=(surface,) if surface != name.name and len(surface) == len(name.name) else (),
                key=None,
                start=name.start,
                end=name.end,
                sentence=first_sentence + name.byline,
                rule="byline",
                inner=False,
            )
        )
    for i, name in enumerate(names):
        if name.outlet is not None:
            relations.append(
                Relation(
                    subject=first_mention + i,
                    predicate="affiliatedWith",
                    object=first_mention + name.outlet,
                    literal=None,
                    sentence=first_sentence + name.byline,
                    strength="explicit",
                    rule="byline",
                )
            )
