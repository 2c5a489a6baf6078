"""The persistent Oxigraph store of a build (``OUT/store``): written beside the old one, published whole.

Layout. ``OUT/store`` is a symbolic link to a version folder ``OUT/.stores/v-<time>-<pid>``, a
RocksDB database that pyoxigraph opens. A build writes a new version folder, fills it completely
(bulk loads, then ``flush``), and only then points the link at it with one ``rename`` of a new
link over the old (atomic on POSIX). Why not rename the folder itself: a folder cannot be renamed
onto a non-empty folder, so replacing one would take two renames with a moment in between where
there is no store at all.

Readers open the folder the link points to *at that moment* (the link is resolved first, so a
reader never mixes files of two versions) with :meth:`pyoxigraph.Store.read_only`: any number of
processes at once, while a build writes the next version elsewhere. A published version is never
written again, which is what makes read-only opening safe (pyoxigraph: a read-only instance beside
a writing process is undefined behaviour). A reader that opened a version keeps reading it after
the link moves; the build keeps the previous version and removes older ones, and on Linux even a
removed version stays readable for a process that has it open (its files are open).

A build that is killed leaves the link and the version it points to untouched; its unfinished
folder is removed by the next build.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pyoxigraph as ox

from kg.errors import GraphFileError

__all__ = ["STORE_LINK", "STORES_DIR", "new_version", "open_store", "publish", "store_folder"]

STORE_LINK = "store"
STORES_DIR = ".stores"


def store_folder(out: str | Path) -> Path | None:
    """The version folder ``OUT/store`` points to now, or None when the build has no store."""
    link = Path(out) / STORE_LINK
    try:
        target = os.readlink(link)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError:  # a plain folder (copied with the link dereferenced): use it as it is
        return link if link.is_dir() else None
    folder = (link.parent / target).resolve()
    return folder if folder.is_dir() else None


def open_store(out: str | Path) -> ox.Store | None:
    """Open the store of a build folder read-only, or return None when it has none.

    Raises:
        GraphFileError: the store exists but cannot be opened.
    """
    for attempt in range(3):
        folder = store_folder(out)
        if folder is None:
            return None
        try:
            return ox.Store.read_only(str(folder))
        except OSError as exc:
            # A build may have removed this version between reading the link and opening it
            # (two builds since): read the link again.
            if attempt == 2 or store_folder(out) == folder:
                raise GraphFileError(f"{folder}: cannot open the graph store ({exc})") from exc
    return None


def new_version(out: str | Path) -> Path:
    """A new, empty version folder path in ``OUT/.stores`` (not created: pyoxigraph creates it)."""
    stores = Path(out) / STORES_DIR
    stores.mkdir(parents=True, exist_ok=True)
    return stores / f"v-{time.time_ns()}-{os.getpid()}"


def publish(out: str | Path, version: Path) -> None:
    """Point ``OUT/store`` at a complete version folder, then remove the versions older than the
    one it pointed to before (kept for readers that opened it a moment ago) and unfinished ones."""
    out = Path(out)
    previous = store_folder(out)
    link = out / STORE_LINK
    staged = out / f".{STORE_LINK}.link-{os.getpid()}"
    staged.unlink(missing_ok=True)
    os.symlink(os.path.relpath(version, out), staged)
    if link.is_dir() and not link.is_symlink():  # a plain folder cannot be replaced by a rename
        shutil.rmtree(link)
    os.replace(staged, link)
    keep = {version.resolve(), previous.resolve() if previous else None}
    for folder in (out / STORES_DIR).iterdir():
        if folder.resolve() not in keep and not _in_progress(folder):
            shutil.rmtree(folder, ignore_errors=True)


def discard(version: Path) -> None:
    """Remove a version folder that was not published (a failed build)."""
    shutil.rmtree(version, ignore_errors=True)


def _in_progress(folder: Path) -> bool:
    """Whether a version folder belongs to a build still running (another process's)."""
    pid = folder.name.rsplit("-", 1)[-1]
    if not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
