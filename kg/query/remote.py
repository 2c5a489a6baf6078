"""A SPARQL 1.1 server used as the store: query it like the embedded store, load a build into it.

:class:`RemoteStore` has the part of :class:`pyoxigraph.Store` that :func:`kg.queries.run_query`
and :class:`kg.lookup.Lookup` use, ``query`` and ``quads_for_pattern``, and returns the same
pyoxigraph result objects, so the saved queries and name look-ups run unchanged on a SPARQL 1.1
server (whether it answers them as the embedded store does is the server's part: docs/stores.md
has what was measured on which server). Queries go through the SPARQL 1.1 Protocol. Graphs are
loaded through the SPARQL 1.1 Graph Store HTTP Protocol, one ``PUT`` per named graph, so
re-loading one document replaces its graph and nothing else.

The URL names the server. Its endpoints follow the server's conventions (:data:`SERVERS`); the
kind of server is read from a ``kind+`` prefix of the scheme (``neptune+https://…``) or else
guessed from the path: none for Oxigraph server, ``/sparql`` for Virtuoso,
``…/repositories/NAME`` for GraphDB, and any other path is a Fuseki dataset (``/ds``).

The saved queries read the union of the named graphs as their default graph (docs/queries.md).
Where a server's default graph is a graph of its own (Oxigraph server and Fuseki as installed),
:meth:`RemoteStore.upload_build` keeps it the set union of the named graphs with SPARQL Update, so
the server answers exactly as the embedded store. Where the server already reads all graphs when a
query names none (GraphDB, Virtuoso, Neptune, Oxigraph server started with
``--union-default-graph``), it leaves the default graph alone. docs/stores.md has what to
configure on each server, and the measurements.
"""

from __future__ import annotations

import base64
import http.client
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from kg.corpus.reader import doc_id_for
from kg.errors import GraphFileError, StoreError, StoreResponseError, StoreTimeoutError, StoreUnavailableError
from kg.graph.namespace import RES
from kg.query.index import INDEX_GRAPH
from kg.query.saved import query_form

__all__ = ["SERVERS", "Endpoints", "RemoteStore", "Upload", "endpoints"]

# kind → (query path, update path, graph store path, is a query's default graph already the union
# of all graphs as installed), the paths relative to the URL that names the server (with a trailing
# query path removed).
SERVERS: dict[str, tuple[str, str, str, bool]] = {
    "oxigraph": ("/query", "/update", "/store", False),
    "fuseki": ("/sparql", "/update", "/data", False),
    "graphdb": ("", "/statements", "/rdf-graphs/service", True),
    "virtuoso": ("/sparql", "/sparql", "/sparql-graph-crud", True),
    "neptune": ("/sparql", "/sparql", "/sparql/gsp/", True),
}
# What to ask for, by query form: some servers (Virtuoso) answer in the first type a client
# accepts whatever the form, so only the types that fit the form are named.
_RESULTS = "application/sparql-results+json, application/sparql-results+xml;q=0.9"
_TRIPLES = "application/n-triples, text/turtle;q=0.9"
_GRAPHDB = re.compile(r".*/repositories/[^/]+")
# Triples per request when a graph is loaded: bounds the memory a large graph needs.
_CHUNK = 50_000
_DETAIL = 200


@dataclass(frozen=True)
class Endpoints:
    """Where a server answers.

    Attributes:
        kind: a key of :data:`SERVERS`.
        query: the SPARQL 1.1 Protocol query endpoint.
        update: the SPARQL 1.1 Protocol update endpoint.
        store: the Graph Store Protocol endpoint (a graph is chosen with ``?graph=IRI``).
        union_default: whether a query's default graph is already the union of all graphs.
    """

    kind: str
    query: str
    update: str
    store: str
    union_default: bool


@dataclass
class Upload:
    """What :meth:`RemoteStore.upload_build` did.

    Attributes:
        replaced: IRIs of the named graphs put, in the order of ``graph.trig``.
        dropped: IRIs of the graphs of ``drop`` that the server had.
        default: whether the server's default graph was brought up to date as the union of the
            named graphs (not done where the server's default graph is that union already).
    """

    replaced: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    default: bool = False


def endpoints(
    url: str, *, query_url: str | None = None, update_url: str | None = None, store_url: str | None = None
) -> Endpoints:
    """Derive a server's endpoints from its URL.

    Args:
        url: ``http://host:7878`` (Oxigraph server), ``http://host:3030/ds`` (a Fuseki dataset),
            ``http://host:7200/repositories/NAME`` (GraphDB), ``http://host:8890/sparql``
            (Virtuoso), or any of them with the kind before the scheme (``fuseki+http://…``,
            ``neptune+https://host:8182``). No user name or password (see :class:`RemoteStore`).
        query_url: the query endpoint, instead of the conventional one.
        update_url: the update endpoint, instead of the conventional one.
        store_url: the Graph Store Protocol endpoint, instead of the conventional one.

    Returns:
        The endpoints.

    Raises:
        StoreError: the URL is not http(s), or names an unknown kind of server.
    """
    scheme, _, rest = url.partition("://")
    kind, plus, scheme = scheme.rpartition("+")
    parts = urllib.parse.urlsplit(f"{scheme}://{rest}")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StoreError(f"{url}: not an http(s) URL of a SPARQL server")
    path = parts.path.rstrip("/")
    if not plus:
        kind = _guess(path)
    if kind not in SERVERS:
        raise StoreError(f"{url}: unknown kind of server '{kind}' (known: {', '.join(SERVERS)})")
    query_path, update_path, store_path, union = SERVERS[kind]
    # People often give the query endpoint itself (…/sparql): the server is the URL above it.
    if query_path and path.endswith(query_path):
        path = path[: -len(query_path)]
    base = f"{parts.scheme}://{parts.netloc}{path}"
    return Endpoints(
        kind, query_url or base + query_path, update_url or base + update_path, store_url or base + store_path, union
    )


def _guess(path: str) -> str:
    """The kind of server that a URL path without a ``kind+`` prefix names, by convention."""
    if not path:
        return "oxigraph"
    if path == "/sparql":
        return "virtuoso"
    return "graphdb" if _GRAPHDB.fullmatch(path) else "fuseki"


class RemoteStore:
    """A SPARQL 1.1 server, queried and loaded over HTTP.

    Args:
        url: the server, as :func:`endpoints` takes it; a user name and password in it
            (``https://user:secret@host/…``) are sent with HTTP Basic authentication and are
            left out of every message.
        query_url: the query endpoint, instead of the conventional one.
        update_url: the update endpoint, instead of the conventional one.
        store_url: the Graph Store Protocol endpoint, instead of the conventional one.
        union_default: whether the server's default graph for queries is already the union of
            all graphs (None: what the kind of server does as installed, see :data:`SERVERS`).
        timeout: seconds to wait for the server at each step (connecting, each read and write).

    Raises:
        StoreError: the URL cannot name a SPARQL server.
    """

    def __init__(
        self,
        url: str,
        *,
        query_url: str | None = None,
        update_url: str | None = None,
        store_url: str | None = None,
        union_default: bool | None = None,
        timeout: float = 60.0,
    ):
        parts = urllib.parse.urlsplit(url)
        self._auth: dict[str, str] = {}
        if parts.username is not None:
            user, secret = urllib.parse.unquote(parts.username), urllib.parse.unquote(parts.password or "")
            token = base64.b64encode(f"{user}:{secret}".encode()).decode("ascii")
            self._auth["Authorization"] = f"Basic {token}"
            url = url.replace(parts.netloc, parts.netloc.rpartition("@")[2], 1)
        self.url = url
        self.endpoints = endpoints(url, query_url=query_url, update_url=update_url, store_url=store_url)
        self.union_default = self.endpoints.union_default if union_default is None else union_default
        self.timeout = timeout

    def __repr__(self) -> str:
        return f"RemoteStore({self.url!r})"

    def query(
        self,
        query: str,
        *,
        prefixes: Mapping[str, str] | None = None,
        default_graph: Iterable[ox.NamedNode] = (),
        named_graphs: Iterable[ox.NamedNode] = (),
    ) -> ox.QuerySolutions | ox.QueryTriples | ox.QueryBoolean:
        """Run a SPARQL query on the server, as :meth:`pyoxigraph.Store.query` runs it locally.

        Args:
            query: SPARQL 1.1 query text.
            prefixes: prefix → namespace IRI, declared before the query's own prologue.
            default_graph: graphs whose union is the query's default graph (the protocol's
                ``default-graph-uri``); none for the server's default.
            named_graphs: the graphs ``GRAPH ?g`` may range over (``named-graph-uri``).

        Returns:
            Solutions of a SELECT, triples of a CONSTRUCT or DESCRIBE, or the ASK boolean.

        Raises:
            StoreUnavailableError, StoreTimeoutError: the server cannot be reached in time.
            StoreResponseError: the server refused the query (its message is kept) or answered
                with something that is not a SPARQL result.
        """
        declared = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in (prefixes or {}).items())
        fields = [("query", declared + query)]
        fields += [("default-graph-uri", graph.value) for graph in default_graph]
        fields += [("named-graph-uri", graph.value) for graph in named_graphs]
        body = urllib.parse.urlencode(fields).encode()
        accept = _TRIPLES if query_form(query) in ("CONSTRUCT", "DESCRIBE") else _RESULTS
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept}
        media_type, answer = self._send("POST", self.endpoints.query, body, headers)
        return _results(self.endpoints.query, media_type, answer)

    def quads_for_pattern(
        self, subject: ox.NamedNode | None, predicate: ox.NamedNode | None, object: ox.NamedNode | ox.Literal | None
    ) -> Iterator[ox.Quad]:
        """The quads that match a pattern, in the default graph and in every named graph.

        Args:
            subject: the subject, or None for any.
            predicate: the predicate, or None for any.
            object: the object, or None for any.

        Returns:
            The quads (in the default graph with :class:`pyoxigraph.DefaultGraph` as graph name).

        Raises:
            StoreUnavailableError, StoreTimeoutError, StoreResponseError: see :meth:`query`.
        """
        terms = [
            term if term is not None else ox.Variable(name)
            for term, name in zip((subject, predicate, object), ("s", "p", "o"))
        ]
        pattern = " ".join(map(str, terms))
        for row in self.query(f"SELECT * WHERE {{ {{ {pattern} }} UNION {{ GRAPH ?g {{ {pattern} }} }} }}"):
            s, p, o = (row[term] if isinstance(term, ox.Variable) else term for term in terms)
            yield ox.Quad(s, p, o, row["g"] or ox.DefaultGraph())

    def graphs(self) -> list[str]:
        """The IRIs of the server's non-empty named graphs, sorted.

        Raises:
            StoreUnavailableError, StoreTimeoutError, StoreResponseError: see :meth:`query`.
        """
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(row["g"].value for row in rows if isinstance(row["g"], ox.NamedNode))

    def replace_graph(self, graph_iri: str, data: bytes | Path, format: ox.RdfFormat = ox.RdfFormat.N_TRIPLES) -> None:
        """Replace a named graph with the triples of ``data`` (a Graph Store Protocol ``PUT``).

        Args:
            graph_iri: the graph.
            data: the triples, serialized, or the path of a file of them (streamed, not read
                into memory).
            format: their format (a triple format: N-Triples, Turtle, RDF/XML…).

        Raises:
            GraphFileError: ``data`` is a path of no file.
            StoreUnavailableError, StoreTimeoutError: the server cannot be reached in time.
            StoreResponseError: the server refused the graph.
        """
        self._put(self._graph_url(graph_iri), data, format)

    def replace_default(self, data: bytes | Path, format: ox.RdfFormat = ox.RdfFormat.N_TRIPLES) -> None:
        """Replace the server's default graph with the triples of ``data`` (a ``PUT``).

        Args:
            data: the triples, serialized, or the path of a file of them (streamed, not read
                into memory).
            format: their format.

        Raises:
            GraphFileError, StoreUnavailableError, StoreTimeoutError, StoreResponseError: see
                :meth:`replace_graph`.
        """
        self._put(self._graph_url(None), data, format)

    def drop_graph(self, graph_iri: str) -> bool:
        """Delete a named graph (a Graph Store Protocol ``DELETE``).

        Args:
            graph_iri: the graph.

        Returns:
            Whether the server had it (a graph already gone is not an error).

        Raises:
            StoreUnavailableError, StoreTimeoutError: the server cannot be reached in time.
            StoreResponseError: the server refused.
        """
        try:
            self._send("DELETE", self._graph_url(graph_iri))
        except StoreResponseError as exc:
            if exc.status == 404:
                return False
            raise
        return True

    def publish(self, out_dir: str | Path, documents: Iterable[str], processed: Iterable[str]) -> Upload:
        """Bring the server up to date with a build (``kg build --store``): put the graphs of the
        documents the build processed and of those the server lacks, and the corpus-level graphs
        (entities, gazetteer, ontology, closure); drop the document graphs the build no longer has.

        Args:
            out_dir: the build folder.
            documents: the relative paths of the build's documents (``BuildReport.documents``).
            processed: those the build processed rather than took from its cache
                (``BuildReport.extracted``): their graphs may have changed.

        Returns:
            What was replaced and dropped.

        Raises:
            See :meth:`upload_build`.
        """
        prefix = f"{RES}graph/doc/"
        on_server = set(self.graphs())
        wanted = {prefix + doc_id_for(relpath) for relpath in documents}
        changed = {prefix + doc_id_for(relpath) for relpath in processed} | (wanted - on_server)
        changed |= {f"{RES}graph/{name}" for name in ("entities", "gazetteer", "ontology", "closure", "index")}
        drop = sorted(graph for graph in on_server if graph.startswith(prefix) and graph not in wanted)
        return self.upload_build(out_dir, only=changed, drop=drop)

    def upload_build(
        self, out_dir: str | Path, *, only: Iterable[str] | None = None, drop: Iterable[str] = ()
    ) -> Upload:
        """Load a build folder into the server: each named graph of its ``graph.trig`` replaces the
        server's graph of that name, and the default graph is kept the set union of the named
        graphs unless the server's default graph is that union already (:attr:`union_default`).

        Graphs are read from the file as they come and sent in pieces of at most 50 000 triples,
        the first with ``PUT`` and the others with ``POST`` (which adds), so a large file is never
        held in memory. A graph of more than one piece is therefore not replaced atomically, and a
        blank node shared by two pieces becomes two. The default graph is updated on the server
        (SPARQL Update): triples that no named graph holds any more leave it, and those of the
        graphs just put enter it.

        Args:
            out_dir: a folder written by :func:`kg.build.build`.
            only: put only the named graphs with these IRIs (the documents that changed); None
                for all. A graph of ``only`` that the build lacks is left as it is on the server.
            drop: IRIs of graphs to delete from the server (the documents removed).

        Returns:
            What was replaced and dropped.

        Raises:
            GraphFileError: ``graph.trig`` is missing or does not parse.
            StoreUnavailableError, StoreTimeoutError: the server cannot be reached in time.
            StoreResponseError: the server refused a graph or the update.
        """
        trig = Path(out_dir) / "graph.trig"
        if not trig.is_file():
            raise GraphFileError(f"{trig}: no such file (build one with: kg build --out {out_dir})")
        upload = Upload()
        put: set[str] = set()
        try:
            for graph, triples in _pieces(trig, None if only is None else set(only)):
                if graph in put:
                    self._send("POST", self._graph_url(graph), triples, {"Content-Type": _NT})
                else:
                    self.replace_graph(graph, triples)
                    put.add(graph)
                    upload.replaced.append(graph)
        except SyntaxError as exc:
            raise GraphFileError(f"{trig}: cannot parse: {exc}") from exc
        upload.dropped = [graph for graph in drop if self.drop_graph(graph)]
        if not self.union_default:
            self._update_default(None if only is None else upload.replaced)
            upload.default = True
        return upload

    def _update_default(self, graphs: list[str] | None) -> None:
        """Make the default graph the set union of the named graphs again after some were replaced
        (``graphs``) or dropped, if it was that union before; with ``graphs`` None, whatever it held."""
        if graphs is None:
            sources = [f"GRAPH ?g {{ ?s ?p ?o }} FILTER (?g != <{INDEX_GRAPH.value}>)"]
        else:
            sources = [f"GRAPH <{graph}> {{ ?s ?p ?o }}" for graph in graphs if graph != INDEX_GRAPH.value]
        update = " ;\n".join([_ORPHANS] + [f"INSERT {{ ?s ?p ?o }} WHERE {{ {source} }}" for source in sources])
        body = urllib.parse.urlencode({"update": update}).encode()
        self._send("POST", self.endpoints.update, body, {"Content-Type": "application/x-www-form-urlencoded"})

    def _graph_url(self, graph_iri: str | None) -> str:
        store = self.endpoints.store
        selector = "default" if graph_iri is None else "graph=" + urllib.parse.quote(graph_iri, safe="")
        return f"{store}{'&' if '?' in store else '?'}{selector}"

    def _put(self, url: str, data: bytes | Path, format: ox.RdfFormat) -> None:
        headers = {"Content-Type": format.media_type}
        if isinstance(data, bytes):
            self._send("PUT", url, data, headers)
            return
        if not data.is_file():
            raise GraphFileError(f"{data}: no such file")
        # With its length given, urllib sends the file block by block as it reads it.
        headers["Content-Length"] = str(data.stat().st_size)
        with data.open("rb") as file:
            self._send("PUT", url, file, headers)

    def _send(
        self, method: str, url: str, body: bytes | BinaryIO | None = None, headers: Mapping[str, str] | None = None
    ) -> tuple[str, bytes]:
        """One HTTP request; returns the media type and the body of the answer."""
        request = urllib.request.Request(url, data=body, method=method, headers={**self._auth, **(headers or {})})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.headers.get_content_type(), response.read()
        except urllib.error.HTTPError as exc:
            detail = _first_line(exc.read())
            raise StoreResponseError(
                f"{url}: HTTP {exc.code} {exc.reason}{': ' + detail if detail else ''}", exc.code
            ) from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise self._timeout(url) from None
            raise StoreUnavailableError(f"{url}: cannot connect ({_reason(exc.reason)})") from None
        except TimeoutError:
            raise self._timeout(url) from None
        except (OSError, http.client.HTTPException) as exc:
            raise StoreUnavailableError(f"{url}: the connection failed ({_reason(exc)})") from None

    def _timeout(self, url: str) -> StoreTimeoutError:
        return StoreTimeoutError(f"{url}: no answer within {self.timeout:g} s")


_NT = ox.RdfFormat.N_TRIPLES.media_type
# The index graph (kg.query.index) is read by name and stays out of the default graph, as in the
# build's store.
_ORPHANS = (
    "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o "
    f"FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (?g != <{INDEX_GRAPH.value}>) }} }}"
)


def _pieces(trig: Path, wanted: set[str] | None) -> Iterator[tuple[str, bytes]]:
    """(graph IRI, N-Triples) of each run of one named graph's quads, at most _CHUNK triples each.

    The default graph's quads are skipped: the build writes none, and the server's default graph
    is made the union of the named graphs on the server.
    """
    graph, triples = None, []
    for quad in ox.parse(path=str(trig), format=ox.RdfFormat.TRIG):
        if quad.graph_name != graph or len(triples) >= _CHUNK:
            if triples:
                yield graph.value, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
            graph, triples = quad.graph_name, []
        if isinstance(graph, ox.NamedNode) and (wanted is None or graph.value in wanted):
            triples.append(quad.triple)
    if triples:
        yield graph.value, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)


def _results(url: str, media_type: str, body: bytes) -> ox.QuerySolutions | ox.QueryTriples | ox.QueryBoolean:
    """The pyoxigraph result of a query's answer, read according to its media type."""
    try:
        results_format = ox.QueryResultsFormat.from_media_type(media_type)
        if results_format is not None:
            return ox.parse_query_results(body, results_format)
        rdf_format = ox.RdfFormat.from_media_type(media_type)
        if rdf_format is not None:
            # pyoxigraph makes QueryTriples only by querying a store: the triples pass through one.
            triples = ox.Store()
            triples.load(body, format=rdf_format)
            return triples.query("CONSTRUCT WHERE { ?s ?p ?o }")
    except (SyntaxError, ValueError) as exc:
        raise StoreResponseError(f"{url}: the answer does not parse as {media_type}: {_first_line(str(exc))}") from None
    raise StoreResponseError(f"{url}: the answer is {media_type}, not a SPARQL result")


def _first_line(text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return line if len(line) <= _DETAIL else line[: _DETAIL - 1] + "…"


def _reason(reason: object) -> str:
    return getattr(reason, "strerror", None) or str(reason) or type(reason).__name__
