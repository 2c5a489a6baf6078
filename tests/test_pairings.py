"""Tests for kg.reference.pairings, on rows of the bundled table (data/gazetteer/pairings.csv)."""

import pytest

from kg.errors import RuleFileError
from kg.reference import pairings as module
from kg.reference.pairings import Pairing, gives_by_policy, pairing, receives_by_policy


def test_a_row_of_the_table_pairs_giver_and_receiver_in_that_order():
    assert pairing("330400", "652924") == Pairing("330400", "652924", "援疆", 2010)  # 嘉兴市 → 沙雅县
    assert pairing("652924", "330400") is None


def test_a_malformed_row_fails_naming_the_file(tmp_path, monkeypatch):
    table = tmp_path / "pairings.csv"
    table.write_text("giver,giver_code,receiver,receiver_code,program,since,note\n甲,x,乙,652924,援疆,2010,\n", "utf-8")
    monkeypatch.setattr(module, "PAIRINGS_PATH", table)
    module.pairings.cache_clear()
    try:
        with pytest.raises(RuleFileError, match="pairings.csv: row 1 is malformed"):
            module.pairings()
    finally:
        module.pairings.cache_clear()


@pytest.mark.parametrize(
    "key, gives",
    [
        ("330400", True),  # 嘉兴市, a giver of the table
        ("330402", True),  # 南湖区, in 嘉兴市
        ("440307", True),  # 龙岗区, in 深圳市
        ("652924", False),  # 沙雅县, a receiver
        ("region-x", False),  # not a division code
    ],
)
def test_a_place_gives_by_policy_when_it_or_a_place_holding_it_is_a_giver(key, gives):
    assert gives_by_policy(key) is gives


@pytest.mark.parametrize(
    "key, receives",
    [
        ("652924", True),  # 沙雅县, a receiver
        ("520500", True),  # 毕节市, in 贵州省 (East–West cooperation with 广东省)
        ("330400", False),  # 嘉兴市, a giver
    ],
)
def test_a_place_receives_by_policy_when_it_or_a_place_holding_it_is_a_receiver(key, receives):
    assert receives_by_policy(key) is receives
