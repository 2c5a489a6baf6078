"""Merge the statistical recognizer's names (``kg_ner``: LAC) with the rules' candidates.

The rules know the genre: nested administrative names, aid commands, 工程/项目, ·-names after a
role word. The model knows Chinese: Han names with no role word before them, companies and media
outlets, villages the gazetteer lacks, and where words begin. So:

* **Left edges.** A rule name (organization, program, event) that starts with a function word
  (verb, adverb, pronoun, preposition…: 来自某医院, 现任某校, 拿出某中心, by LAC's part of speech)
  or inside a word (该院|某中心) starts after it; a rule organization that reaches back over a
  verb to the model's organization of the same end (工作队牵线某某公司), or joins two names
  (某公司与某合作社), starts where the model's does. A township read on after a verb (某市结对某镇)
  starts after the verb.
* **No name.** A count or a pointer inside a name (某地14家医院, 这家医院), a verb and a bare head
  (考上大学), a project head after a pointer or a person acting (为该项目, 某某宣布项目), a
  project head after a few common words (see ``_generic``).
* **Persons.** Where the model and a rule both find a person, the model's span is kept; whole
  ·-names and Tibetan names are the rules' (the model cuts them), kept to the words around them
  (not from inside 主任, not after 任, not into 坦言); a rule's Han name that the model's words cut
  through (和我们, 特别热) is dropped; the model's other persons are added.
* **Places and organizations** the model finds where no rule candidate lies are offered in the
  ``kg_model`` group, which :mod:`.mentions` uses to fill gaps after the rules' candidates: a
  place only with a head that says what it is (村, 镇, 河, 景区…), never a name the gazetteer
  knows (those are the rules'); an organization with a head (LAC tags 某某地区 as an
  organization). Those that hold the rules' places whole (某县文工团, 某市乡村振兴局, 青海湖) are
  candidates beside the rules', where the longest wins.

Words and tags are data: ``data/rules/model_names.csv``.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.bylines import DATELINE_ENDS
from kg.extract.components.names import DATE_PREFIX_RE, PHASE_RE, QUOTE_CHARS
from kg.extract.components.persons import dispatch_place_at
from kg.extract.components.places import province_abbreviations
from kg.extract.extensions import Taken, doc_text, get_attr, make_span, moved_span
from kg.reference.gazetteer import Gazetteer
from kg.reference.pairings import aid_targets
from kg.reference.rules import COMMON_WORD_FREQ, is_common_word, is_generic_stem, load_csv, load_words, word_tokenizer

PHASE_END_RE = re.compile(f"(?:{PHASE_RE.pattern})$")  # the phase a name ends with (某某项目一期)

MODEL_GROUP = "kg_model"
SENTENCE_END_RE = re.compile("[。！？；!?\n]")
WATERS = "河江湖"  # the heads of a river's or lake's name, before the word for its shore
_HAN = ("\u4e00", "\u9fff")
_SEPARATORS = "·•・"
# 张某, 李某某: a person a report keeps anonymous has no name to put in a graph
ANONYMOUS = "某"  # the character that stands for a withheld given name
# Verbs of speech the model sometimes reads as a name's last character (某某说。).
SPEECH_ENDS = set("说称")


def _without_speech_verb(span):
    """陈立说。 read as one name: the name is 陈立, 说 the verb after it."""
    if len(span.text) == 3 and span.text[-1] in SPEECH_ENDS:
        return moved_span(span, span.start_char, span.end_char - 1)
    return span


# One-character words cut off a name only as prepositions, pronouns, conjunctions or particles (在, 他,
# 除): as adverbs or verbs they begin names too (别迭里口岸 is no 迭里口岸).
_SINGLE_CUT_POS = {"p", "r", "c", "u"}
# Words that join two names (与, 和, 及): a rule's name holding the model's organization before one
# of them is two names.
_JOINING_POS = {"c", "p"}
# A verb of one character that names the post a person holds before the name (他任某某的助手).
_ROLE_VERBS = "任"
UNIT_LEVELS = "乡镇村"  # the levels of a place a name may hold that no gazetteer knows
YEAR_RE = re.compile(r"(?:19|20)[0-9]{2}年度?")  # 2024年援疆项目: a year names no project
# A count of bodies (14家, 一所, 30余家, 一份): a numeral and a counter of bodies or things.
_COUNTERS = "家所个份座批名位"
COUNT_RE = re.compile(f"[0-9一二三四五六七八九十百千两几数]+[余多]?[{_COUNTERS}]")
COUNT_BEFORE_RE = re.compile(f"(?:{COUNT_RE.pattern})$")  # a count ending where a name would begin
GIVER_AID_WORDS = tuple(aid_targets())  # 江苏援青|共和县…工程: the giver's aid before a name
_QUOTES = "“‘「『\"'"
# 纳木湖乡曲登尼玛村: a township and a village the model reads as one place
TOWNSHIP_VILLAGE_RE = re.compile("([\u4e00-\u9fff]{2,6}?[乡镇])([\u4e00-\u9fff]{2,8}村)")
_NUMERALS = set("零〇一二三四五六七八九十百千万亿两")


@cache
def _table() -> dict[str, list[tuple[str, str]]]:
    table: dict[str, list[tuple[str, str]]] = {}
    for row in load_csv("model_names.csv"):
        table.setdefault(row["kind"], []).append((row["word"], row["subclass"]))
    return table


@cache
def _organization_heads() -> list[tuple[str, str]]:
    heads = [(row["head"], row["subclass"]) for row in load_csv("name_heads.csv") if row["label"] == "Organization"]
    return sorted(heads, key=lambda head: -len(head[0]))


def _subclass_by_head(name: str, heads) -> str | None:
    return next((subclass for head, subclass in heads if name.endswith(head) and len(name) > len(head)), None)


# 鲁甘协作, 苏青两地, 沪喀东西部…: what follows two provinces' one-character names joined as a pair
PAIR_WORDS_AFTER = ("协作", "合作", "两地", "两省", "东西部", "对口", "帮扶", "一家亲", "同心")


class ModelNameMerger:
    """Trim rule names at function words, settle persons, offer the model's other names."""

    def __init__(self, nlp: Language, name: str, *, span_key: str, words_key: str):
        self.name = name
        self.span_key = span_key
        self.words_key = words_key
        self.gazetteer = Gazetteer.load()
        table = _table()
        self.function_pos = {word for word, _ in table["function_pos"]}
        self.province_chars = set(province_abbreviations()) | load_words("province_word_abbreviations.txt")
        self.capacity_words = tuple(word for word, _ in table["capacity_word"])
        self.place_heads = sorted(table["place_head"], key=lambda head: -len(head[0]))
        self.media_heads = sorted((word for word, _ in table["media_head"]), key=len, reverse=True)
        self.shore_words = sorted((word for word, _ in table["shore_word"]), key=len, reverse=True)
        self.not_names = load_words("not_names.txt")
        self.surnames = load_words("surnames.txt")
        # the characters of names that are not Han: transliterations (Uyghur, Kazakh…) and Tibetan
        self.name_sound_chars = set(load_words("transliteration_chars.txt")).union(
            *load_words("tibetan_name_elements.txt")
        )
        self.roles = load_words("role_words.txt")
        # phrases of prose that end in a level character and name no unit (新农村, 驻村, 城乡, 全镇)
        self.prose_unit_names = set(load_words("common_unit_names.txt")) | set(load_words("not_unit_endings.txt"))
        # One-character boundary words (在, 和, 别…) also begin names (别迭里口岸): only longer ones cut.
        self.boundaries = sorted((w for w in load_words("boundary_words.txt") if len(w) > 1), key=len, reverse=True)
        self.generic_heads = tuple(word for word, _ in table["generic_head"])
        joint = "|".join(sorted(load_words("joint_action_words.txt"), key=len, reverse=True))
        self.joint_action_re = re.compile(f"(?:{joint})(?![会体国社])")
        self.predicate_openers = tuple(sorted(load_words("predicate_openers.txt"), key=len, reverse=True))
        self.aid_body_markers = tuple(row["word"] for row in load_csv("aid_bodies.csv") if row["role"] == "marker")
        self.facility_heads = tuple(sorted((word for word, _ in table["facility_head"]), key=len, reverse=True))
        self.proper_pos = {word for word, _ in table["proper_pos"]}
        self.aid_words = sorted((word for word, _ in table["aid_word"]), key=len, reverse=True)
        self.heads = {row["head"] for row in load_csv("name_heads.csv")}
        self.event_heads = sorted(
            (row["head"] for row in load_csv("name_heads.csv") if row["label"] == "Event"), key=len, reverse=True
        )
        self.organization_heads = sorted(
            [*_organization_heads(), *table["organization_head"]], key=lambda head: -len(head[0])
        )
        self.activity_heads = sorted(
            (row["head"] for row in load_csv("name_heads.csv") if row["subclass"] == "Activity"), key=len, reverse=True
        )
        # Heads of two characters or more: one-character heads (局, 厂…) are also ordinary words.
        self.ceremony_words = load_words("ceremony_words.txt")
        self.organization_heads_only = tuple(head for head, _ in self.organization_heads if len(head) >= 2)

    def __call__(self, doc: Doc) -> Doc:
        words = doc.user_data.get(self.words_key, [])
        names = list(doc.spans.get(self.span_key, []))
        text = doc_text(doc)
        starting = {word.start_char: word for word in words}
        edges = {word.start_char for word in words} | {word.end_char for word in words}
        words_in = _WordIndex(words)
        ending = {word.end_char: word for word in words}
        model_orgs = sorted((span.start_char, span.end_char) for span in names if span.label_ == "ORG")
        # A place the rules found is no function word, whatever the model tags it (疏附 is a verb to it).
        place_starts = {span.start_char for span in doc.spans.get("kg_places", [])}
        in_places = {i for span in doc.spans.get("kg_places", []) for i in range(span.start_char + 1, span.end_char)}
        model_places = {(span.start_char, span.end_char) for span in names if span.label_ == "LOC"}
        if "kg_names" in doc.spans:
            body_ends = {span.end_char for span in doc.spans["kg_names"] if span.label_ == "Organization"}
            names_found = [
                self._trimmed(doc, text, span, starting, (place_starts, in_places, model_places), words_in, model_orgs)
                for span in doc.spans["kg_names"]
            ]
            names_found = [self._after_predicate(text, span, starting, body_ends) for span in names_found]
            place_ends: dict[int, list[int]] = {}  # start -> ends of the places starting there
            for place in doc.spans.get("kg_places", []):
                place_ends.setdefault(place.start_char, []).append(place.end_char)
            proper = _covered(text, (word for word in words if word.label_ in self.proper_pos))
            doc.spans["kg_names"] = [
                span
                for span in names_found
                if not self._generic(text, span, place_ends, proper)
                and not self._verb_and_head(span, starting)
                and not self._counted(span, words_in)
                and not self._object_of_verb(span, ending, words_in)
                and not self._project_from_inside_a_word(span, words_in, place_starts)
                and not self._generic_body(span.text, span.label_, get_attr(span, "kg_rule") or "")
                and not self._head_inside_a_word(span, words_in)
                and not self._unmarked_group(span, place_starts)
            ]
        if "kg_places" in doc.spans:
            doc.spans["kg_places"] = [self._place_after_verb(doc, span, starting) for span in doc.spans["kg_places"]]
        places = doc.spans.get("kg_places", [])
        # and the one-character abbreviations of their provinces (鲁 for a place in 山东省: 鲁青 is a
        # pairing of Shandong and Qinghai, not a person)
        codes = {str(get_attr(span, "kg_key") or "")[:2] for span in places}
        place_chars = set("".join(span.text for span in places)) | {
            abbr for abbr, code in province_abbreviations().items() if code[:2] in codes
        }

        def ends_role(end: int) -> bool:
            return any(text.endswith(role, 0, end) for role in self.roles)

        model_persons = [
            span
            for span in map(_without_speech_verb, _joined_persons(doc, names, ends_role))
            if span is not None and self._person(span, text, place_chars)
        ]
        doc.spans["kg_persons"] = self._persons(
            doc, list(doc.spans.get("kg_persons", [])), model_persons, edges, starting, words_in
        )
        rule_spans = [span for group in ("kg_places", "kg_names", "kg_persons") for span in doc.spans.get(group, [])]
        taken = _covered(text, rule_spans)
        persons = _covered(text, doc.spans["kg_persons"])
        inside_rule = {offset for span in rule_spans for offset in range(span.start_char + 1, span.end_char)}
        rule_edges = {(span.start_char, span.end_char) for span in rule_spans}
        rule_place_ends = {span.end_char for span in doc.spans.get("kg_places", [])}
        rule_ends = {span.end_char for span in rule_spans}
        body_ends = {span.end_char for span in doc.spans.get("kg_names", []) if span.label_ == "Organization"}
        offered, enclosing, enclosing_places = [], [], []
        for span in names:
            if span.label_ not in ("LOC", "ORG") or SENTENCE_END_RE.search(span.text):
                continue  # (the model may run a name over a sentence's end: 省。有限公司)
            if not taken.any(span.start_char, span.end_char):
                if span.label_ == "LOC":
                    offered += self._places(doc, span)
                elif (candidate := self._organization(doc, span)) is not None:
                    offered.append(candidate)
            elif (
                span.start_char not in inside_rule
                and span.end_char not in inside_rule
                and (span.start_char, span.end_char) not in rule_edges
                and not persons.any(span.start_char, span.end_char)
            ):
                # A name that holds places (and bodies) whole, the organizations named after them
                # (某县文工团, 某市乡村振兴局, 兵团某师医院) and the sites (青海湖, named after a
                # province it is in): a candidate beside the rules', the longest wins.
                if span.label_ == "ORG" and span.end_char in rule_place_ends:
                    continue  # 某市十二团: places one after another, the last a unit (团), no body
                if span.end_char - 2 in rule_ends and text[span.end_char - 2] == text[span.end_char - 1]:
                    continue  # 某医院|院院结对, 某中学|校校结对: a pairing's reduplicated word, not more name
                if span.label_ == "ORG":
                    candidate = self._organization(doc, span)
                    if (
                        candidate is not None
                        and not self.joint_action_re.search(span.text)
                        and not any(
                            span.start_char < end < span.end_char and text.startswith(self.predicate_openers, end)
                            for end in body_ends
                        )
                    ):
                        # not 某工作队联合某县图书馆, 某指挥部将某医院: two bodies; not 某医院争创
                        # 三级医院: a body and its predicate
                        enclosing.append(candidate)
                elif not self._tiled_by_units(span, doc.spans.get("kg_places", [])):
                    enclosing_places += self._places(doc, span)
        if enclosing:
            doc.spans["kg_names"] = sorted([*doc.spans.get("kg_names", []), *enclosing], key=lambda s: s.start_char)
        if enclosing_places:
            doc.spans["kg_places"] = sorted(
                [*doc.spans.get("kg_places", []), *enclosing_places], key=lambda s: s.start_char
            )
        doc.spans[MODEL_GROUP] = offered
        return doc

    # -- left edges ---------------------------------------------------------------------------
    MIN_TRIMMED = 4  # a trimmed name keeps at least this many characters (共富工坊 is no 工坊)

    def _trimmed(self, doc, text, span, starting, places, words_in, model_orgs):
        place_starts, _, model_places = places
        start = span.start_char
        if text[start] in _QUOTES or "quoted" in (get_attr(span, "kg_rule") or ""):
            return span  # a quotation is a name as written (“照着课本游浙江”)
        start = self._after_function_words(span, start, starting, place_starts)
        start = self._model_organization_start(span, start, starting, places, words_in, model_orgs)
        word = words_in.containing(start)
        if word is not None and word.label_ == "TIME":
            word = None  # 5月中|央: the recognizer's date runs into a name the rules begin after it
        if word is not None and start not in place_starts and span.end_char - word.end_char >= self.MIN_TRIMMED:
            if (word.start_char, word.end_char) in model_places and text[word.end_char - 1] in UNIT_LEVELS:
                # 某某其|镇设施农业示范基地: a township only the model knows, cut by the rules at a
                # character that is also a word (其), is the name's own place
                start = word.start_char
            else:
                # A name does not begin inside a word (院某中心 of 该院某中心): it begins after it.
                start = self._after_function_words(span, word.end_char, starting, place_starts)
        if span.label_ == "Organization" and (date := DATE_PREFIX_RE.match(text, start, span.end_char)):
            start = date.end()  # 自2001年某大学对口支援…: a body's name holds no date
        if start == span.start_char:
            return span
        prefix = text[span.start_char : start]
        name = get_attr(span, "kg_name")
        if start < span.start_char:
            name = text[start : span.start_char] + name  # widened over the model's place
        elif name and name.startswith(prefix):
            name = name[len(prefix) :]
        trimmed = moved_span(span, start, span.end_char, kg_name=name, kg_rule=f"{get_attr(span, 'kg_rule')}+trimmed")
        return trimmed if trimmed is not None else span

    def _after_predicate(self, text, span, starting, body_ends):
        """某医院争创三级医院, 专家团队进驻某医院: a name grown from its head back over a verb that
        opens a predicate (a word of its own to the model; a coverb of one character only right
        after a body's whole name) begins after that verb."""
        start = span.start_char
        for position in range(span.start_char + 1, span.end_char - self.MIN_TRIMMED + 1):
            word = starting.get(position)
            if (
                word is not None
                and word.label_ in self.function_pos
                and text[position : word.end_char] in self.predicate_openers
                and (len(word) > 1 or position in body_ends)
            ):
                start = word.end_char
        if start == span.start_char or "quoted" in (get_attr(span, "kg_rule") or ""):
            return span
        name = get_attr(span, "kg_name") or span.text
        prefix = text[span.start_char : start]
        trimmed = moved_span(
            span,
            start,
            span.end_char,
            kg_name=name[len(prefix) :] if name.startswith(prefix) else name,
            kg_rule=f"{get_attr(span, 'kg_rule')}+trimmed",
        )
        return trimmed if trimmed is not None else span

    def _after_function_words(self, span, start, starting, place_starts) -> int:
        word = starting.get(start)
        while (
            word is not None
            and word.label_ in self.function_pos
            and not doc_text(span.doc).startswith(self.capacity_words, start)  # 年产2000吨…项目
            and (len(word) > 1 or word.label_ in _SINGLE_CUT_POS)
            and start not in place_starts
            and span.end_char - word.end_char >= self.MIN_TRIMMED
        ):
            start = word.end_char
            word = starting.get(start)
        return start

    def _project_from_inside_a_word(self, span, words_in, place_starts) -> bool:
        """A project head after the end of a word (产业就|业类项目, left too short to start after the
        word): a category of projects, not a project's name. A place after a giver's aid starts
        one wherever the model's words run (江苏援青|共和县…, inside its word 青共和县)."""
        after_aid = span.start_char in place_starts and span.doc.text.endswith(GIVER_AID_WORDS, 0, span.start_char)
        return (
            span.label_ == "Program"
            and not after_aid
            and words_in.containing(span.start_char) is not None
            and span.text.endswith(self.generic_heads)
        )

    def _object_of_verb(self, span, ending, words_in) -> bool:
        """A project head right after a pointer (为该项目: the project named before), or in a
        sentence's words with a person in them (某某宣布项目开工: a person acting, not a name)."""
        if span.label_ != "Program" or not span.text.endswith(self.generic_heads):
            return False
        head = next(h for h in self.generic_heads if span.text.endswith(h))
        word = ending.get(span.end_char - len(head))
        if word is not None and word.start_char >= span.start_char and word.label_ == "r":
            return True
        text, start, end = span.doc.text, span.start_char, span.end_char
        if 0 < start and end < len(text) and {text[start - 1], text[end]} <= QUOTE_CHARS:
            return False  # “苏青助学计划”: a quotation is a name as written, whoever it seems to name
        inside = list(words_in.within(span.start_char, span.end_char))
        return any(word.label_ == "PER" and after.label_ == "v" for word, after in zip(inside, inside[1:]))

    def _counted(self, span, words_in) -> bool:
        """A count or a pointer inside a name (某省12家医院, 唯一一所某中学, 一份某中心, 这家医院):
        some bodies of a kind, or one already named, not a body's name."""
        if span.label_ not in ("Organization", "Program") or (get_attr(span, "kg_rule") or "").startswith("quoted"):
            return False
        for word in words_in.within(span.start_char, span.end_char):
            written = doc_text(span.doc)[word.start_char : word.end_char]
            if word.label_ == "m" and COUNT_RE.fullmatch(written) or word.label_ == "r" and written[-1:] in _COUNTERS:
                return True
        return False

    def _place_after_verb(self, doc, span, starting):
        """A township or village a rule read on from the place before it starts after a verb
        between them (某市结对某镇: 结对 is no part of the town's name)."""
        if not (get_attr(span, "kg_rule") or "").startswith("nested"):
            return span
        word = starting.get(span.start_char)
        if (
            word is None
            or word.label_ not in ("v", "vd", "p", "c")
            or len(word) < 2
            or span.end_char - word.end_char < 3
        ):
            return span
        # The place before the verb is not its parent (某市结对某镇: the town is in the county aided).
        trimmed = moved_span(
            span,
            word.end_char,
            span.end_char,
            kg_name=doc_text(doc)[word.end_char : span.end_char],
            kg_rule=f"{get_attr(span, 'kg_rule')}+trimmed",
            kg_key=None,
            kg_parent=None,
        )
        return trimmed if trimmed is not None else span

    def _verb_and_head(self, span, starting) -> bool:
        """A verb and a bare head (考上大学, 新建卫生院, 参加比赛): an act on a kind of thing, no name."""
        word = starting.get(span.start_char)
        return (
            word is not None
            and word.label_ in ("v", "vd")
            and len(word) > 1
            and span.text[len(word) :] in self.heads
            and not (get_attr(span, "kg_rule") or "").startswith(("quoted", "organization-list"))
        )

    def _model_organization_start(self, span, start, starting, places, words_in, model_orgs) -> int:
        """Where the model's organization that ends with (or after) the rule's name starts, when the
        rule's name reaches back over a verb or adverb to it (工作队牵线某某有限公司, 园区引进某某公司,
        指挥部协调某市中心医院) or begins inside a word (其中某县某某公司): the model knows where a
        company's name begins; the rule only stops at the words it lists."""
        text = doc_text(span.doc)
        if span.label_ != "Organization" or any(word in text[start : span.end_char] for word in self.aid_words):
            return start  # 某省对口支援某地前方指挥部: an aid body is named with the verb of its aid
        place_starts, in_places, _ = places
        first = bisect.bisect_right(model_orgs, (start, len(text)))
        for org_start, org_end in model_orgs[first:]:
            if org_start >= span.end_char - 1:
                break
            if org_end < span.end_char or org_end - org_start < self.MIN_TRIMMED or org_start in in_places:
                continue  # 疏附|县人民医院: the model's name does not begin inside a place the rules know
            if words_in.containing(start) is not None or any(
                word.label_ in self.function_pos and len(word) > 1 and word.start_char not in place_starts
                for word in _words_between(starting, start, org_start)
            ):
                return org_start
        for org_start, org_end in model_orgs[first:]:
            if org_start >= span.end_char:
                break
            joining = starting.get(org_end)
            if (
                org_end < span.end_char
                and joining is not None
                and joining.label_ in _JOINING_POS
                and span.end_char - joining.end_char >= self.MIN_TRIMMED
            ):
                start = joining.end_char  # 牵线某某公司与某某合作社: two names joined, the rule's is the second
        return start

    def _unmarked_group(self, span, place_starts) -> bool:
        """学生们组成学习小组: a 小组 names a body only as an aid body's (上海援藏定日小组) or a
        place's (某县对口支援工作领导小组)."""
        return (
            span.text.endswith("小组")
            and span.start_char not in place_starts
            and not any(marker in span.text for marker in self.aid_body_markers)
        )

    @staticmethod
    def _head_inside_a_word(span, words_in) -> bool:
        """城区高中学|位紧张: a body's head that the next character makes into a common word (学位)
        ends no name. The model's names (ORG, LOC…) do not count: it runs names together."""
        word = words_in.containing(span.end_char) if span.label_ == "Organization" else None
        return word is not None and word.label_.islower() and len(word) <= 3

    def _generic_body(self, name: str, label: str = "Organization", rule: str = "") -> bool:
        """基层卫生院, 乡镇卫生院: a body's head after generic modifiers alone (a name the model gave,
        or one trimmed to them) names no body; nor does an activity's trimmed to them (除|全程马拉松)."""
        if label == "Organization":
            heads = (h for h, _ in self.organization_heads)
        elif rule.endswith("+trimmed"):
            heads = iter(self.activity_heads)
        else:
            return False
        head = next((head for head in heads if name.endswith(head)), None)
        return head is not None and len(name) > len(head) and is_generic_stem(name[: -len(head)])

    # -- generic projects -----------------------------------------------------------------------
    GENERIC_STEM = 4  # the longest stem of common words that still names no project

    def _generic(self, text, span, place_ends, proper) -> bool:
        """A project or event head after nothing but places, aid words or a few common words
        (see the module docstring): the words of a sentence about projects (某县援建项目) or a
        kind of event (开工仪式, 产销对接会), not a name. A phase (某某项目一期) is as generic as
        the name it is a phase of."""
        if get_attr(span, "kg_rule") == "phase":
            base = PHASE_END_RE.sub("", span.text)
            span = span.doc.char_span(span.start_char, span.start_char + len(base), label="Program") or span
        if span.label_ == "Program" and span.text.endswith(self.generic_heads):
            head = next(h for h in self.generic_heads if span.text.endswith(h))
        elif span.text.endswith(self.facility_heads):
            if place_ends.get(span.start_char):
                return False  # 阿克苏站, 某村示范点: a facility named after its place
            head = next(h for h in self.facility_heads if span.text.endswith(h))
        elif span.label_ == "Event":
            head = next((h for h in self.event_heads if span.text.endswith(h) and len(span.text) > len(h)), None)
            if head is None:
                return False
        else:
            return False
        start, end = span.start_char, span.end_char - len(head)
        leading = False
        while True:  # the places the name starts with, one after another (the longest that fits)
            fitting = [e for e in place_ends.get(start, ()) if e <= end]
            if not fitting:
                break
            start, leading = max(fitting), True
        if leading and text.startswith(tuple(self.aid_words), start):
            leading = False  # 某省援青重点项目: the giver's aid, not where the project is
        stem = written = text[start:end]
        if not leading and self.gazetteer.lookup(stem):
            return False  # 阿克苏站 where 阿克苏 is no place mention: a short name of the gazetteer's
        # a year, words of aid and the giver's place (某州2024年某省援疆项目) name no project either
        bare = _without_places(text, start, end, place_ends)
        for word in self.aid_words:
            stem, bare = stem.replace(word, ""), bare.replace(word, "")
        stem, bare = YEAR_RE.sub("", stem), YEAR_RE.sub("", bare)
        if not bare:  # (bare is the stem without its places)
            return True  # 某县项目, 某县援建项目, 2024年援疆项目
        if leading or len(stem) > self.GENERIC_STEM or any(not _is_han(char) or char in _NUMERALS for char in stem):
            return False  # a place, a long description, a quotation or a number makes it a name (五个一工程)
        if proper.any(start, end):
            return False
        # Common words of the language (民生, 产业, 改造) make a kind of project; rarer ones are
        # chosen for a name (春苗计划, 青蓝工程): jieba's dictionary counts how common a word is.
        tokenizer = word_tokenizer()
        words = tokenizer.lcut(stem)
        if span.label_ == "Event" and stem in self.ceremony_words:
            return True  # 开班仪式, 揭牌仪式: what the ceremony is for, however rare the word
        if span.label_ == "Event" and len(tokenizer.lcut(written)) > 1:
            return False  # an event described in a few words is named so (援疆干部联谊会); 开工仪式 is not
        return all(tokenizer.FREQ.get(word, 0) >= COMMON_WORD_FREQ for word in words)

    # -- persons ------------------------------------------------------------------------------
    def _person(self, span, text: str, place_chars: set[str]) -> bool:
        """A Han name of 2–4 characters the model gives whole: not a piece of a ·-name (the
        model cuts those), not a pairing of two places' characters (苏霍 for 江苏 and 霍城), not a
        place the gazetteer knows."""
        name = span.text
        if name[-1] in DATELINE_ENDS and self.gazetteer.lookup(name[:-1]):
            return False  # 本报阿拉尔讯, 某地电: a dateline's place, read on into 讯 or 电
        if len(name) == 3 and dispatch_place_at(self.gazetteer, text, span.end_char - 1):
            return False  # 记者张维日喀则报道: the name read on into the place the dispatch is from
        around = text[max(0, span.start_char - 1) : span.start_char] + text[span.end_char : span.end_char + 1]
        if any(sep in name or sep in around for sep in _SEPARATORS):
            return False
        if len(name) == 2 and all(char in place_chars for char in name):
            return False
        if (
            len(name) == 2
            and all(char in self.province_chars for char in name)
            and text.startswith(PAIR_WORDS_AFTER, span.end_char)
        ):
            return False  # 鲁甘协作, 苏青两地: two provinces' characters before the words of a pair
        if len(name) == 4 and all(char in place_chars for char in name[:2]) and is_common_word(name[2:]):
            return False  # 鲁渝协作: two provinces' characters and a word, the cooperation of the two
        if len(name) == 4 and name[0] == name[1] and name[2] == name[3]:
            return False  # 安安稳稳: a reduplicated adjective
        if any(name[:n] in self.surnames and name[n:] in self.roles for n in (1, 2)):
            return False  # 李书记, 赵县长: a surname and a title, how one addresses a cadre, no name
        if (
            len(name) == 4
            and name[:2] not in self.surnames
            and self.gazetteer.lookup(name[:2])
            and is_common_word(text[span.end_char - 1 : span.end_char + 1])
        ):
            return False  # 采购|左贡农特|产品: a county's short name, and a word (特产) the name's end cuts
        if any(text.startswith(head, span.end_char) for head in self.organization_heads_only):
            return False  # 南菁|高中: the start of a school's or a company's name
        if not any(name[:n] in self.surnames for n in (1, 2)) and not self._sounds_transliterated(name):
            return False  # 登上托峰, 织氆氇: no surname opens it, and it reads as no name transliterated
        return 2 <= len(name) <= 4 and _is_han(name) and name not in self.not_names and not self.gazetteer.lookup(name)

    def _sounds_transliterated(self, name: str) -> bool:
        return sum(char in self.name_sound_chars for char in name) / len(name) >= 0.75

    def _persons(self, doc, rule_persons, model_persons, edges, starting, words_in):
        kept = []
        same = {(m.start_char, m.end_char) for m in model_persons}
        model_starts = {m.start_char for m in doc.spans.get(self.span_key, []) if m.label_ == "PER"}
        model_ends = {m.end_char for m in doc.spans.get(self.span_key, []) if m.label_ == "PER"}
        modelled = _covered(doc_text(doc), model_persons)
        for span in rule_persons:
            if span.text.endswith(ANONYMOUS):
                continue
            if (
                any(sep in span.text for sep in _SEPARATORS)
                or get_attr(span, "kg_rule") == "tibetan"
                or (span.start_char, span.end_char) in same
            ):
                # whole ·-names and Tibetan names (the model cuts them), and names both agree on; a
                # Tibetan name is made of known name elements, so its edges are the rule's own
                tibetan = get_attr(span, "kg_rule") == "tibetan"
                kept.append(
                    span if tibetan else self._after_verb(doc, span, starting, words_in, model_starts, model_ends)
                )
                continue
            if modelled.any(span.start_char, span.end_char):
                continue  # the model's span of the same person is kept instead
            if self._cut_by_words(span, edges, starting):
                continue
            kept.append(span)
        ruled = _covered(doc_text(doc), kept)
        model_persons = [
            m for m in model_persons if not ruled.any(m.start_char, m.end_char) and not m.text.endswith(ANONYMOUS)
        ]
        for span in model_persons:
            person = make_span(
                doc, span.start_char, span.end_char, "Person", kg_subclass="Person", kg_name=span.text, kg_rule="model"
            )
            if person is not None:
                kept.append(person)
        return sorted(kept, key=lambda s: (s.start_char, s.end_char))

    def _after_verb(self, doc, span, starting, words_in, model_starts, model_ends):
        """A ·-name a verb of one character runs into (现任|某某·某某 read as 任某某·某某)
        starts where the model's person does, right after the verb."""
        text = doc_text(doc)
        start, end = span.start_char, span.end_char
        word = starting.get(start)
        if word is not None and len(word) == 1 and (word.label_ == "p" or text[start] in _ROLE_VERBS):
            start = word.end_char  # 由|某某, 任|某某 (the model splits transliterated names at 买, 如…)
        elif words_in.containing(start) is not None:
            start = words_in.containing(start).end_char  # 主任|古丽…, 现任|阿依努尔…: 任 transliterates too
        if start not in model_starts:
            start = span.start_char
        last = words_in.containing(end)
        if (
            last is not None
            and last.start_char in model_ends
            and len(text[start : last.start_char].split("·")[-1]) >= 2
            and word_tokenizer().FREQ.get(text[last.start_char : last.end_char])
        ):
            # 某某·某某|坦言: a name does not end inside a word where the model ends it; a "word" no
            # dictionary holds (艾买|提算了) is the model's misreading of the name's last character
            end = last.start_char
        name = text[start:end]
        if (start, end) == (span.start_char, span.end_char) or len(name.split("·")[0]) < 2:
            return span
        trimmed = make_span(
            doc,
            start,
            end,
            "Person",
            kg_subclass="Person",
            kg_name=name,
            kg_rule=f"{get_attr(span, 'kg_rule')}+trimmed",
        )
        return trimmed if trimmed is not None else span

    def _cut_by_words(self, span, edges, starting) -> bool:
        """The model's words cross the name's edges, or the name is one function word."""
        if not edges:
            return False
        if span.start_char not in edges:
            return True
        if span.end_char not in edges:
            # (but for a name the model reads on into the place a dispatch is from: 张维|日喀则报道)
            return not dispatch_place_at(self.gazetteer, doc_text(span.doc), span.end_char)
        word = starting.get(span.start_char)
        return word is not None and word.end_char == span.end_char and word.label_ in self.function_pos

    # -- places and organizations -------------------------------------------------------------
    def _left_edge(self, span) -> int:
        """Where the model's name starts once boundary words (结对, 来自…) before it are cut off."""
        start, name = span.start_char, span.text
        while True:
            word = next((w for w in self.boundaries if name.startswith(w) and len(name) - len(w) >= 2), None)
            if word is None:
                return start
            start, name = start + len(word), name[len(word) :]

    def _places(self, doc, span) -> list:
        """The model's place, or the township and the village it runs together (某某乡某某村)."""
        split = TOWNSHIP_VILLAGE_RE.fullmatch(span.text)
        if split is None:
            return [place] if (place := self._place(doc, span)) is not None else []
        cut = span.start_char + split.end(1)
        parts = [doc.char_span(span.start_char, cut), doc.char_span(cut, span.end_char)]
        return [place for part in parts if part is not None and (place := self._place(doc, part)) is not None]

    @staticmethod
    def _tiled_by_units(span, places) -> bool:
        """错高乡结巴村: the rules' township and village, one after the other, make up the model's place."""
        ends = {place.start_char: place.end_char for place in places}
        pos = span.start_char
        while pos in ends and ends[pos] <= span.end_char:
            pos = ends[pos]
        return pos == span.end_char and span.start_char in ends and ends[span.start_char] < span.end_char

    def _place(self, doc, span):
        start, end = self._left_edge(span), self._river_end(doc_text(doc), span.end_char)
        name = doc_text(doc)[start:end]
        subclass = _subclass_by_head(name, self.place_heads)
        if subclass is None or self.gazetteer.lookup(name) or name in self.prose_unit_names:
            return None  # unknown kind, a known place the rules read, or a phrase of prose (新农村, 包村)
        return make_span(doc, start, end, "Place", kg_subclass=subclass, kg_name=name, kg_rule="model")

    def _river_end(self, text, end):
        """Where the name of a river or lake the model tagged ends: 孔雀|河畔 takes the 河, 喀什噶尔河畔
        loses the 畔."""
        for shore in self.shore_words:
            if text.endswith(shore, 0, end) and text[end - len(shore) - 1] in WATERS:
                return end - len(shore)
            if text[end : end + 1] in WATERS and text.startswith(shore, end + 1):
                return end + 1
        return end

    def _organization(self, doc, span):
        start = self._left_edge(span)
        name = doc_text(doc)[start : span.end_char]
        # A name starts with a character, not a number (360名 is a figure the model took for one).
        if len(name) < 3 or not _is_han(name[0]) or self.gazetteer.lookup(name):
            return None
        if self._generic_body(name) or self._counted_bodies_of_a_place(doc, start, span.end_char):
            return None
        # The model's organizations without a head (维吾尔族, 新时代, 浙新合作) are mostly not ones.
        # The longer head decides: 合作社 and 旅行社 end in 社 and are no outlets.
        media = max((len(head) for head in self.media_heads if name.endswith(head)), default=0)
        organization = next((head for head, _ in self.organization_heads if name.endswith(head)), "")
        if media > len(organization):
            subclass = "MediaOrganization"
        else:
            subclass = _subclass_by_head(name, self.organization_heads)
            if subclass is None:
                return None
        return make_span(doc, start, span.end_char, "Organization", kg_subclass=subclass, kg_name=name, kg_rule="model")

    def _counted_bodies_of_a_place(self, doc, start: int, end: int) -> bool:
        """三家|天津医院: a count before a place and a bare head counts bodies of the place; it is
        not one body's name."""
        text = doc_text(doc)
        if not COUNT_BEFORE_RE.search(text, max(0, start - 6), start):
            return False
        place_ends = {p.end_char for p in doc.spans.get("kg_places", []) if p.start_char == start}
        return any(text[place_end:end] in self.heads for place_end in place_ends)


def _covered(text: str, spans) -> Taken:
    """The characters of ``text`` the spans cover, to ask in constant time whether another span
    overlaps any of them (a scan of every span for every name grew with the square of a report)."""
    covered = Taken(len(text))
    for span in spans:
        covered.mark(span.start_char, span.end_char)
    return covered


class _WordIndex:
    """The words (which do not overlap), to find those inside a span, or the one a character
    falls inside, by bisecting their starts."""

    def __init__(self, words):
        self.words = sorted(words, key=lambda word: word.start_char)
        self.starts = [word.start_char for word in self.words]

    def within(self, start: int, end: int):
        k = bisect.bisect_left(self.starts, start)
        while k < len(self.words) and self.words[k].end_char <= end:
            yield self.words[k]
            k += 1

    def containing(self, offset: int):
        """The word that ``offset`` falls strictly inside, or None."""
        k = bisect.bisect_right(self.starts, offset) - 1
        word = self.words[k] if k >= 0 else None
        return word if word is not None and word.start_char < offset < word.end_char else None


def _words_between(starting, start: int, end: int):
    """The words that tile ``[start, end)`` from ``start``, as far as they do."""
    word = starting.get(start)
    while word is not None and word.end_char <= end:
        yield word
        word = starting.get(word.end_char)


def _joined_persons(doc, names, ends_role):
    """The model's PER names, two that touch joined into one: it cuts transliterated names written
    without a ·, but no name follows another without a break (古力 + 努尔 is 古力努尔). A piece of
    one character that ends a role word (指挥|长 + 孙某) is the role's, not a name's."""
    persons = sorted((span for span in names if span.label_ == "PER"), key=lambda span: span.start_char)
    persons = [span for span in persons if len(span.text) > 1 or not ends_role(span.end_char)]
    joined = []
    for span in persons:
        if joined and joined[-1].end_char == span.start_char:
            joined[-1] = doc.char_span(joined[-1].start_char, span.end_char, label="PER") or joined[-1]
        else:
            joined.append(span)
    return joined


def _without_places(text: str, start: int, end: int, place_ends: dict[int, list[int]]) -> str:
    """text[start:end] without the place names inside it."""
    kept, pos = [], start
    while pos < end:
        ends = [e for e in place_ends.get(pos, ()) if e <= end]
        if ends:
            pos = max(ends)
        else:
            kept.append(text[pos])
            pos += 1
    return "".join(kept)


def _is_han(text: str) -> bool:
    return all(_HAN[0] <= char <= _HAN[1] for char in text)


@Language.factory(
    "kg_model_names",
    assigns=["doc.spans"],
    requires=["doc.spans"],
    default_config={"span_key": "kg_ner", "words_key": "kg_words"},
)
def make_model_name_merger(nlp: Language, name: str, span_key: str, words_key: str) -> ModelNameMerger:
    """Factory of :class:`ModelNameMerger` (config: the span groups of the recognizer's names and words)."""
    return ModelNameMerger(nlp, name, span_key=span_key, words_key=words_key)
