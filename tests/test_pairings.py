"""Tests for kg.reference.pairings, on rows of the bundled table (data/gazetteer/pairings.csv)."""

import pytest

from kg.errors import RuleFileError
from kg.reference import pairings as module
from kg.reference.pairings import Pairing, pairing


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
