"""XPCC divisions named on their own (兵团第四师, the 4th Division of the XPCC).

A division of the Xinjiang Production and Construction Corps shares its administration with a
city (师市合一), and the gazetteer reads its name as that city, so the place rules (pairing,
location, lists of receivers) treat it as the place it is. Named on its own, a division is also
a body of the Corps: the organization that is paired with its aid-giver and located in its city.
:func:`division_bodies` adds that organization beside each such place mention and gives it the
place's pairings. A division written with its city (第一师阿拉尔市) names the city only.
"""

from __future__ import annotations

import re
from dataclasses import replace

DIVISION_RULES = ("gazetteer:xpcc", "en-gazetteer:xpcc")
CORPS_NAME = "新疆生产建设兵团"
CORPS_PREFIXES = (CORPS_NAME, "兵团")  # the short name of the Corps, as in 兵团第四师
# "… Division of the Xinjiang Production and Construction Corps": the Corps after an English division.
OF_CORPS_RE = re.compile(r"\s+of\s+the\s+(?:Xinjiang\s+Production\s+and\s+Construction\s+Corps|XPCC|Corps)\b")


def division_bodies(text, spans, outer, relations, make_relation):
    """``(bodies, relations)`` to add for the divisions among the outer mentions ``outer`` of
    ``spans``: an organization for each (indices after ``spans``), located in the division's
    city and part of the Corps where a mention of the Corps names it. The pairings of the
    division's mention in ``relations`` become the body's (in place: the aid-giver is paired with
    the division, not with its city). ``make_relation(subject, predicate, object, like, anchor)``
    makes a relation of the sentence and strength of the relation ``like``, or, for
    ``like=None``, of the sentence of mention ``anchor``."""
    bodies, added = [], []
    for i in sorted(outer):
        place = spans[i]
        if place.label != "Place" or place.rule not in DIVISION_RULES or not place.key:
            continue
        body = _body(text, place)
        b = len(spans) + len(bodies)
        bodies.append(body)
        added.append(make_relation(b, "locatedIn", i, None, i))
        corps = next(
            (
                j
                for j in outer
                if spans[j].label == "Organization"
                and (spans[j].end == place.start or place.end <= spans[j].start < body.end)
            ),
            None,
        )
        if corps is not None:
            added.append(make_relation(b, "partOf", corps, None, i))
        for k, rel in enumerate(relations):
            if rel.predicate == "pairedWith" and i in (rel.subject, rel.object):
                other = rel.object if rel.subject == i else rel.subject
                relations[k] = make_relation(other, "pairedWith", b, rel, i)
    return bodies, added


def _body(text, place):
    """The organization named where ``place`` (a division read as its city) is named."""
    written = text[place.start : place.end]
    if place.rule.startswith("en-"):
        of_corps = OF_CORPS_RE.match(text, place.end)
        end = of_corps.end() if of_corps else place.end
        name, aliases = text[place.start : end], (written,)
    else:
        end = place.end
        short = written
        for prefix in CORPS_PREFIXES:
            short = short.removeprefix(prefix)
        name, aliases = CORPS_NAME + short, ("兵团" + short, short)
    return replace(
        place,
        end=end,
        text=text[place.start : end],
        label="Organization",
        subclass="XPCCDivision",
        key=f"xpcc:{place.key}",
        name=name,
        aliases=tuple(dict.fromkeys(a for a in aliases if a != name)),
        rule="xpcc-division",
        parent=None,
    )
