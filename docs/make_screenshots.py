"""Screenshots of the offline views for docs/images/, made in headless Chromium (Playwright).

    python docs/make_screenshots.py SAMPLE_BUILD [LARGE_BUILD] [--out docs/images]

SAMPLE_BUILD is a build folder of the bundled sample (``kg build data/corpus --out SAMPLE_BUILD``),
LARGE_BUILD one of a 5 MB synthetic corpus (``python bench/generate_corpus.py --size 5MB --out C``,
``kg build C --out LARGE_BUILD``). The pages are written with ``kg viz`` into a temporary folder and
opened over file://; every request that is not for a file: or data: URL is aborted.
Needs the [browser] extra, Debian's /usr/bin/chromium and a CJK font (Debian's fonts-noto-cjk).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def kg(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "kg.cli", *args], cwd=ROOT, check=True)


def shoot(browser, page_path: Path, image: Path, *, hash_: str = "", wait: str = "body[data-ready=true]",
          size=(1400, 900)) -> None:
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:"))
               else route.abort())
    page.on("pageerror", lambda error: print("page error:", error))
    page.goto(page_path.as_uri())
    page.wait_for_selector(wait, state="attached", timeout=120_000)
    if hash_:  # the map's view: #zoom/lat/long (set after loading: routed requests lose the fragment)
        page.evaluate(f"location.hash = {hash_!r}")
    page.wait_for_timeout(800)
    page.screenshot(path=str(image))
    page.close()
    print(f"wrote {image}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sample", type=Path)
    parser.add_argument("large", type=Path, nargs="?")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        tmp = Path(tmp)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        builds = [("sample", args.sample)] + ([("5mb", args.large)] if args.large else [])
        for name, build in builds:
            kg("viz", "map", "--graph", str(build), "--out", str(tmp / f"map-{name}.html"))
            shoot(browser, tmp / f"map-{name}.html", args.out / f"map-{name}-china.png")
            shoot(browser, tmp / f"map-{name}.html", args.out / f"map-{name}-xinjiang.png", hash_="#5.5/41.3/84.5")
            shoot(browser, tmp / f"map-{name}.html", args.out / f"map-{name}-aksu.png", hash_="#7.5/41.0/81.6")
            kg("viz", "network", "--graph", str(build), "--out", str(tmp / f"network-{name}.html"))
            shoot(browser, tmp / f"network-{name}.html", args.out / f"network-{name}.png")
            kg("viz", "network", "--graph", str(build), "--around", "新和县", "--out", str(tmp / f"around-{name}.html"))
            shoot(browser, tmp / f"around-{name}.html", args.out / f"network-{name}-around-xinhe.png")
            for fmt in ("png",):
                kg("viz", "map", "--graph", str(build), "--format", fmt, "--out", str(args.out / f"figure-map-{name}.{fmt}"))
                kg("viz", "network", "--graph", str(build), "--format", fmt,
                   "--out", str(args.out / f"figure-network-{name}.{fmt}"))
        browser.close()


if __name__ == "__main__":
    main()
