"""Names of organizations, programs, events, sites and works in English text.

* ``head``: a capitalised phrase ending in a head word of ``data/rules/en/heads.csv`` (Aksu No. 2
  Middle School, Kashgar Youth Activity Center), continued by ``of``/``for`` and capitalised
  words (Academy of Social Sciences, Command for Aiding Xinjiang); a head written in lower case
  ends a descriptive name that starts with a capitalised word (the Shufu apricot cold-chain
  logistics center, the Shache water plant upgrade project).
* ``aid-body``: a place, its possessive, then an aid team or command (Ningbo's aid team, the
  Jiaxing aid command, Fujian's front-line command for Xinjiang aid); a command of a giver
  province or city gets the aid-giver key ``aid:<giver code>:<aided region code>``, the key the
  Chinese rules give 浙江省援疆指挥部, so both resolve to one entity.
* ``known``: organizations of ``data/rules/en/organizations.csv`` and the English column of
  ``data/rules/organizations.csv`` (their Chinese name is the entity's name).
* ``quoted``: a quoted title-case name is a program or brand; after paper, book, report or film,
  a work.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.english import lexicon
from kg.extract.english.lexicon import fold
from kg.extract.extensions import Taken, doc_text, get_attr, make_span
from kg.records import AID_BODY_SUBCLASSES
from kg.reference.gazetteer import Gazetteer

# ", a Beijing-funded project": an apposition that says the name is a program's, whatever its head.
CALLED_PROJECT_RE = re.compile(r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,4}?(?:project|program|programme|initiative)\b")

TOKEN_RE = re.compile(r"(?P<w>(?:No\.|Co\.|Ltd\.|Corp\.|Inc\.)|[^\W_]+(?:[-'’](?![sS]\b)[^\W_]+)*)(?P<pos>['’]s\b)?")
CONNECTORS = {"of", "for", "and", "the", "&", "de"}
# X-funded Y: the first word names the funder, not part of the name.
FUNDED_WORD_RE = re.compile(r"-(?:funded|backed|built|financed|sponsored|supported|aided|assisted)$")
NUMBER_WORD_RE = re.compile(r"\d+(?:st|nd|rd|th)|(?:19|20)\d{2}")  # an edition or a year may open a name
# Words that end the left part of a descriptive (lower-case head) name.
STOP_WORDS = {
    "the", "a", "an", "of", "in", "on", "at", "to", "for", "with", "by", "from", "and", "or", "its", "their",
    "his", "her", "this", "that", "these", "those", "which", "who", "is", "was", "are", "were", "has", "have",
    "had", "be", "been", "will", "would", "new", "first", "second", "third", "last", "next", "each", "every",
    "another", "other", "such", "as", "into", "under", "called", "named", "said", "also", "than", "more",
    "its", "whose", "our", "local", "one", "two", "three", "several", "many",
}  # fmt: skip
MAX_LOWER = 5
AID_BODY_RE = re.compile(
    # "the Zhejiang provincial aid-Xinjiang command": the giver's level may stand before its aid
    r"(?:['’]s)?\s+(?:(?:provincial|municipal)\s+)?(?:(?P<sub>[A-Z][a-z]+)\s+)?(?:(?P<front>front-?line)\s+)?"
    r"(?:(?P<field>medical|education|teaching|health|technical|agricultural)\s+)?"
    # aid, Aid, or Aid-Qinghai ("the Shanghai Aid-Qinghai Working Group")
    r"(?:(?P<aid>[Aa]id(?:[-–](?P<aided>Xinjiang|Tibet|Xizang|Qinghai))?)\s+)?"
    # or after it: "the Shenzhen aid-Xinjiang front headquarters"
    r"(?:(?P<front_after>[Ff]ront(?:-?line)?)\s+)?"
    r"(?P<head>(?i:team|command|sub-command|headquarters|working group|work team))"
    r"(?:\s+for\s+(?P<target>Xinjiang|Tibet|Xizang|Qinghai)\s+aid)?\b"
)
SEATED_IN_RE = re.compile(r" in (?:the )?")
AIDED_REGIONS = {"Xinjiang": "650000", "Tibet": "540000", "Xizang": "540000", "Qinghai": "630000"}  # Xizang: since 2023
WORK_CUES = (
    "paper", "book", "report", "study", "film", "documentary", "song", "album", "novel", "titled", "summarises",
    "summarizes", "article", "journal",
)  # fmt: skip
QUOTE_RE = re.compile(r"[\"“]([^\"“”\n]{3,120})[\"”]")
# How far into a report its masthead (the outlet's name above a byline) can reach.
MASTHEAD_CHARS = 500
# A masthead line: the outlet, by its name or its site's domain (after the byline, if the line
# opens with one), then "| Updated …" or "| " and a date (XJTV | Updated 10:05, 09-Jul-2024;
# By Li Wei | Some Daily | 2024-07-09; By Li Wei | somenews.cn | …), as news sites head their pages.
MASTHEAD_RE = re.compile(
    r"^(?:By [^|\n]{2,60}\| *)?"
    r"(?P<outlet>[A-Z]{2,6}|[A-Z][a-z]+(?: [A-Z][a-z]+){0,4}|[a-z0-9-]+(?:\.[a-z]{2,3}){1,2}) *\| *"
    r"(?:Updated\b|\d{1,4}[-/.: ])",
    re.MULTILINE,
)

# A source note (Source: Tianshannet  Editor: …; Source: chinadaily.com.cn | Updated …): its outlet
SOURCE_RE = re.compile(
    r"\bSource: *(?P<outlet>[A-Z]{2,6}|[A-Z][a-z]+(?: [A-Z][a-z]+){0,4}|[a-z0-9-]+(?:\.[a-z]{2,3}){1,2})"
    r"(?= *(?:\||\n|$| {2,}|\t|Editor\b|Updated\b))",
    re.MULTILINE,
)

# The legal form written after a company's name ("Co., Ltd.", "Company Limited").
COMPANY_SUFFIX_RE = re.compile(r",? (?:Ltd\.?|Limited|Inc\.|LLC)(?!\w)")


def _opens(text: str, begin: int) -> bool:
    """The word at ``begin`` opens the text, a line or a sentence."""
    j = begin - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j < 0 or text[j] in '.!?\n"“”:'


class EnglishNameRecognizer:
    """Write candidate names to ``doc.spans["kg_names"]`` (overlaps allowed; ``kg_mentions``
    chooses)."""

    def __init__(self, nlp: Language, name: str = "kg_en_names", *, max_lower: int = MAX_LOWER):
        self.name = name
        self.heads = lexicon.heads()
        self.max_head = lexicon.max_head_words()
        self.known = lexicon.known_organizations()
        self.not_names = lexicon.not_name_words()
        self.inner_words = lexicon.name_inner_words()
        self.places = lexicon.place_index()
        self.gazetteer = Gazetteer.load()
        self.max_lower = max_lower

    def __call__(self, doc: Doc) -> Doc:
        doc.spans["kg_names"] = self.match(doc)
        return doc

    def match(self, doc: Doc) -> list:
        text = doc_text(doc)
        tokens = [(m.start("w"), m.end("w"), m.group("w"), bool(m.group("pos"))) for m in TOKEN_RE.finditer(text)]
        spans = []
        spans += self._headed(doc, text, tokens)
        spans += self._aid_bodies(doc, text)
        spans += self._known(doc, text, tokens)
        spans += self._quoted(doc, text)
        spans += self._masthead(doc, text, spans)
        return [s for s in spans if s is not None]

    # -- head rule --------------------------------------------------------------------------
    def _head_at(self, tokens, i):
        """The longest head ending at token i: (first token index, Head, written in title case)."""
        for n in range(min(self.max_head, i + 1), 0, -1):
            words = [t[2] for t in tokens[i - n + 1 : i + 1]]
            head = self.heads.get(fold(" ".join(words)))
            if head is not None:
                return i - n + 1, head, words[0][:1].isupper()
        return None

    def _headed(self, doc, text, tokens):
        spans = []
        openers = self._name_openers(text, tokens)
        for i in range(len(tokens)):
            found = self._head_at(tokens, i)
            if found is None:
                continue
            first, head, title = found
            if tokens[i][3] and not title:
                continue
            if title:
                start = self._extend_title(text, tokens, first)
                end_index = self._extend_right(
                    text,
                    tokens,
                    i,
                    topical=head.label == "Event" or head.subclass == "GovernmentBody",
                    # left Kuqa Railway Station for Ningbo: a site's "for" is where one goes from it
                    purpose=head.label != "Place",
                )
                if start is None and end_index > i:
                    start = first  # Journal of …, Academy of …: the head opens the name
                if start is not None and self._head_before_of(tokens, start, first):
                    continue  # Qilu Hospital of Shandong University: a hospital, the head before "of"
                label, subclass = head.label, head.subclass
            else:
                if not head.lower_label:
                    continue
                start = self._extend_lower(text, tokens, first, openers)
                end_index = i
                label = head.lower_label
                subclass = head.subclass if head.label == label else label
            if start is None:
                continue
            begin, end = tokens[start][0], tokens[end_index][1]
            if not self._joined(text, begin, end):
                continue
            if subclass == "Company" and (suffix := COMPANY_SUFFIX_RE.match(text, end)):
                end = suffix.end()  # Guangzhou Yuewei Food Co., Ltd.: the company's legal form
            name = text[begin:end]
            called_project = CALLED_PROJECT_RE.match(text, end)
            if label == "Organization" and subclass not in AID_BODY_SUBCLASSES and called_project:
                label, subclass = "Program", "Project"  # the X Complex, a Beijing-funded project, …
            if label == "Organization" and subclass == "AidCommand":
                key = self._giver_key(doc, text, begin, end)
            else:
                key = None
            aid_body = subclass in AID_BODY_SUBCLASSES and title
            spans.append(
                make_span(doc, begin, end, label, kg_subclass=subclass, kg_name=name, kg_key=key,
                          kg_aliases=self._seated_names(doc, text, name, end) if aid_body else (),
                          kg_rule=f"en-head:{head.subclass}" + ("" if title else ":lower"))
            )  # fmt: skip
        return spans

    def _name_openers(self, text, tokens) -> set[str]:
        """Words that open a run of capitalised words inside a sentence (the Tianhang No. 2 …), as
        proper names do; a common word is capitalised there only within a name (… and Trade Fair)."""
        openers = set()
        for k, (begin, _, word, _) in enumerate(tokens):
            if not word[:1].isupper() or _opens(text, begin):
                continue
            before = tokens[k - 1][2] if k else ""
            if not (self._name_word(before) or before in ("of", "for", "and", "&", "de")):
                openers.add(word)
        return openers

    def _name_word(self, word: str) -> bool:
        if word in ("No.", "No"):
            return True
        return (
            (word[:1].isupper() or word[:1].isdigit())
            and word not in self.not_names
            and not FUNDED_WORD_RE.search(word)
        )

    def _trim(self, tokens, start, first):
        """Drop leading counts (60 Fujian … Stores) and connectors; keep an edition or a year."""
        while start < first and (
            tokens[start][2] in CONNECTORS
            or tokens[start][2][:1].isdigit()
            and not NUMBER_WORD_RE.fullmatch(tokens[start][2])
        ):
            start += 1
        return start

    def _extend_title(self, text, tokens, first):
        """The first token of a title-case name whose head starts at ``first``."""
        start = first
        j = first - 1
        while j >= 0:
            word = tokens[j][2]
            gap = text[tokens[j][1] : tokens[j + 1][0]]
            if gap not in (" ", "-") and not (tokens[j][3] and gap == "'s "):
                break
            if tokens[j][3] and fold(word) in self.places:
                break  # Zhejiang's … : the giver, not part of the name
            if (
                self._name_word(word)
                or (word[:1].isupper() and tokens[j + 1][2] == "Autonomous")
                or self._inside_name(tokens, j)
            ):
                start = j  # and a people's name in an area's (the Ningxia Hui Autonomous Region …)
            elif word == "the" and (j == 0 or tokens[j - 1][2] not in ("of", "and", "for")):
                break  # In 2017 the Beijing … Command: "the" opens the name, it joins nothing
            elif word == "of" and self._pinyin_person_before(tokens, j):
                break  # Liang Hua of Guangxi University: a person and where they are from
            elif word not in CONNECTORS or j == 0 or not self._name_word(tokens[j - 1][2]):
                break
            elif word == "and" and self._head_at(tokens, j - 1) is not None:
                break  # Ruijin Hospital and Zhongshan Hospital: two names, the first complete
            elif word == "and" and fold(tokens[j + 1][2]) in self.places:
                break  # Yuexin and Kashgar Vocational College: a place opens the second name
            j -= 1
        start = self._trim(tokens, start, first)
        if start == first:
            return None  # a head alone is no name
        return start

    def _inside_name(self, tokens, j) -> bool:
        """Token ``j`` opens no name but stands inside this one: after another of its words or
        after "the" (the Hundred Doctors Training Program, … of Traditional Chinese Medicine)."""
        if tokens[j][2] not in self.inner_words or j == 0:
            return False
        before = tokens[j - 1][2]
        return (
            before in ("the", "The") or before in self.inner_words or (self._name_word(before) and not tokens[j - 1][3])
        )

    @staticmethod
    def _pinyin_person_before(tokens, j) -> bool:
        """A Chinese person's name in pinyin (a surname and a given name) right before token ``j``."""
        if j < 2:
            return False
        surname, given = tokens[j - 2][2], tokens[j - 1][2]
        opening = j == 2 or not tokens[j - 3][2][:1].isupper()
        return (
            opening and surname in lexicon.pinyin_surnames() and given[:1].isupper() and lexicon.is_pinyin_word(given)
        )

    def _head_before_of(self, tokens, start, first) -> bool:
        """A head ends right before an "of" between ``start`` and the head at ``first``."""
        return any(tokens[k][2] == "of" and self._head_at(tokens, k - 1) is not None for k in range(start + 1, first))

    def _extend_right(self, text, tokens, i, topical=False, purpose=True):
        """Continue a title-case name over ``of``/``for`` (``for`` only if ``purpose``) and
        capitalised words; a meeting's or an office's name over ``on`` and ``with`` too (Joint
        Conference on Fujian-Ningxia Cooperation, Office for Cooperation with Baise)."""
        first = ("of", "for", "on") if topical else ("of", "for") if purpose else ("of",)
        later = (*first, "and", "with") if topical else (*first, "and")
        end = i
        j = i + 1
        while j + 1 < len(tokens) and tokens[j][2] in (first if end == i else later) and not tokens[end][3]:
            gap = text[tokens[end][1] : tokens[j + 1][0]]
            if not re.fullmatch(r" \w+ ", gap) or not self._name_word(tokens[j + 1][2]):
                break
            if tokens[j][2] == "and" and fold(tokens[j + 1][2]) in self.places:
                break  # … Academy of Science and Technology and Kashgar University: a second name
            k = j + 1
            while (
                k + 1 < len(tokens)
                and (self._name_word(tokens[k + 1][2]) or self._inside_name(tokens, k + 1))
                and text[tokens[k][1] : tokens[k + 1][0]] == " "
            ):
                if tokens[k][3]:
                    break
                k += 1
            end, j = k, k + 1
        return end

    def _extend_lower(self, text, tokens, first, openers):
        """The first token of a descriptive name: lower-case words back to a capitalised one. A
        word that opens a sentence or a line (a heading: "Trade fair") is capitalised by position
        only, so it starts a name only when it is a place or opens a capitalised run elsewhere in the text."""
        j, lower, start = first - 1, 0, None
        within = None  # the start before a connector run (Construction of the | Kalpin … center)
        while j >= 0:
            word = tokens[j][2]
            gap = text[tokens[j][1] : tokens[j + 1][0]]
            if gap not in (" ", "-") or (tokens[j][3] and fold(word) not in self.places):
                break
            if tokens[j][3]:
                break
            if FUNDED_WORD_RE.search(word):
                break
            if word[:1].isupper() and word not in self.not_names:
                start = j
            elif start is not None and NUMBER_WORD_RE.fullmatch(word):
                start = j
                break
            elif start is not None and word in ("at", "the", "of", "and") and j > 0 and self._joins_title(tokens, j):
                within = start if within is None else within  # Homes by the River program: a title-case name
            elif word.lower() in STOP_WORDS or not word.isalpha() and not re.fullmatch(r"[a-z]+(-[a-z]+)+", word):
                break
            elif start is not None:
                break  # lower-case words before the capitalised one: not part of the name
            else:
                lower += 1
                if lower > self.max_lower:
                    break
            j -= 1
        if start is not None and _opens(text, tokens[start][0]):
            word = tokens[start][2]
            if word not in openers and fold(word) not in self.places:
                if within is not None and fold(tokens[within][2]) not in self.places:
                    return start  # Homes by the River program: a title, opener and all
                return within  # Construction of the | Kalpin apple center; Trade fair: None
        return start

    def _joins_title(self, tokens, j) -> bool:
        """A connector run at ``j`` with a capitalised name word right before it."""
        while j > 0 and tokens[j][2] in ("at", "the", "of", "and"):
            j -= 1
        word = tokens[j][2]
        return word[:1].isupper() and word not in self.not_names and fold(word) not in self.places

    @staticmethod
    def _joined(text, begin, end) -> bool:
        inner = re.sub(r"\b(?:No|Co|Ltd|Corp|Inc|St)\.", "", text[begin:end]).rstrip(".")
        return "\n" not in inner and not re.search(r"[,;:.!?\"“”()](?!\w)", inner)

    # -- aid teams and commands -------------------------------------------------------------
    def _aid_bodies(self, doc, text):
        spans = []
        for place in doc.spans.get("kg_places", []):
            match = AID_BODY_RE.match(text, place.end_char)
            if not match or not (match.group("aid") or match.group("front") or match.group("head") == "sub-command"):
                continue
            head = match.group("head").lower()
            subclass = "Team" if head in ("team", "working group", "work team") else "AidCommand"
            sub = match.group("sub")
            if sub and fold(sub) not in self.places:
                continue
            target = match.group("target") or match.group("aided")
            if sub in AIDED_REGIONS:
                target, sub = sub, None  # the Zhejiang Xinjiang Aid Command: the region aided
            key = None
            seat = self._seat(doc, match.start("sub"), sub) if sub else None
            if subclass == "AidCommand" and head != "sub-command" and (seat or not sub):
                region = next((r for r, code in AIDED_REGIONS.items() if seat and seat.code[:2] == code[:2]), target)
                key = self._giver_key(doc, text, place.start_char, match.end(), place=place, target=region)
                if key and seat and seat.level == "county":
                    key += f"@{seat.key}"  # the Shanghai Zepu Aid Command: the giver's body in a county
            name = text[place.start_char : match.end()]
            seated = self._seated_names(doc, text, name, match.end())
            spans.append(
                make_span(doc, place.start_char, match.end(), "Organization", kg_subclass=subclass, kg_name=name,
                          kg_key=key, kg_aliases=seated, kg_rule="en-aid-body")
            )  # fmt: skip
        return spans

    @staticmethod
    def _seated_names(doc, text, name, end) -> tuple[str, ...]:
        """The Ningbo Aid-Xinjiang Working Group in Kuqa: a capitalised aid body's name (ending at
        ``end``) as written with the place it works in, which reports also treat as its full name."""
        if not name.split()[-1][:1].isupper() or not (seated := SEATED_IN_RE.match(text, end)):
            return ()
        place = next((p for p in doc.spans.get("kg_places", []) if p.start_char == seated.end()), None)
        return (f"{name} in {place.text}",) if place is not None else ()

    def _seat(self, doc, start, word):
        """The division (with a code) of the place named at ``start`` in an aid command's name
        (the Shenzhen Kashgar Aid Front-line Command sits in Kashgar), read as a place of the text
        or, if the text has not read it (the Shanghai Zepu Aid Command), by the one division its
        name may be; else None."""
        seat = next((p for p in doc.spans.get("kg_places", []) if p.start_char == start), None)
        if seat is not None:
            key = get_attr(seat, "kg_key") or ""
        else:
            named = self.places.get(fold(word))
            key = named.keys[0] if named is not None and len(named.keys) == 1 else ""
        division = self.gazetteer.get(key)
        return division if division is not None and division.code else None

    def _giver_key(self, doc, text, begin, end, place=None, target=None):
        """``aid:<giver code>:<aided region code>`` for the command of a giver province or city."""
        if place is None:
            place = next((p for p in doc.spans.get("kg_places", []) if p.start_char == begin), None)
        if place is None:
            return None
        giver = get_attr(place, "kg_key")
        division = self.gazetteer.get(giver) if giver else None
        if division is None or division.level not in ("province", "prefecture", "county"):
            return None
        name = text[begin:end]
        region = target or next((r for r in AIDED_REGIONS if r in name[len(place.text) :]), None)
        if region is None:
            present = [r for r in AIDED_REGIONS if r in text]
            region = present[0] if len(present) == 1 else None
        code = AIDED_REGIONS.get(region)
        if code is None or giver.startswith(code[:2]):
            return None
        return f"aid:{giver}:{code}"

    # -- known organizations, quoted names --------------------------------------------------
    def _known(self, doc, text, tokens):
        spans = []
        for i in range(len(tokens)):
            # a name starts capitalised; a site's domain (chinadaily.com.cn) in lower case
            if not tokens[i][2][:1].isupper() and not text.startswith(".", tokens[i][1]):
                continue
            for n in range(min(8, len(tokens) - i), 0, -1):
                begin, end = tokens[i][0], tokens[i + n - 1][1]
                entry = self.known.get(fold(text[begin:end]))
                if entry is not None and self._joined(text, begin, end):
                    en, zh, subclass = entry
                    surface = text[begin:end]
                    spans.append(
                        make_span(doc, begin, end, "Organization", kg_subclass=subclass, kg_name=zh,
                                  kg_aliases=tuple(dict.fromkeys((surface, en))), kg_rule="en-known")
                    )  # fmt: skip
                    break
        return spans

    def _masthead(self, doc, text, found):
        """The outlet a masthead line names at the top of a report (SOMENET | Updated …), or a
        source note anywhere (Source: Somenet), unless another rule has read the name."""
        spans = []
        named = Taken(len(text))
        for span in found:
            if span is not None:
                named.mark(span.start_char, span.end_char)
        for match in [*MASTHEAD_RE.finditer(text, 0, MASTHEAD_CHARS), *SOURCE_RE.finditer(text)]:
            outlet = match.group("outlet")
            if outlet in self.not_names or fold(outlet) in self.places:
                continue  # By | …, a place heading a dateline
            if named.any(match.start("outlet"), match.end("outlet")):
                continue  # Source: Aksu Prefectural Bureau of Commerce: a body read by its head
            spans.append(
                make_span(doc, match.start("outlet"), match.end("outlet"), "Organization",
                          kg_subclass="MediaOrganization", kg_name=outlet, kg_rule="en-masthead")
            )  # fmt: skip
        return spans

    def _quoted(self, doc, text):
        spans = []
        for match in QUOTE_RE.finditer(text):
            inner = match.group(1).strip()
            words = re.findall(r"[^\W\d_][\w'’-]*", inner)
            if not 1 <= len(words) <= 12 or inner[-1:] in ".,?!":
                continue
            content = [w for w in words if w.lower() not in CONNECTORS | {"to", "a", "an", "in", "from"}]
            if not content or not all(w[:1].isupper() for w in content):
                continue
            before = text[max(0, match.start() - 40) : match.start()].lower()
            work = any(cue in before for cue in WORK_CUES)
            if len(words) == 1 and not work:
                continue
            label, subclass = (
                ("Work", "Publication")
                if work
                else ("Program", "Brand" if "brand" in text[match.end() : match.end() + 30] else "Program")
            )
            spans.append(
                make_span(doc, match.start(1), match.start(1) + len(inner), label, kg_subclass=subclass,
                          kg_name=inner, kg_rule="en-quoted")
            )  # fmt: skip
        return spans


@Language.factory("kg_en_names", assigns=["doc.spans"], requires=["doc.spans"], default_config={"max_lower": MAX_LOWER})
def make_english_name_recognizer(nlp: Language, name: str, max_lower: int) -> EnglishNameRecognizer:
    """Factory of :class:`EnglishNameRecognizer` (config: ``max_lower``, the most lower-case words
    a descriptive name may have before its head)."""
    return EnglishNameRecognizer(nlp, name, max_lower=max_lower)
