"""The SPARQL 1.1 Protocol of ``kg serve``: reading a request, choosing the result format, writing it.

A query comes by GET (``?query=``) or POST (a form, or an ``application/sparql-query`` body), with
``default-graph-uri``/``named-graph-uri``. The result format is chosen by a ``format`` parameter
or the ``Accept`` header (python-mimeparse): SPARQL JSON, XML, CSV or TSV for SELECT and ASK;
Turtle, N-Triples, JSON-LD or RDF/XML for CONSTRUCT and DESCRIBE. Updates are refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice
from urllib.parse import parse_qs

import mimeparse
import pyoxigraph as ox
from starlette.requests import Request

from kg.errors import RequestError, UpdateRefusedError
from kg.graph.namespace import PREFIXES
from kg.query.saved import check_syntax, query_form

__all__ = ["MAX_BODY", "MEDIA_TYPES", "Protocol", "negotiate", "read_request", "refuse_update", "sparql_job"]

MAX_BODY = 1_000_000  # bytes of a POSTed query; a longer one is refused with 413
READ_ONLY = "this endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, DROP…) is not accepted"

# Result formats: media type → (names a ``format`` parameter may give, pyoxigraph's format), the
# default first. SELECT and ASK give solutions, CONSTRUCT and DESCRIBE a graph.
MEDIA_TYPES = {
    "solutions": {
        "application/sparql-results+json": (("json", "srj"), ox.QueryResultsFormat.JSON),
        "application/sparql-results+xml": (("xml", "srx"), ox.QueryResultsFormat.XML),
        "text/csv": (("csv",), ox.QueryResultsFormat.CSV),
        "text/tab-separated-values": (("tsv",), ox.QueryResultsFormat.TSV),
    },
    "graph": {
        "text/turtle": (("turtle", "ttl"), ox.RdfFormat.TURTLE),
        "application/n-triples": (("ntriples", "n-triples", "nt"), ox.RdfFormat.N_TRIPLES),
        "application/ld+json": (("jsonld", "json-ld", "json"), ox.RdfFormat.JSON_LD),
        "application/rdf+xml": (("rdfxml", "rdf+xml", "xml"), ox.RdfFormat.RDF_XML),
    },
}
# Other media types that clients ask for the same formats by (SPARQLWrapper sends several).
_SYNONYMS = {
    "solutions": {
        "application/json": "application/sparql-results+json",
        "application/xml": "application/sparql-results+xml",
    },
    "graph": {
        "application/turtle": "text/turtle",
        "text/plain": "application/n-triples",
        "application/x-json+ld": "application/ld+json",
        "application/json": "application/ld+json",
        "application/xml": "application/rdf+xml",
    },
}
_KIND_OF_FORM = {"SELECT": "solutions", "ASK": "solutions", "CONSTRUCT": "graph", "DESCRIBE": "graph"}
_UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}


def negotiate(kind: str, accept: str | None, formats: Sequence[str] = ()) -> str | None:
    """Choose the media type of a result.

    Args:
        kind: "solutions" (SELECT, ASK) or "graph" (CONSTRUCT, DESCRIBE).
        accept: the Accept header, or None.
        formats: values of ``format`` parameters: a name (``json``, ``turtle``…, see
            :data:`MEDIA_TYPES`) or media types; the first one that fits wins over Accept.

    Returns:
        A media type of :data:`MEDIA_TYPES` ``[kind]``, or None when nothing acceptable is offered.
    """
    for value in formats:
        value = value.strip().lower()
        by_name = next((media for media, (names, _) in MEDIA_TYPES[kind].items() if value in names), None)
        chosen = by_name or (negotiate(kind, value) if "/" in value else None)
        if chosen:
            return chosen
    if not accept:
        return next(iter(MEDIA_TYPES[kind]))
    offered = {media: media for media in MEDIA_TYPES[kind]} | _SYNONYMS[kind]
    try:
        # best_match gives ties to the last offered; ours go to the first (the canonical types).
        best = mimeparse.best_match(list(reversed(offered)), accept)
    except mimeparse.MimeTypeParseException:
        return None
    return offered.get(best)


def refuse_update(text: str) -> str | None:
    """The query form of SPARQL text (see :func:`kg.query.saved.query_form`).

    Raises:
        UpdateRefusedError: the text is a SPARQL Update.
    """
    operation = query_form(text)
    if operation in _UPDATE_KEYWORDS:
        raise UpdateRefusedError(READ_ONLY)
    return operation


@dataclass(frozen=True)
class Protocol:
    """A SPARQL 1.1 Protocol request, read.

    Attributes:
        query: the query text.
        dataset: ``{"default_graph": [IRI…], "named_graphs": [IRI…]}``.
        media_type: the result's media type (None for text that is no query, which the parser
            then refuses).
    """

    query: str
    dataset: dict[str, list[str]]
    media_type: str | None


async def read_request(request: Request) -> Protocol:
    """Read a SPARQL 1.1 Protocol request (the URL, and the body of a POST).

    Raises:
        RequestError: no query or two (400), an update (403), no acceptable format (406), a
            body too long (413), a body of another media type (415).
    """
    fields = {key: request.query_params.getlist(key) for key in request.query_params}
    if request.method == "POST":
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type == "application/x-www-form-urlencoded":
            for key, values in parse_qs(_decode(await _read_body(request)), keep_blank_values=True).items():
                fields.setdefault(key, []).extend(values)
        elif content_type == "application/sparql-query":
            fields.setdefault("query", []).append(_decode(await _read_body(request)))
        elif content_type == "application/sparql-update":
            raise UpdateRefusedError(READ_ONLY)
        else:
            raise RequestError(
                "POST a query as application/x-www-form-urlencoded (query=…) or as application/sparql-query",
                415,
            )
    if "update" in fields:
        raise UpdateRefusedError(READ_ONLY)
    queries = fields.get("query", [])
    if len(queries) != 1:
        raise RequestError(
            "give one SPARQL query: GET /sparql?query=…, or POST it (SPARQL 1.1 Protocol)"
            if not queries
            else "give only one query parameter"
        )
    operation = refuse_update(queries[0])
    kind = _KIND_OF_FORM.get(operation)
    media_type = None
    if kind is not None:
        media_type = negotiate(kind, request.headers.get("accept"), fields.get("format", []))
        if media_type is None:
            offered = ", ".join(MEDIA_TYPES[kind])
            raise RequestError(f"no acceptable format: the result of {operation} can be {offered}", 406)
    dataset = {
        "default_graph": fields.get("default-graph-uri", []),
        "named_graphs": fields.get("named-graph-uri", []),
    }
    return Protocol(queries[0], dataset, media_type)


async def _read_body(request: Request) -> bytes:
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise RequestError(f"the request body is longer than {MAX_BODY} bytes", 413)
        chunks.append(chunk)
    return b"".join(chunks)


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise RequestError("the request body is not UTF-8") from None


def sparql_job(graph, request: Protocol, max_rows: int) -> tuple[str, bytes, bool]:
    """Run a protocol request in a worker, on its :class:`kg.serve.pool.LoadedGraph`, and write
    the result.

    Returns:
        (media type, body, whether rows were cut at ``max_rows``).

    Raises:
        QuerySyntaxError: the query does not parse, or calls SERVICE.
        RequestError: a dataset IRI is malformed.
    """
    check_syntax(request.query)
    try:
        options = {key: [ox.NamedNode(iri) for iri in iris] for key, iris in request.dataset.items() if iris}
    except ValueError as exc:
        raise RequestError(f"default-graph-uri/named-graph-uri: {exc}") from None
    results = graph.store.query(request.query, prefixes=PREFIXES, **options)
    kind = "graph" if isinstance(results, ox.QueryTriples) else "solutions"
    formats = MEDIA_TYPES[kind]
    media_type = request.media_type if request.media_type in formats else next(iter(formats))
    fmt = formats[media_type][1]
    if isinstance(results, ox.QueryBoolean):
        return media_type, results.serialize(format=fmt), False
    items = list(islice(results, max_rows + 1))
    truncated = len(items) > max_rows
    del items[max_rows:]
    if kind == "graph":
        prefixes = PREFIXES if fmt == ox.RdfFormat.TURTLE else None
        return media_type, ox.serialize(items, format=fmt, prefixes=prefixes), truncated
    # pyoxigraph writes only whole results; the rows kept are written as TSV, read back, then
    # written by pyoxigraph in the format asked for.
    names = [variable.value for variable in results.variables]
    lines = ["\t".join(f"?{name}" for name in names)]
    lines += ["\t".join(_tsv(solution[name]) for name in names) for solution in items]
    kept = ox.parse_query_results("\n".join(lines) + "\n", ox.QueryResultsFormat.TSV)
    return media_type, kept.serialize(format=fmt), truncated


def _tsv(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Triple):  # str() of a triple term lacks the brackets that TSV needs
        return f"<<( {_tsv(term.subject)} {_tsv(term.predicate)} {_tsv(term.object)} )>>"
    return str(term)
