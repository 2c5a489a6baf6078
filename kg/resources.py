"""Where aid-kg's data files are: one place, so that no module counts parent folders.

The folders sit at the top of the project (``data/``, ``ontology/``, ``queries/``, ``viz/``):
data files, not code, that researchers read and edit. This module imports nothing of aid-kg's.
"""

from __future__ import annotations

from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
DATA_DIR = PROJECT_DIR / "data"  # rules, gazetteer tables, label tables, the bundled corpus
ONTOLOGY_DIR = PROJECT_DIR / "ontology"  # aid.ttl and the SHACL shapes
QUERIES_DIR = PROJECT_DIR / "queries"  # the saved SPARQL queries
VIZ_DIR = PROJECT_DIR / "viz"  # everything that runs in a browser: templates, CSS, vendored JS
TEMPLATES_DIR = VIZ_DIR / "templates"
VENDOR_DIR = VIZ_DIR / "vendor"
