"""Who aids whom by policy: the pairings of counterpart assistance (援疆, 援藏, 援青) and East–West
cooperation (东西部协作), from ``data/gazetteer/pairings.csv`` (its sources and date are in the
file's header).

A report about 嘉兴市's cadres in 沙雅县 pairs the two without saying so; the table does. Codes are
the gazetteer's keys (an XPCC division is keyed by the city it shares its administration with).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kg.errors import RuleFileError
from kg.reference.gazetteer import DATA_DIR
from kg.reference.rules import load_csv

PAIRINGS_PATH = DATA_DIR / "pairings.csv"
PROGRAMS = ("援疆", "援藏", "援青", "东西部协作")


@dataclass(frozen=True)
class Pairing:
    """One row of the table: ``giver`` aids ``receiver`` (gazetteer keys) under ``program``."""

    giver: str
    receiver: str
    program: str
    since: int | None


@cache
def aid_targets() -> dict[str, str]:
    """Words for aid to a region (援疆, 对口支援西藏…) → the code of the region aided
    (``data/rules/aid_targets.csv``)."""
    return {row["word"]: row["target"] for row in load_csv("aid_targets.csv")}


@cache
def pairings() -> dict[tuple[str, str], Pairing]:
    """Every pairing of the table, by (giver key, receiver key).

    Raises:
        RuleFileError: the table is missing or a row is malformed.
    """
    table = {}
    for number, row in enumerate(load_csv(PAIRINGS_PATH), start=1):
        giver, receiver, program, since = row["giver_code"], row["receiver_code"], row["program"], row["since"]
        if not (giver.isdigit() and receiver.isdigit()) or program not in PROGRAMS or since and not since.isdigit():
            raise RuleFileError(f"{PAIRINGS_PATH}: row {number} is malformed: {row}")
        table[giver, receiver] = Pairing(giver, receiver, program, int(since) if since else None)
    return table


def pairing(giver: str, receiver: str) -> Pairing | None:
    """The pairing of ``giver`` with ``receiver`` (gazetteer keys), if the table has it."""
    return pairings().get((giver, receiver))


@cache
def _sides() -> tuple[frozenset[str], frozenset[str]]:
    """The givers and the receivers of the table."""
    rows = pairings().values()
    return frozenset(row.giver for row in rows), frozenset(row.receiver for row in rows)


def gives_by_policy(key: str) -> bool:
    """Whether a place (gazetteer key) is a giver of the table or lies in one: 龙岗区 in 深圳市,
    which aids 百色市."""
    return _in_one_of(key, _sides()[0])


def is_named_giver(key: str) -> bool:
    """Whether the table names this place itself as a giver (重庆市, which aids 昌都市 though
    East–West cooperation aids it)."""
    return key in _sides()[0]


def receives_by_policy(key: str) -> bool:
    """Whether a place (gazetteer key) is a receiver of the table or lies in one: 毕节市 in 贵州省,
    which 广东省 aids."""
    return _in_one_of(key, _sides()[1])


def _in_one_of(key: str, codes: frozenset[str]) -> bool:
    # Administrative codes nest: a county's code starts with its city's four digits and its
    # province's two.
    if not (key.isdigit() and len(key) == 6):
        return False
    return any(code in codes for code in (key, key[:4] + "00", key[:2] + "0000"))
