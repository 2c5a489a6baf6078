"""Names of organizations, programs, events, sites and works, from how official news writes them.

* Head nouns: a name ends in a head noun (中学, 医院, 指挥部, 工程, 行动, 口岸…, in
  ``data/rules/name_heads.csv``) and grows leftwards over name characters until a boundary word
  (a governing verb, preposition or particle, ``data/rules/boundary_words.txt``) or punctuation.
* Quotation marks: a quoted phrase followed by a head (“某某”行动) is one name with the quoted
  part as an alias; a quoted phrase that is itself a name (“某某工程”), the object of a launching
  verb (实施“某某”), an item of an enumeration (“甲”“乙”等活动) or the subject of an award
  (“某某”入选…) is a program.
* 《》 titles are works; the genre word before them (舞剧《…》) gives the subclass.
* Enumerations: 甲、乙等(N大)<generic head> make 甲 and 乙 instances of the head's class.
* Sub-units: an organization followed by 某某组/处/科 and a role word is a part of it.
"""

from __future__ import annotations

import re
import unicodedata

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.components.places import province_abbreviations
from kg.extract.extensions import doc_text, get_attr, make_span, set_attr, span_data
from kg.records import AID_BODY_SUBCLASSES
from kg.reference.labels import SCHOOL_ORDINAL_RE, full_school_ordinal
from kg.reference.pairings import aid_targets
from kg.reference.rules import alternation, is_common_word, is_generic_stem, load_csv, load_words

HAN = "\u4e00-\u9fff"
OPEN_QUOTES = '“‘「『"'
CLOSE_QUOTES = '”’」』"'
QUOTE_CHARS = set(OPEN_QUOTES + CLOSE_QUOTES + "'")
_DROP_QUOTES = str.maketrans("", "", "".join(QUOTE_CHARS))
# Characters a name may contain besides Han characters and digits.
ORDINAL_BEFORE_RE = re.compile(r"(?:首|第[0-9一二三四五六七八九十百]+)$")
ORDINAL_BATCH_RE = re.compile(r"(?:首|第[0-9一二三四五六七八九十百]+)批")
# Prepositions and verbs of arriving that no place's name holds: they end a place name's stem
# however short (在|防城港, 运抵|某某港).
PLACE_PREPOSITIONS = frozenset("在于到赴至从抵")
# One-character level words that stand for "the county's" etc. before a body's head (县人民医院).
LEVEL_STEMS = frozenset("县市区州乡镇旗盟")
# What follows a region's short name when the text names the region in full (青海省, 新疆维吾尔自治区).
REGION_LEVEL_WORDS = ("省", "维吾尔自治区", "自治区")
NAME_JOINERS = "暨"
# Before a name of an activity that is only places and its head, these make the head a verb (在甲县巡演).
PLACE_FRAME_BEFORE = ("在", "到", "赴", "、")
QUOTED_OPENING_GAP = 6  # at most this many characters between a quoted brand and an event's name
AIDED_SEATS = ("County", "Township", "XPCCUnit")  # an aid body named after one is the giver's body there
SCENIC_HEADS = load_words("scenic_heads.txt")  # sites named without the divisions written before them
DIVISION_ENDINGS = "省市县区州旗盟镇乡"  # the levels of divisions a site's name may be written after
# 欢送第九批、欢迎第十批援藏干部大会: a rotation's meeting is named with its verbs of farewell and welcome
HANDOVER_VERBS = ("欢送", "欢迎")
BATCH_AFTER_RE = re.compile("(?:欢送|欢迎)?第[0-9一二三四五六七八九十]+[批届]")
COMPANY_ENDING_RE = re.compile("有限责任公司|股份有限公司|有限公司")  # a company's legal form ends its name
AID_VERB_PREFIX = "对口"  # 对口|帮扶, 对口|协作: the verb of aid in an aid body's name
BARE_HEAD_JOINERS = ("和", "与", "及", "或")
MONTH_PREFIX_RE = re.compile("(?:[0-9０-９]{4}年)?[0-9０-９]{1,2}月(?:[0-9０-９]{1,2}日)?")
YEAR_PREFIX_RE = re.compile("(?:19|20)[0-9]{2}年?度?")
MIN_UNYEARED = 4  # 某某论坛 at least: a shorter rest (年会) names no edition
DATE_PREFIX_RE = re.compile("[0-9０-９]{2,4}年(?:[0-9０-９]{1,2}月(?:[0-9０-９]{1,2}日)?)?(?:以来|起|初|底|末)?")
# 结对签约仪式, 签约暨颁发仪式, 结对共建签约仪式: boundary words that are an event's own verbs,
# before its own words
EVENT_OWN_VERBS = ("结对", "签约", "共建")
# A project's components: the verb that lists them, after the sentence has named a project.
PLAN_HEADS = ("项目", "工程", "计划", "行动")
COMPONENT_VERB_RE = re.compile("(?:规划|配套|主要|计划|同步|新|扩|续)?(?:建设|建成|建有|包括|包含)了?")
LIST_ONLY_RE = re.compile("[^，。；：！？,;:!?\n]*")
CLAUSE_MARKS = tuple("，。；：！？,;:!?\n")
SENTENCE_MARKS = tuple("。！？!?\n")
QUANTITY_TAGS = {"m", "q"}  # 2万吨级气调冷库: a size is no name
PLAN_SUBCLASSES = ("Project", "Campaign")  # not an activity: 2025某地马拉松 is an edition, named
# 计划 after a project's name and before a verb's object is the verb "plans to" (项目计划存栏…)
PLANS_TO_RE = re.compile(f"[{HAN}](?<![的中书表已于将由共总和及])")
# What a list of a year's projects adds to a generic stem: its year or half-year, and its batch.
PLAN_QUALIFIER_RE = re.compile("[0-9０-９]{4}年度?|[上下]半年|第[0-9一二三四五六七八九十]+批|首批")
EVENT_OWN_AFTER = ("签约", "暨", "仪式", "共建")
WORK_JOINERS = ("及", "与", "和")  # 道路硬化及亮化工程, 种质资源保护与利用项目
MAX_JOINED_WORK = 6  # the longest stem after 及 read as a second work of one name (配套设施建设)
WHOLE_SCOPES = ("全国", "全省", "全市", "全县", "全区", "全州")  # the whole of a place's level
COUNTED_PLACES_RE = re.compile("[两三四]省(?:区|市)?|[两三]市")  # 甲、乙两省 (boundary_words.txt)
# 某中学某州高中班 (name_heads.csv): a class a school runs names the school first
SCHOOL_CLASS_HEADS = ("高中班", "初中班", "民族班")
SCHOOL_IN_STEM_RE = re.compile("中学|小学|学校|一中|二中|三中|附中|高中(?!班)")
# 本地服装企业|四川某某有限公司, 施工单位|某某建设有限公司: the kind of firm, or the part it plays in a
# project, before a firm's name
KIND_OF_FIRM = ("企业", "施工单位", "建设单位", "实施单位", "监理单位", "设计单位", "承建单位", "运营单位")
FIRM_STEM = 4  # …a firm's own name is this long at least (企业管理有限公司 is one name)
# 由该|公司, 这一|行动: a head pointed at is a common noun, no name
POINTERS = ("该", "这", "此", "其", "这一", "此一")
# 结对医院, 帮扶学校: the paired or aided one, a body's head bare after them is a common noun (a
# program's is named by them: 教育帮扶行动, 结对共建项目)
PAIRING_VERBS = ("结对", "帮扶")
# 这座|工厂, 一所|学校, 两家|医院: a head counted or pointed at by a measure word is a common noun
MEASURE_WORDS = ("个", "所", "座", "家", "条", "处", "名", "项", "批")
PHASE_AFTER_RE = re.compile("[（(][一二三四五六七八九十0-9]期[）)]")
QUANTIFIERS = ("各", "每", "更多")  # 某州各|中小学: a head counted over is a common noun, no name
BARE_HEAD_PREPOSITIONS = ("经", "由", "从", "向", "被", "给", "在", "到", "于", "对")
# The number of a section heading (一、 （二） 3. ) and what cannot be inside the name it heads.
LIST_MARKER_RE = re.compile(
    r"\s*(?:[一二三四五六七八九十]+、|[（(](?:[一二三四五六七八九十]+|[0-9０-９]+)[）)]|[0-9]+[.、．]\s*|[①-⑳])"
)
LIST_HEADING_STOPS = set("，。；：！？,;:!?")
# Part-of-speech tags (LAC's) of common words: nouns, verbal and adjectival nouns, verbs, adjectives.
COMMON_WORD_TAGS = {"n", "vn", "v", "a", "an", "ad", "vd"}
COMMON_NOUN_TAGS = {"n"}  # the recognizer's tag of a common noun (大学生, 学生)
# 暨 and the batch or edition of the second name (暨第二批): what lies between two joined events.
JOINED_EDITION_RE = re.compile(r"暨(?:第[0-9一二三四五六七八九十]+[批届次期])?$")
NAME_EXTRA = set("·+＋-－（）()") | QUOTE_CHARS
QUOTED_RE = re.compile(r"[“‘「『\"]([^“”‘’「」『』\"\n。，！？；：]{2,24})[”’」』\"]")
TITLE_RE = re.compile(r"《([^《》\n]{1,40})》")
# A list after its generic head: 开工的项目有|甲、乙等, 企业包括：|甲、乙
LIST_INTRODUCER_RE = re.compile(r"(?:主要)?(?:有|包括|包含|涵盖)[：:]?")
# "…等", optionally counted (六大, 一批), or a count alone after a list (甲、乙2个项目), right before
# a generic head
LIST_CLOSER_RE = re.compile(
    "(?:等(?:[一二三四五六七八九十两0-9]+[大个项类]|一批|一系列|系列)?|(?<![一二三四五六七八九十两0-9])[一二三四五六七八九十两0-9]+个)"
    "(?:重大|重点|特色|标志性)?$"
)
ENUM_RE = re.compile(f"([{HAN}0-9“”‘’·、]{{2,80}}?)等(?:[一二三四五六七八九十两0-9]+[大个项类]|一批|一系列|系列)?")
ANNIVERSARY_RE = re.compile(r"[0-9一二三四五六七八九十百]+周年")
QUANTITY_RE = re.compile(
    r"[0-9一二三四五六七八九十百千万两.]+[余多近]?(?:[名个所家项批座条位支场次户人栋幢间]|(?:公里|千米)(?:以?外|之外)?)"
)  # (and a distance: 3800多公里外|某市某学校)
# 等 closing a list, with its count (等一批, 等12个, 等一系列): what follows names the kind listed
COUNTED_LIST_END_RE = re.compile(
    r"等(?:[0-9一二两三四五六七八九十百千]+[余多]?[个项家所座批类条处]|一批|一系列|系列|多个|多项|多家)$"
)
COUNT_BEFORE_RE = re.compile(f"(?:{QUANTITY_RE.pattern})$")  # a count that ends where a name would begin
# The phase of a project or facility written after its name (二期, 三期工程, 一期项目).
PHASE_RE = re.compile(r"[一二三四五六七八九十]期(?:工程|项目)?")
ORDINAL_RUN_RE = re.compile(r"(?:第[0-9一二三四五六七八九十百]+|首)[趟列班期个家座所]")  # and 首期工厂: its first phase
# A bracketed part of a name (（集团）) never holds a sentence terminator: that is a sentence aside.
PAREN_RE = re.compile(r"（[^（）\n。！？]{1,12}）")
VISIT_RE = re.compile(r"(走进|走入|进|赴|到)")
# 援疆, 援藏, 援青 ending a name after a quotation (“组团式”医疗援疆), not an aid body, its people or its money
AID_MODE_RE = re.compile(
    f"[{HAN}]{{0,4}}?援[疆藏青](?!指挥部|工作队|工作组|前方|干部|医生|教师|专家|资金|项目|人才|团队|规划|计划|政策|会议|机制|办公室)"
)
TAIL_RE = re.compile(f"[{HAN}]{{1,6}}(?=[，。；、])")
PAIRING_TAILS = ("结对", "结亲", "结为", "结成")
PROGRAM_NOUN_RE = re.compile(f"[{HAN}]{{0,6}}?(品牌|模式|经验|案例|系列活动|活动|赛事)")
SUBUNIT_RE = re.compile(
    f"([{HAN}]{{1,4}}?(?:组|处|科|办公室|部门|部))(?=负责人|主任|组长|处长|科长|部长|副|工作人员|[，。、：]|说|介绍|表示)"
)
# A university's college or institute (某大学农学院, 某大学经济研究所): a part of the university.
COLLEGE_RE = re.compile(f"[{HAN}]{{1,8}}?(?:学院|研究院|研究所|研究中心)")
# 等6个项目比赛, 项目的角逐: what follows a list's head when the items are a contest's events
CONTEST_AFTER_RE = re.compile("的?(?:比赛|竞赛|赛事|角逐)")
LAUNCH_VERBS = (
    "实施",
    "推进",
    "开展",
    "打造",
    "打响",
    "创建",
    "启动",
    "举办",
    "用好",
    "升级",
    "推出",
    "创新",
    "探索",
    "开行",
    "组织",
)
# 援建了“某某”民宿集群, 建立“某某同步课堂”, 援建的“某某”: a verb of building before a quotation
# names what it built
# (not 建 alone, of 组建; nor 共建 and 搭建, of alliances and platforms; nor 保障)
QUOTE_BUILD_VERBS = tuple((load_words("build_verbs.txt") | {"建立"}) - {"建", "共建", "搭建", "保障"})
WHOLE_NAME_AFTER = ("于", "在", "已", "正式", "建成", "投入", "开业", "落成")  # …“某某”于2017年开业
AWARD_VERBS = ("入选", "获评", "荣获", "获得", "被评为")
HONORIFIC_BEFORE = ("获评", "评为", "称为", "誉为", "荣获", "被称", "获得", "称号", "荣膺", "授予")


def normalise_name(text: str) -> str:
    """The form names are compared in: NFKC, quotation marks removed, spaces folded."""
    text = unicodedata.normalize("NFKC", text).translate(_DROP_QUOTES)
    return " ".join(text.split())


class NameRecognizer:
    """Write candidate names to ``doc.spans["kg_names"]`` (overlaps are resolved later)."""

    def __init__(self, nlp: Language, name: str = "kg_names", *, max_name: int = 24, max_event_name: int = 36):
        self.name = name
        self.max_name = max_name
        self.max_event_name = max_event_name
        self.heads = {row["head"]: row for row in load_csv("name_heads.csv")}
        self.head_re = _alternation(self.heads)
        self.head_lengths = sorted({len(head) for head in self.heads}, reverse=True)
        self.blocker_re = _alternation(load_words("head_blockers.txt"))
        joint_actions = load_words("joint_action_words.txt")
        self.linking_verbs = load_words("linking_verbs.txt")
        self.joint_action_re = _alternation(joint_actions)
        self.boundary_set = load_words("boundary_words.txt") | joint_actions
        self.boundary_last_chars = {word[-1] for word in self.boundary_set}
        self.hard_boundaries = load_words("hard_boundaries.txt")
        compounds = load_words("name_compounds.txt")
        self.compound_re = _alternation(compounds)
        # by a boundary word they end in or hold (提质升级 for 升级, 对口支援和东西部协作 for 和): a name
        # grows on over them
        self.compounds_through = {word: tuple(c for c in compounds if word in c[1:]) for word in self.boundary_set}
        self.launch_verbs = load_words("launch_verbs.txt")
        self.milestone_re = re.compile(
            f"(?:正式|顺利|已经|已|全面)?(?:[一二三]期)?(?:{alternation(load_words('milestone_verbs.txt'))})"
        )
        self.object_verbs = load_words("object_verbs.txt")
        self.max_boundary = max(map(len, self.boundary_set))
        self.organizations = {row["name"]: row for row in load_csv("organizations.csv")}
        self.organization_re = re.compile("|".join(sorted(map(re.escape, self.organizations), key=len, reverse=True)))
        self.generic_heads = {row["head"]: row for row in load_csv("generic_heads.csv")}
        self.generic_re = re.compile("|".join(sorted(map(re.escape, self.generic_heads), key=len, reverse=True)))
        self.company_words = sorted(load_words("company_words.txt"), key=len, reverse=True)
        self.genres = {row["genre"]: row["subclass"] for row in load_csv("work_genres.csv")}
        self.genres_longest_first = sorted(self.genres.items(), key=lambda g: -len(g[0]))
        self.aid_words = aid_targets()
        self.aid_words_longest_first = sorted(self.aid_words, key=len, reverse=True)
        self.aid_word_re = _alternation(self.aid_words)
        self.ordinal_school_word_re = _alternation(load_words("ordinal_school_words.txt"))
        self.joined_works = tuple(load_words("joined_works.txt"))
        # after a quotation and the others of its list: 等, then a noun of a way of working
        methods = "|".join(map(re.escape, sorted(set(load_words("method_nouns.txt")), key=len, reverse=True)))
        self.method_re = re.compile(f'(?:[“「"][^”」"]{{1,16}}[”」"][、和与及]?)*(?:等)?(?:新|新型)?(?:{methods})')
        self.method_end_re = re.compile(f"(?:{methods})$")  # 建立“组团式”帮扶关系: a tail ending in one

    def __call__(self, doc: Doc) -> Doc:
        doc.spans["kg_names"] = self.match(doc)
        return doc

    def match(self, doc: Doc) -> list:
        text = doc_text(doc)
        places = span_data(doc, doc.spans.get("kg_places", []))  # read once: names never change them
        units = self._units(places, text)
        spans = []
        enumerated = self._enumerations(doc, text, units)
        # An item of a list the text closes with a generic head (甲、乙等8个项目) is of that head's
        # kind, whatever its own head says (某医院康复中心 in a list of projects is a project).
        listed = {(span.start_char, span.end_char) for span in enumerated}
        inside_places = {i for place in places for i in range(place.start + 1, place.end)}
        # (a span's values live in the Doc by label and offsets: a headed span made over a listed
        # item, even one left out, would overwrite the item's values)
        spans += self._headed(doc, text, units, inside_places, {p.end: p.start for p in places}, listed)
        spans += self._quoted(doc, text, {place.start: place for place in reversed(places)}, units)
        spans += self._titles(doc, text)
        spans += enumerated
        spans += self._gazetteer(doc, text)
        spans += self._subunits(doc, text, spans)
        spans += self._aid_givers(doc, text, places)
        spans += self._ordinal_schools(doc, text, places)
        spans += self._joined_events(doc, text, spans)
        spans += self._phases(doc, text, spans)
        self._key_aid_commands(doc, spans, places)
        return sorted(spans, key=lambda s: (s.start_char, -s.end_char))

    def _phases(self, doc, text, spans):
        """某园二期, 某小区三期工程: a phase of a named project or facility is a project of its own,
        named with its phase (the facility stays a name inside it)."""
        phases = []
        for span in spans:
            if span.label_ not in ("Program", "Organization") or get_attr(span, "kg_subclass") in AID_BODY_SUBCLASSES:
                continue
            match = PHASE_RE.match(text, span.end_char)
            if match is None:
                continue
            surface = text[span.start_char : match.end()]
            phase = make_span(
                doc,
                span.start_char,
                match.end(),
                "Program",
                kg_subclass="Project",
                kg_name=normalise_name(surface),
                kg_aliases=_quoted_aliases(surface),
                kg_rule="phase",
            )
            if phase is not None:
                phases.append(phase)
        return phases

    def _joined_events(self, doc, text, spans):
        """Two events joined by 暨 (某某推进会暨第二批某某签约仪式) are one event of both names."""
        events = [span for span in spans if span.label_ == "Event"]
        ending = {}
        for span in events:
            if span.end_char not in ending or span.start_char < ending[span.end_char].start_char:
                ending[span.end_char] = span
        joined = []
        for second in events:
            # 暨 before the second name (暨第二批某某仪式), or inside it where the second grew
            # back over it (会暨第二批某某仪式)
            match = JOINED_EDITION_RE.search(text, max(0, second.start_char - 8), second.start_char)
            joiner = match.start() if match else text.find("暨", second.start_char, second.end_char)
            first = ending.get(joiner)  # no name ends at -1 (no 暨 found)
            if first is None or first.start_char >= second.start_char:
                continue
            surface = text[first.start_char : second.end_char]
            span = make_span(
                doc,
                first.start_char,
                second.end_char,
                "Event",
                kg_subclass=get_attr(second, "kg_subclass"),
                kg_name=normalise_name(surface),
                kg_aliases=_quoted_aliases(surface),
                kg_rule="joined",
            )
            if span is not None:
                joined.append(span)
        return joined

    # -- head nouns -------------------------------------------------------------------------
    def _boundary_before(self, text: str, pos: int) -> str | None:
        """The boundary word that ends right before ``pos``, if any (longest first)."""
        if text[pos - 1] not in self.boundary_last_chars:
            return None  # the common case, decided without slicing out every length of word
        if self.compound_re.match(text, pos - 1):
            return None  # 对口支援: 对 begins a word of the name here
        for size in range(min(self.max_boundary, pos), 0, -1):
            word = text[pos - size : pos]
            if word in self.boundary_set:
                compound = self.compound_re.match(text, pos - size) if size > 1 else None
                if compound is not None and compound.end() > pos:
                    return None  # 提升|改造项目: 提升改造 is one word of the name
                if any(_runs_through(text, pos, word, c) for c in self.compounds_through.get(word, ())):
                    return None  # 景区提质升级|工程, 对口支援和|东西部协作: one word of the name
                # 成立70周年: an anniversary is part of the name it dates.
                if ANNIVERSARY_RE.match(text, pos):
                    return None
                # 首批, 第十批: an ordinal batch or edition is part of a name (某省第十批援藏工作队).
                if size == 1 and ORDINAL_BEFORE_RE.search(text, max(0, pos - 6), pos - 1):
                    return None
                return word
        return None

    def _head_start_before(self, text: str, pos: int) -> int | None:
        """Where the longest head noun ending right before ``pos`` starts, or None."""
        return next(
            (pos - size for size in self.head_lengths if size <= pos and text[pos - size : pos] in self.heads), None
        )

    def _head_ends_at(self, text: str, pos: int) -> bool:
        """A head noun ends right before ``pos`` (项目 of 某某项目|—)."""
        return self._head_start_before(text, pos) is not None

    def _bare_head_ends_at(self, text: str, pos: int) -> bool:
        """A head noun with no name of its own ends right before ``pos``: after a boundary word or
        a mark (结对医院| before 某市第一医院, not 某某第一医院|某市分院)."""
        start = self._head_start_before(text, pos)
        if start is None:
            return False
        return start == 0 or not _is_han(text[start - 1]) or self._boundary_before(text, start) is not None

    def _program_head_ends_at(self, text: str, pos: int) -> bool:
        """A program's head noun ends right before ``pos`` (项目 of 援疆项目|某县…)."""
        return any(
            self.heads.get(text[pos - size : pos], {}).get("label") == "Program"
            for size in self.head_lengths
            if size <= pos
        )

    def _begins_head(self, text: str, pos: int, word: str) -> bool:
        """The boundary word ending at ``pos`` begins a head noun (服务 of 服务中心)."""
        head = self.head_re.match(text, pos - len(word))
        return head is not None and head.end() > pos

    def grow_left(
        self,
        text: str,
        head_start: int,
        min_stem: int,
        units: dict[int, int],
        label: str | None = None,
        own_aid_verb: bool = False,
    ) -> int | None:
        """Start of the name whose head begins at ``head_start``, or None when there is no stem.

        The name grows over name characters; a place name or a quotation is crossed whole
        (``units`` maps the end of each to its start). A particle or measure word (的, 等, 个…)
        always stops it; any other boundary word (a verb, preposition or conjunction) stops it
        only once the stem is long enough, because the same words occur inside names
        (某某和合文化园, 科学素质提升行动). A head right after a launching verb (实施工程) or a
        verb that takes it as its object (参加比赛) is a common noun, not a name. An event's name
        keeps the batch it is for after a place or a year (某地区首批项目集中开工仪式).
        """
        pos = head_start
        limit = max(0, head_start - (self.max_event_name if label == "Event" else self.max_name))
        unit_starts = set(units.values()) if label == "Event" else set()
        while pos > limit:
            # 暨 joins two names into one (某某推进会暨某某签约仪式): a boundary before it is inside.
            word = None if text[pos : pos + 1] in NAME_JOINERS else self._boundary_before(text, pos)
            if word is not None and label == "Program" and self._begins_head(text, pos, word):
                word = None  # 服务|中心改造项目: a project's name holds the facility it works on
            if word is not None and label == "Event" and self._batch_of_name(text, pos - len(word), word, units):
                word = None
            if word in ("与", "和") and pos in unit_starts and (pos - len(word)) in units:
                word = None  # 某省与某州对口支援工作座谈会: a meeting of the two places is named by both
            if word == "也" and any(pos - 1 - gap in units for gap in (1, 2)):
                word = None  # 某县英也尔…合作社: a syllable of a village's name after its county, no adverb
            if word == "和" and text[pos - 2 : pos - 1] in province_abbreviations() and pos - 1 not in units:
                word = None  # 京和, 津和: a giver's and 和田's first characters pair them (北京|和 is "and")
            if (
                word == "一批"
                and label in ("Organization", "Event")
                and ORDINAL_BEFORE_RE.search(text, max(0, pos - 8), pos - 1)
            ):
                word = None  # 某市第十一批援藏干部联络组, 第十一批干部交接仪式: the batch, not the words 一批
            if word is not None and label == "Event" and COUNTED_PLACES_RE.fullmatch(word):
                word = None  # 沪喀两市对口支援工作座谈会: a meeting of the places counted is named by them
            if word in HANDOVER_VERBS and label == "Event" and BATCH_AFTER_RE.match(text, pos - len(word)):
                word = None  # 欢迎第十批援藏干部人才大会
            if word in EVENT_OWN_VERBS and label == "Event" and text.startswith(EVENT_OWN_AFTER, pos):
                word = None  # 某两校结对签约暨捐赠仪式: the event's own verbs, inside its name
            if word in WORK_JOINERS and label == "Program" and self._joins_works(text, pos - 1, head_start):
                word = None  # 某村道路硬化及亮化工程: two works of one project
            if word is not None and own_aid_verb and text.endswith(AID_VERB_PREFIX, 0, pos - len(word)):
                word = None  # 某市对口帮扶某州工作队: named with the verb of its aid
            if label == "Organization" and text.endswith(KIND_OF_FIRM, 0, pos) and head_start - pos >= FIRM_STEM:
                break  # 温州企业|浙南某某农业科技有限公司 (not 某某企业|管理有限公司): the kind, then the firm
            if word in self.linking_verbs and self._head_ends_at(text, pos - len(word)):
                break  # 某医院通过|远程平台: a name's left side ends at a verb linking it to a body before
            if word is not None:
                stem = self._stem_length(text, pos, head_start)
                if stem == 0 and (
                    word in self.launch_verbs
                    or word in self.object_verbs
                    or word in BARE_HEAD_JOINERS
                    or word in BARE_HEAD_PREPOSITIONS
                    or word in POINTERS
                    or word in QUANTIFIERS
                    or word in MEASURE_WORDS
                    or (word in PAIRING_VERBS and label == "Organization")
                ):
                    # 机票补贴和|景区门票, 经|工作站介绍: a head joined bare to another noun or
                    # governed bare by a preposition is a common noun
                    return None
                if COUNTED_LIST_END_RE.search(text, max(0, pos - 8), pos):
                    return None  # 甲、乙等一批|文旅项目: the kind of the things listed, no name
                if word in self.hard_boundaries or stem >= min_stem or text[pos:head_start] in LEVEL_STEMS:
                    break  # 记者在|县人民医院: a level word alone is the stem of a body every county has
            unit_start = units.get(pos)
            if unit_start is not None and unit_start >= limit:
                pos = unit_start
                # (a bracket after a head is an aside in the name: 某某住房（二期）项目)
                if (
                    label in ("Program", "Organization")
                    and text[pos] not in "（("
                    and (
                        self._program_head_ends_at(text, pos)
                        or text.endswith(KIND_OF_FIRM, 0, pos)
                        or self._bare_head_ends_at(text, pos)
                    )
                ):
                    # 本招标项目|某县某某项目, 服装企业|某省某某有限公司, 结对医院|某市第一医院: a name
                    # begins at its place after a head that says what kind it is
                    break
                continue
            char = text[pos - 1]
            if label == "Place" and char in PLACE_PREPOSITIONS and pos < head_start:
                break  # 在|防城港, 运抵|某某港: no place's name holds them
            decimal_point = char in ".．" and pos >= 2 and text[pos - 2].isdigit() and text[pos : pos + 1].isdigit()
            # One dash between two names' characters joins them (某市—某县产业园); two (——) set off a subtitle.
            joining_dash = char == "—" and pos >= 2 and _is_han(text[pos - 2]) and _is_han(text[pos : pos + 1] or "x")
            if joining_dash and self._head_ends_at(text, pos - 1):
                break  # 某某项目—某某有限公司—1.9亿元: a field of a row after a whole name, not one name
            if joining_dash or char == "、" and self._between_batches(text, pos):
                pos -= 1
                continue
            if not (
                _is_han(char)
                or char.isdigit()
                or char in NAME_EXTRA
                or char.isascii()
                and char.isalpha()
                or decimal_point
            ):
                break  # a decimal point stays inside a name (某地6.8级地震)
            if char in QUOTE_CHARS or char in "（()）":
                # Paired quotations and brackets are crossed whole as units; an unpaired one
                # opens the sentence (or closes the one before: 。）), it is not in the name.
                break
            pos -= 1
        else:
            pos = self._clean_cut(text, pos, head_start, units)
        if label == "Event":
            pos = self._quoted_opening(text, pos, limit, units)
        if self._counts_bodies_of_a_place(text, pos, head_start, units):
            return None
        pos = self._strip_quantity(text, pos, head_start)
        if label == "Organization" and (date := DATE_PREFIX_RE.match(text, pos, head_start)):
            pos = date.end()  # 2024年某市第一中学: a body's name holds no date (an event's may)
        elif label == "Event" and (date := MONTH_PREFIX_RE.match(text, pos, head_start)):
            pos = date.end()  # 2010年5月|中央新疆工作座谈会: an edition is named by its year, not its month
        if label == "Program" or label == "Organization" and not own_aid_verb:
            # 山东省援藏某县某产业园(项目): the park is named as its project is, after the giver's aid
            pos = self._after_giver_prefix(text, pos, head_start, units)
        if label == "Program":
            pos = self._after_company(text, pos, head_start)
        stem = self._stem_length(text, pos, head_start)
        if stem < min_stem or is_generic_stem(text[pos:head_start]) or self._bracketed_aside(text, pos):
            return None
        return pos

    def _joins_works(self, text: str, at: int, head_start: int) -> bool:
        """及 at ``at`` joins two works of one project's name: a work (硬化, 改造…) ends right
        before it, and a short stem without a name's head of its own follows it."""
        after = text[at + 1 : head_start]
        return (
            text.endswith(self.joined_works, 0, at)
            and 0 < len(after) <= MAX_JOINED_WORK
            and not any(head in after for head in self.heads)
        )

    @staticmethod
    def _after_company(text: str, pos: int, head_start: int) -> int:
        """某某（阿克苏）有限公司年产10万锭纺纱项目: a project's name begins after the company that
        carries it out, which is a name of its own."""
        ends = [ending.end() for ending in COMPANY_ENDING_RE.finditer(text, pos, head_start)]
        return ends[-1] if ends and head_start - ends[-1] >= 2 else pos

    def _after_giver_prefix(self, text: str, pos: int, head_start: int, units: dict[int, int]) -> int:
        """江苏援青共和县城乡供水工程: a project's name written after its giver's aid (某省援疆, 某市援藏)
        begins at the place that follows; the giver stays a mention of its own."""
        starts = set(units.values())
        for end, start in units.items():
            if start != pos:
                continue
            aid = self.aid_word_re.match(text, end)
            if aid and aid.end() < head_start and aid.end() in starts and _is_han(text[aid.end()]):
                return aid.end()
        return pos

    @staticmethod
    def _after_divisions(text: str, start: int, head_start: int, place_ends: dict[int, int]) -> int:
        """泽普县金湖杨景区: a site is named after the divisions written before it (金湖杨景区, in
        泽普县), when a name of its own (two characters or more) is left."""
        pos = start
        while (end := place_ends.get(pos)) is not None and text[end - 1] in DIVISION_ENDINGS:
            pos = end
        return pos if head_start - pos >= 2 else start

    @staticmethod
    def _between_batches(text: str, pos: int) -> bool:
        """第十一批、第十二批援疆干部交接仪式: 、 between two batches (or editions) of one name."""
        return text.endswith(("批", "届"), 0, pos - 1) and BATCH_AFTER_RE.match(text, pos) is not None

    @staticmethod
    def _bracketed_aside(text: str, pos: int) -> bool:
        """某医院（国家区域医疗中心）: a bracket right after a name holds what it is, no name of its
        own; a bracket opening a line (（某指挥部供稿）) may hold one."""
        if pos == 0 or text[pos - 1] not in "（(":
            return False
        return pos >= 2 and text[pos - 2] not in "\n。！？；"

    @staticmethod
    def _clean_cut(text: str, pos: int, head_start: int, units: dict[int, int]) -> int:
        """Where a name cut at its longest may start: not inside a place, a quotation or a
        number (省第十批…, 26年…), but after it."""
        for end, start in units.items():
            if start < pos < end <= head_start:
                pos = end
        while 0 < pos < head_start and text[pos - 1].isdigit() and (text[pos].isdigit() or text[pos] in "年月日"):
            pos += 1
        return pos

    def _quoted_opening(self, text: str, pos: int, limit: int, units: dict[int, int]) -> int:
        """“某某”消费帮扶产销对接会: a quoted brand a few words before where an event's name stopped
        (at a verb inside it, 帮扶) opens the name, unless a particle (的, 了…) comes between."""
        j = pos
        stop = max(limit, pos - QUOTED_OPENING_GAP)
        while j > stop and _is_han(text[j - 1]) and text[j - 1] not in self.hard_boundaries:
            j -= 1
        if 0 < j < pos and text[j - 1] in '”」"' and j in units:
            return self._places_before_quote(text, units[j], units)
        return pos

    def _places_before_quote(self, text: str, quote: int, units: dict[int, int]) -> int:
        """天津市—黄南州医疗卫生“组团式”帮扶…仪式: the places (joined by a dash or ·) and the few words
        of a field between them and a quotation that opens an event's name are the name's start."""
        k = quote
        while k > quote - QUOTED_OPENING_GAP and _is_han(text[k - 1]) and self._boundary_before(text, k) is None:
            if k in units:
                break
            k -= 1
        if k not in units:
            return quote
        start = units[k]
        while start > 1 and text[start - 1] in "—·" and start - 1 in units:
            start = units[start - 1]
        return start

    @staticmethod
    def _batch_of_name(text: str, start: int, word: str, units: dict[int, int]) -> bool:
        """首批 right after a place or a year (和田地区首批, 2024年首批) is the batch a name is for, and
        全市 there the scope of a meeting (2025年全市对口支援工作会议)."""
        return (ORDINAL_BATCH_RE.fullmatch(word) is not None or word in WHOLE_SCOPES) and (
            start in units or text[start - 1 : start] == "年"
        )

    @staticmethod
    def _stem_length(text: str, start: int, end: int) -> int:
        return len(text[start:end].translate(_DROP_QUOTES))

    @staticmethod
    def _counts_bodies_of_a_place(text: str, pos: int, head_start: int, units: dict[int, int]) -> bool:
        """三家|天津|医院, 两所|北京|中学: a count before a place and a bare head counts some bodies of
        the place and names none, whether the name grew over the count or stopped after it (a
        list's number counts nothing: （二）某县人民医院)."""
        place_start = units.get(head_start)
        if place_start is None:
            return False
        count = QUANTITY_RE.match(text, pos, head_start)
        if count is not None:
            return count.end() == place_start
        return pos == place_start and COUNT_BEFORE_RE.search(text, max(0, pos - 8), pos) is not None

    @staticmethod
    def _strip_quantity(text: str, pos: int, end: int) -> int:
        """600余名中小学 → 中小学, 第三趟旅游专列 → 旅游专列, （一）某村某项目 → 某村某项目: a count,
        the ordinal of a run or an item's number before a name is not part of it."""
        match = (
            QUANTITY_RE.match(text, pos, end)
            or ORDINAL_RUN_RE.match(text, pos, end)
            or LIST_MARKER_RE.match(text, pos, end)
        )
        return match.end() if match else pos

    def _units(self, places, text) -> dict[int, int]:
        """End → start of every place name and every quotation: names grow across them whole."""
        units = {}
        for place in places:
            units[place.end] = place.start
        for match in QUOTED_RE.finditer(text):
            units[match.end()] = match.start()
        for match in PAREN_RE.finditer(text):
            units[match.end()] = match.start()
        return units

    def _headed(self, doc, text, units, inside_places, place_starts, listed):
        spans = []
        # 大学生, 中学生: a common noun the recognizer reads from the head on past its end
        nouns = {
            word.start_char: word.end_char
            for word in doc.user_data.get("kg_words", ())
            if word.label_ in COMMON_NOUN_TAGS
        }
        words = {word.start_char: word for word in doc.user_data.get("kg_words", ())}
        place_ends = {start: end for end, start in place_starts.items()}
        for match in self.head_re.finditer(text):
            head = match.group(0)
            if self.blocker_re.match(text, match.start()):
                continue
            if nouns.get(match.start(), 0) > match.end() and not self.joint_action_re.match(text, match.end()):
                continue  # (but 某工作组|联合某局: the segmenter's noun runs over a verb of joint action)
            if match.start() in inside_places:
                continue  # 防城港: the end of a place's own name is no head
            if head == "计划" and text.endswith(PLAN_HEADS, 0, match.start()) and PLANS_TO_RE.match(text, match.end()):
                continue  # 某某项目计划存栏3000头: the project plans to, no plan of its own
            # A head that continues into another head (医院 in 医院阿拉尔医院) still ends a name.
            row = self.heads[head]
            # an institution's name ends at the verb of aid before it (某医院对口支援|某县人民医院); an aid
            # body's, a program's or an event's holds it (某市对口帮扶某州工作队, 某省对口支援某地区开工仪式)
            # (and an office or a leading group of aid: 某地区对口支援工作协调办公室, 某省对口支援西藏工作领导小组)
            own_aid_verb = (
                row["label"] != "Organization"
                or row["subclass"] in AID_BODY_SUBCLASSES
                or head in ("办公室", "领导小组")
            )
            start = self.grow_left(text, match.start(), int(row["min_stem"]), units, row["label"], own_aid_verb)
            if start is None:
                continue
            start = _list_heading_start(text, start, match.end())
            if head in SCENIC_HEADS:
                start = self._after_divisions(text, start, match.start(), place_ends)
            if head not in PLAN_HEADS and self._component_of_a_project(text, start, match.start(), units, words):
                continue  # 某项目规划建设冷库、分拣中心: what the project builds, not a body or project of its own
            if row["subclass"] in PLAN_SUBCLASSES and self._generic_but_places(text, start, match.start(), place_ends):
                continue  # 2025年某省援疆某地区重点项目: a class of a year's projects, not one of them
            activity = row["label"] in ("Program", "Event")
            if activity and self._verb_after_places(text, start, match.start(), place_starts):
                continue  # 已在甲县、乙县巡演: the places say where, the head is the verb
            if head in SCHOOL_CLASS_HEADS and not SCHOOL_IN_STEM_RE.search(text, start, match.start()):
                continue  # 新疆高中班: the national programme's kind, not a giver's school's class
            if (start, match.end()) in listed:
                continue  # an item of a list the text closes with a generic head: of that head's kind
            end = match.end()
            if row["label"] == "Program" and (phase := PHASE_AFTER_RE.match(text, end)):
                end = phase.end()  # 某某工程（一期）: the phase in brackets after the head is the name's
            surface = text[start:end]
            if "+" in surface and is_common_word(surface.split("+")[0].strip('“”"')):
                continue  # 公司+基地+农户: a formula of common nouns, not a name
            span = make_span(
                doc,
                start,
                end,
                row["label"],
                kg_subclass=row["subclass"],
                kg_name=normalise_name(surface),
                kg_aliases=_quoted_aliases(surface) + (_unyeared(surface) if row["label"] == "Event" else ()),
                kg_rule=f"head:{head}",
            )
            if span is not None:
                spans.append(span)
        return spans

    @staticmethod
    def _component_of_a_project(text, start, head_start, units, words) -> bool:
        """规划建设冷库、分拣中心和电商直播基地 in a sentence about a project: a facility the verb of
        building lists, named by common words alone (as the segmenter reads them), is a part of
        the project, not a name."""
        clause = max(text.rfind(mark, 0, start) for mark in CLAUSE_MARKS) + 1
        verb = COMPONENT_VERB_RE.search(text, clause, start)
        if verb is None or not LIST_ONLY_RE.fullmatch(text, verb.end(), start):
            return False
        sentence = max(text.rfind(mark, 0, verb.start()) for mark in SENTENCE_MARKS) + 1
        if not any(word in text[sentence : verb.start()] for word in PLAN_HEADS):
            return False
        # 在某镇建成某某基地, 某县建成某某中心: built somewhere of its own, a thing named apart
        if "在" in text[clause : verb.start()] or any(
            clause <= place_start < head_start for place_start in units.values()
        ):
            return False
        pos, inside = start, []
        while pos < head_start:
            word = words.get(pos)
            if word is None:
                return False
            inside.append(word)
            pos = word.end_char
        return all(word.label_ in COMMON_WORD_TAGS | QUANTITY_TAGS for word in inside)

    @staticmethod
    def _generic_but_places(text, start, head_start, place_ends) -> bool:
        """The stem is places, generic modifiers and a year or batch (某市2025年对口支援重点,
        某地区某县第二批援疆): what it heads is a class of a year's projects, not a named one.
        ``place_ends`` maps the start of each place to its end."""
        rest, pos = [], start
        while pos < head_start:
            end = place_ends.get(pos)
            if end is not None and end <= head_start:
                pos = end
                continue
            rest.append(text[pos])
            pos += 1
        # 某镇援藏安居小区, 某村建设项目: places name a project; a year or a batch makes it a class
        rest = "".join(rest)
        stem = PLAN_QUALIFIER_RE.sub("", rest)
        return stem != rest and (not stem or is_generic_stem(stem))

    @staticmethod
    def _verb_after_places(text, start, head_start, place_starts) -> bool:
        """The stem is nothing but places (甲县, 甲州乙县) after 在, 到, 赴 or a listing 、."""
        pos = head_start
        while pos > start and pos in place_starts:
            pos = place_starts[pos]
        return pos == start < head_start and text[start - 1 : start] in PLACE_FRAME_BEFORE

    # -- organizations known by name ---------------------------------------------------------
    def _gazetteer(self, doc, text):
        """Central bodies whose names carry no head noun (中宣部, 教育部): a list, not a rule."""
        spans = []
        for match in self.organization_re.finditer(text):
            if text.startswith("门", match.end()):
                continue  # 外交部门 is "foreign-affairs departments", not 外交部
            row = self.organizations[match.group(0)]
            span = make_span(
                doc,
                match.start(),
                match.end(),
                "Organization",
                kg_subclass=row["subclass"],
                kg_name=row["name"],
                kg_rule="organization-list",
            )
            if span is not None:
                spans.append(span)
        return spans

    # -- quotation marks --------------------------------------------------------------------
    def _quoted(self, doc, text, place_at, units):
        spans = []
        for match in QUOTED_RE.finditer(text):
            content = match.group(1).strip()
            before = text[max(0, match.start() - 6) : match.start()]
            after = text[match.end() : match.end() + 8]
            if any(word in before for word in HONORIFIC_BEFORE) and not _has_break(before):
                continue  # 获评“某某” is a title conferred, not a program
            if "+" in content or self.method_re.match(text, match.end()):
                continue  # “企业+合作社+农户”模式, “以购代捐”等方式: a method, not a program
            start, end = match.start(1), match.end(1)
            head = self._head_of(content)
            visit = VISIT_RE.match(text, match.end())
            verb_before = before.removesuffix("了")
            built = any(verb_before.endswith(verb) for verb in QUOTE_BUILD_VERBS) and not verb_before.endswith(
                "项目建设"  # 项目建设“三个确保”: 建设 a noun here
            )
            # 某省援建的“某某”于…: the quotation is the whole name (not 打造的“某某”消费帮扶专柜)
            whole = not _is_han(text[match.end() : match.end() + 1] or "x") or text.startswith(
                WHOLE_NAME_AFTER, match.end()
            )
            built_whole = whole and any(before.endswith(verb + "的") for verb in QUOTE_BUILD_VERBS)
            tail = TAIL_RE.match(text, match.end())
            if built and tail and self.method_end_re.search(tail.group(0)):
                built = False  # 建立“组团式”帮扶关系: a way of working, not what was built
            launched = any(before.endswith(verb) for verb in LAUNCH_VERBS) or built or built_whole
            if head is not None:
                row = self.heads[head]
                label, subclass, rule = row["label"], row["subclass"], f"quoted-head:{head}"
            elif self.head_re.match(text, match.end()):
                continue  # the head after the quotation makes the name (_headed)
            elif visit and match.end() + len(visit.group(1)) in place_at:
                # “某某”走进某地: the campaign is named with the place it visits.
                end = place_at[match.end() + len(visit.group(1))].end
                label, subclass, rule = "Program", "Activity", "quoted-visit"
            elif (
                launched
                and tail
                and not text.startswith(PAIRING_TAILS, match.end())  # 开展“某某”结对: the verb of a pairing
            ):
                # 开展“某某”科技援疆，: the name runs on to the end of the clause.
                end = tail.end()
                label, subclass, rule = "Program", "Program", "quoted-tail"
            elif AID_MODE_RE.match(text, match.end()):
                # 教育人才“组团式”援藏, “组团式”医疗援疆: a way of giving aid, named by its quotation
                end = AID_MODE_RE.match(text, match.end()).end()
                start = self._field_before(text, match.start(), units)
                label, subclass, rule = "Program", "Campaign", "quoted-aid"  # runs on: no one-day event
            elif is_generic_stem(content) and not PROGRAM_NOUN_RE.match(after):
                continue  # 开展“结对帮扶”: a way of giving aid in quotation marks names no program
            elif (
                launched
                or any(after.startswith(verb) for verb in AWARD_VERBS)
                or self._ends_enumeration(text, match.end())
                or PROGRAM_NOUN_RE.match(after)
                or self.milestone_re.match(text, match.end())  # “某某课堂”开课, “某某云平台”二期上线
            ):
                noun = PROGRAM_NOUN_RE.match(after)
                subclass = "Brand" if noun and noun.group(1) == "品牌" else "Program"
                if not (launched or noun) and self.milestone_re.match(text, match.end()):
                    subclass = "Project"  # “某某课堂”开课: what opened, not a day's activity
                label, rule = "Program", "quoted"
            else:
                continue
            surface = text[start:end]
            span = make_span(
                doc,
                start,
                end,
                label,
                kg_subclass=subclass,
                kg_name=normalise_name(surface),
                kg_aliases=(normalise_name(content),) if end != match.end(1) else (),
                kg_rule=rule,
            )
            if span is not None:
                spans.append(span)
        return spans

    def _field_before(self, text, pos, units):
        """Where the few words naming a field before a quotation start (教育人才|“组团式”援藏): at
        most four characters of a name, back to a boundary word or a mark."""
        start = pos
        while start > max(0, pos - 4) and _is_han(text[start - 1]) and self._boundary_before(text, start) is None:
            start -= 1
        # never inside a place: 某市坚持|“…” is no field
        return next((end for end, begin in units.items() if begin < start < end), start)

    def _ends_enumeration(self, text, end):
        """“甲”“乙”等…: the quotation is an item of a list that ends with 等 or a program noun."""
        while True:
            following = QUOTED_RE.match(text, end + (1 if text[end : end + 1] == "、" else 0))
            if following is None:
                break
            end = following.end()
        after = text[end : end + 8]
        return after.startswith("等") or bool(PROGRAM_NOUN_RE.match(after)) or bool(self.head_re.match(text, end))

    def _head_of(self, content: str) -> str | None:
        # Longest head first; at most one head of each length ends the content.
        for size in self.head_lengths:
            head = content[-size:]
            if len(head) == size and head in self.heads and len(content) - size >= int(self.heads[head]["min_stem"]):
                return head
        return None

    # -- 《》 titles --------------------------------------------------------------------------
    def _titles(self, doc, text):
        spans = []
        for match in TITLE_RE.finditer(text):
            before = text[max(0, match.start() - 6) : match.start()]
            subclass = next(
                (sub for genre, sub in self.genres_longest_first if before.endswith(genre)),
                "Work",
            )
            span = make_span(
                doc,
                match.start(1),
                match.end(1),
                "Work",
                kg_subclass=subclass,
                kg_name=normalise_name(match.group(1)),
                kg_rule="title",
            )
            if span is not None:
                spans.append(span)
        return spans

    # -- enumerations -----------------------------------------------------------------------
    def _enumerations(self, doc, text, units):
        spans = []
        words = {word.start_char: word for word in doc.user_data.get("kg_words", ())}
        for match in self.generic_re.finditer(text):
            row = self.generic_heads[match.group(0)]
            if CONTEST_AFTER_RE.match(text, match.end()):
                continue  # 电工、烹饪等6个项目比赛: the events of a contest, not projects
            introduced = LIST_INTRODUCER_RE.match(text, match.end())
            if introduced is not None:
                # 开工的项目有甲、乙、丙等12个: the head comes first and the list after it
                items_end = _forward_list_end(text, introduced.end())
                if items_end is not None:
                    spans += self._list_items(doc, text, units, words, introduced.end(), items_end, row)
            # Look back for "…等" (optionally with a count such as 六大 or 一批) right before the head.
            window_start = max(0, match.start() - 90)
            window = text[window_start : match.start()]
            enum = LIST_CLOSER_RE.search(window)
            if not enum:
                continue
            items_end = window_start + enum.start()
            items_start = items_end
            while items_start > window_start:
                char = text[items_start - 1]
                # 甲楼（援疆资金3200万元）、乙楼（4500万元）等: brackets closing an item belong to the list
                if char == "）" and (items_start == items_end or text[items_start] == "、"):
                    opening = text.rfind("（", window_start, items_start - 1)
                    if opening > window_start:
                        items_start = opening
                        continue
                if char in "，。；：！？\n（）《》":
                    break
                items_start -= 1
            if not enum.group(0).startswith("等") and "、" not in text[items_start:items_end]:
                continue  # 现场共有12个项目: a count alone closes no list; 甲、乙2个项目 does
            spans += self._list_items(doc, text, units, words, items_start, items_end, row)
        return spans

    def _list_items(self, doc, text, units, words, items_start, items_end, row):
        """The named items of the list 甲、乙、丙 between ``items_start`` and ``items_end``, of the
        kind ``row`` of generic_heads.csv gives them."""
        spans = []
        head = row["head"]
        place_starts = set(units.values())
        for item_start, item_end in _split_items(text, items_start, items_end, place_starts, self.compound_re):
            start = self.grow_left(text, item_end, 2, units)
            start = max(start, item_start) if start is not None else None
            if start is None or item_end - start > self.max_name:
                continue
            surface = text[start:item_end]
            if any(ch in QUOTE_CHARS or ch == "《" for ch in surface):
                continue  # quoted and titled items are handled by their own rules
            if self._field_of_work(words, start, item_end, units):
                continue
            label, subclass = row["label"], row["subclass"]
            if any(surface.endswith(word) for word in self.company_words):
                label, subclass = "Organization", "Company"
            span = make_span(
                doc,
                start,
                item_end,
                label,
                kg_subclass=subclass,
                kg_name=normalise_name(surface),
                kg_rule=f"enumeration:{head}",
            )
            if span is not None:
                spans.append(span)
        return spans

    @staticmethod
    def _field_of_work(words, start, end, units) -> bool:
        """实施产业发展、劳务协作等项目: an item made of common nouns and verbs only (产业/n 发展/vn),
        as the segmenter reads it, is a field the projects are in, not a project's name; a single
        word, one the segmenter reads as a name, or one holding a place may still be one."""
        if any(start <= place_start < end for place_start in units.values()):
            return False
        inside = [words[i] for i in range(start, end) if i in words]
        return (
            len(inside) >= 2
            and inside[0].start_char == start
            and inside[-1].end_char == end
            and all(word.label_ in COMMON_WORD_TAGS for word in inside)
        )

    # -- sub-units --------------------------------------------------------------------------
    def _subunits(self, doc, text, spans):
        found = []
        for parent in spans:
            if parent.label_ != "Organization":
                continue
            match = SUBUNIT_RE.match(text, parent.end_char)
            if match is None and (get_attr(parent, "kg_name") or parent.text).endswith("大学"):
                match = COLLEGE_RE.match(text, parent.end_char)
            if not match or self._has_boundary(text, match.start(), match.end()):
                continue  # 某医院的儿科, 某医院帮扶急诊科: a particle or a verb, not a department's name
            if get_attr(parent, "kg_subclass") == "Hospital" and match.group(0).endswith("科"):
                continue  # 某医院骨科副主任医师某某: a doctor of the hospital, whose ward the title holds
            surface = text[parent.start_char : match.end()]
            span = make_span(
                doc,
                parent.start_char,
                match.end(),
                "Organization",
                kg_subclass="Organization",
                kg_name=normalise_name(surface),
                kg_parent=get_attr(parent, "kg_name"),
                kg_rule="subunit",
            )
            if span is not None:
                found.append(span)
        return found

    def _has_boundary(self, text: str, start: int, end: int) -> bool:
        """A boundary word (的, 帮扶, 与…) ends somewhere inside text[start:end]."""
        return any(self._boundary_before(text, pos) is not None for pos in range(start + 1, end))

    # -- aid-givers ---------------------------------------------------------------------------
    def _aid_givers(self, doc, text, places):
        """某省援疆 names the province's aid to Xinjiang, i.e. its aid command."""
        spans = []
        for place in places:
            word = self._aid_word(text, place.end)
            if word is None or not place.key or self.head_re.match(text, place.end + len(word)):
                continue
            if place.key[:2] == self.aid_words[word][:2]:
                continue  # 某县援青干部 for a county of Qinghai: the aid it receives, no giver
            end = place.end + len(word)
            if text.startswith(REGION_LEVEL_WORDS, end):
                continue  # 某省对口支援青海省某州: the verb and the region's full name, not a giver's phrase
            span = make_span(
                doc,
                place.start,
                end,
                "Organization",
                kg_subclass="AidCommand",
                kg_name=text[place.start : end],
                kg_key=f"aid:{place.key}:{self.aid_words[word]}",
                kg_rule="aid-giver",
            )
            if span is not None:
                spans.append(span)
        return spans

    def _ordinal_schools(self, doc, text, places):
        """某县一中, 某市二小: a school by the shortened name reports give it (某县第一中学), with
        the full name as an alias."""
        spans = []
        for place in places:
            match = SCHOOL_ORDINAL_RE.match(text, place.end)
            if match is None or not place.key or self.ordinal_school_word_re.match(text, match.start(2)):
                continue
            if any(w.start_char < match.end() < w.end_char for w in doc.user_data.get("kg_words", ())):
                continue  # 某市三中全会…: the recognizer reads the numeral and 中 into another word
            full = f"{place.name or place.text}{full_school_ordinal(match.group())}"
            span = make_span(
                doc,
                place.start,
                match.end(),
                "Organization",
                kg_subclass="School",
                kg_name=text[place.start : match.end()],
                kg_aliases=(full,),
                kg_rule="ordinal-school",
            )
            if span is not None:
                spans.append(span)
        return spans

    def _aid_word(self, text, pos):
        match = self.aid_word_re.match(text, pos)
        return match.group(0) if match else None

    def _key_aid_commands(self, doc, spans, places):
        """An aid command (某省援疆指挥部) gets the same key as the aid-giver phrase (某省援疆)."""
        places = {place.start: place for place in places}
        for span in spans:
            if get_attr(span, "kg_subclass") != "AidCommand" or get_attr(span, "kg_key"):
                continue
            first = place = places.get(span.start_char)
            # 某省某市援疆指挥部 is the city's command: the giver is the last of the leading places
            while place is not None and (inner := places.get(place.end)) is not None and inner.key:
                if inner.end >= span.end_char:
                    break
                place = inner
            if place is None or not place.key:
                continue
            rest = doc_text(doc)[place.end : span.end_char]
            word = next((w for w in self.aid_words_longest_first if w in rest), None)
            if word is not None:
                key = f"aid:{place.key}:{self.aid_words[word]}"
                if first is not place and first.key and first.key[:2] != place.key[:2]:
                    key += f"@{first.key}"  # 某县浙江援疆工作组: the giver's group in that county
                elif seat := self._aided_county(doc_text(doc), places, place.end + rest.index(word), span.end_char):
                    key += f"@{seat}"  # 某市援疆某县分指挥部: one of the giver's bodies, in that county
                set_attr(span, "kg_key", key)

    @staticmethod
    def _aided_county(text, places, start, end):
        """The key of the last county (or township) named in text[start:end] by its full name or
        before 分 (某某分指挥部), or None: the aid word's province (援疆), a prefecture or a short
        name that may be either (和田) names the giver's whole aid, one body."""
        seat = None
        for place in places.values():
            if start <= place.start and place.end <= end and place.key and place.subclass in AIDED_SEATS:
                if place.rule == "gazetteer:full" or text.startswith("分", place.end):
                    seat = place.key
        return seat


def _runs_through(text: str, pos: int, word: str, compound: str) -> bool:
    """``compound`` stands in ``text`` with this occurrence of ``word`` (ending at ``pos``) inside it
    or at its end."""
    at = compound.find(word, 1)
    while 0 < at <= len(compound) - len(word):
        start = pos - len(word) - at
        if start >= 0 and text.startswith(compound, start):
            return True
        at = compound.find(word, at + 1)
    return False


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def _list_heading_start(text: str, start: int, end: int) -> int:
    """一、某校宿舍楼及食堂改造工程: a numbered heading that is a name alone on its line is
    the name whole, though 及 or 和 inside it would stop the name anywhere else."""
    line_start = text.rfind("\n", 0, start) + 1
    marker = LIST_MARKER_RE.match(text, line_start)
    if marker is None or marker.end() >= start or text[end : end + 1] not in ("", "\n"):
        return start
    if any(ch in LIST_HEADING_STOPS for ch in text[marker.end() : start]):
        return start
    return marker.end()


def _unyeared(surface: str) -> tuple[str, ...]:
    """2010年中央新疆工作座谈会 is also called 中央新疆工作座谈会: an edition's name without its year."""
    match = YEAR_PREFIX_RE.match(surface)
    rest = surface[match.end() :] if match else ""
    return (normalise_name(rest),) if len(rest) >= MIN_UNYEARED else ()


def _quoted_aliases(surface: str) -> tuple[str, ...]:
    """The quoted part of a name is a name too (“某某”行动 is also called 某某)."""
    return tuple(normalise_name(m.group(1)) for m in QUOTED_RE.finditer(surface))


def _alternation(words) -> re.Pattern[str]:
    """A pattern matching any of ``words`` (longest first; nothing if there are none)."""
    return re.compile(alternation(words) or "(?!)")


def _forward_list_end(text: str, start: int) -> int | None:
    """Where the list 甲、乙、丙等 starting at ``start`` ends: at 等, or at the end of its clause
    when it has two items or more; None when no list starts there."""
    end = start
    while end < len(text) and text[end] not in "，。；：！？\n":
        end += 1
    clause = text[start:end]
    closing = clause.find("等")
    if closing > 0:
        return start + closing
    return end if "、" in clause else None


def _has_break(text: str) -> bool:
    return any(ch in "，。；：！？\n" for ch in text)


def _split_items(text: str, start: int, end: int, place_starts: set[int], compound_re: re.Pattern[str]):
    """The items of a list 甲、乙和丙, each without an amount in brackets after it (甲（800万元）).
    和 and 及 join the last two items, except where they begin a place (和田地区) or a word of a
    name (和谐)."""
    pos = start
    for i in range(start, end + 1):
        last_joiner = (
            text[i : i + 1] in "和及"
            and i > pos
            and "、" not in text[i:end]
            and i not in place_starts
            and not compound_re.match(text, i)
        )
        if i == end or text[i] == "、" or last_joiner:
            item_end = i
            if text[item_end - 1 : item_end] == "）":
                opening = text.rfind("（", pos, item_end)
                item_end = opening if opening > pos else item_end
            if item_end > pos:
                yield pos, item_end
            pos = i + 1


@Language.factory("kg_names", assigns=["doc.spans"], default_config={"max_name": 24, "max_event_name": 36})
def make_name_recognizer(nlp: Language, name: str, max_name: int, max_event_name: int) -> NameRecognizer:
    """Factory of :class:`NameRecognizer` (config: ``max_name``, the longest name in characters;
    ``max_event_name``, the longest event's: a ceremony's name holds its year, giver, place and batch)."""
    return NameRecognizer(nlp, name, max_name=max_name, max_event_name=max_event_name)
