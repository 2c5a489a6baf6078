"""kg viz network and kg viz map on the command line: where they write and what they say.

Fixture: tests/data/network/graph.trig (origin: tests/data/README.md, heading "network").
"""

from pathlib import Path

from click.testing import CliRunner

from kg.cli import cli

GRAPH = Path(__file__).resolve().parent / "data" / "network" / "graph.trig"


def run(tmp_path, *args):
    runner = CliRunner()
    with runner.isolated_filesystem(temp_dir=tmp_path):
        result = runner.invoke(cli, ["viz", *args, "--graph", str(GRAPH)])
        written = sorted(str(p) for p in Path("out").glob("*"))
    return result, written


def test_around_writes_a_file_named_after_what_it_shows(tmp_path):
    result, written = run(tmp_path, "network", "--around", "泽普县")
    assert (result.exit_code, written) == (0, ["out/network-around-ze-pu-xian.html"])
    assert result.output.startswith("Wrote out/network-around-ze-pu-xian.html (")


def test_funder_writes_a_file_named_after_the_funder(tmp_path):
    result, written = run(tmp_path, "network", "--funder", "上海市")
    assert (result.exit_code, written) == (0, ["out/network-funder-shang-hai-shi.html"])


def test_the_whole_network_keeps_the_builds_name(tmp_path):
    assert run(tmp_path, "network")[1] == ["out/network.html"]


def test_a_figure_of_the_network(tmp_path):
    result, written = run(tmp_path, "network", "--around", "泽普县", "--format", "svg")
    assert (result.exit_code, written) == (0, ["out/network-around-ze-pu-xian.svg"])
