"""Party committees named after their place: 某县委, 某市委, 某地委, 某自治区党委.

They have no head noun for :mod:`.names` to grow a name from (县委 is the end of 某县 and 委), yet
they are the bodies officials belong to (某县委副书记某某). A place the gazetteer found, followed
by a suffix of ``data/rules/place_bodies.csv``, makes an organization candidate over both, in the
``kg_names`` group, so :mod:`.mentions` weighs it with the other names; not where the statistical
recognizer reads a longer word from the suffix on (某县委托…: 委托, to entrust).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.extensions import doc_text, get_attr, make_span
from kg.reference.rules import load_csv

_HAN = ("\u4e00", "\u9fff")


class PlaceBodies:
    """Add 某县委-style organizations to ``doc.spans["kg_names"]``."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        rows = load_csv("place_bodies.csv")
        # Longest suffix first: 党委 before 委.
        self.rules = sorted(((r["suffix"], r["after"], r["subclass"]) for r in rows), key=lambda r: -len(r[0]))

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        # A word the recognizer reads from the suffix on (委托, 委派) is no committee's 委.
        word_ends = {word.start_char: word.end_char for word in doc.user_data.get("kg_words", [])}
        found = []
        for place in doc.spans.get("kg_places", []):
            if not get_attr(place, "kg_key"):
                continue
            name = get_attr(place, "kg_name") or place.text
            for suffix, after, subclass in self.rules:
                end = place.end_char + len(suffix)
                if text[place.end_char : end] != suffix or not self._fits(place.text, name, after):
                    continue
                if word_ends.get(place.end_char, end) > end:
                    break
                body = make_span(
                    doc,
                    place.start_char,
                    end,
                    "Organization",
                    kg_subclass=subclass,
                    kg_name=text[place.start_char : end],
                    kg_rule="place-body",
                )
                if body is not None:
                    found.append(body)
                break
        if found:
            doc.spans["kg_names"] = list(doc.spans.get("kg_names", [])) + found
        return doc

    @staticmethod
    def _fits(surface: str, name: str, after: str) -> bool:
        if after == "short":
            return surface != name  # 和田 (short for 和田地区) + 地委
        return not after or surface.endswith(after)


@Language.factory("kg_place_bodies", assigns=["doc.spans"], requires=["doc.spans"])
def make_place_bodies(nlp: Language, name: str) -> PlaceBodies:
    """Factory of :class:`PlaceBodies`."""
    return PlaceBodies(nlp, name)
