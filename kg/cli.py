"""The ``kg`` command line: parses arguments, calls the library, prints the result."""

from __future__ import annotations

import contextlib
import functools
import json
import re
import sys
from pathlib import Path

import click
from click.core import ParameterSource

from kg.cli_tables import eval_tables, print_tables, query_tables, stats_tables
from kg.errors import EmptyBuildError, KgError
from kg.resources import DATA_DIR

DEFAULT_CORPUS = DATA_DIR / "corpus"
# Characters that would break a message line or move the cursor: a file name may hold any.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """``text`` with its control characters (line breaks, escapes) written as Python escapes
    (``\\n``, ``\\x1b``), so that a file name cannot forge another ``Error:`` line."""
    return _CONTROL.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


def user_errors(command):
    """Turn every error a user can cause into ``Error: …`` and exit code 1, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except KgError as exc:
            raise click.ClickException(one_line(str(exc))) from exc

    return wrapper


def _graph_option(function):
    return click.option(
        "--graph",
        "graph_path",
        default="out",
        show_default=True,
        type=click.Path(path_type=Path),
        help="A build folder or a graph file (.trig, .nq, .ttl, .nt, .jsonld).",
    )(function)


@click.group()
@click.version_option(package_name="aid-kg", message="%(prog)s %(version)s")
def cli():
    """aid-kg: a knowledge graph of counterpart-assistance programs from Chinese news reports."""


def _print_warnings(report) -> None:
    for skipped in report.skipped:
        click.echo(one_line(f"Warning: skipped {skipped['path']}: {skipped['reason']}"), err=True)
    for warning in report.warnings:
        click.echo(one_line(f"Warning: {warning}"), err=True)


def _print_build_report(report) -> None:
    _print_warnings(report)
    click.echo(
        f"Read {len(report.documents)} document(s), skipped {len(report.skipped)}; {len(report.extracted)} processed,"
        f" {len(report.reused)} unchanged since the last build, {len(report.removed)} removed;"
        f" {report.triples} triples in {report.seconds}s."
    )
    click.echo("Entities: " + ", ".join(f"{name} {count}" for name, count in report.entities.items()))
    click.echo("Relations: " + ", ".join(f"{name} {count}" for name, count in report.relations.items()))
    validation = report.validation
    if validation["status"] == "conforms":
        click.echo(f"SHACL: conforms ({validation['seconds']}s)")
    elif validation["status"] == "violations":
        click.echo(f"SHACL: {validation['count']} violation(s), see report.json or: kg validate --graph OUT")
    click.echo("Wrote " + ", ".join(report.outputs))


_quiet_option = click.option(
    "--quiet", "-q", is_flag=True, help="No progress display (there is none unless stderr is a terminal)."
)


@contextlib.contextmanager
def _progress(quiet: bool):
    """A :data:`kg.build.Progress` callback that draws on stderr, or None when ``quiet`` or when
    stderr is not a terminal (a log file or a pipe gets no progress lines). The display goes
    away when the block ends; print the results after it."""
    from rich.console import Console

    console = Console(stderr=True)
    if quiet or not console.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.description:<24}"), BarColumn(), TextColumn("{task.fields[info]}"))
    tasks: dict[str, int] = {}
    with Progress(*columns, TimeElapsedColumn(), console=console, transient=True, redirect_stdout=False) as display:

        def update(stage: str, done: int, total: int | None) -> None:
            if stage not in tasks:
                for task in display.tasks:  # the stage before is over
                    display.update(task.id, total=task.completed or 1, completed=task.completed or 1)
                tasks[stage] = display.add_task(stage, total=total, info="")
            task = display.tasks[tasks[stage]]
            info = ""
            if total:
                info = f"{done}/{total} documents"
                if task.speed:
                    info += f"  {task.speed:.1f}/s  ETA {max(total - done, 0) / task.speed:.0f}s"
            display.update(task.id, completed=done, total=max(total, done) if total else None, info=info)

        yield update


@contextlib.contextmanager
def _stage(quiet: bool, name: str):
    """A progress display of one stage with no count."""
    with _progress(quiet) as progress:
        if progress:
            progress(name, 0, None)
        yield


def _output_folder(context, parameter, value: str) -> Path:
    if not value.strip():
        raise click.BadParameter("an empty name; give a folder (the default is out)")
    return Path(value)


def _build_options(function):
    """The options shared by the commands that (re)build a graph."""
    for option in reversed(
        [
            click.option(
                "--out",
                "out_dir",
                default="out",
                show_default=True,
                type=click.Path(),
                callback=_output_folder,
                help="Output folder (OUT/.kg-cache/build.lock keeps a second build out while one runs).",
            ),
            click.option(
                "--validate",
                is_flag=True,
                help="Also check the graph against the SHACL shapes (as kg validate; slower than the build "
                "itself) and record the result in report.json; exit code 1 on violations.",
            ),
            click.option("--no-views", is_flag=True, help="Do not write network.html and map.html."),
            _quiet_option,
            click.option(
                "--workers",
                type=click.IntRange(1),
                help="Processes that run the extraction; the graph is the same for any number  "
                "[default: one per CPU, at most 4].",
            ),
            click.option(
                "--store",
                "store_url",
                metavar="URL",
                help="Also load the graph into this SPARQL server (only the graphs that changed; see "
                "docs/stores.md): http://host:7878 (Oxigraph server), http://host:3030/ds (Fuseki), …",
            ),
            click.option(
                "--allow-empty",
                is_flag=True,
                help="Write the graph even when no document was read (else that is an error, and the "
                "previous outputs stay).",
            ),
        ]
    ):
        function = option(function)
    return function


@cli.command("build")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_build_options
@click.option("--rebuild", is_flag=True, help="Process every document again instead of reusing unchanged ones.")
@user_errors
def build_command(paths, out_dir, validate, no_views, quiet, workers, store_url, allow_empty, rebuild):
    """Build the graph of a corpus (files or folders of .txt, .md, .html reports).

    With no PATHS, builds the bundled sample corpus. Building again into the same --out
    processes only new and changed documents and drops the graphs of removed ones (the
    cache is kept in OUT/.kg-cache/); the graph is the same as a clean build's.

    Example:

        kg build reports/ --out out/ --workers 2
    """
    _build(
        quiet,
        store_url,
        paths or [DEFAULT_CORPUS],
        out_dir,
        validate,
        no_views,
        workers,
        rebuild=rebuild,
        allow_empty=allow_empty,
    )


@cli.command("add")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_build_options
@user_errors
def add_command(paths, out_dir, validate, no_views, quiet, workers, store_url, allow_empty):
    """Add reports (files or folders) to an existing build, keeping its other documents.

    A report with the same relative path as one in the build replaces it.

    Example:

        kg add new/2025-07-01.txt --out out/
    """
    _build(quiet, store_url, paths, out_dir, validate, no_views, workers, keep=True, allow_empty=allow_empty)


@cli.command("remove")
@click.argument("documents", nargs=-1, required=True)
@_build_options
@user_errors
def remove_command(documents, out_dir, validate, no_views, quiet, workers, store_url, allow_empty):
    """Remove documents from an existing build, by relative path (as report.json lists them),
    source path or document id.

    Example:

        kg remove 2025-07-01.txt --out out/
    """
    _build(
        quiet, store_url, [], out_dir, validate, no_views, workers, keep=True, remove=documents, allow_empty=allow_empty
    )


def _build(quiet, store_url, paths, out_dir, validate, no_views, workers, **options) -> None:
    """Run a build with a progress display, print its report, load it into --store; exit code 1
    when --validate found violations (after everything else is done)."""
    from kg.build import build

    try:
        with _progress(quiet) as progress:
            report = build(
                paths, out_dir, validate=validate, views=not no_views, workers=workers, progress=progress, **options
            )
    except EmptyBuildError as exc:
        if exc.report is not None:
            _print_warnings(exc.report)  # why nothing was read
        raise
    _print_build_report(report)
    if store_url:
        from kg.query.remote import RemoteStore

        with _stage(quiet, "store"):
            upload = RemoteStore(store_url).publish(out_dir, report.documents, report.extracted)
        click.echo(f"Loaded {len(upload.replaced)} graph(s) into {store_url}, dropped {len(upload.dropped)}.")
    if report.validation["status"] == "violations":
        sys.exit(1)


@cli.command("validate")
@_graph_option
@click.option(
    "--shapes",
    type=click.Path(path_type=Path),
    help="A Turtle file of SHACL shapes  [default: the project's ontology/shapes.ttl].",
)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@_quiet_option
@user_errors
def validate_command(graph_path, shapes, fmt, quiet):
    """Check a built graph against SHACL shapes: one line per violation (or JSON), exit code 1 if
    there is any. The whole graph is held in memory; it takes longer than building it.

    Reads the graph and writes nothing: report.json records a validation only when the build
    ran it (kg build --validate).

    Example:

        kg validate --graph out/

        kg validate --graph graph.nq --shapes my-shapes.ttl --format json
    """
    from kg.graph.validate import validate_file

    with _stage(quiet, "validate"):
        result = validate_file(graph_path, shapes)
    click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2) if fmt == "json" else result.to_table())
    if not result.conforms:
        sys.exit(1)


@cli.command("eval")
@click.argument("gold_dir", type=click.Path(path_type=Path))
@_graph_option
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@user_errors
def eval_command(gold_dir, graph_path, as_json):
    """Score a built graph against gold annotations (NAME.gold.json beside NAME.txt).

    Example:

        kg eval data/eval/ --graph out-eval/
    """
    from kg.evaluate import evaluate

    report = evaluate(gold_dir, graph_path)
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        print_tables(eval_tables(report))


@cli.group("export")
def export_group():
    """Export the built graph: an activities table, or the graph in another RDF format."""


@export_group.command("activities")
@_graph_option
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
@click.option("--out", "out_file", type=click.Path(path_type=Path), help="Write to FILE instead of the terminal.")
@click.option("--no-events", is_flag=True, help="Programs only: no rows for dated one-off events.")
@user_errors
def export_activities_command(graph_path, fmt, out_file, no_events):
    """One row per program and per event, like AidData/IATI activity tables: funders, places with
    level, code, coordinates and precision, dates, figures, sources and evidence.

    In CSV a cell of several values joins them with "; " (parallel columns: the n-th place name
    belongs to the n-th place). Adcodes are 6-digit text: in pandas read the file with
    dtype={"place_adcodes": str}, or codes become floats.

    Example:

        kg export activities --graph out/ --format csv --out activities.csv
    """
    from kg.views.export import activities, write_activities

    rows = activities(graph_path, events=not no_events)
    write_activities(rows, out_file or sys.stdout, format=fmt)
    if out_file:
        click.echo(f"Wrote {len(rows)} activities to {out_file}", err=True)


@export_group.command("graph")
@_graph_option
@click.option(
    "--format", "fmt", type=click.Choice(["turtle", "nquads", "trig", "jsonld"]), required=True, help="RDF format."
)
@click.option("--out", "out_file", type=click.Path(path_type=Path), help="Write to FILE instead of the terminal.")
@user_errors
def export_graph_command(graph_path, fmt, out_file):
    """The graph as Turtle (union of all graphs), N-Quads, TriG or JSON-LD (named graphs kept).

    Example:

        kg export graph --graph out/ --format nquads --out graph.nq
    """
    from kg.views.export import export_graph

    count = export_graph(graph_path, out_file or sys.stdout.buffer, fmt)
    if out_file:
        click.echo(f"Wrote {count} statements to {out_file}", err=True)


@cli.command("query")
@click.argument("query", required=False)
@click.option(
    "--param", "-p", "params", multiple=True, metavar="NAME=VALUE", help="A parameter of the saved query (repeatable)."
)
@click.option("--sparql", help="SPARQL text to run instead of a saved query (aid:, res:, rdfs:… need no PREFIX).")
@click.option("--list", "list_only", is_flag=True, help="List the saved queries and their parameters.")
@_graph_option
@click.option(
    "--store",
    "store_url",
    metavar="URL",
    help="Query this SPARQL server instead of --graph: http://host:7878 (Oxigraph server), "
    "http://host:3030/ds (Fuseki), …/repositories/NAME (GraphDB), …/sparql (Virtuoso); see docs/stores.md.",
)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table", show_default=True)
@click.option("--iris", is_flag=True, help="In the table, show IRIs beside their labels.")
@user_errors
def query_command(query, params, sparql, list_only, graph_path, store_url, fmt, iris):
    """Run a saved query (see --list), a .rq file or SPARQL text over the built graph.

    A place, entity or funder parameter takes any label the graph has: Chinese (新和县), a short
    form (新和), English (Xinhe County), pinyin with or without tones and spaces (xinhe,
    Xīnhé Xiàn), an adcode or an IRI. The table shows labels and cuts long cells; csv, tsv and
    json (SPARQL 1.1 results) keep IRIs and full texts. docs/queries.md has the details.

    Example:

        kg query projects-in-place --param place="Xinhe County"

        kg query events -p start=2023 -p end=2023-12 --format csv > events.csv

        kg query my-query.rq --graph out/graph.trig

        kg query --sparql 'SELECT ?county WHERE { ?county a aid:County }'

        kg query funders --store http://127.0.0.1:7878
    """

    from kg.query.saved import format_result, list_queries, run_query, table_cells

    if list_only:
        if query or sparql or params:
            raise click.UsageError("--list takes no query, --sparql or --param")
        for saved in list_queries():
            click.echo(f"{saved.name}: {saved.title}")
            for p in saved.parameters:
                optional = ", optional" if p.optional else ""
                click.echo(f"    --param {p.name}=…  ({p.kind}{optional}) {p.meaning} Example: {p.example}")
        return
    if bool(query) == bool(sparql):
        raise click.UsageError("give a saved query name or .rq file, or --sparql TEXT (or --list)")
    _graph_or_store(store_url)
    if store_url:
        from kg.query.remote import RemoteStore  # only here: it imports the corpus reader (start-up time)

        graph = RemoteStore(store_url)
    else:
        graph = graph_path
    result = run_query(graph, query, _parse_params(params), sparql=sparql)
    if fmt == "table" and result.boolean is not None:  # ASK: the answer alone, as a script wants it
        click.echo(str(result.boolean).lower())
    elif fmt == "table":
        print_tables(query_tables(*table_cells(result, iris=iris)))
    else:
        click.echo(format_result(result, fmt), nl=fmt == "json")


def _graph_or_store(store_url: str | None) -> None:
    if store_url and click.get_current_context().get_parameter_source("graph_path") is ParameterSource.COMMANDLINE:
        raise click.UsageError("give --graph or --store, not both")


def _parse_params(params) -> dict[str, str]:
    values = {}
    for param in params:
        name, equals, value = param.partition("=")
        if not equals or not name:
            raise click.BadParameter(f"'{param}' is not NAME=VALUE", param_hint="--param")
        if name in values:
            raise click.BadParameter(f"'{name}' is given twice", param_hint="--param")
        values[name] = value
    return values


def _network_export(fmt: str, description: str):
    """``kg export gexf`` and ``kg export graphml``: the entity network with its attributes."""

    example = f"kg export {fmt} --graph out/ --out aid.{fmt}"

    @export_group.command(fmt, help=f"{description}\n\nExample:\n\n    {example}")
    @_graph_option
    @click.option("--out", "out_file", type=click.Path(path_type=Path), required=True, help=f"The .{fmt} file.")
    @user_errors
    def command(graph_path, out_file):
        from kg.views import network

        writer = getattr(network, f"write_{fmt}")
        click.echo(f"Wrote {writer(network.project(graph_path), out_file)}", err=True)

    return command


export_gexf_command = _network_export("gexf", "The entity network for Gephi, with classes, labels and evidence.")
export_graphml_command = _network_export("graphml", "The entity network for Cytoscape and yEd, as in GEXF.")


@cli.command("stats")
@_graph_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--top", default=10, show_default=True, help="How many of the most connected to list.")
@user_errors
def stats_command(graph_path, fmt, top):
    """Counts per class and predicate, the most connected programs, places and funders (degree and
    betweenness), and the connected components.

    Example:

        kg stats --graph out/ --format json
    """
    from kg.views.network import project
    from kg.views.stats import RANKED, network_stats, to_json

    stats = network_stats(project(graph_path), top=top)
    if fmt == "json":
        click.echo(to_json(stats))
    else:
        print_tables(stats_tables(stats, RANKED))


@cli.group("viz")
def viz_group():
    """Interactive views of the graph, as self-contained HTML files that work offline."""


def _view_format_option(what: str):
    """``--format html|png|svg`` of a view command: the page, or a static figure of it."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["html", "png", "svg"]),
        default="html",
        show_default=True,
        help=f"html: the interactive page; png or svg: a static figure (matplotlib) {what}.",
    )


@viz_group.command("network")
@_graph_option
@click.option(
    "--out",
    "out_file",
    type=click.Path(path_type=Path),
    help="The file to write [default: out/network.html; with --around, --funder or --query "
    "out/network-around-<name>.html, out/network-funder-<name>.html, out/network-query-<name>.html, "
    "so that the build's network.html is never replaced].",
)
@click.option("--title", default="Aid network", show_default=True, help="The page title.")
@click.option("--around", help="Only the neighbourhood of this entity (any label: 新和县, Xinhe County, xinhe).")
@click.option("--hops", default=1, show_default=True, help="With --around: how many links away.")
@click.option("--query", "query", help="Only the entities in a saved query's result (with --param).")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE", help="A parameter of --query.")
@click.option("--funder", help="Only what this funder funded, and where.")
@_view_format_option("of what the page opens on")
@user_errors
def viz_network_command(graph_path, out_file, title, around, hops, query, params, funder, fmt):
    """A network of entities and relations: colours per class, evidence on click, filters, search.

    Above 300 nodes the page opens on an overview (funders, the places of their programs, the
    programs between them as one link) and draws the rest as nodes are opened. The node of
    --around or --funder is highlighted and centred.

    Example:

        kg viz network --around 新和县 --hops 2

        kg viz network --query projects-in-place --param place=新和县

        kg viz network --funder 杭州市 --format svg
    """
    from kg.graph.rdf import slug
    from kg.query.lookup import Lookup
    from kg.query.saved import open_graph, run_query
    from kg.views.network import around as around_of
    from kg.views.network import from_query, funded_by, project
    from kg.views.network_page import write_network_figure, write_network_html

    if sum(map(bool, (around, query, funder))) > 1:
        raise click.UsageError("give at most one of --around, --query and --funder")
    store = open_graph(graph_path)
    network = project(store)
    focus = None
    if around:
        focus = Lookup(store).resolve(around, "entity").value
        network = around_of(network, focus, hops)
    elif query:
        network = from_query(network, run_query(store, query, _parse_params(params)))
    elif funder:
        focus = Lookup(store).resolve(funder, "funder").value
        network = funded_by(network, focus)
    if out_file is None:
        shown = next(
            (
                f"-{kind}-{slug(name)}"
                for kind, name in (("around", around), ("funder", funder), ("query", query))
                if name
            ),
            "",
        )
        out_file = Path("out") / f"network{shown}.{fmt}"
        out_file.parent.mkdir(exist_ok=True)
    if fmt == "html":
        path = write_network_html(network, out_file, title=title, focus=focus)
    else:
        path = write_network_figure(network, out_file, title=title, focus=focus)
    click.echo(f"Wrote {path} ({network.number_of_nodes()} nodes, {network.number_of_edges()} links)")


@viz_group.command("map")
@_graph_option
@click.option(
    "--out", "out_file", type=click.Path(path_type=Path), help="The file to write [default: out/map.<format>]."
)
@click.option("--tiles", is_flag=True, help="Draw OpenStreetMap tiles under the markers when online.")
@_view_format_option("with the same data and legend")
@click.option(
    "--measure",
    type=click.Choice(["programs", "funds"]),
    default="programs",
    show_default=True,
    help="With png or svg: shade counties by programs or by funds stated (the page has a switch).",
)
@user_errors
def viz_map_command(graph_path, out_file, tiles, fmt, measure):
    """A map of China: counties shaded by programs (or funds), programs at their places, evidence.

    Example:

        kg viz map --graph out/ --out out/map.html

        kg viz map --graph out/ --format svg --out figure-map.svg
    """
    from kg.views.map_page import write_map, write_map_figure

    if out_file is None:
        out_file = Path("out") / f"map.{fmt}"
        out_file.parent.mkdir(exist_ok=True)
    if fmt == "html":
        path = write_map(graph_path, out_file, tiles=tiles)
    else:
        path = write_map_figure(graph_path, out_file, measure=measure)
    click.echo(f"Wrote {path}")


@cli.command("serve")
@_graph_option
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="TCP port (0: any free one)."
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. 127.0.0.1 admits only this computer. 0.0.0.0 (or ::) exposes the whole "
    "graph, its source texts and the SPARQL endpoint to every machine that can reach this one over the "
    "network, with no login.",
)
@click.option(
    "--timeout",
    default=30.0,
    show_default=True,
    type=click.FloatRange(0, min_open=True),
    help="Seconds a query may run; a query still running then is stopped (its worker process is killed) "
    "and answered with 503. A request also waits at most this long for a free worker.",
)
@click.option(
    "--max-rows",
    default=10_000,
    show_default=True,
    type=click.IntRange(1),
    help="Most rows (or triples) a query returns; the rest are cut, and the response says so (header "
    "X-SPARQL-MaxRows, a note on the web page). Use LIMIT/OFFSET to page through more.",
)
@click.option(
    "--workers",
    type=click.IntRange(1),
    help="Query worker processes, i.e. queries that run at once  [default: one per CPU, 2 to 4].",
)
@click.option(
    "--store",
    "store_url",
    metavar="URL",
    help="Serve the graph of this SPARQL server instead of --graph (see docs/stores.md); the time limit, "
    "row limit and read-only rules apply the same.",
)
@click.option(
    "--memory-limit",
    default=2048,
    show_default=True,
    type=click.IntRange(64),
    help="MiB of memory a query may take in its worker process beyond the loaded graph; a query that "
    "needs more is stopped and answered with 503.",
)
@user_errors
def serve_command(graph_path, port, host, timeout, max_rows, workers, store_url, memory_limit):
    """Serve the graph over HTTP, read-only, until Ctrl+C: a SPARQL 1.1 endpoint at /sparql and web
    pages (saved queries as forms, entity pages with evidence, the network view and the map).

    Example:

        kg serve --graph out/ --port 8000

        curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s a aid:County }' http://127.0.0.1:8000/sparql
    """
    try:
        from kg.serve.app import exposure_warning, serve
    except ModuleNotFoundError as exc:  # the [serve] extra is not installed
        raise click.ClickException(f"kg serve needs {exc.name}: pip install 'aid-kg[serve]'") from exc

    _graph_or_store(store_url)
    if warning := exposure_warning(host):
        click.echo(f"Warning: {warning}", err=True)

    def ready(url: str, quads: int | None) -> None:
        source = store_url or f"{graph_path} ({quads} quads)"
        click.echo(f"Serving {source} at {url}  SPARQL endpoint: {url}sparql  (Ctrl+C stops)")

    serve(
        graph_path,
        host=host,
        port=port,
        timeout=timeout,
        max_rows=max_rows,
        workers=workers,
        memory_limit=memory_limit << 20,
        ready=ready,
        store_url=store_url,
    )


def main() -> None:
    try:
        cli(prog_name="kg")
    except BrokenPipeError:  # kg export … | head
        sys.stderr.close()


if __name__ == "__main__":
    sys.exit(main())
