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


class EvaluationError(KgError):
    """A gold file or the graph under evaluation cannot be used."""


class ExportError(KgError):
    """A graph cannot be exported: missing or unparseable input, unknown format, unwritable output."""
