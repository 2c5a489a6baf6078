"""The security audit of ``kg serve`` kept as tests: SERVICE in every form found, cross-site
requests, the per-worker memory limit, the warning for a non-loopback address.

Fixtures: the fixture graph of tests/test_server.py (tests/data/queries/fixture.trig, origin in
tests/data/README.md); servers started as there, on 127.0.0.1. ``listener`` is a TCP socket on
127.0.0.1 that each SERVICE below names: it records every connection, and each test asserts it
got none. :data:`MEMORY_HOG` sorts a two-way cross join of the graph's ~2,200 quads (about five
million rows held at once, well over a gigabyte), against a memory limit of 256 MiB.
"""

import json
import socket
import threading
import urllib.parse

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from test_server import FIXTURE, QUICK, Server, fetch, get, post, sparql

import kg.serve.app
from kg.cli import cli
from kg.errors import QuerySyntaxError
from kg.query.saved import check_syntax
from kg.serve.app import exposure_warning

MEMORY_LIMIT = 256
MEMORY_HOG = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1"
PAIRS = "ASK { ?s ?p ?o }"


@pytest.fixture(scope="module")
def listener():
    """A port on 127.0.0.1 that SERVICE would call; ``connections`` lists who did."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    connections = []

    def accept():
        while True:
            try:
                connection, _ = sock.accept()
            except OSError:  # closed at the end of the module
                return
            connections.append(connection.recv(200))
            connection.close()

    threading.Thread(target=accept, daemon=True).start()
    yield sock.getsockname()[1], connections
    sock.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = Server(FIXTURE, tmp_path_factory.mktemp("hardening") / "server.log", "--workers", "2")
    yield running
    running.stop()


def _service(port: int, keyword: str = "SERVICE") -> str:
    return f"{keyword} <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }}"


# Each form of the audit: a query whose SERVICE a text check missed or might miss.
FORMS = {
    "plain": "SELECT * WHERE {{ {s} }}",
    "comment ended by a bare CR": "SELECT * WHERE {{ # x\r{s} }}",
    "comment ended by CRLF": "SELECT * WHERE {{ # x\r\n{s} }}",
    "after an IRI holding \\u0041#": "SELECT * WHERE {{ <http://a/\\u0041#> ?p ?o . {s} }}",
    "between two \\u0022 strings": 'SELECT * WHERE {{ ?a ?b "\\u0022" . {s} . ?c ?d "\\u0022" . }}',
    "lower case": "select * where {{ {lower} }}",
    "in OPTIONAL": "SELECT * WHERE {{ ?a ?b ?c OPTIONAL {{ {s} }} }}",
    "in UNION": "SELECT * WHERE {{ {{ ?a ?b ?c }} UNION {{ {s} }} }}",
    "in a subquery": "SELECT * WHERE {{ {{ SELECT * WHERE {{ {s} }} }} }}",
    "in FILTER EXISTS": "SELECT * WHERE {{ ?a ?b ?c FILTER EXISTS {{ {s} }} }}",
    "in FILTER NOT EXISTS": "SELECT * WHERE {{ ?a ?b ?c FILTER NOT EXISTS {{ {s} }} }}",
    "in MINUS": "SELECT * WHERE {{ ?a ?b ?c MINUS {{ {s} }} }}",
    "in a projected EXISTS": "SELECT (EXISTS {{ {s} }} AS ?x) WHERE {{ }}",
    "in ASK": "ASK {{ {s} }}",
    "in CONSTRUCT": "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {s} }}",
    "SILENT": "SELECT * WHERE {{ {silent} }}",
}


@pytest.mark.parametrize("form", FORMS.values(), ids=FORMS.keys())
def test_service_is_refused_and_calls_nothing(server, listener, form):
    port, connections = listener
    query = form.format(s=_service(port), lower=_service(port, "service"), silent=_service(port, "SERVICE SILENT"))
    reply = sparql(server, query)
    assert (400 <= reply.status < 500, connections) == (True, [])


def test_the_table_page_refuses_service_too(server, listener):
    port, connections = listener
    reply = get(server, "/table", query=FORMS["comment ended by a bare CR"].format(s=_service(port)))
    assert (reply.status, connections) == (400, [])


def test_a_query_that_only_mentions_service_runs(server):
    reply = sparql(server, "ASK { ?s ?p 'public service' } # SERVICE <http://127.0.0.1:9/> {}")
    assert json.loads(reply.text)["boolean"] is False


_ENDS = st.sampled_from(["\n", "\r", "\r\n"])
_SPACE = st.text(alphabet=" \t\r\n", min_size=1, max_size=3)
_KEYWORD = st.sampled_from(["SERVICE", "service", "SeRvIcE", "sErViCe", "SERVICE SILENT", "service silent"])
_IRI_ESCAPE = st.sampled_from(["", "\\u0041", "\\u0041#", "\\U00000041#", "\\u003E", "\\u0022"])
_WRAP = st.sampled_from(
    [
        "{}",
        "?a ?b ?c OPTIONAL {{ {} }}",
        "{{ ?a ?b ?c }} UNION {{ {} }}",
        "{{ SELECT * WHERE {{ {} }} }}",
        "?a ?b ?c FILTER EXISTS {{ {} }}",
        "?a ?b ?c FILTER (NOT EXISTS {{ {} }})",
        "GRAPH ?g {{ {} }}",
    ]
)


@settings(max_examples=150, deadline=None)
@given(
    comment=st.text(alphabet=st.characters(blacklist_characters="\r\n"), max_size=8),
    end=_ENDS,
    space=_SPACE,
    keyword=_KEYWORD,
    escape=_IRI_ESCAPE,
    wrap=_WRAP,
    depth=st.integers(1, 3),
)
def test_service_in_any_spelling_is_refused_before_it_runs(listener, comment, end, space, keyword, escape, wrap, depth):
    port, connections = listener
    pattern = (
        f"<http://a/{escape}> ?p ?o .{space}#{comment}{end}{keyword}{space}<http://127.0.0.1:{port}/> {{ ?s ?p ?o }}"
    )
    for _ in range(depth):
        pattern = wrap.format(pattern)
    with pytest.raises(QuerySyntaxError):
        check_syntax(f"SELECT * WHERE {{ {pattern} }}")
    assert connections == []


# --- cross-site requests --------------------------------------------------------------------------


def test_a_cross_site_post_is_refused(server):
    reply = fetch(
        server.url + "sparql",
        data=urllib.parse.urlencode({"query": QUICK}).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": "https://attacker.example"},
    )
    assert reply.status == 403


def test_a_same_origin_post_is_answered(server):
    reply = fetch(
        server.url + "sparql",
        data=urllib.parse.urlencode({"query": QUICK}).encode(),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": server.url.rstrip("/"),
            "Sec-Fetch-Site": "same-origin",
        },
    )
    assert json.loads(reply.text)["boolean"] is True


@pytest.mark.parametrize("site", ["cross-site", "same-site"])
def test_a_get_of_the_endpoint_from_another_site_is_refused(server, site):
    assert get(server, "sparql", {"Sec-Fetch-Site": site}, query=QUICK).status == 403


def test_a_page_may_be_linked_from_another_site(server):
    assert get(server, "/", {"Sec-Fetch-Site": "cross-site"}).status == 200


def test_a_post_without_origin_is_answered(server):
    assert json.loads(post(server, QUICK, "application/sparql-query").text)["boolean"] is True


# --- the memory limit ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_server(tmp_path_factory):
    log = tmp_path_factory.mktemp("memory") / "server.log"
    running = Server(FIXTURE, log, "--memory-limit", str(MEMORY_LIMIT), "--timeout", "120", "--workers", "1")
    yield running
    running.stop()


def test_a_query_over_the_memory_limit_gets_503_and_the_next_one_works(small_server):
    hog = sparql(small_server, MEMORY_HOG)
    after = sparql(small_server, PAIRS)
    assert (hog.status, f"memory limit of {MEMORY_LIMIT} MiB" in hog.text, json.loads(after.text)["boolean"]) == (
        503,
        True,
        True,
    )


# --- --host ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "host, warned", [("127.0.0.1", False), ("localhost", False), ("::1", False), ("0.0.0.0", True)]
)
def test_only_a_non_loopback_host_is_warned_about(host, warned):
    assert (exposure_warning(host) is not None) == warned


def test_serve_prints_the_warning_first(monkeypatch):
    monkeypatch.setattr(kg.serve.app, "serve", lambda *args, **kwargs: None)
    result = CliRunner().invoke(cli, ["serve", "--graph", str(FIXTURE), "--host", "0.0.0.0"])
    assert result.output.splitlines()[0] == f"Warning: {exposure_warning('0.0.0.0')}"
