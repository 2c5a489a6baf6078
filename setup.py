"""Packaging beyond pyproject.toml: the data folders at the top of the project (data/, ontology/,
queries/, viz/) ship inside the package as kg/_data/<folder>, where kg/resources.py finds them
in an installed wheel. pyproject.toml alone cannot both find kg's subpackages and map folders
from outside kg/ into it."""

from setuptools import find_packages, setup

DATA_FOLDERS = ("data", "ontology", "queries", "viz")

setup(
    packages=find_packages(include=["kg", "kg.*"]) + [f"kg._data.{folder}" for folder in DATA_FOLDERS],
    package_dir={f"kg._data.{folder}": folder for folder in DATA_FOLDERS},
    package_data={f"kg._data.{folder}": ["**/*"] for folder in DATA_FOLDERS},
)
