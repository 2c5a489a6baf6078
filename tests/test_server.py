"""Tests for kg.serve.app and ``kg serve``: real HTTP against servers started as ``kg serve`` processes.

Fixtures:
- The served graph is tests/data/queries/fixture.trig (origin: tests/data/README.md, heading
  "queries") with one more report graph appended by :data:`HOSTILE` below, written for these
  tests: an invented program located in 疏附县 whose labels, statement sentence, report title and
  URL carry ``<script>``, ``<img onerror>``, ``<b onmouseover>`` and ``javascript:`` payloads that
  set ``window.__xss``. Everything in it is made up.
- Each server is ``python -m kg.cli serve`` on 127.0.0.1, port 0 (the system picks a free port; the
  URL is read from the command's first line of output; its log goes to a file beside the graph).
  ``server`` has a generous time limit and a row limit of 50; ``strict_server`` a time limit of
  3 s, against :data:`HEAVY`, a count over a four-fold cross join of the graph's ~2,300 quads
  (about 3·10^13 rows: it cannot end in time on any machine), while quick queries take
  milliseconds.
- The injection string is the one of issue 3, as in tests/test_queries.py.
- Browser tests drive Debian's /usr/bin/chromium through the ``browser`` fixture of conftest.py.
"""

import csv
import io
import json
import re
import select
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from conftest import needs_chromium
from SPARQLWrapper import CSV, JSON, JSONLD, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg.cli import cli
from kg.query.saved import list_queries
from kg.serve.app import CSP
from kg.serve.protocol import negotiate

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "data" / "queries" / "fixture.trig"
RES = "https://w3id.org/aid-kg/resource/"
ORCHARD = RES + "program/xing-hua-gu-lin-guo-ti-zhi-xiang-mu-a81c55e0"
ORCHARD_SENTENCE = (
    "本报讯 近日，广东省援疆前方指挥部在喀什地区疏附县托克扎克镇团结村启动杏花谷林果提质项目，改造提升果园300余亩。"
)
ORCHARD_REPORT = "广东援疆助力疏附县林果产业提质增效"
ORCHARD_URL = "https://news.example.org/2024/05/shufu-orchard.html"
TOWNSHIP = RES + "place/653121-tuo-ke-zha-ke-zhen-5b0e61d2"
HOSTILE_PROGRAM = RES + "program/hostile-test-5e1d9c02"
SCRIPT_LABEL = "<script>window.__xss=1</script>绿洲测试项目"
IMG_LABEL = '<img src=x onerror="window.__xss=1">'
HOSTILE_SENTENCE = '<img src=x onerror="window.__xss=1">绿洲测试项目在疏附县实施。'
HOSTILE = r"""
res:graph\/doc\/hostile-test-5e1d9c02 {
    res:doc\/hostile-test-5e1d9c02 a aid:Document ;
        schema:name "<b onmouseover=\"window.__xss=1\">测试报道</b>" ;
        schema:url "javascript:window.__xss=1" ;
        aid:text "<img src=x onerror=\"window.__xss=1\">绿洲测试项目在疏附县实施。" .
    res:program\/hostile-test-5e1d9c02 a aid:Project ;
        rdfs:label "<script>window.__xss=1</script>绿洲测试项目"@zh ,
            "<img src=x onerror=\"window.__xss=1\">"@en ;
        aid:locatedIn res:place\/653121 .
    res:stmt\/hostile-test-0001 a aid:Statement ;
        rdf:subject res:program\/hostile-test-5e1d9c02 ; rdf:predicate aid:locatedIn ; rdf:object res:place\/653121 ;
        prov:wasDerivedFrom res:doc\/hostile-test-5e1d9c02 ;
        aid:inSentence [ a aid:Sentence ;
            aid:sentence "<img src=x onerror=\"window.__xss=1\">绿洲测试项目在疏附县实施。" ] ;
        aid:startOffset 0 ; aid:endOffset 49 ; aid:evidenceStrength "explicit" .
}
"""
INJECTION = '新和县" } ; DROP ALL ; #'
ZH_COUNTIES = "SELECT ?county ?label WHERE { ?county a aid:County ; rdfs:label ?label FILTER (lang(?label) = 'zh') }"
COUNTY_NAMES = {"疏附县", "疏勒县", "越秀区"}
LABELS_OF_COUNTIES = (
    "CONSTRUCT { ?county rdfs:label ?label } "
    "WHERE { ?county a aid:County ; rdfs:label ?label FILTER (lang(?label) = 'zh') }"
)
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
QUICK = "ASK { ?county a aid:County }"
MAX_ROWS = 50
TIME_LIMIT = 3
STARTUP_SECONDS = 120
URL = re.compile(r"at (http://\S+/) ")


# --- servers --------------------------------------------------------------------------------------


class Server:
    """A ``kg serve`` process and its URL."""

    def __init__(self, graph: Path | None, log: Path, *options: str):
        source = ["--graph", str(graph)] if graph is not None else []
        with open(log, "w", encoding="utf-8") as stderr:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "kg.cli", "serve", *source, "--port", "0", *options],
                cwd=REPO,
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
            )
        readable, _, _ = select.select([self.process.stdout], [], [], STARTUP_SECONDS)
        line = self.process.stdout.readline() if readable else ""
        match = URL.search(line)
        if match is None:
            self.stop()
            raise RuntimeError(f"kg serve did not start: {line!r} {log.read_text(encoding='utf-8')}")
        self.first_line = line
        self.url = match[1]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("serve") / "graph.trig"
    path.write_text(FIXTURE.read_text(encoding="utf-8") + HOSTILE, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def server(graph_file):
    running = Server(
        graph_file,
        graph_file.with_name("server.log"),
        "--timeout",
        "120",
        "--max-rows",
        str(MAX_ROWS),
        "--workers",
        "2",
    )
    yield running
    running.stop()


@pytest.fixture(scope="module")
def strict_server(graph_file):
    running = Server(graph_file, graph_file.with_name("strict.log"), "--timeout", str(TIME_LIMIT), "--workers", "2")
    yield running
    running.stop()


class Reply:
    def __init__(self, status: int, headers, body: bytes):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def fetch(url: str, *, data: bytes | None = None, headers: dict | None = None) -> Reply:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=300) as response:
            return Reply(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Reply(error.code, error.headers, error.read())


def get(server: Server, path: str, headers: dict | None = None, **params) -> Reply:
    query = f"?{urllib.parse.urlencode(params, doseq=True)}" if params else ""
    return fetch(server.url + path.lstrip("/") + query, headers=headers)


def sparql(server: Server, query: str, accept: str | None = None, **params) -> Reply:
    return get(server, "sparql", {"Accept": accept} if accept else None, query=query, **params)


def post(server: Server, body: str, content_type: str, path: str = "sparql", accept: str | None = None) -> Reply:
    headers = {"Content-Type": content_type, **({"Accept": accept} if accept else {})}
    return fetch(server.url + path, data=body.encode("utf-8"), headers=headers)


def wrapper(server: Server, query: str, fmt: str) -> SPARQLWrapper:
    client = SPARQLWrapper(server.url + "sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    return client


# --- result formats ---------------------------------------------------------------------------------


def _json_labels(body: str) -> set[str]:
    return {row["label"]["value"] for row in json.loads(body)["results"]["bindings"]}


def _xml_labels(body: str) -> set[str]:
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    return {node.text for node in ET.fromstring(body).findall(".//r:binding[@name='label']/r:literal", ns)}


def _csv_labels(body: str) -> set[str]:
    return {row["label"] for row in csv.DictReader(io.StringIO(body))}


def _tsv_labels(body: str) -> set[str]:
    lines = body.splitlines()
    assert lines[0] == "?county\t?label"
    return {line.split("\t")[1].removesuffix("@zh").strip('"') for line in lines[1:]}


@pytest.mark.parametrize(
    "accept, media_type, labels",
    [
        ("application/sparql-results+json", "application/sparql-results+json", _json_labels),
        ("application/sparql-results+xml", "application/sparql-results+xml", _xml_labels),
        ("text/csv", "text/csv", _csv_labels),
        ("text/tab-separated-values", "text/tab-separated-values", _tsv_labels),
        ("application/json", "application/sparql-results+json", _json_labels),
        (None, "application/sparql-results+json", _json_labels),
    ],
)
def test_select_is_written_in_the_format_asked_for(server, accept, media_type, labels):
    reply = sparql(server, ZH_COUNTIES, accept)
    assert (reply.status, reply.headers.get_content_type(), labels(reply.text)) == (200, media_type, COUNTY_NAMES)


@pytest.mark.parametrize("fmt, labels", [("csv", _csv_labels), ("tsv", _tsv_labels), ("xml", _xml_labels)])
def test_a_format_parameter_wins_over_accept(server, fmt, labels):
    reply = sparql(server, ZH_COUNTIES, "application/sparql-results+json", format=fmt)
    assert labels(reply.text) == COUNTY_NAMES


def test_a_format_field_of_a_posted_form_is_read(server):
    reply = post(
        server, urllib.parse.urlencode({"query": ZH_COUNTIES, "format": "csv"}), "application/x-www-form-urlencoded"
    )
    assert _csv_labels(reply.text) == COUNTY_NAMES


@pytest.mark.parametrize(
    "accept, rdflib_format",
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_construct_is_written_in_the_format_asked_for(server, accept, rdflib_format):
    reply = sparql(server, LABELS_OF_COUNTIES, accept)
    graph = rdflib.Graph().parse(data=reply.text, format=rdflib_format)
    assert (reply.headers.get_content_type(), {str(label) for label in graph.objects()}) == (accept, COUNTY_NAMES)


def test_describe_gives_the_triples_of_a_node(server):
    reply = sparql(server, f"DESCRIBE <{ORCHARD}>", "application/n-triples")
    graph = rdflib.Graph().parse(data=reply.text, format="nt")
    assert rdflib.Literal("杏花谷林果提质项目", lang="zh") in set(graph.objects(rdflib.URIRef(ORCHARD)))


def test_ask_answers_a_boolean(server):
    assert json.loads(sparql(server, QUICK).text) == {"head": {}, "boolean": True}


@pytest.mark.parametrize(
    "body, content_type",
    [
        (urllib.parse.urlencode({"query": ZH_COUNTIES}), "application/x-www-form-urlencoded"),
        (ZH_COUNTIES, "application/sparql-query"),
        (ZH_COUNTIES, "application/sparql-query; charset=utf-8"),
    ],
)
def test_a_query_may_be_posted(server, body, content_type):
    assert _json_labels(post(server, body, content_type).text) == COUNTY_NAMES


def test_the_default_graph_is_the_union_of_the_named_graphs(server):
    reply = sparql(server, "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a aid:Document }")
    assert json.loads(reply.text)["results"]["bindings"][0]["n"]["value"] == "3"


def test_default_graph_uri_chooses_the_default_graph(server):
    reply = sparql(
        server,
        "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a aid:Document }",
        **{"default-graph-uri": RES + "graph/doc/hostile-test-5e1d9c02"},
    )
    assert json.loads(reply.text)["results"]["bindings"][0]["n"]["value"] == "1"


# --- refusals and errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body, content_type",
    [
        (urllib.parse.urlencode({"update": "DROP ALL"}), "application/x-www-form-urlencoded"),
        ("DROP ALL", "application/sparql-update"),
        (
            urllib.parse.urlencode({"query": "INSERT DATA { res:x rdfs:label 'x' }"}),
            "application/x-www-form-urlencoded",
        ),
        (
            urllib.parse.urlencode({"query": "PREFIX ex: <http://ex/> DELETE WHERE { ?s ?p ?o }"}),
            "application/x-www-form-urlencoded",
        ),
    ],
)
def test_an_update_is_refused(server, body, content_type):
    reply = post(server, body, content_type)
    assert (reply.status, "read-only" in reply.text) == (403, True)


def test_a_refused_update_changes_nothing(server):
    post(
        server,
        urllib.parse.urlencode({"update": "INSERT DATA { res:x rdfs:label 'x' }"}),
        "application/x-www-form-urlencoded",
    )
    post(server, "INSERT DATA { res:x rdfs:label 'x' }", "application/sparql-update")
    assert json.loads(sparql(server, "ASK { res:x ?p ?o }").text)["boolean"] is False


def test_service_is_refused(server):
    reply = sparql(server, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert (reply.status, "SERVICE" in reply.text) == (400, True)


def test_a_malformed_query_gets_400_with_the_parsers_message(server):
    reply = sparql(server, "SELECT ?x WHERE { ?x ?y }")
    assert (reply.status, reply.text.splitlines()[0].startswith("SPARQL syntax error at line 1, column")) == (400, True)


def test_sparqlwrapper_raises_query_bad_formed_on_a_malformed_query(server):
    with pytest.raises(QueryBadFormed):
        wrapper(server, "SELECT ?x WHERE { ?x ?y }", JSON).query()


@pytest.mark.parametrize("query", [ZH_COUNTIES, LABELS_OF_COUNTIES])
def test_an_unsupported_accept_gets_406(server, query):
    assert sparql(server, query, "image/png").status == 406


def test_an_unsupported_post_body_gets_415(server):
    assert post(server, ZH_COUNTIES, "text/plain").status == 415


def test_a_request_without_a_query_gets_400(server):
    assert get(server, "sparql").status == 400


# --- limits ---------------------------------------------------------------------------------------------


def test_rows_beyond_the_limit_are_cut_and_the_response_says_so(server):
    reply = sparql(server, "SELECT * WHERE { ?s ?p ?o }")
    rows = json.loads(reply.text)["results"]["bindings"]
    assert (len(rows), reply.headers["X-SPARQL-MaxRows"]) == (MAX_ROWS, str(MAX_ROWS))


def test_triples_beyond_the_limit_are_cut(server):
    reply = sparql(server, "CONSTRUCT WHERE { ?s ?p ?o }", "application/n-triples")
    assert (len(reply.text.splitlines()), reply.headers["X-SPARQL-MaxRows"]) == (MAX_ROWS, str(MAX_ROWS))


def test_a_page_shows_the_rows_within_the_limit_and_says_so(server):
    page = get(server, "/table", query="SELECT * WHERE { ?s ?p ?o }").text
    assert (page.count("<tr>"), f"the first {MAX_ROWS} are shown" in page) == (MAX_ROWS + 1, True)
    # The rows beyond the limit are not read, so not counted either.
    assert f"More than {MAX_ROWS} rows;" in page


def test_a_body_over_a_megabyte_is_refused(server):
    assert post(server, "#" * 1_100_000, "application/sparql-query").status == 413


def test_a_result_within_the_limit_is_not_marked(server):
    assert "X-SPARQL-MaxRows" not in sparql(server, ZH_COUNTIES).headers


def test_a_heavy_query_is_stopped_at_the_time_limit(strict_server):
    reply = sparql(strict_server, HEAVY)
    assert (reply.status, f"time limit of {TIME_LIMIT} s" in reply.text) == (503, True)


def test_a_quick_query_answers_while_a_heavy_one_runs(strict_server):
    heavy: list[Reply] = []
    thread = threading.Thread(target=lambda: heavy.append(sparql(strict_server, HEAVY)))
    thread.start()
    time.sleep(0.5)  # lets the heavy query reach its worker; it then runs until the time limit
    quick = sparql(strict_server, QUICK)
    running = thread.is_alive()
    thread.join()
    assert (quick.status, running, heavy[0].status) == (200, True, 503)


def test_workers_killed_at_the_time_limit_are_replaced(strict_server):
    threads = [threading.Thread(target=sparql, args=(strict_server, HEAVY)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert json.loads(sparql(strict_server, QUICK).text)["boolean"] is True


# --- SPARQLWrapper --------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_reads_every_select_format(server, fmt):
    result = wrapper(server, ZH_COUNTIES, fmt).query().convert()
    if fmt == JSON:
        labels = {row["label"]["value"] for row in result["results"]["bindings"]}
    elif fmt == XML:  # a DOM
        labels = {node.firstChild.data for node in result.getElementsByTagName("literal")}
    else:
        labels = _csv_labels(result.decode()) if fmt == CSV else _tsv_labels(result.decode())
    assert labels == COUNTY_NAMES


@pytest.mark.parametrize("fmt", [TURTLE, JSONLD, RDFXML])
def test_sparqlwrapper_reads_every_construct_format(server, fmt):
    result = wrapper(server, LABELS_OF_COUNTIES, fmt).query().convert()
    graph = result if isinstance(result, rdflib.Graph) else rdflib.Graph().parse(data=result, format="turtle")
    assert {str(label) for label in graph.objects()} == COUNTY_NAMES


def test_sparqlwrapper_posts_a_query(server):
    client = wrapper(server, ZH_COUNTIES, JSON)
    client.setMethod(POST)
    assert {row["label"]["value"] for row in client.query().convert()["results"]["bindings"]} == COUNTY_NAMES


# --- content negotiation (no server) ------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind, accept, formats, expected",
    [
        ("solutions", None, (), "application/sparql-results+json"),
        ("solutions", "*/*", (), "application/sparql-results+json"),
        ("solutions", "text/csv;q=0.5, text/tab-separated-values", (), "text/tab-separated-values"),
        ("solutions", "text/*;q=0.9, application/sparql-results+xml;q=0.8", (), "text/csv"),
        ("solutions", "application/sparql-results+json;q=0, */*;q=0.1", (), "application/sparql-results+xml"),
        ("solutions", "text/html", (), None),
        ("solutions", "text/html", ("tsv",), "text/tab-separated-values"),
        ("solutions", "text/csv", ("nonsense",), "text/csv"),
        ("graph", "application/json", (), "application/ld+json"),
        ("graph", None, ("json-ld", "application/ld+json,application/x-json+ld"), "application/ld+json"),
        ("graph", "application/turtle,text/turtle", (), "text/turtle"),
        ("graph", "text/csv", (), None),
    ],
)
def test_negotiate(kind, accept, formats, expected):
    assert negotiate(kind, accept, formats) == expected


# --- pages ----------------------------------------------------------------------------------------------


def test_the_index_has_a_form_for_every_saved_query_and_parameter(server):
    page = get(server, "/").text
    missing = [
        (saved.name, p.name)
        for saved in list_queries()
        for p in (None, *saved.parameters)
        if f'action="/query/{saved.name}"' not in page or (p and f'name="{p.name}"' not in page)
    ]
    assert missing == []


def test_a_saved_query_runs_with_its_parameter_bound(server):
    page = get(server, "/query/projects-in-place", place="Shufu County").text
    assert ("杏花谷林果提质项目" in page, f'href="/entity?iri={urllib.parse.quote(ORCHARD)}"' in page) == (True, True)


def test_an_injection_is_only_a_name_that_nothing_has(server):
    reply = get(server, "/query/projects-in-place", place=INJECTION)
    after = json.loads(sparql(server, QUICK).text)["boolean"]
    assert (reply.status, "no place in the graph is named" in reply.text, after) == (400, True, True)


def test_a_saved_query_page_without_values_shows_the_form_only(server):
    reply = get(server, "/query/projects-in-place")
    assert (reply.status, 'name="place"' in reply.text, 'class="result"' in reply.text) == (200, True, False)


def test_an_unknown_saved_query_gets_404(server):
    assert get(server, "/query/no-such-query").status == 404


def test_any_sparql_shows_as_a_table(server):
    page = get(server, "/table", query=ZH_COUNTIES).text
    assert all(name in page for name in COUNTY_NAMES)


def test_the_table_page_refuses_an_update(server):
    assert get(server, "/table", query="DROP ALL").status == 403


@pytest.mark.parametrize(
    "text",
    [
        "杏花谷林果提质项目",  # label zh
        "Xinghuagu Orchard Upgrading Project",  # label en
        "Xìnghuāgǔ Línguǒ Tízhì Xiàngmù",  # pinyin
        "aid:Project",  # class
        "广东省援疆前方指挥部",  # a relation out (fundedBy), with the other end's label
        "300余亩",  # a figure
        ORCHARD_SENTENCE,  # evidence
        ORCHARD_REPORT,  # its document
        f'href="{ORCHARD_URL}"',  # the document's source, linked
        "characters 0–57",  # offsets
        "explicit",  # evidence strength
        "fundedBy",  # the predicate of a relation
    ],
)
def test_the_entity_page_shows(server, text):
    assert text in get(server, "/entity", iri=ORCHARD).text


def test_the_entity_page_shows_relations_into_the_entity(server):
    page = get(server, "/entity", iri=RES + "place/653121").text
    into = page.split("<th>from</th>")[1].split("</table>")[0]
    assert f'href="/entity?iri={urllib.parse.quote(TOWNSHIP)}"' in into


def test_the_entity_page_draws_the_network_around(server):
    page = get(server, "/entity", iri=ORCHARD).text
    svg = page[page.index('<svg class="around"') : page.index("</svg>")]
    assert ("广东省援疆前方指挥部" in svg, svg.count("<circle")) == (True, 3)


@pytest.mark.parametrize("iri, status", [(RES + "program/none", 404), ("not an iri", 400)])
def test_an_entity_page_for_no_node(server, iri, status):
    assert get(server, "/entity", iri=iri).status == status


@pytest.mark.parametrize(
    "path", ["/entity?iri=" + urllib.parse.quote(HOSTILE_PROGRAM), "/query/projects-in-place?place=653121"]
)
def test_report_text_reaches_the_page_escaped(server, path):
    page = fetch(server.url + path.lstrip("/")).text
    assert ("<script>window.__xss" in page, "&lt;script&gt;window.__xss=1&lt;/script&gt;" in page) == (False, True)


def test_a_javascript_url_of_a_report_is_not_a_link(server):
    page = get(server, "/entity", iri=HOSTILE_PROGRAM).text
    assert ("javascript:" in page, 'href="javascript' in page) == (False, False)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/query/projects-in-place?place=653121",
        "/entity?iri=" + urllib.parse.quote(ORCHARD),
        "/sparql?query=ASK%7B%7D",
    ],
)
def test_every_response_carries_the_strict_policy(server, path):
    headers = fetch(server.url + path.lstrip("/")).headers
    assert (headers["Content-Security-Policy"], headers["X-Content-Type-Options"]) == (CSP, "nosniff")


@pytest.mark.parametrize("path", ["/network", "/map", "/network?hops=2&around=" + urllib.parse.quote(ORCHARD)])
def test_the_views_are_served_with_their_own_policy(server, path):
    reply = fetch(server.url + path.lstrip("/"))
    policy = reply.headers["Content-Security-Policy"]
    assert (reply.status, "script-src 'sha256-" in policy, policy.endswith("frame-ancestors 'none'")) == (
        200,
        True,
        True,
    )


def test_a_request_for_another_host_name_is_refused(server):
    # A web page that rebinds its DNS name to 127.0.0.1 sends its own name as Host.
    assert get(server, "/", headers={"Host": "attacker.example"}).status == 400


# --- the command -------------------------------------------------------------------------------------


def test_the_server_listens_on_127_0_0_1_by_default(server):
    port = int(server.url.rsplit(":", 1)[1].strip("/"))
    listening = [
        line.split()[1]
        for line in Path("/proc/net/tcp").read_text().splitlines()[1:]
        if line.split()[3] == "0A"  # LISTEN
    ]
    assert (server.url.startswith("http://127.0.0.1:"), f"0100007F:{port:04X}" in listening) == (True, True)


def test_the_host_option_defaults_to_127_0_0_1_and_explains_what_0_0_0_0_exposes():
    host = next(param for param in cli.commands["serve"].params if param.name == "host")
    assert (host.default, "0.0.0.0" in host.help, "every machine" in host.help) == ("127.0.0.1", True, True)


@pytest.mark.parametrize("option", ["timeout", "max_rows", "workers", "host", "port", "graph_path"])
def test_every_option_has_help(option):
    param = next(param for param in cli.commands["serve"].params if param.name == option)
    assert len(param.help or "") > 10


def test_a_missing_graph_is_an_error_not_a_traceback(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--graph", str(tmp_path / "none.trig"), "--port", "0"])
    assert (result.exit_code, result.output.startswith("Error: "), "no such graph file" in result.output) == (
        1,
        True,
        True,
    )


def test_a_port_in_use_is_an_error_not_a_traceback():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--graph", str(FIXTURE), "--port", str(port)])
    assert (result.exit_code, result.output) == (
        1,
        f"Error: port {port} on 127.0.0.1 is in use; choose another with --port\n",
    )


# --- in a browser -------------------------------------------------------------------------------------


class Visit:
    """A page of the server in the browser, with errors and dialogs recorded."""

    def __init__(self, browser, url: str):
        self.page = browser.new_page()
        self.errors, self.dialogs = [], []
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.goto(url)


@pytest.fixture
def visit(browser, server):
    visits = []

    def open_page(path: str) -> Visit:
        visits.append(Visit(browser, server.url + path.lstrip("/")))
        return visits[-1]

    yield open_page
    for opened in visits:
        opened.page.close()


@pytest.mark.browser
@needs_chromium
def test_browser_runs_a_saved_query_from_its_form(visit):
    page = visit("/").page
    form = page.locator('form[action="/query/projects-in-place"]')
    form.locator('input[name="place"]').fill("疏附县")
    form.locator("button").click()
    page.wait_for_selector("table.result")
    assert page.locator("table.result a", has_text="杏花谷林果提质项目").count() >= 1


@pytest.mark.browser
@needs_chromium
def test_browser_opens_an_entity_page_from_a_result_and_sees_the_evidence(visit):
    page = visit("/query/projects-in-place?place=" + urllib.parse.quote("疏附县")).page
    page.locator("table.result a", has_text="杏花谷林果提质项目").first.click()
    page.wait_for_selector("blockquote.sentence")
    sentences = page.locator("blockquote.sentence").all_text_contents()
    assert (page.locator("h1").text_content(), ORCHARD_SENTENCE in sentences) == ("杏花谷林果提质项目", True)


@pytest.mark.browser
@needs_chromium
def test_browser_shows_script_in_a_report_as_text_and_runs_nothing(visit):
    opened = visit("/entity?iri=" + urllib.parse.quote(HOSTILE_PROGRAM))
    page = opened.page
    page.hover("p.source a")  # the report's title carries an onmouseover
    shown = (page.locator("h1").text_content(), page.locator("blockquote.sentence").first.text_content())
    ran = page.evaluate("() => window.__xss")
    assert (shown, ran, opened.dialogs) == ((SCRIPT_LABEL, HOSTILE_SENTENCE), None, [])


@pytest.mark.browser
@needs_chromium
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/query/projects-in-place?place=653121",
        "/entity?iri=" + urllib.parse.quote(ORCHARD),
        "/network",
        "/map",
    ],
)
def test_browser_pages_load_without_errors(visit, path):
    opened = visit(path)
    opened.page.wait_for_load_state("load")
    assert opened.errors == []


# --- kg serve --store: the graph of a SPARQL server ------------------------------------------------


@pytest.fixture(scope="module")
def remote_server(graph_file, oxigraph):
    """kg serve in front of an Oxigraph server holding the fixture graph."""
    from kg.query.remote import RemoteStore

    backend = oxigraph()
    RemoteStore(backend.url).upload_build(graph_file.parent)  # graph_file is the folder's graph.trig
    running = Server(None, graph_file.with_name("remote.log"), "--store", backend.url, "--workers", "2")
    yield running
    running.stop()
    backend.stop()


def test_serve_store_names_the_server_it_serves(remote_server):
    assert "Serving http://127.0.0.1:" in remote_server.first_line


def test_serve_store_answers_as_the_file_does(remote_server, server):
    query = "SELECT ?label WHERE { ?x a aid:County ; rdfs:label ?label } ORDER BY ?label"
    assert sparql(remote_server, query, "text/csv").text == sparql(server, query, "text/csv").text


def test_serve_store_refuses_an_update_too(remote_server):
    assert post(remote_server, "update=DROP ALL", "application/x-www-form-urlencoded").status == 403
