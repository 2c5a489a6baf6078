"""Bodies named after their place: Party committees (某县委, 某地委, 某自治区党委) and government
departments (某县教育局, 某市发展改革委, 某区文化体育广播电视和旅游局).

Committees have no head noun for :mod:`.names` to grow a name from (县委 is the end of 某县 and
委), and departments end in words too short or common for a rule of their own (局 ends 格局, 委
ends 县委), yet they are the bodies officials belong to and reports cite. A place the gazetteer
found, followed by a suffix of ``data/rules/place_bodies.csv`` or by a department's name
(``data/rules/government_departments.csv``: sectors and an ending), makes an organization
candidate over both, in the ``kg_names`` group, so :mod:`.mentions` weighs it with the other
names; not where the statistical recognizer reads a longer word from the suffix on (某县委托…:
委托, to entrust; 发展局面). A department of a government body the organization list knows
(新疆生产建设兵团) is found the same way, and so is a department of a Party committee written
after it (某省委组织部). A division written with its city (第一师阿拉尔市) is one
place (:mod:`.places`), so the bodies named after it take both.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.extensions import doc_text, get_attr, make_span
from kg.reference.rules import alternation, load_csv, load_words

_HAN = ("\u4e00", "\u9fff")


class PlaceBodies:
    """Add 某县委-style organizations to ``doc.spans["kg_names"]``."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        rows = load_csv("place_bodies.csv")
        self.roles = set(load_words("role_words.txt"))
        # Longest suffix first: 党委 before 委.
        self.rules = sorted(((r["suffix"], r["after"], r["subclass"]) for r in rows), key=lambda r: -len(r[0]))
        departments: dict[str, list[str]] = {}
        for row in load_csv("government_departments.csv"):
            departments.setdefault(row["kind"], []).append(row["word"])
        self.committee_department_re = re.compile(alternation(departments["committee"]))
        sector = alternation(departments["sector"])
        self.department_re = re.compile(
            f"(?:{sector})(?:和?(?:{sector})){{0,5}}(?:{alternation(departments['ending'])})"
        )

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        # A word the recognizer reads from the suffix on (委托, 委派) is no committee's 委.
        word_ends = {word.start_char: word.end_char for word in doc.user_data.get("kg_words", [])}
        edges = {word.start_char for word in doc.user_data.get("kg_words", [])} | set(word_ends.values())
        places = sorted(doc.spans.get("kg_places", []), key=lambda span: span.start_char)
        found = []
        for place in places:
            if not get_attr(place, "kg_key"):
                continue
            name = get_attr(place, "kg_name") or place.text
            committee = self._committee(text, place, name, word_ends)
            if committee is not None:
                found.append(self._body(doc, text, place.start_char, *committee))
                department = self.committee_department_re.match(text, committee[0])
                if department is not None and text[committee[0] - 1] == "委":
                    # 某省委组织部: a department of the committee, a body of its own beside it
                    found.append(self._body(doc, text, place.start_char, department.end(), "GovernmentBody"))
                continue
            end = self._department_end(text, place.end_char, edges)
            if end is not None:
                found.append(self._body(doc, text, place.start_char, end, "GovernmentBody"))
        for body in doc.spans.get("kg_names", []):
            if get_attr(body, "kg_subclass") == "GovernmentBody" and get_attr(body, "kg_rule") == "organization-list":
                end = self._department_end(text, body.end_char, edges)
                if end is not None:
                    found.append(self._body(doc, text, body.start_char, end, "GovernmentBody"))
        found = [body for body in found if body is not None]
        if found:
            doc.spans["kg_names"] = list(doc.spans.get("kg_names", [])) + found
        return doc

    def _committee(self, text, place, name, word_ends) -> tuple[int, str] | None:
        """End and subclass of the committee the place names, if a suffix follows it."""
        for suffix, after, subclass in self.rules:
            end = place.end_char + len(suffix)
            if text[place.end_char : end] != suffix or not self._fits(place.text, name, after):
                continue
            word_end = word_ends.get(place.end_char, end)
            if word_end > end and text[end:word_end] not in self.roles:
                return None  # 委托, 委派: a word read from the suffix on; not 地委书记, the body and a title
            return end, subclass
        return None

    def _department_end(self, text, start, edges) -> int | None:
        match = self.department_re.match(text, start)
        # The name ends where a word ends: 某县发展局面 holds no department.
        return match.end() if match and (not edges or match.end() in edges) else None

    @staticmethod
    def _body(doc, text, start, end, subclass):
        return make_span(
            doc, start, end, "Organization", kg_subclass=subclass, kg_name=text[start:end], kg_rule="place-body"
        )

    @staticmethod
    def _fits(surface: str, name: str, after: str) -> bool:
        if after == "short":
            return surface != name  # 和田 (short for 和田地区) + 地委
        return not after or surface.endswith(after)


@Language.factory("kg_place_bodies", assigns=["doc.spans"], requires=["doc.spans"])
def make_place_bodies(nlp: Language, name: str) -> PlaceBodies:
    """Factory of :class:`PlaceBodies`."""
    return PlaceBodies(nlp, name)
