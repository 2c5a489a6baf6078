"""What the views read of a store in bulk: SELECT results as JSON, and the statements' facts.

The on-disk store (:mod:`kg.graph.store`) answers one triple pattern quickly but a join of several
slowly: at 5 MB of reports, the statements with their six facts joined in SPARQL took 10-12 s, or
30-50 s when the planner started from the other end, while each fact read alone takes well under a
second. So the statements are read fact by fact, once per build for both views, and joined here.
"""

from __future__ import annotations

import csv
import io
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

    facts: dict[str, list[list[str | None]]]
    """Statement node → its values of each of :data:`STATEMENT_FACTS`: a list per fact (empty where
    the graph gives none) of lexical values: IRIs as they are, blank nodes as ``_:id``, literals as
    their text, except that a literal object (``rdf:object`` of a statement about a date or a
    number) is None."""
    sentences: dict[str, str]
    """Sentence node → its text (``aid:sentence``)."""


def read_statements(store) -> Statements:
    """Every statement's facts and every sentence's text, each fact read on its own.

    Results come as CSV (values without their types: every fact but the object is an IRI by the
    schema, or an offset or strength whose text is all that is used): the store writes it faster
    than JSON and :mod:`csv` reads it in a fraction of the time :mod:`json` takes.

    Args:
        store: a :class:`pyoxigraph.Store` whose default graph is the union of the graphs (as
            :func:`kg.query.saved.open_graph` opens it) or a :class:`kg.query.remote.RemoteStore`.
    """
    facts: dict = defaultdict(lambda: [[] for _ in STATEMENT_FACTS])
    for i, fact in enumerate(STATEMENT_FACTS):
        if fact == "rdf:object":
            query = "SELECT ?statement ?value (isLiteral(?value) AS ?literal) WHERE { ?statement rdf:object ?value }"
            for statement, value, literal in _csv(store, query):
                facts[statement][i].append(None if literal == "true" else value)
            continue
        for statement, value in _csv(store, f"SELECT ?statement ?value WHERE {{ ?statement {fact} ?value }}"):
            facts[statement][i].append(value)
    return Statements(dict(facts), dict(_csv(store, _SENTENCES)))


def _csv(store, text: str) -> list[list[str]]:
    """Rows of a SELECT as SPARQL CSV (lexical values; blank nodes ``_:id``), without the header."""
    results = store.query(text, prefixes=PREFIXES)
    rows = csv.reader(io.StringIO(results.serialize(format=ox.QueryResultsFormat.CSV).decode("utf-8"), newline=""))
    next(rows, None)
    return list(rows)


_SENTENCES = "SELECT ?n ?t WHERE { ?n aid:sentence ?t }"
