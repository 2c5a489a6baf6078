"""Saved SPARQL queries (``queries/*.rq``) and running SPARQL over a built graph.

A saved query is a plain SPARQL 1.1 file. Its leading ``#`` comments describe it::

    # title: Projects in a place
    # description: Programs located in a place or anywhere inside it, …
    #   continued on comment lines indented by two or more spaces.
    # param: ?place (place) The region to look in. Example: 新和县
    # param: ?start (date, optional) The first day of the period. Example: 2024

A parameter is a variable of the query; its kind says what a value may be (see
:data:`PARAMETER_KINDS`). An optional parameter left out stays unbound.

Running. The graph is loaded into an in-memory pyoxigraph store whose default graph is then made the
union of all named graphs (as a set), which is what every saved query expects (docs/queries.md).
Parameter values are resolved to RDF terms first (names through :class:`kg.lookup.Lookup`) and reach
the query as a ``VALUES`` block at the start of its WHERE clause, written from the terms' N-Triples
form, so that user text never becomes query text. A graph without the ontology or the ``aid:within``
closure gets them added (``ontology/aid.ttl``, the saved query ``within``), so that the saved queries
answer the same on any graph of this layout.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.errors import GraphFileError, ParameterError, QueryFileError, QuerySyntaxError, ServiceRefusedError
from kg.graph.namespace import ONTOLOGY_PATH, PREFIXES, RES, XSD
from kg.graph.store import open_store
from kg.query.index import INDEX_GRAPH, INDEX_VERSION, index_quads, index_version
from kg.query.lookup import KINDS, Lookup, compact
from kg.resources import QUERIES_DIR

__all__ = [
    "DEFAULT_GRAPH",
    "FORMATS",
    "PARAMETER_KINDS",
    "QUERIES_DIR",
    "Parameter",
    "QueryResult",
    "SavedQuery",
    "format_result",
    "list_queries",
    "check_syntax",
    "load_query",
    "open_graph",
    "query_form",
    "run_query",
    "table_cells",
]


class Queryable(Protocol):
    """What a query needs of a store: :class:`pyoxigraph.Store` and
    :class:`kg.query.remote.RemoteStore` both have these."""

    def query(self, query: str, **options): ...

    def quads_for_pattern(self, subject, predicate, object, graph_name=None): ...


WITHIN_QUERY = QUERIES_DIR / "within.rq"
DEFAULT_GRAPH = Path("out")
FORMATS = ("csv", "tsv", "json")
# Names resolve through kg.lookup; a date is YYYY, YYYY-MM or YYYY-MM-DD; an object is a name or a date.
PARAMETER_KINDS = (*KINDS, "property", "object", "date")
ONTOLOGY_GRAPH = RES["graph/ontology"]
CLOSURE_GRAPH = RES["graph/closure"]

_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_DATE_TYPES = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}
_FIELD = re.compile(r"#\s?(title|description|param):\s*(.*)")
_CONTINUATION = re.compile(r"#\s{2,}(\S.*)")
_PARAM = re.compile(
    r"\?(?P<name>[A-Za-z_]\w*)\s+\((?P<kind>[a-z]+)(?P<optional>\s*,\s*optional)?\)\s+"
    r"(?P<meaning>.+?)\s+Example:\s*(?P<example>.+)",
    re.S,
)
_SYNTAX = re.compile(r"error at (\d+):(\d+): (.*)", re.S)
# Comments, strings and IRIs are skipped whole so that a brace or keyword inside them is not seen.
_LEXEME = re.compile(
    r'#[^\n]*|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|[?$]?[A-Za-z_][\w-]*(?::[\w.-]*)?|\S",
    re.S,
)
_TABLE_WIDTH = 60


@dataclass(frozen=True)
class Parameter:
    """A parameter of a saved query: the variable ``?name`` and what the user may give for it.

    Attributes:
        name: the variable name, without ``?``.
        kind: one of :data:`PARAMETER_KINDS`.
        meaning: what the parameter means, from the header.
        example: a value that works on the bundled corpus.
        optional: whether it may be left out (the variable then stays unbound).
    """

    name: str
    kind: str
    meaning: str
    example: str
    optional: bool = False


@dataclass(frozen=True)
class SavedQuery:
    """A ``.rq`` file with its header parsed.

    Attributes:
        name: the file name without ``.rq`` (``projects-in-place``).
        title: one line.
        description: what the query answers.
        parameters: in header order.
        text: the whole file, comments included.
        path: where it was read from.
    """

    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str
    path: Path


@dataclass
class QueryResult:
    """The answer of a query.

    Attributes:
        columns: the variables of a SELECT in projection order (``subject``, ``predicate``,
            ``object`` for CONSTRUCT and DESCRIBE; none for ASK).
        rows: one tuple per solution, of rdflib terms, None where a variable is unbound.
        boolean: the answer of an ASK query, else None.
        more: whether the query had rows beyond ``rows`` that were not read (``run_query`` with
            ``max_rows``).
    """

    columns: list[str]
    rows: list[tuple[Node | None, ...]]
    boolean: bool | None = None
    more: bool = False

    def records(self) -> list[dict[str, object]]:
        """Return the rows as dicts of plain Python values (``Literal.toPython()``; IRIs as str)."""
        return [
            {column: None if value is None else value.toPython() for column, value in zip(self.columns, row)}
            for row in self.rows
        ]


def list_queries() -> list[SavedQuery]:
    """Return every saved query of ``queries/``, by name.

    Raises:
        QueryFileError: a saved query's header is malformed.
    """
    return [_read(path) for path in sorted(QUERIES_DIR.glob("*.rq"))]


def load_query(name_or_path: str | Path) -> SavedQuery:
    """Load a saved query by name (``projects-in-place``) or any ``.rq`` file by path.

    Args:
        name_or_path: a name of ``kg query --list``, or a path ending in ``.rq``/``.sparql`` or
            containing a directory.

    Returns:
        The parsed query.

    Raises:
        QueryFileError: no such saved query or file, or a malformed header.
    """
    text = str(name_or_path)
    path = Path(name_or_path)
    if path.suffix in (".rq", ".sparql") or "/" in text or "\\" in text:
        if not path.is_file():
            raise QueryFileError(f"{path}: no such query file")
        return _read(path)
    path = QUERIES_DIR / f"{text}.rq"
    if not path.is_file():
        names = ", ".join(p.stem for p in sorted(QUERIES_DIR.glob("*.rq")))
        raise QueryFileError(f"no saved query '{text}' (saved queries: {names}; or give a .rq file)")
    return _read(path)


def _read(path: Path) -> SavedQuery:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryFileError(f"{path}: cannot read: {exc}") from exc
    fields: list[list[str]] = []
    current: list[str] | None = None
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            break
        if field := _FIELD.fullmatch(line):
            current = [field[1], field[2].strip()]
            fields.append(current)
        elif (more := _CONTINUATION.fullmatch(line)) and current is not None:
            current[1] += " " + more[1].strip()
        else:
            current = None  # a bare "#" or a free note ends the field above it
    titles = [value for key, value in fields if key == "title"]
    descriptions = [value for key, value in fields if key == "description"]
    if len(titles) != 1 or len(descriptions) != 1:
        raise QueryFileError(f"{path}: the header needs one '# title:' and one '# description:' line")
    parameters = tuple(_parameter(path, value, text) for key, value in fields if key == "param")
    names = [p.name for p in parameters]
    if len(set(names)) != len(names):
        raise QueryFileError(f"{path}: a parameter is declared twice: {', '.join(names)}")
    return SavedQuery(path.stem, titles[0], descriptions[0], parameters, text, path)


def _parameter(path: Path, value: str, text: str) -> Parameter:
    match = _PARAM.fullmatch(value)
    if match is None:
        raise QueryFileError(
            f"{path}: malformed parameter '{value}' (expected: ?name (kind[, optional]) meaning. Example: value)"
        )
    name, kind = match["name"], match["kind"]
    if kind not in PARAMETER_KINDS:
        raise QueryFileError(f"{path}: parameter ?{name}: unknown kind '{kind}' (known: {', '.join(PARAMETER_KINDS)})")
    if not re.search(rf"[?$]{name}\b", _body(text)):
        raise QueryFileError(f"{path}: parameter ?{name} is not a variable of the query")
    return Parameter(name, kind, match["meaning"], match["example"].strip(), bool(match["optional"]))


def _body(text: str) -> str:
    """The query without its comments, for finding variables."""
    return " ".join(token for token, _ in _significant(text))


def _significant(text: str) -> Iterator[tuple[str, int]]:
    """Tokens outside comments and strings, with the offset just after each (IRIs are kept whole)."""
    for match in _LEXEME.finditer(text):
        token = match.group()
        if token[0] not in "#\"'":
            yield token, match.end()


def open_graph(path: str | Path = DEFAULT_GRAPH) -> ox.Store:
    """Open a built graph: default graph = union of the data graphs, plus the ontology, the
    ``aid:within`` closure and the index graph (:mod:`kg.query.index`).

    A build folder with a store (``OUT/store``, :mod:`kg.graph.store`) is opened read-only, in
    milliseconds and without reading the graph into memory; builds may replace the store
    meanwhile. Any other graph is loaded into an in-memory store and completed with what it lacks.

    Args:
        path: a build folder (its store, else its ``graph.trig``) or a graph file whose extension
            names its format: .trig, .nq, .ttl, .nt, .jsonld, .rdf. The triples of a triple format
            form one named graph, named by the file's URI.

    Returns:
        The store.

    Raises:
        GraphFileError: the file is missing, its format unknown, or it does not parse; or the
            build folder's store was made by an earlier aid-kg, whose index the saved queries of
            this one cannot read.
    """
    path = Path(path)
    if path.is_dir() and (store := open_store(path)) is not None:
        if index_version(store) != INDEX_VERSION:
            raise GraphFileError(
                f"{path}: its store was built by an earlier aid-kg (the saved queries read an index it "
                f"lacks): build it again with kg build --out {path}"
            )
        return store
    file = path / "graph.trig" if path.is_dir() else path
    if not file.is_file():
        raise GraphFileError(f"{file}: no such graph file (build one with: kg build --out {path})")
    rdf_format = ox.RdfFormat.from_extension(file.suffix.lstrip("."))
    if rdf_format is None:
        raise GraphFileError(f"{file}: unknown graph format (use .trig, .nq, .ttl, .nt, .jsonld or .rdf)")
    store = ox.Store()
    # Triples of a triple format go to a graph named after the file, so GRAPH ?g still finds them.
    graph = None if rdf_format.supports_datasets else ox.NamedNode(file.resolve().as_uri())
    try:
        store.bulk_load(path=str(file), format=rdf_format, to_graph=graph)
    except (SyntaxError, ValueError, OSError) as exc:
        raise GraphFileError(f"{file}: cannot parse: {exc}") from exc
    _complete(store)
    return store


def _complete(store: ox.Store) -> None:
    # The default graph becomes the union of the data graphs as a set (the RDF merge), as in
    # Fuseki's unionDefaultGraph; Oxigraph's own union default graph repeats a triple once per graph.
    # The index graph stays out: queries read it by name.
    store.update(f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (?g != {INDEX_GRAPH}) }}")
    if not store.query(f"ASK {{ <{PREFIXES['aid']}Place> <{PREFIXES['rdfs']}subClassOf> ?c }}"):
        for graph in (ox.NamedNode(ONTOLOGY_GRAPH), ox.DefaultGraph()):
            store.bulk_load(path=str(ONTOLOGY_PATH), format=ox.RdfFormat.TURTLE, to_graph=graph)
    if not store.query(f"ASK {{ ?x <{PREFIXES['aid']}within> ?y }}"):
        triples = list(store.query(WITHIN_QUERY.read_text(encoding="utf-8")))
        for graph in (ox.NamedNode(CLOSURE_GRAPH), ox.DefaultGraph()):
            store.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
    if store.contains_named_graph(INDEX_GRAPH) and index_version(store) != INDEX_VERSION:
        store.remove_graph(INDEX_GRAPH)  # a graph file of an earlier aid-kg: its index is worked out anew
    if not store.contains_named_graph(INDEX_GRAPH):
        store.extend(index_quads(store))


def run_query(
    graph: str | Path | Queryable = DEFAULT_GRAPH,
    query: SavedQuery | str | Path | None = None,
    params: Mapping[str, str] | None = None,
    *,
    sparql: str | None = None,
    lookup: Lookup | None = None,
    max_rows: int | None = None,
) -> QueryResult:
    """Run a saved query, or SPARQL text, over the union of a graph's named graphs.

    Args:
        graph: a build folder, a graph file (see :func:`open_graph`), a store it returned, or a
            :class:`kg.query.remote.RemoteStore` (any :class:`Queryable`); the query reads the store's default graph.
        query: a saved query, its name, or the path of a ``.rq`` file; None with ``sparql``.
        params: parameter name → value as typed (a name, a date…); see :data:`PARAMETER_KINDS`.
        sparql: SPARQL text to run instead of a saved query. The project's prefixes (``aid:``,
            ``res:``, ``rdfs:``…) need no PREFIX lines. It takes no parameters.
        lookup: the name look-up of this store, to reuse between queries (it indexes the
            store's labels on first use); by default a new one.
        max_rows: read at most this many rows (or triples), and set ``more`` when there are
            others. The rest is never read: a query without ORDER BY stops there, and none turns
            rows it will not show into Python terms (``kg serve``'s pages: the containment
            closure at 10 MB took 3.1 s whole, 0.5 s for its first 10,000 triples).

    Returns:
        The result: rows of a SELECT, the triples of a CONSTRUCT or DESCRIBE, or the ASK boolean.

    Raises:
        QueryFileError: the saved query cannot be loaded.
        QuerySyntaxError: the SPARQL does not parse (message with line and column), or it calls a
            remote SERVICE.
        ParameterError: a parameter is unknown, missing or malformed; its subclasses
            UnknownNameError and AmbiguousNameError for names that fit no node or several.
        GraphFileError: the graph cannot be read.
        StoreError: a remote store cannot be reached or refuses the query.
    """
    if (query is None) == (sparql is None):
        raise ValueError("give either a saved query or SPARQL text")
    saved = query if isinstance(query, SavedQuery) or query is None else load_query(query)
    text = saved.text if saved is not None else sparql
    params = dict(params or {})
    check_syntax(text)
    if saved is None and params:
        raise ParameterError("parameters need a saved query with '# param:' lines; SPARQL text takes none")
    parameters = saved.parameters if saved is not None else ()
    _check_params(parameters, params)
    store = open_graph(graph) if isinstance(graph, (str, Path)) else graph
    lookup = lookup if lookup is not None else Lookup(store)
    bindings = {p.name: _term(lookup, p, params[p.name]) for p in parameters if p.name in params}
    results = store.query(_with_values(text, bindings), prefixes=PREFIXES)
    if isinstance(results, ox.QueryBoolean):
        return QueryResult([], [], boolean=bool(results))
    read = results if max_rows is None else islice(results, max_rows + 1)
    # A term recurs in many rows (a class, a document, a funder): each is made an rdflib term once,
    # and a solution is read as a tuple rather than variable by variable (31,503 rows of 13 columns
    # at 10 MB: 3.3 s → 0.6 s).
    converted: dict = {}

    def convert(term):
        node = converted.get(term)
        if node is None and term is not None:
            node = converted[term] = _rdflib(term)
        return node

    if isinstance(results, ox.QueryTriples):
        rows = [(convert(t.subject), convert(t.predicate), convert(t.object)) for t in read]
        columns = ["subject", "predicate", "object"]
    else:
        columns = [v.value for v in results.variables]
        rows = [tuple(map(convert, solution)) for solution in read]
    more = max_rows is not None and len(rows) > max_rows
    return QueryResult(columns, rows[:max_rows] if more else rows, more=more)


def query_form(text: str) -> str | None:
    """The first keyword after the prologue (PREFIX and BASE), upper case: SELECT, CONSTRUCT,
    ASK, DESCRIBE, or an update's INSERT, DELETE, LOAD…; None for empty text."""
    tokens = (token.upper() for token, _ in _significant(text))
    for token in tokens:
        if token == "PREFIX":
            next(tokens, None)
            next(tokens, None)
        elif token != "BASE" and not token.startswith("<"):
            return token
    return None


def check_syntax(text: str) -> None:
    """Check that SPARQL text parses and calls no remote SERVICE.

    Raises:
        ServiceRefusedError: the query has a SERVICE clause, at any depth.
        QuerySyntaxError: with the parser's line, column and message.
    """
    # Before pyoxigraph parses it: pyoxigraph evaluates at once, and would call the endpoint even
    # on an empty store; nor can it be told not to (0.5: no option, no parse-only call).
    if _calls_service(text):
        raise ServiceRefusedError("SERVICE (a query sent to a remote endpoint) is not allowed")
    try:
        ox.Store().query(text, prefixes=PREFIXES)  # an empty store: nothing to evaluate
    except SyntaxError as exc:
        match = _SYNTAX.match(str(exc))
        if match is None:
            raise QuerySyntaxError(f"SPARQL syntax error: {exc}") from None
        line, column = int(match[1]), int(match[2])
        lines = text.splitlines() or [""]
        source = lines[min(line, len(lines)) - 1]
        raise QuerySyntaxError(
            f"SPARQL syntax error at line {line}, column {column}: {match[3]}\n  {source}\n  {' ' * (column - 1)}^",
            line,
            column,
        ) from None


_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _may_name_service(text: str) -> bool:
    """Whether the letters of the keyword SERVICE appear anywhere in a text, in any case, also
    once ``\\u``/``\\U`` escapes are expanded (SPARQL 1.1 §19.2 allows them anywhere)."""
    expanded = _ESCAPE.sub(lambda m: chr(min(int(m[1] or m[2], 16), 0x10FFFF)), text)
    return "service" in text.casefold() or "service" in expanded.casefold()


@functools.lru_cache(maxsize=64)  # rdflib's parser takes 0.05–0.7 s a query; saved queries recur
def _calls_service(text: str) -> bool:
    """Whether a query may call SERVICE: a SERVICE node anywhere in rdflib's parse tree or, when
    rdflib cannot parse the query, the word anywhere in its text.

    rdflib's grammar is fed what pyoxigraph's parser reads: a bare CR ends a comment, as SPARQL
    says (rdflib ends comments at LF only); ``\\u`` escapes are not expanded across the whole
    text first (``parseQuery`` does, so ``"\\u0022"`` there opens a long string that hides
    what follows, while pyoxigraph reads one quote character). A query rdflib reads differently
    fails to parse instead, and falls back to the plain word test.
    """
    # A SERVICE clause needs the keyword, and a keyword is matched case-insensitively and only as
    # written (pyoxigraph reads "\\u0053ERVICE" as a syntax error, and the escapes are expanded
    # here anyway): a text without those seven letters cannot call a service, whoever wrote it.
    # This is no weaker check than the parse below, which only ever answers True for such texts
    # when it falls back to the same word test; it spares every query without the word (all the
    # saved ones) rdflib's grammar, half a second of `kg query`'s start-up.
    if not _may_name_service(text):
        return False
    from pyparsing import ParseBaseException  # here: building rdflib's grammar takes a moment
    from rdflib.plugins.sparql.parser import Query
    from rdflib.plugins.sparql.parserutils import CompValue

    try:
        tree = Query.parse_string(text.replace("\r", "\n"), parse_all=True)
    except (ParseBaseException, RecursionError):
        return True  # rdflib cannot read it and the word is there (above): refuse
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                return True
            stack.extend(node.values())
        elif isinstance(node, Iterable) and not isinstance(node, str):
            stack.extend(node)
    return False


def _check_params(parameters: tuple[Parameter, ...], params: Mapping[str, str]) -> None:
    declared = {p.name for p in parameters}
    unknown = sorted(set(params) - declared)
    if unknown:
        known = ", ".join(sorted(declared)) or "none"
        raise ParameterError(f"unknown parameter(s): {', '.join(unknown)} (this query takes: {known})")
    for p in parameters:
        if p.name not in params and not p.optional:
            raise ParameterError(f'missing parameter {p.name}: {p.meaning} (e.g. --param {p.name}="{p.example}")')


def _term(lookup: Lookup, parameter: Parameter, value: str) -> ox.NamedNode | ox.Literal:
    if parameter.kind in ("date", "object") and _DATE.fullmatch(value.strip()):
        value = value.strip()
        if parameter.kind == "date":
            return ox.Literal(value)
        return ox.Literal(value, datatype=ox.NamedNode(_DATE_TYPES[len(value)]))
    if parameter.kind == "date":
        raise ParameterError(f"{parameter.name}: '{value}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return lookup.resolve(value, "entity" if parameter.kind == "object" else parameter.kind)


def _with_values(text: str, bindings: Mapping[str, ox.NamedNode | ox.Literal]) -> str:
    """The query with a VALUES block of the bindings opening its WHERE clause (so FILTERs see them)."""
    if not bindings:
        return text
    at = _where_start(text)
    if at is None:
        raise ParameterError("parameters need a query with a WHERE clause")
    names = " ".join(f"?{name}" for name in bindings)
    values = " ".join(str(term) for term in bindings.values())
    return f"{text[:at]} VALUES ({names}) {{ ({values}) }} {text[at:]}"


def _where_start(text: str) -> int | None:
    """The offset just after the ``{`` that opens the query's WHERE clause (not a CONSTRUCT template)."""
    previous, depth = None, 0
    for token, end in _significant(text):
        if token == "{":
            if depth == 0 and previous != "CONSTRUCT":
                return end
            depth += 1
        elif token == "}":
            depth -= 1
        previous = token.upper()
    return None


def _rdflib(term) -> Node | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == str(XSD.string):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    return Literal(str(term))  # an RDF-star triple term, shown as written


def format_result(result: QueryResult, fmt: str = "csv") -> str:
    """Write a result as text for a file or another program (the terminal table is the CLI's,
    from :func:`table_cells`).

    Args:
        result: what :func:`run_query` returned.
        fmt: "csv" and "tsv" (a header, then the plain values: IRIs and literals' lexical forms),
            or "json" (SPARQL 1.1 Query Results JSON).

    Returns:
        The text, without a final newline for JSON.

    Raises:
        ValueError: an unknown format.
    """
    if fmt in ("csv", "tsv"):
        return _delimited(result, "," if fmt == "csv" else "\t")
    if fmt == "json":
        return json.dumps(_json(result), ensure_ascii=False, indent=2)
    raise ValueError(f"unknown format '{fmt}' (known: {', '.join(FORMATS)})")


def _plain(term: Node | None) -> str:
    if term is None:
        return ""
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def _delimited(result: QueryResult, delimiter: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    if result.boolean is not None:
        writer.writerows([["boolean"], [str(result.boolean).lower()]])
    else:
        writer.writerow(result.columns)
        writer.writerows([_plain(term) for term in row] for row in result.rows)
    return out.getvalue()


def _json(result: QueryResult) -> dict:
    if result.boolean is not None:
        return {"head": {}, "boolean": result.boolean}
    bindings = []
    for row in result.rows:
        binding = {}
        for column, term in zip(result.columns, row):
            if isinstance(term, URIRef):
                binding[column] = {"type": "uri", "value": str(term)}
            elif isinstance(term, BNode):
                binding[column] = {"type": "bnode", "value": str(term)}
            elif isinstance(term, Literal):
                binding[column] = {"type": "literal", "value": str(term)}
                if term.language:
                    binding[column]["xml:lang"] = term.language
                elif term.datatype is not None:
                    binding[column]["datatype"] = str(term.datatype)
        bindings.append(binding)
    return {"head": {"vars": result.columns}, "results": {"bindings": bindings}}


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cell(term: Node | None) -> str:
    text = compact(str(term)) if isinstance(term, URIRef) else _plain(term)
    text = " ".join(text.split())
    if _width(text) <= _TABLE_WIDTH:
        return text
    while _width(text) > _TABLE_WIDTH - 1:
        text = text[:-1]
    return text + "…"


def table_cells(result: QueryResult, *, iris: bool = False) -> tuple[list[str], list[list[str]]]:
    """The header and cells of a result as a terminal table shows them.

    A column ``x`` is left out when ``xLabel`` exists (unless ``iris``), and an empty label cell
    falls back to the value it labels (a literal, a node without a label); IRIs are shortened
    with the project's prefixes; whitespace runs become one space and long cells are cut with
    "…". An ASK result is one column ``boolean``.

    Args:
        result: what :func:`run_query` returned.
        iris: keep the ``x`` columns beside their ``xLabel``.

    Returns:
        The column names and, per row, the cell texts.
    """
    if result.boolean is not None:
        return ["boolean"], [[str(result.boolean).lower()]]
    columns = result.columns
    shown = [i for i, c in enumerate(columns) if iris or f"{c}Label" not in columns]
    fallback = {columns.index(f"{c}Label"): i for i, c in enumerate(columns) if f"{c}Label" in columns}
    rows = [
        [_cell(row[i] if row[i] is not None or i not in fallback else row[fallback[i]]) for i in shown]
        for row in result.rows
    ]
    return [columns[i] for i in shown], rows
