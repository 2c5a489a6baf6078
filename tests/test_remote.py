"""Tests for kg.query.remote: a real Oxigraph server queried and loaded over HTTP, against the embedded store.

Fixtures:
- The graph: kg.build.build of the bundled corpus (data/corpus/, so that every saved query's
  parameter examples name something) together with the three made-up reports of
  tests/data/build/corpus/ (origin in tests/data/README.md, heading "build"), built once per module
  into a temporary folder. No name of the sample article is written here: the saved queries'
  own examples are used.
- The server: the ``oxigraph`` binary of the PyPI package ``oxigraph`` (requirements.txt), started
  in memory on 127.0.0.1 at a free port, once as installed (its default graph is a graph of its
  own, so the build's union is copied there) and once with ``--union-default-graph``.
- The made-up triple added to a document graph, the silent socket (a server that never answers)
  and the small HTTP server that answers HTML or records headers are written in this file.
"""

import collections
import http.server
import shutil
import socket
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from conftest import free_port
from rdflib import Literal

import kg.query.remote
from kg.build import build
from kg.cli import cli
from kg.errors import (
    GraphFileError,
    ParameterError,
    StoreError,
    StoreResponseError,
    StoreTimeoutError,
    StoreUnavailableError,
    UnknownNameError,
)
from kg.query.remote import RemoteStore, endpoints
from kg.query.saved import list_queries, open_graph, run_query

REPO = Path(__file__).resolve().parents[1]
CORPORA = [REPO / "data" / "corpus", REPO / "tests" / "data" / "build" / "corpus"]
ADDED = ox.Triple(
    ox.NamedNode("https://example.org/test/added"),
    ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment"),
    ox.Literal("重新载入的报道", language="zh"),
)
ALL_QUADS = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
# True when the default graph and the union of the named graphs differ, as sets of triples.
# The default graph is the union of the data graphs: the index graph (kg.query.index) stays out.
DATA_GRAPH = "FILTER (?g != <https://w3id.org/aid-kg/resource/graph/index>)"
DEFAULT_DIFFERS = f"""ASK {{
  {{ ?s ?p ?o FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} {DATA_GRAPH} }} }}
  UNION {{ GRAPH ?g {{ ?s ?p ?o }} {DATA_GRAPH} FILTER NOT EXISTS {{ ?s ?p ?o }} }}
}}"""


def _cases():
    """(query, parameters) of every saved query: with all its examples, and with only the required ones."""
    cases = []
    for saved in list_queries():
        cases.append(pytest.param(saved, {p.name: p.example for p in saved.parameters}, id=f"{saved.name}-all"))
        if any(p.optional for p in saved.parameters):
            required = {p.name: p.example for p in saved.parameters if not p.optional}
            cases.append(pytest.param(saved, required, id=f"{saved.name}-required"))
    return cases


def _bag(rows) -> collections.Counter:
    """Rows as a multiset; a GROUP_CONCAT cell (``a; b``) as the set of its items, in whatever order
    a store concatenated them."""
    return collections.Counter(
        tuple(
            (frozenset(cell.split("; ")), cell.language, cell.datatype) if isinstance(cell, Literal) else cell
            for cell in row
        )
        for row in rows
    )


def _without(contents: dict, graph: str) -> dict:
    return {name: triples for name, triples in contents.items() if name != graph}


def _contents(store: RemoteStore) -> dict[str, set[tuple[str, str, str]]]:
    """Every named graph of the server, as sets of triples written as N-Triples terms."""
    graphs = collections.defaultdict(set)
    for row in store.query(ALL_QUADS):
        graphs[row["g"].value].add((str(row["s"]), str(row["p"]), str(row["o"])))
    return dict(graphs)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("build")
    build(CORPORA, out)
    return out


@pytest.fixture(scope="module")
def embedded(built):
    return open_graph(built)


@pytest.fixture(scope="module", params=["copy", "union"])
def loaded(request, built, oxigraph):
    """A server holding the build: its default graph a copy of the union, or the server's own union."""
    union = request.param == "union"
    server = oxigraph(*(["--union-default-graph"] if union else []))
    store = RemoteStore(server.url, union_default=union)
    store.upload_build(built)
    yield store
    server.stop()


@pytest.fixture
def server(oxigraph):
    """A fresh, empty Oxigraph server as installed (default graph of its own), for tests that change it."""
    running = oxigraph()
    yield running
    running.stop()


@pytest.fixture
def doc_graphs(embedded):
    """The IRIs of the build's document graphs, sorted."""
    rows = embedded.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    return sorted(row["g"].value for row in rows if "/graph/doc/" in row["g"].value)


@pytest.mark.parametrize(("saved", "params"), _cases())
def test_saved_query_answers_as_the_embedded_store(loaded, embedded, saved, params):
    expected = run_query(embedded, saved, params)
    answer = run_query(loaded, saved, params)
    assert expected.rows, "the example should find something, or the comparison proves nothing"
    assert answer.columns == expected.columns
    assert _bag(answer.rows) == _bag(expected.rows)


def test_an_iri_parameter_is_looked_up_on_the_server(loaded, embedded):
    place = next(p for p in list_queries() if p.name == "places-in").parameters[0].example
    iri = run_query(embedded, sparql=f'SELECT ?x WHERE {{ ?x rdfs:label "{place}"@zh }}').rows[0][0]
    by_iri = run_query(loaded, "places-in", {"place": str(iri)})
    assert by_iri.rows == run_query(loaded, "places-in", {"place": place}).rows


def test_an_iri_the_server_lacks_is_a_parameter_error(loaded):
    with pytest.raises(ParameterError, match="the graph has no node"):
        run_query(loaded, "places-in", {"place": "res:place/000000"})


def test_an_unknown_name_fails_as_on_the_embedded_store(loaded, embedded):
    with pytest.raises(UnknownNameError) as local:
        run_query(embedded, "places-in", {"place": "不存在的地方县"})
    with pytest.raises(UnknownNameError) as remote:
        run_query(loaded, "places-in", {"place": "不存在的地方县"})
    assert str(remote.value) == str(local.value)


def test_an_ask_query_answers_a_boolean(loaded):
    assert run_query(loaded, sparql="ASK { ?x a aid:County }").boolean is True


def test_upload_makes_the_default_graph_the_set_union(server, built, embedded):
    store = RemoteStore(server.url)
    upload = store.upload_build(built)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert upload.default is True
    assert not store.query(DEFAULT_DIFFERS)
    assert run_query(store, sparql=count).rows == run_query(embedded, sparql=count).rows


def test_a_server_with_its_own_union_gets_no_copy(built, oxigraph):
    union_server = oxigraph("--union-default-graph")
    try:
        store = RemoteStore(union_server.url, union_default=True)
        assert store.upload_build(built).default is False
        # Oxigraph's union is a bag over all graphs, the default one included: with no copy there,
        # the default graph counts exactly the triples of the named graphs.
        union = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        named = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        assert store.query(union).__next__()["n"] == store.query(named).__next__()["n"]
    finally:
        union_server.stop()


def test_upload_puts_one_named_graph_per_graph_of_the_build(server, built, embedded):
    store = RemoteStore(server.url)
    upload = store.upload_build(built)
    expected = sorted({quad.graph_name.value for quad in embedded if isinstance(quad.graph_name, ox.NamedNode)})
    assert sorted(upload.replaced) == expected
    assert store.graphs() == expected


def test_a_graph_larger_than_a_piece_arrives_whole(server, built, embedded, monkeypatch):
    monkeypatch.setattr(kg.query.remote, "_CHUNK", 100)
    store = RemoteStore(server.url)
    store.upload_build(built)
    count = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    assert {(r["g"], r["n"]) for r in store.query(count)} == {(r["g"], r["n"]) for r in embedded.query(count)}


def test_replace_graph_changes_only_that_graph(server, built, doc_graphs):
    store = RemoteStore(server.url)
    store.upload_build(built)
    before = _contents(store)
    store.replace_graph(doc_graphs[0], ox.serialize([ADDED], format=ox.RdfFormat.N_TRIPLES))
    after = _contents(store)
    assert after[doc_graphs[0]] == {(str(ADDED.subject), str(ADDED.predicate), str(ADDED.object))}
    assert _without(after, doc_graphs[0]) == _without(before, doc_graphs[0])


def _changed_build(built: Path, folder: Path, graphs: list[str]) -> Path:
    """A copy of the build in which each of ``graphs`` lost half its triples and gained ADDED."""
    store = ox.Store()
    store.bulk_load(path=str(built / "graph.trig"), format=ox.RdfFormat.TRIG)
    for graph in map(ox.NamedNode, graphs):
        for quad in sorted(store.quads_for_pattern(None, None, None, graph), key=str)[::2]:
            store.remove(quad)
        store.add(ox.Quad(ADDED.subject, ADDED.predicate, ADDED.object, graph))
    store.dump(str(folder / "graph.trig"), format=ox.RdfFormat.TRIG)
    ox.serialize(set(q.triple for q in store), str(folder / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    return folder


def test_upload_only_replaces_the_given_graphs(server, built, doc_graphs, tmp_path):
    store = RemoteStore(server.url)
    store.upload_build(built)
    before = _contents(store)
    changed = _changed_build(built, tmp_path, doc_graphs[:2])
    upload = store.upload_build(changed, only=[doc_graphs[0]])
    after = _contents(store)
    expected = collections.defaultdict(set)
    for quad in ox.parse(path=str(changed / "graph.trig"), format=ox.RdfFormat.TRIG):
        expected[quad.graph_name.value].add((str(quad.subject), str(quad.predicate), str(quad.object)))
    assert upload.replaced == [doc_graphs[0]]
    assert after[doc_graphs[0]] == expected[doc_graphs[0]]
    assert _without(after, doc_graphs[0]) == _without(before, doc_graphs[0])


def test_upload_only_keeps_the_default_graph_the_union(server, built, doc_graphs, tmp_path):
    store = RemoteStore(server.url)
    store.upload_build(_changed_build(built, tmp_path, doc_graphs[:1]))
    store.upload_build(built, only=[doc_graphs[0]])
    assert not store.query(f"ASK {{ {ADDED} }}")
    assert not store.query(DEFAULT_DIFFERS)


def test_upload_drops_the_graphs_of_removed_documents(server, built, doc_graphs):
    store = RemoteStore(server.url)
    store.upload_build(built)
    before = store.graphs()
    upload = store.upload_build(built, only=[], drop=[doc_graphs[0]])
    assert upload.dropped == [doc_graphs[0]]
    assert store.graphs() == [g for g in before if g != doc_graphs[0]]


def test_a_dropped_document_leaves_the_default_graph(server, built, doc_graphs):
    store = RemoteStore(server.url)
    store.upload_build(built)
    document = f"<{doc_graphs[0].replace('/graph/doc/', '/doc/')}>"
    assert store.query(f"ASK {{ {document} ?p ?o }}")
    store.upload_build(built, only=[], drop=[doc_graphs[0]])
    assert not store.query(f"ASK {{ {document} ?p ?o }}")
    assert not store.query(DEFAULT_DIFFERS)


def test_replace_default_replaces_the_default_graph(server, built):
    store = RemoteStore(server.url)
    store.upload_build(built)
    store.replace_default(ox.serialize([ADDED], format=ox.RdfFormat.N_TRIPLES))
    assert [tuple(row) for row in store.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")] == [tuple(ADDED)]


def test_dropping_a_graph_the_server_lacks_is_not_an_error(server):
    assert RemoteStore(server.url).drop_graph("https://example.org/test/no-such-graph") is False


def test_upload_needs_a_build_folder(server, tmp_path):
    with pytest.raises(GraphFileError, match="graph.trig"):
        RemoteStore(server.url).upload_build(tmp_path)


# --- publish: kg build --store -------------------------------------------------------------------

NEW_REPORT = "2024年5月，广东援疆前方指挥部在喀什地区疏附县启动“石榴籽”助学计划，惠及学生三百名。"


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A copy of the made-up reports of tests/data/build/corpus/, to change between builds."""
    return shutil.copytree(CORPORA[1], tmp_path / "corpus")


def _graphs_of(out: Path) -> dict[str, set]:
    graphs = collections.defaultdict(set)
    for quad in ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG):
        graphs[quad.graph_name.value].add((str(quad.subject), str(quad.predicate), str(quad.object)))
    return dict(graphs)


def _named_on_server(store: RemoteStore) -> dict[str, set]:
    # The ontology's blank nodes are named anew by every parse, so its graph is compared apart.
    return {g: triples for g, triples in _contents(store).items() if not g.endswith("/graph/ontology")}


def _named_in_build(out: Path) -> dict[str, set]:
    return {g: triples for g, triples in _graphs_of(out).items() if not g.endswith("/graph/ontology")}


@pytest.fixture
def published(server, corpus, tmp_path) -> tuple[Path, RemoteStore]:
    """The corpus built into tmp_path/out and published to the empty server."""
    out = tmp_path / "out"
    report = build([corpus], out)
    store = RemoteStore(server.url)
    store.publish(out, report.documents, report.extracted)
    return out, store


def test_publish_loads_a_whole_build_into_an_empty_server(published):
    out, store = published
    assert _named_on_server(store) == _named_in_build(out)


def test_publish_puts_only_the_changed_document_and_the_corpus_graphs(published, corpus):
    out, store = published
    (corpus / "hotan_health.md").write_text(NEW_REPORT, encoding="utf-8")
    report = build([corpus], out)
    upload = store.publish(out, report.documents, report.extracted)
    names = sorted(graph.rsplit("/graph/", 1)[1].split("/")[0] for graph in upload.replaced)
    assert names == ["closure", "doc", "entities", "gazetteer", "index", "ontology"]
    assert _named_on_server(store) == _named_in_build(out)


def test_publish_drops_the_graph_of_a_removed_document(published, corpus):
    out, store = published
    (corpus / "hotan_football.txt").unlink()
    report = build([corpus], out)
    upload = store.publish(out, report.documents, report.extracted)
    assert len(upload.dropped) == 1 and "hotan-football" in upload.dropped[0]
    assert _named_on_server(store) == _named_in_build(out)
    assert not store.query(DEFAULT_DIFFERS)


def test_cli_build_store_loads_the_build(server, corpus, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["build", str(corpus), "--out", str(out), "--no-views", "--store", server.url]
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == f"Loaded {len(_graphs_of(out))} graph(s) into {server.url}, dropped 0."
    assert _named_on_server(RemoteStore(server.url)) == _named_in_build(out)


@pytest.mark.parametrize(
    ("url", "kind", "query", "update", "store", "union"),
    [
        ("http://h:7878", "oxigraph", "http://h:7878/query", "http://h:7878/update", "http://h:7878/store", False),
        ("http://h:7878/", "oxigraph", "http://h:7878/query", "http://h:7878/update", "http://h:7878/store", False),
        (
            "http://h:3030/ds",
            "fuseki",
            "http://h:3030/ds/sparql",
            "http://h:3030/ds/update",
            "http://h:3030/ds/data",
            False,
        ),
        (
            "http://h:3030/ds/sparql",
            "fuseki",
            "http://h:3030/ds/sparql",
            "http://h:3030/ds/update",
            "http://h:3030/ds/data",
            False,
        ),
        (
            "http://h:7200/repositories/aid",
            "graphdb",
            "http://h:7200/repositories/aid",
            "http://h:7200/repositories/aid/statements",
            "http://h:7200/repositories/aid/rdf-graphs/service",
            True,
        ),
        (
            "http://h:8890/sparql",
            "virtuoso",
            "http://h:8890/sparql",
            "http://h:8890/sparql",
            "http://h:8890/sparql-graph-crud",
            True,
        ),
        (
            "neptune+https://h:8182",
            "neptune",
            "https://h:8182/sparql",
            "https://h:8182/sparql",
            "https://h:8182/sparql/gsp/",
            True,
        ),
        ("oxigraph+http://h/kg", "oxigraph", "http://h/kg/query", "http://h/kg/update", "http://h/kg/store", False),
    ],
)
def test_endpoints_follow_the_server_convention(url, kind, query, update, store, union):
    assert endpoints(url) == kg.query.remote.Endpoints(kind, query, update, store, union)


def test_explicit_endpoints_override_the_convention():
    found = endpoints("http://h:7878", query_url="http://q/sparql", update_url="http://u/up", store_url="http://g/gsp")
    assert (found.query, found.update, found.store) == ("http://q/sparql", "http://u/up", "http://g/gsp")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://h/sparql", "not an http"),
        ("h:7878", "not an http"),
        ("stardog+http://h:5820/db", "unknown kind of server 'stardog'"),
    ],
)
def test_a_url_that_names_no_server_is_refused(url, message):
    with pytest.raises(StoreError, match=message):
        RemoteStore(url)


def test_a_server_that_is_down_is_a_clear_error():
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(StoreUnavailableError, match=f"^{url}/query: cannot connect"):
        RemoteStore(url).query("ASK {}")


def test_a_missing_endpoint_is_an_http_error_naming_the_url(server):
    with pytest.raises(StoreResponseError, match=f"^{server.url}/nowhere: HTTP 404") as error:
        RemoteStore(server.url, query_url=f"{server.url}/nowhere").query("ASK {}")
    assert error.value.status == 404


def test_a_query_the_server_refuses_keeps_its_message(server):
    with pytest.raises(StoreResponseError, match="HTTP 400 Bad Request: error at 1:") as error:
        RemoteStore(server.url).query("SELEC")
    assert error.value.status == 400


def test_a_server_that_never_answers_is_a_timeout():
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()  # accepts connections into its backlog, and never answers them
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        with pytest.raises(StoreTimeoutError, match=f"^{url}/query: no answer within 0.2 s"):
            RemoteStore(url, timeout=0.2).query("ASK {}")


class _Fake(http.server.BaseHTTPRequestHandler):
    """Answers every POST with an HTML page, and keeps the headers it was sent."""

    seen: list = []

    def do_POST(self):
        self.seen.append(dict(self.headers))
        self.rfile.read(int(self.headers["Content-Length"]))
        body = b"<html><body>login</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake():
    """A local HTTP server that is not a SPARQL server; yields its base URL."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Fake)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Fake.seen = []
    yield f"127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_an_answer_that_is_not_a_sparql_result_is_an_error(fake):
    with pytest.raises(StoreResponseError, match="the answer is text/html, not a SPARQL result"):
        RemoteStore(f"http://{fake}").query("ASK {}")


def test_credentials_are_sent_and_never_shown(fake):
    store = RemoteStore(f"http://reader:s3cret@{fake}")
    with pytest.raises(StoreResponseError) as error:
        store.query("ASK {}")
    assert _Fake.seen[0]["Authorization"] == "Basic cmVhZGVyOnMzY3JldA=="  # reader:s3cret
    assert "s3cret" not in str(error.value) + store.url + repr(store)


def test_cli_query_store_prints_what_graph_prints(loaded, built):
    runner = CliRunner()
    local = runner.invoke(cli, ["query", "funders", "--graph", str(built), "--format", "csv"])
    remote = runner.invoke(cli, ["query", "funders", "--store", loaded.url, "--format", "csv"])
    assert remote.exit_code == 0, remote.output
    assert sorted(remote.output.splitlines()) == sorted(local.output.splitlines())


def test_cli_query_store_down_is_one_error_line():
    url = f"http://127.0.0.1:{free_port()}"
    result = CliRunner().invoke(cli, ["query", "funders", "--store", url])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {url}/query: cannot connect")


def test_cli_query_refuses_graph_and_store_together():
    result = CliRunner().invoke(cli, ["query", "funders", "--graph", "out", "--store", "http://127.0.0.1:1"])
    assert result.exit_code == 2
    assert "not both" in result.output
