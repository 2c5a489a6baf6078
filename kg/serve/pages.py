"""The HTML pages of ``kg serve``: what a worker gathers for each page, and their rendering.

``/`` lists the saved queries as forms; ``/query/NAME`` runs one (values bound by
:func:`kg.query.saved.run_query`, never pasted into the query) and shows a table whose entities
link to ``/entity?iri=…``: labels, classes, relations both ways, figures, evidence with its
sources, and a small drawing of the network around. ``/network`` and ``/map`` are the pages of
:mod:`kg.views.network_page` and :mod:`kg.views.map_page` made from the served graph.

The ``*_job`` functions run in a worker (:mod:`kg.serve.pool`) and return plain data; the server
renders it through one Jinja2 environment that escapes every text of the graph. Our pages run no
script of their own.
"""

from __future__ import annotations

import html
import math
import re
from urllib.parse import urlsplit

import networkx as nx
import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from starlette.responses import HTMLResponse

from kg.errors import RequestError
from kg.graph.namespace import RES
from kg.query.lookup import compact
from kg.query.saved import QueryResult, run_query
from kg.resources import TEMPLATES_DIR
from kg.serve.pool import LoadedGraph
from kg.views.map_page import map_data, render_map
from kg.views.network import around, local_name
from kg.views.network_page import network_html
from kg.views.templates import ENVIRONMENT

__all__ = ["STYLESHEET", "entity_job", "map_job", "network_job", "render", "table_job", "view_response"]

TEMPLATES = TEMPLATES_DIR / "serve"
STYLESHEET = TEMPLATES / "serve.css"
_META_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
# The small network of an entity page: at most this many neighbours, on a circle of this radius.
_NEIGHBOURS = 24
_RADIUS = 170
_LABEL_SLOTS = {"zh": "zh", "en": "en", "zh-latn-pinyin": "pinyin"}
_TOP_ORDER = ("Place", "Organization", "Program", "Event", "Person", "Work")


def render(template: str, status: int = 200, **values) -> HTMLResponse:
    """A page of ``viz/templates/serve/``, every value escaped."""
    return HTMLResponse(ENVIRONMENT.get_template(f"serve/{template}").render(**values), status_code=status)


def view_response(page: str) -> HTMLResponse:
    """A page of kg.views.network_page or kg.views.map_page, with its own policy (scripts allowed
    by hash) sent as the header too, so that it cannot be framed."""
    policy = html.unescape(_META_CSP.search(page)[1])
    return HTMLResponse(page, headers={"Content-Security-Policy": f"{policy}; frame-ancestors 'none'"})


def table_job(graph: LoadedGraph, name: str | None, params: dict[str, str], sparql: str | None, max_rows: int) -> dict:
    """A saved query (with its parameters) or SPARQL text as a table for a page (see :func:`_table`)."""
    return _table(run_query(graph.store, name, params, sparql=sparql, lookup=graph.lookup, max_rows=max_rows), max_rows)


def entity_job(graph: LoadedGraph, iri: str, max_rows: int) -> dict:
    """Everything the entity page shows of one node.

    Returns:
        ``{"iri", "title", "labels": {"zh", "en", "pinyin", "alt"}, "classes", "facts", "within",
        "out", "in", "figures"`` (a table of the saved query ``figures``) ``, "evidence", "network"}``
        (None when the node is not an entity of the network).
    """
    try:
        node = ox.NamedNode(iri)
    except ValueError as exc:
        raise RequestError(f"not an IRI: {exc}") from None
    store = graph.store
    if next(store.quads_for_pattern(node, None, None), None) is None and (
        next(store.quads_for_pattern(None, None, node), None) is None
    ):
        raise RequestError(f"the graph has no node <{iri}>", 404)
    labels: dict[str, list[str]] = {"zh": [], "en": [], "pinyin": [], "alt": []}
    classes, facts, within, out, into = set(), [], [], [], []
    seen = set()
    for row in _rows(run_query(store, "entity", {"entity": iri}, lookup=graph.lookup)):
        key = (row["direction"], row["property"], row["value"])
        if key in seen:
            continue
        seen.add(key)
        name, value = local_name(str(row["property"])), row["value"]
        if row["direction"] == Literal("in"):
            if name not in ("figureOf", "within"):
                into.append(_link(name, value, row["valueLabel"]))
        elif name in ("label", "altLabel"):
            slot = "alt" if name == "altLabel" else _LABEL_SLOTS.get((value.language or "").lower())
            if slot:
                labels[slot].append(str(value))
        elif name == "type":
            classes.add(compact(str(value)))
        elif name == "within":
            within.append(_link(name, value, row["valueLabel"]))
        elif isinstance(value, URIRef):
            out.append(_link(name, value, row["valueLabel"]))
        else:
            facts.append({"property": compact(str(row["property"])), "value": _text(value)})
    labels["alt"] = [name for name in labels["alt"] if name not in labels["zh"]]  # documents list every name
    figures = _table(run_query(store, "figures", {"entity": iri}, lookup=graph.lookup, max_rows=max_rows), max_rows)
    return {
        "iri": iri,
        "title": next(iter(labels["zh"] or labels["en"]), compact(iri)),
        "labels": labels,
        "classes": sorted(classes),
        "facts": facts,
        "within": within,
        "out": out[:max_rows],
        "in": into[:max_rows],
        "figures": figures,
        "evidence": _evidence(store, node, max_rows),
        "network": _small_network(graph.network, iri) if iri in graph.network else None,
    }


def _rows(result: QueryResult) -> list[dict]:
    """The rows of a result as dicts of rdflib terms (None where unbound)."""
    return [dict(zip(result.columns, row)) for row in result.rows]


def _link(name: str, value, label) -> dict:
    """A relation to another node: the predicate's local name, the node's IRI and its label."""
    return {"property": name, "iri": _entity_iri(value), "label": str(label) if label is not None else _text(value)}


def _entity_iri(term) -> str | None:
    """The IRI of a node to link to its entity page: those of the graph's own resources."""
    return str(term) if isinstance(term, URIRef) and str(term).startswith(str(RES)) else None


_EVIDENCE = """
SELECT ?direction ?predicate ?other ?otherLabel ?sentence ?start ?end ?strength ?document ?title ?url ?published
WHERE {
  VALUES ?entity { %s }
  { ?statement rdf:subject ?entity ; rdf:object ?other . BIND ("out" AS ?direction) }
  UNION
  { ?statement rdf:object ?entity ; rdf:subject ?other . BIND ("in" AS ?direction) }
  ?statement a aid:Statement ; rdf:predicate ?predicate .
  OPTIONAL { ?statement aid:inSentence/aid:sentence ?sentence }
  OPTIONAL { ?statement aid:startOffset ?start }
  OPTIONAL { ?statement aid:endOffset ?end }
  OPTIONAL { ?statement aid:evidenceStrength ?strength }
  OPTIONAL {
    ?statement prov:wasDerivedFrom ?document .
    OPTIONAL { ?document schema:name ?title }
    OPTIONAL { ?document schema:url ?url }
    OPTIONAL { ?document schema:datePublished ?published }
  }
  OPTIONAL { ?other rdfs:label ?otherLabel FILTER (lang(?otherLabel) = "zh") }
}
ORDER BY ?title ?document ?start ?direction ?predicate ?other
"""


def _evidence(store: ox.Store, node: ox.NamedNode, max_rows: int) -> list[dict]:
    """The statements about a node, grouped by document and sentence, each with the facts it states."""
    # The node's N-Triples form, from a NamedNode that has checked the IRI, is the only text put in.
    rows = _rows(run_query(store, sparql=_EVIDENCE % node))
    grouped: dict[tuple, dict] = {}
    for row in rows[:max_rows]:
        item = grouped.setdefault(
            (row["document"], row["sentence"], row["start"]),
            {
                "sentence": _text(row["sentence"]),
                "start": _text(row["start"]),
                "end": _text(row["end"]),
                "strengths": [],
                "document": _entity_iri(row["document"]),
                "title": _text(row["title"] or row["document"]),
                "url": _web_url(row["url"]),
                "published": _text(row["published"]),
                "facts": [],
            },
        )
        if row["strength"] is not None and str(row["strength"]) not in item["strengths"]:
            item["strengths"].append(str(row["strength"]))
        fact = {
            "direction": str(row["direction"]),
            **_link(local_name(str(row["predicate"])), row["other"], row["otherLabel"]),
        }
        if fact not in item["facts"]:
            item["facts"].append(fact)
    return list(grouped.values())


def _small_network(network: nx.MultiDiGraph, iri: str) -> dict:
    """The node and its neighbours on a circle, as positions for an inline SVG."""
    near = around(network, iri, 1)
    neighbours = sorted((n for n in near if n != iri), key=lambda n: (-network.degree(n), _node_label(network, n), n))
    shown = neighbours[:_NEIGHBOURS]
    position = {iri: (0.0, 0.0)}
    for i, node in enumerate(shown):
        angle = 2 * math.pi * i / max(1, len(shown)) - math.pi / 2
        position[node] = (round(_RADIUS * math.cos(angle), 1), round(_RADIUS * math.sin(angle), 1))
    nodes = [
        {
            "iri": node,
            "label": _node_label(network, node),
            "top": network.nodes[node].get("top") if network.nodes[node].get("top") in _TOP_ORDER else "Other",
            "x": x,
            "y": y,
            "centre": node == iri,
        }
        for node, (x, y) in position.items()
    ]
    edges = [
        {"x1": position[s][0], "y1": position[s][1], "x2": position[o][0], "y2": position[o][1], "label": key}
        for s, o, key in near.edges(keys=True)
        if s in position and o in position and iri in (s, o)
    ]
    return {"nodes": nodes, "edges": edges, "more": len(neighbours) - len(shown)}


def _node_label(network: nx.MultiDiGraph, node: str) -> str:
    data = network.nodes[node]
    return data.get("label_zh") or data.get("label_en") or compact(node)


def network_job(graph: LoadedGraph, focus: str | None, hops: int) -> str:
    """The network view page of the whole graph, or of the neighbourhood of ``focus``."""
    if focus is None:
        return network_html(graph.network, title="Aid network")
    near = around(graph.network, focus, hops)
    return network_html(near, title=f"Around {_node_label(graph.network, focus)}")


def map_job(graph: LoadedGraph) -> str:
    """The map page of the graph."""
    return render_map(map_data(graph.store))


def _table(result: QueryResult, max_rows: int) -> dict:
    """A result as the pages show it: a column ``x`` is left out when ``xLabel`` exists, whose cells
    then show the label and link to the entity ``x``; IRIs of resources link to their entity page.

    Returns:
        ``{"boolean", "columns", "rows", "count", "truncated"}``; a cell is ``{"text", "iri", "url"}``
        (``iri``: the entity page to link to; ``url``: an http(s) address to link to). When the
        query was read only up to ``max_rows`` (``result.more``), ``count`` is None: the rows
        beyond were not counted.
    """
    if result.boolean is not None:
        return {"boolean": result.boolean, "columns": [], "rows": [], "count": 0, "truncated": False}
    columns = result.columns
    shown = [i for i, column in enumerate(columns) if f"{column}Label" not in columns]
    labelled = {columns.index(f"{c}Label"): i for i, c in enumerate(columns) if f"{c}Label" in columns}
    rows = []
    for row in result.rows[:max_rows]:
        cells = []
        for i in shown:
            target = row[labelled[i]] if i in labelled else row[i]
            text = _text(row[i] if row[i] is not None else target)
            iri = _entity_iri(target)
            cells.append({"text": text, "iri": iri, "url": None if iri else _web_url(target)})
        rows.append(cells)
    names = [columns[i].removesuffix("Label") if i in labelled else columns[i] for i in shown]
    return {
        "boolean": None,
        "columns": names,
        "rows": rows,
        "count": None if result.more else len(result.rows),
        "truncated": result.more or len(result.rows) > max_rows,
    }


def _text(term) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return compact(str(term))
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def _web_url(value) -> str | None:
    """An http(s) address to link to, or None (never ``javascript:`` or other schemes)."""
    if not isinstance(value, str):  # URIRef and Literal are str too
        return None
    text = value.strip()
    return text if urlsplit(text).scheme in ("http", "https") and urlsplit(text).netloc else None
