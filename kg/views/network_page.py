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

Labels grow with a node's links, are left out while too small on screen to read, and never cover
each other or the focus's neighbourhood: after each drawing the script hides the labels that would
overlap one kept before them (the focus and its neighbours first, then the biggest nodes), so
zooming in brings them back (vis-network has no such option of its own).
"""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
import numpy as np
from scipy.spatial import cKDTree

from kg.errors import ExportError
from kg.resources import TEMPLATES_DIR, VENDOR_DIR
from kg.views.network import FUNDED_BY, LOCATED_IN, PART_OF, funder_scopes
from kg.views.templates import read_asset, render_page

__all__ = [
    "LARGE_NETWORK",
    "OVERVIEW_NETWORK",
    "network_html",
    "overview",
    "write_network_figure",
    "write_network_html",
]

LARGE_NETWORK = 1500
# Above this many nodes the page opens on an overview (funders, the places of what they fund, the
# programs between them as one link each) and draws the rest only when a node is opened.
OVERVIEW_NETWORK = 300
_OVERVIEW_MAX = 80  # nodes of the overview at most: the funders and places with most programs
_OVERVIEW_LINKS = 4  # links kept per node: its strongest
_RECIPIENT_LEVELS = ("Prefecture",)
VIS_JS = VENDOR_DIR / "vis-network-9.1.2" / "vis-network.min.js"
# Pixels per unit of the layout (the ideal length of a link).
_SCALE = 100.0
_GAP = 2.0  # between packed components, in layout units
_GRID = 16


def network_html(network: nx.MultiDiGraph, *, title: str = "Aid network", focus: str | None = None) -> str:
    """Render a network as one HTML page that works offline.

    Args:
        network: A network of :func:`kg.network.project` or a subgraph of it (nodes keyed by IRI,
            edges keyed by predicate, with their attributes).
        title: The page's title and heading (plain text).
        focus: The IRI of a node to open on: selected, highlighted and centred (``--around``,
            ``--funder``).

    Returns:
        The page.

    Raises:
        ExportError: a file of the page (in ``viz/``) cannot be read.
    """
    scripts = {"vis_js": read_asset(VIS_JS), "page_js": read_asset(TEMPLATES_DIR / "network.js")}
    if network.number_of_nodes() > OVERVIEW_NETWORK:
        nodes, links = overview(network, focus)
        positions = _overview_positions(nodes, links)
    else:
        links, positions = None, _positions(network)
    data = _data(network, positions)
    index = {node: i for i, node in enumerate(network)}
    data["focus"] = index.get(focus)
    data["overview"] = None if links is None else [[index[a], index[b], n] for a, b, n in links]
    return render_page("network.html", scripts=scripts, title=title, data=data)


def overview(network: nx.MultiDiGraph, focus: str | None = None) -> tuple[list[str], list[tuple[str, str, int]]]:
    """The overview of a large network: who funds programs where.

    Its nodes are the funders (what something is ``fundedBy``) and the places the funded things are
    ``locatedIn``; a link from a funder to a place stands for all the funder's programs located
    there, and counts them. Only the :data:`_OVERVIEW_MAX` nodes with most programs are kept (and
    ``focus``, if given, with its links).

    Returns:
        The nodes (in IRI order) and the links ``(funder, place, programs)``, by funder and place.
    """
    counts: dict[tuple[str, str], int] = {}
    recipient: dict[str, str] = {}
    for thing, funder, key in network.edges(keys=True):
        if key != FUNDED_BY:
            continue
        for _, place, other in network.out_edges(thing, keys=True):
            if other == LOCATED_IN:
                if place not in recipient:
                    recipient[place] = _prefecture(network, place)
                pair = (funder, recipient[place])
                counts[pair] = counts.get(pair, 0) + 1
    weight: dict[str, int] = {}
    for (funder, place), n in counts.items():
        weight[funder] = weight.get(funder, 0) + n
        weight[place] = weight.get(place, 0) + n
    kept = set(sorted(weight, key=lambda node: (-weight[node], node))[:_OVERVIEW_MAX])
    if focus is not None and focus in network:
        kept.add(focus)
    links = sorted((a, b, n) for (a, b), n in counts.items() if a in kept and b in kept)
    # The strongest links only: each node keeps its _OVERVIEW_LINKS links with most programs.
    ranked: dict[str, list] = {}
    for link in sorted(links, key=lambda link: (-link[2], link[0], link[1])):
        for end in link[:2]:
            ranked.setdefault(end, []).append(link)
    strong = {link for edges in ranked.values() for link in edges[:_OVERVIEW_LINKS]}
    links = sorted(strong)
    return sorted(kept), links


def _prefecture(network: nx.MultiDiGraph, place: str) -> str:
    """The prefecture (or county-level unit directly under a province) a place lies in, itself if it
    is one or lies in none: the recipients of the overview."""
    node, seen = place, {place}
    while network.nodes[node].get("class") not in _RECIPIENT_LEVELS:
        parents = sorted(o for _, o, key in network.out_edges(node, keys=True) if key == PART_OF and o not in seen)
        if not parents:
            return place
        if network.nodes[parents[0]].get("class") in ("Province", "Region"):
            return node
        node = parents[0]
        seen.add(node)
    return node


def _overview_positions(nodes: list[str], links: list[tuple[str, str, int]]) -> dict[str, tuple[float, float]]:
    """networkx's ForceAtlas2 on the overview (links weighted by programs), nodes in IRI order so that
    the layout does not depend on the hash seed; lone nodes (a focus without links) go below."""
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_weighted_edges_from(links)
    if not nodes:
        return {}
    degree = dict(graph.degree(weight="weight"))
    sizes = {node: 1 + math.log1p(degree[node]) for node in nodes}
    raw = nx.forceatlas2_layout(graph, max_iter=150, seed=0, weight="weight", node_size=sizes, scaling_ratio=8.0)
    points = np.nan_to_num(np.array([raw[node] for node in nodes], dtype=float))
    spread = max(float(np.ptp(points, axis=0).max()), 1e-9)
    # About 12 link lengths (1,200 px) across, whatever the number of nodes: the page opens at a zoom
    # where labels are drawn at their size.
    points = (points - points.min(axis=0)) / spread * 12
    return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, points)}


def write_network_html(
    network: nx.MultiDiGraph, path: str | Path, *, title: str = "Aid network", focus: str | None = None
) -> Path:
    """Write :func:`network_html` to a file (UTF-8).

    Args:
        network: See :func:`network_html`.
        path: The file to write.
        title: See :func:`network_html`.
        focus: See :func:`network_html`.

    Returns:
        The path written.

    Raises:
        ExportError: a file of the page cannot be read, or the file cannot be written.
    """
    page = network_html(network, title=title, focus=focus)
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
        x, y = positions.get(node, (None, None))
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
                "x": None if x is None else round(x * _SCALE, 1),
                "y": None if y is None else round(y * _SCALE, 1),
            }
        )
    edges = [
        {"from": index[s], "to": index[o], "p": data.get("predicate", key), "ev": evidence(data.get("evidence", []))}
        for s, o, key, data in network.edges(keys=True, data=True)
    ]
    funded = sorted({o for _, o, key in network.edges(keys=True) if key == FUNDED_BY}, key=index.get)
    scopes = funder_scopes(network, funded)
    funders = [{"node": index[f], "members": sorted(index[n] for n in scopes[f])} for f in funded]
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


# The page's colours and shapes per top class (viz/templates/network.js STYLES), for the figure.
_FIGURE_STYLES = {
    "Place": ("#4e9a06", "o"),
    "Organization": ("#3465a4", "s"),
    "Program": ("#cc0000", "D"),
    "Event": ("#f57900", "^"),
    "Person": ("#75507b", "*"),
    "Work": ("#c4a000", "v"),
}
_FIGURE_LABELS = 40  # the nodes with most links get a label; the rest would overlap in print


def write_network_figure(
    network: nx.MultiDiGraph, path: str | Path, *, title: str = "Aid network", focus: str | None = None
) -> Path:
    """Write what the page opens on as a static figure (PNG or SVG by the extension), with matplotlib.

    A network of more than :data:`OVERVIEW_NETWORK` nodes is drawn as its :func:`overview` (link
    width: programs), a smaller one whole, with the same layout as the page; the
    :data:`_FIGURE_LABELS` best-linked nodes and ``focus`` (ringed) are labelled.

    Raises:
        ExportError: not .png or .svg, or the file cannot be written.
    """
    from kg.views.map_page import _pyplot, _save  # one matplotlib set-up for both figures

    out = Path(path)
    if out.suffix.lower() not in (".png", ".svg"):
        raise ExportError(f"{out}: a figure is .png or .svg")
    if network.number_of_nodes() > OVERVIEW_NETWORK:
        nodes, links = overview(network, focus)
        positions = _overview_positions(nodes, links)
        weights = {}
        for a, b, n in links:
            weights[a] = weights.get(a, 0) + n
            weights[b] = weights.get(b, 0) + n
    else:
        positions = _positions(network)
        nodes = list(network)
        links = [(a, b, 1) for a, b in network.edges()]
        weights = {node: network.degree(node) for node in nodes}
    plt, font = _pyplot()
    fig, ax = plt.subplots(figsize=(12, 9), dpi=150)
    for a, b, n in links:
        (xa, ya), (xb, yb) = positions[a], positions[b]
        ax.plot([xa, xb], [-ya, -yb], color="#a0a0a0", lw=0.5 + math.log2(n + 1) * 0.6, zorder=1)
    for top, (colour, marker) in _FIGURE_STYLES.items():
        members = [node for node in nodes if network.nodes[node].get("top") == top]
        if members:
            ax.scatter(
                [positions[m][0] for m in members],
                [-positions[m][1] for m in members],
                s=[20 + 12 * math.sqrt(weights.get(m, 1)) for m in members],
                c=colour,
                marker=marker,
                edgecolors="#333333",
                linewidths=0.5,
                label=top,
                zorder=2,
            )
    labelled = sorted(nodes, key=lambda node: (-weights.get(node, 0), node))[:_FIGURE_LABELS]
    if focus in positions and focus not in labelled:
        labelled.append(focus)
    top_weight = max((weights.get(node, 1) for node in nodes), default=1)
    for node in labelled:
        x, y = positions[node]
        name = network.nodes[node].get("label_zh") or network.nodes[node].get("label_en") or node.rsplit("/", 1)[-1]
        size = 7 + 5 * math.sqrt(weights.get(node, 1) / top_weight)
        ax.annotate(
            name,
            (x, -y),
            xytext=(4, 4),
            textcoords="offset points",
            fontsize=size,
            fontproperties=font,
            bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.75),
            zorder=3,
        )
    if focus in positions:
        x, y = positions[focus]
        ax.scatter([x], [-y], s=400, facecolors="none", edgecolors="#111111", linewidths=2.5, zorder=4)
    kind = (
        "overview: funders → places, link width = programs"
        if network.number_of_nodes() > OVERVIEW_NETWORK
        else "all nodes"
    )
    ax.set_title(f"{title} ({network.number_of_nodes()} nodes; {kind})", fontproperties=font)
    ax.legend(loc="lower right", fontsize=8, framealpha=0.9)
    ax.set_axis_off()
    return _save(fig, plt, out)
