"""``kg serve``: a built graph over HTTP, read-only: a SPARQL 1.1 Protocol endpoint and web pages.

Endpoint. ``/sparql`` takes a query by GET (``?query=``) or POST (a form, or an
``application/sparql-query`` body), with ``default-graph-uri``/``named-graph-uri``, and writes the
result in the format the ``Accept`` header (or a ``format`` parameter) asks for: SPARQL JSON, XML,
CSV or TSV for SELECT and ASK; Turtle, N-Triples, JSON-LD or RDF/XML for CONSTRUCT and DESCRIBE.
Updates and ``SERVICE`` are refused. The default graph is the union of the named graphs, as
:func:`kg.queries.open_graph` makes it, and the project's prefixes need no PREFIX lines.

Pages. ``/`` lists the saved queries as forms; ``/query/NAME`` runs one (values bound by
:func:`kg.queries.run_query`, never pasted into the query) and shows a table whose entities link to
``/entity?iri=…``: labels, classes, relations both ways, figures, evidence with its sources, and a
small drawing of the network around. ``/network`` and ``/map`` serve the pages of
:mod:`kg.network_view` and :mod:`kg.map_view` made from the served graph. Every text of the graph
reaches HTML through Jinja2's autoescaping, the pages run no script of their own, and a strict
Content-Security-Policy goes with every response.

Processes. pyoxigraph cannot stop a running query: it evaluates in Rust without the GIL, and a
signal handler runs only once the query returns (measured, docs/serve.md). So all work on the graph
runs in worker processes, and a job that overruns the time limit is stopped by killing its worker.
The graph is loaded once, by a *graph process* forked from the server before it starts any thread;
that process forks the workers, which share the loaded store copy-on-write, and forks a fresh one
for each worker killed. The HTTP side (Starlette on uvicorn) never touches the store: each request
waits, in a thread, for an idle worker (at most one time limit) and for its answer (at most one
more). With several workers, a slow query holds one of them and the others go on answering.
"""

from __future__ import annotations

import ctypes
import errno
import html
import ipaddress
import math
import multiprocessing
import os
import queue
import re
import signal
import socket
import sys
import threading
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import islice
from multiprocessing import reduction
from multiprocessing.connection import Connection
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import jinja2
import networkx as nx
import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from kg.errors import (
    GraphFileError,
    KgError,
    NetworkError,
    ParameterError,
    QuerySyntaxError,
    QueryTimeoutError,
    RequestError,
    ServeError,
    ServerBusyError,
    UpdateRefusedError,
)
from kg.graph.namespace import PREFIXES, RES
from kg.query.lookup import Lookup, compact
from kg.query.remote import RemoteStore
from kg.query.saved import (
    QueryResult,
    SavedQuery,
    check_syntax,
    list_queries,
    open_graph,
    query_form,
    run_query,
)
from kg.resources import TEMPLATES_DIR
from kg.views.map_page import map_data, render_map
from kg.views.network import around, local_name, project
from kg.views.network_page import network_html

__all__ = [
    "MEDIA_TYPES",
    "WorkerPool",
    "create_app",
    "default_workers",
    "negotiate",
    "serve",
]

TEMPLATES = TEMPLATES_DIR / "serve"
MAX_BODY = 1_000_000  # bytes of a POSTed query; a longer one is refused with 413
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
# Pages of our own: no script at all, styles from our stylesheet, forms only to ourselves.
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    # Source links lead to news sites, which need not learn what was looked at here.
    (b"referrer-policy", b"no-referrer"),
]

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
_PR_SET_PDEATHSIG = 1
_META_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
# The small network of an entity page: at most this many neighbours, on a circle of this radius.
_NEIGHBOURS = 24
_HOPS = ("0", "1", "2", "3")
_RADIUS = 170
_LABEL_SLOTS = {"zh": "zh", "en": "en", "zh-latn-pinyin": "pinyin"}
_TOP_ORDER = ("Place", "Organization", "Program", "Event", "Person", "Work")


def default_workers() -> int:
    """The default number of query workers: one per CPU, at least 2 (so that one slow query never
    holds them all) and at most 4 (each may copy part of the store, see docs/serve.md)."""
    return min(4, max(2, os.cpu_count() or 1))


# --- the worker processes -----------------------------------------------------------------------


@dataclass
class _Graph:
    """What the graph process loads once and every worker shares."""

    path: Path
    store: ox.Store | RemoteStore
    network: nx.MultiDiGraph
    lookup: Lookup  # kept between a worker's jobs: it indexes the labels once


class WorkerPool:
    """Worker processes that run jobs on one loaded graph, each job within a time limit.

    Must be made before the process starts threads (it forks). A job is a function of this module
    run in an idle worker (see :data:`_JOBS`); a worker still busy after the time limit is killed
    and replaced.

    Args:
        graph_path: a build folder or graph file (see :func:`kg.queries.open_graph`).
        workers: how many jobs may run at once.
        store_url: query this SPARQL server (:class:`kg.remote.RemoteStore`) instead of loading
            ``graph_path``.
        timeout: seconds a job may run, and a request may wait for an idle worker.
        inherited: file descriptors that the graph process and workers must not keep open (the
            server's listening socket, so that the port is free again when the server stops).

    Attributes:
        quads: how many quads the loaded store holds (None for a remote store).

    Raises:
        GraphFileError: the graph cannot be loaded.
        ServeError: this system cannot fork, or the graph process ended while loading.
    """

    def __init__(
        self,
        graph_path: str | Path,
        *,
        workers: int,
        timeout: float,
        inherited: Sequence[int] = (),
        store_url: str | None = None,
    ):
        try:
            context = multiprocessing.get_context("fork")
        except ValueError as exc:
            raise ServeError("kg serve needs a system that can fork processes (Linux, macOS)") from exc
        self.workers, self.timeout = workers, timeout
        self._control, theirs = context.Pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        self._process = context.Process(
            target=_graph_process,
            args=(theirs, Path(graph_path), store_url, tuple(inherited), os.getpid()),
            name="kg-serve-graph",
            daemon=True,
        )
        self._process.start()
        theirs.close()
        try:
            reply = self._control.recv()
        except EOFError:
            self.close()
            raise ServeError("the process loading the graph ended (see the messages above)") from None
        if reply[0] == "error":
            self.close()
            raise GraphFileError(reply[1])
        self.quads = reply[1]
        self._lock = threading.Lock()  # one conversation with the graph process at a time
        self._pids: set[int] = set()
        self._idle: queue.Queue[tuple[int, Connection]] = queue.Queue()
        for _ in range(workers):
            self._idle.put(self._spawn())

    def call(self, job: str, *args):
        """Run a job in a worker and return its value.

        Args:
            job: a key of :data:`_JOBS`.
            *args: the job's arguments after the graph (picklable).

        Returns:
            What the job returned.

        Raises:
            ServerBusyError: no worker became idle within the time limit.
            QueryTimeoutError: the job ran longer than the time limit; its worker was killed.
            RequestError: the job failed: the status says why (500 for a worker that died).
        """
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise ServerBusyError(
                f"all {self.workers} query workers stayed busy for {self.timeout:g} s; try again later"
            ) from None
        pid, connection = worker
        healthy = False
        try:
            connection.send((job, args))
            if not connection.poll(self.timeout):
                raise QueryTimeoutError(
                    f"the query was stopped: it ran longer than the time limit of {self.timeout:g} s "
                    "(kg serve --timeout). Narrow it down, or ask for fewer rows (LIMIT)."
                )
            status, value = connection.recv()
            healthy = True
        except (EOFError, OSError) as exc:
            raise RequestError("the query worker ended without an answer (out of memory?)", 500) from exc
        finally:
            self._idle.put(worker if healthy else self._replace(pid, connection))
        if status != 200:
            raise RequestError(value, status)
        return value

    def close(self) -> None:
        """Stop the workers and the graph process."""
        for pid in getattr(self, "_pids", ()):
            _kill(pid)
        self._control.close()  # the graph process reads the end of its input and ends
        self._process.join(5)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()

    def _spawn(self) -> tuple[int, Connection]:
        with self._lock:
            try:
                self._control.send("spawn")
                pid = self._control.recv()
                handle = reduction.recv_handle(self._control)
            except (EOFError, OSError) as exc:
                raise ServeError("the process holding the graph ended; restart kg serve") from exc
        self._pids.add(pid)
        return pid, Connection(handle)

    def _replace(self, pid: int, connection: Connection) -> tuple[int, Connection]:
        _kill(pid)
        self._pids.discard(pid)
        connection.close()
        return self._spawn()


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _die_with_parent(parent: int) -> None:
    """End this process when its parent ends, even by SIGKILL (Linux; elsewhere a worker ends when
    it next reads from the server)."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent ended before the request above
        os._exit(1)


def _graph_process(
    control: Connection, path: Path, store_url: str | None, inherited: tuple[int, ...], parent: int
) -> None:
    """Load the graph, then fork a worker for each ``"spawn"`` read from ``control`` and send back
    its pid and its end of a new socket pair."""
    for fd in inherited:
        os.close(fd)
    _die_with_parent(parent)
    # Ctrl+C in a terminal reaches the whole process group; the server stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        store = RemoteStore(store_url) if store_url else open_graph(path)
        graph = _Graph(path, store, project(store), Lookup(store))
    except KgError as exc:
        control.send(("error", str(exc)))
        return
    control.send(("ready", len(store) if isinstance(store, ox.Store) else None))
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps killed workers
    me = os.getpid()
    while True:
        try:
            control.recv()
        except EOFError:
            return
        ours, theirs = socket.socketpair()
        pid = os.fork()
        if pid == 0:
            try:
                control.close()
                ours.close()
                _die_with_parent(me)
                _worker(Connection(theirs.detach()), graph)
            finally:
                os._exit(0)
        theirs.close()
        control.send(pid)
        reduction.send_handle(control, ours.fileno(), pid)
        ours.close()


def _worker(connection: Connection, graph: _Graph) -> None:
    """Run jobs until the server closes the connection; answer each with (200, value) or
    (HTTP status, message)."""
    while True:
        try:
            job, args = connection.recv()
        except EOFError:
            return
        try:
            reply = (200, _JOBS[job](graph, *args))
        except RequestError as exc:
            reply = (exc.status, str(exc))
        except (QuerySyntaxError, ParameterError) as exc:
            reply = (400, str(exc))
        except NetworkError as exc:
            reply = (404, str(exc))
        except KgError as exc:
            reply = (500, str(exc))
        except Exception:  # a bug: the client gets a 500, the server's log the traceback
            traceback.print_exc()
            reply = (500, "internal error of the server (its log has the details)")
        connection.send(reply)


# --- jobs: run in a worker, on the shared graph ------------------------------------------------------


def _sparql_job(graph: _Graph, text: str, dataset: dict[str, list[str]], media_type: str | None, max_rows: int):
    """Run SPARQL and write the result: (media type, bytes, whether rows were cut at ``max_rows``)."""
    check_syntax(text)  # also refuses SERVICE
    try:
        options = {key: [ox.NamedNode(iri) for iri in iris] for key, iris in dataset.items() if iris}
    except ValueError as exc:
        raise RequestError(f"default-graph-uri/named-graph-uri: {exc}") from None
    results = graph.store.query(text, prefixes=PREFIXES, **options)
    kind = "graph" if isinstance(results, ox.QueryTriples) else "solutions"
    formats = MEDIA_TYPES[kind]
    media_type = media_type if media_type in formats else next(iter(formats))
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


def _table_job(graph: _Graph, name: str | None, params: dict[str, str], sparql: str | None, max_rows: int) -> dict:
    """A saved query (with its parameters) or SPARQL text as a table for a page (see :func:`_table`)."""
    return _table(run_query(graph.store, name, params, sparql=sparql, lookup=graph.lookup), max_rows)


def _entity_job(graph: _Graph, iri: str, max_rows: int) -> dict:
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
    figures = _table(run_query(store, "figures", {"entity": iri}, lookup=graph.lookup), max_rows)
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
  OPTIONAL { ?statement aid:sentence ?sentence }
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


def _network_job(graph: _Graph, focus: str | None, hops: int) -> str:
    """The network view page of the whole graph, or of the neighbourhood of ``focus``."""
    if focus is None:
        return network_html(graph.network, title="Aid network")
    near = around(graph.network, focus, hops)
    return network_html(near, title=f"Around {_node_label(graph.network, focus)}")


def _map_job(graph: _Graph) -> str:
    return render_map(map_data(graph.store))


_JOBS: dict[str, Callable] = {
    "sparql": _sparql_job,
    "table": _table_job,
    "entity": _entity_job,
    "network": _network_job,
    "map": _map_job,
}


def _table(result: QueryResult, max_rows: int) -> dict:
    """A result as the pages show it: a column ``x`` is left out when ``xLabel`` exists, whose cells
    then show the label and link to the entity ``x``; IRIs of resources link to their entity page.

    Returns:
        ``{"boolean", "columns", "rows", "count", "truncated"}``; a cell is ``{"text", "iri", "url"}``
        (``iri``: the entity page to link to; ``url``: an http(s) address to link to).
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
        "count": len(result.rows),
        "truncated": len(result.rows) > max_rows,
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


# --- the HTTP side ----------------------------------------------------------------------------------

_READ_ONLY = "this endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, DROP…) is not accepted"


def _accept_ranges(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media:
            ranges.append((media.lower(), q))
    return ranges


def _quality(ranges: list[tuple[str, float]], media: str) -> float:
    """The q of the most specific range that matches a media type (0 if none)."""
    major = media.split("/")[0]
    best = (-1, 0.0)
    for pattern, q in ranges:
        specificity = 2 if pattern == media else 1 if pattern == f"{major}/*" else 0 if pattern == "*/*" else -1
        if specificity > best[0]:
            best = (specificity, q)
    return best[1]


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
    offered = {media: media for media in MEDIA_TYPES[kind]} | _SYNONYMS[kind]
    for value in formats:
        value = value.strip().lower()
        by_name = next((media for media, (names, _) in MEDIA_TYPES[kind].items() if value in names), None)
        chosen = by_name or (negotiate(kind, value) if "/" in value else None)
        if chosen:
            return chosen
    if not accept:
        return next(iter(MEDIA_TYPES[kind]))
    ranges = _accept_ranges(accept)
    best, best_q = None, 0.0
    for media, canonical in offered.items():  # ties go to the first offered
        q = _quality(ranges, media)
        if q > best_q:
            best, best_q = canonical, q
    return best


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


async def _protocol_request(request: Request) -> tuple[str, dict[str, list[str]], list[str]]:
    """The query text, the dataset and the ``format`` values of a SPARQL 1.1 Protocol request
    (from the URL, and from the body of a form).

    Raises:
        RequestError: no query or two (400), an update (403), a body too long (413), a body of
            another media type (415).
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
            raise UpdateRefusedError(_READ_ONLY)
        else:
            raise RequestError(
                "POST a query as application/x-www-form-urlencoded (query=…) or as application/sparql-query",
                415,
            )
    if "update" in fields:
        raise UpdateRefusedError(_READ_ONLY)
    queries = fields.get("query", [])
    if len(queries) != 1:
        raise RequestError(
            "give one SPARQL query: GET /sparql?query=…, or POST it (SPARQL 1.1 Protocol)"
            if not queries
            else "give only one query parameter"
        )
    dataset = {
        "default_graph": fields.get("default-graph-uri", []),
        "named_graphs": fields.get("named-graph-uri", []),
    }
    return queries[0], dataset, fields.get("format", [])


class _Site:
    """The routes, on a worker pool."""

    def __init__(self, pool: WorkerPool, max_rows: int):
        self.pool = pool
        self.max_rows = max_rows
        self.queries: dict[str, SavedQuery] = {saved.name: saved for saved in list_queries()}
        self.pages: dict[str, str] = {}  # the whole network and the map, made once
        self.templates = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
        )
        self.stylesheet = (TEMPLATES / "serve.css").read_text(encoding="utf-8")

    async def call(self, job: str, *args):
        return await run_in_threadpool(self.pool.call, job, *args)

    def page(self, template: str, status: int = 200, **values) -> HTMLResponse:
        body = self.templates.get_template(template).render(max_rows=self.max_rows, timeout=self.pool.timeout, **values)
        return HTMLResponse(body, status_code=status)

    def error_page(self, exc: RequestError) -> HTMLResponse:
        return self.page("error.html", exc.status, code=exc.status, message=str(exc))

    async def sparql(self, request: Request) -> Response:
        try:
            text, dataset, formats = await _protocol_request(request)
            operation = query_form(text)
            if operation in _UPDATE_KEYWORDS:
                raise UpdateRefusedError(_READ_ONLY)
            kind = _KIND_OF_FORM.get(operation)
            media_type = None
            if kind is not None:
                media_type = negotiate(kind, request.headers.get("accept"), formats)
                if media_type is None:
                    offered = ", ".join(MEDIA_TYPES[kind])
                    raise RequestError(f"no acceptable format: the result of {operation} can be {offered}", 406)
            media_type, body, truncated = await self.call("sparql", text, dataset, media_type, self.max_rows)
        except RequestError as exc:
            headers = {"Retry-After": "1"} if isinstance(exc, ServerBusyError) else None
            return PlainTextResponse(f"{exc}\n", status_code=exc.status, headers=headers)
        headers = {"Vary": "Accept"}
        if truncated:
            headers["X-SPARQL-MaxRows"] = str(self.max_rows)
        return Response(body, media_type=media_type, headers=headers)

    async def index(self, request: Request) -> Response:
        return self.page("index.html", queries=list(self.queries.values()), base=str(request.base_url))

    async def saved(self, request: Request) -> Response:
        saved = self.queries.get(request.path_params["name"])
        if saved is None:
            return self.error_page(RequestError(f"no saved query '{request.path_params['name']}'", 404))
        values = {p.name: request.query_params.get(p.name, "").strip() for p in saved.parameters}
        submitted = bool(request.query_params) or not any(not p.optional for p in saved.parameters)
        result = error = None
        if submitted:
            params = {name: value for name, value in values.items() if value}
            try:
                result = await self.call("table", saved.name, params, None, self.max_rows)
            except RequestError as exc:
                error = exc
        return self.page(
            "query.html", 200 if error is None else error.status, query=saved, values=values, result=result, error=error
        )

    async def table(self, request: Request) -> Response:
        text = request.query_params.get("query", "")
        result = error = None
        if text.strip():
            try:
                if query_form(text) in _UPDATE_KEYWORDS:
                    raise UpdateRefusedError(_READ_ONLY)
                result = await self.call("table", None, {}, text, self.max_rows)
            except RequestError as exc:
                error = exc
        status = 200 if error is None else error.status
        return self.page("table.html", status, text=text, result=result, error=error)

    async def entity(self, request: Request) -> Response:
        iri = request.query_params.get("iri", "")
        try:
            data = await self.call("entity", iri, self.max_rows)
        except RequestError as exc:
            return self.error_page(exc)
        return self.page("entity.html", entity=data)

    async def network(self, request: Request) -> Response:
        focus = request.query_params.get("around") or None
        hops = request.query_params.get("hops", "1")
        if hops not in _HOPS:
            return self.error_page(RequestError(f"hops must be one of {', '.join(_HOPS)}"))
        key = "network" if focus is None else None
        try:
            page = self.pages.get(key) or await self.call("network", focus, int(hops))
        except RequestError as exc:
            return self.error_page(exc)
        if key:
            self.pages[key] = page
        return _view_response(page)

    async def map(self, request: Request) -> Response:
        try:
            page = self.pages.get("map") or await self.call("map")
        except RequestError as exc:
            return self.error_page(exc)
        self.pages["map"] = page
        return _view_response(page)

    async def style(self, request: Request) -> Response:
        return Response(self.stylesheet, media_type="text/css")

    async def favicon(self, request: Request) -> Response:
        return Response(status_code=204)


def _view_response(page: str) -> HTMLResponse:
    """A page of kg.network_view or kg.map_view, with its own policy (scripts allowed by hash) sent
    as the header too, so that it cannot be framed."""
    policy = html.unescape(_META_CSP.search(page)[1])
    return HTMLResponse(page, headers={"Content-Security-Policy": f"{policy}; frame-ancestors 'none'"})


class _Guard:
    """ASGI middleware: security headers on every response, and, when the server listens on a
    loopback address only, requests refused unless their Host names this machine (so that a web
    page cannot reach the server through a DNS name rebound to 127.0.0.1)."""

    def __init__(self, app, allowed_hosts: Iterable[str] | None):
        self.app = app
        self.allowed = None if allowed_hosts is None else set(allowed_hosts)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if self.allowed is not None:
            host = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
            name = urlsplit(f"//{host}").hostname or ""
            if name not in self.allowed:
                response = PlainTextResponse("unknown Host header\n", status_code=400)
                return await response(scope, receive, self._secured(send))
        return await self.app(scope, receive, self._secured(send))

    @staticmethod
    def _secured(send):
        async def secured(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                headers += [(name, value) for name, value in _SECURITY_HEADERS if name not in names]
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", CSP.encode()))
                message = {**message, "headers": headers}
            await send(message)

        return secured


def create_app(pool: WorkerPool, *, max_rows: int, host: str):
    """The ASGI application of the endpoint and the pages.

    Args:
        pool: the workers that run every query.
        max_rows: the most rows (or triples) a result gives; the rest are cut, and the response
            says so (header ``X-SPARQL-MaxRows``, a note on the pages).
        host: the address the server listens on; on a loopback address, only requests whose Host
            header names this machine are answered.

    Returns:
        The application (Starlette wrapped in the security middleware).

    Raises:
        QueryFileError: a saved query's header is malformed.
    """
    site = _Site(pool, max_rows)
    routes = [
        Route("/", site.index),
        Route("/sparql", site.sparql, methods=["GET", "POST"]),
        Route("/query/{name}", site.saved),
        Route("/table", site.table),
        Route("/entity", site.entity),
        Route("/network", site.network),
        Route("/map", site.map),
        Route("/static/serve.css", site.style),
        Route("/favicon.ico", site.favicon),
    ]
    return _Guard(Starlette(routes=routes), _allowed_hosts(host))


def _allowed_hosts(host: str) -> tuple[str, ...] | None:
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    return (*LOOPBACK_NAMES, host) if loopback else None


def _listen(host: str, port: int) -> socket.socket:
    try:
        family, kind, protocol, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as exc:
        raise ServeError(f"cannot listen on {host}: {exc.strerror}") from None
    sock = socket.socket(family, kind, protocol)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise ServeError(f"port {port} on {host} is in use; choose another with --port") from None
        raise ServeError(f"cannot listen on {host} port {port}: {exc.strerror}") from None
    return sock


def serve(
    graph_path: str | Path,
    *,
    host: str,
    port: int,
    timeout: float,
    max_rows: int,
    workers: int | None = None,
    ready: Callable[[str, int | None], None] | None = None,
    store_url: str | None = None,
) -> None:
    """Serve a graph over HTTP until interrupted (Ctrl+C, SIGTERM).

    Args:
        graph_path: a build folder or graph file (see :func:`kg.queries.open_graph`).
        host: the address to listen on; 127.0.0.1 admits this machine only.
        port: the TCP port; 0 picks a free one.
        timeout: seconds a query may run (and wait for a worker).
        max_rows: the most rows (or triples) of a result.
        workers: query worker processes; None for :func:`default_workers`.
        ready: called with the server's URL and the number of quads (None for a remote store)
            once it listens.
        store_url: serve this SPARQL server's graph (:class:`kg.remote.RemoteStore`) instead of
            ``graph_path``; the time limit, row limit and read-only rules apply as to a file.

    Raises:
        ServeError: the address cannot be listened on (e.g. the port is in use), or the system
            cannot fork.
        GraphFileError: the graph cannot be loaded.
        QueryFileError: a saved query's header is malformed.
    """
    import uvicorn  # here: importing it is slow and only serving needs it

    sock = _listen(host, port)
    try:
        pool = WorkerPool(
            graph_path,
            workers=workers or default_workers(),
            timeout=timeout,
            inherited=[sock.fileno()],
            store_url=store_url,
        )
        try:
            app = create_app(pool, max_rows=max_rows, host=host)
            bound = sock.getsockname()
            name = f"[{bound[0]}]" if sock.family == socket.AF_INET6 else bound[0]
            if ready is not None:
                ready(f"http://{name}:{bound[1]}/", pool.quads)
            config = uvicorn.Config(app, log_level="warning", access_log=False, server_header=False, lifespan="off")
            uvicorn.Server(config).run(sockets=[sock])
        finally:
            pool.close()
    finally:
        sock.close()
