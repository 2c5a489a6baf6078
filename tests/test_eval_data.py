"""The README's evaluation commands on the gold files the project ships (data/eval/).

Fixtures: data/eval/ (four made-up reports with gold, and the gold of the bundled sample; origin
in data/eval/README.md) built together with data/corpus/ once per module, as the README does.
Checks that scores are computed for every gold file, not that they are high.
"""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

REPO = Path(__file__).resolve().parents[1]
EVAL = REPO / "data" / "eval"
GOLD = sorted(EVAL.glob("*.gold.json"))


def run(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="kg")


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    out = tmp_path_factory.mktemp("eval") / "out-eval"
    result = run("build", str(REPO / "data" / "corpus"), str(EVAL), "--out", str(out), "--no-views")
    assert result.exit_code == 0, result.output
    return out


def test_every_gold_file_has_its_report():
    documents = [json.loads(path.read_text(encoding="utf-8"))["document"] for path in GOLD]
    assert len(documents) >= 5 and all(
        (EVAL / d).is_file() or (REPO / "data" / "corpus" / d).is_file() for d in documents
    )


def test_eval_scores_every_shipped_gold_file(out):
    result = run("eval", str(EVAL), "--graph", str(out), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    gold = [json.loads(path.read_text(encoding="utf-8")) for path in GOLD]
    assert sorted(report["documents"]) == sorted(g["document"] for g in gold)
    # Every gold entity and relation is either recalled or missed: the scores cover the whole gold.
    entities = report["entities"]["all"]
    assert entities["tp_gold"] + entities["fn"] == sum(len(g["entities"]) for g in gold)
    assert all(0 <= scores["entities"]["f1"] <= 1 for scores in report["per_document"].values())


def test_eval_prints_the_score_tables(out):
    result = run("eval", str(EVAL), "--graph", str(out))
    lines = result.stdout.splitlines()
    assert result.exit_code == 0 and lines[0].split() == [
        "entity",
        "class",
        "P",
        "R",
        "F1",
        "tp",
        "fp",
        "fn",
        "tp_gold",
    ]
    documents = sorted(json.loads(p.read_text("utf-8"))["document"] for p in GOLD)
    assert [line.split()[0] for line in lines if line.split() and line.split()[0] in documents] == documents
