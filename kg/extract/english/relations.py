"""Relations between the mentions of an English report, from the grammar of English news.

Writes ``doc._.kg_relations`` (:class:`~kg.extract.components.relations.RelationCandidate`, the
records the Chinese rules write), ``doc._.kg_entities`` and ``doc._.kg_figure_of``. Rules:

* ``en-nesting``: a township or village named with its county (Aheya Town of Wushi) is part of it.
* ``en-name-place``: a name that holds a place of the aided region (Aksu City E-commerce Industrial
  Park) is located there; a place of the giver in a name (Liaoning-Tacheng Industrial Park) honours it.
* ``en-locative``: "in/at X", "based in X", "X's Y", an opening "In X,": where a program, an
  organization, an event or a site is.
* ``en-funder-by``: "funded/paid for/financed/backed/built by X", "with … from X", "with
  investment/assistance/aid from X", "with X's aid/help"; ``en-funder-adjective``: "X-funded Y",
  "X-backed Y"; ``en-funder-subject``: a giver that is the subject of a funding verb (X will build
  Y, X spent N yuan on Y, X is paying for Y); ``en-funder-relative``: the name before a relative
  clause whose subject is the giver (Y, which X built in 2015); ``en-funder-default``: the
  report's aid command funds the programs it presents (weaker evidence, strength ``default``), as
  in Chinese.
* ``en-pairing``: "X (has been) paired with Y, Z", "Y's partner city X", "X supports/assists Y".
* ``en-affiliation``: appositions ("Wang Li, a teacher at X", "said Wang Li, deputy head of X"),
  "who leads X", bylines ("By Wang Li | X").
* ``en-part``: "X Institute at Y University".
* ``en-participant``: the people named in the sentence of an event or program; ``en-organizer``:
  the bodies of "…, organized by A and B," after an event's name; ``en-event-back``: the bodies
  and people of a later sentence back at the event by its head noun ("At the forum, …").
* ``en-date``: an event or program takes the date of its sentence.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.components.relations import RelationCandidate, finish, giver_province, listed_pairs, pointer_spans
from kg.extract.english.lexicon import fold, is_role, roles
from kg.extract.english.names import MASTHEAD_CHARS
from kg.extract.english.persons import CREDIT_WORDS
from kg.extract.extensions import SentenceIndex, doc_text, entity_spans, span_data
from kg.reference.gazetteer import Gazetteer
from kg.reference.pairings import is_named_giver, pairing, receives_by_policy
from kg.reference.rules import alternation, load_words

EDITOR_BEFORE_RE = re.compile(r"\b(?:Editors?|Edited by)[: ]\s*$")  # a page's editor, before the name
# Two capitalised words joined by a hyphen or dash: two places of a pairing (Shanghai-Kashgar).
PLACE_PAIR_RE = re.compile(r"\b[A-Z][a-z]+[-–][A-Z][a-z]+\b")

AIDED = ("650000", "540000", "630000")
# (a government body governs the place its name holds, as in Chinese: kg/extract/components/relations.py)
NO_NAME_PLACE = {"AidCommand", "Team", "MediaOrganization", "GovernmentBody"}
ACTIVE = {"Program", "Organization", "Event"}
FUNDER_ORGS = {"AidCommand", "Team", "GovernmentBody"}
# Organizations that are also where they stand ("In Jiashi, the X Industrial Park handled…"):
# a sentence opening on a place locates them; a body acting there is not located by it.
FACILITIES = {"IndustrialPark", "School", "Hospital", "Venue"}
# What may stand between a facility and the place it is in: "opened in", ", built in 2020 in".
SITED_GAP_RE = re.compile(
    r"^,?\s*(?:(?:which|that)\s+)?(?:(?:is|was|were|has been|had been|will be)\s+)?"
    r"(?:(?:newly\s+)?(?:opened|built|completed|located|set up|established|launched|inaugurated|based|sited)\s+)?"
    r"(?:(?:in|on)\s+\w+\s+\d{0,4}\s*)?(?:in|at)\s+(?:the\s+)?$"
)
# "from north China's Tianjin Municipality": the wire style of placing a province in the country;
# "financed by Beijing's Haidian District": the district, named with its city
WHERE_IN_CHINA = (
    r"(?:(?:north|south|east|west|northwest|northeast|southwest|southeast|central) China['’]s )?"
    r"(?:[A-Z][\w-]+['’]s )?"
)
BY_RE = re.compile(
    r"\b(?i:funded|paid for|financed|backed|built|sponsored|supported|invested|bankrolled|carried out|run|aided"
    r"|assisted|developed|constructed|donated)"
    rf"(?: \w+){{0,2}} by (?:the )?(?:(?:municipal |provincial )?government of )?{WHERE_IN_CHINA}$"
)
FROM_RE = re.compile(
    rf"\b(?:with|using)\b[^.;]{{0,60}}?\b(?:from|by) (?:the )?{WHERE_IN_CHINA}$"
    rf"|\b(?:investment|assistance|aid|money|funds|funding|support) (?:from|of) (?:the )?{WHERE_IN_CHINA}$"
)
# "paired with the county": a level word after the definite article points back at a place.
THE_LEVEL_RE = re.compile(r"\s*the (county|prefecture|city)\b(?!['’])")
LEVEL_SUFFIXES = {"county": ("县", "旗"), "prefecture": ("地区", "州", "盟"), "city": ("市",)}
# "built with Shanghai's aid", "set up with Beijing's help": the giver's possessive after "with".
WITH_RE = re.compile(r"\bwith (?:the )?$")
GIVER_AID_RE = re.compile(r"['’]s (?:\w+ )?(?:aid|help|support|assistance|funding|money|investment)\b")
# "built with Tianjin aid (money)", "with 95 million yuan of Fuzhou funds": the giver's money
GIVER_MONEY_RE = re.compile(r" (?:(?:aid|assistance)(?: money| funds| funding)?|money|funds|funding)\b")
WITH_MONEY_RE = re.compile(r"\b(?:with|using)\b[^.;]{0,40}$")
RELATIVE_RE = re.compile(r",? (?:which|that) (?:the )?$")
RELATIVE_CLAUSE_RE = re.compile(r",\s*(?:which|who|that)\b[^,.;]{0,80},")
FUNDED = {"Program", "Organization", "Event"}
# "…, a 95-million-yuan " before a funder's adjective: the apposition of the name before the comma.
DESCRIBED_RE = re.compile(r",\s+an?\s+(?:[\w.-]+\s+){0,2}$")
ADJECTIVE_RE = re.compile(r"-(?:funded|backed|built|financed|sponsored|supported|aided|assisted) ")
FUND_VERBS = re.compile(
    r"(?:[^.;]{0,40}?)\b(?:will build|builds|built|has built|is building|funded|funds|is funding|is paying for|"
    r"paid for|pays for|spent|has spent|will spend|spends|invested|has invested|invests|put|has put|puts|"
    r"set aside|has set aside|allocated|sponsored|financed|opened|has opened|launched|has launched|set up|"
    r"has helped build|helped build|has helped|donated|subsidised|subsidized)\b"
)
LOCATIVE_RE = re.compile(
    r"(?:\b(?:in|at|inside|near|(?:edge|outskirts) of)|\bbased in|\blocated in|\bheld in|\bheld at) "
    r"(?:the )?(?:city of |county of )?$"
)
# A place's possessive right before its aid's words: "Guangdong's counterpart support for" (the
# words after the mark, up to the pairing phrase, are the kind of aid)
POSSESSOR_RE = re.compile(r"\b[A-Z][\w-]*(?: [A-Z][\w-]*)?(?P<mark>['’]s )(?:\w+ ){0,2}$")
PAIRED_RE = re.compile(
    r"\b(?:(?:paired|twinned|partnered)(?: up)?|pairing|partnership|pairs|partners) with\b"
    r"|\b(?:support|assistance|aid) for\b"
    r"|\breceive[sd]? (?:\w+ )?(?:aid|assistance|help|support) from\b"
    r"|\b(?:is|are|was|were|been) (?:\w+ )?(?:aided|assisted|supported) by\b"
    r"|\bassigned to (?:assist|help|support|aid)\b"
    r"|\b(?:provided|provides|providing|given|gives|giving) (?:\w+ )?(?:aid|assistance|support) to\b"
    r"|['’]s (?:\w+ )?(?:aid|assistance|support) to\b"
    # "has concentrated its aid on A, B and C", "Hunan's aid is focused on A and B"
    r"|\b(?:concentrated|concentrates|concentrating|focused|focuses|focusing|focussed) "
    r"(?:its |their |most of its )?(?:aid|assistance|support|help) on\b"
    r"|\b(?:aid|assistance|support|help) (?:is|are|was|were|has been|have been) (?:\w+ )?"
    r"(?:concentrated|focused|focussed) on\b"
    # "Ningbo works with Liangshan": two places, a giver and an aided one (the checks below)
    r"|\b(?:works|worked|working|cooperates|cooperated|cooperating) with\b"
)
SUPPORT_RE = re.compile(
    r"^(?:,[^,]{0,40},|, (?:which|that|who))? "
    r"(?:has |have |had |also |separately |now |currently |still |jointly |is |was |are |being |been )*"
    r"(?:supports?|supported|supporting|assists?|assisted|assisting|aids?|aided|aiding|helps?|helped|helping"
    r"|responsible for)\b"
)
RELATIVE_BEFORE_RE = re.compile(r", (?:which|that) $")
# "Tianjin invested 836 million yuan in Qira and Keriya counties": the places its money went to,
# where the pairing table pairs them with it (a company's investment pairs nothing).
INVEST_RE = re.compile(
    r" (?:has |have |had |also |)*(?:invested|invests|poured|allocated|earmarked|channelled|channeled)"
    r" (?:[^.;]|\.\d){0,60}?\bin "
)
APPOSITION_RE = re.compile(
    r"^,(?: \d{1,3},)? (?:(?:a|an|the) )?[\w\s'’-]{0,50}?\b(?:at|of|from|in|with|for)\s+(?:the\s+)?$"
)

# (Xinhua/Hu Xiaoqing): an agency, a slash and its photographer, in brackets
PHOTO_CREDIT_RE = re.compile(r"\((\w[\w .&-]{1,40}?) ?/ ?$")
# "Besides Tianjin, Beijing aids…": a giver set aside before the one that acts
BESIDES_RE = re.compile(r"\b(?:[Bb]esides|[Aa]part from|[Ii]n addition to|[Aa]longside|[Ll]ike) $")
# A photo caption's mark of where the person stands, right after the name: "Zhang Wei (R), a doctor"
POSITION_MARK_RE = re.compile(r"^\s*\((?:\d(?:st|nd|rd|th) )?(?:[LRC]|left|right|center|centre|front|back)\)")
# "NAME, the school's vice-principal": a comma, then a body whose role follows its 's
POSSESSIVE_GAP_RE = re.compile(r"^, (?:the )?$")
POSSESSIVE_WORDS_RE = re.compile(r"['’]s? ((?:[a-z-]+ ?){1,3})")  # 's, or ' after a plural (headquarters')
# Right after a person: "of/from/at the …" (Wang Li of the institute), or a verb of working.
OF_RE = re.compile(r"^ (?:of|from|at) (?:the )?$")
WORKS_AT_RE = re.compile(
    r"^,[^.;]{0,80}\b(?:teaches|taught|works|worked|working|studies|studied|serves|served) (?:at|for|in) (?:the )?$"
)
ORG_LOCATIVE_RE = re.compile(
    r"^,? (?:(?:which|that) (?:is|was) )?(?:(?:based|located|headquartered|stationed) )?"
    r"(?:in|at|on the (?:edge|outskirts) of) (?:the )?(?:city of )?$"
)
# where one clause of a sentence of pairings ends and the next begins
# "…, covering A, B and C", "…, including A and B": the places a pairing goes on to list
COVERING_RE = re.compile(r", (?:covering|including|namely|spanning|aiding|helping|supporting) ")
CLAUSE_JOINT_RE = re.compile(r";|, (?:and|while|but|whereas) |, (?=[A-Z]\w+ (?:helps|supports|assists|aids|pairs)\b)")
POSSESSIVE_RE = re.compile(r"['’]s ")
LIST_JOINT_RE = re.compile(r"(?:,|,? and) (?:the )?")
ATTRIBUTION_RE = re.compile(r"\b(?:told|according to|said|says|reported by)\s+(?:the\s+)?$")
PREPOSITIONS = {"of", "in", "to", "from", "for", "with", "at", "by", "on", "into", "about"}
# "Li Ming is a cardiologist from X Hospital": the copula, then a role and the body
COPULA_ROLE_RE = re.compile(r"^ (?:is|was) (?:a|an|the) [\w\s'’-]{0,40}?\b(?:at|of|from|with|for)\s+(?:the\s+)?$")
SECOND_TITLE_RE = re.compile(r"^ and (?:[a-z-]+ ){1,3}(?:of|at) (?:the )?$")  # "and vice-president of the"
LEADING_VERBS = "leads|heads|runs|chairs|directs"
LEADS_RE = re.compile(rf"^,? (?:who|which) (?:{LEADING_VERBS}|works (?:at|for|in)|teaches at) (?:the )?$")
ITS_ROLE_RE = re.compile(r"(?:^|(?<=[.!?] ))Its ((?:[a-z-]+ ){0,2}[a-z-]+), $")
ATTENDED_INCLUDING_RE = re.compile(r"\b(?:attended|took part|participated)(?: the \w+)?, including ")
# "Sonam Gyatso heads the cooperative": the person's own verb of leading a body
HEADS_RE = re.compile(rf"^ (?:{LEADING_VERBS}|manages|founded|owns) (?:the )?$")
# "the Haidong Employment Bureau director Ma Li": a title in lower case between a body and a name
TITLE_BEFORE_RE = re.compile(r" ((?:deputy |vice |executive |general |chief )?[a-z][a-z-]+) ")
AID_WORD_RE = re.compile(r"\bAid(?:ing)?\b|\baid\b")
HELD_RE = re.compile(r"\b(?:held|staged|hosted|opened) (?:in|at)\b")
ARROW_RE = re.compile(r" ?(?:→|->|⟶|⇒) ?")
# the subject of a pairing that points back at a place named before
PRONOUN_SUBJECT_RE = re.compile(r"\b(?:it|[Tt]he (?:county|city|prefecture|district|region))\b")
LEVEL_RANK = {"village": 0, "township": 1, "county": 2, "prefecture": 3, "province": 4}
PAIRING_CUE = re.compile(r"\b(?:paired|partner|pairing|twinned)\b")
# "… School is paired with … School", "… Hospital has twinned with …"
INSTITUTION_PAIRED_RE = re.compile(
    r" (?:(?:is|was|has been|have been|are|were) )?(?:paired|twinned|partnered)(?: up)? with (?:the )?"
)
DASH_PAIRING_CUE = re.compile(
    r"\b(?:pair(?:s|ed|ings?)?|partner(?:s|ships?)?|cooperation|collaboration|assistance|aid)\b", re.I
)
# The fair, organized by A and B, …: the participle clause after an event's name
ORGANIZED_BY_RE = re.compile(r",\s*(?:jointly\s+|co-)?(?:organized|organised|hosted|sponsored)\s+by\s+")
# At the forum, …; The two-day fair was organized by …: a sentence back at an event by its head noun
# (behind at most two words that describe it)
AT_EVENT = r"(?:At|During|On the sidelines of)"
EVENT_BACK_RE = re.compile(
    rf"\s*(?:{AT_EVENT} the (?P<head>(?:[a-z0-9-]+ ){{0,2}}[a-z]+)\b"
    r"|The (?:[a-z0-9-]+ ){0,2}(?P<organized>[a-z]+) (?:was|is) (?:jointly )?"
    r"(?:organized|organised|hosted|co-hosted|sponsored) by\b)"
)
# "- Lhasa: Beijing and Jiangsu." / "Beijing - Yushu": a line of a list setting places against places
LIST_PAIRING_RE = re.compile(
    r"(?m)^[ \t]*(?:[-*•·][ \t]*)?(?P<left>[^\n:：–—]{2,60}?)[ \t]*(?:[:：]|[ \t][-–—][ \t])"
    r"[ \t]*(?P<right>[^\n]{2,200})$"
)
# "A and B attended the…", "C signed deals at the…": the verb, right before an event's name, or
# before its head noun (attended the conference) when the event was named earlier
ATTENDING = rf"\b(?:{alternation(load_words('en/attending.txt'))}|signed\b[^,.;]{{0,40}}?\b(?:at|during))\s+"
ATTENDING_RE = re.compile(ATTENDING + r"(?:the\s+)?$", re.IGNORECASE)
ATTENDING_BACK_RE = re.compile(ATTENDING + r"the (?P<head>[a-z]+)\b", re.IGNORECASE)
# "At the 2024 Golog Expo, held in…, A and B signed…": a sentence that opens at the event
AT_EVENT_RE = re.compile(rf"\s*{AT_EVENT} (?:the )?$")
TAKING_PART_RE = re.compile(rf"\b(?:{alternation(load_words('en/taking_part.txt'))})\b", re.IGNORECASE)
# "the city's Kunlun Vocational College", "the county's No. 2 Middle School": back to the city or county
# named last (a city may be a prefecture's, a county-level one or an XPCC division's).
BACK_OWNER_RE = re.compile(r"\b[Tt]he (city|county|town|township|village)['’]s $")
BACK_LEVELS = {
    "city": {"County", "Prefecture", "XPCCUnit"},
    "county": {"County"},
    "town": {"Township"},
    "township": {"Township"},
    "village": {"Village"},
}
# "… Industrial Park on the edge of the county seat": in the county named last.
SEAT_RE = re.compile(r",?\s+(?:in|at|near|on the (?:edge|outskirts) of) the (county|city) seat\b")
QUOTES = "\"“‘'"
CLAUSE_END = re.compile(r"[;!?\n]|\.(?![0-9])")  # not the point of 1.2 billion
INVESTED_RE = re.compile(r"\b(?:invest(?:ed|s)?|put|puts)\b")  # … invested 2 million yuan in the X


# What lies between a place and its parent when the report states the one is in the other:
# "Xinhe County, Aksu Prefecture", "Xinhe County in Aksu", "the county of Xinhe in Aksu" (after);
# "Aksu's Xinhe County", "Aksu Prefecture, Xinhe County" (before).
NESTED_AFTER = re.compile(r"\s*(?:,|\bin|\bof|,\s*in|,\s*part of)?\s*(?:the\s+)?", re.IGNORECASE)
NESTED_BEFORE = re.compile(r"\s*(?:['’]s|,)?\s*", re.IGNORECASE)


# "1. X Teaching Building, in Y County -- 68 million yuan, funded by Suzhou;": a row of a list
LIST_ROW_RE = re.compile(r"[ \t]*(?:\d{1,2}[.)]|[-*•·])[ \t]+")


def _detached(gap: str, row: bool = False) -> bool:
    """Whether the text between a name and "funded by …" leaves the name out of the phrase: a dash,
    or a bracket the name closes (a dateline's "(Xinhua) -- A school funded by …"). In a row of a
    list that the name begins, a dash sets off the row's next field (its cost, its funder)."""
    return (not row and any(dash in gap for dash in ("--", "—", "–"))) or gap.count(")") > gap.count("(")


class EnglishRelationExtractor:
    """Write ``doc._.kg_relations``, ``doc._.kg_entities`` and ``doc._.kg_figure_of``."""

    def __init__(self, nlp: Language, name: str = "kg_en_relations", *, default_funder: bool = True):
        self.name = name
        self.gazetteer = Gazetteer.load()
        self.default_funder = default_funder

    def __call__(self, doc: Doc) -> Doc:
        spans = span_data(doc, entity_spans(doc))
        outer = len(doc.spans.get("kg_mentions", []))
        # the park's…, the plant: read in place of the name they point back at, then credited to it
        pointers = pointer_spans(doc, spans, outer, english=True)
        state = _State(doc, spans + [span for span, _ in pointers], self.gazetteer, outer)
        for rule in (
            state.nesting,
            state.name_places,
            state.locatives,
            state.funders,
            state.pairings,
            state.affiliations,
            state.parts,
            state.participants,
            state.taking_part,
            state.back_referenced_participants,
            state.organizer_participants,
            state.attending,
            state.dates,
            state.aid_bodies,  # last: an aid body's partOf its giver is no place of its own for the rules above
        ):
            rule()
        if self.default_funder:
            state.default_funder()
        state.listed_pairings()
        state.table_pairings()
        entities, relations, final = finish(spans, pointers, state, state.index.bounds)
        doc._.kg_entities = entities
        doc._.kg_relations = list(dict.fromkeys(relations))
        doc._.kg_figure_of = {f: final.get(i, i) for f, i in state.figures().items()}
        return doc


class _State:
    def __init__(self, doc, spans, gazetteer, outer):
        """``spans[:outer]`` are the outer mentions, then the inner ones, then phrases that point
        back at an outer mention (read as outer mentions)."""
        self.doc = doc
        self.text = doc_text(doc)
        self.spans = spans
        self.gaz = gazetteer
        self.index = SentenceIndex(doc)
        self.sentence_of = [self.index.index(s.start) for s in spans]
        self.outer = set(range(outer)) | set(range(len(entity_spans(doc)), len(spans)))
        self.relations: list[RelationCandidate] = []
        self.asserted: set[tuple[int, str]] = set()
        self.by_start = sorted(((s.start, i) for i, s in enumerate(spans) if i in self.outer))

    # -- helpers ------------------------------------------------------------------------------
    def add(self, s, p, o, sentence, rule, strength="explicit", literal=None):
        if o is not None and o == s:
            return
        start, end = self.index.bounds[sentence]
        self.relations.append(RelationCandidate(s, p, o, literal, start, end, strength, rule))
        self.asserted.add((s, p))

    def in_sentence(self, sentence, labels=None, outer=True):
        return [
            i
            for i, s in enumerate(self.sentence_of)
            if s == sentence and (labels is None or self.spans[i].label in labels) and (not outer or i in self.outer)
        ]

    def aided(self, i) -> bool:
        key = self.spans[i].key
        return (
            bool(key)
            and any(
                key == code or self.gaz.get(key) and self.gaz.is_within(key, code)
                for code in AIDED
                if key[:2].isdigit()
            )
            or bool(key and key.split("/")[0][:2] in {c[:2] for c in AIDED})
            # and the receivers of East–West cooperation (毕节 in 贵州, which 广东 aids)
            or bool(key)
            and receives_by_policy(key)
        )

    def giver(self, i) -> bool:
        span = self.spans[i]
        if span.label == "Organization":
            return span.subclass in FUNDER_ORGS
        if span.label != "Place" or not span.key or not span.key[:2].isdigit():
            return False
        division = self.gaz.get(span.key)
        if division is not None and division.level == "province" and is_named_giver(span.key):
            return True  # Chongqing and Shaanxi aid Tibet, whatever aid they receive
        return division is not None and division.level in ("province", "prefecture", "county") and not self.aided(i)

    def receiver(self, j, givers) -> bool:
        """A place that can be paired with the givers: a coded one, not theirs nor holding them."""
        key = self.spans[j].key
        if not key or not key[:2].isdigit():
            return False
        for g in givers:
            other = self.spans[g].key
            if other and (key == other or self.gaz.is_within(key, other) or self.gaz.is_within(other, key)):
                return False
        return self.aided(j) or not self.giver(j) or self._level(j) == "province"

    def mention_at(self, pos, labels=None):
        """The outer mention starting at a character (after spaces)."""
        while pos < len(self.text) and self.text[pos] == " ":
            pos += 1
        for start, i in self.by_start:
            if start == pos and (labels is None or self.spans[i].label in labels):
                return i
            if start > pos:
                break
        return None

    def following(self, i, labels, limit=None):
        """Outer mentions after ``i`` in its sentence, in order."""
        end = self.index.bounds[self.sentence_of[i]][1] if limit is None else limit
        return [j for start, j in self.by_start if self.spans[i].end <= start < end and self.spans[j].label in labels]

    def preceding(self, pos, sentence, labels):
        s_start = self.index.bounds[sentence][0]
        return [
            j
            for start, j in self.by_start
            if s_start <= start and self.spans[j].end <= pos and self.spans[j].label in labels
        ]

    def clause_end(self, pos):
        match = CLAUSE_END.search(self.text, pos)
        return match.start() if match else len(self.text)

    def _level(self, j):
        division = self.gaz.get(self.spans[j].key) if self.spans[j].key else None
        return division.level if division else None

    def inner_places(self, i):
        span = self.spans[i]
        return [
            j
            for j, other in enumerate(self.spans)
            if j != i and other.label == "Place" and other.key and span.start <= other.start and other.end <= span.end
        ]

    # -- rules --------------------------------------------------------------------------------
    def nesting(self):
        """A place inside another: a local place (a village, a street) in the place the text sets
        it in (kg_parent), and a division written with its parent (Xinhe County, Aksu Prefecture;
        Xinhe County in Aksu; Aksu's Xinhe County), as the report states it."""
        by_key: dict[str, int] = {}
        for i, span in enumerate(self.spans):
            if span.label == "Place" and span.key:
                by_key.setdefault(span.key, i)
        places = sorted((i for i in self.outer if self.spans[i].label == "Place"), key=lambda i: self.spans[i].start)
        following = dict(zip(places, places[1:]))
        for i, span in enumerate(self.spans):
            # not in a giver's place: "Gyegu Town, financed by Beijing's Haidian District" is in
            # the aided county the text names elsewhere, not in the district that paid
            if span.label == "Place" and span.parent and span.parent in by_key and not self.giver(by_key[span.parent]):
                township = self._township_after(i, following.get(i))
                parent = by_key[span.parent] if township is None else township
                self.add(i, "partOf", parent, self.sentence_of[i], "en-nesting")
        for i, j in zip(places, places[1:]):
            first, second = self.spans[i], self.spans[j]
            if not (first.key and second.key) or first.parent or second.parent:
                continue
            if self.sentence_of[i] != self.sentence_of[j]:
                continue
            gap = self.text[first.end : second.start]
            if NESTED_AFTER.fullmatch(gap) and self.gaz.is_within(first.key, second.key):
                self.add(i, "partOf", j, self.sentence_of[i], "en-nesting")
            elif NESTED_BEFORE.fullmatch(gap) and self.gaz.is_within(second.key, first.key):
                self.add(j, "partOf", i, self.sentence_of[j], "en-nesting")

    def _township_after(self, i, j):
        """Bostan Village, Kokyar Township of Yecheng County: the township of the same county
        written right after a village holds it."""
        if j is None or self.sentence_of[i] != self.sentence_of[j]:
            return None
        village, township = self.spans[i], self.spans[j]
        if not (village.text.endswith("Village") and township.text.endswith(("Township", "Town"))):
            return None
        if township.parent != village.parent or not NESTED_AFTER.fullmatch(self.text[village.end : township.start]):
            return None
        return j

    def aid_bodies(self):
        """An aid command or team acts for its giver (the Shaoxing aid command for Shaoxing): partOf
        the giver's place, named in its name or elsewhere in the report, as in Chinese reports."""
        places: dict[str, list[int]] = {}
        for j, span in enumerate(self.spans):
            if span.label == "Place" and span.key:
                places.setdefault(span.key, []).append(j)
        for i, span in enumerate(self.spans):
            if i in self.outer and span.subclass == "Team" and AID_WORD_RE.search(span.text):
                # the Hunan Aid-Tibet Working Team: the giver that opens its name
                first = [j for j in self.inner_places(i) if self.spans[j].start == span.start and self.giver(j)]
                if first:
                    self.add(i, "partOf", first[0], self.sentence_of[i], "en-aid-body")
                continue
            if i not in self.outer or span.subclass != "AidCommand" or not (span.key or "").startswith("aid:"):
                continue
            giver = span.key.split(":")[1]
            candidates = places.get(giver, [])
            inside = [j for j in candidates if span.start <= self.spans[j].start < span.end]
            if inside or candidates:
                self.add(i, "partOf", (inside or candidates)[0], self.sentence_of[i], "en-aid-body")

    def name_places(self):
        for i in self.outer:
            span = self.spans[i]
            if span.label not in ACTIVE | {"Place"} or (span.label == "Place" and span.key):
                continue
            if span.subclass in NO_NAME_PLACE or span.rule == "en-known" or re.search(r"\bAid(?:ing)?\b", span.text):
                continue  # an aid body's or a giver's name holds the region it aids, not where it is
            inner = [j for j in self.inner_places(i) if self.aided(j) and self._level(j) not in ("province", "region")]
            if inner and PLACE_PAIR_RE.search(span.text):
                continue  # a Beijing-Hotan fair joins the giver and the receiver: it says nothing of where
            if inner:
                predicate = "partOf" if span.label == "Place" else "locatedIn"
                self.add(i, predicate, inner[-1], self.sentence_of[i], "en-name-place")

    def locatives(self):
        # the places names hold (Golog …), which leave room for one inside them the text states
        name_places = defaultdict(list)
        for r in self.relations:
            if r.rule == "en-name-place":
                name_places[r.subject].append(r.object)
        for i in sorted(self.outer, key=lambda k: self.spans[k].start):
            span = self.spans[i]
            if span.label not in ACTIVE | {"Place"} or span.label == "Place" and span.subclass != "Site":
                self._country_part(i)
                continue
            if span.subclass == "MediaOrganization" or span.rule == "en-known":
                continue
            predicate = "partOf" if span.label == "Place" else "locatedIn"
            named = name_places.get(i)  # (in Maqen county)
            if self.asserted & {(i, "locatedIn"), (i, "partOf")} and not named:
                continue
            sentence = self.sentence_of[i]
            place = self._owner(i) if span.label == "Place" else self._bracketed_place(i) or self._owner(i)
            seat = SEAT_RE.match(self.text, span.end)
            if place is None and seat is not None:  # … on the edge of the county seat
                place = self._last_named(i, BACK_LEVELS[seat.group(1).lower()])
            if place is None and span.label == "Organization":
                place = self._right_after(i)
            if place is None and (span.label != "Organization" or span.subclass in FACILITIES):
                # a park or school that "opened in Maqen county" is there, as a program is
                end = self.clause_end(span.end)
                for j in self.following(i, {"Place", "Program", "Organization", "Event"}, limit=end):
                    other = self.spans[j]
                    gap = self.text[span.end : other.start]
                    if other.label != "Place":
                        if gap.strip(" ,") and not re.search(r"\b(?:at|in)\s+(?:the\s+)?$", gap):
                            break  # another name between: the place is its own
                        continue
                    if span.label == "Organization" and not SITED_GAP_RE.match(gap):
                        break  # doctors from a hospital "screened children in Shufu": what it does, not where it is
                    if LOCATIVE_RE.search(self.text[max(span.end, other.start - 25) : other.start]) and (
                        span.label == "Event" or not self.giver(j)
                    ):
                        place = self._possessed(j)
                        break
            venue = re.search(r"\b(?:at|in) (?:the )?$", self.text[max(0, span.start - 8) : span.start])
            if place is None and (span.label != "Organization" or venue or span.subclass in FACILITIES):
                s_start = self.index.bounds[sentence][0]
                match = re.match(r"(?:[^,]{0,40}?\b)?(?:In|At) ", self.text[s_start : span.start])
                if match:
                    opening = self.mention_at(s_start + match.end(), {"Place"})
                    if opening is not None and self.text[self.spans[opening].end : self.spans[opening].end + 1] in ",(":
                        place = opening
            if place is not None and named:
                held = span.label == "Event" and HELD_RE.search(self.text, span.end, self.spans[place].start)
                if not held and not self._inside_all(place, named):
                    continue  # (a Kashgar expo "held in Guangzhou" is there, whatever its name says)
                # the place the text states is the more precise one: it replaces the name's
                self.relations = [r for r in self.relations if not (r.subject == i and r.rule == "en-name-place")]
            if place is not None:
                self.add(i, predicate, place, sentence, "en-locative")

    def _bracketed_place(self, i):
        """A list's item followed by where it is in brackets, and nothing else there ("Xiji Potato
        Starch Plant (Pingfeng Town, Xiji County): 22 million yuan"): the first, smallest place."""
        end = self.spans[i].end
        opening = re.match(r" ?[(（]", self.text[end : end + 2])
        if opening is None:
            return None
        close = re.search(r"[)）]", self.text[end : end + 120])
        if close is None:
            return None
        stop = end + close.start()
        places = self.following(i, {"Place"}, limit=stop)
        pos = end + opening.end()
        for j in places:  # the places, and commas between them only
            if self.text[pos : self.spans[j].start].strip(" ,;"):
                return None
            pos = self.spans[j].end
        return places[0] if places and not self.text[pos:stop].strip(" ,;") else None

    def _inside_all(self, place, outer) -> bool:
        key = self.spans[place].key
        return bool(key) and all(
            self.spans[o].key
            and key != self.spans[o].key
            # (a township the text nests under the county, 653001/Songtax Township, no table knows)
            and (self.gaz.is_within(key, self.spans[o].key) or key.startswith(self.spans[o].key + "/"))
            for o in outer
        )

    def _owner(self, i):
        """X's Y: the place of the aided region that owns a name (Yarkant's old town); the city's
        Y, the county's Y: the last city or county named, in this sentence or the three before."""
        span = self.spans[i]
        back = BACK_OWNER_RE.search(self.text[max(0, span.start - 20) : span.start])
        if back is not None:
            return self._last_named(i, BACK_LEVELS[back.group(1).lower()])
        if not self.text[max(0, span.start - 3) : span.start].endswith(("'s ", "’s ")):
            return None
        owners = [j for j in self.preceding(span.start - 3, self.sentence_of[i], {"Place"})]
        owners = [j for j in owners if self.spans[j].end == span.start - 3]
        return owners[0] if owners and self.aided(owners[0]) else None

    def _last_named(self, i, subclasses):
        """The last place of these subclasses named before mention ``i``, three sentences back at
        most."""
        places = self._places_named_before(self.spans[i].start, self.sentence_of[i], back=3)
        return next((j for j in places if self.spans[j].subclass in subclasses), None)

    def _places_named_before(self, pos, sentence, back):
        """The places named before ``pos``, in its sentence or the ``back`` before it, last first."""
        places = [
            j
            for j in self.outer
            if self.spans[j].label == "Place" and self.spans[j].end <= pos and self.sentence_of[j] >= sentence - back
        ]
        return sorted(places, key=lambda j: self.spans[j].start, reverse=True)

    def _right_after(self, i):
        """An organization's place: right after its name (the aid team in X, based in X)."""
        span = self.spans[i]
        for j in self.following(i, {"Place"}, limit=span.end + 60):
            if ORG_LOCATIVE_RE.match(self.text[span.end : self.spans[j].start]):
                return self._possessed(j)
            break
        return None

    def _possessed(self, j):
        """Beijing's Chaoyang district: the place after a possessive place is the more specific one."""
        end = self.spans[j].end
        if self.text[end : end + 3] in ("'s ", "’s "):
            k = self.mention_at(end + 3, {"Place"})
            if k is not None:
                return k
        return j

    def _country_part(self, i):
        """China's Xinjiang: a division after a country's possessive is part of it."""
        span = self.spans[i]
        if span.label != "Place" or not span.key:
            return
        owner = [
            j for j in self.preceding(span.start, self.sentence_of[i], {"Place"}) if self.spans[j].end + 3 == span.start
        ]
        if owner and not self.spans[owner[0]].key and self.text[span.start - 3 : span.start] in ("'s ", "’s "):
            self.add(i, "partOf", owner[0], self.sentence_of[i], "en-locative")

    def _begins_row(self, i) -> bool:
        """The mention begins a row of a numbered or bulleted list, right after its marker."""
        start = self.spans[i].start
        line_start = self.text.rfind("\n", 0, start) + 1
        marker = LIST_ROW_RE.match(self.text, line_start)
        return marker is not None and marker.end() == start

    def funders(self):
        for i in sorted(self.outer):
            span = self.spans[i]
            sentence = self.sentence_of[i]
            s_start = self.index.bounds[sentence][0]
            before = self.text[max(s_start, span.start - 80) : span.start]
            by = BY_RE.search(before)
            # "invested by Huaxin Garment Group": a company funds what it is said to pay for
            if not (self.giver(i) or by and span.subclass == "Company"):
                continue
            if self._names_district_after(i):
                continue  # "Beijing's Haidian District": the district funds, read as its own mention
            # … funded by X / with … from X / with X's aid: the name before is funded by X.
            possessive = WITH_RE.search(before) and GIVER_AID_RE.match(self.text, span.end)
            money = GIVER_MONEY_RE.match(self.text, span.end) and WITH_MONEY_RE.search(before)
            phrase = by or FROM_RE.search(before) or possessive or money
            if phrase:
                verb = span.start - len(before) + phrase.start()
                targets = [
                    j
                    for j in self.preceding(span.start, sentence, {"Program", "Organization", "Event"})
                    if not self.giver(j)
                    and not self._funder_by(j)
                    and not _detached(self.text[self.spans[j].end : verb], self._begins_row(j))
                ]
                if not targets and by and not self.text[s_start:verb].strip():
                    # "Funded by Xuhui District, the dairy centre opened…": what the sentence goes on to name
                    comma = self.text.find(",", span.end, self.index.bounds[sentence][1])
                    after = self.following(i, FUNDED, limit=self.index.bounds[sentence][1]) if comma != -1 else []
                    targets = [j for j in after if self.spans[j].start > comma and not self.giver(j)][:1]
                if targets:
                    self.add(targets[-1], "fundedBy", i, sentence, "en-funder-by")
                    # "co-funded by Hubei and Hunan": every funder of the list
                    for k in self._listed_after(i, lambda k: self.giver(k) or self.spans[k].subclass == "Company"):
                        self.add(targets[-1], "fundedBy", k, sentence, "en-funder-by")
                continue
            # "Shanghai's Gyantse Barley Project": a giver's program (a place of the aided region
            # that owns one is where it is: _owner)
            if span.label == "Place" and self.text.startswith(("'s ", "’s "), span.end):
                owned = self.mention_at(span.end + 3, {"Program"})
                if owned is not None:
                    self.add(owned, "fundedBy", i, sentence, "en-funder-possessive")
                    continue
            # X-funded Y
            if adjective := ADJECTIVE_RE.match(self.text, span.end):
                # Y, a X-funded project: the name the apposition describes
                if (appositive := DESCRIBED_RE.search(before)) and self.text[adjective.end()].islower():
                    comma = span.start - len(before) + appositive.start()
                    named = [j for j in self.preceding(span.start, sentence, FUNDED) if self.spans[j].end == comma]
                    if named:
                        self.add(named[-1], "fundedBy", i, sentence, "en-funder-adjective")
                    continue
                # in its own clause: a headline's "X-funded hospital wing" names no outlet of the dateline below
                limit = min(span.end + 60, self.clause_end(span.end))
                after = self.following(i, FUNDED, limit=limit)
                if after:
                    self.add(after[0], "fundedBy", i, sentence, "en-funder-adjective")
                continue
            # Y, which X built in 2015: the name before the relative clause is what X funded
            relative = RELATIVE_RE.search(before)
            if relative and FUND_VERBS.match(self.text, span.end, self.clause_end(span.end)):
                end = span.start - len(relative.group(0))
                targets = [
                    j
                    for j in self.preceding(span.start, sentence, {"Program", "Organization", "Event"})
                    if self.spans[j].end == end and not self.giver(j)
                ]
                if targets:
                    self.add(targets[-1], "fundedBy", i, sentence, "en-funder-relative")
                continue
            # X will build Y; X spent N yuan on Y
            words = re.findall(r"[\w'’]+", before)
            if words and (
                words[-1].lower() in PREPOSITIONS or words[-1] == "the" and words[-2:-1] and words[-2] in PREPOSITIONS
            ):
                continue  # of the X, in X: not the subject of the clause
            # "X, which is paired with Y County in Z, helped set up…": the verb after the clause
            relative = RELATIVE_CLAUSE_RE.match(self.text, span.end)
            match = FUND_VERBS.match(self.text, relative.end() if relative else span.end, self.clause_end(span.end))
            if match and not any(
                self.spans[j].label in ACTIVE
                for j in self.following(i, {"Program", "Organization", "Event"}, limit=match.end() - 1)
                if not self._apposition(j)
            ):
                for j in self.following(i, {"Program", "Organization", "Event"}, limit=self.clause_end(span.end)):
                    if self.spans[j].start < match.end() or self.giver(j):
                        continue
                    if self.spans[j].subclass == "MediaOrganization" or ATTRIBUTION_RE.search(
                        self.text, max(0, self.spans[j].start - 20), self.spans[j].start
                    ):
                        continue  # "…, an official told the Nyingchi Times": who says it, not what it funds
                    # at the X: a venue, not what the money went to; but invested … in the X is the X
                    # (the verb may come after a relative clause: "X, which has helped Y, invested…")
                    invested = INVESTED_RE.search(self.text, span.end, self.spans[j].start)
                    venue = "at" if invested else "at|in"
                    if re.search(
                        rf"\b(?:{venue}) (?:the )?$", self.text[max(0, self.spans[j].start - 8) : self.spans[j].start]
                    ):
                        continue
                    self.add(j, "fundedBy", i, sentence, "en-funder-subject")

    def _funder_by(self, j) -> bool:
        """The mention is itself the funder of a "by" phrase (invested by the X Group)."""
        return bool(BY_RE.search(self.text[max(0, self.spans[j].start - 60) : self.spans[j].start]))

    def _names_district_after(self, i) -> bool:
        """ "Beijing's Haidian District": a city followed by one of its districts in the possessive."""
        following = POSSESSIVE_RE.match(self.text, self.spans[i].end)
        k = self.mention_at(following.end(), {"Place"}) if following else None
        return k is not None and bool(self.spans[k].key) and self.gaz.is_within(self.spans[k].key, self.spans[i].key)

    def _listed_after(self, i, fits) -> list[int]:
        """The mentions listed after ``i`` with "and" or commas (Hubei and Hunan), as long as
        ``fits(k)`` holds."""
        listed, end = [], self.spans[i].end
        while joint := LIST_JOINT_RE.match(self.text, end):
            k = self.mention_at(joint.end())
            if k is None or not fits(k):
                break
            listed.append(k)
            end = self.spans[k].end
        return listed

    def _most_specific(self, places):
        """The places of a list that hold none of the others."""
        return [
            j
            for j in places
            if not any(o != j and self.gaz.is_within(self.spans[o].key, self.spans[j].key) for o in places)
        ]

    def _apposition(self, j):
        return False

    def pairings(self):
        for sentence, (s_start, s_end) in enumerate(self.index.bounds):
            text = self.text[s_start:s_end]
            places = [j for j in self.in_sentence(sentence, {"Place"})]
            for match in PAIRED_RE.finditer(text):
                pos = s_start + match.start()
                # the clause of the pairing: from the last clause joint before it to the next after it
                # ("Jiangsu is paired with Kizilsu, and its city of Changzhou is paired with Akto")
                opening = max((m.end() for m in CLAUSE_JOINT_RE.finditer(text, 0, match.start())), default=0)
                # "Guangzhou's Huadu District has been paired with…": the district, not its city
                givers = self._most_specific(
                    [
                        j
                        for j in places
                        if s_start + opening <= self.spans[j].start
                        and self.spans[j].end <= pos
                        and self.giver(j)
                        and not self._set_aside(j)
                    ]
                )
                # "…, as part of Guangdong's counterpart support for Kashgar": the possessor gives
                owner = POSSESSOR_RE.search(text, max(0, match.start() - 40), match.start())
                if owner is not None:
                    k = self.mention_at(s_start + owner.start(), {"Place"})
                    if k is not None and self.giver(k) and self.spans[k].end == s_start + owner.start("mark"):
                        givers = [k]
                end = (
                    s_start
                    + (
                        re.search(r"\b(?:since|in \d{4}|under|through|for)\b|[.;]", text[match.end() :])
                        or re.search("$", text[match.end() :])
                    ).start()
                    + match.end()
                )
                joint = CLAUSE_JOINT_RE.search(text, match.end())
                if joint is not None:
                    end = min(end, s_start + joint.start())
                after = [j for j in places if s_start + match.end() <= self.spans[j].start < end]
                # "X is paired with A, Y with B, and Z with C": each further giver before "with" has
                # its own receiver, and ends the first giver's list
                gapped = [
                    k
                    for k in places
                    if s_start + match.end() <= self.spans[k].start
                    and self.giver(k)
                    and self.text.startswith(" with ", self.spans[k].end)
                    and re.search(r",(?: and)? $", self.text[max(0, self.spans[k].start - 6) : self.spans[k].start])
                ]
                if gapped:
                    after = [j for j in after if self.spans[j].start < self.spans[gapped[0]].start]
                for k in gapped:
                    other = self.mention_at(self.spans[k].end + len(" with "), {"Place"})
                    if other is not None and self.receiver(other, [k]):
                        self.add(k, "pairedWith", other, sentence, "en-pairing")
                receivers = [j for j in after if self.receiver(j, givers[-1:]) and self.aided(j)]
                if givers and not receivers:
                    receivers = self._named_level(pos, sentence, text[match.end() :], givers[-1:])
                if not givers:
                    # "The 14th Division is paired with Jiangsu", "Kashgar receives aid from
                    # Shanghai": the receiver first, the giver after the verb
                    givers = [j for j in after if self.giver(j)][:1]
                    if givers and self.text.startswith(" (", self.spans[givers[0]].end):
                        givers = []  # "paired with Beijing (Yushu), …": the brackets name the receivers
                    receivers = [j for j in places if s_start + opening <= self.spans[j].start < pos and self.aided(j)]
                    if givers and not receivers and PRONOUN_SUBJECT_RE.search(text, opening, match.start()):
                        # "Baise lies in Guangxi. Since 2016 it has been paired with Shenzhen.": the
                        # smallest place named last before it
                        named = [
                            j
                            for j in self._places_named_before(s_start + opening, sentence, back=1)
                            if self.aided(j) and self.receiver(j, givers)
                        ]
                        receivers = sorted(named, key=lambda j: LEVEL_RANK.get(self._level(j), 9))[:1]
                # "paired with A and B in Xinjiang": the region that holds the receivers is none
                receivers = self._most_specific(receivers)
                if givers and receivers:
                    receivers += self._covered(end, s_end, sentence, givers[-1])
                    for r in receivers:
                        self.add(givers[-1], "pairedWith", r, sentence, "en-pairing")
            self._adjacent_pairings(sentence, places)
            self._arrow_pairings(sentence, places)
            self._institution_pairings(sentence)
            # about pairing: the sentence says so, or the one before does ("Jiangsu has paired
            # with Kizilsu since 2010. Its city of Changzhou helps Akto County…")
            cue_start = self.index.bounds[sentence - 1][0] if sentence > 0 else s_start
            cued = bool(re.search(r"counterpart|paired|pairing|assist|aid", self.text[cue_start:s_end], re.I))
            for j in places:
                span = self.spans[j]
                after = self.text[span.end : span.end + 60]
                match = re.match(
                    r"^, (?P<other>[^,]{2,40}?)['’]s (?:partner|paired|twin) (?:city|county|province|district)", after
                )
                if match and self.giver(j):
                    other = self.mention_at(span.end + 2, {"Place"})
                    if other is not None:
                        self.add(j, "pairedWith", other, sentence, "en-pairing")
                invest = INVEST_RE.match(self.text, span.end)
                if invest and self.giver(j):
                    joint = CLAUSE_JOINT_RE.search(self.text, invest.end(), s_end)
                    stop = joint.start() if joint else s_end
                    for k in places:
                        receiver = self.spans[k]
                        if invest.end() <= receiver.start < stop and self.aided(k) and pairing(span.key, receiver.key):
                            self.add(j, "pairedWith", k, sentence, "en-pairing")
                match = SUPPORT_RE.match(after)
                if match and self.giver(j):
                    # up to the next clause or the next giver ("Tianjin supports Haixi and Shanghai
                    # supports Golog")
                    joint = CLAUSE_JOINT_RE.search(self.text, span.end + match.end(), s_end)
                    stop = joint.start() if joint else s_end
                    next_giver = [
                        k for k in places if span.end + match.end() <= self.spans[k].start < stop and self.giver(k)
                    ]
                    stop = self.spans[next_giver[0]].start if next_giver else stop
                    receivers = [
                        k for k in places if span.end + match.end() <= self.spans[k].start < stop and self.aided(k)
                    ]
                    receivers = [
                        k
                        for k in receivers
                        if not re.search(
                            r"\bin (?:the )?$", self.text[max(0, self.spans[k].start - 8) : self.spans[k].start]
                        )
                    ]
                    if not cued:
                        # no word of pairing near: only the pairings the table has ("Hangzhou, which
                        # helps Awati county, …"), not any help ("helps Awati county sell apples")
                        receivers = [k for k in receivers if pairing(span.key, self.spans[k].key)]
                    which = RELATIVE_BEFORE_RE.search(self.text, max(s_start, span.start - 8), span.start)
                    if not receivers and which:
                        # "Zepu County, which Shanghai has been assisting since 1997": the place before
                        receivers = [k for k in places if self.spans[k].end == which.start() and self.aided(k)]
                    givers = self._givers_listed_before(j, places)
                    if len(givers) > 1 and len(givers) == len(receivers):
                        # "Jiaxing and Wenzhou help Nyima and Shuanghu counties": respectively
                        for giver, k in zip(givers, receivers):
                            self.add(giver, "pairedWith", k, sentence, "en-pairing")
                        continue
                    # "Beijing and Jiangsu support Lhasa": each giver of the list
                    for giver in givers:
                        for k in receivers:
                            self.add(giver, "pairedWith", k, sentence, "en-pairing")

    def _covered(self, end, s_end, sentence, giver) -> list[int]:
        """ "…assistance to Lhasa since 1994, covering Chengguan district, … and Lhunzhub county":
        the places a participle after the pairing lists are paired with the giver too."""
        match = COVERING_RE.search(self.text, end, s_end)
        if match is None:
            return []
        stop = self.text.find(";", match.end(), s_end)  # not at ", and": the list's last item may follow it
        stop = s_end if stop < 0 else stop
        return [
            j
            for j in self.in_sentence(sentence, {"Place"})
            if match.end() <= self.spans[j].start < stop and self.aided(j) and self.receiver(j, [giver])
        ]

    def _adjacent_pairings(self, sentence, places):
        """ "the Fujian-Ningxia cooperation", "pairs such as Guangdong-Guangxi", "paired with Beijing
        (Yushu), Shanghai (Golog)": a giver and an aided place joined by a dash, or in brackets after
        it, in a sentence about pairing or cooperation; and "the partnerships, Guangdong with
        Guangxi", "(Ningbo with Delingha and Wulan)", "the partnership between Zhejiang and
        Sichuan": a giver and the aided places it is "with", or the two "between" a partnership."""
        s_start, s_end = self.index.bounds[sentence]
        if not DASH_PAIRING_CUE.search(self.text, s_start, s_end):
            return
        starting = {self.spans[k].start: k for k in places}
        for j in places:
            end = self.spans[j].end
            listed = []
            if self.text[end : end + 1] in ("-", "–", "—"):
                listed = [starting.get(end + 1)]
            elif self.text.startswith(" (", end):
                k = starting.get(end + 2)
                if k is not None and self.text.startswith(")", self.spans[k].end):
                    listed = [k]
            elif self.text.startswith(" with ", end) or (
                self.text.startswith(" and ", end) and self.text[: self.spans[j].start].endswith(" between ")
            ):
                k = starting.get(end + len(" with ") if self.text.startswith(" with ", end) else end + len(" and "))
                listed = [k] if k is None else [k, *self._listed_after(k, lambda m: self.spans[m].label == "Place")]
            if listed and listed[0] is not None and self.giver(j):
                for k in listed:
                    if self.aided(k):
                        self.add(j, "pairedWith", k, sentence, "en-pairing")

    def _arrow_pairings(self, sentence, places):
        """ "Hubei, Hunan and Anhui → Shannan": a list of givers and an arrow to the place they aid
        (the bullet lines of a brief)."""
        starting = {self.spans[k].start: k for k in places}
        for j in places:
            arrow = ARROW_RE.match(self.text, self.spans[j].end)
            k = starting.get(arrow.end()) if arrow else None
            if k is None or not self.giver(j) or not self.aided(k):
                continue
            for g in self._givers_listed_before(j, places):
                self.add(g, "pairedWith", k, sentence, "en-pairing")

    def _institution_pairings(self, sentence):
        """ "Hangzhou No. 2 High School is paired with Aksu Experimental Middle School": two schools
        (or hospitals) on either side of the pairing words."""
        s_start, s_end = self.index.bounds[sentence]
        bodies = self.in_sentence(sentence, {"Organization"})
        ending = {self.spans[i].end: i for i in bodies}
        for match in INSTITUTION_PAIRED_RE.finditer(self.text, s_start, s_end):
            first = ending.get(match.start())
            second = self.mention_at(match.end(), {"Organization"})
            if first is None or second is None:
                continue
            if {self.spans[first].subclass, self.spans[second].subclass} <= {"School", "Hospital"}:
                self.add(first, "pairedWith", second, sentence, "en-pairing")

    def _givers_listed_before(self, j, places) -> list[int]:
        """The givers of a list ending with ``j`` (A, B and C), in order."""
        ending = {self.spans[k].end: k for k in places}
        listed = [j]
        while True:
            joint = re.search(
                r"(?:,| and|, and) $", self.text[max(0, self.spans[listed[0]].start - 6) : self.spans[listed[0]].start]
            )
            if joint is None:
                return listed
            k = ending.get(self.spans[listed[0]].start - len(joint.group(0)))
            if k is None or not self.giver(k) or self._set_aside(k):
                return listed
            listed.insert(0, k)

    def _set_aside(self, j) -> bool:
        """ "Besides Tianjin, Beijing aids…": a giver set aside before the one that acts."""
        return BESIDES_RE.search(self.text, max(0, self.spans[j].start - 20), self.spans[j].start) is not None

    def _named_level(self, pos, sentence, after, givers) -> list[int]:
        """paired with the county: the last county (prefecture, city) named before ``pos``, in this
        sentence or the one before, that the giver can aid."""
        match = THE_LEVEL_RE.match(after)
        if match is None:
            return []
        suffix = LEVEL_SUFFIXES[match.group(1)]
        places = self._places_named_before(pos, sentence, back=1)
        return next(([j] for j in places if self.spans[j].name.endswith(suffix) and self.receiver(j, givers)), [])

    def _role_after_possessive(self, pos) -> bool:
        """A role word among the three words after 's at ``pos`` ("'s deputy director")."""
        match = POSSESSIVE_WORDS_RE.match(self.text, pos)
        return match is not None and any(fold(word) in roles() for word in re.split(r"[ -]", match.group(1)))

    def affiliations(self):
        people = [i for i in sorted(self.outer) if self.spans[i].label == "Person"]
        for i in people:
            span = self.spans[i]
            sentence = self.sentence_of[i]
            end = self.clause_end(span.end)
            rest = self.text[span.end : end]
            found = []
            for j in self.following(i, {"Organization", "Place", "Person"}, limit=min(end, span.end + 120)):
                other = self.spans[j]
                if other.label == "Person":
                    break
                gap = POSITION_MARK_RE.sub("", self.text[span.end : other.start], count=1)
                if (
                    APPOSITION_RE.match(gap)
                    or COPULA_ROLE_RE.match(gap)
                    or LEADS_RE.match(gap)
                    or HEADS_RE.match(gap)
                    or OF_RE.match(gap)
                    or WORKS_AT_RE.match(gap)
                ):
                    found.append(j)
                elif POSSESSIVE_GAP_RE.match(gap) and self._role_after_possessive(other.end):
                    found.append(j)  # "Li Na, the university's vice-president"
                elif found and self.text[self.spans[found[-1]].end : other.start] in ("'s ", "’s "):
                    found[-1] = j  # "a surgeon from Shanghai's Renji Hospital": the hospital, not the city
            if not found and (its := ITS_ROLE_RE.search(self.text, max(0, span.start - 40), span.start)):
                # "…Lukang Food Co. Its general manager, Sun Hongbo, said": the body named last before
                if fold(its.group(1).split()[-1]) in roles():
                    found = [j for j in self.preceding(its.start(), max(0, sentence - 1), {"Organization"})][-1:]
            if not found:
                # "the Haidong Employment Bureau director Ma Li": a body and its title right before
                found = [
                    j
                    for j in self.preceding(span.start, sentence, {"Organization"})
                    if (title := TITLE_BEFORE_RE.fullmatch(self.text, self.spans[j].end, span.start))
                    and is_role(fold(title.group(1).split()[-1]))
                ][-1:]
            orgs = [j for j in found if self.spans[j].label == "Organization"]
            if found:
                first = (orgs or found)[0]
                self.add(i, "affiliatedWith", first, sentence, "en-affiliation")
                # "Liu Gang, a doctor from X Hospital who heads the Y team": the person leads Y too;
                # "…, leader of X and vice-president of Y": a second title's body
                for k in self.following(first, {"Organization"}, limit=min(end, self.spans[first].end + 60)):
                    gap = self.text[self.spans[first].end : self.spans[k].start]
                    if LEADS_RE.match(gap) or SECOND_TITLE_RE.match(gap):
                        self.add(i, "affiliatedWith", k, sentence, "en-affiliation")
            else:
                # A byline: By NAME (and NAME) … | ORG, or By ORG reporters NAME; a page's editor
                # (Source: ORG  Editor: NAME) is of the outlet too.
                s_start, s_end = self.index.bounds[sentence]
                line = self.text[s_start:s_end]
                editor = EDITOR_BEFORE_RE.search(self.text, max(0, span.start - 12), span.start)
                if (
                    re.match(r"(?i)by\b", line)
                    or re.search(r"\bby $", self.text[max(0, span.start - 3) : span.start])
                    and rest[:1] != ","
                    or editor
                ):
                    media = [
                        k
                        for k in self.in_sentence(sentence, {"Organization"})
                        if self.spans[k].subclass == "MediaOrganization" or "|" in line
                    ]
                    if not media and editor:
                        media = self._page_outlet()  # an editor's line at the foot of the page
                    if not media and s_start < MASTHEAD_CHARS:
                        # Tianshan Net | Updated … / By NAME: the outlet of the lines above the byline;
                        # By NAME … / AKSU, China, Sept 12 (Reuters) -: the agency of the dateline below
                        media = self._outlets_in((sentence - 1, sentence - 2)) or self._outlets_in(
                            (sentence + 1, sentence + 2), bracketed=True
                        )
                    if media:
                        self.add(i, "affiliatedWith", media[0], sentence, "en-affiliation")
        # A photo credit, (Xinhua/Hu Xiaoqing): the photographer works for the agency before the
        # slash; (Photo/Li Xin): for the outlet the page's masthead names.
        for i in people:
            start = self.spans[i].start
            credit = PHOTO_CREDIT_RE.search(self.text, max(0, start - 40), start)
            if credit is None:
                continue
            found = [k] if (k := self.mention_at(credit.start(1), {"Organization"})) is not None else []
            if not found and credit.group(1) in CREDIT_WORDS:
                found = self._page_outlet()
            for k in found:
                self.add(i, "affiliatedWith", k, self.sentence_of[i], "en-affiliation")
        # NAME and NAME of ORG: the first shares the second's affiliation; after a plural title
        # (ORG reporters NAME and NAME) the second shares the first's too.
        for i, j in zip(people, people[1:]):
            if self.text[self.spans[i].end : self.spans[j].start] != " and ":
                continue
            before = re.findall(r"[\w-]+", self.text[max(0, self.spans[i].start - 20) : self.spans[i].start])[-1:]
            plural = bool(before) and before[0].endswith("s") and is_role(fold(before[0]))
            for one, other in ((i, j), (j, i)) if plural else ((i, j),):
                if not any(r.subject == one and r.predicate == "affiliatedWith" for r in self.relations):
                    for r in [r for r in self.relations if r.subject == other and r.predicate == "affiliatedWith"]:
                        self.add(one, "affiliatedWith", r.object, self.sentence_of[one], "en-affiliation")

    def _outlets_in(self, sentences, bracketed=False) -> list[int]:
        """The outlets named in ``sentences``, in order (only those in brackets: the agency of a
        dateline, (Reuters))."""
        return [
            k
            for sentence in sentences
            for k in self.in_sentence(sentence, {"Organization"})
            if self._media(k) and (not bracketed or self.text[self.spans[k].start - 1 : self.spans[k].start] == "(")
        ]

    def _page_outlet(self) -> list[int]:
        """The outlet the head of the page names (Source: …, a masthead), as a list of one or none."""
        return [j for j in sorted(self.outer) if self._media(j) and self.spans[j].start < MASTHEAD_CHARS][:1]

    def _media(self, k):
        return self.spans[k].label == "Organization" and self.spans[k].subclass == "MediaOrganization"

    def parts(self):
        for i in self.outer:
            span = self.spans[i]
            if span.label != "Organization":
                continue
            after = self.text[span.end : span.end + 5]
            if after.startswith((" at ", " of ")):
                j = self.mention_at(span.end + 4, {"Organization"})
                if j is not None and self.spans[j].subclass in ("School", "Organization", "GovernmentBody"):
                    self.add(i, "partOf", j, self.sentence_of[i], "en-part")

    def participants(self):
        for sentence in range(len(self.index.bounds)):
            programs = self.in_sentence(sentence, {"Event", "Program"})
            people = [p for p in self.in_sentence(sentence, {"Person"}) if not self._official(p)]
            for p in programs:
                for person in people:
                    self.add(p, "participant", person, sentence, "en-participant")

    def taking_part(self):
        """People or an organization joining the one program or event of their sentence (doctors
        from X; work with X), and the people the next sentence names when it names no program or
        event of its own and no body they speak for (Owner X said…): they took part in it or
        benefited from it."""
        for sentence in range(len(self.index.bounds)):
            programs = self.in_sentence(sentence, {"Event", "Program"})
            if len(programs) != 1:
                continue
            (program,) = programs
            start, end = self.index.bounds[sentence]
            for match in TAKING_PART_RE.finditer(self.text, start, end):
                for j in self.in_sentence(sentence, {"Organization"}):
                    gap = self.text[match.end() : self.spans[j].start]
                    if self.spans[j].start >= match.end() and len(gap) <= 20 and not re.search(r"[,.;]", gap):
                        self.add(program, "participant", j, sentence, "en-taking-part")
                        break
            following = sentence + 1
            if following == len(self.index.bounds) or self.in_sentence(following, {"Event", "Program"}):
                continue
            if self.text[self.index.bounds[following][0]] in QUOTES:
                continue  # a quotation opens the sentence: what it is about is unknown
            for person in self.in_sentence(following, {"Person"}):
                if not any(r.subject == person and r.predicate == "affiliatedWith" for r in self.relations):
                    self.add(program, "participant", person, following, "en-beneficiary")

    def attending(self):
        """A and B took part in (attended, spoke at, organized, signed deals at) the event named
        right after the verb, or the one named last before when the verb is followed by its head
        noun (took part in the festival): the people of the clause before the verb took part in
        it, or, when it names no one, its organizations (not a body that only titles a person).
        A sentence that opens at the event (At the 2024 Expo, …) names its participants."""
        events = sorted((i for i in self.outer if self.spans[i].label == "Event"), key=lambda i: self.spans[i].start)
        for i in events:
            span = self.spans[i]
            sentence = self.sentence_of[i]
            s_start, s_end = self.index.bounds[sentence]
            if AT_EVENT_RE.fullmatch(self.text, s_start, span.start):
                for j in self.in_sentence(sentence, {"Person", "Organization"}):
                    if self.spans[j].start >= span.end:
                        self.add(i, "participant", j, sentence, "en-attending")
            elif verb := ATTENDING_RE.search(self.text, s_start, span.start):
                self._attendees(i, sentence, verb.start())
        for sentence, (s_start, s_end) in enumerate(self.index.bounds):
            for verb in ATTENDING_BACK_RE.finditer(self.text, s_start, s_end):
                before = [i for i in events if self.spans[i].end <= verb.start()]
                if before and self.spans[before[-1]].text.split()[-1].lower() == verb.group("head").lower():
                    self._attendees(before[-1], sentence, verb.start())
            # "More than 300 firms attended, including A and B": those named after "including"
            including = ATTENDED_INCLUDING_RE.search(self.text, s_start, s_end)
            before = [i for i in events if self.sentence_of[i] >= sentence - 1 and self.spans[i].end <= s_end]
            if including and before:
                for j in self.in_sentence(sentence, {"Person", "Organization"}):
                    if self.spans[j].start >= including.end():
                        self.add(before[-1], "participant", j, sentence, "en-attending")

    def _attendees(self, event, sentence, verb):
        """The people of the clause before ``verb``, or its organizations when it names none."""
        s_start, _ = self.index.bounds[sentence]
        clause_start = max(s_start, self.text.rfind(";", s_start, verb) + 1)
        before = [
            j
            for j in self.in_sentence(sentence, {"Person", "Organization"})
            if clause_start <= self.spans[j].start and self.spans[j].end <= verb
        ]
        people = [j for j in before if self.spans[j].label == "Person"]
        for j in people or before:
            self.add(event, "participant", j, sentence, "en-attending")

    def organizer_participants(self):
        """The Kashgar Products Fair, organized by A and B, …: the bodies of the participle clause
        after an event's name took part in it."""
        for i in self.outer:
            span = self.spans[i]
            if span.label != "Event":
                continue
            clause = ORGANIZED_BY_RE.match(self.text, span.end)
            if clause is None:
                continue
            end = re.search(r"[,;.]", self.text[clause.end() :])
            stop = clause.end() + (end.start() if end else len(self.text))
            for j in self.in_sentence(self.sentence_of[i], {"Organization"}):
                if clause.end() <= self.spans[j].start < stop:
                    self.add(i, "participant", j, self.sentence_of[i], "en-organizer")

    def back_referenced_participants(self):
        """A sentence after an event's that comes back to it by its head noun (At the forum, A and
        B signed…; The fair was organized by A and B): the bodies and people it names took part."""
        events = [i for i in sorted(self.outer, key=lambda i: self.spans[i].start) if self.spans[i].label == "Event"]
        for k, i in enumerate(events):
            head = self.spans[i].text.split()[-1].lower()
            later = self.sentence_of[events[k + 1]] if k + 1 < len(events) else len(self.index.bounds)
            for sentence in range(self.sentence_of[i] + 1, min(self.sentence_of[i] + 3, later)):
                start, _ = self.index.bounds[sentence]
                match = EVENT_BACK_RE.match(self.text, start)
                if match is None or head not in (match.group("head") or match.group("organized")).lower().split():
                    continue
                for j in self.in_sentence(sentence, {"Organization", "Person"}):
                    self.add(i, "participant", j, sentence, "en-event-back")

    def _official(self, person) -> bool:
        """The person speaks for an aid-giver (affiliated with its organization)."""
        return any(
            r.subject == person
            and r.predicate == "affiliatedWith"
            and self.spans[r.object].label == "Organization"
            and self.giver(r.object)
            for r in self.relations
        )

    def dates(self):
        dates = span_data(self.doc, self.doc.spans.get("kg_dates", []))
        for i in sorted(self.outer):
            span = self.spans[i]
            if span.label not in ("Event", "Program"):
                continue
            s_start, s_end = self.index.bounds[self.sentence_of[i]]
            candidates = [d for d in dates if s_start <= d.start < s_end]
            if span.label == "Program":
                candidates = [d for d in candidates if d.value.precision != "day"]
            candidates = [
                d for d in candidates if not PAIRING_CUE.search(self.text[max(s_start, d.start - 40) : d.start])
            ]
            if not candidates:
                continue
            after = [d for d in candidates if d.start >= span.end]
            date = after[0] if after else candidates[-1]
            self.add(i, "date", None, self.sentence_of[i], "en-date", literal=date.value)

    def default_funder(self):
        counts = {}
        for i, span in enumerate(self.spans):
            if span.label == "Organization" and span.subclass == "AidCommand" and span.key:
                counts.setdefault(span.key, []).append(i)
        if not counts:
            return
        giver_key = max(counts, key=lambda k: (len(counts[k]), -self.spans[counts[k][0]].start))
        giver = counts[giver_key][0]
        commands = sorted((self.spans[j].start, j) for js in counts.values() for j in js)
        several = len({giver_province(key) for key in counts}) > 1
        for i in sorted(self.outer):
            if self.spans[i].label == "Program" and (i, "fundedBy") not in self.asserted:
                if several:
                    # a report on several provinces' aid: the command named last before it, if any
                    before = [j for start, j in commands if start < self.spans[i].start]
                    if not before:
                        continue
                    giver = before[-1]
                self.add(i, "fundedBy", giver, self.sentence_of[i], "en-funder-default", strength="default")

    def listed_pairings(self):
        """- Lhasa: Beijing and Jiangsu. / Beijing - Yushu Prefecture: a line of a list setting
        places against places, with a colon or a dash between."""
        for giver, receiver in listed_pairs(self.text, LIST_PAIRING_RE, self.spans, self.outer):
            self.add(giver, "pairedWith", receiver, self.sentence_of[receiver], "en-pairing-list")

    def table_pairings(self):
        """Places the pairing table pairs, both named in the report, one shown giving aid (a
        funder, the giver of an aid body, a party to a stated pairing) and the other named twice:
        paired with ``default`` strength, cited where the later of the two is first named (as in
        Chinese reports)."""
        first: dict[str, int] = {}
        for i, span in enumerate(self.spans):
            if span.label == "Place" and span.key and span.key not in first:
                first[span.key] = i
        givers, stated = set(), set()
        for rel in self.relations:
            if rel.object is None:
                continue
            subject, target = self.spans[rel.subject], self.spans[rel.object]
            if (rel.predicate == "fundedBy" and target.label == "Place") or rel.rule == "en-aid-body":
                givers.add(target.key)  # a funder, or the giver an aid body acts for
            elif rel.predicate == "pairedWith":
                givers.add(subject.key)
                stated.add(frozenset((subject.key, target.key)))
        givers.discard(None)
        # A city of a giving province named in the report gives too (Fuzhou of Fujian): the
        # table's pairing of the city says more than the province's.
        givers |= {key for key in first if any(self.gaz.is_within(key, giver) for giver in givers)}
        named = Counter(span.key for span in self.spans if span.label == "Place" and span.key)
        for receiver, r in first.items():
            if named[receiver] < 2:
                continue  # a receiver named once, in passing, is left to the table
            paired = [
                giver for giver in sorted(givers & first.keys()) if giver != receiver and pairing(giver, receiver)
            ]
            for giver in paired:
                if any(other != giver and self.gaz.is_within(other, giver) for other in paired):
                    continue  # a finer giver of the same receiver is named
                if any(
                    receiver in pair and (giver in pair or self._pair_below(pair, giver, receiver)) for pair in stated
                ):
                    continue
                g = first[giver]
                sentence = max(self.sentence_of[g], self.sentence_of[r])
                self.add(g, "pairedWith", r, sentence, "en-pairing-table", strength="default")

    def _pair_below(self, pair, giver, receiver) -> bool:
        """The report pairs the receiver with a part of the giver (Hangzhou for Zhejiang)."""
        return receiver in pair and any(other and self.gaz.is_within(other, giver) for other in pair - {receiver})

    def figures(self):
        links = {}
        for f, figure in enumerate(self.doc.spans.get("kg_figures", [])):
            sentence = self.index.index(figure.start_char)
            candidates = self.in_sentence(sentence, {"Program", "Organization", "Event"})
            before = [i for i in candidates if self.spans[i].end <= figure.start_char]
            if before:
                links[f] = max(before, key=lambda i: self.spans[i].end)
            elif candidates:
                links[f] = candidates[0]
        return links


@Language.factory(
    "kg_en_relations",
    assigns=["doc._.kg_relations", "doc._.kg_figure_of", "doc._.kg_entities"],
    requires=["doc.spans"],
    default_config={"default_funder": True},
)
def make_english_relation_extractor(nlp: Language, name: str, default_funder: bool) -> EnglishRelationExtractor:
    """Factory of :class:`EnglishRelationExtractor` (config: ``default_funder``, whether the
    report's aid command funds the programs no sentence gives a funder)."""
    return EnglishRelationExtractor(nlp, name, default_funder=default_funder)
