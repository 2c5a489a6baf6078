"""Every error a user can cause, in one place.

The CLI turns any :class:`KgError` into one line ``Error: …`` and exit code 1.
"""


class KgError(Exception):
    """Base class: a problem the user can fix (bad input, bad option, missing file)."""


class CorpusError(KgError):
    """A corpus path or manifest cannot be used at all (not: one unreadable file, which is skipped)."""


class DocumentSkipped(KgError):
    """One document cannot be read; the build warns, skips it and goes on."""

    def __init__(self, path, reason):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class GazetteerError(KgError):
    """The bundled gazetteer data is missing or malformed."""


class RuleFileError(KgError):
    """A rule or pattern data file is malformed."""


class GraphFileError(KgError):
    """A graph file cannot be read or written."""


class ShapesError(KgError):
    """A SHACL shapes file (``kg validate --shapes``) is missing or does not parse."""


class BuildError(KgError):
    """A build cannot do what was asked of it (e.g. remove a document that is not in it)."""


class EvaluationError(KgError):
    """A gold file or the graph under evaluation cannot be used."""


class ExportError(KgError):
    """A graph cannot be exported: missing or unparseable input, unknown format, unwritable output."""


class QueryFileError(KgError):
    """A saved query cannot be used: unknown name, unreadable file, or a malformed ``#`` header."""


class QuerySyntaxError(KgError):
    """A SPARQL query does not parse; carries the parser's message and the position.

    Attributes:
        line: 1-based line of the error in the query text, or None if the parser gave none.
        column: 1-based column, or None.
    """

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        self.line = line
        self.column = column
        super().__init__(message)


class ParameterError(KgError):
    """A query parameter is missing, unknown, or has a value of the wrong shape."""


class UnknownNameError(ParameterError):
    """No node of the graph carries the name given for a parameter.

    Attributes:
        suggestions: the closest labels, best first.
    """

    def __init__(self, message: str, suggestions: list[str]):
        self.suggestions = suggestions
        super().__init__(message)


class AmbiguousNameError(ParameterError):
    """A name given for a parameter fits several nodes of the graph.

    Attributes:
        candidates: (label, class, IRI) of every node the name fits.
    """

    def __init__(self, message: str, candidates: list[tuple[str, str, str]]):
        self.candidates = candidates
        super().__init__(message)


class NetworkError(KgError):
    """A network view cannot be made: a focus node the graph lacks, or a negative number of hops."""


class StoreError(KgError):
    """A remote SPARQL store (``--store URL``) cannot be used; the message names the URL."""


class StoreUnavailableError(StoreError):
    """The server cannot be reached: nothing listens at the URL, the host is unknown, or the
    connection broke."""


class StoreTimeoutError(StoreError):
    """The server did not answer within the time limit."""


class StoreResponseError(StoreError):
    """The server answered with an HTTP error (4xx/5xx) or with something that is not a SPARQL result.

    Attributes:
        status: the HTTP status code, or None when the status was fine but the body was not.
    """

    def __init__(self, message: str, status: int | None = None):
        self.status = status
        super().__init__(message)


class ServeError(KgError):
    """``kg serve`` cannot start or go on: the port is in use, the address cannot be bound, this
    system cannot fork worker processes, or the process holding the graph ended."""


class RequestError(KgError):
    """A request to ``kg serve`` that cannot be answered with a result.

    Attributes:
        status: the HTTP status that tells the client why (400 a malformed query or parameter,
            403 an update, 404 no such query or node, 406 no acceptable format, 503 a time limit).
    """

    def __init__(self, message: str, status: int = 400):
        self.status = status
        super().__init__(message)


class UpdateRefusedError(RequestError):
    """A SPARQL Update was sent to the read-only endpoint of ``kg serve``."""

    def __init__(self, message: str):
        super().__init__(message, 403)


class QueryTimeoutError(RequestError):
    """A query ran longer than the time limit of ``kg serve`` and was stopped."""

    def __init__(self, message: str):
        super().__init__(message, 503)


class ServerBusyError(RequestError):
    """Every query worker of ``kg serve`` stayed busy for a whole time limit; the request was not run."""

    def __init__(self, message: str):
        super().__init__(message, 503)


class ServiceRefusedError(QuerySyntaxError):
    """A query has a SERVICE clause, which would send part of it to another endpoint; refused."""


class CrossSiteRequestError(RequestError):
    """A request to the SPARQL endpoint of ``kg serve`` came from a page of another site."""

    def __init__(self, message: str):
        super().__init__(message, 403)


class QueryMemoryError(RequestError):
    """A query needed more memory than ``kg serve --memory-limit`` gives a worker, and was stopped."""

    def __init__(self, message: str):
        super().__init__(message, 503)


class EmptyBuildError(BuildError):
    """A build read no document (an empty folder, no reports in it, every file skipped): it
    would replace the previous graph with an empty one, so it stops first (``--allow-empty``
    lets it go on).

    Attributes:
        report: the :class:`kg.build.BuildReport` so far (what was skipped, and why).
    """

    def __init__(self, message: str, report=None):
        self.report = report
        super().__init__(message)


class ExtractionFailedError(BuildError):
    """The pipeline failed on one report (a defect of aid-kg the report brought out): the build
    stops, names the report, and leaves the previous outputs as they were."""


class BuildLockedError(BuildError):
    """Another build is writing to the same output folder (it holds ``OUT/.kg-cache/build.lock``)."""
