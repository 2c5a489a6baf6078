"""Names given again in short: 某县金穗果业有限公司 … 金穗果业总经理某某, and 某省对口支援某州前方
指挥部（以下简称“某援某前指”）… 某援某前指.

A report names a company in full once and then by its brand (the name without the places it
starts with, a bracketed place and the company ending: 有限公司, 集团…). Each later mention of
that short name is a mention of the same company: an organization candidate over it, in the
``kg_names`` group, with the full name as its name, so resolution makes them one entity. The
endings are the company heads of ``data/rules/name_heads.csv`` (subclass Company).

Official prose declares a short form in brackets right after a name (（以下简称“…”）, （简称…）):
the form is an alias of that name, and each mention of it after the declaration is a mention of
the named body, program or event, whatever the form holds (a province's short name, a head).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.extensions import Taken, doc_text, get_attr, moved_span, set_attr
from kg.reference.gazetteer import Gazetteer
from kg.reference.rules import load_csv, load_words

# （以下简称“某某”）, (简称某某): a short form declared right after a name
DECLARED_RE = re.compile(r"\s*[（(]\s*(?:以下)?简称\s*[：:]?\s*[“\"「]?([^”\"」（）()，。]{2,15}?)[”\"」]?\s*[）)]")
# A bracketed place in a company's name (某某电子（湖北）有限公司): not part of its short name.
_BRACKETED = re.compile(r"[（(][\u4e00-\u9fff]{1,6}[）)]$")
MIN_SHORT = 3  # shorter brands (两个字) are ordinary words too often to be looked for


class ShortNames:
    """Add later mentions of companies by their short names to ``doc.spans["kg_names"]``."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        heads = [row["head"] for row in load_csv("name_heads.csv") if row["subclass"] == "Company"]
        self.endings = sorted(heads, key=len, reverse=True)
        self.fillers = sorted(load_words("company_fillers.txt"), key=len, reverse=True)
        self.gazetteer = Gazetteer.load()

    def __call__(self, doc: Doc) -> Doc:
        names = list(doc.spans.get("kg_names", []))
        text = doc_text(doc)
        place_ends: dict[int, int] = {}
        for place in doc.spans.get("kg_places", []):
            place_ends[place.start_char] = max(place_ends.get(place.start_char, 0), place.end_char)
        taken = Taken(len(text))
        # Persons are no obstacle: a brand is often read as a name (金穗|果业), and the longer
        # candidate wins in kg_mentions.
        for group in ("kg_places", "kg_names"):
            for span in doc.spans.get(group, []):
                taken.mark(span.start_char, span.end_char)
        found = []
        for span in names:
            if span.label_ != "Organization" or get_attr(span, "kg_subclass") != "Company":
                continue
            for short in self._shorts(span, place_ends):
                for match in re.finditer(re.escape(short), text):
                    if taken.any(match.start(), match.end()):
                        continue
                    mention = moved_span(span, match.start(), match.end(), kg_rule="short-name", kg_aliases=(short,))
                    if mention is not None:
                        found.append(mention)
                        taken.mark(match.start(), match.end())
        declared, inside = self._declared(doc, text, names)
        names = [span for span in names if not any(a <= span.start_char and span.end_char <= b for a, b in inside)]
        if found or declared:
            doc.spans["kg_names"] = sorted([*names, *found, *declared], key=lambda s: s.start_char)
        return doc

    @staticmethod
    def _declared(doc, text, names):
        """Mentions of the short forms declared after names (some 前方指挥部（以下简称“某前指”）), and
        the brackets of the declarations (the quoted form there is no name of its own)."""
        found, inside = [], []
        ends = {}
        for span in names:
            if span.label_ in ("Organization", "Program", "Event"):
                ends.setdefault(span.end_char, span)
        for end, span in sorted(ends.items()):
            match = DECLARED_RE.match(text, end)
            if match is None:
                continue
            short = match.group(1).strip()
            inside.append((match.start(), match.end()))
            aliases = tuple(dict.fromkeys((*(get_attr(span, "kg_aliases") or ()), short)))
            full = get_attr(span, "kg_name") or span.text
            others = [
                (other.start_char, other.end_char)
                for other in names
                if other.label_ != "Place" and not (other.start_char == span.start_char and other.end_char == end)
            ]
            for later in re.finditer(re.escape(short), text[match.end() :]):
                start = match.end() + later.start()
                stop = start + len(short)
                if any(a <= start and stop <= b and b - a > stop - start for a, b in others):
                    continue  # inside another name (某前指某某组 is the group's); a name inside it is not
                if any(a < start < b < stop or start < a < stop < b for a, b in others):
                    continue  # across another name's edge: the form is not written here
                mention = moved_span(
                    span, start, start + len(short), kg_name=full, kg_aliases=aliases, kg_rule="declared-short"
                )
                if mention is not None:
                    found.append(mention)
            set_attr(span, "kg_aliases", aliases)
        return found, inside

    def _shorts(self, span, place_ends) -> list[str]:
        """The short names of a company's name, longest first: without its leading places, a
        bracketed place and its ending, and then also without a filler word before the ending
        (某某纺织科技 and 某某纺织); none when nothing distinctive is left."""
        name = span.text
        ending = next((e for e in self.endings if name.endswith(e)), None)
        if ending is None:
            return []
        start = span.start_char
        text = doc_text(span.doc)
        while True:  # the places the name starts with, short forms (阿克苏, 新疆) included
            if place_ends.get(start, start) > start:
                start = place_ends[start]
                continue
            prefix = next((k for k in range(6, 1, -1) if self.gazetteer.lookup(text[start : start + k])), 0)
            if not prefix or start + prefix >= span.end_char:
                break
            start += prefix
        short = _BRACKETED.sub("", text[start : span.end_char - len(ending)])
        filler = next((word for word in self.fillers if short.endswith(word)), "")
        shorts = [short, short[: len(short) - len(filler)]] if filler else [short]
        return [s for s in shorts if len(s) >= MIN_SHORT and all("\u4e00" <= char <= "\u9fff" for char in s)]


@Language.factory("kg_short_names", assigns=["doc.spans"], requires=["doc.spans"])
def make_short_names(nlp: Language, name: str) -> ShortNames:
    """Factory of :class:`ShortNames`."""
    return ShortNames(nlp, name)
