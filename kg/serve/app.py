"""``kg serve``: a built graph over HTTP, read-only: a SPARQL 1.1 Protocol endpoint and web pages.

The routes (Starlette on uvicorn) never touch the store: each request waits, in a thread, for a
worker of :mod:`kg.serve.pool` to run its job. The protocol is :mod:`kg.serve.protocol`, the pages
:mod:`kg.serve.pages`. Every response carries a strict Content-Security-Policy; on a loopback
address, requests must name this machine in their Host (Starlette's TrustedHostMiddleware), and
the endpoint refuses requests that a page of another site makes (:class:`SameOrigin`).
"""

from __future__ import annotations

import errno
import ipaddress
import socket
from collections.abc import Callable
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from kg.errors import CrossSiteRequestError, RequestError, ServeError, ServerBusyError
from kg.query.saved import SavedQuery, list_queries
from kg.serve import pages
from kg.serve.pool import MIB, WorkerPool, default_workers
from kg.serve.protocol import read_request, refuse_update, sparql_job

__all__ = ["CSP", "create_app", "exposure_warning", "serve"]

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
# Pages of our own: no script at all, styles from our stylesheet, forms only to ourselves.
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    # Source links lead to news sites, which need not learn what was looked at here.
    (b"referrer-policy", b"no-referrer"),
]
_HOPS = ("0", "1", "2", "3")


class _Site:
    """The routes, on a worker pool."""

    def __init__(self, pool: WorkerPool, max_rows: int):
        self.pool = pool
        self.max_rows = max_rows
        self.queries: dict[str, SavedQuery] = {saved.name: saved for saved in list_queries()}
        self.views: dict[str, str] = {}  # the whole network and the map, made once
        self.stylesheet = pages.STYLESHEET.read_text(encoding="utf-8")

    async def call(self, job: Callable, *args):
        return await run_in_threadpool(self.pool.call, job, *args)

    def page(self, template: str, status: int = 200, **values) -> Response:
        return pages.render(template, status, max_rows=self.max_rows, timeout=self.pool.timeout, **values)

    def error_page(self, exc: RequestError) -> Response:
        return self.page("error.html", exc.status, code=exc.status, message=str(exc))

    async def sparql(self, request: Request) -> Response:
        try:
            protocol = await read_request(request)
            media_type, body, truncated = await self.call(sparql_job, protocol, self.max_rows)
        except RequestError as exc:
            headers = {"Retry-After": "1"} if isinstance(exc, ServerBusyError) else None
            return PlainTextResponse(f"{exc}\n", status_code=exc.status, headers=headers)
        headers = {"Vary": "Accept"}
        if truncated:
            headers["X-SPARQL-MaxRows"] = str(self.max_rows)
        return Response(body, media_type=media_type, headers=headers)

    async def index(self, request: Request) -> Response:
        return self.page("index.html", queries=list(self.queries.values()), base=str(request.base_url))

    async def saved(self, request: Request) -> Response:
        saved = self.queries.get(request.path_params["name"])
        if saved is None:
            return self.error_page(RequestError(f"no saved query '{request.path_params['name']}'", 404))
        values = {p.name: request.query_params.get(p.name, "").strip() for p in saved.parameters}
        submitted = bool(request.query_params) or not any(not p.optional for p in saved.parameters)
        result = error = None
        if submitted:
            params = {name: value for name, value in values.items() if value}
            try:
                result = await self.call(pages.table_job, saved.name, params, None, self.max_rows)
            except RequestError as exc:
                error = exc
        return self.page(
            "query.html", 200 if error is None else error.status, query=saved, values=values, result=result, error=error
        )

    async def table(self, request: Request) -> Response:
        text = request.query_params.get("query", "")
        result = error = None
        if text.strip():
            try:
                refuse_update(text)
                result = await self.call(pages.table_job, None, {}, text, self.max_rows)
            except RequestError as exc:
                error = exc
        status = 200 if error is None else error.status
        return self.page("table.html", status, text=text, result=result, error=error)

    async def entity(self, request: Request) -> Response:
        iri = request.query_params.get("iri", "")
        try:
            data = await self.call(pages.entity_job, iri, self.max_rows)
        except RequestError as exc:
            return self.error_page(exc)
        return self.page("entity.html", entity=data)

    async def network(self, request: Request) -> Response:
        focus = request.query_params.get("around") or None
        hops = request.query_params.get("hops", "1")
        if hops not in _HOPS:
            return self.error_page(RequestError(f"hops must be one of {', '.join(_HOPS)}"))
        key = "network" if focus is None else None
        try:
            page = self.views.get(key) or await self.call(pages.network_job, focus, int(hops))
        except RequestError as exc:
            return self.error_page(exc)
        if key:
            self.views[key] = page
        return pages.view_response(page)

    async def map(self, request: Request) -> Response:
        try:
            page = self.views.get("map") or await self.call(pages.map_job)
        except RequestError as exc:
            return self.error_page(exc)
        self.views["map"] = page
        return pages.view_response(page)

    async def style(self, request: Request) -> Response:
        return Response(self.stylesheet, media_type="text/css")

    async def favicon(self, request: Request) -> Response:
        return Response(status_code=204)


class SecurityHeaders:
    """ASGI middleware: the security headers, and our strict policy unless a view sent its own,
    on every response (those of the middleware inside it too)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def secured(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                headers += [(name, value) for name, value in _SECURITY_HEADERS if name not in names]
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", CSP.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, secured)


class SameOrigin:
    """ASGI middleware: the SPARQL endpoint, and anything but a GET, answers only requests made by
    our own pages or by no page at all (curl, SPARQLWrapper send neither header below), so that
    a web page elsewhere cannot use the endpoint through the user's browser. Plain GETs of the
    pages stay open: links to them from anywhere work."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and (scope["method"] not in ("GET", "HEAD") or scope["path"] == "/sparql"):
            headers = Request(scope).headers
            fetched_from = headers.get("sec-fetch-site", "none")
            origin = headers.get("origin")
            own = f"{scope.get('scheme', 'http')}://{headers.get('host', '')}".lower()
            if fetched_from not in ("same-origin", "none") or (origin is not None and origin.lower() != own):
                error = CrossSiteRequestError("requests from pages of other sites are refused")
                return await PlainTextResponse(f"{error}\n", status_code=error.status)(scope, receive, send)
        await self.app(scope, receive, send)


def create_app(pool: WorkerPool, *, max_rows: int, host: str):
    """The ASGI application of the endpoint and the pages.

    Args:
        pool: the workers that run every query.
        max_rows: the most rows (or triples) a result gives; the rest are cut, and the response
            says so (header ``X-SPARQL-MaxRows``, a note on the pages).
        host: the address the server listens on; on a loopback address, only requests whose Host
            header names this machine are answered (so that a web page cannot reach the server
            through a DNS name rebound to 127.0.0.1).

    Returns:
        The Starlette application.

    Raises:
        QueryFileError: a saved query's header is malformed.
    """
    site = _Site(pool, max_rows)
    routes = [
        Route("/", site.index),
        Route("/sparql", site.sparql, methods=["GET", "POST"]),
        Route("/query/{name}", site.saved),
        Route("/table", site.table),
        Route("/entity", site.entity),
        Route("/network", site.network),
        Route("/map", site.map),
        Route("/static/serve.css", site.style),
        Route("/favicon.ico", site.favicon),
    ]
    hosts = [*LOOPBACK_NAMES, host] if _loopback(host) else ["*"]
    middleware = [
        Middleware(SecurityHeaders),
        Middleware(TrustedHostMiddleware, allowed_hosts=hosts, www_redirect=False),
        Middleware(SameOrigin),
    ]
    return Starlette(routes=routes, middleware=middleware)


def _loopback(host: str) -> bool:
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str) -> str | None:
    """What listening on ``host`` exposes, for the command to print; None for a loopback address."""
    if _loopback(host):
        return None
    return (
        f"listening on {host}: every machine that reaches this one can read the whole graph, its source "
        "texts and the SPARQL endpoint, with no login"
    )


def _listen(host: str, port: int) -> socket.socket:
    try:
        family, kind, protocol, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as exc:
        raise ServeError(f"cannot listen on {host}: {exc.strerror}") from None
    sock = socket.socket(family, kind, protocol)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise ServeError(f"port {port} on {host} is in use; choose another with --port") from None
        raise ServeError(f"cannot listen on {host} port {port}: {exc.strerror}") from None
    return sock


def serve(
    graph_path: str | Path,
    *,
    host: str,
    port: int,
    timeout: float,
    max_rows: int,
    workers: int | None = None,
    memory_limit: int = 2048 * MIB,
    ready: Callable[[str, int | None], None] | None = None,
    store_url: str | None = None,
) -> None:
    """Serve a graph over HTTP until interrupted (Ctrl+C, SIGTERM).

    Args:
        graph_path: a build folder or graph file (see :func:`kg.query.saved.open_graph`).
        host: the address to listen on; 127.0.0.1 admits this machine only.
        port: the TCP port; 0 picks a free one.
        timeout: seconds a query may run (and wait for a worker).
        max_rows: the most rows (or triples) of a result.
        workers: query worker processes; None for :func:`default_workers`.
        memory_limit: bytes a query may take in its worker beyond the loaded graph.
        ready: called with the server's URL and the number of quads (None for a remote store)
            once it listens.
        store_url: serve this SPARQL server's graph (:class:`kg.query.remote.RemoteStore`) instead
            of ``graph_path``; the time limit, row limit and read-only rules apply as to a file.

    Raises:
        ServeError: the address cannot be listened on (e.g. the port is in use), or the system
            cannot fork.
        GraphFileError: the graph cannot be loaded.
        QueryFileError: a saved query's header is malformed.
    """
    import uvicorn  # here: importing it is slow and only serving needs it

    sock = _listen(host, port)
    try:
        pool = WorkerPool(
            graph_path,
            workers=workers or default_workers(),
            timeout=timeout,
            memory_limit=memory_limit,
            inherited=[sock.fileno()],
            store_url=store_url,
        )
        try:
            app = create_app(pool, max_rows=max_rows, host=host)
            bound = sock.getsockname()
            name = f"[{bound[0]}]" if sock.family == socket.AF_INET6 else bound[0]
            if ready is not None:
                ready(f"http://{name}:{bound[1]}/", pool.quads)
            config = uvicorn.Config(app, log_level="warning", access_log=False, server_header=False, lifespan="off")
            uvicorn.Server(config).run(sockets=[sock])
        finally:
            pool.close()
    finally:
        sock.close()
