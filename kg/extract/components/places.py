"""Administrative places: gazetteer names, their nesting, XPCC units and province abbreviations."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from spacy.attrs import IDX, LENGTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kg.extract.extensions import Taken, doc_text, get_attr, make_span, set_attr
from kg.reference.gazetteer import Gazetteer
from kg.reference.pairings import aid_targets
from kg.reference.rules import alternation, is_common_word, load_csv, load_jsonl, load_words

COUNTY_OWN_WORDS = ("里", "委", "领导", "上")  # 县里, 县委, 县领导, 县上: the county spoken of
CONJUNCTIONS = "、和与及"  # between the items of a list of places (和安全: 和 is no name's first character)
LEVEL_SUBCLASS = {
    "province": "Province",
    "prefecture": "Prefecture",
    "county": "County",
    "township": "Township",
    "village": "Village",
    "region": "Region",
    "xpcc": "XPCCUnit",
}
HAN = "\u4e00-\u9fff"
SHORT_ONLY = "gazetteer:short"
NATURAL_FEATURE_ENDS = "山河湖江峰岭"  # 贺兰山, 和田河: what a short name may start the name of
# The recognizer's tags of names that may hold a place's short name: organizations, other proper nouns.
NAMING_WORDS = ("ORG", "nz")
TOWNSHIP_LEVELS = {"镇": "乡", "乡": "镇"}  # a township's level word and the other one
# 乡村 (rural) and the words it makes (乡村振兴): after a name, 乡 is no township's level word.
RURAL_WORD_RE = re.compile("乡村(?:振兴|建设|治理|旅游|产业|发展|文化|教育|医生|公路|道路|人才|规划|小学|学校)")
# A short name followed by a level character is the stem of another unit's name (新和镇, not 新和).
LEVEL_CHARS = set("省市县区州盟旗镇乡村") | {"街"}  # 街 of 街道: 玉屏街道 is a street office, not 玉屏县
# The level a nested name may have below a place of each subclass.
# a regiment holds villages and, being one unit with its town (团镇合一), a town: 四十七团老兵镇
NESTING_LEVEL = {"County": ("township",), "Township": ("village",), "XPCCUnit": ("township", "village")}
# Characters that cannot sit inside the name of a nested unit: particles and punctuation mean the
# suffix belongs to ordinary prose (在家门口的村 is not a village name).
_NOT_IN_NESTED_NAME = set("的了在是个等说与及、，。；：！？（）")
# A suffix followed by a character it makes a common word with (乡村, 镇街) reads as prose, unless
# the township source knows the name.
PROSE_AFTER_SUFFIX = {"乡": "村", "镇": "街"}
# A pasture named before the work done on it (某乡高原生态牧场项目) is a project's name, not a place.
WORK_AFTER_SUFFIX = {"牧场": ("项目", "工程", "建设", "改造", "提升")}
DETERMINERS = set("各每该本全多几两")
DIRECTION_ENDS = set("部方侧角边面")  # 东北部, 西南方, 西北侧: a direction, not the region 东北


class PlaceRecognizer:
    """Find administrative places and write them to ``doc.spans["kg_places"]``.

    Gazetteer full, short and former names are matched with a PhraseMatcher; a unit below the
    county that directly follows a known place (新和县依其艾日克镇) is recognised from its suffix
    and linked to it with ``Span._.kg_parent``; XPCC divisions and regiments come from regular
    expressions in ``data/rules/place_patterns.jsonl``; a one-character province abbreviation
    counts only right after a locative verb (在京, 入浙).
    """

    def __init__(self, nlp: Language, name: str = "kg_places", *, max_nested: int = 8):
        self.name = name
        self.gazetteer = Gazetteer.load()
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.kinds: dict[str, list[tuple[str, str]]] = {}
        for surface, key, kind in self.gazetteer.surface_forms():
            self.kinds.setdefault(surface, []).append((key, kind))
        for surface in self.kinds:
            self.matcher.add(surface, [nlp.make_doc(surface)])
        self.ambiguous = {surface for surface, pairs in self.kinds.items() if len({key for key, _ in pairs}) >= 2}
        # The gazetteer never changes, and the same names recur in document after document.
        self.resolve = lru_cache(maxsize=100_000)(self.gazetteer.resolve)
        self.not_unit_endings = tuple(load_words("not_unit_endings.txt"))
        self._county_units: dict[str, dict[str, str | None]] = {}
        self.common_unit_names = load_words("common_unit_names.txt")
        self.ordinary_names = load_words("ordinary_division_names.txt")
        self.surnames = set(load_words("surnames.txt"))
        self.aid_targets = aid_targets()
        self.aided_provinces = {_province(target) for target in self.aid_targets.values()}
        giving = [*load_words("giving_words.txt"), *self.aid_targets]
        self.giving_re = re.compile("|".join(map(re.escape, sorted(giving, key=len, reverse=True))))
        nested = load_csv("nesting.csv")
        self.nested_levels = {row["suffix"]: (row["level"], row["subclass"]) for row in nested}
        suffixes = "|".join(sorted(self.nested_levels, key=len, reverse=True))
        # A village may be known by its number in its township (某乡15村): the stem is then digits.
        self.nested_re = re.compile(f"([{HAN}]{{1,{max_nested}}}?|[0-9]{{1,3}}(?=村))({suffixes})")
        self.patterns = [(record, _place_pattern(record)) for record in load_jsonl("place_patterns.jsonl")]
        self.abbreviations = province_abbreviations()
        self.abbreviation_re = re.compile("|".join(map(re.escape, self.abbreviations)) or "(?!)")  # (?!): none
        self.locative_verbs = load_words("locative_verbs.txt")
        self.locative_blockers = load_words("locative_blockers.txt")

    def __call__(self, doc: Doc) -> Doc:
        doc.spans["kg_places"] = self.match(doc)
        return doc

    def match(self, doc: Doc) -> list:
        text = doc_text(doc)
        # Token index -> character offsets, read once: a Span per match would cost more than matching.
        starts, lengths = doc.to_array([IDX, LENGTH]).T.tolist()
        found: dict[tuple[int, int], str] = {}
        for _, start, end in self.matcher(doc):
            start_char = starts[start]
            end_char = starts[end - 1] + lengths[end - 1]
            surface = text[start_char:end_char]
            # The matcher skips a space between tokens, but 哈密 市 is not the name 哈密市.
            if (
                surface in self.kinds
                and not self._direction(text, surface, end_char)
                and not self._title(text, surface, end_char)
            ):
                found.setdefault((start_char, end_char), surface)
        spans = []
        taken = Taken(len(text))
        # A listed unit's name holds a county's short name (皮山农场, a farm of the corps, not 皮山县).
        for record, regex in self.patterns:
            if "words" in record:
                for listed in regex.finditer(text):
                    taken.mark(listed.start(), listed.end())
        # Longest gazetteer names first, so 阿克苏地区 wins over 阿克苏.
        for (start, end), surface in sorted(found.items(), key=lambda item: (item[0][0] - item[0][1], item[0][0])):
            if taken.any(start, end):
                continue
            span = self._gazetteer_span(doc, start, end, surface)
            if span is not None:
                spans.append(span)
                taken.mark(start, end)
        spans.sort(key=lambda s: s.start_char)
        # Context first: a short name is coherent once resolved among its neighbours (朝阳 after 北京市).
        spans = self._with_corps(doc, self._joint_names(doc, self._coherent(self._resolve_in_context(spans))))
        taken = Taken(len(text))  # again: a dropped short name frees its characters
        for span in spans:
            taken.mark(span.start_char, span.end_char)
        # Units the township source knows under a county of the report first: a suffix read on
        # from a place before it (某区结对某镇) may take a verb or another county's place along.
        spans.extend(self._local_units(doc, spans, taken))
        # the corps' units before nesting: 四十七团老兵镇 is a regiment and its town (团镇合一)
        spans.extend(self._patterned(doc, taken, list(spans)))
        spans.extend(self._nested(doc, spans, taken))
        spans.extend(self._named_again(doc, spans, taken))
        spans.extend(self._abbreviations(doc, taken))
        spans.extend(self._countries(doc, taken))
        spans.sort(key=lambda s: s.start_char)
        return spans

    @staticmethod
    def _countries(doc, taken):
        """Foreign countries by their standard Chinese names (哈萨克斯坦, 巴基斯坦): the trade
        routes of the aided regions. Names of two characters (美国, 日本) are left out: they are
        also the middle of other words."""
        text = doc_text(doc)
        spans = []
        for match in _country_re().finditer(text):
            if taken.any(match.start(), match.end()):
                continue
            span = make_span(
                doc, match.start(), match.end(), "Place", kg_subclass="Place", kg_name=match.group(0), kg_rule="country"
            )
            if span is not None:
                spans.append(span)
                taken.mark(match.start(), match.end())
        return spans

    def _direction(self, text: str, surface: str, end: int) -> bool:
        """东北部, 西南方: a region's name that is also a compass direction (东北, 西南), read on into
        a word of direction, says where in a place something lies, not the region."""
        return text[end : end + 1] in DIRECTION_ENDS and all(kind == "region" for _, kind in self.kinds[surface])

    def _title(self, text: str, surface: str, end: int) -> bool:
        """赵县长, 单县长: a surname and 县长 (Magistrate Zhao), which reads as a two-character
        county (赵县, 单县) and 长, unless 长 begins a word (曹县长期…: 曹县, then 长期)."""
        return (
            len(surface) == 2
            and surface[0] in self.surnames
            and text[end : end + 1] == "长"
            and not is_common_word(text[end : end + 2])
        )

    def _joint_names(self, doc, spans):
        """An XPCC division written with the city it shares its administration with (第一师阿拉尔市)
        is one place: the unit's full name, kept as the city's other name."""
        text = doc_text(doc)
        result = []
        for span in spans:
            before = result[-1] if result else None
            if (
                before is not None
                and before.end_char == span.start_char
                and get_attr(before, "kg_rule") == "gazetteer:xpcc"
                and get_attr(before, "kg_key") == get_attr(span, "kg_key")
            ):
                surface = text[before.start_char : span.end_char]
                aliases = tuple(dict.fromkeys((*(get_attr(span, "kg_aliases") or ()), surface)))
                joint = make_span(
                    doc,
                    before.start_char,
                    span.end_char,
                    "Place",
                    kg_subclass=get_attr(span, "kg_subclass"),
                    kg_key=get_attr(span, "kg_key"),
                    kg_name=get_attr(span, "kg_name"),
                    kg_aliases=aliases,
                    kg_rule="gazetteer:xpcc+city",
                )
                if joint is not None:
                    result[-1] = joint
                    continue
            result.append(span)
        return result

    @staticmethod
    def _with_corps(doc, spans):
        """A division after the Corps' short name (兵团第四师) is named with it: the two words are
        one item of a list of receivers (甲县和兵团第四师). 新疆生产建设兵团 stays a name of its own."""
        text = doc_text(doc)
        result = []
        for span in spans:
            start = span.start_char
            if (
                (get_attr(span, "kg_rule") or "").startswith("gazetteer:xpcc")  # 兵团第十师北屯市 too
                and text.endswith("兵团", 0, start)
                and not text.endswith("建设兵团", 0, start)
                and not (result and result[-1].end_char > start - 2)
            ):
                longer = make_span(
                    doc,
                    start - 2,
                    span.end_char,
                    "Place",
                    **{name: get_attr(span, name) for name in ("kg_subclass", "kg_key", "kg_name", "kg_rule")},
                    kg_aliases=tuple(
                        dict.fromkeys((*(get_attr(span, "kg_aliases") or ()), text[start - 2 : span.end_char]))
                    ),
                )
                span = longer or span
            result.append(span)
        return result

    def _gazetteer_span(self, doc, start, end, surface):
        kinds = {kind for _, kind in self.kinds[surface]}
        division = self.resolve(surface)
        if division is None:
            return None
        return make_span(
            doc,
            start,
            end,
            "Place",
            kg_subclass=LEVEL_SUBCLASS.get(division.level, "Place"),
            kg_key=division.key,
            kg_name=division.name,
            kg_aliases=(surface,) if surface != division.name else (),
            kg_rule="gazetteer:" + "+".join(sorted(kinds)),
        )

    def _coherent(self, spans):
        """Drop short names of prefectures and counties outside the document's provinces.

        A short name is also an ordinary word often enough (投资兴业 holds 资兴, 天山南北 holds
        山南) that it counts only when a full name or a province already puts the document in
        that province.
        """
        text = doc_text(spans[0].doc) if spans else ""
        # a name that is also an ordinary word (城区) needs its prefecture named in the report (a
        # Guangdong report's 某县城区 is no district of 汕尾市); a short name needs its province
        named = {get_attr(span, "kg_key") for span in spans}
        spans = [
            span
            for span in spans
            if text[span.start_char : span.end_char] not in self.ordinary_names
            or self._parent_key(get_attr(span, "kg_key")) in named
        ]
        keys = [get_attr(span, "kg_key") for span in spans]
        short = [
            get_attr(span, "kg_rule") == SHORT_ONLY
            and not self._prefecture_form(text[span.start_char : span.end_char], get_attr(span, "kg_key"))
            and not self._gives_aid(text, span)
            and not self._city_gone_to(text, span)
            or text[span.start_char : span.end_char] in self.ordinary_names
            for span in spans
        ]
        provinces = {
            _province(key)
            for key, is_short in zip(keys, short)
            if key and (not is_short or self._level(key) in ("province", "region"))
        }
        # 援青, 援藏, 援疆: a word of aid to a region puts the report there as its name would
        aided = {_province(target) for word, target in self.aid_targets.items() if word in text}
        provinces |= aided
        # the provinces of the longer names: a name of two characters does not vouch for itself
        named_long = aided | {
            _province(key)
            for span, key, is_short in zip(spans, keys, short)
            if key and not is_short and span.end_char - span.start_char > 2
        }
        # A short name that begins inside a word the recognizer reads is part of that word: of a
        # place's name (湖北 in 青海湖北岸), a person's, or an ordinary word (民丰 in 农民丰收). Not
        # inside an organization's or a product's name, which names places (某县某某合作社).
        inside_words = {
            offset
            for word in (spans[0].doc.user_data.get("kg_words", []) if spans else [])
            if word.label_ not in NAMING_WORDS
            for offset in range(word.start_char + 1, word.end_char)
        }
        # 贺兰|山东麓, 和田|河: a short name the recognizer reads as the start of a mountain's or a
        # river's name is that feature's (the county is named after it), not the county
        features = {
            word.start_char: word.end_char
            for word in (spans[0].doc.user_data.get("kg_words", []) if spans else [])
            if word.label_ == "LOC"
        }
        # A full name of two characters is one character and its level (中区, 和县): outside the
        # report's provinces it counts only as a word of its own, not begun or ended inside another
        # (工业集中|区, 服务和|县域).
        keep = [
            (
                not is_short
                or (self._level(key) in ("province", "region") or _province(key) in provinces)
                and (
                    text[span.end_char : span.end_char + 1] not in LEVEL_CHARS
                    or text[span.end_char - 1] in "县市区州旗"
                    or RURAL_WORD_RE.match(text, span.end_char)
                )
                and span.start_char not in inside_words
                and not (
                    features.get(span.start_char, 0) > span.end_char
                    and text[span.end_char : span.end_char + 1] in NATURAL_FEATURE_ENDS
                )
                # 协调和安全保障, 和康复中心: the conjunction 和 and a word, not 和安县 or 和康县
                and not (
                    text[span.start_char] in CONJUNCTIONS
                    and span.start_char + 1 not in inside_words  # 和 a word of its own (not 和田剧院)
                    and span.end_char in inside_words
                )
            )
            # 我们和县里一起, 和县委一道: 和 and the county one speaks of, not 和县
            and not (
                text[span.start_char] in CONJUNCTIONS
                and span.end_char - span.start_char == 2
                and text.startswith(COUNTY_OWN_WORDS, span.end_char)
            )
            and not (
                get_attr(span, "kg_rule") != SHORT_ONLY
                and span.end_char - span.start_char == 2
                and _province(key) not in named_long
                and (span.start_char in inside_words or span.end_char in inside_words)
            )
            for span, key, is_short in zip(spans, keys, short)
        ]
        # 赴苏州、上海、深圳等地: a city listed after a city the report keeps is a city too
        kept_cities = {}
        for k, (span, key) in enumerate(zip(spans, keys)):
            if keep[k] and self._level(key) in ("prefecture", "province"):
                kept_cities[span.end_char] = k
            elif (
                short[k]
                and self._level(key) == "prefecture"
                and text[span.start_char - 1 : span.start_char] in CONJUNCTIONS
                and span.start_char - 1 in kept_cities
                and span.start_char not in inside_words
            ):
                keep[k] = True
                kept_cities[span.end_char] = k
        return [span for span, kept in zip(spans, keep) if kept]

    def _gives_aid(self, text: str, span) -> bool:
        """A short name of a city outside the aided regions right before a word of giving aid
        (深圳援建的…, 杭州对口支援…, 江阴援疆): the giver, whose province many reports never name."""
        key = get_attr(span, "kg_key")
        division = self.gazetteer.get(key) if key else None
        return (
            division is not None
            and (division.level == "prefecture" or division.name.endswith("市"))  # 江阴, not a county's stem
            and _province(key) not in self.aided_provinces
            and self.giving_re.match(text, span.end_char) is not None
        )

    def _city_gone_to(self, text: str, span) -> bool:
        """A city's short name right after a verb of going or being somewhere (赴深圳, 驻广州, 在杭州
        举办): where someone goes or is, whatever provinces the report has named."""
        key = get_attr(span, "kg_key")
        division = self.gazetteer.get(key) if key else None
        return (
            division is not None
            and division.level == "prefecture"
            and span.start_char > 0
            and text[span.start_char - 1] in self.locative_verbs
            and text[max(0, span.start_char - 2) : span.start_char] not in self.locative_blockers
        )

    def _prefecture_form(self, surface: str, key: str | None) -> bool:
        """An autonomous prefecture's stem and 州 (黔西南州, 凉山州): news's usual name for it and no
        ordinary word, so it needs no province named before it (two characters, 巴州 or 克州, may
        be another unit's stem: 巴州区)."""
        division = self.gazetteer.get(key) if key else None
        return (
            len(surface) >= 3 and surface.endswith("州") and division is not None and division.name.endswith("自治州")
        )

    def _parent_key(self, key: str | None) -> str | None:
        division = self.gazetteer.get(key) if key else None
        return division.parent if division else None

    def _level(self, key: str | None) -> str | None:
        division = self.gazetteer.get(key) if key else None
        return division.level if division else None

    def _resolve_in_context(self, spans):
        """Re-resolve ambiguous names with the places around them (阿克苏 after 库车市, 温宿县…)."""
        text = doc_text(spans[0].doc) if spans else ""
        keys = [get_attr(span, "kg_key") for span in spans]
        # the places no other division shares a name with: the document's own, to break ties
        document = frozenset(
            key for span, key in zip(spans, keys) if key and text[span.start_char : span.end_char] not in self.ambiguous
        )
        surfaces = [text[span.start_char : span.end_char] for span in spans]
        for i, span in enumerate(spans):
            surface = surfaces[i]
            if surface not in self.ambiguous:
                continue
            # after it, only names with one meaning: an ambiguous one there has a provisional key
            # (福州市鼓楼区…鼓楼区: the second 鼓楼区, still Nanjing's, would pull the first there)
            after = [
                key for key, other in zip(keys[i + 1 : i + 4], surfaces[i + 1 : i + 4]) if other not in self.ambiguous
            ]
            context = (*keys[max(0, i - 3) : i], *after)
            # and the names resolved before it: the same name again is the same place
            division = self.resolve(surface, context, document | {key for key in keys[:i] if key})
            if division is not None and division.key != keys[i]:
                set_attr(span, "kg_key", division.key)
                set_attr(span, "kg_name", division.name)
                set_attr(span, "kg_subclass", LEVEL_SUBCLASS.get(division.level, "Place"))
                set_attr(span, "kg_aliases", (surface,) if surface != division.name else ())
                keys[i] = division.key
        return spans

    def _nested(self, doc, spans, taken):
        """Units below the county named right after a known place: 某县某某镇某某村."""
        text = doc_text(doc)
        nested = []
        frontier = list(spans)
        while frontier:
            parent = frontier.pop(0)
            levels = NESTING_LEVEL.get(get_attr(parent, "kg_subclass"))
            if levels is None:
                continue
            match = self.nested_re.match(text, parent.end_char)
            if not match or taken.any(match.start(), match.end()):
                continue
            stem, suffix = match.group(1), match.group(2)
            if set(stem) & _NOT_IN_NESTED_NAME:
                continue
            sub_level, subclass = self.nested_levels[suffix]
            if sub_level not in levels:
                continue  # only one level down: a county holds townships, a township villages
            name = stem + suffix
            if stem.isdigit():  # 15村 is a village only in its township: 某乡15村 is its name
                name = (get_attr(parent, "kg_name") or text[parent.start_char : parent.end_char]) + name
            prose = text.startswith(PROSE_AFTER_SUFFIX.get(suffix, "\0"), match.end())
            if prose and not self._known_unit(name, parent):
                continue  # 某县推动文旅融合和乡村振兴: 乡村 is a word of prose, not a township and a village
            if stem in DETERMINERS:
                continue  # 某县各乡镇, 全村: a determiner, not a unit's name
            if text.startswith(WORK_AFTER_SUFFIX.get(suffix, "\0"), match.end()) and not self._known_unit(name, parent):
                continue  # 某乡某某牧场项目: the project's name, not a pasture
            if name.endswith(self.not_unit_endings) and not self._known_unit(name, parent):
                continue  # 某县住房和城乡建设局: 城乡 ends no unit's name
            span = make_span(
                doc,
                match.start(),
                match.end(),
                "Place",
                kg_subclass=subclass,
                kg_name=name,
                kg_parent=get_attr(parent, "kg_key") or get_attr(parent, "kg_name"),
                kg_rule=f"nested:{suffix}",
            )
            if span is None:
                continue
            set_attr(span, "kg_key", self._nested_key(name, parent))
            taken.mark(match.start(), match.end())
            nested.append(span)
            frontier.append(span)
        return nested

    def _local_units(self, doc, spans, taken):
        """Townships and villages of the report's counties named on their own (在某某镇新建…).

        Away from its county a unit's name has no suffix-and-parent pattern to find it by, and a
        transliterated name (…却勒镇) holds characters that read as prose; the township/village
        source lists the units of every county the report names, so they are looked for by name.
        A name found under two of the report's counties is left alone.
        """
        counties = {get_attr(span, "kg_key") for span in spans if get_attr(span, "kg_subclass") == "County"}
        units: dict[str, tuple[str, str | None] | None] = {}  # name -> (county, its township), None: ambiguous
        for county in sorted(counties - {None}):
            for name, town in self._units_of(county).items():
                units[name] = (county, town) if units.get(name, (county, town)) == (county, town) else None
        if not units:
            return []
        text = doc_text(doc)
        longest = max(map(len, units))
        last_chars = {name[-1] for name in units}
        found = []
        end = len(text)
        while end > 0:  # right to left, longest name first, so 某某村 inside 某某新村 is not taken
            if text[end - 1] not in last_chars:
                end -= 1
                continue
            for start in range(max(0, end - longest), end - 2):
                if text[end - 1] == "乡" and RURAL_WORD_RE.match(text, end - 1):
                    break  # 尼木乡村振兴: 乡 begins the word 乡村 (rural), no township's name ends there
                unit = units.get(text[start:end])
                division = self._unit(text[start:end], *unit) if unit and not taken.any(start, end) else None
                if division is not None:
                    span = make_span(
                        doc,
                        start,
                        end,
                        "Place",
                        kg_subclass=LEVEL_SUBCLASS[division.level],
                        kg_key=division.key,
                        kg_name=division.name,
                        # 古勒巴格乡 for 古勒巴格镇: the form the report writes is a name of it too
                        kg_aliases=(text[start:end],) if text[start:end] != division.name else (),
                        kg_parent=division.parent,
                        kg_rule="local-unit",
                    )
                    if span is not None:
                        taken.mark(start, end)
                        found.append(span)
                        end = start + 1
                    break
            end -= 1
        return found

    def _named_again(self, doc, spans, taken):
        """A township or village the report names with its parents (某县某镇某村) named again on
        its own (某村党支部书记), and a township named again without 镇/乡 (旧州绣球工坊) unless that
        short name is a common word (和平, 团结): the same unit."""
        text = doc_text(doc)
        forms = {}
        for span in spans:
            name = get_attr(span, "kg_name") or span.text
            subclass = get_attr(span, "kg_subclass")
            if subclass not in ("Township", "Village") or len(name) < 3:
                continue
            forms.setdefault(name, span)
            short = name[:-1]
            if subclass == "Township" and name.endswith(("镇", "乡")) and not is_common_word(short):
                forms.setdefault(short, span)
        found = []
        for form, unit in sorted(forms.items(), key=lambda item: -len(item[0])):
            for match in re.finditer(re.escape(form), text):
                start, end = match.span()
                if taken.any(start, end) or text[end : end + 1] in ("镇", "乡"):
                    continue
                if form != get_attr(unit, "kg_name") and text.startswith(("协作", "合作"), end):
                    continue  # 闽宁协作: two provinces' cooperation, named like 闽宁镇 after it
                span = make_span(
                    doc,
                    start,
                    end,
                    "Place",
                    **{k: get_attr(unit, k) for k in ("kg_subclass", "kg_key", "kg_name", "kg_parent")},
                    kg_rule="named-again",
                )
                if span is not None:
                    taken.mark(start, end)
                    found.append(span)
        return found

    def _units_of(self, county: str) -> dict[str, str | None]:
        """The township source's names of a county's units (→ their township, None for a township),
        of three characters or more (新村, 一村 are words too) and no phrase of prose (新农村); a
        township also by its other level word (古勒巴格乡 for 古勒巴格镇), as it was called."""
        units = self._county_units.get(county)
        if units is None:
            units = self._county_units[county] = {
                name: town
                for name, town in self.gazetteer.unit_names(county).items()
                if len(name) >= 3 and name not in self.common_unit_names
            }
            # a township made a town (乡 → 镇) is still written by its old name, and the other way
            for name in [name for name, town in units.items() if town is None and name[-1] in TOWNSHIP_LEVELS]:
                units.setdefault(name[:-1] + TOWNSHIP_LEVELS[name[-1]], None)
        return units

    def _unit(self, name: str, county: str, town: str | None):
        """The township or village of that name in the county (in that township)."""
        if town is None:
            return self.gazetteer.township(name, county)
        township = self.gazetteer.township(town, county)
        return self.gazetteer.township(name, township.key) if township is not None else None

    def _known_unit(self, name, parent):
        parent_key = get_attr(parent, "kg_key")
        return bool(parent_key) and self.gazetteer.township(name, parent_key) is not None

    def _nested_key(self, name, parent):
        """A nested unit is known by its name under its parent: villages' names repeat across China."""
        parent_key = get_attr(parent, "kg_key")
        if parent_key:
            division = self.gazetteer.township(name, parent_key)
            if division is not None:
                return division.key
        return f"{parent_key or get_attr(parent, 'kg_name')}/{name}"

    def _patterned(self, doc, taken, known):
        spans = []
        for record, regex in self.patterns:
            for match in regex.finditer(doc_text(doc)):
                if taken.any(match.start(), match.end()):
                    continue
                surface = match.group(0)
                division = self.resolve(surface)
                # 第三师四十四团: a regiment named after its division is part of it.
                parent = next((p for p in known + spans if p.end_char == match.start()), None)
                parent_key = get_attr(parent, "kg_key") if parent is not None else None
                if record.get("parent") and not parent_key:
                    continue  # 三连 after no regiment or farm the text names: no place we can key
                # A regiment's number is the corps' own (四十四团 with its division or without
                # it is one regiment); a company's (三连) is its regiment's.
                scope = parent_key if record.get("parent") else "xpcc"
                # 十四团三连: a company is named with its regiment, as every regiment has a 三连
                name = f"{get_attr(parent, 'kg_name') or parent.text}{surface}" if record.get("parent") else surface
                span = make_span(
                    doc,
                    match.start(),
                    match.end(),
                    record["label"],
                    kg_subclass=record["subclass"],
                    kg_key=division.key if division else f"{scope}/{surface}",
                    kg_name=name,
                    kg_aliases=(surface,) if name != surface else (),
                    kg_parent=parent_key,
                    kg_rule="pattern:" + record["id"],
                )
                if span is not None:
                    spans.append(span)
                    taken.mark(match.start(), match.end())
        return spans

    def _abbreviations(self, doc, taken):
        text = doc_text(doc)
        spans = []
        for match in self.abbreviation_re.finditer(text):
            i, char = match.start(), match.group(0)
            code = self.abbreviations[char]
            if i == 0 or taken.any(i, i + 1) or text[i - 1] not in self.locative_verbs:
                continue
            if text[max(0, i - 2) : i] in self.locative_blockers:
                continue  # 推进浙… : 进 ends a verb here, it does not mean "into"
            division = self.gazetteer.get(code)
            if division is None:
                continue
            span = make_span(
                doc,
                i,
                i + 1,
                "Place",
                kg_subclass=LEVEL_SUBCLASS.get(division.level, "Place"),
                kg_key=division.key,
                kg_name=division.name,
                kg_aliases=(char,),
                kg_rule="abbreviation",
            )
            if span is not None:
                spans.append(span)
                taken.mark(i, i + 1)
        return spans


@cache
def _country_re() -> re.Pattern:
    names = [row["zh"] for row in load_csv("en/countries.csv") if len(row["zh"]) >= 3]
    return re.compile(alternation(names))


def _place_pattern(record: dict) -> re.Pattern:
    """A naming pattern's regular expression, or the alternation of the words its file lists."""
    if "words" in record:
        return re.compile(alternation(load_words(record["words"])))
    return re.compile(record["pattern"])


@cache
def province_abbreviations() -> dict[str, str]:
    """The one-character abbreviations of provinces (``data/rules/province_abbreviations.csv``):
    abbreviation → the province's code."""
    return {row["abbr"]: row["code"] for row in load_csv("province_abbreviations.csv")}


def _province(key: str | None) -> str | None:
    return key[:2] + "0000" if key and key[:6].isdigit() else None


@Language.factory(
    "kg_places",
    assigns=["doc.spans"],
    default_config={"max_nested": 8},
)
def make_place_recognizer(nlp: Language, name: str, max_nested: int) -> PlaceRecognizer:
    """Factory of :class:`PlaceRecognizer` (config: ``max_nested``, the longest name of a nested unit)."""
    return PlaceRecognizer(nlp, name, max_nested=max_nested)
