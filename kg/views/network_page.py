"""The network view: one self-contained HTML page that draws a network of :mod:`kg.network` offline.

The page is ``kg/templates/network.html`` with three things put in: the title (HTML-escaped), the
network as JSON in a ``<script type="application/json">`` element (``<``, ``>`` and ``&`` written as
``\\u003c``…, so no text of a report can close the element), and vis-network's JavaScript, inlined
from the installed ``pyvis`` package (vis-network 9.1.2). The page's own script builds every piece of
report text into the page with ``textContent``, never as HTML, and a Content-Security-Policy lets only
these two inline scripts run (by hash) and the page fetch nothing at all.

Layout: every node's position is computed here (a force-directed layout of each connected component,
the components packed in rows) and the browser's physics stays off. So the page opens already settled,
the same drawing every time, and a graph of thousands of nodes opens at once and responds; physics
started from these positions drifted lone nodes and small components far off (tried). Above
:data:`LARGE_NETWORK` nodes links are drawn straight and hidden while dragging or zooming.
"""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.util
import json
import math
import re
from pathlib import Path

import networkx as nx
import numpy as np
from scipy.spatial import cKDTree

from kg.errors import ExportError
from kg.resources import TEMPLATES_DIR
from kg.views.network import FUNDED_BY, funder_scope

__all__ = ["LARGE_NETWORK", "network_html", "write_network_html"]

LARGE_NETWORK = 1500
TEMPLATE = TEMPLATES_DIR / "network.html"
VIS_JS = ("templates", "lib", "vis-9.1.2", "vis-network.min.js")
# Pixels per unit of the layout (the ideal length of a link).
_SCALE = 100.0
_GAP = 2.0  # between packed components, in layout units
_GRID = 16
_MARKER = re.compile(r"\{\{(title|csp|data|vis)\}\}")
_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


def network_html(network: nx.MultiDiGraph, *, title: str = "Aid network") -> str:
    """Render a network as one HTML page that works offline.

    Args:
        network: A network of :func:`kg.network.project` or a subgraph of it (nodes keyed by IRI,
            edges keyed by predicate, with their attributes).
        title: The page's title and heading (plain text).

    Returns:
        The page.

    Raises:
        ExportError: vis-network cannot be found (pyvis is not installed).
    """
    data = _data(network, _positions(network))
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    payload = re.sub("[<>&]", lambda m: _JSON_ESCAPES[m[0]], payload)
    template = TEMPLATE.read_text(encoding="utf-8")
    vis = _vis_js()
    scripts = [vis if script == "{{vis}}" else script for script in _SCRIPT.findall(template)]
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts)
    csp = f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:"
    values = {"title": html.escape(title), "csp": csp, "data": payload, "vis": vis}
    # One pass: text put in is never searched for markers again.
    return _MARKER.sub(lambda m: values[m[1]], template)


def write_network_html(network: nx.MultiDiGraph, path: str | Path, *, title: str = "Aid network") -> Path:
    """Write :func:`network_html` to a file (UTF-8).

    Args:
        network: See :func:`network_html`.
        path: The file to write.
        title: See :func:`network_html`.

    Returns:
        The path written.

    Raises:
        ExportError: vis-network cannot be found, or the file cannot be written.
    """
    page = network_html(network, title=title)
    path = Path(path)
    try:
        path.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise ExportError(f"{path}: cannot write ({exc.strerror or exc})") from exc
    return path


def _vis_js() -> str:
    spec = importlib.util.find_spec("pyvis")  # finds the files without importing pyvis (slow: IPython)
    file = Path(spec.submodule_search_locations[0], *VIS_JS) if spec and spec.submodule_search_locations else None
    if file is None or not file.is_file():
        raise ExportError("vis-network not found: the network view inlines it from pyvis (pip install pyvis)")
    # Read in text mode: its CRLF line ends become LF, as the browser's HTML parser makes them, so the
    # CSP hash is of the script the browser sees.
    return file.read_text(encoding="utf-8")


def _data(network: nx.MultiDiGraph, positions: dict[str, tuple[float, float]]) -> dict:
    """The network as the page's script reads it: nodes and edges by index, with documents and
    sentences stored once and evidence as ``[sentence, document, strength]`` indices."""
    index = {node: i for i, node in enumerate(network)}
    documents: dict[str, int] = {}
    sentences: dict[str, int] = {}
    document_list: list[dict] = []

    def evidence(items: list[dict]) -> list[list]:
        rows = []
        for item in items:
            document = item.get("document")
            if document is not None and document not in documents:
                documents[document] = len(document_list)
                fields = ("title", "date", "url", "publisher", "path")
                document_list.append({"iri": document, **{field: item.get(field) for field in fields}})
            sentence = item.get("sentence")
            rows.append(
                [
                    None if sentence is None else sentences.setdefault(sentence, len(sentences)),
                    documents.get(document),
                    item.get("strength"),
                ]
            )
        return rows

    nodes = []
    for node, attributes in network.nodes(data=True):
        x, y = positions[node]
        nodes.append(
            {
                "iri": node,
                "zh": attributes.get("label_zh"),
                "en": attributes.get("label_en"),
                "py": attributes.get("label_pinyin"),
                "alt": attributes.get("alt_labels", []),
                "cls": attributes.get("class"),
                "top": attributes.get("top"),
                "deg": network.degree(node),
                "ev": evidence(attributes.get("evidence", [])),
                "x": round(x * _SCALE, 1),
                "y": round(y * _SCALE, 1),
            }
        )
    edges = [
        {"from": index[s], "to": index[o], "p": data.get("predicate", key), "ev": evidence(data.get("evidence", []))}
        for s, o, key, data in network.edges(keys=True, data=True)
    ]
    funded = sorted({o for _, o, key in network.edges(keys=True) if key == FUNDED_BY}, key=index.get)
    funders = [{"node": index[f], "members": sorted(index[n] for n in funder_scope(network, f))} for f in funded]
    return {
        "nodes": nodes,
        "edges": edges,
        "documents": document_list,
        "sentences": list(sentences),
        "funders": funders,
        "large": network.number_of_nodes() > LARGE_NETWORK,
    }


def _positions(network: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """A layout in units of one link length: each connected component laid out on its own, largest
    first, then the components packed in rows."""
    simple = nx.Graph(network.to_undirected(as_view=True))
    components = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0]))
    rng = np.random.default_rng(0)
    laid_out = [(nodes, _spring(simple, nodes, rng)) for nodes in components]
    row_width = max([math.sqrt(sum(len(nodes) for nodes in components)) * 2, *(np.ptp(p[:, 0]) for _, p in laid_out)])
    positions, x, y, row_height = {}, 0.0, 0.0, 0.0
    for nodes, points in laid_out:
        points = points - points.min(axis=0)
        width, height = points.max(axis=0)
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height + _GAP, 0.0
        positions.update(zip(nodes, map(tuple, points + (x, y))))
        x, row_height = x + width + _GAP, max(row_height, height)
    return positions


def _spring(graph: nx.Graph, nodes: list[str], rng: np.random.Generator, iterations: int = 50) -> np.ndarray:
    """Fruchterman–Reingold with the repulsion of far nodes taken from the centres of a coarse grid.

    networkx's ``spring_layout`` compares every pair of nodes in each step, which took about a minute
    for 5,000 nodes (measured); here a node is pushed by each occupied cell of a ``_GRID`` × ``_GRID``
    grid as by the cell's mass at its centre (two matrix products), and apart from the nodes nearer
    than one link length (a k-d tree). That takes about two seconds for 5,000 nodes.
    """
    count = len(nodes)
    points = rng.random((count, 2)) * math.sqrt(count)
    if count < 2:
        return points
    index = {node: i for i, node in enumerate(nodes)}
    links = np.array([(index[a], index[b]) for a, b in graph.subgraph(nodes).edges()])
    temperature = math.sqrt(count) / 5
    for _ in range(iterations):
        low = points.min(axis=0)
        size = (points.max(axis=0) - low).max() / _GRID + 1e-9
        cell = np.minimum(((points - low) / size).astype(np.int64), _GRID - 1)
        key = cell[:, 0] * _GRID + cell[:, 1]
        mass = np.bincount(key, minlength=_GRID * _GRID)
        used = mass > 0
        centres = np.stack([np.bincount(key, points[:, i], _GRID * _GRID)[used] for i in (0, 1)], axis=1)
        centres /= mass[used][:, None]
        square = (points**2).sum(axis=1)[:, None] + (centres**2).sum(axis=1)[None, :] - 2 * points @ centres.T
        # Softened within about half a cell, where the cell's mass is not at its centre.
        weight = mass[used] / np.maximum(square, size * size / 4)
        shift = points * weight.sum(axis=1)[:, None] - weight @ centres
        _push(points, shift, cKDTree(points).query_pairs(1.0, output_type="ndarray"), lambda d: 1 / d)
        _push(points, shift, links, lambda d: -d * d)
        length = np.maximum(np.linalg.norm(shift, axis=1), 1e-9)
        points += shift * (np.minimum(length, temperature) / length)[:, None]
        temperature *= 0.92
    return points


def _push(points: np.ndarray, shift: np.ndarray, pairs: np.ndarray, force) -> None:
    """Add a force along each pair (positive: apart, of ``force(distance)``) to both its nodes."""
    if len(pairs) == 0:
        return
    delta = points[pairs[:, 0]] - points[pairs[:, 1]]
    distance = np.maximum(np.linalg.norm(delta, axis=1), 0.01)
    push = delta * (force(distance) / distance)[:, None]
    for axis in (0, 1):
        shift[:, axis] += np.bincount(pairs[:, 0], push[:, axis], len(points))
        shift[:, axis] -= np.bincount(pairs[:, 1], push[:, axis], len(points))
