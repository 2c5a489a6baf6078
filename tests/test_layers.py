"""The layering of ``kg/`` (docs/architecture.md) is a contract that import-linter checks.

The contract lives in ``pyproject.toml`` (``[tool.importlinter]``): each stage imports only the
stages below it, extraction never imports RDF libraries, the graph layer never imports spaCy.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def lint(project: Path) -> subprocess.CompletedProcess:
    # A subprocess whose import path starts at ``project``, so that import-linter reads the
    # ``kg`` package there rather than the installed one.
    env = {**os.environ, "PYTHONPATH": str(project)}
    script = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
    return subprocess.run(
        [sys.executable, "-c", script, "--config", "pyproject.toml", "--no-cache"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )


def test_the_package_keeps_its_layers():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" in result.stdout and "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "source", "contract", "chain"),
    [
        (
            "kg/graph/uses_spacy.py",
            "import spacy\n",
            "The graph, queries, views and the server never run spaCy",
            "kg.graph.uses_spacy -> spacy",
        ),
        (
            "kg/extract/uses_rdflib.py",
            "import rdflib\n",
            "Reading and extraction never touch RDF",
            "kg.extract.uses_rdflib -> rdflib",
        ),
        (
            "kg/views/uses_extraction.py",
            "from kg.extract import extraction\n",
            "The graph, queries, views and the server never run spaCy",
            "kg.views.uses_extraction -> kg.extract.extraction",
        ),
        (
            "kg/reference/uses_graph.py",
            "from kg.graph import namespace\n",
            "Stages import only the stages below them",
            "kg.reference.uses_graph -> kg.graph.namespace",
        ),
    ],
)
def test_a_wrong_import_breaks_the_contract_with_a_readable_message(tmp_path, module, source, contract, chain):
    shutil.copytree(ROOT / "kg", tmp_path / "kg", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    (tmp_path / module).write_text(source, encoding="utf-8")
    result = lint(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{contract} BROKEN" in result.stdout
    assert chain in result.stdout.replace("\n", " ")
