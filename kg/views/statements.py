"""What the views read of a store in bulk: SELECT results as JSON, and the statements' facts.

The on-disk store (:mod:`kg.graph.store`) answers one triple pattern quickly but a join of several
slowly: at 5 MB of reports, the statements with their six facts joined in SPARQL took 10-12 s, or
30-50 s when the planner started from the other end, while each fact read alone takes well under a
second. So the statements are read fact by fact, once per build for both views, and joined here.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import NamedTuple

import pyoxigraph as ox

from kg.graph.namespace import PREFIXES

__all__ = ["STATEMENT_FACTS", "Statements", "read_statements", "select"]

# The facts of a statement (aid:Statement), in the order of read_statements' lists.
STATEMENT_FACTS = (
    "rdf:subject",
    "rdf:predicate",
    "rdf:object",
    "prov:wasDerivedFrom",
    "aid:inSentence",
    "aid:startOffset",
    "aid:endOffset",
    "aid:evidenceStrength",
)


def select(store, text: str) -> list[dict[str, dict]]:
    """Rows of a SELECT as SPARQL JSON bindings (``{"type", "value", "xml:lang", "datatype"}`` per
    bound variable).

    The store writes the whole result in one call and :mod:`json` reads it: a Python term per cell
    (iterating the solutions) took three times as long for the hundred thousand rows of a 5 MB build.

    Args:
        store: a :class:`pyoxigraph.Store` or a :class:`kg.query.remote.RemoteStore`.
        text: the query, with the project's prefixes available.
    """
    results = store.query(text, prefixes=PREFIXES)
    return json.loads(results.serialize(format=ox.QueryResultsFormat.JSON))["results"]["bindings"]


class Statements(NamedTuple):
    """The statements of a graph as :func:`read_statements` reads them."""

    facts: dict[str, list[list[dict]]]
    """Statement node → its values of each of :data:`STATEMENT_FACTS`: a list per fact (empty where
    the graph gives none) of SPARQL JSON bindings."""
    sentences: dict[str, str]
    """Sentence node → its text (``aid:sentence``)."""


def read_statements(store) -> Statements:
    """Every statement's facts and every sentence's text, each fact read on its own.

    Args:
        store: a :class:`pyoxigraph.Store` whose default graph is the union of the graphs (as
            :func:`kg.query.saved.open_graph` opens it) or a :class:`kg.query.remote.RemoteStore`.
    """
    facts: dict = defaultdict(lambda: [[] for _ in STATEMENT_FACTS])
    for i, fact in enumerate(STATEMENT_FACTS):
        for row in select(store, f"SELECT ?statement ?value WHERE {{ ?statement {fact} ?value }}"):
            facts[row["statement"]["value"]][i].append(row["value"])
    sentences = {row["n"]["value"]: row["t"]["value"] for row in select(store, _SENTENCES)}
    return Statements(dict(facts), sentences)


_SENTENCES = "SELECT ?n ?t WHERE { ?n aid:sentence ?t }"
