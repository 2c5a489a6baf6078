"""Reading a corpus: files and folders of news reports become :class:`Document` records.

Plain text (``.txt``, ``.md``) and HTML (``.html``, ``.htm``) files are read, in UTF-8 (with or
without BOM), UTF-16 with BOM, GB18030/GBK or Big5. Metadata (title, url, publisher, date,
author) comes from the file itself (front matter at the top of a text file, ``<meta>`` tags of
an HTML page) and from an optional ``manifest.csv`` / ``manifest.json`` in a folder, whose
values win.

:func:`iter_corpus` streams three kinds of items: a :class:`Document` for each file read, a
:class:`Skipped` for each file that could not be used (with a one-line reason), and a
:class:`CorpusWarning` for a problem that did not stop a file from being read (a malformed date:
the document keeps ``date=None``). :func:`read_corpus` collects them into a :class:`CorpusRead`.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import hashlib
import io
import json
import os
import re
import stat
import threading
import unicodedata
import warnings
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Iterable, Iterator

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, NavigableString, Tag
from bs4.builder import XMLParsedAsHTMLWarning
from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

from kg.corpus.language import detect
from kg.errors import CorpusError
from kg.records import Document
from kg.reference.rules import RULES_DIR, load_words

DEFAULT_MAX_BYTES = 50_000_000
TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
# Document formats a user may drop into a corpus folder expecting them to be read: they are
# reported as skipped rather than ignored. Anything else in a folder (images, data) is ignored.
UNSUPPORTED_DOCUMENT_SUFFIXES = frozenset({".pdf", ".doc", ".docx", ".odt", ".rtf", ".epub", ".wps"})
MANIFEST_NAMES = ("manifest.csv", "manifest.json")
METADATA_FIELDS = ("title", "url", "publisher", "date", "author")
# Tried in this order when the bytes are not UTF-8; on a tie the first (mainland) encoding wins.
LEGACY_ENCODINGS = ("gb18030", "big5")
# When no encoding fits every byte, one that fits all but this many (the larger of the two) is
# used, the others read as U+FFFD: a few stray bytes should not cost a whole report.
MAX_REPLACED_BYTES = 16
MAX_REPLACED_SHARE = 0.001
_MESS_SAMPLE = 20_000  # characters of each candidate text compared

_MAGIC = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"PK\x03\x04", "ZIP or Office document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Office document"),
    (b"\x1f\x8b", "gzip"),
    (b"\x7fELF", "executable"),
)
# Longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_UTF16_32_BOMS = tuple(bom for bom, encoding in _BOMS if encoding != "utf-8-sig")
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)
# Pages that declare GB2312 or GBK routinely use characters only their superset GB18030 has.
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030"}
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)
_FRONT_MATTER_LINE = re.compile(r"\s*([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*")
_DATE = re.compile(r"\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[T\s].*)?")
_WHITESPACE = re.compile(r"\s+")
# A line break in HTML source between two Chinese characters is not a space (CSS Text 3).
_WIDE = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_WIDE_LINE_BREAK = re.compile(rf"(?<=[{_WIDE}])[^\S\n]*\n\s*(?=[{_WIDE}])")
_HTML_DROP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "iframe",
        "template",
        "head",
        "title",
    }
)
# Class and id names of blocks around a story, after Mozilla Readability's (Readability.js,
# REGEXPS.unlikelyCandidates and okMaybeItsACandidate), with the pinyin abbreviations Chinese news
# sites use (xgxw 相关新闻, tjyd 推荐阅读, bqsy 版权所有). Headers are left to <header>: many sites
# put the headline in a div named "header" or "head".
_UNLIKELY = re.compile(
    r"nav|menu|footer|crumb|related|relate|recommend|share|sidebar|copyright|banner|comment|disqus"
    r"|pagination|pager|popup|sponsor|social|breadcrumb|xgxw|tjyd|bqsy|advert|\bad\b|\bads\b"
    r"|\bposition\b|\bfoot\b|\bsearch\b|toolbar",
    re.IGNORECASE,
)
_LIKELY = re.compile(r"article|content|main|body|text|zhengwen", re.IGNORECASE)
# The box that holds the story on the site systems of Chinese government and news pages: TRS
# (#zoom, .TRS_Editor), WeChat articles (#js_content, .rich_media_content) and two common others.
_STORY_BOXES = "#zoom, .TRS_Editor, #js_content, .rich_media_content, #UCAP-CONTENT, .pages_content"
_TABLE_CELLS = frozenset({"td", "th"})
_HTML_BLOCKS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "tr",
        "caption",
        "blockquote",
        "pre",
        "figure",
        "figcaption",
        "hr",
        "address",
        "center",
    }
)
_PARAGRAPH = object()
_LINE_BREAK = object()


@dataclass(frozen=True)
class Skipped:
    """A file that was not read, and why (one line)."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class CorpusWarning:
    """A problem with a file or manifest that did not stop the file from being read."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass
class CorpusRead:
    """Everything :func:`iter_corpus` produced, sorted by kind, each list in reading order."""

    documents: list[Document] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[CorpusWarning] = field(default_factory=list)


@dataclass(frozen=True)
class _Listed:
    """What a manifest says about one file."""

    metadata: dict[str, object]
    warnings: tuple[CorpusWarning, ...]


def read_corpus(paths: Iterable[str | Path], **options) -> CorpusRead:
    """Read a whole corpus into memory.

    Args:
        paths: files and folders, as for :func:`iter_corpus`.
        **options: passed to :func:`iter_corpus` (``max_bytes``).

    Returns:
        The documents, skipped files and warnings.

    Raises:
        CorpusError: a path does not exist, or a manifest cannot be used.
    """
    result = CorpusRead()
    for item in iter_corpus(paths, **options):
        if isinstance(item, Document):
            result.documents.append(item)
        elif isinstance(item, Skipped):
            result.skipped.append(item)
        else:
            result.warnings.append(item)
    return result


def iter_corpus(
    paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | Skipped | CorpusWarning]:
    """Stream the documents of a corpus, one file at a time.

    Folders are walked recursively in sorted order (a folder's files, then its subfolders;
    names starting with ``.`` are left out). In a folder, only ``.txt .md .html .htm`` files are
    read; PDF and word-processor files are reported as skipped; other files are ignored. A file
    given directly must be text or HTML, else it is skipped. A file reached twice is read once.
    A file's metadata comes from the manifest of its folder (or of a folder above it, within
    the folder given).

    Args:
        paths: files and folders.
        max_bytes: files larger than this are skipped.

    Yields:
        :class:`Document`, :class:`Skipped` and :class:`CorpusWarning` items, in reading order.

    Raises:
        CorpusError: a path does not exist or cannot be reached, e.g. for lack of permission (all
            paths are checked on the first ``next()``, before any file is read), or a manifest
            cannot be read or parsed.
    """
    paths = list(paths)
    for path in paths:
        try:
            os.lstat(path)
        except FileNotFoundError:
            raise CorpusError(f"{path}: no such file or directory") from None
        except OSError as error:  # a folder on the way that may not be searched, a loop, a long name
            raise CorpusError(f"{path}: cannot reach ({error.strerror or error})") from error
    seen_files: set[str] = set()
    seen_ids: dict[str, str] = {}
    for given in paths:
        for item in _walk(Path(given)) if Path(given).is_dir() else _single(Path(given)):
            if not isinstance(item, tuple):
                yield item
                continue
            path, relpath, listed = item
            key = os.path.normpath(os.path.abspath(path))
            if key in seen_files:
                continue
            seen_files.add(key)
            for result in _read_file(path, relpath, listed, max_bytes):
                if isinstance(result, Document):
                    first = seen_ids.get(result.doc_id)
                    if first is not None:
                        result = Skipped(str(path), f"same document id as {first} (same relative path)")
                    else:
                        seen_ids[result.doc_id] = str(path)
                yield result


def doc_id_for(relpath: str) -> str:
    """The stable id of a document: ASCII slug of its relative path without suffix, plus a hash.

    Args:
        relpath: posix path relative to the corpus root.

    Returns:
        ``slug-hash8`` where hash8 is the first 8 hex digits of SHA-256 of ``relpath``; the slug
        is ``doc`` when the path has no ASCII letters or digits.
    """
    stem = relpath.rsplit(".", 1)[0] if "." in relpath.rsplit("/", 1)[-1] else relpath
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_stem.lower()).strip("-") or "doc"
    return f"{slug}-{hashlib.sha256(relpath.encode('utf-8')).hexdigest()[:8]}"


def _single(path: Path) -> Iterator[tuple[Path, str, _Listed | None] | Skipped]:
    """A file given directly: metadata from its folder's manifest, if any."""
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        yield Skipped(str(path), f"not a text or HTML file ({suffix[1:].upper() or 'no suffix'})")
        return
    key = os.path.normpath(os.path.abspath(path))
    listed = None
    for name in MANIFEST_NAMES:
        manifest = path.parent / name
        if manifest.is_file():
            listed = _read_manifest(manifest).get(key, listed)
    yield path, path.name, listed


def _walk(root: Path) -> Iterator[tuple[Path, str, _Listed | None] | Skipped]:
    """The files of a folder tree in sorted order, each with what a manifest says about it."""
    listed: dict[str, _Listed] = {}
    errors: list[OSError] = []
    for folder, subfolders, names in os.walk(root, onerror=errors.append):
        for error in errors:
            yield Skipped(str(error.filename), f"cannot read folder ({error.strerror or error})")
        errors.clear()
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        folder = Path(folder)
        for manifest_name in MANIFEST_NAMES:
            if manifest_name in names:
                rows = _read_manifest(folder / manifest_name)
                for key in rows:
                    if not os.path.lexists(key):
                        shown = folder / os.path.relpath(key, os.path.abspath(folder))
                        yield Skipped(str(shown), f"listed in {manifest_name} but missing")
                listed.update(rows)
        for name in sorted(names):
            path = folder / name
            suffix = path.suffix.lower()
            if name.startswith(".") or name in MANIFEST_NAMES:
                continue
            if suffix in UNSUPPORTED_DOCUMENT_SUFFIXES:
                yield Skipped(str(path), f"not a text or HTML file ({suffix[1:].upper()})")
            elif suffix in TEXT_SUFFIXES | HTML_SUFFIXES:
                relpath = path.relative_to(root).as_posix()
                yield path, relpath, listed.get(os.path.normpath(os.path.abspath(path)))
    for error in errors:
        yield Skipped(str(error.filename), f"cannot read folder ({error.strerror or error})")


def _read_file(
    path: Path, relpath: str, listed: _Listed | None, max_bytes: int
) -> Iterator[Document | Skipped | CorpusWarning]:
    """Read one file into a Document (after any warnings), or explain why it was skipped."""
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            yield Skipped(str(path), "not a regular file")
            return
        size = status.st_size
        if size > max_bytes:
            yield Skipped(str(path), f"larger than the {_size(max_bytes)} limit ({_size(size)})")
            return
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        yield Skipped(str(path), f"cannot read ({error.strerror or error})")
        return
    if len(data) > max_bytes:  # it grew after stat()
        yield Skipped(str(path), f"larger than the {_size(max_bytes)} limit")
        return
    if not data:
        yield Skipped(str(path), "empty file")
        return
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            yield Skipped(str(path), f"binary file ({kind})")
            return
    # Text never contains NUL, except as half of the two-byte units of UTF-16/32 (with a BOM).
    if b"\x00" in data and not data.startswith(_UTF16_32_BOMS):
        yield Skipped(str(path), "binary file (contains NUL bytes)")
        return
    is_html = path.suffix.lower() in HTML_SUFFIXES
    decoded = _decode(data, declared=_declared_charset(data) if is_html else None)
    if decoded is None:
        yield Skipped(str(path), f"cannot decode (tried utf-8, {', '.join(LEGACY_ENCODINGS)})")
        return
    text, encoding, replaced = decoded
    if replaced:
        yield CorpusWarning(str(path), f"{replaced} undecodable byte(s) read as U+FFFD (the rest is {encoding})")
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if is_html:
        text, raw_metadata = _html_text(text)
    else:
        text, raw_metadata = _front_matter(text)
    text = _without_page_tail(text)
    if not text.strip():
        yield Skipped(str(path), "no text (only whitespace or markup)")
        return
    metadata, warnings = _parse_metadata(raw_metadata, str(path), "metadata in the file")
    if listed is not None:
        metadata.update(listed.metadata)
        warnings.extend(listed.warnings)
    yield from warnings
    yield Document(
        doc_id=doc_id_for(relpath),
        path=Path(os.path.abspath(path)),
        relpath=relpath,
        text=text,
        content_hash=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        language=detect(text),
        replaced=replaced,
        **metadata,
    )


# A link title of a page's tail: a line with no sentence in it.
_TAIL_LINE_MAX = 80


def _without_page_tail(text: str) -> str:
    """The text without the tail of a web page saved with it (上一篇：…, 相关新闻, Related:): from
    a line opened by a word of ``data/rules/page_tail_markers.txt`` to the end, when every line
    of it is a short link title. The text before it is unchanged, so offsets still hold."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if index and _tail_marker().match(line.strip()) and all(_link_title(rest) for rest in lines[index:]):
            return "\n".join(lines[:index]).rstrip()
    return text


def _link_title(line: str) -> bool:
    line = line.strip()
    return len(line) <= _TAIL_LINE_MAX and not re.search(r"[。！？；]|[.!?]\s+\S", line)


@cache
def _tail_marker() -> re.Pattern[str]:
    words = sorted(load_words(RULES_DIR / "page_tail_markers.txt"), key=len, reverse=True)
    return re.compile(rf"(?:{'|'.join(map(re.escape, words))})\s*(?:[:：]|$)", re.IGNORECASE)


def _size(count: int) -> str:
    return f"{count:,} bytes" if count < 1_000_000 else f"{count / 1_000_000:.4g} MB"


def _decode(data: bytes, declared: str | None = None) -> tuple[str, str, int] | None:
    """Decode bytes: BOM, then strict UTF-8, then a declared charset, then detection; when none
    fits every byte, the first of them that fits all but a few (:data:`MAX_REPLACED_BYTES`,
    :data:`MAX_REPLACED_SHARE`), with those read as U+FFFD.

    Returns:
        ``(text, encoding, replaced bytes)``, or None.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding, 0
            except UnicodeDecodeError:
                return _decode_replacing(data, [encoding])
    try:
        return data.decode("utf-8"), "utf-8", 0
    except UnicodeDecodeError:
        pass
    tried = ["utf-8"]
    if declared:
        encoding = _CHARSET_ALIASES.get(declared.lower(), declared.lower())
        try:
            return data.decode(encoding), encoding, 0
        except (LookupError, UnicodeError):  # some codecs (idna, undefined) raise plain UnicodeError
            pass
        try:
            tried.append(codecs.lookup(encoding).name)
        except LookupError:
            pass
    matches = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS))
    # Short texts often decode cleanly both ways with equal scores: prefer the mainland encoding.
    ranked = sorted(matches, key=lambda m: (m.chaos, -m.coherence, LEGACY_ENCODINGS.index(m.encoding)))
    for match in ranked:
        try:  # the detector samples large inputs; only a full strict decode proves the guess
            return data.decode(match.encoding), match.encoding, 0
        except UnicodeDecodeError:
            continue
    return _decode_replacing(data, [*tried, *(m.encoding for m in ranked), *LEGACY_ENCODINGS])


_replacing = threading.local()


def _count_replacement(error: UnicodeError) -> tuple[str, int]:
    """A codec error handler: U+FFFD for the bytes, counted; past the limit, the error stands."""
    _replacing.count += error.end - error.start
    if _replacing.count > _replacing.limit:
        raise error
    return "\ufffd", error.end


codecs.register_error("kg-replace-few", _count_replacement)


def _decode_replacing(data: bytes, encodings: list[str]) -> tuple[str, str, int] | None:
    """Of the encodings that decode all but a few bytes, the one whose text reads best (least
    mess, as charset-normalizer measures it: GB18030 reads most Big5 bytes, as nonsense), then
    the first. Linear: a decode stops at the first byte over the limit."""
    _replacing.limit = max(MAX_REPLACED_BYTES, int(len(data) * MAX_REPLACED_SHARE))
    fits = []
    for order, encoding in enumerate(dict.fromkeys(encodings)):
        _replacing.count = 0
        try:
            text = data.decode(encoding, errors="kg-replace-few")
        except (LookupError, UnicodeError):
            continue
        fits.append((mess_ratio(text[:_MESS_SAMPLE]), order, text, encoding, _replacing.count))
    if not fits:
        return None
    _, _, text, encoding, count = min(fits)
    return text, encoding, count


def _declared_charset(data: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(data, 0, 4096)
    return match.group(1).decode("ascii") if match else None


def _front_matter(text: str) -> tuple[str, dict[str, str]]:
    """Split ``---`` / ``key: value`` / ``---`` front matter off the top of a text file."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return text, {}
    values = {}
    for line in match.group(1).split("\n"):
        if not line.strip():
            continue
        pair = _FRONT_MATTER_LINE.fullmatch(line)
        if pair is None:
            return text, {}  # not key: value lines, so not front matter (e.g. a rule line)
        values[pair.group(1).lower()] = pair.group(2).strip("\"'")
    return text[match.end() :], values


def _parse_metadata(raw: dict[str, str], path: str, source: str) -> tuple[dict[str, object], list[CorpusWarning]]:
    """Keep the known fields with a value; parse the date (a malformed one is a warning)."""
    metadata: dict[str, object] = {}
    warnings = []
    for name in METADATA_FIELDS:
        value = (raw.get(name) or "").strip()
        if not value:
            continue
        if name == "date":
            date = _parse_date(value)
            if date is None:
                message = f"malformed date {value!r} in {source} (expected YYYY-MM-DD); date left empty"
                warnings.append(CorpusWarning(path, message))
                continue
            metadata[name] = date
        else:
            metadata[name] = value
    return metadata, warnings


def _parse_date(value: str) -> datetime.date | None:
    match = _DATE.fullmatch(value)
    if not match:
        return None
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _read_manifest(path: Path) -> dict[str, _Listed]:
    """Read a manifest: normalised absolute file path -> what the manifest says about it.

    Raises:
        CorpusError: the manifest cannot be read, or has no ``file`` column/key.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CorpusError(f"{path}: cannot read manifest ({error.strerror or error})") from error
    decoded = _decode(data)
    if decoded is None:
        tried = ", ".join(("utf-8",) + LEGACY_ENCODINGS)
        raise CorpusError(f"{path}: cannot decode manifest (tried {tried})")
    text = decoded[0].lstrip("\ufeff")
    if path.suffix == ".json":
        rows = _manifest_json_rows(path, text)
    else:
        reader = csv.DictReader(io.StringIO(text))
        columns = [name.strip().lower() for name in reader.fieldnames or []]
        if "file" not in columns:
            raise CorpusError(f"{path}: no 'file' column (columns: {', '.join(columns) or 'none'})")
        reader.fieldnames = columns
        rows = [{k: v for k, v in row.items() if isinstance(k, str)} for row in reader]
    listed = {}
    for row in rows:
        name = str(row.get("file") or "").strip()
        if not name:
            continue
        key = os.path.normpath(os.path.abspath(path.parent / name))
        raw = {field_name: str(row.get(field_name) or "") for field_name in METADATA_FIELDS}
        metadata, warnings = _parse_metadata(raw, str(path.parent / name), path.name)
        listed[key] = _Listed(metadata, tuple(warnings))
    return listed


def _manifest_json_rows(path: Path, text: str) -> list[dict]:
    try:
        rows = json.loads(text)
    except json.JSONDecodeError as error:
        raise CorpusError(f"{path}: not valid JSON ({error.msg}, line {error.lineno})") from error
    if not isinstance(rows, list) or not all(isinstance(r, dict) and "file" in r for r in rows):
        raise CorpusError(f"{path}: expected a JSON array of objects, each with a 'file' key")
    return rows


def _html_text(html: str) -> tuple[str, dict[str, str]]:
    """Extract the article text (blocks as paragraphs, ``<br>`` as line breaks) and the metadata."""
    with warnings.catch_warnings():
        # bs4 warns about short pages that look like a file name or URL, and about XML (a feed
        # saved as .html); the markup is read as HTML either way, and a library must not print.
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(html, "html.parser")
    title = _meta(soup, "og:title", "articletitle") or _tag_text(soup.find("title")) or ""
    metadata = {
        "title": title or None,
        "publisher": _meta(soup, "publisher", "og:site_name"),
        "date": _meta(soup, "article:published_time", "datepublished", "date", "pubdate", "publishdate")
        or _time_pubdate(soup),
        "url": _link(soup, "canonical") or _meta(soup, "og:url"),
        "author": _meta(soup, "author"),
    }
    # The longest <article> is the story (others are teasers); without one, the story box of the
    # common Chinese site systems (TRS's #zoom, WeChat's #js_content…) after the page's headline;
    # without one, <main>, then <body>.
    articles = soup.find_all("article")
    story_box = None if articles else soup.select_one(_STORY_BOXES)
    if articles:
        root = max(articles, key=lambda article: len(article.get_text()))
    elif story_box is not None:
        root = story_box
    else:
        root = next((tag for tag in (soup.find("main"), soup.body) if tag is not None), soup)
    pieces = []
    # the page's headline, when the title starts with it ("headline_site"; an <h1> that is the
    # site's logo is not)
    headline = soup.find("h1") if story_box is not None else None
    if headline is not None and (
        any(parent is root for parent in headline.parents)
        or title
        and not title.startswith(headline.get_text(strip=True))
    ):
        headline = None
    stack: list = [root] if headline is None else [root, _PARAGRAPH, headline]
    while stack:
        node = stack.pop()
        if node is _PARAGRAPH or node is _LINE_BREAK:
            pieces.append("\n\n" if node is _PARAGRAPH else "\n")
        elif type(node) is NavigableString:  # not comments, doctypes, CDATA
            pieces.append(_WHITESPACE.sub(" ", _WIDE_LINE_BREAK.sub("", node)))
        elif isinstance(node, Tag) and node.name not in _HTML_DROP and not _boilerplate(node):
            if node.name == "br":
                pieces.append("\n")
            elif node.name in _TABLE_CELLS:
                # a row's cells on one line (项目名称　建设地点　援疆资金), as a project list reads
                pieces.append("\u3000")
                stack.extend(reversed(node.contents))
            elif node.name in _HTML_BLOCKS:
                pieces.append("\n\n")
                stack.append(_PARAGRAPH)
                stack.extend(reversed(node.contents))
            else:
                stack.extend(reversed(node.contents))
    lines = (line.strip() for line in "".join(pieces).split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return text, {name: value for name, value in metadata.items() if value}


def _boilerplate(tag: Tag) -> bool:
    """A block of the page around the story, by its class or id (a menu, a breadcrumb trail, the
    related-news list, the footer): Mozilla Readability's "unlikely candidates", unless the name
    also says it holds the story ("article-related" stays)."""
    names = " ".join([*(tag.get("class") or []), tag.get("id") or ""])
    return bool(names.strip()) and _UNLIKELY.search(names) is not None and _LIKELY.search(names) is None


def _meta(soup: BeautifulSoup, *names: str) -> str | None:
    """The content of the first ``<meta>`` whose name or property is one of ``names`` (in order)."""
    found = {}
    for tag in soup.find_all("meta"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").strip().lower()
        content = (tag.get("content") or "").strip()
        if key in names and content:
            found.setdefault(key, content)
    return next((found[name] for name in names if name in found), None)


def _link(soup: BeautifulSoup, rel: str) -> str | None:
    for tag in soup.find_all("link", href=True):
        if rel in [value.lower() for value in tag.get("rel") or []]:
            return tag["href"].strip() or None
    return None


def _time_pubdate(soup: BeautifulSoup) -> str | None:
    tag = soup.find("time", attrs={"pubdate": True})
    if tag is None:
        return None
    return (tag.get("datetime") or tag.get_text()).strip() or None


def _tag_text(tag: Tag | None) -> str | None:
    if tag is None:
        return None
    return _WHITESPACE.sub(" ", tag.get_text()).strip() or None
