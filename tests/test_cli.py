"""Tests for kg.cli and build_graph.py: help texts, summary lines, warnings and one-line errors.

Fixtures: the tiny corpus tests/data/build/corpus/ (three made-up reports; origin in
tests/data/README.md, heading "build"), built once per module through the CLI. The bad files (an
empty file, a PNG renamed .txt) and the small gold file for ``kg eval`` are written into tmp_path
by the tests; the gold annotates hotan_football.txt of the tiny corpus.
"""

import csv
import json
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import kg.cli
from kg.cli import cli
from kg.graph.cache import CACHE_DIR
from kg.graph.validate import ValidationResult, Violation

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "data" / "build" / "corpus"
GOLD = {
    "document": "hotan_football.txt",
    "entities": [
        {"id": "hotan_city", "class": "Place", "name": "和田市"},
        {"id": "venue", "class": "Organization", "name": "和田市新城文化馆"},
    ],
    "relations": [{"s": "venue", "p": "locatedIn", "o": "hotan_city", "evidence": "和田市新城文化馆"}],
    "questions": [],
}


BUILD_OUTPUTS = ("graph.trig", "graph.ttl", "report.json", "store", "network.html", "map.html")


def run(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="kg")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli") / "out"
    return run("build", str(CORPUS), "--out", str(out), "--validate"), out


@pytest.fixture(scope="module")
def built_by_default(tmp_path_factory):
    """``kg build`` with no PATHS, the bundled corpus replaced by the tiny one (to keep it fast)."""
    out = tmp_path_factory.mktemp("cli-default") / "out"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(kg.cli, "DEFAULT_CORPUS", CORPUS)
        return run("build", "--out", str(out))


# --- help -------------------------------------------------------------------------------------


def _leaf_commands(group=cli, prefix=()):
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            yield from _leaf_commands(command, (*prefix, name))
        else:
            yield (*prefix, name)


def test_help_lists_the_commands():
    result = run("--help")
    assert (result.exit_code, re.findall(r"^  (\w+) ", result.output, re.M)) == (0, sorted(cli.commands))


@pytest.mark.parametrize("command", list(_leaf_commands()), ids=" ".join)
def test_command_help_has_an_example(command):
    result = run(*command, "--help")
    assert result.exit_code == 0 and re.search(rf"Example:\s+kg {' '.join(command)} ", result.output), result.output


# --- kg build ---------------------------------------------------------------------------------


def test_build_exits_0(built):
    result, _ = built
    assert (result.exit_code, result.exception) == (0, None)


def test_build_prints_the_summary_lines(built):
    result, out = built
    patterns = [
        r"Read 3 document\(s\), skipped 0; 3 processed, 0 unchanged since the last build, 0 removed;"
        r" \d+ triples in [\d.]+s\.",
        r"Entities: (\w+ \d+)(, \w+ \d+)*",
        r"Relations: (\w+ \d+)(, \w+ \d+)*",
        r"SHACL: conforms \(\d+(\.\d+)?s\)",
        re.escape("Wrote " + ", ".join(str(out / name) for name in BUILD_OUTPUTS)),
    ]
    lines = result.stdout.splitlines()
    assert len(lines) == len(patterns) and all(re.fullmatch(p, line) for p, line in zip(patterns, lines)), lines


def test_build_writes_the_outputs(built):
    _, out = built
    # .stores holds the store's versions, which out/store points to (kg.graph.store).
    assert sorted(path.name for path in out.iterdir() if path.name not in (CACHE_DIR, ".stores")) == sorted(
        BUILD_OUTPUTS
    )


def test_build_without_paths_builds_the_default_corpus(built_by_default):
    assert built_by_default.stdout.startswith("Read 3 document(s), skipped 0;")


def test_build_without_validate_prints_no_shacl_line(built_by_default):
    assert "SHACL" not in built_by_default.stdout


def test_build_warns_about_each_skipped_file(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(64)))
    (corpus / "report.txt").write_text("和田地区洛浦县“红枣”帮扶计划正式启动。", encoding="utf-8")
    result = run("build", str(corpus), "--out", str(tmp_path / "out"))
    assert result.stderr.splitlines() == [
        f"Warning: skipped {corpus / 'empty.txt'}: empty file",
        f"Warning: skipped {corpus / 'image.txt'}: binary file (PNG)",
    ]


# --- issue 18 ---------------------------------------------------------------------------------


def test_build_that_reads_no_document_prints_why_and_exits_1(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    result = run("build", str(corpus), "--out", str(out), "--no-views")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        f"Warning: skipped {corpus / 'empty.txt'}: empty file",
        f"Error: no document to build: 1 file(s) skipped (first: {corpus / 'empty.txt'}: empty file);"
        f" the outputs in {out} are kept (--allow-empty writes an empty graph)",
    ]


def test_build_allow_empty_writes_an_empty_graph(tmp_path):
    (tmp_path / "corpus").mkdir()
    result = run("build", str(tmp_path / "corpus"), "--out", str(tmp_path / "out"), "--no-views", "--allow-empty")
    assert result.exit_code == 0 and result.stdout.startswith("Read 0 document(s)")


@pytest.mark.parametrize("command", [["build", str(CORPUS)], ["add", str(CORPUS)], ["remove", "x.txt"]])
def test_an_empty_out_is_a_usage_error(tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    result = run(*command, "--out", "")
    assert result.exit_code == 2 and "Invalid value for '--out': an empty name" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_file_name_with_a_line_break_cannot_forge_an_error_line(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a\nError: forged.pdf").write_bytes(b"%PDF-1.4")
    (corpus / "report.txt").write_text("和田地区洛浦县“红枣”帮扶计划正式启动。", encoding="utf-8")
    result = run("build", str(corpus), "--out", str(tmp_path / "out"), "--no-views")
    assert result.stderr.splitlines() == [
        f"Warning: skipped {corpus}/a\\nError: forged.pdf: not a text or HTML file (PDF)"
    ]


def test_an_error_about_a_file_name_with_control_characters_is_one_line(tmp_path):
    missing = tmp_path / "missing\nError: forged\x1b[2J.txt"
    result = run("build", str(missing), "--out", str(tmp_path / "out"))
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {tmp_path}/missing\\nError: forged\\x1b[2J.txt: no such file or directory\n",
    )


def test_a_second_build_into_a_locked_out_fails_with_one_error_line(tmp_path):
    import fcntl

    out = tmp_path / "out"
    (out / CACHE_DIR).mkdir(parents=True)
    with open(out / CACHE_DIR / "build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        result = run("build", str(CORPUS), "--out", str(out))
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {out}: another build is writing to this folder; wait for it to end, or build into another --out\n",
    )


def test_build_of_a_missing_path_prints_one_error_line_and_exits_1(tmp_path):
    missing = tmp_path / "missing"
    result = run("build", str(missing), "--out", str(tmp_path / "out"))
    assert (result.exit_code, result.stderr, result.stdout) == (1, f"Error: {missing}: no such file or directory\n", "")


def test_build_graph_script_prints_an_error_without_traceback(tmp_path):
    missing = tmp_path / "missing.txt"
    result = subprocess.run(
        [sys.executable, "build_graph.py", str(missing), "--out", str(tmp_path / "out")],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert (result.returncode, result.stderr, result.stdout) == (
        1,
        f"Error: {missing}: no such file or directory\n",
        "",
    )


def test_build_prints_no_progress_when_stderr_is_not_a_terminal(built):
    result, _ = built
    assert result.stderr == ""


@pytest.fixture
def terminal(monkeypatch):
    """Make the progress display believe that stderr is a terminal."""
    monkeypatch.setattr("rich.console.Console.is_terminal", property(lambda console: True))


@pytest.mark.parametrize("quiet", [False, True], ids=["terminal", "terminal-quiet"])
def test_build_on_a_terminal_shows_each_stage_unless_quiet(terminal, tmp_path, quiet):
    result = run("build", str(CORPUS), "--out", str(tmp_path / "out"), "--no-views", *(["--quiet"] if quiet else []))
    stages = ("extract", "resolve and write graph", "3/3 documents")
    assert [stage in result.stderr for stage in stages] == [not quiet] * 3, result.stderr


def test_build_of_the_bundled_sample_conforms_to_the_shapes(tmp_path):
    # CI's check of the sample corpus (data/corpus/), which kg build builds when given no path.
    result = run("build", "--out", str(tmp_path / "out"), "--no-views", "--validate")
    assert (result.exit_code, re.findall(r"^SHACL: \w+", result.stdout, re.M)) == (0, ["SHACL: conforms"])


def test_build_with_violations_records_them_and_exits_1(tmp_path, monkeypatch):
    violation = Violation("https://w3id.org/aid-kg/resource/org/x", None, "Only an aid:Place has an aid:adcode.", "")
    monkeypatch.setattr("kg.build.validate_file", lambda out: ValidationResult(False, [violation]))
    out = tmp_path / "out"
    result = run("build", str(CORPUS), "--out", str(out), "--no-views", "--validate")
    validation = json.loads((out / "report.json").read_text(encoding="utf-8"))["validation"]
    assert (result.exit_code, validation["status"], validation["count"]) == (1, "violations", 1)
    assert "SHACL: 1 violation(s), see report.json or: kg validate --graph OUT" in result.stdout.splitlines()


# --- kg validate ------------------------------------------------------------------------------

NOT_A_PLACE = """@prefix aid: <https://w3id.org/aid-kg/ontology#> .
<https://w3id.org/aid-kg/resource/org/x> aid:adcode "650000" .
"""


@pytest.fixture
def not_a_place(tmp_path) -> Path:
    path = tmp_path / "bad.ttl"
    path.write_text(NOT_A_PLACE, encoding="utf-8")
    return path


def test_validate_of_a_conforming_build_exits_0_and_changes_nothing(built):
    _, out = built
    before = {path: path.read_bytes() for path in out.iterdir() if path.is_file()}
    result = run("validate", "--graph", str(out))
    after = {path: path.read_bytes() for path in out.iterdir() if path.is_file()}
    assert (result.exit_code, result.output, after) == (0, "Conforms: no violations.\n", before)


def test_validate_prints_each_violation_and_exits_1(not_a_place):
    result = run("validate", "--graph", str(not_a_place))
    assert (result.exit_code, result.output.splitlines()) == (
        1,
        [
            "Violation: https://w3id.org/aid-kg/resource/org/x -: Only an aid:Place has an aid:adcode.",
            "1 violation(s):",
            "       1  Only an aid:Place has an aid:adcode.",
        ],
    )


def test_validate_as_json(not_a_place):
    result = run("validate", "--graph", str(not_a_place), "--format", "json")
    assert (result.exit_code, json.loads(result.output)["violations"]) == (
        1,
        [
            {
                "focus": "https://w3id.org/aid-kg/resource/org/x",
                "path": None,
                "message": "Only an aid:Place has an aid:adcode.",
                "severity": "Violation",
            }
        ],
    )


def test_validate_with_other_shapes(not_a_place, tmp_path):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n", encoding="utf-8")
    result = run("validate", "--graph", str(not_a_place), "--shapes", str(shapes))
    assert (result.exit_code, result.output) == (0, "Conforms: no violations.\n")


@pytest.mark.parametrize(
    "args, message",
    [
        (["--graph", "{tmp}/missing.ttl"], "{tmp}/missing.ttl: no such graph file"),
        (["--graph", "{tmp}"], "{tmp}/graph.trig: no such graph file (build one with: kg build --out {tmp})"),
        (
            ["--graph", "{bad}", "--shapes", "{bad}x"],
            "{bad}x: cannot read the SHACL shapes (Turtle): [Errno 2] No such file or directory: '{bad}x'",
        ),
    ],
    ids=["missing-file", "folder-without-graph", "missing-shapes"],
)
def test_validate_errors_are_one_line(not_a_place, tmp_path, args, message):
    fill = {"tmp": tmp_path, "bad": not_a_place}
    result = run("validate", *(arg.format(**fill) for arg in args))
    assert (result.exit_code, result.stderr) == (1, f"Error: {message.format(**fill)}\n")


def test_version():
    result = run("--version")
    assert (result.exit_code, result.output) == (0, f"kg {metadata.version('aid-kg')}\n")


# --- kg eval ----------------------------------------------------------------------------------


def test_eval_of_a_missing_graph_prints_one_error_line_and_exits_1(tmp_path):
    (tmp_path / "football.gold.json").write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    missing = tmp_path / "no-build" / "graph.trig"
    result = run("eval", str(tmp_path), "--graph", str(missing))
    assert (result.exit_code, result.stdout) == (1, "")
    assert re.fullmatch(rf"Error: {re.escape(str(missing))}: [^\n]+\n", result.stderr), result.stderr


def test_eval_of_a_built_graph_prints_json_scores(built, tmp_path):
    _, out = built
    (tmp_path / "football.gold.json").write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    result = run("eval", str(tmp_path), "--graph", str(out / "graph.trig"), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["documents"] == ["hotan_football.txt"]


# --- kg export --------------------------------------------------------------------------------


def test_export_activities_writes_csv_with_a_row_per_program(built, tmp_path):
    _, out = built
    target = tmp_path / "activities.csv"
    result = run("export", "activities", "--graph", str(out), "--out", str(target))
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert (
        result.exit_code == 0
        and rows
        and all(row["program"].startswith("https://w3id.org/aid-kg/resource/") for row in rows)
    )
    assert result.output.strip() == f"Wrote {len(rows)} activities to {target}"


def test_export_graph_of_a_missing_graph_prints_one_error_line_and_exits_1(tmp_path):
    result = run("export", "graph", "--graph", str(tmp_path / "nope"), "--format", "turtle")
    assert (result.exit_code, result.output) == (1, f"Error: {tmp_path / 'nope'}: no such file\n")


# --- kg viz, kg stats, kg export gexf ----------------------------------------------------------


def test_viz_network_around_a_place_writes_a_smaller_page(built, tmp_path):
    _, out = built
    whole = run("viz", "network", "--graph", str(out), "--out", str(tmp_path / "all.html"))
    around = run("viz", "network", "--graph", str(out), "--around", "疏附县", "--out", str(tmp_path / "near.html"))
    counts = [int(re.search(r"\((\d+) nodes", result.output).group(1)) for result in (whole, around)]
    assert (whole.exit_code, around.exit_code) == (0, 0) and 0 < counts[1] < counts[0], (whole.output, around.output)


def test_viz_network_rejects_two_focus_options(built, tmp_path):
    _, out = built
    result = run("viz", "network", "--graph", str(out), "--around", "疏附县", "--funder", "广东省")
    assert result.exit_code == 2 and "give at most one of --around, --query and --funder" in result.output


def test_viz_map_writes_the_page(built, tmp_path):
    _, out = built
    result = run("viz", "map", "--graph", str(out), "--out", str(tmp_path / "map.html"))
    assert result.exit_code == 0 and (tmp_path / "map.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_stats_json_counts_the_classes(built):
    _, out = built
    result = run("stats", "--graph", str(out), "--format", "json")
    assert result.exit_code == 0 and json.loads(result.output)["classes"]["Place"] > 0, result.output


def test_export_gexf_parses_back_with_networkx(built, tmp_path):
    import networkx

    _, out = built
    result = run("export", "gexf", "--graph", str(out), "--out", str(tmp_path / "aid.gexf"))
    assert result.exit_code == 0 and networkx.read_gexf(tmp_path / "aid.gexf").number_of_nodes() > 0
