"""The templates of every page (the offline views and kg serve): one jinja2 environment over
``viz/templates/``, autoescaping on.

Report text reaches a page only through a template: as text, HTML-escaped, or as the data of a
``<script type="application/json">`` element through ``|tojson``, which writes ``<``, ``>``, ``&``
and ``'`` as ``\\u`` escapes, so that no string in it (``</script>``) can end the element. Only the
files aid-kg ships, a page's own script and the libraries of ``viz/vendor/``, go in as they are
(``|safe``), and a Content-Security-Policy lets exactly those scripts run.
"""

from __future__ import annotations

import base64
import hashlib
import mimetypes
from collections.abc import Callable
from pathlib import Path

import jinja2
from markupsafe import Markup

from kg.errors import ExportError
from kg.resources import TEMPLATES_DIR

__all__ = ["ENVIRONMENT", "data_uri", "read_asset", "render_page"]

ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
    autoescape=True,
    undefined=jinja2.StrictUndefined,  # a value the page needs and was not given is an error, not ""
    keep_trailing_newline=True,  # a page ends with a newline, as its template does
)
# Compact JSON with the text as written, keys in the order they were built: jinja's default sorts
# the keys and writes every Chinese character as a six-byte \u escape.
ENVIRONMENT.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "separators": (",", ":")}


def render_page(name: str, *, scripts: dict[str, str], images: str = "data:", **values) -> str:
    """Render a page of ``viz/templates/`` with a Content-Security-Policy that runs only its scripts.

    The policy (the template's ``csp``) lets the scripts in ``scripts`` run, by hash, so that
    injected markup and inline event handlers cannot; it loads nothing but images from ``images``
    and allows no base URL or form target.

    Args:
        name: The template's file name.
        scripts: The page's inline scripts by the name the template puts them in under: aid-kg's own
            files, which the template inlines with ``|safe``.
        images: Where images may come from (CSP source list).
        values: The template's other values; they are escaped.

    Returns:
        The page.

    Raises:
        ExportError: the template cannot be read.
    """
    digests = (base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() for script in scripts.values())
    hashes = " ".join(f"'sha256-{digest}'" for digest in digests)
    policy = (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src {images}; "
        "base-uri 'none'; form-action 'none'"
    )
    try:
        template = ENVIRONMENT.get_template(name)
    except jinja2.TemplateNotFound as exc:
        raise ExportError(f"{TEMPLATES_DIR / name}: no such template") from exc
    # Keywords, hosts and base64 hashes: nothing to escape, and the quotes stay as written.
    return template.render(csp=Markup(policy), **scripts, **values)


def read_asset(path: Path) -> str:
    """A file of ``viz/`` as text.

    Read in text mode, so CRLF line ends (vis-network's, Leaflet's stylesheet) become LF as the
    browser's HTML parser makes them: a script's CSP hash is then of the text the browser runs.

    Raises:
        ExportError: the file cannot be read.
    """
    return _read(path, lambda file: file.read_text(encoding="utf-8"))


def data_uri(path: Path) -> str:
    """A file of ``viz/`` (an image) as a ``data:`` URI, its type from its name.

    Raises:
        ExportError: the file cannot be read.
    """
    content = base64.b64encode(_read(path, Path.read_bytes)).decode()
    return f"data:{mimetypes.guess_type(path.name)[0]};base64,{content}"


def _read(path: Path, read: Callable):
    try:
        return read(path)
    except OSError as exc:
        raise ExportError(f"{path}: cannot read ({exc.strerror or exc}); see viz/vendor/README.md") from exc
