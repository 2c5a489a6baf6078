"""Where aid-kg's data files are: one place, so that no module counts parent folders.

The folders sit at the top of the project (``data/``, ``ontology/``, ``queries/``, ``viz/``):
data files, not code, that researchers read and edit. An installed wheel carries them inside the
package, as ``kg/_data/<folder>`` (setup.py maps them there); a checkout and an editable install
read them at the top of the project. This module imports nothing of aid-kg's.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent


def data_root(package_dir: Path = PACKAGE_DIR) -> Path:
    """The folder that holds ``data/``, ``ontology/``, ``queries/`` and ``viz/``."""
    installed = package_dir / "_data"
    return installed if installed.is_dir() else package_dir.parent


DATA_DIR = data_root() / "data"  # rules, gazetteer tables, label tables, the bundled corpus
ONTOLOGY_DIR = data_root() / "ontology"  # aid.ttl and the SHACL shapes
QUERIES_DIR = data_root() / "queries"  # the saved SPARQL queries
VIZ_DIR = data_root() / "viz"  # everything that runs in a browser: templates, CSS, vendored JS
TEMPLATES_DIR = VIZ_DIR / "templates"
VENDOR_DIR = VIZ_DIR / "vendor"
