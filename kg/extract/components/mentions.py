"""Choose the mentions of a document from the candidates of the recognizers.

Longest candidate first, then earliest (spaCy's own rule for overlapping matches); a place lying
inside a longer name is kept apart in ``kg_inner`` (阿拉尔市 in 阿拉尔市某某医院) because the name
tells where the organization is, and so is an organization a project's name starts with (某县人民
医院 in 某县人民医院住院楼项目), or a project an event's name starts with. An activity named in a
sentence that opens with a full date (or with 当天 after one) or followed by the day it was held on
(某某市集于10月18日…) or said to be held somewhere (某某节在某镇举行), an
edition of an activity (第五届…节, 2024年…论坛, 首届…), or an inaugural run of a program in such a
sentence (首趟…专列), is an event.
"""

from __future__ import annotations

import bisect
import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.components.names import DIVISION_ENDINGS, QUOTE_CHARS
from kg.extract.dates import SAME_DAY
from kg.extract.extensions import SentenceIndex, Taken, doc_text, get_attr, make_span
from kg.reference.rules import load_words

CANDIDATE_GROUPS = ("kg_places", "kg_names", "kg_persons")
# Candidates that only fill gaps the rules' candidates leave (the statistical recognizer's).
FILL_GROUPS = ("kg_model",)
INAUGURAL = ("首趟", "首列", "首班", "首批", "首届", "首场", "首次")
# 首届 before or inside the name of an activity is its first edition, as 第五届 (or 2024年) in it
# is a later one: an edition is one happening, dated or not, where the activity itself recurs.
FIRST_EDITION = "首届"
# A year leads an edition's name with or without 年 (2025某某马拉松, 2024某某年货节).
EDITION_RE = re.compile(r"第[0-9一二三四五六七八九十百]+届|首届|(?:19|20)[0-9]{2}年|^(?:19|20)[0-9]{2}(?![0-9])")
EVENT_SUBCLASSES = {"Activity", "Program"}
# 2025年“某某杯”篮球邀请赛 and the headline's “某某杯”篮球邀请赛: one event, its year or edition left out
EDITION_PREFIX_RE = re.compile(r"^(?:(?:19|20)[0-9]{2}年?度?|第[0-9一二三四五六七八九十百]+届|首届)+")
# The kinds of name that another name may start with, and be a mention of its own inside it.
NAMING_OUTER = {"Organization": ("Program", "Event"), "Program": ("Event",)}
HELD_VERBS = ("举行", "举办", "召开", "开幕", "闭幕", "启动", "开班", "开营")
HELD_AT_RE = re.compile("在[^，。；：！？\n]{1,20}?(?:隆重|正式|盛大)?(?:举行|举办|召开|开幕)")
FACILITY_COUNTERS = load_words("facility_counters.txt")
# 项目名称：某县冷链物流中心； — the value of a project-name field, up to the field's end
LABELLED_PROJECT_RE = re.compile(
    "(?:" + "|".join(map(re.escape, load_words("project_name_labels.txt"))) + r")[：:]\s*([^；;。，,：:\n]{3,40})"
)


class MentionResolver:
    """Write ``doc.spans["kg_mentions"]`` (non-overlapping) and ``doc.spans["kg_inner"]``."""

    def __init__(self, nlp: Language, name: str = "kg_mentions"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        counted = {
            span.start_char
            for span in doc.spans.get("kg_figures", [])
            if get_attr(span, "kg_value").unit in FACILITY_COUNTERS
        }
        candidates = [
            span for group in CANDIDATE_GROUPS for span in doc.spans.get(group, []) if not _counted_head(span, counted)
        ]
        candidates.sort(key=lambda s: (s.start_char - s.end_char, s.start_char, CANDIDATE_GROUPS.index(_group(s))))
        taken = Taken(len(doc_text(doc)))
        chosen, leftover = [], []
        for span in candidates:
            if taken.any(span.start_char, span.end_char):
                leftover.append(span)
                continue
            chosen.append(span)
            taken.mark(span.start_char, span.end_char)
        for span in sorted((s for group in FILL_GROUPS for s in doc.spans.get(group, [])), key=lambda s: s.start_char):
            if not taken.any(span.start_char, span.end_char):
                chosen.append(span)
                taken.mark(span.start_char, span.end_char)
        chosen.sort(key=lambda s: s.start_char)
        # The chosen spans do not overlap: the only one that can hold a span is the last one
        # starting at or before it.
        starts = [o.start_char for o in chosen]
        inner = []
        for span in leftover:
            k = bisect.bisect_right(starts, span.start_char) - 1
            if k >= 0 and _keeps_inside(chosen[k], span):
                inner.append(span)
        inner = _dedupe(inner)
        chosen, inner = _labelled_projects(doc, chosen, inner)
        chosen, inner = self._events(doc, chosen, inner)
        doc.spans["kg_mentions"] = chosen
        doc.spans["kg_inner"] = sorted(inner, key=lambda s: s.start_char)
        return doc

    def _events(self, doc, chosen, inner):
        sentences = SentenceIndex(doc)
        dated_sentences = set()
        day_starts = set()  # where a date of a given day starts: 某某市集于10月18日举办
        for date in doc.spans.get("kg_dates", []):
            start, end = sentences.bounds_of(date.start_char)
            precision = get_attr(date, "kg_value").precision
            if precision == "day":
                day_starts.add(date.start_char)
            if date.start_char - start <= 1 and (
                precision == "day" or precision == "month" and _held(doc_text(doc)[start:end])
            ):
                dated_sentences.add(start)
        # 当天还举行了某某欢乐跑: a sentence opening on the same day as a day written before it
        text = doc_text(doc)
        first_day = min(day_starts, default=len(text))
        for start, end in sentences.bounds:
            if start > first_day and text[start:end].lstrip("，, ").startswith(SAME_DAY):
                dated_sentences.add(start)
        result = []
        for span in chosen:
            if span.label_ != "Program":
                result.append(span)
                continue
            held_on = doc_text(doc)[span.end_char : span.end_char + 1] in "于在" and bool(
                {span.end_char, span.end_char + 1} & day_starts
            )
            dated = sentences.bounds_of(span.start_char)[0] in dated_sentences or held_on
            # 某某旅游节在某县某镇举行: an activity said to be held is one happening, dated or not
            held = bool(HELD_AT_RE.match(doc_text(doc), span.end_char))
            activity = get_attr(span, "kg_subclass") in EVENT_SUBCLASSES
            edition = activity and EDITION_RE.search(get_attr(span, "kg_name")) is not None
            if dated or activity:
                prefix_start = span.start_char - 2
                prefix = doc_text(doc)[max(0, prefix_start) : span.start_char]
                if prefix in INAUGURAL and (dated or prefix == FIRST_EDITION):
                    event = make_span(
                        doc,
                        prefix_start,
                        span.end_char,
                        "Event",
                        kg_subclass="Event",
                        kg_name=prefix + get_attr(span, "kg_name"),
                        kg_rule="inaugural",
                    )
                    if event is not None:
                        result.append(event)
                        inner.append(span)
                        continue
                if activity and (dated or held or edition):
                    # A span's label cannot change: the event is a new span over the same characters,
                    # with the candidate's values copied (Span._ values belong to one label).
                    event = make_span(
                        doc,
                        span.start_char,
                        span.end_char,
                        "Event",
                        kg_subclass="Event",
                        kg_name=get_attr(span, "kg_name"),
                        kg_aliases=get_attr(span, "kg_aliases"),
                        kg_rule=f"{get_attr(span, 'kg_rule')}+{'dated' if dated else 'held' if held else 'edition'}",
                    )
                    span = event or span
            result.append(span)
        return _as_named_events(doc, result), inner


def _core(name: str) -> str:
    return EDITION_PREFIX_RE.sub("", "".join(char for char in name if char not in QUOTE_CHARS))


def _as_named_events(doc, chosen):
    """An activity named as an event of the report is, but for its year or edition (the headline's
    “某某杯”篮球邀请赛 of 2025年“某某杯”篮球邀请赛), a mention of that event."""
    events = {}
    for span in chosen:
        if span.label_ == "Event":
            name = get_attr(span, "kg_name") or span.text
            events.setdefault(_core(name), name)
    result = []
    for span in chosen:
        name = get_attr(span, "kg_name") or span.text
        event_name = events.get(_core(name)) if span.label_ == "Program" else None
        if event_name and get_attr(span, "kg_subclass") in EVENT_SUBCLASSES:
            aliases = tuple(dict.fromkeys((*(get_attr(span, "kg_aliases") or ()), name)))
            event = make_span(
                doc, span.start_char, span.end_char, "Event", kg_subclass="Event", kg_name=event_name,
                kg_aliases=aliases, kg_rule=f"{get_attr(span, 'kg_rule')}+named-event",
            )  # fmt: skip
            span = event or span
        result.append(span)
    return result


def _labelled_projects(doc, chosen, inner):
    """The value of a project-name field (项目名称：某县冷链物流中心；) is a project's name, whatever
    its head would make it: one Program over the value, with the places and the body it starts
    with inside it. A person or a place filling the field whole is left as it is."""
    text = doc_text(doc)
    for match in LABELLED_PROJECT_RE.finditer(text):
        start, end = match.span(1)
        within = [span for span in chosen if start <= span.start_char and span.end_char <= end]
        overlapping = [span for span in chosen if span.start_char < end and start < span.end_char]
        if overlapping != within or any(span.label_ in ("Person", "Program", "Event") for span in within):
            continue  # a name of its own, or one running past the field's end
        if any((span.start_char, span.end_char) == (start, end) for span in within if span.label_ == "Place"):
            continue
        name = text[start:end].strip()
        project = make_span(
            doc, start, start + len(name), "Program", kg_subclass="Project", kg_name=name, kg_rule="project-field"
        )
        if project is None:
            continue
        chosen = sorted([span for span in chosen if span not in within] + [project], key=lambda s: s.start_char)
        # the places and the body a longer name starts with (某县人民医院 of 某县人民医院综合楼)
        inner.extend(
            span
            for span in within
            if (span.start_char, span.end_char) != (project.start_char, project.end_char)
            and (_keeps_inside(project, span) or span.label_ == "Organization" and span.start_char == start)
        )
    return chosen, inner


def _counted_head(span, counted_starts) -> bool:
    """建成某某生产线3条, 某某基地3200亩: a head noun counted right after it names no one facility."""
    return (
        span.label_ in ("Program", "Organization")
        and (get_attr(span, "kg_rule") or "").startswith("head:")
        and span.end_char in counted_starts
    )


def _held(sentence: str) -> bool:
    """A month is date enough for an event the sentence says was held (举行, 开幕…)."""
    return any(verb in sentence for verb in HELD_VERBS)


def _keeps_inside(outer, span) -> bool:
    """A place inside a name, or the organization a sub-unit is named after, is a mention too."""
    if not (outer.start_char <= span.start_char and span.end_char <= outer.end_char):
        return False
    if span.label_ == "Place":
        if outer.label_ == "Person":
            return False  # 尼玛 of 尼玛次仁: a word of a person's name, no place
        region = get_attr(span, "kg_subclass") == "Region"
        if outer.label_ in ("Organization", "Place") and region and span.text != get_attr(span, "kg_name"):
            return False  # 华中 of 华中科技大学, 西北 of 西北湾镇: a name's word, not where it is
        if get_attr(span, "kg_key"):
            return True  # an administrative place
        # a site a project or body is named after, right after the divisions that open the name
        # (泽普县|金湖杨景区|游客服务中心改造项目); not one grown from a head noun anywhere else
        return (
            get_attr(span, "kg_subclass") == "Site"
            and outer.label_ in ("Program", "Organization")
            and outer.start_char < span.start_char
            and doc_text(span.doc)[span.start_char - 1] in DIVISION_ENDINGS
        )
    if span.start_char != outer.start_char:
        return False
    if span.label_ == "Organization" and get_attr(outer, "kg_rule") == "subunit":
        return True
    if outer.label_ == "Event" and span.label_ == "Program" and "暨" in span.text:
        return False  # 某洽谈会暨产业援疆项目集中签约仪式: two events' words, not one named project
    # A project named after what it builds on (某县人民医院住院楼项目, 某中学综合楼改造工程) names that
    # body too; an event named after a project (某某项目投产仪式) names the project.
    return outer.label_ in NAMING_OUTER.get(span.label_, ())


def _group(span) -> str:
    return {"Place": "kg_places", "Person": "kg_persons"}.get(span.label_, "kg_names")


def _dedupe(spans):
    seen, result = set(), []
    for span in spans:
        key = (span.start_char, span.end_char)
        if key not in seen:
            seen.add(key)
            result.append(span)
    return result


@Language.factory("kg_mentions", assigns=["doc.spans"], requires=["token.is_sent_start"])
def make_mention_resolver(nlp: Language, name: str) -> MentionResolver:
    """Factory of :class:`MentionResolver`."""
    return MentionResolver(nlp, name)
