"""Browser tests of the network page: Debian's headless Chromium driven by Playwright, over file://.

Skipped when /usr/bin/chromium is missing (CI installs it; ``playwright install`` is never run).

Fixtures:
- tests/data/network/graph.trig (origin: tests/data/README.md, heading "network"), projected with
  kg.views.network.project: 16 entities, 19 links, three funders.
- A hostile report written by the test into tmp_path: invented names, sentence, title and URL
  carrying ``<img onerror>``, ``<script>`` and ``javascript:`` payloads that set ``window.kgXss``
  and call ``alert``.
- A synthetic network of 5,000 invented nodes (places in a hierarchy, 40 funders, programs each in
  a place and funded by one funder), built with networkx by :func:`_synthetic` with a fixed seed.
"""

import json
import random
from pathlib import Path

import networkx as nx
import pytest
from conftest import needs_chromium

from kg.views.network import funder_scope, project
from kg.views.network_page import write_network_html

pytestmark = [pytest.mark.browser, needs_chromium]

FIXTURE = Path(__file__).resolve().parent / "data" / "network" / "graph.trig"
RES = "https://w3id.org/aid-kg/resource/"
CLOUD = RES + "program/yun-duan-ke-tang-yuan-cheng-jiao-xue-xia-cf419c76"
ZEPU = RES + "place/653124"
SHANGHAI = RES + "place/310000"
SENTENCE = "浦东新区援建的云端课堂远程教学项目在泽普县投入使用，泽普县第二中学教师阿依努尔·托合提参与授课。"
IMG = '<img src=x onerror="window.kgXss=1;alert(1)">'
SCRIPT = "<script>window.kgXss=1;alert(1)</script>"
# A page is ready when its layout has settled; a 5,000-node page on a slow CI machine gets time.
READY_TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def network():
    return project(FIXTURE)


@pytest.fixture(scope="module")
def sample(network, tmp_path_factory):
    return write_network_html(network, tmp_path_factory.mktemp("network") / "network.html", title="喀什援疆")


class Visit:
    """A page opened in the browser, with what it requested, logged and popped up recorded."""

    def __init__(self, browser, path: Path):
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.requests, self.errors, self.dialogs = [], [], []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", self._dialog)
        self.page.goto(path.as_uri())
        # Not wait_for_function: it evaluates a string, which the page's CSP (rightly) forbids.
        self.page.wait_for_selector("body[data-ready=true]", state="attached", timeout=READY_TIMEOUT_MS)
        self.iris = self.page.evaluate(
            "JSON.parse(document.getElementById('kg-data').textContent).nodes.map(n => n.iri)"
        )

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def drawn(self, what: str = "node") -> int:
        return self.page.evaluate(f"kgNetwork.body.{what}Indices.length")

    def click_node(self, iri: str) -> None:
        point = self.page.evaluate("i => kgNetwork.canvasToDOM(kgNetwork.getPosition(i))", self.iris.index(iri))
        box = self.page.locator("#network").bounding_box()
        self.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])

    def search(self, text: str) -> str:
        self.page.fill("#query", text)
        self.page.press("#query", "Enter")
        return self.page.locator("#details h2").first.inner_text()

    def labels(self) -> dict[str, list[float]]:
        """The node labels drawn in view: IRI → [left, top, right, bottom] in canvas units. A label is
        drawn when vis-network draws it (not under its drawThreshold on screen) in a colour that is
        not fully transparent."""
        return self.page.evaluate(
            r"""() => {
              const n = kgNetwork, scale = n.getScale(), box = document.getElementById("network").getBoundingClientRect();
              const a = n.DOMtoCanvas({ x: 0, y: 0 }), b = n.DOMtoCanvas({ x: box.width, y: box.height });
              const iris = JSON.parse(document.getElementById("kg-data").textContent).nodes.map((node) => node.iri);
              const shown = {};
              for (const id of n.body.nodeIndices) {
                const node = n.body.nodes[id], m = node.labelModule;
                if (!node.options.label || m.fontOptions.size * scale < node.options.scaling.label.drawThreshold - 1) continue;
                if (/^rgba\(.*,\s*0\)$/.test(node.options.font.color)) continue;
                const l = m.size.left, t = m.size.top, r = l + m.size.width, btm = t + m.size.height;
                if (r < a.x || l > b.x || btm < a.y || t > b.y) continue;
                shown[iris[id]] = [l, t, r, btm];
              }
              return shown;
            }"""
        )

    def close(self):
        self.page.close()


@pytest.fixture
def visit(browser):
    visits = []

    def open_page(path: Path) -> Visit:
        visits.append(Visit(browser, path))
        return visits[-1]

    yield open_page
    for opened in visits:
        opened.close()


def _tour(page: Visit) -> None:
    """Use every control once: click, search, labels, filters."""
    page.click_node(CLOUD)
    page.page.locator("#details button.link").first.click()
    page.search("zepu")
    page.page.select_option("#language", "both")
    page.page.select_option("#funder", label=page.page.locator("#funder option").nth(1).inner_text())
    page.page.locator("#classes input").first.uncheck()


def _literal(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a Turtle string


def _synthetic(count: int = 5000, seed: int = 1) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    network = nx.MultiDiGraph()

    def add(iri: str, top: str, name: str) -> str:
        network.add_node(iri, **{"class": top}, top=top, label_zh=name, label_en=None, label_pinyin=None, evidence=[])
        return iri

    places = [add(RES + "place/0", "Place", "测试地0")]
    for i in range(1, count // 10):
        places.append(add(RES + f"place/{i}", "Place", f"测试地{i}"))
        network.add_edge(places[-1], rng.choice(places[: max(1, i // 2)]), key="partOf", predicate="partOf")
    funders = [add(RES + f"org/{i}", "Organization", f"测试指挥部{i}") for i in range(40)]
    while network.number_of_nodes() < count:
        program = add(RES + f"program/{network.number_of_nodes()}", "Program", f"测试项目{network.number_of_nodes()}")
        network.add_edge(program, rng.choice(places), key="locatedIn", predicate="locatedIn")
        network.add_edge(program, rng.choice(funders), key="fundedBy", predicate="fundedBy")
    return network


def test_drawn_nodes_match_the_graph(visit, sample, network):
    assert visit(sample).drawn("node") == network.number_of_nodes()


def test_drawn_edges_match_the_graph(visit, sample, network):
    assert visit(sample).drawn("edge") == network.number_of_edges()


def test_click_on_a_node_shows_its_evidence(visit, sample):
    page = visit(sample)
    page.click_node(CLOUD)
    details = page.page.locator("#details")
    assert (details.locator("h2").first.inner_text(), SENTENCE in details.inner_text()) == (
        "云端课堂远程教学项目",
        True,
    )


def test_evidence_links_to_the_report(visit, sample):
    page = visit(sample)
    page.click_node(CLOUD)
    link = page.page.locator("#details a").first
    assert link.get_attribute("href") == "https://news.example.org/kashgar/2024/0612.html"


def test_link_in_the_panel_shows_the_edge_evidence(visit, sample):
    page = visit(sample)
    page.click_node(ZEPU)
    page.page.locator("#details li button", has_text="locatedIn").first.click()
    assert "—locatedIn→" in page.page.locator("#details h2").first.inner_text()


def test_search_finds_a_node_by_any_label(visit, sample):
    page = visit(sample)
    # A short form, English, pinyin without and with tones.
    assert [page.search(text) for text in ("泽普", "Zepu County", "zepu xian", "Zépǔ Xiàn")] == ["泽普县"] * 4


def test_class_filter_hides_the_class(visit, sample, network):
    page = visit(sample)
    page.page.locator("#classes label", has_text="Place").locator("input").uncheck()
    places = sum(1 for _, top in network.nodes(data="top") if top == "Place")
    assert page.drawn() == network.number_of_nodes() - places


def test_predicate_filter_hides_the_links(visit, sample, network):
    page = visit(sample)
    page.page.locator("#predicates label", has_text="partOf").locator("input").uncheck()
    part_of = sum(1 for _, _, key in network.edges(keys=True) if key == "partOf")
    assert page.drawn("edge") == network.number_of_edges() - part_of


def test_funder_filter_shows_what_the_funder_funded(visit, sample, network):
    page = visit(sample)
    page.page.select_option("#funder", value=str(page.iris.index(SHANGHAI)))
    assert page.drawn() == len(funder_scope(network, SHANGHAI))


def test_label_toggle_shows_english(visit, sample):
    page = visit(sample)
    page.page.select_option("#language", "en")
    label = page.page.evaluate("i => kgNetwork.body.data.nodes.get(i).label", page.iris.index(ZEPU))
    assert label == "Zepu County"


def test_nothing_is_requested_from_outside(visit, sample):
    page = visit(sample)
    _tour(page)
    assert [url for url in page.requests if not url.startswith(("file:", "data:"))] == []


def test_no_console_error(visit, sample):
    page = visit(sample)
    _tour(page)
    assert page.errors == []


def test_hostile_report_runs_nothing(visit, tmp_path):
    graph = tmp_path / "graph.trig"
    graph.write_text(
        f"""
        @prefix aid: <https://w3id.org/aid-kg/ontology#> .
        @prefix prov: <http://www.w3.org/ns/prov#> .
        @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix res: <https://w3id.org/aid-kg/resource/> .
        @prefix schema: <https://schema.org/> .
        res:graph\\/doc\\/x {{
          res:doc\\/x a aid:Document ; schema:name {_literal(IMG)} ; schema:url "javascript:window.kgXss=1" .
          res:program\\/x a aid:Program ; rdfs:label {_literal(IMG)}@zh , {_literal(SCRIPT)}@en ;
            aid:locatedIn res:place\\/y .
          res:place\\/y a aid:Place ; rdfs:label {_literal("</script>" + SCRIPT)}@zh .
          res:stmt\\/x a aid:Statement ; rdf:subject res:program\\/x ; rdf:predicate rdf:type ;
            rdf:object aid:Program ; prov:wasDerivedFrom res:doc\\/x ;
            aid:inSentence [ a aid:Sentence ; aid:sentence {_literal(SCRIPT + IMG)} ] .
        }}""",
        encoding="utf-8",
    )
    page = visit(write_network_html(project(graph), tmp_path / "network.html", title=IMG))
    page.click_node(RES + "program/x")
    page.search("img src")
    page.page.select_option("#language", "both")
    shown = page.page.locator("#details").inner_text()
    ran = page.page.evaluate("window.kgXss")
    # The page's CSP would block a payload's script even if it became markup: check the markup too.
    made = page.page.evaluate("document.querySelectorAll('img, script, a[href^=\"javascript\"]').length")
    assert (page.dialogs, ran, page.errors, made, IMG in shown, page.page.title()) == ([], None, [], 3, True, IMG)


def test_large_network_opens_on_its_overview_and_search_draws_the_node(visit, tmp_path):
    network = _synthetic()
    page = visit(write_network_html(network, tmp_path / "network.html"))
    opened = page.drawn()
    name = network.nodes[RES + "program/4321"]["label_zh"]
    found = page.search(name)
    focused = page.page.evaluate("document.body.dataset.focus")
    assert (opened <= 80, found, focused, page.drawn() > opened, page.errors) == (
        True, name, RES + "program/4321", True, [])


def test_the_focus_of_around_is_highlighted_and_centred(visit, network, tmp_path):
    from kg.views.network import around

    page = visit(write_network_html(around(network, ZEPU), tmp_path / "around.html", focus=ZEPU))
    index = page.iris.index(ZEPU)
    border = page.page.evaluate("i => kgNetwork.body.nodes[i].options.borderWidth", index)
    centre = page.page.evaluate("i => kgNetwork.canvasToDOM(kgNetwork.getPosition(i))", index)
    box = page.page.locator("#network").bounding_box()
    shown = page.page.locator("#details h2").first.inner_text()
    assert (page.page.evaluate("document.body.dataset.focus"), border, shown) == (ZEPU, 5, "泽普县")
    assert abs(centre["x"] - box["width"] / 2) < 5 and abs(centre["y"] - box["height"] / 2) < 5


def _overlaps(labels: dict[str, list[float]]) -> list[tuple[str, str]]:
    boxes = sorted(labels.items())
    return [
        (a, b)
        for i, (a, (al, at, ar, ab)) in enumerate(boxes)
        for b, (bl, bt, br, bb) in boxes[i + 1 :]
        if al < br and bl < ar and at < bb and bt < ab
    ]


@pytest.mark.parametrize("zoom", [1, 2.5])
@pytest.mark.parametrize("focus", [None, RES + "org/7", RES + "program/4321"])
def test_overview_labels_never_overlap_and_the_focus_keeps_its_label(visit, tmp_path, focus, zoom):
    page = visit(write_network_html(_synthetic(), tmp_path / "network.html", focus=focus))
    if zoom != 1:
        page.page.evaluate("z => kgNetwork.moveTo({ scale: kgNetwork.getScale() * z, animation: false })", zoom)
    page.page.wait_for_timeout(300)  # the labels are sorted out after each drawing
    labels = page.labels()
    # Opened on a focus, the view is centred on it at full size: fewer nodes are in view.
    assert (len(labels) >= (10 if focus is None else 2), _overlaps(labels), focus is None or focus in labels, page.errors) == (True, [], True, [])


def test_sample_labels_never_overlap_when_zoomed_in(visit, sample):
    page = visit(sample)
    page.page.evaluate("kgNetwork.moveTo({ scale: 1.5, animation: false })")
    page.page.wait_for_timeout(300)
    labels = page.labels()
    assert (len(labels) >= 5, _overlaps(labels)) == (True, [])


def test_clicking_an_overview_node_draws_its_neighbours(visit, tmp_path):
    network = _synthetic()
    page = visit(write_network_html(network, tmp_path / "network.html"))
    before = page.drawn()
    page.click_node(RES + "org/0")
    assert page.drawn() > before and page.errors == []
