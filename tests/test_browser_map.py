# The map page in a real browser (Debian's chromium driven by Playwright), opened over file://.
# Fixture: tests/data/map/graph.trig, written by hand (origin: tests/data/README.md, heading "map"):
# real places, invented programs and reports, one report with script payloads that set
# window.__xss and call alert(). The pages are written by kg.views.map_page into a temporary folder.
from pathlib import Path

import pytest
from conftest import needs_chromium

from kg.views.map_page import TILE_URL, map_data, write_map

sync_api = pytest.importorskip("playwright.sync_api")

GRAPH = Path(__file__).parent / "data" / "map" / "graph.trig"
RES = "https://w3id.org/aid-kg/resource/"
SHANGHAI, SHACHE = f"{RES}place/310000", f"{RES}place/653125"
TILE_SERVER = TILE_URL.split("{")[0]

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.fixture(scope="module")
def data():
    return map_data(GRAPH)


@pytest.fixture(scope="module")
def pages(data, tmp_path_factory):
    folder = tmp_path_factory.mktemp("map")
    return {tiles: write_map(data, folder / f"map-{tiles}.html", tiles=tiles) for tiles in (False, True)}


class Visit:
    """A page opened from a file, with everything it asked for and complained about.

    Every request that is not for a file: or data: URL is aborted, so nothing leaves the machine.
    """

    def __init__(self, browser, path: Path):
        self.page = browser.new_page(viewport={"width": 1200, "height": 800})
        self.requests, self.errors, self.console_errors, self.dialogs = [], [], [], []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", self._console)
        self.page.on("dialog", self._dialog)
        self.page.route("**/*", self._route)
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("body[data-ready=true]", state="attached")

    def _console(self, message):
        if message.type == "error":
            self.console_errors.append((message.text, message.location.get("url", "")))

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    @staticmethod
    def _route(route):
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            route.abort()

    def markers(self):
        return self.page.locator("path.aid-place")

    def marker(self, iri: str):
        return self.page.locator(f'path.aid-place[data-place="{iri}"]')

    def popup_text(self) -> str:
        return self.page.locator(".leaflet-popup-content").inner_text()

    def open_every_popup(self) -> list[str]:
        texts = []
        for index in range(self.markers().count()):
            self.markers().nth(index).dispatch_event("click")
            texts.append(self.popup_text())
        return texts

    def outside(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(("file:", "data:"))]


@pytest.fixture
def visit(browser, pages):
    opened = []

    def open_page(tiles: bool = False) -> Visit:
        opened.append(Visit(browser, pages[tiles]))
        return opened[-1]

    yield open_page
    for page in opened:
        page.page.close()


def test_a_marker_is_drawn_for_every_place_with_coordinates(visit, data):
    assert visit().markers().count() == len(data["places"]) == 4


def test_clicking_a_marker_shows_the_evidence_and_its_report(visit):
    page = visit()
    page.marker(SHANGHAI).click()
    text = page.popup_text()
    assert "沪喀青少年研学营在上海市举行。" in text
    assert "广州援疆助力疏附县产业发展" in text


def test_the_report_is_linked_from_the_popup(visit):
    page = visit()
    page.marker(SHANGHAI).click()
    link = page.page.locator(".leaflet-popup-content a")
    assert link.get_attribute("href") == "https://news.example.org/kashgar/2024/0612.html"


def test_nothing_leaves_the_machine_and_nothing_goes_wrong(visit):
    page = visit()
    page.open_every_popup()
    assert (page.outside(), page.errors, page.console_errors) == ([], [], [])


def test_script_in_a_report_runs_nothing(visit):
    page = visit()
    page.open_every_popup()
    # Not hover(): a popup opened above may have panned the marker out of the viewport.
    page.marker(SHACHE).dispatch_event("mouseover")
    assert page.dialogs == []
    assert page.page.evaluate("window.__xss") is None


def test_script_in_a_report_is_shown_as_text(visit):
    page = visit()
    page.marker(SHACHE).dispatch_event("click")
    text = page.popup_text()
    assert "<img src=x onerror=window.__xss=4;alert(4)>示范农场" in text
    assert "<script>window.__xss=5;alert(5)</script>援疆队" in text


def test_a_javascript_url_of_a_report_is_not_a_link(visit):
    page = visit()
    page.marker(SHACHE).dispatch_event("click")
    assert page.page.locator(".leaflet-popup-content a").count() == 0


def test_without_a_connection_the_tiles_are_dropped_and_the_map_still_works(visit):
    page = visit(tiles=True)
    sync_api.expect(page.page.locator(".legend .note").last).to_contain_text("could not be loaded")
    page.marker(SHANGHAI).click()
    assert "沪喀青少年研学营在上海市举行。" in page.popup_text()
    assert page.markers().count() == 4
    assert page.errors == []
    assert page.outside() and all(url.startswith(TILE_SERVER) for url in page.outside())
    assert all(location.startswith(TILE_SERVER) for _, location in page.console_errors)


def test_the_basemap_has_country_provinces_prefectures_and_counties(visit, data):
    page = visit()
    counts = {level: page.page.locator(f"path.aid-{level}").count() for level in ("country", "province", "prefecture", "county")}
    assert counts == {level: len(data["boundaries"]["levels"][level]) for level in counts}
    assert counts["province"] == 34 and counts["county"] > 0


def test_counties_with_programs_are_shaded_and_the_legend_explains_the_scale(visit, data):
    page = visit()
    shaded = page.page.locator('path.aid-county:not([data-class="-1"])')
    assert shaded.count() == len(data["areas"]) > 0
    legend = page.page.locator(".legend").inner_text()
    assert "programs located in the county" in legend and "no program located in the county" in legend
    assert page.page.locator(".legend .scale .patch").count() == len(data["scale"]["programs"]) + 1


def test_names_of_counties_with_programs_show_when_zoomed_in(visit):
    page = visit()
    hidden = page.page.locator(".aid-label-busy").first.is_visible()
    page.page.evaluate("location.hash = '#7/38.5/77'")  # zoom 7 over Kashgar
    page.page.wait_for_selector("#map.names-busy", state="attached")
    assert (hidden, page.page.locator(".aid-label-busy").first.is_visible()) == (False, True)


def test_hovering_a_county_lists_its_programs_and_clicking_shows_the_evidence(visit, data):
    page = visit()
    area = data["areas"][0]
    code = area["code"]
    county = page.page.locator(f'path.aid-county[data-code="{code}"]')
    county.dispatch_event("mouseover")
    tip = page.page.locator(".leaflet-tooltip").inner_text()
    county.dispatch_event("click")
    popup = page.popup_text()
    program = data["programs"][area["programs"][0]]
    assert program["name_zh"] in tip and program["evidence"][0]["sentence"] in popup
    assert page.outside() == [] and page.errors == []
