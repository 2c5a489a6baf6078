"""Tests of what an install needs: the dependency lists and where kg.resources finds the data
folders. The install itself (pip install . into a fresh venv, then kg build and kg query from
another folder) is too slow for the suite; README.md says how big it is."""

import re
import tomllib
from pathlib import Path

import pytest

from kg.resources import DATA_DIR, ONTOLOGY_DIR, QUERIES_DIR, VIZ_DIR, data_root

REPO = Path(__file__).resolve().parents[1]


def _requirements() -> set[str]:
    lines = (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return {re.sub(r"\s+#.*", "", line).strip() for line in lines if line.strip() and not line.startswith("#")}


def test_requirements_txt_lists_the_dependencies_and_extras_of_pyproject():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    declared = {
        *project["dependencies"],
        *(r for extra in extras.values() for r in extra if not r.startswith("aid-kg")),
    }
    assert (sorted(extras), _requirements()) == (["browser", "serve", "test"], declared)


@pytest.mark.parametrize("package", ["pytest", "hypothesis", "playwright", "oxigraph", "starlette"])
def test_test_and_server_packages_are_not_runtime_dependencies(package):
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not [r for r in project["dependencies"] if re.match(rf"{package}\b", r, re.I)]


def test_data_folders_are_found_in_a_checkout():
    assert [path.parent for path in (DATA_DIR, ONTOLOGY_DIR, QUERIES_DIR, VIZ_DIR)] == [REPO] * 4


def test_data_folders_are_found_inside_an_installed_package(tmp_path):
    (tmp_path / "kg" / "_data").mkdir(parents=True)
    assert data_root(tmp_path / "kg") == tmp_path / "kg" / "_data"
