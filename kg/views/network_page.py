"""The network view: one self-contained HTML page that draws a network of :mod:`kg.views.network` offline.

The page is ``viz/templates/network.html`` (rendered by :mod:`kg.views.templates`, autoescaping on)
with the title, the network as JSON in a ``<script type="application/json">`` element (``|tojson``:
``<``, ``>`` and ``&`` written as ``\\u003c``…, so no text of a report can close the element), and two
inline scripts: vis-network 9.1.2 (``viz/vendor/vis-network-9.1.2``) and the page's own
``viz/templates/network.js``. That script builds every piece of report text into the page with
``textContent``, never as HTML, and a Content-Security-Policy lets only these two scripts run (by
hash) and the page fetch nothing at all.

Layout: every node's position is computed here (a force-directed layout of each connected component,
the components packed in rows) and the browser's physics stays off. So the page opens already settled,
the same drawing every time, and a graph of thousands of nodes opens at once and responds; physics
started from these positions drifted lone nodes and small components far off (tried). Above
:data:`LARGE_NETWORK` nodes links are drawn straight and hidden while dragging or zooming. The page
lists nodes and links in the network's order and lays them out in IRI order, so the same network
gives the same page whatever ``PYTHONHASHSEED`` is.
"""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
import numpy as np
from scipy.spatial import cKDTree

from kg.errors import ExportError
from kg.resources import TEMPLATES_DIR, VENDOR_DIR
from kg.views.network import FUNDED_BY, funder_scope
from kg.views.templates import read_asset, render_page

__all__ = ["LARGE_NETWORK", "network_html", "write_network_html"]

LARGE_NETWORK = 1500
VIS_JS = VENDOR_DIR / "vis-network-9.1.2" / "vis-network.min.js"
# Pixels per unit of the layout (the ideal length of a link).
_SCALE = 100.0
_GAP = 2.0  # between packed components, in layout units
_GRID = 16


def network_html(network: nx.MultiDiGraph, *, title: str = "Aid network") -> str:
    """Render a network as one HTML page that works offline.

    Args:
        network: A network of :func:`kg.network.project` or a subgraph of it (nodes keyed by IRI,
            edges keyed by predicate, with their attributes).
        title: The page's title and heading (plain text).

    Returns:
        The page.

    Raises:
        ExportError: a file of the page (in ``viz/``) cannot be read.
    """
    scripts = {"vis_js": read_asset(VIS_JS), "page_js": read_asset(TEMPLATES_DIR / "network.js")}
    return render_page("network.html", scripts=scripts, title=title, data=_data(network, _positions(network)))


def write_network_html(network: nx.MultiDiGraph, path: str | Path, *, title: str = "Aid network") -> Path:
    """Write :func:`network_html` to a file (UTF-8).

    Args:
        network: See :func:`network_html`.
        path: The file to write.
        title: See :func:`network_html`.

    Returns:
        The path written.

    Raises:
        ExportError: a file of the page cannot be read, or the file cannot be written.
    """
    page = network_html(network, title=title)
    path = Path(path)
    try:
        path.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise ExportError(f"{path}: cannot write ({exc.strerror or exc})") from exc
    return path


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
    # Sorted: ``graph`` was made from networkx's undirected view of the network, which gives the
    # neighbours of a node in the order of a set (UnionAtlas), so with PYTHONHASHSEED; the order the
    # forces are summed in changes their last bits, and 50 steps make that visible. Each link comes
    # out once, as (earlier, later) in ``nodes``.
    links = np.array(sorted((index[a], index[b]) for a, b in graph.edges(nodes)))
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
