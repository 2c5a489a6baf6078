"""Tests for kg.corpus: reading files and folders into Documents.

Fixtures: every file is written into pytest's tmp_path by the test itself. The sentences are
made up for these tests in the style of Chinese official news about counterpart assistance
(names of places, people and organisations chosen freely; none is taken from the sample
article). Binary fixtures are the standard magic numbers of each format followed by filler.
The one bundled file used is data/corpus/ (the sample corpus and its manifest).
"""

import datetime
import hashlib
import os
from pathlib import Path

import pytest

from kg.corpus import (
    CorpusWarning,
    Document,
    Skipped,
    doc_id_for,
    iter_corpus,
    read_corpus,
)
from kg.errors import CorpusError

SIMPLIFIED = "深圳援疆前方指挥部在喀什地区疏附县援建的幼儿园已经投入使用，可容纳三百名儿童。"
TRADITIONAL = "深圳援疆前方指揮部在喀什地區疏附縣援建的幼兒園已經投入使用，可容納三百名兒童。"
REPO = Path(__file__).resolve().parents[1]


def write(path: Path, content: str | bytes, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return path


def only_document(paths, **options) -> Document:
    result = read_corpus(paths, **options)
    assert result.skipped == [] and result.warnings == []
    [document] = result.documents
    return document


def only_skip(paths, **options) -> Skipped:
    result = read_corpus(paths, **options)
    assert result.documents == []
    [skipped] = result.skipped
    return skipped


@pytest.mark.parametrize(
    ("encoded", "text", "encoding"),
    [
        (SIMPLIFIED.encode("utf-8"), SIMPLIFIED, "utf-8"),
        (SIMPLIFIED.encode("gbk"), SIMPLIFIED, "gb18030"),
        (SIMPLIFIED.encode("gb18030"), SIMPLIFIED, "gb18030"),
        (TRADITIONAL.encode("big5"), TRADITIONAL, "big5"),
        (b"\xef\xbb\xbf" + SIMPLIFIED.encode("utf-8"), SIMPLIFIED, "utf-8-sig"),
        (SIMPLIFIED.encode("utf-16"), SIMPLIFIED, "utf-16"),
        (b"\xfe\xff" + SIMPLIFIED.encode("utf-16-be"), SIMPLIFIED, "utf-16"),
    ],
    ids=["utf-8", "gbk", "gb18030", "big5", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom"],
)
def test_corpus_decodes_encoding(tmp_path, encoded, text, encoding):
    document = only_document([write(tmp_path / "report.txt", encoded)])
    assert (document.text, document.encoding) == (text, encoding)


@pytest.mark.parametrize(("words", "encoding"), [("本报记者", "gbk"), ("學校", "big5")])
def test_corpus_decodes_very_short_legacy_text(tmp_path, words, encoding):
    document = only_document([write(tmp_path / "short.txt", words, encoding)])
    assert document.text == words


def test_corpus_normalises_line_endings(tmp_path):
    document = only_document([write(tmp_path / "crlf.txt", "第一段。\r\n\r\n第二段。\r第三段。")])
    assert document.text == "第一段。\n\n第二段。\n第三段。"


def test_corpus_keeps_full_width_punctuation(tmp_path):
    text = "援建资金１２亿元，惠及群众３万人（次）！ASCII, too."
    assert only_document([write(tmp_path / "mixed.txt", text)]).text == text


def test_corpus_content_hash_is_sha256_of_raw_bytes(tmp_path):
    raw = SIMPLIFIED.encode("gbk")
    document = only_document([write(tmp_path / "report.txt", raw)])
    assert document.content_hash == hashlib.sha256(raw).hexdigest()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        ("  \n\u3000\n\t ".encode("utf-8"), "no text (only whitespace or markup)"),
        (b"abc\x00\x01\x02def" * 10, "binary file (contains NUL bytes)"),
        (b"\x00\xff\x80" * 10, "binary file (contains NUL bytes)"),
        ("无BOM".encode("utf-16-le"), "binary file (contains NUL bytes)"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary file (PNG)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary file (PDF)"),
        (b"PK\x03\x04" + b"\x14" * 40, "binary file (ZIP or Office document)"),
        (b"\x80\xff" * 20, "cannot decode (tried utf-8, gb18030, big5)"),
    ],
    ids=["empty", "whitespace", "nul", "nul-undecodable", "utf-16-without-bom", "png", "pdf", "zip",
         "undecodable"],
)
def test_corpus_skips_unusable_text_file(tmp_path, content, reason):
    path = write(tmp_path / "bad.txt", content)
    assert only_skip([path]) == Skipped(str(path), reason)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("report.pdf", "not a text or HTML file (PDF)"),
        ("photo.png", "not a text or HTML file (PNG)"),
        ("README", "not a text or HTML file (no suffix)"),
    ],
)
def test_corpus_skips_non_text_file_given_directly(tmp_path, name, reason):
    path = write(tmp_path / name, b"%PDF-1.4\n")
    assert only_skip([path]) == Skipped(str(path), reason)


def test_corpus_reports_document_formats_in_folder(tmp_path):
    write(tmp_path / "report.docx", b"PK\x03\x04")
    expected = Skipped(str(tmp_path / "report.docx"), "not a text or HTML file (DOCX)")
    assert only_skip([tmp_path]) == expected


def test_corpus_ignores_other_files_in_folder(tmp_path):
    write(tmp_path / "photo.jpg", b"\xff\xd8\xff\xe0")
    write(tmp_path / "data.csv", "a,b\n")
    write(tmp_path / ".hidden.txt", SIMPLIFIED)
    result = read_corpus([tmp_path])
    assert result.documents == result.skipped == []


def test_corpus_skips_file_over_size_limit(tmp_path):
    path = write(tmp_path / "big.txt", "援" * 10)
    expected = Skipped(str(path), "larger than the 20 bytes limit (30 bytes)")
    assert only_skip([path], max_bytes=20) == expected


def test_corpus_size_limit_default_is_50_mb():
    from kg.corpus import DEFAULT_MAX_BYTES

    assert DEFAULT_MAX_BYTES == 50_000_000


def test_corpus_nonexistent_path_raises(tmp_path):
    missing = tmp_path / "nowhere"
    with pytest.raises(CorpusError) as raised:
        read_corpus([missing])
    assert str(raised.value) == f"{missing}: no such file or directory"


def test_corpus_nonexistent_path_raises_before_reading_anything(tmp_path):
    write(tmp_path / "a.txt", SIMPLIFIED)
    items = iter_corpus([tmp_path / "a.txt", "no/such/dir"])
    with pytest.raises(CorpusError, match="^no/such/dir: no such file or directory$"):
        next(items)


def test_corpus_file_vanishing_mid_read_is_skipped(tmp_path):
    write(tmp_path / "a.txt", SIMPLIFIED)
    write(tmp_path / "b.txt", SIMPLIFIED)
    items = iter_corpus([tmp_path])
    assert isinstance(next(items), Document)
    (tmp_path / "b.txt").unlink()
    gone = Skipped(str(tmp_path / "b.txt"), "cannot read (No such file or directory)")
    assert list(items) == [gone]


def test_corpus_dangling_symlink_is_skipped(tmp_path):
    os.symlink(tmp_path / "gone.txt", tmp_path / "link.txt")
    expected = Skipped(str(tmp_path / "link.txt"), "cannot read (No such file or directory)")
    assert only_skip([tmp_path]) == expected


def test_corpus_unreadable_file_is_skipped(tmp_path, monkeypatch):
    path = write(tmp_path / "locked.txt", SIMPLIFIED)
    real_open = Path.open

    def deny(self, *args, **kwargs):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", deny)
    assert only_skip([path]) == Skipped(str(path), "cannot read (Permission denied)")


def test_corpus_unreadable_folder_is_skipped(tmp_path, monkeypatch):
    write(tmp_path / "locked" / "a.txt", SIMPLIFIED)
    write(tmp_path / "open" / "b.txt", SIMPLIFIED)
    real_scandir = os.scandir

    def deny(path="."):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", deny)
    result = read_corpus([tmp_path])
    assert [d.relpath for d in result.documents] == ["open/b.txt"]
    locked = Skipped(str(tmp_path / "locked"), "cannot read folder (Permission denied)")
    assert result.skipped == [locked]


def test_corpus_folder_order_is_sorted_and_recursive(tmp_path):
    for name in ["b.txt", "sub/z.md", "a.html", "sub/deeper/c.txt", "sub/a.txt", "c.htm"]:
        write(tmp_path / name, f"<p>{SIMPLIFIED}</p>" if "htm" in name else SIMPLIFIED)
    relpaths = [d.relpath for d in read_corpus([tmp_path]).documents]
    assert relpaths == ["a.html", "b.txt", "c.htm", "sub/a.txt", "sub/z.md", "sub/deeper/c.txt"]


def test_corpus_file_given_twice_is_read_once(tmp_path):
    path = write(tmp_path / "a.txt", SIMPLIFIED)
    assert [d.relpath for d in read_corpus([tmp_path, path]).documents] == ["a.txt"]


def test_corpus_same_relpath_under_two_roots_is_skipped(tmp_path):
    write(tmp_path / "one" / "a.txt", SIMPLIFIED)
    second = write(tmp_path / "two" / "a.txt", SIMPLIFIED + "又讯。")
    result = read_corpus([tmp_path / "one", tmp_path / "two"])
    assert [d.path for d in result.documents] == [tmp_path / "one" / "a.txt"]
    reason = f"same document id as {tmp_path / 'one' / 'a.txt'} (same relative path)"
    assert result.skipped == [Skipped(str(second), reason)]


def test_corpus_relpath_of_file_given_directly_is_its_name(tmp_path):
    document = only_document([write(tmp_path / "sub" / "a.txt", SIMPLIFIED)])
    assert (document.relpath, document.path) == ("a.txt", tmp_path / "sub" / "a.txt")


@pytest.mark.parametrize(
    ("relpath", "slug"),
    [
        ("zhejiang_aid_2025.txt", "zhejiang-aid-2025"),
        ("2024/Report One.md", "2024-report-one"),
        ("援疆.txt", "doc"),
    ],
)
def test_corpus_doc_id_is_slug_and_hash_of_relpath(relpath, slug):
    assert doc_id_for(relpath) == f"{slug}-{hashlib.sha256(relpath.encode()).hexdigest()[:8]}"


def test_corpus_doc_id_does_not_depend_on_location(tmp_path):
    write(tmp_path / "x" / "sub" / "a.txt", SIMPLIFIED)
    write(tmp_path / "y" / "sub" / "a.txt", SIMPLIFIED)
    first, second = (only_document([tmp_path / root]).doc_id for root in ("x", "y"))
    assert first == second


HTML_PAGE = """<!DOCTYPE html>
<html><head>
<title>援疆新闻 - 某某网</title>
<meta property="og:title" content="疏附县新建幼儿园投入使用">
<meta property="og:site_name" content="喀什日报">
<meta property="article:published_time" content="2024-06-01T08:30:00+08:00">
<link rel="canonical" href="https://example.org/news/1.html">
<style>p { color: red; }</style>
<script>var tracker = "SCRIPT-TEXT";</script>
</head><body>
<header>HEADER-TEXT</header>
<nav><a href="/">NAV-TEXT</a></nav>
<article>
<h1>疏附县新建幼儿园投入使用</h1>
<p>　　深圳援疆前方指挥部援建的幼儿园
已经投入使用。</p>
<p>园长说：“孩子们很喜欢新教室。”<br>家长们也很满意。</p>
<!-- COMMENT-TEXT -->
<noscript>NOSCRIPT-TEXT</noscript>
<aside>ASIDE-TEXT</aside>
<iframe src="x">IFRAME-TEXT</iframe>
<form><input value="FORM-TEXT">FORM-TEXT</form>
</article>
<footer>FOOTER-TEXT</footer>
<script>document.write("SCRIPT-TEXT-2")</script>
</body></html>"""


def test_corpus_html_extracts_article_paragraphs(tmp_path):
    document = only_document([write(tmp_path / "page.html", HTML_PAGE)])
    assert document.text == (
        "疏附县新建幼儿园投入使用\n\n"
        "深圳援疆前方指挥部援建的幼儿园已经投入使用。\n\n"
        "园长说：“孩子们很喜欢新教室。”\n家长们也很满意。"
    )


@pytest.mark.parametrize(
    "marker",
    ["SCRIPT", "NAV", "HEADER", "FOOTER", "ASIDE", "NOSCRIPT", "IFRAME", "FORM", "COMMENT", "color"],
)
def test_corpus_html_drops_non_article_text(tmp_path, marker):
    assert marker not in only_document([write(tmp_path / "page.html", HTML_PAGE)]).text


def test_corpus_html_metadata(tmp_path):
    document = only_document([write(tmp_path / "page.html", HTML_PAGE)])
    assert (document.title, document.publisher, document.date, document.url) == (
        "疏附县新建幼儿园投入使用",
        "喀什日报",
        datetime.date(2024, 6, 1),
        "https://example.org/news/1.html",
    )


def test_corpus_html_prefers_longest_article(tmp_path):
    page = (
        "<body><article><p>相关新闻。</p></article>"
        "<article><p>正文第一段。</p><p>正文第二段。</p></article></body>"
    )
    assert only_document([write(tmp_path / "page.html", page)]).text == "正文第一段。\n\n正文第二段。"


def test_corpus_html_title_falls_back_to_title_tag(tmp_path):
    page = (
        "<html><head><title> 援疆新闻 </title><meta name='date' content='2024/06/01'></head>"
        "<body><p>正文。</p></body></html>"
    )
    document = only_document([write(tmp_path / "page.htm", page)])
    assert (document.title, document.date) == ("援疆新闻", datetime.date(2024, 6, 1))


def test_corpus_html_uses_declared_charset(tmp_path):
    page = f'<html><head><meta charset="gb2312"></head><body><p>{SIMPLIFIED}</p></body></html>'
    document = only_document([write(tmp_path / "page.html", page, "gbk")])
    assert (document.text, document.encoding) == (SIMPLIFIED, "gb18030")


def test_corpus_html_without_text_is_skipped(tmp_path):
    path = write(tmp_path / "empty.html", "<html><body><script>x()</script></body></html>")
    assert only_skip([path]).reason == "no text (only whitespace or markup)"


FRONT_MATTER = (
    "---\ntitle: 疏附县幼儿园投入使用\ndate: 2024-06-01\npublisher: \"喀什日报\"\nauthor: 王海涛\n---\n"
    + SIMPLIFIED
)


def test_corpus_front_matter_is_stripped(tmp_path):
    assert only_document([write(tmp_path / "a.md", FRONT_MATTER)]).text == SIMPLIFIED


def test_corpus_front_matter_gives_metadata(tmp_path):
    document = only_document([write(tmp_path / "a.md", FRONT_MATTER)])
    assert (document.title, document.date, document.publisher, document.author) == (
        "疏附县幼儿园投入使用",
        datetime.date(2024, 6, 1),
        "喀什日报",
        "王海涛",
    )


def test_corpus_text_between_rules_is_not_front_matter(tmp_path):
    text = "---\n这不是元数据，只是一段被横线围起来的正文。\n---\n" + SIMPLIFIED
    assert only_document([write(tmp_path / "a.md", text)]).text == text


def test_corpus_malformed_front_matter_date_warns(tmp_path):
    path = write(tmp_path / "a.txt", "---\ndate: 2024-13-40\n---\n" + SIMPLIFIED)
    result = read_corpus([path])
    assert result.documents[0].date is None
    message = "malformed date '2024-13-40' in metadata in the file (expected YYYY-MM-DD); date left empty"
    assert result.warnings == [CorpusWarning(str(path), message)]


MANIFEST = (
    "file,title,url,publisher,date\n"
    "a.txt,幼儿园投入使用,https://example.org/a,喀什日报,2024-06-01\n"
    "sub/b.txt,职业高中新校区启用,,和田日报,2024年6月\n"
    "gone.txt,不存在的文件,,,\n"
)


@pytest.fixture
def manifest_corpus(tmp_path):
    write(tmp_path / "manifest.csv", MANIFEST)
    write(tmp_path / "a.txt", SIMPLIFIED)
    write(tmp_path / "sub" / "b.txt", SIMPLIFIED)
    return tmp_path


def test_corpus_manifest_gives_metadata(manifest_corpus):
    document = read_corpus([manifest_corpus]).documents[0]
    assert (document.title, document.url, document.publisher, document.date) == (
        "幼儿园投入使用",
        "https://example.org/a",
        "喀什日报",
        datetime.date(2024, 6, 1),
    )


def test_corpus_manifest_is_not_a_document(manifest_corpus):
    assert [d.relpath for d in read_corpus([manifest_corpus]).documents] == ["a.txt", "sub/b.txt"]


def test_corpus_manifest_missing_file_is_skipped(manifest_corpus):
    assert read_corpus([manifest_corpus]).skipped == [
        Skipped(str(manifest_corpus / "gone.txt"), "listed in manifest.csv but missing")
    ]


def test_corpus_manifest_malformed_date_keeps_document(manifest_corpus):
    result = read_corpus([manifest_corpus])
    assert (result.documents[1].title, result.documents[1].date) == ("职业高中新校区启用", None)
    assert result.warnings == [
        CorpusWarning(
            str(manifest_corpus / "sub" / "b.txt"),
            "malformed date '2024年6月' in manifest.csv (expected YYYY-MM-DD); date left empty",
        )
    ]


def test_corpus_warning_comes_before_its_document(manifest_corpus):
    items = list(iter_corpus([manifest_corpus]))
    kinds = [type(item).__name__ for item in items]
    assert kinds == ["Skipped", "Document", "CorpusWarning", "Document"]


@pytest.mark.parametrize(
    ("item", "line"),
    [
        (Skipped("a/b.pdf", "not a text or HTML file (PDF)"), "a/b.pdf: not a text or HTML file (PDF)"),
        (CorpusWarning("a/b.txt", "malformed date"), "a/b.txt: malformed date"),
    ],
)
def test_corpus_problem_reads_as_one_line(item, line):
    assert str(item) == line


def test_corpus_manifest_applies_to_file_given_directly(manifest_corpus):
    assert only_document([manifest_corpus / "a.txt"]).publisher == "喀什日报"


def test_corpus_manifest_wins_over_front_matter(tmp_path):
    write(tmp_path / "manifest.csv", "file,title\na.md,清单中的标题\n")
    write(tmp_path / "a.md", FRONT_MATTER)
    document = only_document([tmp_path])
    assert (document.title, document.publisher) == ("清单中的标题", "喀什日报")


def test_corpus_manifest_json(tmp_path):
    manifest = '[{"file": "a.txt", "title": "幼儿园投入使用", "date": "2024-06-01"}]'
    write(tmp_path / "manifest.json", manifest)
    write(tmp_path / "a.txt", SIMPLIFIED)
    document = only_document([tmp_path])
    assert (document.title, document.date) == ("幼儿园投入使用", datetime.date(2024, 6, 1))


def test_corpus_manifest_in_gbk_is_read(tmp_path):
    write(tmp_path / "manifest.csv", "file,title\na.txt,幼儿园投入使用\n", "gbk")
    write(tmp_path / "a.txt", SIMPLIFIED)
    assert only_document([tmp_path]).title == "幼儿园投入使用"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("manifest.csv", "name,title\na.txt,标题\n", "no 'file' column (columns: name, title)"),
        (
            "manifest.json",
            '{"file": "a.txt"}',
            "expected a JSON array of objects, each with a 'file' key",
        ),
        (
            "manifest.json",
            "[{",
            "not valid JSON (Expecting property name enclosed in double quotes, line 1)",
        ),
    ],
)
def test_corpus_unusable_manifest_raises(tmp_path, name, content, message):
    write(tmp_path / name, content)
    with pytest.raises(CorpusError) as raised:
        read_corpus([tmp_path])
    assert str(raised.value) == f"{tmp_path / name}: {message}"


def test_corpus_bundled_sample_has_manifest_metadata():
    document = only_document([REPO / "data" / "corpus"])
    assert (document.relpath, document.publisher, document.date, document.url) == (
        "zhejiang_aid_2025.txt",
        "浙江日报",
        None,
        None,
    )


def test_corpus_iter_corpus_streams_lazily(tmp_path):
    write(tmp_path / "a.txt", SIMPLIFIED)
    items = iter_corpus([tmp_path])
    write(tmp_path / "b.txt", SIMPLIFIED)  # the folder is read on demand, after the call
    assert [item.relpath for item in items] == ["a.txt", "b.txt"]
