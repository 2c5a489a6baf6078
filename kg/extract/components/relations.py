"""Relations between mentions, from the grammar of official news prose.

Each rule reads the mentions of one sentence (or of a sentence and the one that refers back to it
with 这/该) and writes ``doc._.kg_relations``: a list of :class:`RelationCandidate`. Rules:

* ``nesting``: a place written right after the place that contains it (某县某镇) is part of it;
  so is any unit written right after one a level above it (某镇某村), whatever a table says, and a
  site written after a division (某县某某景区); ``nesting-list``: the units listed after one nested
  so (某镇甲村、乙村和丙村), or after a township and a colon or 的 (某乡：甲村、乙村).
* ``site-verb``: a name right before 位于, 落户, 地处… (``data/rules/site_verbs.txt``) is located in
  the place after it; a site no table knows is part of it.
* ``township-default``: a township no table knows and no sentence nests lies in the county the
  report is about (strength ``default``).
* ``name-place``: a name that starts with a place (某市第一中学) is located in it, unless the
  place is that of its funder (由南京市援建的江苏工业园区: the name honours the aid-giver);
  ``name-station``: a body stationed somewhere (某市驻某地劳务工作站) is there.
* ``locative``: 在/前往/走进/驶入… a place: what happens in that clause is located there, and so
  is a body the clause builds after 在某地 (在某县投资建设某某产业园); a sentence that opens with
  在某地， locates the programs of that sentence and of a following sentence that refers back to
  it (这条…).
* ``funder-by`` / ``funder-subject``: 由某某打造的…, 某某援建的…, 某区支持的…, 某基金会资助的…; a
  funder that is the subject of a launching verb (实施, 建设, 举办…; read outside names: 建 of
  王建国 builds nothing) funds what follows in the sentence, and so does a company that invests
  (某集团在某县投资建设某某产业园); the subject goes on after a clause of money or of time
  (某区投入资金300万元，在某镇建成…; 某区与某县结对以来，先后建成…) and after 将…资金用于.
  A list of givers (甲省、乙省援建的…, 甲、乙两省组织…) funds it each. An organizer (由某局主办的) is
  a participant, not a funder. ``funder-company``: a company's name right before a project's
  (某某有限公司年产10万锭纺纱项目) funds it.
* ``funder-money`` / ``funder-setup`` / ``funder-carried``: 某市援疆资金…建设的某某 (and every
  project of the list it follows, and the giver's aid body when the sentence or the one before
  names it); 某区在某县设立的某某; 安排200万元的某某 after a funder named earlier in the sentence.
* ``funder-copula``: 某某厂是某市援建的重点项目: the funder of the description after 是.
* ``funder-heading``: 此次开工的某省援藏项目中，甲工程…；乙工程…: the giver whose aid projects head
  the sentence's list funds each of them.
* ``funder-prefix``: 江苏援青|共和县城乡供水工程: a giver's aid written right before a project's name.
* ``funder-passive``: 某某由某市援建, and what an aid body carries out (由某工作组组织实施),
  also in a later clause of the sentence the name opens (某项目总投资…，由某指挥部负责推进).
* ``funder-joint``: 某产业园由甲区与乙县共建, 甲市与乙州共建的某园区: the giver named first funds it.
* ``funder-list``: 某区安排协作资金…，共实施项目7个，具体如下：: the project opening each item.
* ``funder-support``: 在某市援疆工作队的支持下，某某建成投产: the giver of the support frame funds
  what the sentence goes on to build, open or launch.
* ``acting-place``: 甲村、乙村等6个村实施某某工程: the villages or townships are where it is.
* ``aid-body``: an aid body (某省援疆指挥部, 某市援疆工作队, 某省驻某市工作队; words in
  ``data/rules/aid_bodies.csv``) is part of the province or city it acts for (the place right
  before its aid word: 某县浙江援疆工作组 is Zhejiang's), so that a program it funds is found as
  that giver's; ``funder-team``: a team a province or city sends (某省医疗援疆队) is funded by it.
* ``funder-default``: a report about one aid-giver makes it the funder of the programs it presents
  (weaker evidence than an explicit one: strength ``default``); a report on the aid of several
  provinces, the command named last before each; a command aiding one region funds none of the
  programs located in another (the same giver's body there does, or the giver).
  ``funder-name-giver``: a program named after a giver other than that default funder's (某县天津
  工业园区项目 in a report of Jiangsu's aid) is funded by that giver, with the name as evidence.
* ``place-default``: the receiving county (or prefecture) a report is about — the one it names
  most, far more than any other, and not a giver — is where the programs and events it presents
  are, unless a sentence says where, and where a body named by its level word alone is
  (县人民医院, 县发改委; strength ``default``).
* ``participant``: people named in a program's sentence, or in the sentence that 这正是… refers to
  (not the speaker of what it says, 某某说，…, nor the reporter of a byline); teams and media named
  with a program; ``participant-owner``: a company's own program (某公司的某某生产线).
* ``participant-event``: a later sentence that names an event again by its head noun (推介会期间,
  在展销会上, 某某在仪式上说, 会上) names its participants: the people and organizations in it, but
  for a body that only titles a person. ``participant-attendance``: a person who attends, speaks or
  presents (出席, 致辞, 作交流发言), and the people listed with titles before, or who competes
  (选手某某) in the race named last; ``participant-represented``: bodies whose people attend (某局及
  有关企业代表出席); ``participant-signing``: the two sides of each signing at a signing
  (item by item down a list of the deals), and in the project signed (甲公司与乙县签约某项目).
* ``participant-organizer`` / ``funder-sponsor``: the organizations of a sentence naming who holds
  an event (主办, 承办) take part in it; those of its clause naming who pays (冠名赞助商为某公司)
  fund it. ``participant-listed``: the bodies and people a sentence lists after saying they take
  part (参赛队伍分别是…, 参与学校有…) take part in the event or activity named last before.
  ``participant-settled``: the companies a sentence says moved in (入驻) take part in the project
  it or the sentence before names; ``participant-builder``: so does a body that builds, supervises
  or designs it (由某公司承建, 施工单位为某公司, ``data/rules/builder_words.txt``), funding nothing.
* ``participant-unit``: in a project list, the organization after a unit label (实施单位：某局,
  ``data/rules/unit_labels.txt``) takes part in the project named last before it;
  ``field-locatedIn`` / ``field-fundedBy``: the places after a site label (建设地点：某县某镇,
  ``site_labels.txt``) are where it is, the giver after a funding label (资金来源：某市援疆资金,
  ``funding_labels.txt``) funds it; ``field-date``: the first date after a period label (建设周期：
  2024年3月—8月, ``period_labels.txt``) dates it. ``table-site`` / ``table-implementer``: the same read from a
  project table flattened into lines of cells (序号 项目名称 建设地点 … 实施单位); an implementing aid
  body funds its row's project.
* ``affiliation``: 某校五年级学生某某, 某村村民某某: a person after an organization or place and a role
  (not the giver's aid before a title, 浙江援疆干部某某, nor a dateline's place: a status);
  ``affiliation-copula``: 某某是某医院心内科主任, 某某现任某县副县长, 某某任某中学校长, 某某来自某中学
  (同时担任 too); ``affiliation-seconded``: 某指挥部挂职某县副县长的某某 (the sender, besides the post);
  ``affiliation-post``: 某某来到某中学任教, 某某在某中学就读, 某某任教于某中学; ``affiliation-field``:
  a notice's 联系人：某某 or 项目经理：某某 under 招标人：某局 or 施工单位：某公司; ``affiliation-list``: a
  line of a list of people, 某某　某单位职务; ``affiliation-scene``: a villager in a sentence set on a village
  (在某镇某村，村民某某…); ``affiliation-pronoun``: 他同时挂职某医院副院长, ，目前担任某校副校长.
* ``pairing``: 结对/对口支援 between two schools, hospitals or places (not two items of one list,
  甲医院、乙医院等12家医院, nor two in clauses apart), two institutions joined by 与 before a pairing
  word, places respectively (甲市、乙市分别对口支援的A县、B县), and two provinces' cooperation by
  their abbreviations (某市与某县深化鲁渝协作); a giver and a place of another region working hand
  in hand (某区携手某县, 某区与某县携手) or said to be counterparts (某市对口甲县), and a giver's aid
  toward a place said as a noun (感谢某市对某县的对口支援), or its aid money sent to one (某省向某省
  拨付财政援助资金). ``pairing-list``: a list line setting places against places (拉萨市：北京市、
  江苏省) pairs those the table pairs; ``pairing-subordinate``: the counties listed after a paired
  prefecture's 所辖 (某州所辖甲、乙两县), or in a later clause saying whom the giver aids there
  (某州，重点支援甲、乙两县), are paired with its giver.
* ``pairing-table``: two places that policy pairs (``data/gazetteer/pairings.csv``), both named in
  the report, are paired even where it does not say so (strength ``default``).
* ``date``: an event takes the date of its sentence; so does a project whose sentence says it
  started, was finished or opened (a verb of ``data/rules/milestone_verbs.txt``), or, when the
  sentence opens with 该项目/该工程/这一项目, or is in a list's item the project heads (三、某某项目。
  …5月开工), that project.
* ``date-same-day``: 在当天…举行的某某仪式上: the last full date written before it.
  ``date-opening``: a day given with a verb of opening in the event's sentence or one of the two
  after it that come back to it by its head noun (邀请赛于8月10日开赛) dates it in place of a
  year or month.
* ``xpcc-division``: a division named on its own is also the Corps' body, in its city
  (:mod:`kg.extract.divisions`); ``xpcc-regiment``: a numbered regiment the report names apart
  from its division is part of it, by ``data/gazetteer/xpcc_regiments.csv`` (strength ``default``).
* Phrases pointing back at a name (该校, 这家医院, 这条…的生产线; :mod:`kg.extract.anaphora`) are
  read by every rule in the name's place, and what is said of them is said of the name.
* ``sub-program``: programs launched in the same sentence after a campaign (实施某某工程，开展甲、乙)
  are part of it.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.anaphora import WORDS as POINTER_WORDS
from kg.extract.anaphora import find_anaphors
from kg.extract.bylines import DATELINE_ENDS, byline_roles
from kg.extract.components.names import ORDINAL_BATCH_RE, QUOTE_CHARS
from kg.extract.components.places import province_abbreviations
from kg.extract.components.short_names import DECLARED_RE
from kg.extract.dates import SAME_DAY
from kg.extract.divisions import division_bodies
from kg.extract.extensions import SentenceIndex, doc_text, entity_spans, span_data
from kg.records import AID_BODY_SUBCLASSES
from kg.reference.gazetteer import Gazetteer
from kg.reference.pairings import aid_targets, gives_by_policy, pairing, receives_by_policy
from kg.reference.rules import alternation, load_csv, load_words

FUNDER_SUBCLASSES = {"AidCommand", "GovernmentBody", "Team"}
FUNDER_PLACE_SUBCLASSES = {"Province", "Prefecture", "County"}
# Where a report's default place is looked for, most specific level first.
RECEIVER_LEVELS = ({"County", "XPCCUnit"}, {"Prefecture"})
AID_BODY_WORDS = load_csv("aid_bodies.csv")
AID_BODY_HEADS = tuple(row["word"] for row in AID_BODY_WORDS if row["role"] == "head")
AID_BODY_MARKERS = tuple(row["word"] for row in AID_BODY_WORDS if row["role"] == "marker")
LAUNCH_VERBS = load_words("launch_verbs.txt")
MILESTONE_VERBS = load_words("milestone_verbs.txt")
FUTURE_WORDS = tuple(load_words("future_words.txt"))
WORK_USE_VERBS = load_words("work_use_verbs.txt")
WORK_MAKE_VERBS = load_words("work_make_verbs.txt")
ORGANIZER_WORDS = load_words("organizer_words.txt")
SPONSOR_WORDS = load_words("sponsor_words.txt")
ATTENDANCE_VERBS = load_words("attendance_verbs.txt")
# The verb of a pairing inside an aid body's name (某市对口支援某县工作队)
NAMED_PAIRING_RE = re.compile("对口支援|对口帮扶|结对帮扶|结对支援|对口协作")
# 甲公司与乙县签订…协议, 甲与乙现场签约: the two sides of a signing (与 then the verb, one clause)
# 签约项目包括：, 签订的协议有： — a sentence that introduces a list of the deals signed
SIGNED_LIST_RE = re.compile("(?:签约|签订|签署)[^。！？]*[：:]\\s*$")
# …or a dash or a circled number (——甲公司与乙县签约…, ①…)
LIST_DASH_RE = re.compile("—|[①-⑳]")
SIGNING_CLAUSE_RE = re.compile("与[^，。；]{1,30}?(?:签订|签署|签约)")
SIGNING_EVENTS = tuple(load_words("signing_event_words.txt"))  # 签约仪式, 招商推介会: deals are signed there
# 选手某某, 运动员某某: a person named as competing takes part in the contest before
COMPETITOR_WORDS = ("选手", "运动员")
CONTEST_HEADS = ("赛", "马拉松", "运动会")
# 及有关企业代表出席, 负责人参加: a body's representatives attending (no one named)
REPRESENTED_RE = re.compile(
    "(?:及[^，。；]{0,8}?)?(?:的)?(?:相关|有关)?(?:主要)?(?:负责人|负责同志|代表|师生代表|企业代表)(?:等)?(?:[0-9一二三四五六七八九十余多]+人)?"
    "(?:" + "|".join(map(re.escape, sorted(ATTENDANCE_VERBS | {"参加", "参与"}))) + ")"
)
PLAN_WORDS = load_words("plan_words.txt")
# 来自某医院、现任…: what joins the body a person comes from to the body of the person's title.
CAME_FROM_JOINER_RE = re.compile("[、，,](?:现任|现为|现在|担任)?")
# 他是…, 她来自…, 他的身份变成了…: a clause whose subject is a person named before.
_POST_ADVERBS = "(?:同时|还|也|目前|现|现在|并|曾|先后)?"
PRONOUN_CLAUSE_RE = re.compile(
    f"(?<![其们])[他她](?!们)(?:的身份)?{_POST_ADVERBS}(?P<verb>是|来自|担任|任|成为|变成了|变成|调任|挂职|挂任|兼任|现任)"
)
# 某某来自甲医院，目前担任乙医院副院长: a clause with no subject of its own goes on with the person
ZERO_SUBJECT_CLAUSE_RE = re.compile(f"(?<=[，,]){_POST_ADVERBS}(?P<verb>担任|挂职|挂任|兼任|现任|出任)")
# 该项目, 这一项目: a project named before
_PROJECT_POINTER = "(?:该|这个|这一|此)项目"
CLAUSE_ANAPHORA_RE = re.compile(f"(?<=[，,；;]){_PROJECT_POINTER}")
FOR_PROJECT_RE = re.compile(f"为{_PROJECT_POINTER}(?:投入|安排|追加|落实)")
# 某医院(将同步)派驻|选派…专家团队: an institution sending its people
SENDS_PEOPLE_RE = re.compile(
    "[\u4e00-\u9fff]{0,4}?(?:派驻|选派|派出|组派|委派)[^，。；]{0,8}?(?:专家|医生|医疗队|教师|团队|骨干)"
)
AFTER_EVENT = ("结束后", "结束之后", "之后", "过后", "后")
EVENT_BACK_WORDS = tuple(load_words("event_back_words.txt"))  # 开幕式上，… comes back to the event
# 等14家企业, 等40余家京企: the count that closes a list of bodies.
BODY_COUNT_RE = re.compile("等[0-9一二三四五六七八九十百]+[余多]?家")
UNIT_LABEL_RE = re.compile("(?:" + "|".join(map(re.escape, load_words("unit_labels.txt"))) + ")[：:]\\s*")
SITE_LABEL_RE = re.compile(f"(?:{alternation(load_words('site_labels.txt'))})[：:]\\s*")
# The columns of a project table a row's cells are read by (序号 项目名称 建设地点 … 实施单位)
TABLE_COLUMNS = {
    **{label: "name" for label in load_words("project_name_labels.txt")},
    **{label: "site" for label in load_words("site_labels.txt")},
    **{label: "implementer" for label in load_words("implementer_labels.txt")},
}
CELL_RE = re.compile(r"[^\s\u3000]+")
# 联系人：某某, 项目经理：某某 after 招标人：某局 or 施工单位：某公司 (data/rules/contact_labels.txt)
CONTACT_LABEL_RE = re.compile(f"(?:{alternation(load_words('contact_labels.txt'))})[：:]\\s*$")
BODY_LABEL_RE = re.compile("[\u4e00-\u9fff]{1,6}(?:人|单位|机构)[：:]\\s*$")
CONTACT_REACH = 80  # how far after the body's field the person's may come (a line or two of fields)
PERIOD_LABEL_RE = re.compile(f"(?:{alternation(load_words('period_labels.txt'))})[：:]\\s*")
FUNDING_LABEL_RE = re.compile(f"(?:{alternation(load_words('funding_labels.txt'))})[：:]\\s*")
# The heads of event and activity names, longest first: a sentence that repeats one refers back.
EVENT_HEADS = tuple(
    sorted(
        (row["head"] for row in load_csv("name_heads.csv") if row["subclass"] in ("Event", "Activity")),
        key=len,
        reverse=True,
    )
)
PROJECT_ANAPHORA = ("该项目", "该工程", "这一项目", "这个项目", "本项目", "本工程", "项目", "工程")
BUILD_VERBS = load_words("build_verbs.txt")
FUNDING_VERBS = BUILD_VERBS | {"援建", "支持"}  # 某市援建的某某, 某市支持建设的某某
# 某公司投资设立的某车间, 某集团签约的某项目: a company's own money in what it sets up or signs for
COMPANY_FUNDING_WORDS = ("投资", "出资", "签约", "捐资")
# 在深圳援建的某某: after 在, a place and a verb of giving that a 的 closes make a clause on a name.
GIVER_CLAUSE_RE = re.compile("(?:援建|援助|捐建|资助|出资|投资|帮扶|支持)[^，。；！？、]{0,8}的")
AID_MONEY_WORDS = tuple(load_words("aid_money_words.txt"))  # str.startswith takes a tuple
LOCATIVE_VERBS = ("前往", "走进", "驶入", "抵达", "到达", "来到", "落户", "落地", "开进", "赴", "到", "在", "入")
# Every position where a locative verb starts (a lookahead, so 来到 yields both 来到 and 到).
LOCATIVE_BLOCKERS = load_words("locative_blockers.txt")
MARKET_WORDS = tuple(load_words("market_words.txt"))  # str.startswith takes a tuple
PLACE_MODIFIER_RE = re.compile("[\u4e00-\u9fff]{1,4}?的")  # 在|相邻的|某县, 在|不远处的|某村
# what follows the giver's place in an aid body's name: 援疆, 医疗援藏, 对口支援
AID_WORD_AFTER_RE = re.compile("(?:第[一二三四五六七八九十0-9]+批)?(?:医疗|教育|科技|人才|文化|产业)?(?:援|对口支援)")
LIST_GAP_RE = re.compile("[ \u3000\t]+")  # 某某　某单位职务: the spaces of a list's columns
SENT_BY_WORDS = ("援", "挂职", "派驻", "选派")  # 某区挂职干部: sent by the place, not a post at it
TITLE_PREFIXES = ("常务", "执行", "挂职", "专职")  # 常务副省长, 执行院长: a title's rank before it
# The role words (role_words.txt), longest first: removed in turn, 副局长 goes before 局长
ROLES_LONGEST_FIRST = tuple(sorted(load_words("role_words.txt"), key=len, reverse=True))
# 州委副书记、州长某某, 自治区副主席某某: a title's body by its level alone (place_bodies.csv), the
# place said once for the whole list of titles (or read as a place: 某州|委书记)
BARE_TITLE_BODIES = tuple(
    sorted(
        {row["after"] + row["suffix"] for row in load_csv("place_bodies.csv") if len(row["after"]) == 1}
        | {row["suffix"] for row in load_csv("place_bodies.csv")}
        | {"自治区", "党组"},
        key=len,
        reverse=True,
    )
)
# The credits of a report (记者, 通讯员, 编辑…: bylines.csv) and of its photographs (摄影, 摄)
REPORTER_WORDS = (*byline_roles(), "摄影", "摄")
SPEECH_RE = re.compile("(?:说|表示|介绍|指出|认为|告诉记者|坦言)[，,：:]")
# 将某某资金用于…, 出资1亿元支持…: the subject spends the money on what follows
ALLOCATING_VERBS = ("用于", "支持", "资助")
AMOUNT_RE = re.compile("资金|[0-9.]+[万亿]?元")
# What a place right before them gives (某区投入, 某市出资, 某区捐资修建): the place is a funder.
GIVING_WORDS = ("投入", "投资", "出资", "捐资", "捐建", "资助")
# 甲区与乙县共建, 合作共建, 共同建设: two places building something together
JOINTLY_BUILT_RE = re.compile("(?:合作|联合|携手)?(?:共建|共同建设|共同打造|合作建设)")
# 某区（还）在某县某乡援建了…: a place before the verb of aid, after 在
AID_AT_RE = re.compile("(?:还|也|又|已|先后|累计)?在[^，。；：！？]{2,14}?(?:援建|援助|捐建)")
LIST_JOINERS = ("、", "和", "及", "与", "以及")  # between the names of a list
# 来到某中学任教: going to a body (GOING_BEFORE_RE right before its name) to take a post (POST_VERBS).
GOING_BEFORE_RE = re.compile("(?:来到|回到|到|赴|前往|进入|在)")  # (某某在某中学任教: at the body)
# 在某医院工作座谈会上: 工作 opening a meeting's name, no post
NOT_A_POST = ("工作会", "工作座谈", "工作推进", "工作部署", "工作交流", "工作汇报", "工作总结")
POST_VERBS = tuple(sorted(load_words("post_verbs.txt"), key=len, reverse=True))
POST_AT_RE = re.compile(f"(?:{'|'.join(POST_VERBS)})于")
CAME_FROM_RE = re.compile("(?:也|都|均)?来自(?:于)?")  # 某某来自某中学
CAME_FROM_CLAUSE_RE = re.compile("[，,](?:他|她)?来自(?:于)?")  # 某某是…队员，来自某医院
# 某某是某医院心内科主任, 某某现任某县副县长: a person, a copula or a verb of holding a post, and the
# body and title (生前系, 原系, 曾任: a post held before; 挂职: a cadre's temporary post; "，" alone:
# 某某，某局副局长，… in apposition).
COPULA_RE = re.compile(
    "(?:[，,](?=(?:也|还)?(?:是|系)))?(?:同时|还|也)?(?:生前|原|曾)?(?:是|系|现任|担任|现为|出任|兼任|挂职|挂任|任)"
    "|[，,](?=[^，,。；;]{2,30}[，,。；;、（(])"  # 某某，某工作组组长、某市委副书记（挂职）；: a list's row
)
SCENE_OPENING_RE = re.compile(r"\s*在")  # 在某镇某村，…: a sentence that sets its scene
RESIDENT_WORDS = ("村民", "牧民", "农民", "居民", "农户", "牧户", "群众", "脱贫户")  # who lives in a place
BUILDER_WORDS = load_words("builder_words.txt")
# 由某公司承建, 某公司负责监理, 某公司以2876.5万元的投标报价中标: the verb after the body (a few words
# of manner between)
BUILDER_AFTER_RE = re.compile(
    f"[^，。；：！？,;:!?\\n与和同及、]{{0,16}}?(?:{alternation(w for w in BUILDER_WORDS if not w.endswith('='))})"
)
BUILDER_LABEL_RE = re.compile(f"(?:{alternation(w[:-1] for w in BUILDER_WORDS if w.endswith('='))})(?:为|是|：|:)")
SET_UP_AT_RE = re.compile("(?:正式|已|近日|日前)?在")  # 某某工作室在某医院挂牌: the body where it is set up
SET_UP_VERB_RE = re.compile("(?:正式|隆重)?(?:挂牌|揭牌|成立|设立|启用|开诊|开业|开馆|开园)")
SUBORDINATE_RE = re.compile("(?:所辖|下辖|所属)(?:的)?")  # 某州所辖甲、乙两县: the counties of it
# 某州，目前重点支援甲、乙、丙五县: a later clause of the sentence naming whom the giver aids there
LATER_AID_RE = re.compile("[，,；;][^，,。；;！？]{0,8}?(?:对口)?(?:支援|帮扶|援助)")
AGE_RE = re.compile("(?:今年|现年)?[0-9一二三四五六七八九十]{1,3}岁[，,]")
# 甲、乙、丙三省市 before a verb of pairing: the givers' list, counted
COUNTED_GIVERS_RE = re.compile("[两二三四五六七八九十]{1,2}(?:省市区|省区市|省市|省|市|区|地)$")
TOWNSHIP_HOLDS_RE = re.compile("[：:]|的")  # 某乡：甲村、乙村; 某乡的甲村
LISTED_FUNDER_RULES = ("funder-subject", "funder-by")  # a funder a list of givers may end
ON_BEHALF_REACH = 24  # 某某代表…发言: how far the verb may follow a person speaking for a group
COPULA_REACH = 12  # how far after the giver 是某市…援建 may name its verb of giving
SETTLING_VERBS = tuple(load_words("settling_verbs.txt"))  # 某公司落户某县，总投资…
INVESTED_SUM_RE = re.compile("(?:总|计划|追加)?投资[0-9.一二三四五六七八九十百千万亿余多]+")
INVESTING = "投资"  # 某集团在某县投资建设某某: a company that invests funds what it builds
HELPING_RE = re.compile("(?:支持|帮助|助力|协助|指导)")  # 支持某县建设…: the place builds, the subject helps
# Institutions a giver builds where the aid goes and names by its short name (深圳城实验学校).
BRANDED = {"School", "Hospital", "Venue"}


def _institution_roles() -> dict[str, tuple[str, ...]]:
    """Titles of the staff and pupils of a hospital or a school, by the kind of institution."""
    roles: dict[str, list[str]] = {}
    for row in load_csv("institution_roles.csv"):
        roles.setdefault(row["subclass"], []).append(row["word"])
    return {subclass: tuple(words) for subclass, words in roles.items()}


INSTITUTION_ROLES = _institution_roles()
# 某某由某市援建: 由 after a name, or after its bracketed short name, a time or an adverb
# (某某（以下简称某某）由, 某某于2020年由, 某某均由).
PASSIVE_BY_RE = re.compile(
    "(?:[（(][^（）()\n]{1,20}[）)])?"
    "(?:[于在]?[0-9０-９一二三四五六七八九十〇零]{2,4}年(?:[0-9一二三四五六七八九十]{1,2}月)?|均|全部|都|主要|已|将|拟|则|也|还)?由"
)
LEAD_IN_REACH = 6  # 据了解，某某项目…，由: how many characters may lead in to the name a sentence opens
NAMED_ACTORS = ("Program", "Organization", "Event", "Person")
# What the clause after 由 某某 says the funder gave: money or aid, not only building (承建 is a builder's).
PASSIVE_FUNDING_WORDS = (*GIVING_WORDS, "援建", "援助", "支持", "帮扶", "资金")
# What an aid body does with the aid it manages (由某工作组组织实施, 由某指挥部负责推进): it funds
# what it carries out, as the aid's giver.
AID_BODY_CARRIES_OUT = ("实施", "推进", "负责建设", "建设管理", "代建")
# （原单位：某医院）, （派出单位：某局）: a cadre's home unit, in brackets after the post
ORIGIN_UNIT_RE = re.compile(r"[（(](?:原单位|派出单位|原工作单位)[：:]\s*")
# 在某市援疆工作队的(大力)支持下: a frame naming who supports what the sentence goes on to tell.
SUPPORT_FRAME_RE = re.compile("在[^，。；！？]{2,30}?(?:的)?(?:大力|鼎力|倾力|全力)?(?:支持|帮助|资助|援助|帮扶)下")
LOCATIVE_RE = re.compile("(?=(" + "|".join(map(re.escape, LOCATIVE_VERBS)) + "))")
NAME_YEAR_RE = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])")
CLAUSE_BREAKS = "，；：。！？\n【】"  # 【某地】: the tag of a brief's item closes a clause too
CLAUSE_BREAK_RE = re.compile(f"[{CLAUSE_BREAKS}]")
# East–West cooperation (东西部协作) pairs an eastern city with a western county as 对口支援 does.
EAST_WEST_WORDS = ("东西部协作", "东西部扶贫协作", "对口协作")
PAIRING_WORDS = (
    *("结对", "结亲", "结为", "手拉手", "对口支援", "对口援助", "对口帮扶", "友好学校", "姊妹学校", "结成"),
    *("共建协议", "托管", "帮扶关系"),  # 甲医院与乙医院签订共建协议, 甲医院托管乙医院, 建立帮扶关系
    *("组团式帮扶", "院包科"),  # 甲医院与乙医院开展组团式帮扶: the models of hospital pairing
    *EAST_WEST_WORDS,
)
# 某省还对口支援…: an adverb between the giver and the verb of its pairing
# 某省还对口支援…, 某市全面结对帮扶…, 某市自2010年起对口支援…: what may stand between a giver and its verb
PAIRING_ADVERB_RE = re.compile(
    "(?:还|也|继续|长期|一直|持续|重点|先后|全面|多年来|(?:自|从)?(?:19|20)[0-9]{2}年(?:起|开始|以来)?)+$"
)
PAIRING_ADVERB_REACH = 12
# 某省向某省拨付财政援助资金, 某市投入某州帮扶资金: a giver's money toward a place of another region
# (某省向某县拨付, 某市投入某州): the verb of sending money comes before or after the receiver
MONEY_ADVERBS = "(?:累计|共|全年|今年|再)?"
SENDING_MONEY = f"{MONEY_ADVERBS}(?:拨付|投入|下达|安排|落实)"
MONEY_TOWARD_RE = re.compile(f"{MONEY_ADVERBS}(?:向|为)|(?P<verb>{SENDING_MONEY})")
MONEY_FUNDS = "[^，。；]{0,12}?(?:财政援助|援助|帮扶|协作|援疆|援藏|援青)资金"
MONEY_PAIRING_RE = re.compile(f"{SENDING_MONEY}{MONEY_FUNDS}")
MONEY_FUNDS_RE = re.compile(MONEY_FUNDS)
RECEIVER_BY_RE = re.compile("(?:虽|则|均|都|也|一直|长期)?由$")  # 甲县(虽)由某市对口支援
REGION_PAIRING_WORDS = (
    *("对口支援", "对口援助", "对口帮扶", "结对帮扶", "结对支援", "对口协作"),
    *("结对", "帮扶", "携手", "对口"),
)
# 某市对某县的对口支援: the aid of a giver toward a place, said as a noun
TOWARD_AID_RE = re.compile("的(?:大力|无私|长期)?(?:对口支援|对口帮扶|结对帮扶|对口援助|帮扶|支援)")
# 帮扶 alone (甲市帮扶乙县) pairs places of two provinces only: within one it is help, not a pairing;
# so does 携手 (甲区携手乙县实施某计划), the East–West cooperation of a giving district and a county.
HELP_WORD = "帮扶"
CROSS_REGION_WORDS = (HELP_WORD, "携手", "对口")  # and 对口 alone (宁波市对口嘉黎县、比如县)
HAND_IN_HAND_RE = re.compile("(?:则|再次|共同|持续)?携手")
# 援疆 → 650000: the region each word of aid is for
AID_TARGETS = aid_targets()
GIVER_AID_WORDS = tuple(AID_TARGETS)  # 广州援疆“某某”项目: the place before is the giver
# Words that make a sentence one about aid (援疆, 对口支援新疆…, 东西部协作, 帮扶).
# the giver's bodies for one aided place (某省援藏某县工作组, 某市援疆某县分指挥部)
LOCAL_BODY_SUBCLASSES = ("Team", "AidCommand")
AID_WORDS = (*AID_TARGETS, "对口支援", *EAST_WEST_WORDS, HELP_WORD)
# 甲、乙、丙三市分别结对帮扶A、B和C: each giver of the list with the receiver in its place.
RESPECTIVELY_RE = re.compile("(?:[一二三四五六七八九十两]个?[省市县区])?分别$")
PAIR_CONJUNCTIONS = "与和同"  # 某市与某县结对
INSTITUTION_JOINT_RE = re.compile(f"[{PAIR_CONJUNCTIONS}]|(?:对口)?(?:帮扶|支援|托管)")
# what pairs with its like or another kind: schools, hospitals, newspapers and media centres, libraries
PAIRED_INSTITUTIONS = {"School", "Hospital", "Organization", "MediaOrganization", "Venue"}
# 甲与乙结对; 甲与乙开展东西部协作, 甲与乙签订东西部协作协议
# 鲁渝协作, 苏陕协作, 闽宁协作, 京蒙协作: the cooperation of two provinces by their one-character
# abbreviations (those that are common words too, 宁 and 蒙, count in a pair)
PROVINCE_CHARS = "".join(sorted(set(province_abbreviations()) | load_words("province_word_abbreviations.txt")))
PROVINCE_COOPERATION = f"[{PROVINCE_CHARS}]{{2}}(?:扶贫)?协作"
PROVINCE_COOPERATION_RE = re.compile(PROVINCE_COOPERATION)
# 签订新一轮协作协议, 签署东西部消费帮扶协议: an agreement of cooperation or help between two sides
PAIRING_AGREEMENT = "(?:签订|签署)了?[^，。；！？、]{0,8}?(?:协作|帮扶)(?:框架)?协议"
# 建立了教育结对关系: the verb may take 了, a quoted name and a few words of the field before the
# pairing word (甲与乙开展“某某”结对, 甲与乙是东西部协作结对县区; and 分别 before it all: 甲与A、乙与B
# 分别建立了结对关系)
PAIRED_AFTER_RE = re.compile(
    "(?:分别)?(?:(?:自|从|于)?[0-9０-９]{4}年(?:起|以来)?)?"  # 甲与乙自2021年建立…: since when
    "(?:(?:开展|建立|深化|签订|签署|推进|加强|是|互为)了?(?:“[^”]{1,12}”)?[^，。；！？、与和]{0,4}?)?(?:结对|结为|结成|"
    + "(?:对口)?(?:帮扶|支援|协作)关系|"  # 建立省内对口帮扶关系
    + "|".join(EAST_WEST_WORDS)
    + f"|{PROVINCE_COOPERATION})|{PAIRING_AGREEMENT}"
)
PAIRING_AGREEMENT_RE = re.compile(PAIRING_AGREEMENT)
# 某市在某县实施/建设/投资…: a giver carrying out projects where it gives (not 举办, holding a fair)
CARRYING_OUT_VERBS = (*BUILD_VERBS, "实施", "投资", "投入")
# 与某县签约, 与某县正式签订投资协议: the place a company signs a project with
SIGNED_RE = re.compile("(?:正式|成功|现场)?签(?:约|订|署)")
# 甲市、乙市分别与A县、B县结对: the n-th of one list pairs with the n-th of the other
RESPECTIVE_JOINT_RE = re.compile("分别[与同和]")
ANAPHORA = ("这", "该", "此")
# Connectives that start with an anaphoric character but point to no thing named before: 此外
# (besides) opens a new topic, 此前/此后 (before/after that) a time, 这样 a manner.
# 村里的…, 镇上的…: back to the last village or township named (the level by the word).
LOCAL_BACK_UNITS = {"村": "Village", "镇": "Township", "乡": "Township"}
LOCAL_BACK_RE = re.compile("(?<![\u4e00-\u9fff])([村镇乡])(?:里|上|中)的")
INSIDE_AFTER_RE = re.compile("[里内][，,]")
INSIDE_RE = re.compile("(?:" + "|".join(sorted(POINTER_WORDS, key=len, reverse=True)) + ")[内里][，,]")
NOT_ANAPHORA = ("此外", "此前", "此后", "这样", "这时")
ROUTE_MARKS = ("至", "到", "—", "-", "－")
# 驻 before a place in a body's name: the body is stationed there (某市驻某地工作站)
STATIONED = "驻"
# 位于某地的某某: a name sited by the place before it.
SITED_RE = re.compile("位于|地处|坐落于|坐落在")
SETUP_VERBS = tuple(sorted(BUILD_VERBS | {"开设", "设立"}, key=len, reverse=True))
SETUP_AT_RE = re.compile("在[^，。；：]{1,12}?(?:" + "|".join(SETUP_VERBS) + ")的")
# 安排200万元的…: a clause that spends money without saying whose.
# 于8月10日开赛, 7月5日正式开幕: a verb of opening a few characters after a day
OPENING_AFTER_DATE_RE = re.compile("[^，。；,]{0,4}?(?:开幕|开赛|开班|开营|开园|开跑|开工|启动|举行|举办)")
RECIPIENT_PREPOSITIONS = ("向", "给", "为")  # 向某市安排资金: the place after them receives
# Verbs of giving money: one may open a clause that goes on with the subject before (，投入资金…，)
MONEY_VERBS = ("投入", "安排", "投资", "出资", "追加", "拨付", "下达")
MONEY_VERB_START_RE = re.compile("|".join(MONEY_VERBS))
MONEY_WORDS_RE = re.compile("|".join((*MONEY_VERBS, "援助", "捐赠")))
# Adverbs that may open a clause going on with the subject of the one before (先后建成, 共实施).
# 甲县是乙区的结对帮扶县: a place described, after 是, as the paired unit of another
PAIRED_COPULA_RE = re.compile("(?:也|还|就|正|均)?是")
# 甲县是某市的对口支援县, 且末县是河北省对口支援县之一 (的 may be left out)
# (甲市是乙县的对口支援城市: the unit of the giving side, and the place before 是 gives)
PAIRED_UNIT_RE = re.compile(
    "的?(?:结对帮扶|对口支援|对口帮扶|结对|帮扶|协作)(?:(?P<giving>城市|省份|省市)|县|市|区|旗|地区|州|乡|镇|村|对象|单位)"
)
PAIRED_BY_RE = re.compile("(?:自[0-9]{4}年起|一直|长期)?由")  # 甲县由乙市对口支援
PAIRED_VERB_RE = re.compile("(?:结对帮扶|对口支援|对口帮扶|结对)")
# 某省援藏项目中，…; 某市援疆重点项目有…: the heading of a list of a giver's projects
AID_PROJECTS_HEADING_RE = re.compile(
    f"(?:{'|'.join(sorted(AID_TARGETS, key=len, reverse=True))})(?:重点|民生|产业)?项目(?:中|则|有|包括|主要有)"
)
# 某县(则)利用援青资金…: a place using the aid it was given (money_use_verbs.txt)
MONEY_USE_VERBS = alternation(load_words("money_use_verbs.txt"))
MONEY_USE_RE = re.compile(f"(?:则|还|也|积极|充分)?(?:{MONEY_USE_VERBS})")
SINCE_WORDS = ("以来", "以后", "后")  # 某区与某县结对以来: a time, the subject goes on after it
SERIAL_ADVERBS_RE = re.compile("^(?:先后|累计|共|已|还|并|相继|陆续|重点|全力|用于)")
MONEY_CLAUSE_RE = re.compile("(?:投入|安排|投资|出资)[0-9.一二三四五六七八九十百千万亿余多]+万?亿?元")
LIST_JOINER_RE = re.compile("[、和及与]")
# 等6个村, 等地 after a list of places; the verbs whose subject such a list can be (甲村、乙村实施…).
# 某地区四县, 某州3个县市: units of a place counted, not named
UNITS_COUNTED_RE = re.compile("[0-9一二三四五六七八九十两]+个?[县市区乡镇村师团]")
LOCAL_COUNT_RE = re.compile("等(?:地|[0-9一二三四五六七八九十百]+[个]?[村乡镇社区街道]+)")
SUBJECT_VERBS = tuple(sorted(BUILD_VERBS | LAUNCH_VERBS, key=len, reverse=True))
AREA_WORDS = ("市区", "城区", "县城", "境内", "辖区内", "辖区")
ITEM_JOINER_RE = re.compile("以及|[、，,和及与]")  # between the items of a list, a comma too
# 参赛队伍分别是…, 参与学校有…, 共有8支队伍参赛，分别是…: the bodies listed next take part.
PARTICIPANT_LIST_RE = re.compile(
    "(?:参赛|参与|参加|参会|参展|参演)(?:[^，。；：:]{0,10}?(?:有|包括|分别是|分别为|为)|[^。；]{0,6}，分别(?:是|为))[：:]?"
)
SETTLING_RE = re.compile("(?:入驻|进驻)")  # companies moving into a park or a project
UNIT_LIST_JOINER_RE = re.compile("以及|[、和及]")
RECEIVER_JOINER_RE = re.compile("以及|[、和及与]")  # a list of receivers right after 对口支援 (no comma)
# A lead's opening date, after which a clause naming only a place sets the scene.
# 一是某某项目，…，在某镇新建…: what the program a sentence opens with builds, and where
TOPIC_BUILD_VERBS = ("新建", "建设", "建成", "实施", "改造", "扩建", "打造")
TOPIC_OPENING = 6  # 一是, （三）, 2024年: the most a sentence may say before its program
# 拉萨市：北京市、江苏省 — a line of a list setting places against places across a colon
LIST_PAIRING_RE = re.compile(r"(?m)^[ \t　]*(?:[-*•·][ \t]*)?(?P<left>[^\n:：]{2,30}?)[:：](?P<right>[^\n]{2,120})$")
# ；在某县，…: a sentence's next part sets a scene of its own
SCENE_BREAKS = "；;"
SCENE_PART_RE = re.compile("[；;]在[^，,。；;]{2,20}[，,]")
SCENE_RE = re.compile(r"[\s　]*(?:(?:19|20)[0-9]{2}年)?[0-9]{1,2}月[0-9]{1,2}日(?:[上下]午|晚|早上|清晨|傍晚)?[，,]")
SITE_VERBS = tuple(sorted(load_words("site_verbs.txt"), key=len, reverse=True))
# What may stand between a name and its site verb (某园区目前位于, 某公司已落户).
# 某公司(于2024年5月)(已)落户某县: a date and an adverb between the name and its verb of standing
SITE_GAP_RE = re.compile(
    "(?:于?[0-9０-９]{4}年(?:[0-9０-９]{1,2}月(?:[0-9０-９]{1,2}日)?)?|去年|今年|前年|近日|日前|近年来)?"
    "(?:已经|已|将|目前|现|正式|成功|也|则|就)?"
)
ARRIVAL_VERBS = ("驶入", "抵达", "到达", "落户", "落地", "开进")
VISIT_VERBS = ("走进", "走入", "在")
MEDIA_FOLLOWERS = ("团队", "栏目", "节目", "杂志", "摄制组", "剧组")
PARTICIPANT_ORG_SUBCLASSES = {"Team", "MediaOrganization"}


@dataclass(frozen=True)
class RelationCandidate:
    """One relation: indices into :func:`entity_spans`, or a date for ``date``."""

    subject: int
    predicate: str
    object: int | None
    literal: object | None  # a kg.dates.DateValue for "date"
    start: int  # evidence: characters of the view text
    end: int
    strength: str  # "explicit" or "default"
    rule: str


# The organizations a project named after them is for: what it builds or equips serves them.
BENEFICIARY_SUBCLASSES = {"School", "Hospital", "Company"}


# The unit one level below another, which a text may write right after it (某县某镇, 某镇某村).
UNIT_BELOW = {"County": "Township", "Township": "Village"}
# 某某研讨会在这里举行: held at the scene the sentence before set
HELD_HERE_RE = re.compile(
    r"(?:也|则|就)?(?:在这里|在此|于此)(?:隆重|正式|同时)?(?:举行|举办|召开|开幕|启动|开班|开赛|揭牌)"
)
EVENT_ANAPHORA = ("此次", "本次", "这次", "当天", "当日", "同日", "本批", "这批", "该批")
# The opening of an item of a list in its own paragraph: 一是, （二）, 3., 其一, 第四,
LIST_ITEM_RE = re.compile(
    r"[（(]?[一二三四五六七八九十]{1,3}[）)、是．.]|\d{1,2}[、．.）)]|其[一二三四五六七八九十]|第[一二三四五六七八九十]{1,3}[，,、是]"
)


class RelationExtractor:
    """Write ``doc._.kg_relations`` and ``doc._.kg_figure_of``, and ``doc._.kg_entities``: the
    :class:`~.spans.SpanData` of the mentions the relations' indices refer to."""

    def __init__(self, nlp: Language, name: str = "kg_relations"):
        self.name = name
        self.gazetteer = Gazetteer.load()

    def __call__(self, doc: Doc) -> Doc:
        spans = span_data(doc, entity_spans(doc))
        outer = len(doc.spans.get("kg_mentions", []))
        # 该校, 这个项目…: read in place of the name they point back at, then credited to it.
        pointers = pointer_spans(doc, spans, outer)
        state = _State(doc, spans + [span for span, _ in pointers], self.gazetteer, outer)
        for rule in (
            state.nesting,
            state.framed_villages,
            state.site_verbs,
            state.name_places,
            state.visits,
            state.locatives,
            state.signed_places,
            state.set_places,
            state.acting_places,
            state.possessive_places,
            state.local_back_references,
            state.inside_named,
            state.funders,
            state.aid_bodies,
            state.prefixed_funders,
            state.giver_names,
            state.participants,
            state.event_participants,
            state.unit_participants,
            state.labelled_fields,
            state.contact_fields,
            state.table_rows,
            state.listed_funds,
            state.counted_participants,
            state.listed_participants,
            state.settled_participants,
            state.builder_participants,
            state.sending_participants,
            state.named_participants,
            state.organizer_participants,
            state.attendance_participants,
            state.represented_participants,
            state.signing_participants,
            state.affiliations,
            state.pronoun_affiliations,
            state.post_affiliations,
            state.copula_affiliations,
            state.seconded_affiliations,
            state.scene_affiliations,
            state.list_affiliations,
            state.institution_affiliations,
            state.pairings,
            state.subordinate_pairings,
            state.listed_pairings,
            state.table_pairings,
            state.dates,
            state.sub_programs,
            state.default_funder,
            state.default_place,
            state.default_township_county,
        ):
            rule()
        entities, relations, final = finish(spans, pointers, state, state.sentences)
        doc._.kg_entities = entities
        doc._.kg_relations = _unique(relations)
        doc._.kg_figure_of = {f: final.get(i, i) for f, i in state.figures().items()}
        return doc


def listed_pairs(text, pattern, spans, outer) -> list[tuple[int, int]]:
    """(giver, receiver) for each line of a list that sets places against places (``pattern``
    has the groups ``left`` and ``right``: 拉萨市：北京市、江苏省, - Lhasa: Beijing and Jiangsu.):
    each two places across it that the pairing table pairs, as an explainer's list states."""
    pairs = []
    for line in pattern.finditer(text):
        left, right = (
            [
                i
                for i in outer
                if spans[i].label == "Place" and spans[i].key and line.start(g) <= spans[i].start < line.end(g)
            ]
            for g in ("left", "right")
        )
        for i in left:
            for j in right:
                if pairing(spans[i].key, spans[j].key):
                    pairs.append((i, j))
                elif pairing(spans[j].key, spans[i].key):
                    pairs.append((j, i))
    return pairs


def finish(spans, pointers, state, sentences):
    """After the rules of either language: the bodies of the XPCC divisions added
    (:mod:`kg.extract.divisions`) and every index put in terms of ``doc._.kg_entities`` (``spans``,
    then the bodies; a pointer is the name it points at). ``state`` is the rules' state (its
    ``text``, ``spans``: ``spans`` and the pointers' spans, ``outer``, ``relations`` and
    ``sentence_of``), ``sentences`` the bounds of its sentences. Returns the entities, the
    relations and the map of indices."""

    def make(subject, predicate, obj, like, anchor):
        if like is not None:
            return replace(like, subject=subject, predicate=predicate, object=obj, rule="xpcc-division")
        start, end = sentences[state.sentence_of[anchor]]
        return RelationCandidate(subject, predicate, obj, None, start, end, "default", "xpcc-division")

    mentions = [i for i in sorted(state.outer) if i < len(spans)]
    bodies, added = division_bodies(state.text, state.spans, mentions, state.relations, make)
    final = {len(spans) + k: antecedent for k, (_, antecedent) in enumerate(pointers)}
    final.update({len(state.spans) + k: len(spans) + k for k in range(len(bodies))})
    return spans + bodies, list(_renumbered([*state.relations, *added], final)), final


def _renumbered(relations, final):
    """The relations with their mentions' indices in ``final`` (those not in it unchanged), none
    of a mention with itself."""
    for rel in relations:
        rel = replace(rel, subject=final.get(rel.subject, rel.subject), object=final.get(rel.object, rel.object))
        if rel.object != rel.subject:
            yield rel


def _unique(relations):
    """The relations once each (one per subject, predicate, object or date, and sentence)."""
    seen, result = set(), []
    for rel in relations:
        key = (rel.subject, rel.predicate, rel.object, getattr(rel.literal, "iso", None), rel.start)
        if key not in seen:
            seen.add(key)
            result.append(rel)
    return result


def pointer_spans(doc, spans, outer, english=False):
    """Spans for the phrases that point back at an outer mention, or at a name an event's name
    holds (see :mod:`kg.extract.anaphora`), each a copy of the mention it points at but for its
    place in the text, with that mention's index."""
    text = doc_text(doc)
    index = SentenceIndex(doc)
    holders = [spans[i] for i in range(outer) if spans[i].label in ("Event", "Program")]
    # 某中心揭牌仪式在某地举行。该中心由…建设: what an event's name holds, the ceremony's object;
    # 某中学宿舍楼项目竣工。该校位于…: the body a project's name holds, what it is built for
    held = (
        j
        for j in range(outer, len(spans))
        if spans[j].label in ("Organization", "Program")
        and any(h.start <= spans[j].start and spans[j].end < h.end for h in holders)
    )
    candidates = sorted(
        [*(i for i in range(outer) if spans[i].label in ("Place", "Organization", "Program", "Event")), *held],
        key=lambda i: (spans[i].start, -spans[i].end),
    )
    return [
        (replace(spans[i], start=start, end=end, text=text[start:end], aliases=(), rule="anaphora"), i)
        for start, end, i in find_anaphors(
            text, spans, candidates, index.index, english, places=[i for i, s in enumerate(spans) if s.label == "Place"]
        )
    ]


class _State:
    def __init__(self, doc, spans, gazetteer, outer):
        """``spans[:outer]`` are the outer mentions, then the inner ones, then phrases that point
        back at an outer mention (read as outer mentions)."""
        self.doc = doc
        self.text = doc_text(doc)
        self.spans = spans
        self.gaz = gazetteer
        self.relations: list[RelationCandidate] = []
        self.asserted: set[tuple[int, str]] = set()
        self.invested: set[int] = set()  # projects a company signed to invest in (signing_participants)
        self.nested: set[tuple[int, int]] = set()  # (inner, outer) places the nesting rule joined
        self.sentence_index = SentenceIndex(doc)
        self.sentences = self.sentence_index.bounds
        self.sentence_of = [self._sentence_index(span.start) for span in spans]
        self.place_starts = sorted((span.start, j) for j, span in enumerate(spans) if span.label == "Place")
        self.by_sentence: dict[int, list[int]] = {}
        for i, sentence in enumerate(self.sentence_of):
            self.by_sentence.setdefault(sentence, []).append(i)
        inner_end = len(entity_spans(doc))
        self.outer = set(range(outer)) | set(range(inner_end, len(spans)))
        self._named: dict[str, list[int]] = {}
        self.named_starts = sorted(spans[j].start for j in self.outer if spans[j].label != "Place")
        self.breaks = [match.start() for match in CLAUSE_BREAK_RE.finditer(self.text)]
        # The text with every outer mention blanked: the verbs of a clause, not those of names
        # (建 of 孙建国 or 福建省 builds nothing).
        bare = list(self.text)
        for j in self.outer:
            bare[spans[j].start : spans[j].end] = " " * (spans[j].end - spans[j].start)
        self.bare_text = "".join(bare)
        # Where mentions start and end, for the rules that look right after or before a word.
        self.outer_at = {spans[j].start: j for j in sorted(self.outer, reverse=True)}
        self.places_at: dict[int, list[int]] = {}
        self.ends_at: dict[int, list[int]] = {}
        for j, span in enumerate(spans):
            if span.label == "Place":
                self.places_at.setdefault(span.start, []).append(j)
            self.ends_at.setdefault(span.end, []).append(j)

    # -- helpers ------------------------------------------------------------------------------
    def named(self, label: str) -> list[int]:
        """The outer mentions of a class, in the order of the text (worked out once per class)."""
        found = self._named.get(label)
        if found is None:
            found = self._named[label] = sorted(
                (i for i in self.outer if self.spans[i].label == label), key=lambda i: self.spans[i].start
            )
        return found

    def _sentence_index(self, char: int) -> int:
        return self.sentence_index.index(char)

    def add(self, subject, predicate, obj, sentence, rule, strength="explicit", literal=None):
        if obj is not None and obj == subject:
            return
        start, end = self.sentences[sentence]
        self.relations.append(RelationCandidate(subject, predicate, obj, literal, start, end, strength, rule))
        self.asserted.add((subject, predicate))

    def add_span(self, subject, predicate, obj, start, end, rule, strength="explicit"):
        self.relations.append(RelationCandidate(subject, predicate, obj, None, start, end, strength, rule))

    def in_sentence(self, sentence, labels=None):
        return [i for i in self.by_sentence.get(sentence, ()) if labels is None or self.spans[i].label in labels]

    def has(self, subject, predicate):
        return (subject, predicate) in self.asserted

    def inner_places(self, i):
        """The places inside mention ``i``, in text order (places indexed by start: this is asked
        for every mention)."""
        outer = self.spans[i]
        first = bisect.bisect_left(self.place_starts, (outer.start, -1))
        last = bisect.bisect_left(self.place_starts, (outer.end, -1))
        return [j for _, j in self.place_starts[first:last] if j != i and self.spans[j].end <= outer.end]

    def within(self, inner_key, outer_key):
        return _within(self.gaz, inner_key, outer_key)

    def most_specific(self, places):
        """The places of a chain that no other place of the chain contains, by the gazetteer or by
        the text's nesting (某镇某村, a village no table knows) (阿克苏阿拉尔 → both)."""
        keys = [self.spans[j].key for j in places]
        return [
            j
            for j, key in zip(places, keys)
            if not any(self.within(other, key) for other in keys if other != key)
            and not any((k, j) in self.nested for k in places)
        ]

    def clause_bounds(self, char):
        """The clause around a character: between the clause breaks before and after it."""
        k = bisect.bisect_left(self.breaks, char)
        start = self.breaks[k - 1] + 1 if k > 0 else 0
        end = self.breaks[k] if k < len(self.breaks) else len(self.text)
        return start, end

    def leading_places(self, i):
        """The places a name starts with, one after another (某县某镇 in 某县某镇第一小学)."""
        span = self.spans[i]
        batch = ORDINAL_BATCH_RE.match(self.text, span.start)  # 第九批某省医疗援藏队
        chain, pos = [], batch.end() if batch else span.start
        for j in self.inner_places(i):
            if self.spans[j].start != pos:
                break
            if chain and self.spans[j].key and not self._same_region(chain[-1], j):
                break  # 某县广州新城…: a far-away place after the first names the thing, not where it is
            chain.append(j)
            pos = self.spans[j].end
        return chain

    def sending_place(self, i):
        """The place an aid body or team acts for: the one right before its aid word (某县浙江援疆
        工作组, 某医院浙江援疆医疗队: 浙江, not the county or hospital it works in), else the first
        place its name starts with."""
        for j in self.inner_places(i):
            if AID_WORD_AFTER_RE.match(self.text, self.spans[j].end):
                return j
        leading = self.leading_places(i)
        return leading[0] if leading else None

    def _same_region(self, i, j):
        """Two places of one province, or one inside the other."""
        a, b = self.spans[i].key or "", self.spans[j].key or ""
        return a[:2] == b[:2] and a[:2].isdigit() or self.within(b, a) or self.within(a, b)

    # -- rules --------------------------------------------------------------------------------
    def nesting(self):
        places = sorted((i for i, s in enumerate(self.spans) if s.label == "Place"), key=lambda i: self.spans[i].start)
        by_end = {self.spans[i].end: i for i in places}
        for i in places:
            span = self.spans[i]
            parent = by_end.get(span.start)
            if parent is None:
                continue
            parent_key = self.spans[parent].key
            if (
                span.parent
                and span.parent in (parent_key, self.spans[parent].name)
                or self.within(span.key, parent_key)
                or UNIT_BELOW.get(self.spans[parent].subclass) == span.subclass
                or span.subclass == "Site"
                and not span.key
                and self.spans[parent].key
            ):
                # the last: 某镇某村 written one after the other, whatever a table says (the township
                # table's villages are of about 2015; the recognizer's units are in no table)
                self.add(i, "partOf", parent, self.sentence_of[i], "nesting")
                self.nested.add((i, parent))
                self._listed_units(i, parent, places)
        self._regiments(places)
        # 一、某乡：甲村、乙村…; 某乡的甲村、乙村和某镇的丙村: a township and, after a colon or 的,
        # the villages it has
        starts = {self.spans[i].start: i for i in places}
        for t in places:
            if self.spans[t].subclass != "Township":
                continue
            mark = TOWNSHIP_HOLDS_RE.match(self.text, self.spans[t].end)
            first = starts.get(mark.end()) if mark else None
            if first is None or self.spans[first].subclass != "Village" or (first, t) in self.nested:
                continue
            if self.spans[first].end in starts:
                continue  # 某乡的甲村某组: a chain of its own
            self.add(first, "partOf", t, self.sentence_of[first], "nesting-list")
            self.nested.add((first, t))
            self._listed_units(first, t, places)

    def _regiments(self, places):
        """在十二团…, 四十一团、四十五团: a regiment the report names apart from its division (or the
        division's city) is in it, by the Corps' table of regiments (a default: the text does not
        say so)."""
        nested = {child for child, _ in self.nested}
        by_key: dict[str, list[int]] = {}
        for j in places:
            by_key.setdefault(self.spans[j].key, []).append(j)
        for i in places:
            span = self.spans[i]
            if span.subclass != "XPCCUnit" or i in nested:
                continue
            code = self.gaz.regiment_division(span.name or span.text)
            division = by_key.get(code) if code else None
            if division:
                before = [j for j in division if self.spans[j].start < span.start]
                parent = before[-1] if before else division[0]
                self.add(i, "partOf", parent, self.sentence_of[i], "xpcc-regiment", strength="default")

    def _listed_units(self, first, parent, places):
        """某镇甲村、乙村和丙村: the units listed right after one nested in a place, of its kind and
        nested in nothing of their own, are in that place too."""
        if self.spans[first].subclass not in ("Township", "Village"):
            return  # a county's or a district's place is the gazetteer's to say (甲市乙区与丙县结对)
        starts = {self.spans[j].start: j for j in places}
        pos = self.spans[first].end
        # no comma (某镇甲村，乙村… may open a clause) and no 与 (甲村与乙村结对 joins two sides)
        while joiner := UNIT_LIST_JOINER_RE.match(self.text, pos):
            j = starts.get(joiner.end())
            if j is None or self.spans[j].subclass != self.spans[first].subclass:
                return
            if self.spans[j].end in starts:
                return  # 乙村某组, or the next item opens a chain of its own
            self.add(j, "partOf", parent, self.sentence_of[j], "nesting-list")
            self.nested.add((j, parent))
            pos = self.spans[j].end

    def name_places(self):
        organizations_at: dict[int, list[int]] = {}  # by start: a scan of all spans per subunit was quadratic
        for j, s in enumerate(self.spans):
            if s.label == "Organization":
                organizations_at.setdefault(s.start, []).append(j)
        for i, span in enumerate(self.spans):
            if (
                span.label in ("Person", "Work")  # a title that names a place is about it, not in it
                or span.rule
                and span.rule.startswith(("gazetteer", "nested", "abbreviation", "aid-giver"))
            ):
                continue
            if span.label == "Organization" and span.rule == "subunit":
                parent = next(
                    (j for j in organizations_at.get(span.start, ()) if j != i and self.spans[j].end < span.end),
                    None,
                )
                if parent is not None:
                    self.add(i, "partOf", parent, self.sentence_of[i], "subunit")
            stationed = [
                j
                for j in self.inner_places(i)
                if self.spans[j].start > span.start and self.text[self.spans[j].start - 1] == STATIONED
            ]
            if span.label == "Organization" and stationed:
                # 某市驻某地劳务工作站, 某市驻京办: one place's office stationed in the other (an aid
                # body's post, 某省驻某县工作队, is left unsaid, as every aid body's is)
                if not self._names_giver(i):
                    for j in self.most_specific(stationed):
                        self.add(i, "locatedIn", j, self.sentence_of[i], "name-station")
                continue
            leading = self.leading_places(i)
            if (
                self._names_giver(i)
                or span.rule.startswith("quoted")
                or self._is_route(leading)
                or leading
                and self.text.startswith(GIVER_AID_WORDS, self.spans[leading[-1]].end)
            ):
                continue  # the place gives the aid (某市援疆某某项目), is quoted, or ends a route: not where it is
            seat = self._seat_places(span, leading)
            for j in self.most_specific(seat):
                self.add(i, "locatedIn", j, self.sentence_of[i], "name-place")
            # 某某医院阿拉尔医院: a place right before the head says where the institution is.
            for j in self.inner_places(i):
                remaining = span.end - self.spans[j].end
                if j in leading or not 1 <= remaining <= 3 or span.label != "Organization":
                    continue
                if span.subclass == "GovernmentBody" or leading and not self._same_region(leading[0], j):
                    continue  # 某县江苏中学: a far-away place after the first names the school, not where it is
                self.add(i, "locatedIn", j, self.sentence_of[i], "name-place")

    def _seat_places(self, span, leading):
        """The places a name says its bearer is in. A government body's name gives the place it
        governs (某县委, 某市发展改革委), not a location the graph should state; a province (浙江省
        人民医院, 新疆某某有限公司, 某省好物市集) is a scope, a registration or a brand, too coarse to
        say where something is."""
        if span.label == "Organization" and span.subclass in ("GovernmentBody", "MediaOrganization"):
            return []  # a medium's place is the one it reports on (某县融媒体中心), said as often as not
        seats = [j for j in leading if self._level(j) != "province"]
        if span.subclass == "Company":
            # 深圳市某某有限公司 in a report on aid: an investor from the giving side, whose seat the
            # report does not state; a company named after the receiving place is the report's own
            seats = [j for j in seats if not self._policy_giver(j)]
        # 深圳·喀什座谈会, 乌什·衢州智慧新村: a pairing's two sides joined by ·; the giver's is none
        if any(self.text[self.spans[j].end : self.spans[j].end + 1] == "·" for j in leading):
            seats = [j for j in seats if not self._policy_giver(j)]
        return seats

    def _level(self, i):
        division = self.gaz.get(self.spans[i].key) if self.spans[i].key else None
        return division.level if division else None

    def visits(self):
        """“某某”走进某地, 某某在某地: a program named after a visit is located there."""
        for i, span in enumerate(self.spans):
            if span.label not in ("Program", "Event"):
                continue
            for j in self.inner_places(i):
                before = self.text[max(span.start, self.spans[j].start - 2) : self.spans[j].start]
                if any(before.endswith(verb) for verb in VISIT_VERBS):
                    self.add(i, "locatedIn", j, self.sentence_of[i], "name-visit")

    def _is_route(self, leading):
        """某地至某地…: a route between places is not located at either end (``leading``: the
        places the name starts with)."""
        return bool(leading) and self.text[self.spans[leading[-1]].end : self.spans[leading[-1]].end + 1] in ROUTE_MARKS

    def _anaphoric(self, sentence_start):
        """The sentence opens by pointing back to what the one before named (这/该/此…, or 园区内，
        after a park: a head noun of :mod:`kg.extract.anaphora` and 内/里)."""
        if self.text.startswith(ANAPHORA, sentence_start):
            return not self.text.startswith(NOT_ANAPHORA, sentence_start)
        return INSIDE_RE.match(self.text, sentence_start) is not None

    def _names_giver(self, i):
        span = self.spans[i]
        return (
            self._is_aid_body(i)
            or span.subclass == "AidCommand"
            or span.label == "Organization"
            and "援" in span.text
            and (span.subclass in FUNDER_SUBCLASSES or span.rule == "subunit")
        )

    def _place_after(self, pos):
        """The most specific places named at ``pos``: a chain of places (某县某镇), or the places an
        organization's name starts with."""
        j = self.outer_at.get(pos)
        if j is None:
            return []
        if self.spans[j].label == "Organization":
            return self.most_specific(self.leading_places(j))
        if self.spans[j].label != "Place":
            return []
        chain = [j]
        while self.places_at.get(self.spans[chain[-1]].end):
            chain.append(self.places_at[self.spans[chain[-1]].end][0])
        return self.most_specific(chain)

    def locatives(self):
        text = self.text
        for sentence, (s_start, s_end) in enumerate(self.sentences):
            for match in LOCATIVE_RE.finditer(text, s_start, s_end):
                pos, verb = match.start(), match.group(1)
                if text[max(0, pos - 1) : pos + len(verb)] in LOCATIVE_BLOCKERS:
                    continue  # 得到某市资金支持: 到 ends another verb here
                if verb == "在" and SUPPORT_FRAME_RE.match(text, pos):
                    continue  # 在某区的帮扶下: who helps, not where (see _support_frame_funders)
                places = self._place_after(pos + len(verb))
                if places:
                    # 走进甲县、乙县等地, 在甲县、乙县实施: every place of the list (a comma after 在某地
                    # ends the scene it sets: 在某县某乡，某市援建的…)
                    joiners = RECEIVER_JOINER_RE if verb == "在" else ITEM_JOINER_RE
                    places = self._place_list(pos + len(verb), joiners)[0] or places
                modifier = verb == "在" and not places and PLACE_MODIFIER_RE.match(text, pos + len(verb))
                if modifier:  # 在相邻的某县: a few words and 的 before the place
                    places = self._place_after(modifier.end())
                if not places:
                    continue
                place_end = max(self.spans[j].end for j in places)
                if self.text.startswith(MARKET_WORDS, place_end):
                    continue  # 进入长三角市场: where goods are sold, not where the thing is
                if verb == "在" and self._giver_clause(places):
                    continue  # 在深圳援建的某某图书馆: the giver of a clause on the name, not where it is
                clause_start, clause_end = self.clause_bounds(pos)
                in_sentence = [i for i in self.in_sentence(sentence, {"Program", "Event"}) if i in self.outer]
                targets = [
                    i
                    for i in in_sentence
                    if pos < self.spans[i].start < clause_end or clause_start <= self.spans[i].start < pos
                ]
                if not targets and verb == "在" and self.text.startswith(TOPIC_BUILD_VERBS, place_end):
                    targets = [i for i in self._topic_program(sentence, pos) if self._located_above(i, places)]
                    self._unlocate(targets)  # the town it builds in, not the county its name gives
                if not targets and verb in ARRIVAL_VERBS:
                    # 首趟某某专列…，缓缓驶入某站: the subject of the sentence arrives there.
                    targets = [i for i in in_sentence if self.spans[i].start < pos and self.spans[i].label == "Event"][
                        :1
                    ]
                if verb == "在":  # 在某县投资建设某某产业园: the body built there is there
                    targets += [
                        i
                        for i in self.in_sentence(sentence, {"Organization"})
                        if i in self.outer
                        and place_end <= self.spans[i].start < clause_end
                        and any(v in self.text[place_end : self.spans[i].start] for v in BUILD_VERBS)
                    ]
                opens = pos == s_start or text[pos - 1] in SCENE_BREAKS
                if opens and verb == "在" and self.text.startswith(("，", ","), place_end):
                    # 在某地，…: a scene for the sentence (not 在某园区新建…, a clause's own place), or
                    # for its part up to the next scene (在甲县，…；在乙县，…)
                    opening = self._opening_locative_targets(sentence, places, pos)
                    targets += opening
                    # 在某县某镇某村，…援建的某县某某车间: the village, not the county its name gives
                    self._unlocate(opening)
                for i in dict.fromkeys(targets):
                    if any(self.spans[i].start <= self.spans[j].start < self.spans[i].end for j in places):
                        continue
                    for j in places:
                        self.add(i, "locatedIn", j, sentence, "locative")

    def site_verbs(self):
        """某某产业园位于某县某镇, 某公司落户某镇: the name right before a verb of standing somewhere
        (``data/rules/site_verbs.txt``) is located in the place after it."""
        for i in sorted(self.outer):
            span = self.spans[i]
            if span.label not in ("Organization", "Program", "Place") or span.label == "Place" and span.key:
                continue  # where a division lies the gazetteer says (某县地处某地区东北部 names no region)
            gap = SITE_GAP_RE.match(self.text, span.end)
            verb = next((v for v in SITE_VERBS if self.text.startswith(v, gap.end())), None)
            places = self._place_after(gap.end() + len(verb)) if verb else self._set_up_at(i, gap.end())
            for j in places:
                if self.spans[j].label == "Place" and j != i:
                    relation = "partOf" if span.label == "Place" else "locatedIn"
                    self.add(i, relation, j, self.sentence_of[i], "site-verb")

    def _set_up_at(self, i, pos) -> list[int]:
        """某某工作室在某县人民医院挂牌成立: a body or program set up at a place (or at a body a
        place names) is there."""
        pos += pos < len(self.text) and self.text[pos] in '”」』"'  # “某某工作室”在…: past the quotation's end
        at = SET_UP_AT_RE.match(self.text, pos)
        if at is None or self.spans[i].subclass in AID_BODY_SUBCLASSES:
            return []
        j = self.outer_at.get(at.end())
        if j is None or self.spans[j].label not in ("Place", "Organization"):
            return []
        if not SET_UP_VERB_RE.match(self.text, self.spans[j].end):
            return []
        return self._place_after(at.end())

    def _listed_places(self, pos) -> list[int]:
        """The most specific place of each chain in a list starting at ``pos`` (甲县、乙县和丙县)."""
        return self._place_list(pos)[0]

    def _places_before(self, end) -> list[int]:
        """The places of a list that ends at ``end`` (甲、乙和丙|), in order."""
        return self._listed_before(end, lambda span: span.label == "Place")

    def _listed_before(self, end, party) -> list[int]:
        """The mentions of a list that ends at ``end`` (甲、乙和丙|), in order, each an outer one
        ``party(span)`` accepts."""
        listed = []
        while (j := self._outer_ending_at(end, party)) is not None:
            listed.insert(0, j)
            start = self.spans[j].start
            if start == 0 or self.text[start - 1] not in LIST_JOINERS:
                break
            end = start - 1
        return listed

    def _outer_ending_at(self, end, party) -> int | None:
        return next((k for k in self.ends_at.get(end, ()) if k in self.outer and party(self.spans[k])), None)

    def _place_list(self, pos, joiners=ITEM_JOINER_RE) -> tuple[list[int], int]:
        """:meth:`_listed_places` (joined by ``joiners``) and where the list ends."""
        listed, list_end = [], pos
        while (end := self._place_chain_end(pos)) is not None:
            listed.extend(self._place_after(pos))
            list_end = end
            joiner = joiners.match(self.text, end)
            if joiner is None:
                break
            pos = joiner.end()
        return listed, list_end

    def acting_places(self):
        """甲村、乙村等6个村实施某某工程, 某县建成了某某产业园, 支持某县建设某某基地: townships,
        villages, and counties or cities that give no aid by the pairing table, as the subject of a
        building or launching verb are where what the clause builds or launches is. (A giving county
        or city as the subject is the giver: left to the funder rules.)"""
        # a clause's start, or a verb of helping whose object goes on to build (支持某县建设某某基地)
        starts = [0, *(b + 1 for b in self.breaks), *(m.end() for m in HELPING_RE.finditer(self.text))]
        for clause_start in starts:
            places, end = self._place_list(clause_start)
            if not places or not all(self._is_local(j) or self._receives(j) for j in places):
                continue
            counted = LOCAL_COUNT_RE.match(self.text, end)
            verb_at = counted.end() if counted else end
            if not self.text.startswith(SUBJECT_VERBS, verb_at):
                continue
            _, clause_end = self.clause_bounds(verb_at)
            sentence = self._sentence_index(verb_at)
            for i in self.in_sentence(sentence, {"Program", "Organization"}):
                if i in self.outer and verb_at < self.spans[i].start < clause_end and not self._is_funder(i):
                    for j in places:
                        self.add(i, "locatedIn", j, sentence, "acting-place")

    def _giver_clause(self, places) -> bool:
        """在深圳援建的某某: after 在, a giving place of the table and a verb of giving that 的
        closes (not 在某县投资建设的某某, where the county is where it is built)."""
        end = max(self.spans[j].end for j in places)
        return GIVER_CLAUSE_RE.match(self.text, end) is not None and any(self._policy_giver(j) for j in places)

    def _receives(self, j):
        """A coded county or city that the pairing table lists as no giver and lies in none."""
        span = self.spans[j]
        return span.subclass in ("County", "Prefecture") and bool(span.key) and not gives_by_policy(span.key)

    def _acts_in_aided_place(self, j):
        """某市在某县实施…: a place right before 在 and a place of an aided region (the giver at work
        in the place it supports), though the sentence has no word of aid."""
        if not self.text.startswith("在", self.spans[j].end):
            return False
        k = self.outer_at.get(self.spans[j].end + 1)
        if k is None or self.spans[k].label != "Place" or not receives_by_policy(self.spans[k].key or ""):
            return False
        # building or carrying out projects (实施, 建设…), not holding a fair there; and not 某区在某县
        # 设立的工作站开行…: a relative clause, whose noun is the subject
        after = SERIAL_ADVERBS_RE.sub("", self.text[self.spans[k].end : self.spans[k].end + 12], count=1)
        if not after.startswith(CARRYING_OUT_VERBS):
            return False
        return re.match(f"[^{CLAUSE_BREAKS}的]{{0,6}}的", after) is None

    def _policy_giver(self, j):
        """A place the pairing table lists as a giver, or that lies in one (a district of a giving city)."""
        return self.spans[j].label == "Place" and gives_by_policy(self.spans[j].key or "")

    def _is_local(self, j):
        span = self.spans[j]
        return span.subclass in ("Township", "Village") or self._level(j) in ("township", "village")

    def _place_chain_end(self, pos) -> int | None:
        """Where the chain of places starting at ``pos`` (某县某乡某村) ends, or None."""
        j = self.outer_at.get(pos)
        if j is None or self.spans[j].label != "Place":
            return None
        end = self.spans[j].end
        while self.places_at.get(end):
            end = self.spans[self.places_at[end][0]].end
        return end

    def set_places(self):
        """Places a sentence sets before what it names: 位于某县某乡的某某园 (the name after 的 is
        there), and a lead that opens on a place alone (12月23日上午，某县某镇某村，某公司的某生产线
        正式投产: what the sentence names is there)."""
        for sentence, (s_start, s_end) in enumerate(self.sentences):
            for match in SITED_RE.finditer(self.text, s_start, s_end):
                end = self._place_chain_end(match.end())
                if end is None or self.text[end : end + 1] != "的":
                    continue
                named = self.outer_at.get(end + 1)
                if named is not None and self.spans[named].label in ("Organization", "Program", "Event"):
                    for j in self._place_after(match.end()):
                        self.add(named, "locatedIn", j, sentence, "sited")
            lead = SCENE_RE.match(self.text, s_start, s_end)
            if lead is None:
                continue
            end = self._place_chain_end(lead.end())
            if end is None or self.text[end : end + 1] not in "，,":
                continue
            places = self._place_after(lead.end())
            for i in self.in_sentence(sentence, {"Organization", "Program", "Event"}):
                if (
                    i in self.outer
                    and self.spans[i].start > end
                    and not self.has(i, "locatedIn")
                    and not self._is_funder(i)
                ):
                    for j in places:
                        self.add(i, "locatedIn", j, sentence, "scene")

    def possessive_places(self):
        """某县某镇的某某园, 某市区的甲公园、乙公园和丙大学, 在某市设立的某某站: the names right
        after a place and 的 (and those listed with them) are in that place. A program after a
        place that gives aid is that place's aid, not in it (某省的援疆项目)."""
        givers = self._giver_keys()
        for j in sorted(self.outer, key=lambda j: self.spans[j].start):
            first = self.spans[j]
            if first.label != "Place" or first.subclass == "Site":
                continue
            if self.ends_at.get(first.start) and any(self.spans[k].label == "Place" for k in self.ends_at[first.start]):
                continue  # not the first place of its chain
            end = self._place_chain_end(first.start)
            area = next((word for word in AREA_WORDS if self.text.startswith(word, end)), "")
            end += len(area)  # 某市市区的, 某县境内的: the area of the place
            after = end
            setting = self.text[max(0, first.start - 1) : first.start] == "在"
            if setting:  # 在某市设立的: a verb of setting up may come between
                if self._giver_clause(self._place_after(first.start)):
                    continue  # 在深圳市援建的某某: the giver of a clause on the name
                verb = next((v for v in SETUP_VERBS if self.text.startswith(v, end)), None)
                after = end + len(verb) if verb else end
            if self.text[after : after + 1] != "的":
                continue
            places = [k for k in self._place_after(first.start) if self._level(k) != "province"]
            if first.start and self.text[first.start - 1] in ("、", "和", "及"):
                # 甲县、乙县的某某项目: the places listed before the last one too (not 甲市与乙县的,
                # two sides; not a giver)
                places += [
                    k
                    for k in self._places_before(first.start - 1)
                    if self._level(k) != "province" and self.spans[k].key not in givers
                ]
            if not places:
                continue  # 某省的: a scope, too coarse to say where something is (as in names)
            giver = any(self.spans[k].key in givers for k in places)
            named = self.outer_at.get(after + 1)
            while named is not None:
                span = self.spans[named]
                if span.label not in ("Organization", "Program", "Event") and span.subclass != "Site":
                    break
                if not (giver and span.label in ("Program", "Event")) and not self.has(named, "locatedIn"):
                    for k in places:
                        self.add(named, "locatedIn", k, self.sentence_of[named], "possessive")
                joiner = LIST_JOINER_RE.match(self.text, span.end)
                named = self.outer_at.get(joiner.end()) if joiner else None

    def local_back_references(self):
        """村里的某某, 镇上的某某: the village or township named last, in this sentence or the three
        before (a quotation in between is sentences of its own), is where the name after it is."""
        for match in LOCAL_BACK_RE.finditer(self.text):
            named = self.outer_at.get(match.end())
            if named is None or self.spans[named].label not in ("Organization", "Program"):
                continue
            if self.has(named, "locatedIn"):
                continue
            sentence = self.sentence_of[named]
            unit = LOCAL_BACK_UNITS[match.group(1)]
            earlier = [
                j
                for _, j in self.place_starts  # inner ones too: 某村党支部书记 names the village
                if self.spans[j].end <= match.start()
                and self.sentence_of[j] >= sentence - 3
                and (self.spans[j].subclass == unit or self.spans[j].text.endswith(match.group(1)))
            ]
            if earlier:
                self.add(named, "locatedIn", earlier[-1], sentence, "local-back")

    def inside_named(self):
        """某县的某某产业园里，甲项目…: what a sentence names after a park or base and 里/内 is where
        the park is."""
        located = {}
        for rel in self.relations:
            if rel.predicate == "locatedIn":
                located.setdefault(rel.subject, []).append(rel.object)
        for i in self.named("Organization"):
            match = INSIDE_AFTER_RE.match(self.text, self.spans[i].end)
            if match is None or i not in located:
                continue
            _, s_end = self.sentences[self.sentence_of[i]]
            _, clause_end = self.clause_bounds(match.end())
            for j in self.in_sentence(self.sentence_of[i], {"Program", "Organization"}):
                if j in self.outer and match.end() <= self.spans[j].start < clause_end and not self.has(j, "locatedIn"):
                    for place in located[i]:
                        self.add(j, "locatedIn", place, self.sentence_of[j], "inside")

    def _located(self, i):
        return [r for r in self.relations if r.subject == i and r.predicate == "locatedIn"]

    def _unlocate(self, mentions):
        """Drop where ``mentions`` were located so far: a more specific place replaces it."""
        coarser = {id(r) for i in mentions for r in self._located(i)}
        self.relations = [r for r in self.relations if id(r) not in coarser]

    def _located_above(self, i, places) -> bool:
        """``i`` is located nowhere yet, or only in places that hold each of ``places`` (某县, for
        某县某镇某村)."""
        located = self._located(i)
        if not located:
            return True
        keys = [self.spans[j].key for j in places]
        return all(keys) and all(
            self.spans[r.object].key and all(self.within(key, self.spans[r.object].key) for key in keys)
            for r in located
        )

    def _topic_program(self, sentence, pos) -> list[int]:
        """一是某某项目，安排资金2800万元，在某镇新建…: the program a sentence (or a list item)
        opens with, and no other name follows before ``pos``, is what is built there."""
        s_start, _ = self.sentences[sentence]
        named = [i for i in self.in_sentence(sentence) if i in self.outer and self.spans[i].start < pos]
        named.sort(key=lambda i: self.spans[i].start)
        if len(named) != 1 or self.spans[named[0]].label != "Program":
            return []
        opening = self.text[s_start : self.spans[named[0]].start]
        return named if len(opening) <= TOPIC_OPENING else []

    def _opening_locative_targets(self, sentence, places, pos):
        """在某地，… (at ``pos``) locates the programs of the sentence up to the next scene and of a
        next sentence that says 这/该, those its name put in a place that holds this one too."""
        scene_end = self._scene_end(sentence, pos)
        sentences = [sentence]
        if (
            scene_end == self.sentences[sentence][1]
            and sentence + 1 < len(self.sentences)
            and self._anaphoric(self.sentences[sentence + 1][0])
        ):
            sentences.append(sentence + 1)
        return [
            i
            for s in sentences
            for i in self.in_sentence(s, {"Program", "Organization"})
            if i in self.outer
            and (s != sentence or pos <= self.spans[i].start < scene_end)
            and self._located_above(i, places)
            and not self._is_funder(i)
            # 在某县，…引进某省农业科学院的技术: a body named after a province is not in this place
            and not (
                self.spans[i].label == "Organization"
                and any(self._level(j) == "province" for j in self.leading_places(i))
            )
        ]

    def _scene_end(self, sentence, pos) -> int:
        """Where the part of a sentence from ``pos`` ends: at the next scene (；在乙县，…) or with it."""
        _, s_end = self.sentences[sentence]
        return next((m.start() + 1 for m in SCENE_PART_RE.finditer(self.text, pos + 1, s_end)), s_end)

    def funders(self):
        text = self.text
        for sentence, (s_start, s_end) in enumerate(self.sentences):
            members = [i for i in self.in_sentence(sentence) if i in self.outer]
            members.sort(key=lambda i: self.spans[i].start)
            funder = None
            scenes = [m.start() for m in SCENE_PART_RE.finditer(self.text, s_start, s_end)]
            aid_sentence = any(word in self.text[s_start:s_end] for word in AID_WORDS) or bool(
                PROVINCE_COOPERATION_RE.search(self.text, s_start, s_end)
            )
            for i in members:
                span = self.spans[i]
                if funder is not None and any(self.spans[funder].end <= at < span.start for at in scenes):
                    funder = None  # 在甲县，某市援建的A；在乙县，B: a new scene, and B's giver unsaid
                # a giving place of the table, in a sentence about aid (某市在某县实施了…等15个援疆项目)
                if (
                    self._is_funder(i)
                    or (aid_sentence or self._acts_in_aided_place(i))
                    and self._policy_giver(i)
                    or self._invests(i)
                    or span.subclass == "Company"
                    and self._gives_aid(i)  # 某公司援建了…
                ) and self._acts(i):
                    funder = i
                    continue
                if self._gives_in_clause(i):
                    funder = None  # 甲区援建的A；乙区支持的B: B's giver (funder-by) is no longer 甲区
                    continue
                if funder is None or self._is_funder(i):
                    continue
                if span.label in ("Program", "Work", "Event") or span.label == "Organization" and self._built(i):
                    self.add(i, "fundedBy", funder, sentence, "funder-subject")
            # 某地援建的某某 / 由某某援建的某某: the funder comes right before the verb and 的.
            for i in members:
                span = self.spans[i]
                site = span.label == "Place" and not span.key  # 某集团投资建设的某某物流园
                if span.label not in ("Program", "Organization", "Work") and not site:
                    continue
                before = text[max(s_start, span.start - 16) : span.start]
                if "的" not in before[-3:]:
                    continue
                for j in members:
                    # 由某集团出资兴建的某园: a company funding it with its own investment
                    company = self.spans[j].subclass == "Company"
                    if j == i or self.spans[j].end > span.start:
                        continue
                    giving_clause = self._gives_in_clause(j) and GIVER_CLAUSE_RE.fullmatch(
                        text, self.spans[j].end, span.start
                    )
                    if not (company or giving_clause or self._is_funder(j)):
                        continue
                    if self._after_zai(j) and not self._policy_giver(j):
                        continue  # 在某县投资建设的某某: where it was built, not who paid
                    gap = text[self.spans[j].end : span.start]
                    funding = any(verb in gap for verb in FUNDING_VERBS) or (
                        company and any(word in gap for word in COMPANY_FUNDING_WORDS)
                    )
                    if giving_clause or (len(gap) <= 14 and funding and not any(c in gap for c in "，。；")):
                        self.add(i, "fundedBy", j, sentence, "funder-by")
            self._support_frame_funders(sentence, s_start, s_end, members)
            self._passive_funders(sentence, members)
            self._copula_funders(sentence, members)
            self._money_funders(sentence, members)
            self._setup_funders(sentence, members)
            self._carried_funders(sentence, s_start, s_end, members)
            self._heading_funders(sentence, s_end, members)
            self._company_project_funders(sentence, members)
            self._joint_builders(sentence, members)
            # 某省…援疆…医疗队: a team sent by a province is funded by it.
            for i in members:
                span = self.spans[i]
                if (
                    span.label == "Organization"
                    and span.subclass == "Team"
                    and "援" in span.text
                    and not self._is_aid_body(i)
                ):
                    j = self.sending_place(i)
                    if j is not None and self.spans[j].subclass in FUNDER_PLACE_SUBCLASSES:
                        self.add(i, "fundedBy", j, sentence, "funder-team")
        self._listed_funders()

    def _listed_funders(self):
        """甲省、乙省援建的某某, 甲、乙两省组织某某: the givers listed before a giving place that funds
        something fund it too."""
        funded = {(r.subject, r.object) for r in self.relations if r.predicate == "fundedBy"}
        for rel in [r for r in self.relations if r.predicate == "fundedBy" and r.rule in LISTED_FUNDER_RULES]:
            if self.spans[rel.object].label != "Place":
                continue
            for k in self._places_before(self.spans[rel.object].end):
                if k != rel.object and self._policy_giver(k) and (rel.subject, k) not in funded:
                    self.relations.append(replace(rel, object=k))
                    funded.add((rel.subject, k))

    def _support_frame_funders(self, sentence, s_start, s_end, members):
        """在某市援疆工作队的支持下，某某建成投产: the giver a support frame names funds what the
        rest of the sentence builds, launches or names as a program."""
        for frame in SUPPORT_FRAME_RE.finditer(self.text, s_start, s_end):
            inside = [j for j in members if frame.start() < self.spans[j].start and self.spans[j].end <= frame.end()]
            # a giving place the frame names helps (在某区的帮扶下), aid words or not
            funders = [
                j for j in inside if self._is_funder(j) or self.spans[j].rule == "aid-giver" or self._policy_giver(j)
            ]
            if not funders:
                continue
            for i in members:
                span = self.spans[i]
                # 某卫生室在某市援疆资金支持下完成改造: the subject right before the frame, too
                subject = span.end == frame.start()
                if span.start < frame.end() and not subject or self._is_funder(i):
                    continue
                if span.label in ("Program", "Event") or span.label == "Organization" and self._built_in_clause(i):
                    self.add(i, "fundedBy", funders[-1], sentence, "funder-support")

    def _passive_funders(self, sentence, members):
        """某某医院由某市援建, 某某园由某集团投资建设, 某某学校由某市投入援疆资金…: the funder right after
        由 funds the name before it, when its clause says it gave (a builder that 承建 does not)."""
        for i in members:
            span = self.spans[i]
            if span.label not in ("Program", "Organization", "Work", "Event") or self._is_funder(i):
                continue
            by = PASSIVE_BY_RE.match(self.text, span.end)
            after_by = by.end() if by else self._later_clause_by(i)
            j = self.outer_at.get(after_by) if after_by is not None else None
            if j is not None and self.spans[j].label == "Place":
                j = self._place_after(after_by)[-1]  # 由某市某区: the district
            if j is None or not (
                self._is_funder(j)
                or self.spans[j].subclass == "Company"
                or self.spans[j].rule == "aid-giver"
                or self._policy_giver(j)
            ):
                continue
            _, clause_end = self.clause_bounds(self.spans[j].end)
            said = self.text[self.spans[j].end : clause_end]
            if any(word in said for word in PASSIVE_FUNDING_WORDS) or (
                self._is_aid_body(j) and any(word in said for word in AID_BODY_CARRIES_OUT)
            ):
                self.add(i, "fundedBy", j, sentence, "funder-passive")

    def _joint_builders(self, sentence, members):
        """某产业园由甲区与乙县共建, 甲市与乙州共建的某园区, 甲区与乙县合作共建某某: two places build
        it together, the giver named first; it is funded by that one."""
        for i in members:
            span = self.spans[i]
            if span.label != "Place" or span.subclass not in FUNDER_PLACE_SUBCLASSES or self.places_at.get(span.end):
                continue
            if span.end + 1 >= len(self.text) or self.text[span.end] not in "与和同":
                continue
            chain_end = self._place_chain_end(span.end + 1)
            verb = JOINTLY_BUILT_RE.match(self.text, chain_end) if chain_end else None
            if verb is None:
                continue
            chain_start = span.start  # 甲市甲区与乙县: where the giver's chain of places starts
            while before := [k for k in self.ends_at.get(chain_start, ()) if self.spans[k].label == "Place"]:
                chain_start = self.spans[before[0]].start
            particle = self.text[verb.end() : verb.end() + 1]
            if particle != "的" and chain_start > 0 and self.text[chain_start - 1] == "由":  # 某某由甲区与乙县共建
                target = next((k for k in self.ends_at.get(chain_start - 1, ()) if k in self.outer), None)
            else:  # 甲市与乙州共建的某园区, 甲区与乙县共建了某某
                target = self.outer_at.get(verb.end() + (particle in ("的", "了")))
            if target is not None and self.spans[target].label in ("Program", "Organization"):
                self.add(target, "fundedBy", i, sentence, "funder-joint")

    def _later_clause_by(self, i):
        """某某项目总投资3000万元，由某工作组负责推进: 由 opening a later clause of the sentence the
        name opens (after a few words leading in: 据了解，还有, 我们叫它), no other name between; where
        the name after 由 starts, or None."""
        span = self.spans[i]
        s_start, s_end = self.sentences[self.sentence_of[i]]
        # the places where it is count for nothing (某村的“某某工坊”于3月挂牌，由…)
        in_places = {
            pos
            for k in self.in_sentence(self.sentence_of[i], ("Place",))
            if k in self.outer and self.spans[k].end <= span.start
            for pos in range(self.spans[k].start, self.spans[k].end)
        }
        lead_in = "".join(self.text[pos] for pos in range(s_start, span.start) if pos not in in_places)
        lead_in = lead_in.replace("的", "").strip(' \u3000，,“"')
        if len(lead_in) > LEAD_IN_REACH or self.outer_at.get(span.start) != i:
            return None
        if any(self.spans[k].start < span.start for k in self.in_sentence(self.sentence_of[i], NAMED_ACTORS)):
            return None
        at = self.text.find("，由", span.end, s_end)
        if at == -1 or any(
            span.end <= self.spans[k].start < at and self.spans[k].label in ("Program", "Organization", "Event")
            for k in self.in_sentence(self.sentence_of[i], ("Program", "Organization", "Event"))
        ):
            return None
        return at + 2

    def _copula_funders(self, sentence, members):
        """某某厂是某市援建的重点项目: the funder of the description after 是 funds the name before it."""
        for i in members:
            span = self.spans[i]
            if span.label not in ("Program", "Organization") or self._is_funder(i):
                continue
            if not self.text.startswith("是", span.end):
                continue
            j = self.outer_at.get(span.end + 1)
            if j is not None and self.spans[j].label == "Place":
                j = self._place_after(span.end + 1)[-1]  # 是某市某区…援建的: the district
            if j is None or not (self._is_funder(j) or self.spans[j].rule == "aid-giver" or self._policy_giver(j)):
                continue
            _, clause_end = self.clause_bounds(span.end)
            described = self.text[self.spans[j].end : clause_end]
            # 援建的重点项目, 援建项目 with no 的, 2024年重点援建项目 (a year and a rank first)
            de = described.find("的", 0, COPULA_REACH)
            verbs = described[: de if de != -1 else COPULA_REACH]
            if any(verb in verbs for verb in FUNDING_VERBS):
                self.add(i, "fundedBy", j, sentence, "funder-copula")

    def _money_funders(self, sentence, members):
        """某市援疆资金: the place whose aid money a clause spends funds the program the money
        builds (由某市援疆资金投入500万元建设的某某项目) or, failing that, the program the sentence
        is about before it (某某项目由某市援疆资金投入…, 某某项目安排某市援藏资金…)."""
        for j in members:
            place = self.spans[j]
            if place.label == "Place" and place.subclass in FUNDER_PLACE_SUBCLASSES:
                money = self.text.startswith(AID_MONEY_WORDS, place.end)
                if FOR_PROJECT_RE.match(self.text, place.end):
                    # 某市为该项目投入资金…: the project the sentence or the one before is about
                    earlier = [i for i in self.named("Program") if self.spans[i].end <= place.start]
                    last = earlier[-1] if earlier else None
                    if last is not None and self.sentence_of[last] >= sentence - 1:
                        self.add(last, "fundedBy", j, sentence, "funder-money")
                    continue
            else:  # 某市援疆 read as the city's aid: its money is 某市援疆资金
                money = place.rule == "aid-giver" and self.text.startswith("资金", place.end)
            if not money:
                continue
            _, clause_end = self.clause_bounds(place.start)
            # (and a park the money builds: 某产业园首期投入某市东西部协作资金8600万元)
            programs = [
                i for i in members if self.spans[i].label == "Program" or self.spans[i].subclass == "IndustrialPark"
            ]
            after = [
                i
                for i in programs
                if place.end < self.spans[i].start <= clause_end + 1 and self.text[self.spans[i].start - 1] == "的"
            ]
            before = [i for i in programs if self.spans[i].end <= place.start]
            target = after[0] if after else before[-1] if before else None
            if target is not None:
                for listed in self._listed_with(target):  # 甲、乙等N个项目…其中某省援藏资金…
                    self.add(listed, "fundedBy", j, sentence, "funder-money")

    def _listed_with(self, i):
        """The mentions of ``i``'s class listed with it (甲、乙和丙), ``i`` among them, in order."""
        label, listed = self.spans[i].label, [i]
        while True:
            start = self.spans[listed[0]].start
            before = start and LIST_JOINER_RE.match(self.text, start - 1)
            previous = [j for j in self.ends_at.get(start - 1, ()) if j in self.outer] if before else []
            if not previous or self.spans[previous[0]].label != label:
                break
            listed.insert(0, previous[0])
        while True:
            joiner = LIST_JOINER_RE.match(self.text, self.spans[listed[-1]].end)
            following = self.outer_at.get(joiner.end()) if joiner else None
            if following is None or self.spans[following].label != label:
                break
            listed.append(following)
        return listed

    def _setup_funders(self, sentence, members):
        """某区在某县设立的某某: what a giver sets up or builds in a place of another province
        is funded by it."""
        for j in members:
            place = self.spans[j]
            if place.label != "Place" or place.subclass not in FUNDER_PLACE_SUBCLASSES:
                continue
            match = SETUP_AT_RE.match(self.text, place.end)
            target = match and self.outer_at.get(match.end())
            if not target or self.spans[target].label not in ("Program", "Organization"):
                continue
            there = self._place_after(place.end + 1)
            if there and not any(self._same_region(j, k) for k in there):
                self.add(target, "fundedBy", j, sentence, "funder-setup")

    def _company_project_funders(self, sentence, members):
        """某某（阿克苏）有限公司年产10万锭纺纱项目: a company's name right before a project's is the
        company carrying out its own investment."""
        ends = {self.spans[j].end: j for j in members if self.spans[j].subclass == "Company"}
        for i in members:
            company = ends.get(self.spans[i].start)
            if company is not None and self.spans[i].label == "Program":
                self.add(i, "fundedBy", company, sentence, "funder-company")

    def _heading_funders(self, sentence, s_end, members):
        """此次开工的某省援藏项目中，甲工程…；乙工程…: a giver's aid projects named as the heading of
        the sentence's list fund each project the rest of the sentence names."""
        for j in members:
            place = self.spans[j]
            if place.label != "Place" or not self._policy_giver(j):
                continue
            heading = AID_PROJECTS_HEADING_RE.match(self.text, place.end)
            if heading is None:
                continue
            for i in members:
                if self.spans[i].label == "Program" and heading.end() <= self.spans[i].start < s_end:
                    if not self.has(i, "fundedBy"):
                        self.add(i, "fundedBy", j, sentence, "funder-heading")

    def _carried_funders(self, sentence, s_start, s_end, members):
        """…某区援助资金安排900万元新建的甲项目；安排200万元的乙项目…: a clause that spends
        money without naming whose spends the money of the funder named before it in the sentence."""
        funded = [
            rel
            for rel in self.relations
            if rel.predicate == "fundedBy" and rel.start == s_start and rel.rule.startswith("funder-")
        ]
        if not funded:
            return
        for match in MONEY_CLAUSE_RE.finditer(self.text, s_start, s_end):
            clause_start, clause_end = self.clause_bounds(match.start())
            if match.start() != clause_start:
                continue  # the clause names its own subject
            earlier = [rel for rel in funded if self.spans[rel.subject].end <= clause_start]
            target = next(
                (
                    i
                    for i in members
                    if match.end() <= self.spans[i].start < clause_end
                    and self.spans[i].label == "Program"
                    and self.text[self.spans[i].start - 1] == "的"
                ),
                None,
            )
            if earlier and target is not None and not self.has(target, "fundedBy"):
                self.add(target, "fundedBy", earlier[-1].object, sentence, "funder-carried")

    def aid_bodies(self):
        """An aid body is part of the province or city whose name it starts with (the giver)."""
        bodies = {}  # (sentence, giver's key) -> the first aid body of the giver the sentence names
        for i, span in enumerate(self.spans):
            if not self._is_aid_body(i):
                continue
            j = self.sending_place(i)
            if j is not None and self.spans[j].subclass in FUNDER_PLACE_SUBCLASSES:
                self.add(i, "partOf", j, self.sentence_of[i], "aid-body")
                bodies.setdefault((self.sentence_of[i], self.spans[j].key), i)
        # 某省援藏工作队…。此次…，其中某省援藏资金…: the money of a giver whose aid body the sentence
        # or the one before names is spent by that body (part of the giver: both are found).
        for k, rel in enumerate(self.relations):
            funder = self.spans[rel.object] if rel.predicate == "fundedBy" else None
            if funder is None or not (funder.label == "Place" or funder.rule == "aid-giver" and funder.key):
                continue
            giver = funder.key if funder.label == "Place" else funder.key.split(":")[1]  # 某省援藏: aid:<key>
            sentence = self.sentence_of[rel.subject]
            body = bodies.get((sentence, giver), bodies.get((sentence - 1, giver)))
            if body is not None and body != rel.subject:
                self.relations[k] = replace(rel, object=body)

    def _is_aid_body(self, i):
        span = self.spans[i]
        if span.label != "Organization" or span.rule == "aid-giver":
            return False
        if span.subclass == "AidCommand":
            return True
        return (
            span.subclass == "Team"
            and span.text.endswith(AID_BODY_HEADS)
            and any(marker in span.text for marker in AID_BODY_MARKERS)
        )

    def prefixed_funders(self):
        """江苏援青|共和县城乡供水工程: a giver's aid (某省援青, 某市援疆) written right before a project's
        name funds it."""
        givers_ending = {self.spans[i].end: i for i in self.named("Organization") if self.spans[i].rule == "aid-giver"}
        for i in self.named("Program"):
            giver = givers_ending.get(self.spans[i].start)
            if giver is not None:
                self.add(i, "fundedBy", giver, self.sentence_of[i], "funder-prefix")

    def giver_names(self):
        """由南京市援建的江苏工业园区: a place in the name of a program or a park that holds the
        funder, or lies in the funder's region, honours the aid-giver; the thing stands where the
        aid goes, and the sentence's locatives (在某县…) say where. So does the giver's short name
        in the name of a school or hospital it funds (深圳市援建的深圳城实验学校); not its full
        name: 深圳市第二人民医院 stands in its city, whoever funds its new wing."""
        funders: dict[int, list[int]] = {}
        for rel in self.relations:
            if rel.predicate == "fundedBy" and rel.strength == "explicit":
                funders.setdefault(rel.subject, []).append(rel.object)
        honouring, moved = set(), {}
        for rel in self.relations:
            if rel.rule != "name-place" or not any(
                self._same_giver(f, self.spans[rel.object].key) for f in funders.get(rel.subject, ())
            ):
                continue
            span = self.spans[rel.subject]
            place = self.spans[rel.object]
            brand = place.rule == "gazetteer:short"  # 深圳城实验学校, not 深圳市第二人民医院
            if span.label == "Program" or span.subclass == "IndustrialPark" or span.subclass in BRANDED and brand:
                honouring.add(id(rel))
                moved[rel.subject] = self._sentence_locatives(rel.subject)
        if not honouring:
            return
        self.relations = [rel for rel in self.relations if id(rel) not in honouring]
        for i, places in moved.items():
            if not any(rel.subject == i and rel.predicate == "locatedIn" for rel in self.relations):
                self.asserted.discard((i, "locatedIn"))
                for j in places:
                    self.add(i, "locatedIn", j, self.sentence_of[i], "locative")

    def _same_giver(self, funder, key):
        """The funder is the place ``key``, lies in it or holds it (南京市 and 江苏省, 广东省援疆 and
        广州市)."""
        span = self.spans[funder]
        if span.label == "Place":
            place = span.key
        elif span.key and span.key.startswith("aid:"):
            place = span.key.split(":")[1]
        else:
            place = next((self.spans[j].key for j in self.leading_places(funder)), None)
        return bool(place and key) and (place == key or self.within(place, key) or self.within(key, place))

    def _sentence_locatives(self, i):
        """The places the locatives of ``i``'s sentence name for it: one opening the sentence
        (在某地，…), or one in its clause."""
        span = self.spans[i]
        s_start, s_end = self.sentences[self.sentence_of[i]]
        places = []
        for match in LOCATIVE_RE.finditer(self.text, s_start, s_end):
            pos, verb = match.start(), match.group(1)
            clause_start, clause_end = self.clause_bounds(pos)
            opening = pos == s_start and verb == "在"
            if opening or pos < span.start < clause_end or clause_start <= span.start < pos:
                places += [
                    j for j in self._place_after(pos + len(verb)) if not span.start <= self.spans[j].start < span.end
                ]
        return list(dict.fromkeys(places))

    def _acts(self, i):
        """The funder is the subject of its clause: first there, and a launching verb follows."""
        span = self.spans[i]
        clause_start, clause_end = self.clause_bounds(span.start)
        before = self.text[clause_start : span.start]
        if "由" in before[-2:]:
            # 由某委主办的某某: the organizer of a program, a participant (organizer_participants)
            return not any(word in self.bare_text[span.end : clause_end] for word in ORGANIZER_WORDS)
        if self._after_zai(i):
            return False  # 在某县投资建设的…: where, not who
        if before.endswith(RECIPIENT_PREPOSITIONS):
            return False  # 向某市安排援疆资金: to whom the money goes, not who gives it
        first = bisect.bisect_left(self.named_starts, clause_start)
        if first < len(self.named_starts) and self.named_starts[first] < span.start:
            return False  # another name opens the clause
        after = self.bare_text[span.end : clause_end]
        if any(verb in after for verb in LAUNCH_VERBS | BUILD_VERBS):
            return True
        if AMOUNT_RE.search(after) and any(verb in after for verb in ALLOCATING_VERBS):
            return True  # 某工作队将3800万元援藏资金用于某某项目, 某市出资1亿元支持某某工程
        # 某区投入帮扶资金300万元，建成某某: the clause after the money goes on with the same subject;
        # so does the one after a time since (某区与某县结对帮扶以来，先后建成了某某)
        since = after.rstrip().endswith(SINCE_WORDS)
        agreed = PAIRING_AGREEMENT_RE.search(after) and self._money_clause_follows(clause_end)
        if (
            after.startswith("与")
            and (HAND_IN_HAND_RE.search(after) or SIGNING_CLAUSE_RE.match(after))
            and self.text[clause_end : clause_end + 1] in ("，", ",")
        ):
            # 某区与某县携手，投入协作资金1800万元建设某某; 某公司与某县签约，投资1.6亿元建设某某: the
            # side before 与 (a giver, or a company) goes on as the subject
            following = self.bare_text[clause_end + 1 : self.clause_bounds(clause_end + 1)[1]]
            if MONEY_WORDS_RE.search(following) and any(verb in following for verb in LAUNCH_VERBS | BUILD_VERBS):
                return self._policy_giver(i) or self.spans[i].subclass == "Company"
        if self._settles_investing(i):
            return True
        paired = since or any(word in after for word in PAIRING_WORDS)  # 某市对口帮扶某县，投入…
        if (
            not (MONEY_WORDS_RE.search(after) or paired or agreed)
            or clause_end >= len(self.text)
            or self.text[clause_end] not in "，,"
        ):
            return False
        while self._money_clause_follows(clause_end):
            # 某区与某乡签订结对帮扶协议，投入帮扶资金200万元，在某村实施…: the money's clause goes on
            # with the subject too
            clause_end = self.clause_bounds(clause_end + 1)[1]
        if self.text.startswith(ALLOCATING_VERBS, clause_end + 1):
            return True  # 某区追加援疆资金1500万元，用于某某项目
        following = SERIAL_ADVERBS_RE.sub("", self.text[clause_end + 1 : clause_end + 8], count=1)
        if any(following.startswith(verb) for verb in LAUNCH_VERBS | BUILD_VERBS):
            return True
        # 某工作组投入资金680万元，在甲乡、乙镇的12个村实施某某: where, then the verb
        next_start = clause_end + 1
        adverb = SERIAL_ADVERBS_RE.match(self.text[next_start : next_start + 4])
        next_start += adverb.end() if adverb else 0
        next_end = self.clause_bounds(next_start)[1]
        if (
            paired
            and MONEY_VERB_START_RE.match(self.text, next_start)
            and AMOUNT_RE.search(self.text, next_start, next_end)
            and any(verb in self.bare_text[next_start:next_end] for verb in LAUNCH_VERBS | BUILD_VERBS)
        ):
            return True  # 某区与某县结对后，投入援青资金2600万元建设某某: one clause spends and builds
        if not self.text.startswith("在", next_start):
            return False
        verb_at = min(
            (
                at
                for verb in LAUNCH_VERBS | BUILD_VERBS
                if (at := self.bare_text.find(verb, next_start, next_end)) != -1
            ),
            default=-1,
        )
        first = bisect.bisect_left(self.named_starts, next_start)
        no_subject = first == len(self.named_starts) or self.named_starts[first] >= verb_at
        return verb_at != -1 and no_subject

    def _money_clause_follows(self, clause_end) -> bool:
        """The clause after a comma at ``clause_end`` gives an amount of money (，投入资金200万元，)
        and ends in another comma."""
        if self.text[clause_end : clause_end + 1] not in ("，", ","):
            return False
        start = clause_end + 1
        adverb = SERIAL_ADVERBS_RE.match(self.text[start : start + 4])
        start += adverb.end() if adverb else 0
        end = self.clause_bounds(start)[1]
        return (
            MONEY_VERB_START_RE.match(self.text, start) is not None
            and AMOUNT_RE.search(self.text, start, end) is not None
            and self.text[end : end + 1] in ("，", ",")
        )

    def _invests(self, i):
        """A company that invests in what its clause builds (某集团在某县投资建设某某产业园), or in what
        the clause after its signing does (某公司与某县签约，投资1.6亿元建设某某)."""
        span = self.spans[i]
        _, clause_end = self.clause_bounds(span.start)
        if span.subclass != "Company":
            return False
        signed = SIGNING_CLAUSE_RE.match(self.text, span.end, clause_end) and self.text.startswith(
            ("，投资", ",投资"), clause_end
        )
        return INVESTING in self.text[span.end : clause_end] or bool(signed) or self._settles_investing(i)

    def _settles_investing(self, i) -> bool:
        """某公司落户某县，总投资3.5亿元的某某项目…: a company settling somewhere, then the sum it
        invests (settling_verbs.txt)."""
        span = self.spans[i]
        _, clause_end = self.clause_bounds(span.start)
        return (
            span.subclass == "Company"
            and self.text.startswith(SETTLING_VERBS, span.end)
            and INVESTED_SUM_RE.match(self.text, clause_end + 1) is not None
            and self.text[clause_end : clause_end + 1] in ("，", ",")
        )

    def _is_funder(self, i):
        span = self.spans[i]
        if span.label == "Organization":
            return span.subclass in FUNDER_SUBCLASSES
        return span.label == "Place" and span.subclass in FUNDER_PLACE_SUBCLASSES and self._gives_aid(i)

    def _after_zai(self, i) -> bool:
        """The mention comes right after 在: where something is or happens, not who acts."""
        start = self.spans[i].start
        return self.text[start - 1 : start] == "在"  # (at 0 the slice is empty)

    def _gives_in_clause(self, i):
        """某区支持的某某, 某基金会资助的某某: a giving place or body right before a verb of giving
        and the 的 of a clause."""
        span = self.spans[i]
        body = span.label == "Organization" and span.subclass not in ("MediaOrganization", "Hospital", "School")
        if not body and (span.label != "Place" or span.subclass not in FUNDER_PLACE_SUBCLASSES):
            return False
        if self._after_zai(i) and not self._policy_giver(i):
            return False  # 在某县投资建设的…: where, not who
        return bool(GIVER_CLAUSE_RE.match(self.text, span.end))

    def _gives_aid(self, i):
        # within its clause: 【某地】某省援建的…, a brief's tag and the giver after it
        after = CLAUSE_BREAK_RE.split(self.text[self.spans[i].end : self.spans[i].end + 10], maxsplit=1)[0]
        if MONEY_USE_RE.match(after):
            return False  # 某县利用援青资金实施…: the aid it receives
        if AID_AT_RE.match(self.text, self.spans[i].end):
            return True  # 某区在某县某乡援建了…: where, then the verb of aid
        return "援" in after[:6] or after[:3].startswith(GIVING_WORDS) or after[1:3].startswith(GIVING_WORDS)

    def _built_in_clause(self, i):
        """Its clause says it was built, opened or started (某某厂建成投产, 新建某某中心)."""
        clause_start, clause_end = self.clause_bounds(self.spans[i].start)
        clause = self.text[clause_start:clause_end]
        return any(verb in clause for verb in BUILD_VERBS | MILESTONE_VERBS)

    def _built(self, i):
        """A verb of building before it in its clause (新建某某中心), or its cost right after it (某某中心
        投资3000万元); not where a thing built is unveiled (…共同建设的某实验室在某大学揭牌: 在 makes
        the university a venue)."""
        if self._after_zai(i):
            return False
        start = self.spans[i].start
        clause_start, _ = self.clause_bounds(start)
        if self.spans[i].subclass != "Company" and INVESTED_SUM_RE.match(self.text, self.spans[i].end):
            return True  # 其中：某某研究中心投资3000万元；…: an item of a list of projects and its cost
        return any(verb in self.bare_text[clause_start:start] for verb in BUILD_VERBS)

    def participants(self):
        for sentence in range(len(self.sentences)):
            programs = [
                i for i in self.in_sentence(sentence, {"Program", "Event"}) if i in self.outer and not self._owned(i)
            ]
            if not programs:
                continue
            people = self.in_sentence(sentence, {"Person"})
            s_start = self.sentences[sentence][0]
            if sentence > 0 and self._anaphoric(s_start):
                people += self.in_sentence(sentence - 1, {"Person"})
            for p in programs:
                for person in people:
                    speaker = self.spans[person].end <= self.spans[p].start and SPEECH_RE.match(
                        self.text, self.spans[person].end
                    )
                    reporter = self.text[max(0, self.spans[person].start - 5) : self.spans[person].start].rstrip(" ：:")
                    # 某某说，甲项目建成: what is said about, not taken part in; (记者 某某): who wrote it
                    if not speaker and not reporter.endswith(REPORTER_WORDS):
                        self.add(p, "participant", person, sentence, "participant")
            self._host_participants(sentence, programs)
            for p in programs:
                # 某公司的蓝莓深加工生产线: the company's own line, run by it
                start = self.spans[p].start
                if self.text[start - 1 : start] == "的":
                    for j in self.ends_at.get(start - 1, ()):
                        if j in self.outer and self.spans[j].subclass == "Company":
                            self.add(p, "participant", j, sentence, "participant-owner")
            for org in self.in_sentence(sentence, {"Organization"}):
                if (
                    self.spans[org].subclass not in PARTICIPANT_ORG_SUBCLASSES
                    or self._is_funder(org)
                    and self._acts(org)
                ):
                    continue
                org_start = self.spans[org].start
                if self._after_zai(org):
                    continue  # 在某中心举行: a venue, not a participant
                before = [p for p in programs if self.spans[p].end <= org_start]
                _, clause_end = self.clause_bounds(org_start)
                after = [p for p in programs if org_start < self.spans[p].start < clause_end]
                for p in before[-1:] + after:
                    self.add(p, "participant", org, sentence, "participant-org")

    def _host_participants(self, sentence, programs):
        """在甲中学、乙小学开展某某结对: schools and hospitals a program is carried out in take part
        in the program the clause names after them."""
        for org in self.in_sentence(sentence, {"Organization"}):
            if org not in self.outer or self.spans[org].subclass not in ("School", "Hospital"):
                continue
            start = self.spans[org].start
            while start > 0 and self.text[start - 1] in "、和及与":  # 在甲、乙: back to the first
                previous = [j for j in self.ends_at.get(start - 1, ()) if self.spans[j].label == "Organization"]
                if not previous:
                    break
                start = self.spans[previous[0]].start
            if self.text[max(0, start - 1) : start] != "在":
                continue
            _, clause_end = self.clause_bounds(self.spans[org].end)
            after = [p for p in programs if self.spans[org].end < self.spans[p].start < clause_end]
            for p in after[:1]:
                self.add(p, "participant", org, sentence, "participant-host")

    def sending_participants(self):
        """由某医院派驻专家团队坐诊, 某医院将选派专家团队开展帮扶: a hospital or school that sends its
        people to a project takes part in the project of that sentence or the one before."""
        programs = self.named("Program")
        for j in sorted(self.outer):
            org = self.spans[j]
            if org.label != "Organization" or org.subclass not in ("Hospital", "School"):
                continue
            _, clause_end = self.clause_bounds(org.end)
            if not SENDS_PEOPLE_RE.match(self.text, org.end, clause_end):
                continue
            sentence = self.sentence_of[j]
            near = [i for i in programs if sentence - 1 <= self.sentence_of[i] <= sentence and i != j]
            if near:
                before = [i for i in near if self.spans[i].start < org.start]
                self.add((before or near)[-1], "participant", j, sentence, "participant-sending")

    def event_participants(self):
        """Sentences that come back to an event by its head noun (推介会期间，甲与乙签约; 丙在推介会上
        表示): the people and organizations they name took part in it."""
        events = self.named("Event")
        for i in events:
            later = [e for e in events if self.spans[e].start > self.spans[i].start]
            # 开幕式上，…; 活动现场，…: a sentence that opens so comes back to the last event named,
            # however many sentences of figures and background lie between
            next_event = self.sentence_of[later[0]] if later else len(self.sentences)
            for sentence in range(self.sentence_of[i] + 1, next_event):
                if self.text.startswith(EVENT_BACK_WORDS, self.sentences[sentence][0]):
                    self._sentence_participants(i, sentence)
            heads = self._event_heads(self.spans[i].name or self.spans[i].text)
            if not heads:
                continue
            until = next(
                (self.sentence_of[e] for e in later if self._event_heads(self.spans[e].text) & heads),
                len(self.sentences),
            )
            for sentence in range(self.sentence_of[i] + 1, until):
                s_start, s_end = self.sentences[sentence]
                text = self.text[s_start:s_end]
                found = [
                    (at, head)
                    for head in heads
                    if (at := text.find(head)) >= 0
                    and not any(
                        self.spans[j].start <= s_start + at < self.spans[j].end for j in self.in_sentence(sentence)
                    )
                ]
                if not found:
                    continue  # the head is not there, or it is part of another name
                at, head = min(found)
                if text.startswith(AFTER_EVENT, at + len(head)):
                    continue  # 仪式结束后，…: what follows happened after the event, not in it
                self._sentence_participants(i, sentence)

    def _sentence_participants(self, event, sentence):
        """The people and bodies of a sentence about ``event`` took part in it, but for an aid-giver
        and a body that only titles a person."""
        for j in self.in_sentence(sentence, {"Person", "Organization"}):
            if j in self.outer and not (
                self.spans[j].label == "Organization" and (self._names_giver(j) or self._titles_a_person(j))
            ):
                self.add(event, "participant", j, sentence, "participant-event")

    def _titles_a_person(self, j) -> bool:
        """The body is only the title of the person right after it (某县卫健委副主任某某在会上说):
        the person takes part, the body is not said to."""
        sentence = self.sentence_of[j]
        person = next(
            (k for k in self.in_sentence(sentence, {"Person"}) if self.spans[k].start >= self.spans[j].end), None
        )
        if person is None:
            return False
        between = self.text[self.spans[j].end : self.spans[person].start]
        return bool(between) and self._only_titles(between)

    def counted_participants(self):
        """甲公司、乙集团等14家企业现场采购: the bodies a sentence lists and counts took part in the
        event of that sentence or of one of the two before it, unless the sentence is about a
        project of its own (引进甲、乙等5家企业入驻某产业园)."""
        events = self.named("Event")
        if not events:
            return
        for sentence, (s_start, s_end) in enumerate(self.sentences):
            counts = list(BODY_COUNT_RE.finditer(self.text, s_start, s_end))
            if not counts or any(self.spans[i].label == "Program" for i in self.in_sentence(sentence)):
                continue
            before = [
                i
                for i in events
                if sentence - 2 <= self.sentence_of[i] <= sentence and self.spans[i].start < counts[0].start()
            ]
            if not before:
                continue
            for j in self.in_sentence(sentence, {"Organization"}):
                if j in self.outer and self.spans[j].end <= counts[-1].start() and not self._names_giver(j):
                    self.add(before[-1], "participant", j, sentence, "participant-counted")

    def builder_participants(self):
        """由某建设集团承建, 某监理公司负责监理, 施工单位为某公司, 某公司中标该项目: a body that builds,
        supervises or designs a project takes part in the project its sentence (or the one before)
        names; it does not fund it (``data/rules/builder_words.txt``)."""
        buildable = [i for i in self.named("Program") if self.spans[i].subclass != "Campaign"]  # no campaign
        for j in self.named("Organization"):
            span = self.spans[j]
            if span.subclass in AID_BODY_SUBCLASSES:
                continue  # an aid body that builds what it pays for funds it (funder rules)
            after = BUILDER_AFTER_RE.match(self.text, span.end)
            before = BUILDER_LABEL_RE.search(self.text, max(0, span.start - 8), span.start)
            if not (after or before and before.end() == span.start):
                continue
            sentence = self.sentence_of[j]
            earlier = [i for i in buildable if self.spans[i].end <= span.start]
            projects = [i for i in earlier if self.sentence_of[i] >= sentence - 1]
            # 项目由甲公司承建, 该工程由乙公司负责监理, and a notice's field 施工单位：乙公司: about the
            # project named last, however far back the report named it
            opening = self.text[self.sentences[sentence][0] :].lstrip("，, ")
            if not projects and (before or opening.startswith(PROJECT_ANAPHORA)):
                projects = earlier
            if after and not before:  # 某公司承建了某某项目: the project its verb governs, first
                clause_end = self.clause_bounds(after.end())[1]
                governed = [i for i in buildable if after.end() <= self.spans[i].start < clause_end]
                projects = governed[:1] or projects
            if projects:
                self.add(projects[-1], "participant", j, sentence, "participant-builder")

    def settled_participants(self):
        """某产业园项目建成后，甲公司等4家企业已入驻; 已有5家企业入驻，其中甲公司…: the companies a
        sentence says moved in take part in the project it (or the sentence before) names."""
        for sentence, (s_start, s_end) in enumerate(self.sentences):
            settled = SETTLING_RE.search(self.text, s_start, s_end)
            if settled is None:
                continue
            projects = [
                i
                for i in self.named("Program")
                if sentence - 1 <= self.sentence_of[i] <= sentence and self.spans[i].start < settled.start()
            ]
            if not projects:
                continue
            for j in self.in_sentence(sentence, {"Organization"}):
                if j in self.outer and self.spans[j].subclass == "Company" and not self._names_giver(j):
                    self.add(projects[-1], "participant", j, sentence, "participant-settled")

    def listed_participants(self):
        """参赛队伍分别是甲队、乙队…, 参与学校有甲校、乙校: the bodies and people a sentence lists after
        saying they take part took part in the event or activity of that sentence, or of the last
        of the three before it."""
        events = self._events_and_activities()
        for sentence, (s_start, s_end) in enumerate(self.sentences):
            for match in PARTICIPANT_LIST_RE.finditer(self.text, s_start, s_end):
                before = [
                    i
                    for i in events
                    if sentence - 3 <= self.sentence_of[i] <= sentence and self.spans[i].start < match.start()
                ]
                j = self.outer_at.get(match.end())
                while before and j is not None and self.spans[j].label in ("Organization", "Person"):
                    self.add(before[-1], "participant", j, sentence, "participant-listed")
                    joiner = ITEM_JOINER_RE.match(self.text, self.spans[j].end)
                    j = self.outer_at.get(joiner.end()) if joiner else None

    def signed_places(self):
        """某公司与某县签约，投资建设某某项目: a project a company signs for with a place is in it (the
        place the company signed with, right before 签约, in the same sentence, no other project between)."""
        for i in self.named("Program"):
            if self.has(i, "locatedIn"):
                continue
            span, sentence = self.spans[i], self.sentence_of[i]
            s_start = self.sentences[sentence][0]
            before = sorted(self.in_sentence(sentence, {"Place", "Program"}), key=lambda k: self.spans[k].start)
            for j in reversed(before):
                other = self.spans[j]
                if other.start >= span.start or j not in self.outer:
                    continue
                if other.label == "Program":
                    break  # a project between is the one signed for
                if (
                    other.start > s_start
                    and self.text[other.start - 1] in PAIR_CONJUNCTIONS
                    and SIGNED_RE.match(self.text, other.end)
                    and not self._is_funder(j)
                ):
                    self.add(i, "locatedIn", j, sentence, "signed-place")
                break

    def unit_participants(self):
        """实施单位：某局 — the organization a unit label names takes part in the last project before it."""
        programs = self.named("Program")
        starts = [self.spans[i].start for i in programs]
        for match in UNIT_LABEL_RE.finditer(self.text):
            org = self.outer_at.get(match.end())
            before = bisect.bisect_left(starts, match.start()) - 1
            if org is None or self.spans[org].label != "Organization" or before < 0:
                continue
            self.add(programs[before], "participant", org, self.sentence_of[org], "participant-unit")

    def labelled_fields(self):
        """建设地点：某县某镇 / 资金来源：某市援疆资金 / 建设周期：2024年3月—8月 — in a project list,
        where the project named last before the label is, who pays for it, and when it is built."""
        programs = self.named("Program")
        starts = [self.spans[i].start for i in programs]
        for pattern, predicate in ((SITE_LABEL_RE, "locatedIn"), (FUNDING_LABEL_RE, "fundedBy")):
            for match in pattern.finditer(self.text):
                before = bisect.bisect_left(starts, match.start()) - 1
                if before < 0:
                    continue
                program = programs[before]
                if predicate == "locatedIn":  # 建设地点：某县甲镇、乙乡: each place of the list
                    listed = self._place_list(match.end(), RECEIVER_JOINER_RE)[0]
                    targets = self.most_specific(listed or self._place_after(match.end()))
                else:
                    # 援建单位：某市某区, the district; 资金来源：某市援疆资金, the city
                    giver = self.outer_at.get(match.end())
                    if giver is not None and self.spans[giver].label == "Place":
                        giver = self._place_after(match.end())[-1]
                    ok = giver is not None and (self._is_funder(giver) or self._policy_giver(giver))
                    targets = [giver] if ok else []
                for j in targets:
                    self.add(program, predicate, j, self.sentence_of[j], f"field-{predicate}")
        dates = span_data(self.doc, self.doc.spans.get("kg_dates", []))
        for match in PERIOD_LABEL_RE.finditer(self.text):
            before = bisect.bisect_left(starts, match.start()) - 1
            line_end = self.text.find("\n", match.end())
            line_end = len(self.text) if line_end == -1 else line_end
            found = [d for d in dates if match.end() <= d.start < line_end]
            if before >= 0 and found and not self.has(programs[before], "date"):
                sentence = self.sentence_of[programs[before]]
                self.add(programs[before], "date", None, sentence, "field-date", literal=found[0].value)

    def contact_fields(self):
        """招标人：某局 联系人：某某; 施工单位：某公司　项目经理：某某: the person under a label of a
        notice's fields works for the body under the last body label before it."""
        bodies = [
            j
            for j in self.named("Organization")
            if BODY_LABEL_RE.search(self.text, max(0, self.spans[j].start - 10), self.spans[j].start)
        ]
        ends = [self.spans[j].end for j in bodies]
        for i in self.named("Person"):
            span = self.spans[i]
            if not CONTACT_LABEL_RE.search(self.text, max(0, span.start - 10), span.start):
                continue
            before = bisect.bisect_right(ends, span.start) - 1
            if before >= 0 and span.start - ends[before] <= CONTACT_REACH:
                self.add(i, "affiliatedWith", bodies[before], self.sentence_of[i], "affiliation-field")

    def table_rows(self):
        """A project table flattened into lines of cells (序号 项目名称 建设地点 建设内容 实施单位, then
        a line per project): the places of a row's site cell are where its project is, the body of
        its implementer cell takes part in it. A row is read only when it has as many cells as the
        header, so that no cell is taken for another column's."""
        if not any(label in self.text for label, kind in TABLE_COLUMNS.items() if kind == "name"):
            return  # no table header: most reports
        columns = None
        for line in re.finditer(r"[^\n]+", self.text):
            cells = [(line.start() + c.start(), line.start() + c.end()) for c in CELL_RE.finditer(line.group())]
            kinds = [TABLE_COLUMNS.get(self.text[a:b]) for a, b in cells]
            if "name" in kinds and ("site" in kinds or "implementer" in kinds):
                columns = kinds
                continue
            if len(cells) < 2:
                columns = None  # a line of one cell (a sum, a note) ends the table
            if columns is None or len(cells) != len(columns):
                continue
            cell = {kind: cells[k] for k, kind in enumerate(columns) if kind}
            programs = [i for i in self.named("Program") if self._within(i, cell["name"])]
            if len(programs) != 1:
                continue
            sentence = self.sentence_of[programs[0]]
            if "site" in cell:
                # every place in the cell, those inside a name too (共和县恰卜恰镇 read as one name)
                places = [
                    j for j, span in enumerate(self.spans) if span.label == "Place" and self._within(j, cell["site"])
                ]
                for j in self.most_specific(places):
                    self.add(programs[0], "locatedIn", j, sentence, "table-site")
            if "implementer" in cell:
                for j in self.outer:
                    if self.spans[j].label == "Organization" and self._within(j, cell["implementer"]):
                        if self._is_aid_body(j):  # an aid body carrying out its project funds it
                            self.add(programs[0], "fundedBy", j, sentence, "table-implementer")
                        else:
                            self.add(programs[0], "participant", j, sentence, "table-implementer")

    def _within(self, i, bounds) -> bool:
        return bounds[0] <= self.spans[i].start and self.spans[i].end <= bounds[1]

    def organizer_participants(self):
        """活动由甲和乙共同主办，丙承办: the organizations a sentence of organizers names take part in
        its event (or activity), or in the last event named in the three sentences before it."""
        events = self._events_and_activities()
        for sentence, (s_start, s_end) in enumerate(self.sentences):
            if not any(word in self.text[s_start:s_end] for word in ORGANIZER_WORDS):
                continue
            here = [i for i in events if self.sentence_of[i] == sentence]
            before = [i for i in events if sentence - 3 <= self.sentence_of[i] < sentence]
            event = here[0] if here else before[-1] if before else None
            if event is None:
                continue
            for j in self.in_sentence(sentence, {"Organization"}):
                if self._after_zai(j):
                    continue  # 在某体育中心举行: the venue, not an organizer
                if j in self.outer and self.spans[j].subclass != "MediaOrganization":
                    clause_start, clause_end = self.clause_bounds(self.spans[j].start)
                    if any(word in self.text[clause_start:clause_end] for word in SPONSOR_WORDS):
                        self.add(event, "fundedBy", j, sentence, "funder-sponsor")  # 冠名赞助商为某公司
                    else:
                        self.add(event, "participant", j, sentence, "participant-organizer")

    def _events_and_activities(self):
        """The events, and the activities held as events are (某某夏令营, 某某联谊活动), in text order."""
        activities = [i for i in self.named("Program") if self.spans[i].subclass == "Activity"]
        return sorted(self.named("Event") + activities, key=lambda i: self.spans[i].start)

    def attendance_participants(self):
        """某某出席活动并致辞, 某某宣布项目开工: a person acting so in the sentence of an event or
        activity, or in one of the three after it, took part in it (the last one named before the
        person). Three: a lead's event, then its figures (此次…) and its background, then who spoke."""
        events = self._events_and_activities()
        if not events:
            return
        persons = [j for j in sorted(self.outer, key=lambda j: self.spans[j].start) if self.spans[j].label == "Person"]
        for k, j in enumerate(persons):
            person = self.spans[j]
            # 某某代表第十批援疆干部人才发言: on behalf of a group, then the verb
            reach = ON_BEHALF_REACH if self.text.startswith("代表", person.end) else 8
            after = self.text[person.end : person.end + reach]
            _, clause_end = self.clause_bounds(person.end)
            competing = self.text[max(0, person.start - 3) : person.start].endswith(COMPETITOR_WORDS)
            if not competing and not any(verb in after[: clause_end - person.end] for verb in ATTENDANCE_VERBS):
                continue
            sentence = self.sentence_of[j]
            if competing:  # in the race or match named last, however far back, not in a fun run beside it
                before = [
                    i
                    for i in events
                    if self.spans[i].start < person.start
                    and (self.spans[i].name or self.spans[i].text).endswith(CONTEST_HEADS)
                ]
            else:
                before = [
                    i for i in events if self.spans[i].start < person.start and sentence - 3 <= self.sentence_of[i]
                ]
            if not before:
                continue
            self.add(before[-1], "participant", j, sentence, "participant-attendance")
            # 某区副区长甲，某市委副书记、市长乙出席: the people listed before with their titles too
            while k > 0 and self._only_titles_between(persons[k - 1], persons[k]):
                k -= 1
                self.add(before[-1], "participant", persons[k], sentence, "participant-attendance")

    def represented_participants(self):
        """某局及有关企业代表出席开幕式, 甲医院、乙医院代表参加: bodies whose representatives attend an
        event or activity of that sentence or one of the three before it take part in it."""
        events = self._events_and_activities()
        for j in self.named("Organization"):
            span = self.spans[j]
            if self._names_giver(j):
                continue
            match = REPRESENTED_RE.match(self.text, span.end)
            if match is None:
                continue
            sentence = self.sentence_of[j]
            before = [i for i in events if self.spans[i].start < span.start and sentence - 3 <= self.sentence_of[i]]
            # 甲局、乙局负责人: the bodies listed right before it are represented too
            for k in self._listed_before(span.end, lambda other: other.label == "Organization") if before else ():
                if not self._names_giver(k):
                    self.add(before[-1], "participant", k, sentence, "participant-represented")

    def signing_participants(self):
        """签约仪式上 (or in the sentences after the name of a signing or of a fair where deals are
        signed, 推介会, 对接会), 甲公司与乙县人民政府签订…协议: the bodies that sign take part in it."""
        signings = [
            i
            for i in self.named("Event")
            if any(word in (self.spans[i].name or self.spans[i].text) for word in SIGNING_EVENTS)
        ]
        events = self.named("Event")
        for i in signings:
            first = self.sentence_of[i]
            later = [self.sentence_of[e] for e in events if self.spans[e].start > self.spans[i].end]
            until = min([first + 3, len(self.sentences)] + [s for s in later if s > first])
            window = list(range(first, until))
            # and the items of a list of the deals a sentence introduces before the next event
            # (签约项目包括：——甲公司与乙县签约…；——丙集团与…)
            stop = min([len(self.sentences)] + [s for s in later if s > first])
            for intro in range(first, stop):
                s_start, s_end = self.sentences[intro]
                if not SIGNED_LIST_RE.search(self.text, s_start, s_end):
                    continue
                item = intro + 1
                while item < stop and self._list_item(item):
                    window.append(item)
                    item += 1
            for sentence in sorted(set(window)):
                s_start, s_end = self.sentences[sentence]
                for signed in SIGNING_CLAUSE_RE.finditer(self.text, s_start, s_end):
                    clause_start, clause_end = self.clause_bounds(signed.start())
                    sides = []
                    for j in self.in_sentence(sentence, {"Organization"}):
                        span = self.spans[j]
                        if j in self.outer and clause_start <= span.start and span.end <= signed.end():
                            if not self._names_giver(j) and span.start > self.spans[i].end:
                                self.add(i, "participant", j, sentence, "participant-signing")
                                sides.append(j)
                    # 甲公司与乙县人民政府签约某某项目: the two sides take part in the project signed
                    for k in self.in_sentence(sentence, {"Program"}):
                        if k in self.outer and signed.end() <= self.spans[k].start < clause_end:
                            for j in sides:
                                self.add(k, "participant", j, sentence, "participant-signing")
                            if any(self.spans[j].subclass == "Company" for j in sides):
                                self.invested.add(k)

    def _list_item(self, sentence) -> bool:
        """The sentence opens an item of a list (——, ①, （一）, 1.)."""
        start = self.sentences[sentence][0]
        return LIST_ITEM_RE.match(self.text, start) is not None or LIST_DASH_RE.match(self.text, start) is not None

    def _only_titles_between(self, first, second) -> bool:
        """Between two people of one sentence only a comma or 、 and the bodies and titles of the
        second (某市委副书记、市长)."""
        if self.sentence_of[first] != self.sentence_of[second]:
            return False
        gap = self.text[self.spans[first].end : self.spans[second].start]
        if not gap or gap[0] not in "，,、":
            return False
        rest = list(gap[1:])
        for i in self.in_sentence(self.sentence_of[second], {"Organization", "Place"}):
            span = self.spans[i]
            for pos in range(max(span.start, self.spans[first].end + 1), min(span.end, self.spans[second].start)):
                rest[pos - self.spans[first].end - 1] = ""
        return self._only_titles("".join(rest))

    def named_participants(self):
        """A project or event named after the organization it is for or held by (某县人民医院综合楼
        改造项目, 某工作队2024年首批项目集中开工仪式): the organization takes part in it."""
        outer_at = {self.spans[i].start: i for i in self.outer if self.spans[i].label in ("Program", "Event")}
        for j, span in enumerate(self.spans):
            if j in self.outer or span.label != "Organization":
                continue
            i = outer_at.get(span.start)
            if i is None or span.end >= self.spans[i].end:
                continue
            # An event is held by the body it is named after; a project is for the school, hospital
            # or company it is named after (a park's or a base's project builds the park: no
            # participant; an aid body's project is the body's to fund: fundedBy).
            if self.spans[i].label == "Event" or span.subclass in BENEFICIARY_SUBCLASSES and not self._names_giver(j):
                self.add(i, "participant", j, self.sentence_of[i], "participant-named")

    def _event_heads(self, name) -> set[str]:
        """The head nouns an event's name ends with (签约仪式 and 仪式), and for a meeting 会上 and
        会议上, the words a later sentence comes back to it by (某某在仪式上说, 会上，…)."""
        heads = {head for head in EVENT_HEADS if name.endswith(head) and len(name) > len(head)}
        if heads and name.endswith(("会", "会议")):
            heads |= {"会上", "会议上"}
        return heads

    def _declaration_before(self, pos):
        """(start, end) of a declared short form's brackets ending at most 10 characters before
        ``pos`` (（以下简称“某前指”）总指挥), or None."""
        close = max(self.text.rfind("）", max(0, pos - 11), pos), self.text.rfind(")", max(0, pos - 11), pos))
        if close == -1:
            return None
        open_ = max(self.text.rfind("（", max(0, close - 24), close), self.text.rfind("(", max(0, close - 24), close))
        match = DECLARED_RE.match(self.text, open_) if open_ != -1 else None
        return (open_, match.end()) if match and match.end() == close + 1 else None

    def affiliations(self):
        roles = load_words("role_words.txt")
        for i, span in enumerate(self.spans):
            if span.label != "Person":
                continue
            best = None
            # Only a name ending at most 10 characters before the person can qualify (the gap), or
            # 14 before titles joined by 、 (某县委常务副书记、常务副县长某某).
            nearby = [j for end in range(max(0, span.start - 14), span.start + 1) for j in self.ends_at.get(end, ())]
            # 某前方指挥部（以下简称“某前指”）总指挥某某: the name before a declared short form
            declared = self._declaration_before(span.start)
            if declared is not None:
                nearby += self.ends_at.get(declared[0], ())
            for j in sorted(nearby):
                other = self.spans[j]
                if other.label not in ("Organization", "Place"):
                    continue
                if other.label == "Place" and self.text[other.end : other.end + 1] in DATELINE_ENDS:
                    continue  # 本报某地讯（记者 某某）: where the report was filed, no affiliation
                gap = self.text[other.end : span.start]
                if declared is not None and other.end == declared[0]:
                    gap = self.text[declared[1] : span.start]
                if len(gap) > (14 if "、" in gap else 10) or any(c in gap for c in CLAUSE_BREAKS + "“”"):
                    continue
                # 某县委副书记、县长某某: titles joined by 、 still belong to the body before them
                if "、" in gap and not all(any(role in title for role in roles) for title in gap.split("、")):
                    continue
                # 某村的某某, 来自某医院的某某: where a person is from, said with 的 alone
                if not any(role in gap for role in roles) and not (gap == "的" and self._from(j)):
                    continue
                # 某日报记者 甲 通讯员 乙: a role after a person named in between is another's
                if self._role_after_other_person(other.end, span.start, roles):
                    continue
                if (
                    best is None
                    or other.end > self.spans[best].end
                    or (other.end == self.spans[best].end and other.start < self.spans[best].start)
                ):
                    best = j
            if best is not None:
                for j in [best, *self._title_chain(best, roles), *self._came_from(best)]:
                    if not self._aid_status(j):
                        self.add(i, "affiliatedWith", j, self.sentence_of[i], "affiliation")
            # 某某（某公司总经理）: the body and title in brackets after the name
            if self.text.startswith(("（", "("), span.end):
                j = self.outer_at.get(span.end + 1)
                close = self.text.find("）" if self.text[span.end] == "（" else ")", span.end)
                if j is not None and self.spans[j].label in ("Organization", "Place") and close != -1:
                    title = self.text[self.spans[j].end : close]
                    if title and any(role in title for role in roles) and len(title) <= 10:
                        self.add(i, "affiliatedWith", j, self.sentence_of[i], "affiliation")

    @staticmethod
    def _only_titles(words: str) -> bool:
        """``words`` are titles and their ranks, joined by 、 or commas, and nothing else (副局长,
        常务副省长、党委书记; not 也派出医生)."""
        for role in ROLES_LONGEST_FIRST:
            words = words.replace(role, "")
        for prefix in TITLE_PREFIXES:
            words = words.replace(prefix, "")
        for body in BARE_TITLE_BODIES:
            words = words.replace(body, "")
        return not words.strip("、，, ")

    def list_affiliations(self):
        """A line of a list of people (表彰名单, 名单如下): 某某　某县人民医院副院长, the name, a space
        and the body and title, as the title before a name says elsewhere."""
        roles = load_words("role_words.txt")
        for i in self.named("Person"):
            span = self.spans[i]
            if span.start > 0 and self.text[span.start - 1] != "\n":
                continue
            gap = LIST_GAP_RE.match(self.text, span.end)
            body = self.outer_at.get(gap.end()) if gap else None
            if body is None or self.spans[body].label not in ("Organization", "Place"):
                continue
            line_end = self.text.find("\n", span.end)
            line_end = line_end if line_end != -1 else len(self.text)
            title = self.text[self.spans[body].end : line_end]
            # 某某　某医院副院长（原单位：某大学附属医院）: the home unit in brackets is theirs too
            bracket = ORIGIN_UNIT_RE.search(title)
            title = title[: bracket.start()] if bracket else title
            if title and len(title) <= 10 and any(role in title for role in roles) and not self._aid_status(body):
                self.add(i, "affiliatedWith", body, self.sentence_of[i], "affiliation-list")
                home = self.outer_at.get(self.spans[body].end + bracket.end()) if bracket else None
                if home is not None and self.spans[home].label in ("Organization", "Place"):
                    self.add(i, "affiliatedWith", home, self.sentence_of[i], "affiliation-list")

    def _aid_status(self, j) -> bool:
        """浙江援疆干部某某, 上海援藏教师某某, 某区挂职干部某某: the giver's aid read as a body (or
        its place, before 援, 挂职 or 派驻) before a title is a status, the giver's cadre, not a post
        at a body."""
        span = self.spans[j]
        if span.rule == "aid-giver":
            return True
        if span.label != "Place" or not self.text.startswith(SENT_BY_WORDS, span.end):
            return False
        # 某县援青干部、副县长某某 for a county of Qinghai: the cadre's post is there, no giver's status
        word = next((word for word in AID_TARGETS if self.text.startswith(word, span.end)), None)
        return not (word and span.key and span.key[:2] == AID_TARGETS[word][:2])

    def post_affiliations(self):
        """某某来到某中学任教, 到某医院坐诊, 在某中学就读, 任教于某中学: the person the sentence names
        last before going to a body (or being at it) to take a post there (or before the post and 于)
        is of that body."""
        for i in self.named("Organization"):
            org = self.spans[i]
            go = GOING_BEFORE_RE.search(self.text, max(0, org.start - 3), org.start)
            took_post = self.text.startswith(POST_VERBS, org.end) and not self.text.startswith(NOT_A_POST, org.end)
            if go is None or go.end() != org.start or not took_post:
                # 某某任教于某中学, 挂职于某医院: the post, then 于 and the body
                go = POST_AT_RE.search(self.text, max(0, org.start - 4), org.start)
                if go is None or go.end() != org.start:
                    continue
            s_start, _ = self.sentences[self.sentence_of[i]]
            persons = [j for j in self.named("Person") if s_start <= self.spans[j].start < go.start()]
            if persons:
                self.add(persons[-1], "affiliatedWith", i, self.sentence_of[i], "affiliation-post")

    def seconded_affiliations(self):
        """某市援疆指挥部挂职某县委常委、副县长的某某, 在某县挂职副县长的某某: the body or place right
        before 挂职, as well as the post's body the title names."""
        for i in self.named("Person"):
            start = self.spans[i].start
            if self.text[start - 1 : start] != "的":
                continue
            post = self.text.rfind("挂职", max(0, start - 24), start)
            if post == -1 or any(c in self.text[post:start] for c in CLAUSE_BREAKS):
                continue
            # the body that sent the person, or the place where the post is (在某县挂职副县长的某某)
            before = [j for j in self.ends_at.get(post, ()) if self.spans[j].label in ("Organization", "Place")]
            if before:
                self.add(i, "affiliatedWith", before[0], self.sentence_of[i], "affiliation-seconded")

    def scene_affiliations(self):
        """在某镇某村，村民某某…: a villager or herder named in a sentence that opens on a village
        or township is of it."""
        for i in self.named("Person"):
            if self.has(i, "affiliatedWith"):
                continue
            start, _ = self.sentences[self.sentence_of[i]]
            opening = SCENE_OPENING_RE.match(self.text, start)
            if opening is None or not self.text.endswith(RESIDENT_WORDS, 0, self.spans[i].start):
                continue
            places = self._place_after(opening.end())
            if not places or self.spans[places[-1]].subclass not in ("Village", "Township"):
                continue
            scene_end = max(self.spans[j].end for j in places)
            if self.text[scene_end : scene_end + 1] in "，," and scene_end < self.spans[i].start:
                self.add(i, "affiliatedWith", places[-1], self.sentence_of[i], "affiliation-scene")

    def copula_affiliations(self):
        """某某是某医院心内科副主任医师, 某某现任某县副县长, 某某生前系某局副局长, 某某，某局副局长，…:
        the body after the copula (or the comma of an apposition), when a title follows it in the
        clause; 某某来自某中学: the body after 来自."""
        roles = load_words("role_words.txt")
        for i in self.named("Person"):
            age = AGE_RE.match(self.text, self.spans[i].end)  # 某某今年52岁，是某村村民
            copula = COPULA_RE.match(self.text, age.end() if age else self.spans[i].end)
            j = self.outer_at.get(copula.end()) if copula else None
            if j is None or self.spans[j].label not in ("Organization", "Place"):
                continue
            if self.spans[j].label == "Place":
                j = self._place_after(copula.end())[-1]  # 是某区某镇某村村民: the village
            after = self.text[self.spans[j].end : self.spans[j].end + 12]
            after = after.removeprefix("的").removeprefix("一名").removeprefix("一位")  # 的一名护士
            title = re.split(f"[{CLAUSE_BREAKS}、“”的]", after, maxsplit=1)[0]
            apposition = copula.group(0) in "，,"
            closed = self.text[self.spans[j].end + len(title)] in "，,。；;、（("
            if apposition and not (self._only_titles(title) and closed):
                continue  # 某某，某局副局长，…: the body and titles alone between the commas
            if apposition and self._person_between(self.spans[j].end, self.clause_bounds(self.spans[j].end)[1]):
                continue  # 甲，某市委副书记、市长乙出席: the titles of the next person
            if title and any(role in title for role in roles):
                self.add(i, "affiliatedWith", j, self.sentence_of[i], "affiliation-copula")
        # 某某来自某中学: the body a person comes from (an organization; a place is only a hometown);
        # 某某是某医疗队队员，来自某医院: also in a clause of its own after the copula's
        for i in self.named("Person"):
            came = CAME_FROM_RE.match(self.text, self.spans[i].end)
            if came is None and COPULA_RE.match(self.text, self.spans[i].end):
                clause = CAME_FROM_CLAUSE_RE.search(
                    self.text, self.spans[i].end, self.sentences[self.sentence_of[i]][1]
                )
                if clause and not self._person_between(self.spans[i].end, clause.start()):
                    came = clause
            j = self.outer_at.get(came.end()) if came else None
            if (
                j is not None
                and self.spans[j].label == "Organization"
                and self.text[self.spans[j].end : self.spans[j].end + 1] != "的"
            ):
                self.add(i, "affiliatedWith", j, self.sentence_of[i], "affiliation-copula")

    def institution_affiliations(self):
        """心内科主任某某, 初二学生某某 in a report about one hospital or school: a person the text ties
        to no body, named by a title of that kind of institution alone, is of the institution the
        report is about (default strength)."""
        affiliated = {
            self.spans[rel.subject].name or self.spans[rel.subject].text
            for rel in self.relations
            if rel.predicate == "affiliatedWith"
        }
        for subclass, titles in INSTITUTION_ROLES.items():
            institution = self._report_institution(subclass)
            if institution is None:
                continue
            for i in self.named("Person"):
                span = self.spans[i]
                person = span.name or span.text
                clause_start, _ = self.clause_bounds(span.start)
                before = self.text[max(clause_start, span.start - 10) : span.start]
                # the title right before the name, or with 的 between (某科的某某)
                if person not in affiliated and any(before.endswith((t, t + "的")) for t in titles):
                    self.add(i, "affiliatedWith", institution, self.sentence_of[i], "institution-default", "default")
                    affiliated.add(person)

    def _report_institution(self, subclass):
        """The hospital or school a report is about: the one of that kind it names most, at least
        three times and twice as often as any other."""
        counts: dict[str, list[int]] = {}
        for i in self.named("Organization"):
            if self.spans[i].subclass == subclass:
                counts.setdefault(self.spans[i].name or self.spans[i].text, []).append(i)
        ranked = sorted(counts.values(), key=len, reverse=True)
        if ranked and len(ranked[0]) >= 3 and (len(ranked) == 1 or len(ranked[0]) >= 2 * len(ranked[1])):
            return ranked[0][0]
        return None

    def pronoun_affiliations(self):
        """他是某医院心内科的副主任医师, 她来自某小学, 他同时挂职某医院副院长: 他 or 她 opening a
        clause is the last person named in that sentence or the two before (a clause with no
        subject, ，目前担任…, the last of its sentence), and the body the clause then names, with a
        role after it (or after 来自), is the person's."""
        roles = load_words("role_words.txt")
        persons = self.named("Person")
        starts = [self.spans[i].start for i in persons]
        clauses = [(match, 2) for match in PRONOUN_CLAUSE_RE.finditer(self.text)]
        clauses += [(match, 0) for match in ZERO_SUBJECT_CLAUSE_RE.finditer(self.text)]
        for match, back in clauses:
            sentence = self._sentence_index(match.start())
            k = bisect.bisect_left(starts, match.start()) - 1
            if k < 0 or self.sentence_of[persons[k]] < sentence - back:
                continue
            _, clause_end = self.clause_bounds(match.start())
            for j in sorted(self.in_sentence(sentence, {"Organization"}), key=lambda j: self.spans[j].start):
                org = self.spans[j]
                if not match.end() <= org.start < clause_end or j not in self.outer:
                    continue
                rest = self.text[org.end : clause_end]
                if match.group("verb") == "来自" or any(role in rest[:12] for role in roles):
                    self.add(persons[k], "affiliatedWith", j, sentence, "affiliation-pronoun")
                break

    def _from(self, j) -> bool:
        """A body, or a village or township, that 的 before a person says the person is from."""
        other = self.spans[j]
        if other.label == "Organization":
            return True
        return other.subclass in ("Village", "Township") or self.text[max(0, other.start - 2) : other.start] == "来自"

    def _role_after_other_person(self, begin, end, roles) -> bool:
        """A person ends between ``begin`` and ``end`` and a role word follows that person; but not
        the same title again after 、 (某大学研究员甲、副研究员乙: both of the body before them)."""
        for k in range(begin + 1, end):
            for j in self.ends_at.get(k, ()):
                if self.spans[j].label != "Person":
                    continue
                first, second = self.text[begin : self.spans[j].start], self.text[k:end]
                if second.startswith("、") and len(first) >= 2 and first[-2:] == second[-2:]:
                    return False
                return any(role in second for role in roles)
        return False

    def _came_from(self, j) -> list[int]:
        """来自某医院、现任某医院副院长的某某: the body after 来自, joined by 、 or a comma (and 现任)
        to the body of the person's title, is where the person comes from."""
        start = self.spans[j].start
        for end in range(max(0, start - 4), start):
            for k in self.ends_at.get(end, ()):
                other = self.spans[k]
                if (
                    other.label == "Organization"
                    and CAME_FROM_JOINER_RE.fullmatch(self.text, other.end, start)
                    and self.text[max(0, other.start - 2) : other.start] == "来自"
                ):
                    return [k]
        return []

    def _person_between(self, start, end):
        return any(
            (j := self.outer_at.get(pos)) is not None and self.spans[j].label == "Person" for pos in range(start, end)
        )

    def _title_chain(self, j, roles):
        """The bodies of the titles before a person's last one (某市委副书记、某指挥部总指挥某某;
        某指挥部党委书记、总指挥，某地委副书记某某): each body followed by its titles, and 、 or a
        comma after a title, leading to the next."""
        chain = []
        while True:
            start = self.spans[j].start
            if start < 1 or self.text[start - 1] not in "、，,":
                return chain
            previous = None
            for end in range(max(0, start - 1 - 16), start - 1):
                for k in self.ends_at.get(end, ()):
                    other = self.spans[k]
                    if other.label not in ("Organization", "Place"):
                        continue
                    titles = self.text[other.end : start - 1].split("、")
                    if not all(title and any(role in title for role in roles) for title in titles):
                        continue
                    if any(c in title for title in titles for c in CLAUSE_BREAKS + "“”"):
                        continue
                    if self._person_between(other.end, start - 1):
                        continue  # 某县县长甲、某指挥部指挥长乙: the titles before 、 are 甲's
                    if self.text[start - 1] != "、" and self._person_between(
                        self.clause_bounds(other.start)[0], other.start
                    ):
                        continue  # 甲担任某医院院长，某中学教师乙: the titles before the comma are 甲's
                    if self.text[start - 1] != "、" and not any(titles[-1].endswith(role) for role in roles):
                        continue  # a comma ends a clause unless it follows a title
                    if previous is None or other.end > self.spans[previous].end:
                        previous = k
            if previous is None:
                return chain
            chain.append(previous)
            j = previous

    def pairings(self):
        for sentence, (s_start, s_end) in enumerate(self.sentences):
            orgs = [i for i in self.in_sentence(sentence, {"Organization"}) if i in self.outer]
            self._joined_pairings(sentence, orgs)
            self._respective_pairings(sentence, s_start, s_end)
            self._named_pairings(sentence)
            self._copula_pairings(sentence, s_end)
            self._money_pairings(sentence)
            if not self._says_pairing(sentence, s_start, s_end):
                if any(word in self.text[s_start:s_end] for word in CROSS_REGION_WORDS):
                    self._region_pairings(sentence, s_start, s_end)
                continue
            by_subclass = {}
            for i in orgs:
                by_subclass.setdefault(self.spans[i].subclass, []).append(i)
            for subclass, members in by_subclass.items():
                if subclass in ("School", "Hospital") and len(members) >= 2:
                    first, second = self.spans[members[0]], self.spans[members[1]]
                    if self.text[first.end : second.start] == "、":
                        continue  # 甲医院、乙医院等12家医院: items of one list, not the two sides
                    if not self._pairing_between(first.start, second.end):
                        continue  # 参观了甲大学，走进乙中学与当地学生结对: the pairing is another clause's
                    self.add(members[0], "pairedWith", members[1], sentence, "pairing")
            self._region_pairings(sentence, s_start, s_end)

    def subordinate_pairings(self):
        """某市对口支援某州所辖甲、乙、丙三县: a giver paired with a prefecture is paired with the
        counties of it the text then lists, right after it or in a later clause of the sentence that
        says whom it aids (某市对口支援某州，重点支援甲、乙、丙三县)."""
        for relation in list(self.relations):
            if relation.predicate != "pairedWith" or relation.strength != "explicit":
                continue
            for giver, area in ((relation.subject, relation.object), (relation.object, relation.subject)):
                end = self.spans[area].end
                sentence_end = self.sentences[self.sentence_of[area]][1]
                under = SUBORDINATE_RE.match(self.text, end) or self._later_aid(end, sentence_end)
                if under is None or not self.spans[area].key:
                    continue
                for j in self._listed_places(under.end()):
                    if self.within(self.spans[j].key, self.spans[area].key):
                        self.add(giver, "pairedWith", j, self.sentence_of[area], "pairing-subordinate")

    def _later_aid(self, end, sentence_end):
        """A clause right after ``end`` saying whom the giver aids (，重点支援), with no subject of
        its own (not ，某市对口支援某市: another pairing)."""
        match = LATER_AID_RE.match(self.text, end, sentence_end)
        if match is None or any(
            (k := self.outer_at.get(pos)) is not None and self.spans[k].label == "Place"
            for pos in range(end + 1, match.end())
        ):
            return None
        return match

    def _money_pairings(self, sentence):
        """某省向某省拨付财政援助资金, 某市投入某州帮扶资金: a giver of the pairing table sending aid
        money to a place of another region is paired with it."""
        for giver in self.in_sentence(sentence, {"Place"}):
            if giver not in self.outer or not self._policy_giver(giver):
                continue
            toward = MONEY_TOWARD_RE.match(self.text, self.spans[giver].end)
            if toward is None:
                continue
            receivers = self._place_after(toward.end())
            chain_end = self._place_chain_end(toward.end())
            sending = MONEY_FUNDS_RE if toward.group("verb") else MONEY_PAIRING_RE
            if receivers and chain_end is not None and sending.match(self.text, chain_end):
                for receiver in receivers:
                    if not self._same_region(giver, receiver):
                        self.add(giver, "pairedWith", receiver, sentence, "pairing")

    def _copula_pairings(self, sentence, s_end):
        """甲县是乙市某区的结对帮扶县, 甲县也是乙区的对口支援县: the place before 是 is the one the
        place after it pairs with; and 甲县由乙市对口支援, said of it in the passive."""
        for j in self.in_sentence(sentence, {"Place"}):
            if j not in self.outer:
                continue
            copula = PAIRED_COPULA_RE.match(self.text, self.spans[j].end, s_end)
            passive = None if copula else PAIRED_BY_RE.match(self.text, self.spans[j].end, s_end)
            copula = copula or passive
            givers = self._place_after(copula.end()) if copula else []
            chain_end = self._place_chain_end(copula.end()) if givers else None
            unit = (PAIRED_VERB_RE if passive else PAIRED_UNIT_RE).match(self.text, chain_end or 0)
            if chain_end is not None and unit:
                for giver in givers:
                    if not self._same_region(giver, j):
                        pair = (j, giver) if not passive and unit.group("giving") else (giver, j)
                        self.add(pair[0], "pairedWith", pair[1], sentence, "pairing")

    def _joined_pairings(self, sentence, orgs):
        """甲职业学校与乙职业教育中心签订结对帮扶协议: two institutions joined by 与, of one kind or
        one of no known kind, and a pairing word later in their clause; 甲医院对口帮扶乙医院: two
        joined by a verb of helping."""
        at = {self.spans[j].start: j for j in orgs}
        for i in orgs:
            first = self.spans[i]
            joint = INSTITUTION_JOINT_RE.match(self.text, first.end)
            j = at.get(joint.end()) if joint else None
            if first.subclass not in PAIRED_INSTITUTIONS or j is None:
                continue
            second = self.spans[j]
            if second.subclass not in PAIRED_INSTITUTIONS:
                continue
            if first.subclass != second.subclass and "Organization" not in (first.subclass, second.subclass):
                continue  # a hospital and a school: no pairing of their kinds
            clause_end = self.clause_bounds(second.end)[1]
            helping = joint.group(0) not in PAIR_CONJUNCTIONS
            if helping or any(word in self.bare_text[second.end : clause_end] for word in PAIRING_WORDS):
                self.add(i, "pairedWith", j, sentence, "pairing")

    def _respective_pairings(self, sentence, s_start, s_end):
        """甲市、乙市分别与A县、B县签订结对帮扶协议, 甲中学、乙中学分别与A中学、B中学结对: two lists
        of places or of institutions as long as each other, and a pairing word after them in the
        clause: the n-th of the first pairs with the n-th of the second."""
        for joint in RESPECTIVE_JOINT_RE.finditer(self.text, s_start, s_end):
            givers = self._listed_before(
                joint.start(), lambda span: span.label == "Place" or span.subclass in PAIRED_INSTITUTIONS
            )
            receivers, end = self._listed_after(joint.end())
            if len(givers) < 2 or len(givers) != len(receivers):
                continue
            if {self.spans[j].label for j in givers + receivers} not in ({"Place"}, {"Organization"}):
                continue
            if self._pairing_follows(end):
                for giver, receiver in zip(givers, receivers):
                    self.add(giver, "pairedWith", receiver, sentence, "pairing")

    def _listed_after(self, pos) -> tuple[list[int], int]:
        """The places (the most specific of each chain) or institutions of a list starting at
        ``pos``, and where it ends."""
        j = self.outer_at.get(pos)
        if j is not None and self.spans[j].label == "Place":
            return self._place_list(pos, RECEIVER_JOINER_RE)
        listed, end = [], pos
        while j is not None and self.spans[j].subclass in PAIRED_INSTITUTIONS:
            listed.append(j)
            end = self.spans[j].end
            joiner = RECEIVER_JOINER_RE.match(self.text, end)
            j = self.outer_at.get(joiner.end()) if joiner else None
        return listed, end

    def _pairing_follows(self, pos) -> bool:
        """A pairing word or agreement between ``pos`` and the end of its clause."""
        after = self.bare_text[pos : self.clause_bounds(pos)[1]]
        return any(word in after for word in PAIRING_WORDS) or bool(PAIRING_AGREEMENT_RE.search(after))

    def _named_pairings(self, sentence):
        """某市对口支援新疆|某地区工作: a giver's phrase and the place after it are paired (not the
        region the phrase names: 某省对口支援新疆工作前方指挥部 is how a command is called, and no
        pairing of a province with a region)."""
        for i in self.in_sentence(sentence, {"Organization"}):
            span = self.spans[i]
            if (
                i not in self.outer
                or span.rule != "aid-giver"
                or not any(w in span.text for w in ("对口支援", "对口帮扶"))
            ):
                continue
            givers = self.most_specific(self.leading_places(i))
            receivers = [j for j in self._place_after(span.end) if self._level(j) not in ("province", "region")]
            if len(givers) == 1:
                for receiver in receivers:
                    if not self._same_region(givers[0], receiver):
                        self.add(givers[0], "pairedWith", receiver, sentence, "pairing")
        # 某市对口支援某县工作队, 某市对口支援新疆某地区工作前方指挥部: an aid body's name says the pairing
        for i in self.in_sentence(sentence, {"Organization"}):
            span = self.spans[i]
            if i not in self.outer or span.subclass not in AID_BODY_SUBCLASSES or span.rule == "aid-giver":
                continue
            verb = next((m for m in NAMED_PAIRING_RE.finditer(self.text, span.start, span.end)), None)
            if verb is None:
                continue
            inner = self.inner_places(i)
            givers = self.most_specific([j for j in inner if self.spans[j].end <= verb.start()])
            receivers = self.most_specific(
                [j for j in inner if self.spans[j].start >= verb.end() and self._level(j) not in ("province", "region")]
            )
            if len(givers) == 1 and len(receivers) == 1 and not self._same_region(givers[0], receivers[0]):
                self.add(givers[0], "pairedWith", receivers[0], sentence, "pairing-name")

    def _pairing_between(self, start, end) -> bool:
        """Two sides in one clause (or the second's opening on 与), and a pairing word in it or the
        clause after it."""
        gap = self.text[start:end]
        if CLAUSE_BREAK_RE.search(gap) and not re.search(f"[{CLAUSE_BREAKS}][与和同]", gap):
            return False
        clause_start = self.clause_bounds(start)[0]
        clause_end = self.clause_bounds(self.clause_bounds(end)[1] + 1)[1]
        return any(word in self.bare_text[clause_start:clause_end] for word in PAIRING_WORDS)

    def _says_pairing(self, sentence, s_start, s_end) -> bool:
        """A pairing word in the sentence's own words, not inside a name (“青蓝结对” is a program)."""
        text = list(self.text[s_start:s_end])
        for i in self.in_sentence(sentence, {"Program", "Event", "Work"}):
            # (a name may run past the end of a sentence cut at its longest: only its part inside)
            for k in range(self.spans[i].start - s_start, min(self.spans[i].end, s_end) - s_start):
                text[k] = " "
        bare = "".join(text)
        return any(word in bare for word in PAIRING_WORDS) or bool(
            PROVINCE_COOPERATION_RE.search(bare) or PAIRING_AGREEMENT_RE.search(bare)
        )

    def listed_pairings(self):
        """拉萨市：北京市、江苏省 — a line of a list setting places against places across a colon."""
        for giver, receiver in listed_pairs(self.text, LIST_PAIRING_RE, self.spans, self.outer):
            self.add(giver, "pairedWith", receiver, self.sentence_of[receiver], "pairing-list")

    def table_pairings(self):
        """A place the pairing table pairs with a giver the report shows giving aid, both named in
        the report: the giver is paired with the receiver, cited where the later of the two is
        first named. A receiver named once, in passing, and not the report's own place, is left to
        the table."""
        report_place = self._report_place()
        named = Counter(span.key for span in self.spans if span.label == "Place" and span.key)
        first: dict[str, int] = {}
        for i, span in enumerate(self.spans):
            if span.label == "Place" and span.key and span.key not in first:
                first[span.key] = i
        stated = {
            frozenset((self.spans[rel.subject].key, self.spans[rel.object].key))
            for rel in self.relations
            if rel.predicate == "pairedWith"
        }
        givers = self._giver_keys()
        for giver, g in first.items():
            if giver not in givers:
                continue
            for receiver, r in first.items():
                if named[receiver] < 2 and (report_place is None or receiver != self.spans[report_place].key):
                    continue  # named once, in passing
                if giver == receiver or not pairing(giver, receiver) or self._stated_below(stated, giver, receiver):
                    continue
                sentence = max(self.sentence_of[g], self.sentence_of[r])
                self.add(g, "pairedWith", r, sentence, "pairing-table", strength="default")

    def _stated_below(self, stated, giver, receiver):
        """The report pairs the receiver with the giver or with a part of it (江阴市 for 江苏省):
        the table's coarser pairing would say less than the text."""
        return any(
            receiver in pair and any(other == giver or self.within(other, giver) for other in pair - {receiver})
            for pair in stated
        )

    def _giver_keys(self):
        """Places the report shows giving aid: in an aid-giver phrase or at the head of an aid
        body's name (某市援疆, 某市援疆工作队), or as a funder."""
        keys = set()
        for i, span in enumerate(self.spans):
            if span.rule == "aid-giver" or self._is_aid_body(i):
                keys.update(self.spans[j].key for j in self.leading_places(i)[:1])
        for rel in self.relations:
            if rel.predicate == "fundedBy" and self.spans[rel.object].label == "Place":
                keys.add(self.spans[rel.object].key)
        keys.discard(None)
        return keys

    def _region_pairings(self, sentence, s_start, s_end):
        """某市对口支援某县: the places on either side of the pairing verb are paired; so are the two
        of 某市与某县结对."""
        places = [i for i in self.in_sentence(sentence, {"Place"}) if i in self.outer]
        ends = {self.spans[i].end: i for i in places}
        receivers_listed = set()  # 某市与甲县和乙县结对: 甲县 is a receiver, not another giver
        for first in places:
            joint = self.spans[first].end
            if self.text[joint : joint + 1] not in PAIR_CONJUNCTIONS or first in receivers_listed:
                continue
            # the places right after 与 (某地区某县), one after another, and those of a list after
            # them (某区与甲县、乙县结对)
            chains, pos, next_pair = [], joint + 1, False
            while nxt := self.places_at.get(pos):
                chain = []
                while nxt:
                    chain.append(nxt[0])
                    nxt = self.places_at.get(self.spans[nxt[0]].end)
                if chains and self.text[self.spans[chain[-1]].end : self.spans[chain[-1]].end + 1] == "与":
                    next_pair = True  # 甲市与A县、乙市与B县结对: 乙市 opens a pair of its own
                    break
                chains.append(chain)
                pos = self.spans[chain[-1]].end
                joiner = RECEIVER_JOINER_RE.match(self.text, pos)
                if joiner is None:
                    break
                pos = joiner.end()
            paired = PAIRED_AFTER_RE.match(self.text, pos) or (
                next_pair and PAIRED_AFTER_RE.search(self.text, pos, self.clause_bounds(pos)[1])
            )
            if not paired and HAND_IN_HAND_RE.match(self.text, pos) and self._policy_giver(first):
                # 某区与某县携手: a giver and a place of another region working together
                chains = [chain for chain in chains if not self._same_region(first, chain[-1])]
                paired = bool(chains)
            if chains and paired:
                for chain in chains:
                    receivers_listed.update(chain)
                    for second in self.most_specific(chain):
                        self.add(first, "pairedWith", second, sentence, "pairing")
        # 感谢某市对某县的对口支援: the giver's help toward the place, as a noun
        for giver in places:
            toward = self.spans[giver].end
            if self.text.startswith("对", toward) and self._policy_giver(giver):
                receivers = self._place_after(toward + 1)
                chain_end = self._place_chain_end(toward + 1)
                if receivers and chain_end is not None and TOWARD_AID_RE.match(self.text, chain_end):
                    for receiver in receivers:
                        if not self._same_region(giver, receiver):
                            self.add(giver, "pairedWith", receiver, sentence, "pairing")
        for word in REGION_PAIRING_WORDS:
            pos = self.text.find(word, s_start, s_end)
            while pos != -1:
                giver = ends.get(pos)
                if giver is None and (
                    adverb := PAIRING_ADVERB_RE.search(self.text, max(s_start, pos - PAIRING_ADVERB_REACH), pos)
                ):
                    giver = ends.get(adverb.start())
                if giver is None and (counted := COUNTED_GIVERS_RE.search(self.text, max(s_start, pos - 6), pos)):
                    giver = ends.get(counted.start())  # 甲、乙、丙三省市对口支援…
                after = pos + len(word)
                if giver is not None and self.text.startswith("的", after):
                    after += 1  # 某省对口支援的甲县、乙县
                receivers = [i for i in self._place_after(after) if self.spans[i].label == "Place"]
                chain_end = self._place_chain_end(after)
                if chain_end is not None and UNITS_COUNTED_RE.match(self.text, chain_end):
                    receivers = []  # 对口支援的某地区四县: the counties, which it does not name
                if receivers and chain_end is not None and self.text.startswith("的", chain_end):
                    listed = self._listed_places(chain_end + 1)
                    if (
                        giver is None
                        and listed
                        and self._policy_giver(listed[0])
                        and not any(self._same_region(listed[0], j) for j in receivers)
                    ):
                        giver = listed[0]  # 结对帮扶甲镇的乙市: the place the clause describes gives
                    else:
                        # 对口支援某地区的甲县、乙县以及丙师: the places it lists are the receivers
                        receivers = listed or receivers
                elif receivers and chain_end is not None and RECEIVER_JOINER_RE.match(self.text, chain_end):
                    # 对口支援甲县、乙县和丙师; not 对口支援甲州、乙市结对丙县 (乙市 gives: a pairing of its own)
                    listed = self._place_list(after, RECEIVER_JOINER_RE)[0]
                    receivers = [
                        j
                        for j in listed
                        if not self.text.startswith(REGION_PAIRING_WORDS, self.spans[j].end)
                        and not (giver is not None and self._same_region(giver, j))
                    ]
                respectively = giver is None and RESPECTIVELY_RE.search(self.text, s_start, pos)
                if respectively:
                    givers = self._places_before(respectively.start())
                    # 甲市、乙市分别对口支援的A县、B县 as well as 分别对口支援A县、B县
                    after = pos + len(word) + (self.text[pos + len(word) : pos + len(word) + 1] == "的")
                    listed = self._place_list(after, RECEIVER_JOINER_RE)[0]
                    if len(givers) == len(listed) > 1:
                        for giver_j, receiver in zip(givers, listed):
                            self.add(giver_j, "pairedWith", receiver, sentence, "pairing")
                if giver is None and receivers and self.clause_bounds(pos)[0] == pos:
                    # (自1994年以来，)某省先后派出十批干部人才，对口支援甲县、乙县: a clause of its own
                    # whose subject is the giver that opens an earlier clause of the sentence
                    opening = next(
                        (
                            j
                            for j in places
                            if self.spans[j].start < pos
                            and self.clause_bounds(self.spans[j].start)[0] == self.spans[j].start
                        ),
                        None,
                    )
                    if opening is not None and self._policy_giver(opening):
                        giver = opening
                if giver is not None and word in CROSS_REGION_WORDS:
                    receivers = [j for j in receivers if not self._same_region(giver, j)]
                if word == "携手" and giver is not None and not self._policy_giver(giver):
                    receivers = []  # 两县携手: neighbours working together, no pairing of aid
                if giver is not None and not receivers and self.text.startswith("的", pos + len(word)):
                    # 甲县是某省对口支援的县之一: the subject before 是 is what the giver supports
                    subject = (
                        ends.get(self.spans[giver].start - 1)
                        if self.text[self.spans[giver].start - 1] == "是"
                        else None
                    )
                    if subject is not None and not self._same_region(giver, subject):
                        receivers = [subject]
                if giver is not None and not receivers:
                    # 甲县由某市对口支援, 甲县虽由某市帮扶: the place before 由 is the receiver
                    by = RECEIVER_BY_RE.search(
                        self.text, max(s_start, self.spans[giver].start - 3), self.spans[giver].start
                    )
                    subject = ends.get(by.start()) if by else None
                    if subject is not None and not self._same_region(giver, subject):
                        receivers = [subject]
                if giver is not None:
                    # 甲省、乙省对口支援某地区: each giver of the list before the verb
                    listed = self._listed_before(self.spans[giver].end, lambda span: span.label == "Place")
                    co_givers = [j for j in listed if j == giver or self._policy_giver(j)]
                    for each in co_givers or [giver]:
                        for receiver in receivers:
                            if each == giver or not self._same_region(each, receiver):
                                self.add(each, "pairedWith", receiver, sentence, "pairing")
                pos = self.text.find(word, pos + 1, s_end)

    def dates(self):
        dates = span_data(self.doc, self.doc.spans.get("kg_dates", []))
        for i, span in enumerate(self.spans):
            if span.label != "Event":
                continue
            sentence = self.sentence_of[i]
            s_start, s_end = self.sentences[sentence]
            candidates = [d for d in dates if s_start <= d.start < s_end]
            if not candidates:
                continue
            before = [d for d in candidates if d.start < span.start]
            date = before[-1] if before else candidates[0]
            # 11月20日，2025年某某对接会: the year before the name is the full date's own year.
            finer = [
                d for d in before if len(d.value.iso) > len(date.value.iso) and d.value.iso.startswith(date.value.iso)
            ]
            if finer:
                date = finer[-1]
            self.add(i, "date", None, sentence, "date", literal=_named_year(date.value, span.name or span.text))
        self._opening_dates(dates)
        self._project_dates(dates)
        self._event_anaphora_dates()
        self._same_day_dates(dates)
        self._scene_dates(dates)
        self._plan_dates(dates)

    def _scene_dates(self, dates):
        """9月10日，某校报告厅里座无虚席。某某研讨会在这里举行: an event held where the sentence before
        set the scene is held on the day that sentence opened with, in place of the year or month
        only its own name or sentence gave."""
        for i in self.named("Event"):
            sentence = self.sentence_of[i]
            s_start, s_end = self.sentences[sentence]
            if sentence == 0 or not HELD_HERE_RE.match(self.text, self.spans[i].end, s_end):
                continue
            p_start, _ = self.sentences[sentence - 1]
            day = next((d for d in dates if d.start == p_start and d.value.precision == "day"), None)
            if day is None:
                continue
            value = _named_year(day.value, self.spans[i].name or self.spans[i].text)
            own = [r for r in self.relations if r.subject == i and r.predicate == "date"]
            if any(not value.iso.startswith(r.literal.iso) for r in own):
                continue  # another year or month than that day's: the sentence before was no scene of it
            self.relations = [r for r in self.relations if r not in own]
            self.add(i, "date", None, sentence, "date-scene", literal=value)

    def _opening_dates(self, dates):
        """2025年某某邀请赛在某地举行。邀请赛于8月10日开赛: the day a sentence gives with a verb of
        opening, coming back to an event by its head noun (or naming it), dates the event, in place
        of the year or month only its own sentence gave."""
        dated: dict[int, list[RelationCandidate]] = {}
        for relation in self.relations:
            if relation.predicate == "date":
                dated.setdefault(relation.subject, []).append(relation)
        for i in self.named("Event"):
            head = max(self._event_heads(self.spans[i].name or self.spans[i].text), key=len, default=None)
            own = dated.get(i, [])
            if head is None or any(r.literal.precision == "day" for r in own):
                continue
            first = self.sentence_of[i]
            for sentence in range(first, min(first + 3, len(self.sentences))):
                s_start, s_end = self.sentences[sentence]
                at = self.text.find(head, self.spans[i].end - len(head) if sentence == first else s_start, s_end)
                day = next(
                    (
                        d
                        for d in dates
                        if at >= 0
                        and at < d.start < s_end
                        and d.value.precision == "day"
                        and OPENING_AFTER_DATE_RE.match(self.text, d.end)
                    ),
                    None,
                )
                if day is None:
                    continue
                value = _named_year(day.value, self.spans[i].name or self.spans[i].text)
                coarser = [r for r in own if value.iso.startswith(r.literal.iso)]
                if len(coarser) < len(own):
                    break  # another year or month than this day's: leave the event as its sentence dates it
                self.relations = [r for r in self.relations if r not in coarser]
                self.add(i, "date", None, sentence, "date-opening", literal=value)
                break

    def _event_anaphora_dates(self):
        """此次集中开工的甲、乙等N个项目: a sentence that opens by pointing back at the event of the
        sentence before gives the projects it lists that event's date. 本批开工项目主要包括：
        followed by paragraphs that open as items of a list (一是…, 二是…) points back at the last
        dated event before it, and the items' projects take its date."""
        event_dates = {}
        for rel in self.relations:
            if rel.predicate == "date" and self.spans[rel.subject].label == "Event":
                event_dates.setdefault(self.sentence_of[rel.subject], rel.literal)
        for sentence, (s_start, s_end) in enumerate(self.sentences):
            opening = self.text[s_start:s_end].lstrip("，, ")
            if not opening.startswith(EVENT_ANAPHORA):
                continue
            if sentence - 1 in event_dates:
                date, listed = event_dates[sentence - 1], [sentence]
            elif opening.rstrip().endswith(("：", ":")) and any(s < sentence for s in event_dates):
                date = event_dates[max(s for s in event_dates if s < sentence)]
                listed = self._list_items(sentence)
            else:
                continue
            for item in listed:
                for i in self.in_sentence(item, ("Program",)):
                    if i in self.outer and not self.has(i, "date"):
                        self.add(i, "date", None, item, "date-event-anaphora", literal=date)

    def listed_funds(self):
        """某区安排我旗协作资金2650万元，共实施项目7个，具体如下：一、甲项目…二、乙项目…: the giver whose
        aid money the colon's sentence sets out funds the project that opens each item after it."""
        for intro, (s_start, s_end) in enumerate(self.sentences):
            if not self.text[s_start:s_end].rstrip().endswith(("：", ":")):
                continue
            givers = self._money_givers(intro)
            if not givers and intro > 0 and "\n" not in self.text[self.sentences[intro - 1][1] : s_start]:
                # 某工作组共安排援疆资金2.36亿元，实施项目27个。首批开工的8个项目包括：: the sentence
                # before, in the same paragraph, says whose money
                givers = self._money_givers(intro - 1)
            if len(givers) != 1:
                continue
            for item in self._list_items(intro):
                programs = [i for i in self.in_sentence(item, ("Program",)) if i in self.outer]
                if programs and not self.has(programs[0], "fundedBy"):
                    self.add(programs[0], "fundedBy", givers[0], item, "funder-list")

    def _money_givers(self, sentence) -> list[int]:
        """The givers a sentence says put in money (某区安排协作资金…), most specific first."""
        return self.most_specific(
            [
                j
                for j in self.in_sentence(sentence, ("Place", "Organization"))
                if j in self.outer
                and (self._is_funder(j) or self._policy_giver(j))
                and not (self.spans[j].label == "Place" and self._receives(j))  # 安排某县援疆资金
                and "资金" in self.text[self.spans[j].end : self.clause_bounds(self.spans[j].end)[1]]
            ]
        )

    def _list_items(self, intro) -> list[int]:
        """The sentences of the list a sentence ending in a colon introduces: the paragraphs after
        it that open as items (一是, （二）), each to its end."""
        items = []
        for sentence in range(intro + 1, len(self.sentences)):
            start = self.sentences[sentence][0]
            before = self.text[max(0, start - 4) : start].rstrip(" \t\u3000")
            if not before or before.endswith("\n"):  # a paragraph opens here
                if not LIST_ITEM_RE.match(self.text, start):
                    break
            items.append(sentence)
        return items

    def _same_day_dates(self, dates):
        """当日下午举办的某某座谈会上, 当天下午，某某展销会开幕: an event said to be held that same day
        (当天, 当日, 同日) and with no date of its own in its sentence takes the last full date
        written before it."""
        days = [d for d in dates if d.value.precision == "day"]
        for i in self.named("Event"):
            span = self.spans[i]
            s_start = self.sentences[self.sentence_of[i]][0]
            if self.has(i, "date") or not any(w in self.text[s_start : span.start] for w in SAME_DAY):
                continue
            before = [d for d in days if d.end <= s_start]
            if before:
                self.add(i, "date", None, self.sentence_of[i], "date-same-day", literal=before[-1].value)

    def _plan_dates(self, dates):
        """某县公布2026年援疆项目计划: a headline publishing one year's list of projects dates
        the projects the report names that no sentence dates (weaker evidence)."""
        if not self.sentences:
            return
        s_start, s_end = self.sentences[0]
        if not any(word in self.text[s_start:s_end] for word in PLAN_WORDS):
            return
        years = {d.value.iso: d.value for d in dates if s_start <= d.start < s_end and d.value.precision == "year"}
        if len(years) != 1:
            return
        (year,) = years.values()
        for i in self.outer:
            if self.spans[i].label == "Program" and not self.has(i, "date"):
                self.add(i, "date", None, 0, "date-plan", strength="default", literal=year)

    def _project_dates(self, dates):
        """A project takes the date of a sentence that says it started, was finished or opened."""
        last_program = None
        for sentence, (s_start, s_end) in enumerate(self.sentences):
            text = self.text[s_start:s_end]
            programs = [i for i in self.in_sentence(sentence, ("Program",)) if i in self.outer]
            # 计划2026年8月交付使用: a planned date is no milestone; 记者7月12日在现场看到: nor is the
            # day the reporter went to see.
            candidates = [
                d
                for d in dates
                if s_start <= d.start < s_end
                and not self.text[s_start : d.start].endswith(FUTURE_WORDS + REPORTER_WORDS)
            ]
            self._clause_anaphora_date(sentence, s_start, s_end, dates, last_program)
            if candidates and any(verb in text for verb in MILESTONE_VERBS):
                date = candidates[0]
                if programs:
                    for i in programs:
                        # 甲项目已于8月建成投产；乙项目新建展示馆: a semicolon parts their stories.
                        span = self.spans[i]
                        between = self.text[min(span.end, date.start) : max(span.start, date.end)]
                        if not self.has(i, "date") and "；" not in between:
                            self.add(i, "date", None, sentence, "date-milestone", literal=date.value)
                elif last_program is not None and (
                    text.lstrip("，, ").startswith(PROJECT_ANAPHORA) or self._in_item_of(last_program, s_start)
                ):
                    if not self.has(last_program, "date"):
                        self.add(last_program, "date", None, sentence, "date-anaphora", literal=date.value)
            if programs:
                last_program = max(programs, key=lambda i: self.spans[i].start)

    def _in_item_of(self, i, pos) -> bool:
        """``pos`` is in the item of a list that ``i`` heads (三、某某项目。某指挥部投入…，5月开工):
        a sentence of the marker and the name alone opens the item; the rest of its line is about it."""
        s_start, s_end = self.sentences[self.sentence_of[i]]
        marker = LIST_ITEM_RE.match(self.text, s_start)
        span = self.spans[i]
        return (
            marker is not None
            and span.subclass == "Project"  # （一）“组团式”医疗援藏。: a section on a campaign, not an item
            and span.start == marker.end()
            and not self.text[span.end : s_end].strip("。 ")
            and "\n" not in self.text[span.end : pos]
        )

    def _clause_anaphora_date(self, sentence, s_start, s_end, dates, last_program):
        """…，该项目于2023年3月开工: a clause that points back at a project and says when it started,
        was finished or opened dates the last project named before it."""
        for match in CLAUSE_ANAPHORA_RE.finditer(self.text, s_start, s_end):
            clause_end = self.clause_bounds(match.end())[1]
            clause = self.text[match.end() : clause_end]
            before = [i for i in self.named("Program") if self.spans[i].end <= match.start()]
            target = before[-1] if before else last_program
            found = [d for d in dates if match.end() <= d.start < clause_end]
            if target is None or not found or not any(verb in clause for verb in MILESTONE_VERBS):
                continue
            if not self.has(target, "date"):
                self.add(target, "date", None, sentence, "date-anaphora", literal=found[0].value)

    def sub_programs(self):
        """实施某某工程，开展甲、乙…: within one run of clauses (up to ；), what follows a launched
        campaign is part of it."""
        for sentence, (s_start, s_end) in enumerate(self.sentences):
            programs = sorted(
                (i for i in self.in_sentence(sentence, {"Program"}) if i in self.outer and not self._owned(i)),
                key=lambda i: self.spans[i].start,
            )
            for run_start, run_end in _runs(self.text, s_start, s_end):
                members = [i for i in programs if run_start <= self.spans[i].start < run_end]
                umbrella = next((i for i in members if self._launched_campaign(i)), None)
                if umbrella is None or self._listed_on(umbrella, members):
                    continue  # 实施甲项目、乙项目等: the names listed with it are its siblings
                for i in members:
                    if self.spans[i].start > self.spans[umbrella].end:
                        self.add(i, "partOf", umbrella, sentence, "sub-program")

    def _listed_on(self, i, members):
        """A name that 、, 和, 及 or 与 joins to the next of ``members`` (甲、乙, 甲和乙)."""
        end = self.spans[i].end
        return any(self.text[end : self.spans[j].start] in LIST_JOINERS for j in members if self.spans[j].start > end)

    def _launched_campaign(self, i):
        span = self.spans[i]
        if span.subclass not in ("Campaign", "Project") or not span.rule.startswith(("head:", "quoted-head:")):
            return False
        clause_start, _ = self.clause_bounds(span.start)
        return any(verb in self.text[clause_start : span.start] for verb in LAUNCH_VERBS)

    def _owned(self, i):
        """浙江“千万工程”, 中宣部“五个一工程”: a program written right after a place or body is
        that one's own program, cited as a model, not an aid program of this report."""
        start = self.spans[i].start
        while start > 0 and self.text[start - 1] in '“‘"':
            start -= 1
        return any(
            self.spans[j].label in ("Place", "Organization") and not self._names_giver(j)
            for j in self.ends_at.get(start, ())
        )

    def default_funder(self):
        """The aid-giver a report is about funds the programs it presents (weaker evidence); in a
        report on the aid of several provinces, the giver whose command (or aid team) was named last
        before each."""
        counts = {}
        for i, span in enumerate(self.spans):
            # (a command named by no giver, 某地区成立的援藏项目建设指挥部, is the receiver's own)
            if span.label == "Organization" and span.subclass == "AidCommand" and (span.key or self.inner_places(i)):
                key = span.key or span.name
                counts.setdefault(key, []).append(i)
        if not counts:
            # 某省援藏某县工作组: in a report naming no command, a giver's aid team stands for it
            for i, span in enumerate(self.spans):
                if span.subclass == "Team" and any(word in span.text for word in AID_WORDS) and self._giver_first(i):
                    counts.setdefault(span.name, []).append(i)
        if not counts:
            return
        giver_key = max(counts, key=lambda k: (len(counts[k]), -self.spans[counts[k][0]].start))
        giver = counts[giver_key][0]
        givers = {j: giver_province(str(key)) for key, js in counts.items() for j in js}
        # a giver's aid team (某省援藏工作队) is a command of its own in a report on several givers
        for j in self.outer:
            team = self.spans[j].subclass == "Team" and any(word in self.spans[j].text for word in AID_WORDS)
            # 某县某中学北京援藏教师团队: the giver among its places, not the school's
            places = [k for k in self.inner_places(j) if self._policy_giver(k)] if team else []
            if places:
                givers[j] = str(self.spans[places[0]].key)[:2]
        commands = sorted((self.spans[j].start, j) for j in givers)
        several = len(set(givers.values())) > 1
        located = self._located_keys()
        local_bodies = self._local_bodies()
        # the provinces aid goes to: Xinjiang, Tibet, Qinghai, and those the report's commands aid
        aided = {target[:2] for target in AID_TARGETS.values()} | {aided_province(str(key)) for key in counts} - {None}
        for i, span in enumerate(self.spans):
            if i not in self.outer and span.label != "Program" or self.has(i, "fundedBy") or self._owned(i):
                continue
            if i in self.invested:
                continue  # 甲公司与乙县签约某项目: a company's investment, not the giver's aid
            if several:
                # a report on the aid of several givers: the command of its sentence, or the one
                # named last before it, if any
                same = [j for _, j in commands if self.sentence_of[j] == self.sentence_of[i]]
                before = [j for start, j in commands if start < span.start]
                if not same and not before:
                    continue
                giver = same[0] if same else before[-1]
            if not (
                span.label == "Program"
                or span.label == "Work"
                and self._made_work(i)
                and not self._media_work(i)
                and not self._used_work(i)
                or span.label == "Organization"
                and span.subclass not in FUNDER_SUBCLASSES
                and self._built(i)
            ):
                continue
            regions = {key[:2] for key in located.get(i, ())}
            funder = self._command_for_region(giver, commands, regions, aided)
            funder = self._local_body(funder, located.get(i, ()), local_bodies)
            named_giver = self._giver_in_name(i, funder) if span.label == "Program" else None
            if named_giver is not None:
                self.add(i, "fundedBy", named_giver, self.sentence_of[i], "funder-name-giver")
            elif funder is not None:
                self.add(i, "fundedBy", funder, self.sentence_of[i], "funder-default", strength="default")

    def _giver_in_name(self, i, funder):
        """The giver a program is named after, where it is not the default funder's (某县天津工业园区
        项目 in a report of Jiangsu's aid) or is named with its aid (某县烟台援藏安居小区 in a report
        of Shandong's): the program is that giver's. None otherwise."""
        funder_key = str(self.spans[funder].key or "") if funder is not None else ""
        funder_giver = giver_province(funder_key)[:2]
        givers = [j for j in self.inner_places(i) if self._policy_giver(j) and not self._is_local(j)]
        own = giver_key(funder_key)
        aiding = [
            j for j in givers if self.text.startswith(GIVER_AID_WORDS, self.spans[j].end) and self.spans[j].key != own
        ]
        if aiding:
            return aiding[0]  # 某县烟台援藏安居小区: named with its aid, a city of the funder's province too
        if not givers or any(str(self.spans[j].key)[:2] == funder_giver for j in givers):
            return None  # no other giver named, or the funder's own among them (先去北京、再去浙江…)
        return givers[0]

    def _located_keys(self) -> dict[int, set[str]]:
        """The keys of the places each mention is located in so far (their first two digits: the
        province)."""
        located: dict[int, set[str]] = {}
        for relation in self.relations:
            if relation.predicate == "locatedIn" and relation.object is not None and self.spans[relation.object].key:
                located.setdefault(relation.subject, set()).add(str(self.spans[relation.object].key))
        return located

    def _giver_first(self, i) -> bool:
        """The name of mention ``i`` opens on a giver's place (某省援藏某县工作组)."""
        places = self.inner_places(i)
        return bool(places) and self.spans[places[0]].start == self.spans[i].start and self._policy_giver(places[0])

    def _local_bodies(self) -> list[tuple[int, list[str]]]:
        """The giver's bodies for one aided place a report names (某省援藏某县工作组, 某市援疆某县分
        指挥部), with the keys of the places in their names: the giver first, then where it aids."""
        bodies = []
        for j in self.outer:
            span = self.spans[j]
            if span.label == "Organization" and span.subclass in LOCAL_BODY_SUBCLASSES:
                keys = [str(self.spans[k].key) for k in self.inner_places(j) if self.spans[k].key]
                if len(keys) >= 2:
                    bodies.append((j, keys))
        return bodies

    def _local_body(self, funder, located, local_bodies):
        """Where the report names one body of the funder's giver for a place a program is
        ``located`` in, that body, more specific than the giver or its command, is the default
        funder (the body is part of its giver, so either is credited)."""
        key = str(self.spans[funder].key or "") if funder is not None else ""
        if not key:
            return funder
        giver = giver_key(key)
        bodies: dict[str, int] = {}
        for j, keys in local_bodies:
            if (
                j != funder
                and keys[0] == giver
                and any(place == aided or self.within(place, aided) for place in located for aided in keys[1:])
            ):
                bodies.setdefault(self.spans[j].name, j)
        return next(iter(bodies.values())) if len(bodies) == 1 else funder

    def _command_for_region(self, command, commands, regions, aided):
        """The aid body to credit with a program located in ``regions``: ``command``, unless it aids
        another region (a province's 援疆 command does not fund its projects in Tibet); then the
        same giver's body for the program's region, or the giver itself where the report names it
        (in the command's name too), or none."""
        key = str(self.spans[command].key or "")
        if not key.startswith("aid:") or aided_province(key) in regions or not regions & aided:
            return command  # in its region, or outside every aided one (a study trip to the giver's city)
        giver = key.split(":")[1]
        same_giver = [
            j
            for _, j in commands
            if str(self.spans[j].key or "").startswith(f"aid:{giver}:")
            and aided_province(str(self.spans[j].key)) in regions
        ]
        if same_giver:
            return same_giver[0]
        return next((j for j, span in enumerate(self.spans) if span.label == "Place" and span.key == giver), None)

    def framed_villages(self):
        """在某县某乡，甲村、乙村…: the villages a sentence opening on a township names, that nothing
        nests elsewhere, are in that township."""
        for sentence, (s_start, s_end) in enumerate(self.sentences):
            if not self.text.startswith("在", s_start):
                continue
            chain = self._place_after(s_start + 1)
            township = chain[-1] if chain else None
            if township is None or self.spans[township].subclass != "Township":
                continue
            frame_end = self.spans[township].end
            if not self.text.startswith(("，", ","), frame_end):
                continue
            for i in self.in_sentence(sentence, {"Place"}):
                span = self.spans[i]
                if span.start > frame_end and span.subclass == "Village" and not self.has(i, "partOf"):
                    self.add(i, "partOf", township, sentence, "village-frame")

    def default_township_county(self):
        """A township no table knows and no sentence nests (the recognizer's 某某镇) lies in the
        county the report is about (weaker evidence: strength ``default``)."""
        place = self._report_place()
        if place is None or self.spans[place].subclass != "County":
            return
        for i, span in enumerate(self.spans):
            if span.label == "Place" and span.subclass == "Township" and not span.key and not self.has(i, "partOf"):
                self.add(i, "partOf", place, self.sentence_of[i], "township-default", strength="default")

    def default_place(self):
        """Events and projects no sentence places are where the report's receiving place is. A
        campaign, a brand or a quoted name (“青蓝工程”) is a program of the giver's, carried out
        wherever it goes: the report's place does not locate it."""
        place = self._report_place()
        if place is None:
            return
        for i, span in enumerate(self.spans):
            if i not in self.outer or self.has(i, "locatedIn"):
                continue
            if span.label == "Event" or span.label == "Program" and self._built_project(span):
                self.add(i, "locatedIn", place, self.sentence_of[i], "place-default", strength="default")
            elif span.label == "Organization" and self._bare_level_body(i, place):
                # 县人民医院, 县发改委 in a report about one county: that county's
                self.add(i, "locatedIn", place, self.sentence_of[i], "place-default", strength="default")

    def _bare_level_body(self, i, place) -> bool:
        """A body named by a level word and its head alone (县人民医院, 县委), the level the report's
        place has (县 for a 县)."""
        span, level = self.spans[i], self.spans[place].text[-1:]
        return span.text[:1] == level and level in "县市区旗" and not self.inner_places(i)

    @staticmethod
    def _built_project(span) -> bool:
        """A project named without quotation marks (“疆品南下”冷链专列 is a brand's)."""
        return span.subclass == "Project" and not span.rule.startswith("quoted") and not QUOTE_CHARS & set(span.text)

    def _report_place(self):
        """The first mention of the receiving place the report names most: a county (or, with no
        county, a prefecture) that is no giver (shown giving, or only giving in the pairing table),
        named at least twice as often as any other."""
        givers = self._giver_keys()
        for level in RECEIVER_LEVELS:
            counts: dict[str, list[int]] = {}
            for i, span in enumerate(self.spans):
                if span.label != "Place" or span.subclass not in level or not span.key:
                    continue
                if any(span.key == g or self.within(span.key, g) for g in givers):
                    continue
                if gives_by_policy(span.key) and not receives_by_policy(span.key):
                    continue  # a giving city's district or county (海宁市, 南山区): never the receiver
                counts.setdefault(span.key, []).append(i)
            if counts:
                ranked = sorted(counts.values(), key=lambda found: (-len(found), self.spans[found[0]].start))
                if len(ranked) == 1 or len(ranked[0]) >= 2 * len(ranked[1]):
                    return ranked[0][0]
                return None
        return None

    def _made_work(self, i):
        """援疆团队创作的《某某》, 拍摄微电影《某某》: a work its clause says was made."""
        clause_start, _ = self.clause_bounds(self.spans[i].start)
        return any(verb in self.text[clause_start : self.spans[i].start] for verb in WORK_MAKE_VERBS)

    def _used_work(self, i):
        """合唱了《某某》, 某团带来的《某某》: a work performed or read, not made with the aid."""
        clause_start, _ = self.clause_bounds(self.spans[i].start)
        before = self.text[clause_start : self.spans[i].start]
        return any(verb in before for verb in WORK_USE_VERBS)

    def _media_work(self, i):
        """《某某》团队, 某台《某某》: a programme or magazine of a media organization."""
        span = self.spans[i]
        after = self.text[span.end : span.end + 4].lstrip("》")
        return after.startswith(MEDIA_FOLLOWERS)

    def figures(self):
        links = {}
        for f, figure_start in enumerate(span.start_char for span in self.doc.spans.get("kg_figures", [])):
            sentence = self._sentence_index(figure_start)
            candidates = [
                i for i in self.in_sentence(sentence, {"Program", "Organization", "Event"}) if i in self.outer
            ]
            before = [i for i in candidates if self.spans[i].end <= figure_start]
            if before:
                links[f] = max(before, key=lambda i: self.spans[i].end)
            elif candidates:
                links[f] = candidates[0]
        return links


@lru_cache(maxsize=100_000)
def _named_year(value, name):
    """A date written without its year (8月5日) takes the year the event's name gives (2024中国…
    展销会) rather than the report's: the name says which edition it is."""
    match = NAME_YEAR_RE.search(name)
    if not value.inferred_year or match is None:
        return value
    year = match.group(1)
    end_iso = value.end_iso and year + value.end_iso[4:]
    return replace(value, iso=year + value.iso[4:], end_iso=end_iso, inferred_year=False)


def _within(gazetteer, inner_key, outer_key):
    """Is one place inside another: by the gazetteer, or by nesting keys (县/镇/村)."""
    if not inner_key or not outer_key:
        return False
    if inner_key.startswith(outer_key + "/"):
        return True
    if gazetteer.get(inner_key) is None or gazetteer.get(outer_key) is None:
        return False
    return gazetteer.is_within(inner_key, outer_key)


def _runs(text, start, end):
    """Runs of clauses separated by ；, the separator of parallel items in official prose."""
    pos = start
    while (stop := text.find("；", pos, end)) != -1:
        yield pos, stop
        pos = stop + 1
    yield pos, end


def _starts_with_any(text, words):
    return any(text.startswith(word) for word in words)


@Language.factory(
    "kg_relations",
    assigns=["doc._.kg_relations", "doc._.kg_figure_of", "doc._.kg_entities"],
    requires=["doc.spans"],
)
def make_relation_extractor(nlp: Language, name: str) -> RelationExtractor:
    """Factory of :class:`RelationExtractor`."""
    return RelationExtractor(nlp, name)


def giver_key(key: str) -> str:
    """The giver's key of an aid command's key (aid:<giver code>:<aided code>), or the key itself."""
    return key.split(":")[1] if key.startswith("aid:") else key


def giver_province(key: str) -> str:
    """The province of the giver of an aid command's key (a city's command and its province's are
    one giver's), or the key itself."""
    return giver_key(key)[:2] if key.startswith("aid:") else key


def aided_province(key: str) -> str | None:
    """The province an aid command's key says it aids (65 for aid:<giver code>:650000), or None."""
    return key.split(":")[2][:2] if key.startswith("aid:") else None
