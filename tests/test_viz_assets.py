"""Tests of viz/ and of the pages made from it: the vendored libraries are the files their README
records, and a page is the same bytes whatever PYTHONHASHSEED is.

Fixtures:
- viz/vendor/README.md: its "Checksums" block (sha256sum lines) is the record the files are checked
  against.
- tests/data/network/graph.trig and tests/data/map/graph.trig (origin: tests/data/README.md,
  headings "network" and "map"): the network page of the whole graph and of the neighbourhood of one
  program (a subgraph, whose order came from a set), and the map page.
- A network of 200 nodes and 300 links made by networkx's ``gnm_random_graph`` (seed 1), nodes named
  by invented IRIs: on the 16-node fixture the layout's dependence on the hash seed stayed below the
  0.1 px the page rounds to; here it showed in every run.
"""

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kg.resources import VENDOR_DIR

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
CLOUD = "https://w3id.org/aid-kg/resource/program/yun-duan-ke-tang-yuan-cheng-jiao-xue-xia-cf419c76"
CHECKSUM = re.compile(r"^([0-9a-f]{64})  (\S+)$", re.M)
RECORDED = {path: digest for digest, path in CHECKSUM.findall((VENDOR_DIR / "README.md").read_text("utf-8"))}
PAGES = ["network.html", "around.html", "generated.html", "map.html"]
# Run as ``python -c`` from the project folder, so that it imports this checkout's kg.
WRITE_PAGES = f"""
import sys
from pathlib import Path
import networkx as nx
from kg.views.map_page import write_map
from kg.views.network import around, project
from kg.views.network_page import write_network_html

out = Path(sys.argv[1])
network = project({str(DATA / "network" / "graph.trig")!r})
write_network_html(network, out / "network.html")
write_network_html(around(network, {CLOUD!r}), out / "around.html")
generated = nx.gnm_random_graph(200, 300, seed=1, directed=True)
generated = nx.MultiDiGraph(nx.relabel_nodes(generated, "https://example.org/node/{{}}".format))
write_network_html(generated, out / "generated.html")
write_map({str(DATA / "map" / "graph.trig")!r}, out / "map.html")
"""


@pytest.mark.parametrize("path", sorted(RECORDED))
def test_vendored_file_is_the_one_recorded(path):
    assert hashlib.sha256((VENDOR_DIR / path).read_bytes()).hexdigest() == RECORDED[path]


def test_every_vendored_file_is_recorded():
    files = {
        file.relative_to(VENDOR_DIR).as_posix()
        for file in VENDOR_DIR.rglob("*")
        if file.is_file() and file.name not in {"README.md", ".gitattributes"}
    }
    assert files == set(RECORDED)


@pytest.fixture(scope="module")
def pages_by_seed(tmp_path_factory):
    folders = {}
    for seed in ("0", "1"):
        folders[seed] = tmp_path_factory.mktemp(f"seed{seed}")
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", WRITE_PAGES, str(folders[seed])], cwd=ROOT, env=env, check=True)
    return folders


@pytest.mark.parametrize("page", PAGES)
def test_page_is_the_same_whatever_the_hash_seed(pages_by_seed, page):
    assert (pages_by_seed["0"] / page).read_bytes() == (pages_by_seed["1"] / page).read_bytes()
