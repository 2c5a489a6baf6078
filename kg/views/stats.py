"""Statistics of the aid network: what it holds, what is most connected, how it falls apart.

:func:`network_stats` returns plain data; :func:`to_json` writes it as JSON (the terminal tables
are the CLI's, :mod:`kg.cli_tables`).
"""

from __future__ import annotations

import json
from collections import Counter

import networkx as nx

from kg.graph.namespace import TOP_CLASSES
from kg.views.network import funders, local_name

__all__ = ["BETWEENNESS_SAMPLE", "RANKED", "network_stats", "to_json"]

# The lists of most connected nodes: name → which nodes compete.
RANKED = ("programs", "places", "funders")
# Exact betweenness costs O(nodes × edges); above this many nodes it is estimated from a fixed
# random sample of this many sources (networkx's k, with a seed, so the numbers do not change).
BETWEENNESS_SAMPLE = 250


def network_stats(network: nx.MultiDiGraph, top: int = 10) -> dict:
    """Count and rank the nodes and links of a network of :func:`kg.network.project`.

    Args:
        network: The network (or a focused subgraph of it).
        top: How many nodes each ranking lists.

    Returns:
        A dict of plain JSON values:

        * ``nodes``, ``edges``: the totals.
        * ``classes``: top class → number of nodes, in the order of the six top classes (absent
          ones are 0); ``subclasses``: class (``County``) → number of nodes, by class name.
        * ``predicates``: predicate → number of links, by predicate name.
        * ``most_connected``: for ``programs``, ``places`` and ``funders`` (the nodes something is
          ``fundedBy``), the ``top`` nodes with the highest degree (ties: higher betweenness, then
          IRI), each ``{"iri", "label", "class", "degree", "betweenness"}``. Betweenness is
          normalised, over the links taken as undirected.
        * ``betweenness_sample``: the number of sources betweenness was estimated from on a large
          network (see :data:`BETWEENNESS_SAMPLE`), None when it is exact.
        * ``components``: the weakly connected components: ``count``, ``sizes`` (largest first)
          and ``isolated`` (nodes without any link).
    """
    simple = nx.Graph(network.to_undirected(as_view=True))
    sample = BETWEENNESS_SAMPLE if len(simple) > BETWEENNESS_SAMPLE else None
    betweenness = nx.betweenness_centrality(simple, k=sample, seed=0)
    degree = dict(network.degree())
    members = {
        "programs": [n for n, top_class in network.nodes(data="top") if top_class == "Program"],
        "places": [n for n, top_class in network.nodes(data="top") if top_class == "Place"],
        "funders": funders(network),
    }
    most_connected = {}
    for name in RANKED:
        ranked = sorted(members[name], key=lambda n: (-degree[n], -betweenness[n], n))[:top]
        most_connected[name] = [
            {
                "iri": n,
                "label": network.nodes[n].get("label_zh") or local_name(n),
                "class": network.nodes[n].get("class"),
                "degree": degree[n],
                "betweenness": round(betweenness[n], 6),
            }
            for n in ranked
        ]
    tops = Counter(top_class for _, top_class in network.nodes(data="top"))
    sizes = sorted((len(c) for c in nx.weakly_connected_components(network)), reverse=True)
    return {
        "nodes": network.number_of_nodes(),
        "edges": network.number_of_edges(),
        "classes": {local_name(str(cls)): tops[local_name(str(cls))] for cls in TOP_CLASSES},
        "subclasses": dict(sorted(Counter(cls for _, cls in network.nodes(data="class")).items())),
        "predicates": dict(sorted(Counter(key for _, _, key in network.edges(keys=True)).items())),
        "most_connected": most_connected,
        "betweenness_sample": sample,
        "components": {"count": len(sizes), "sizes": sizes, "isolated": sum(1 for d in degree.values() if d == 0)},
    }


def to_json(stats: dict) -> str:
    """The statistics as indented JSON (Chinese kept as it is).

    Args:
        stats: A result of :func:`network_stats`.

    Returns:
        The JSON text.
    """
    return json.dumps(stats, ensure_ascii=False, indent=2)
