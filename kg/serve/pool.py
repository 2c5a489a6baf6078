"""The query workers of ``kg serve``: processes sharing one loaded graph, each job within a time
and a memory limit.

pyoxigraph cannot stop a running query: 0.5 has no query timeout or cancellation, it evaluates in
Rust without the GIL, and a signal handler runs only once the query returns (docs/serve.md). So
every job on the graph runs in a worker process, and one that overruns is stopped by killing its
worker. pebble's ProcessPool does that (a task timeout kills the worker and starts another). The
graph is loaded once, here, before the pool forks its workers, which share it copy-on-write.

Measured against our former hand-written pool: pebble first sends SIGTERM and waits 3 s before
SIGKILL, and a busy Rust query never runs Python's handler, so a heavy query outlived its limit by
3 s; the workers therefore take SIGTERM's default action (die at once). pebble forks replacement
workers from the server process, which by then runs threads; the workers close the listening
socket they inherit and end with the server (PR_SET_PDEATHSIG), as before.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import resource
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pebble
import pyoxigraph as ox

from kg.errors import (
    KgError,
    NetworkError,
    ParameterError,
    QueryMemoryError,
    QuerySyntaxError,
    QueryTimeoutError,
    RequestError,
    ServeError,
    ServerBusyError,
)
from kg.query.lookup import Lookup
from kg.query.remote import RemoteStore
from kg.query.saved import open_graph
from kg.views.network import project

__all__ = ["LoadedGraph", "WorkerPool", "default_workers"]

MIB = 1 << 20
_PR_SET_PDEATHSIG = 1
_graph: LoadedGraph | None = None  # set before the workers fork; each sees it copy-on-write


def default_workers() -> int:
    """The default number of query workers: one per CPU, at least 2 (so that one slow query never
    holds them all) and at most 4 (each may copy part of the store, see docs/serve.md)."""
    return min(4, max(2, os.cpu_count() or 1))


@dataclass
class LoadedGraph:
    """What is loaded once and every worker shares."""

    path: Path
    store: ox.Store | RemoteStore
    network: nx.MultiDiGraph
    lookup: Lookup  # kept between a worker's jobs: it indexes the labels once


class WorkerPool:
    """Worker processes that run jobs on one loaded graph, each job within a time and memory limit.

    Args:
        graph_path: a build folder or graph file (see :func:`kg.query.saved.open_graph`).
        workers: how many jobs may run at once.
        timeout: seconds a job may run, and a request may wait for an idle worker.
        memory_limit: bytes of memory a job may take in a worker beyond what the worker holds
            when it starts (the loaded graph among it).
        inherited: file descriptors that the workers must not keep open (the server's listening
            socket, so that the port is free again when the server stops).
        store_url: query this SPARQL server (:class:`kg.query.remote.RemoteStore`) instead of
            loading ``graph_path``.

    Attributes:
        quads: how many quads the loaded store holds (None for a remote store).

    Raises:
        GraphFileError: the graph cannot be loaded.
        ServeError: this system cannot fork.
    """

    def __init__(
        self,
        graph_path: str | Path,
        *,
        workers: int,
        timeout: float,
        memory_limit: int,
        inherited: Sequence[int] = (),
        store_url: str | None = None,
    ):
        global _graph
        try:
            context = multiprocessing.get_context("fork")
        except ValueError as exc:
            raise ServeError("kg serve needs a system that can fork processes (Linux, macOS)") from exc
        store = RemoteStore(store_url) if store_url else open_graph(graph_path)
        _graph = LoadedGraph(Path(graph_path), store, project(store), Lookup(store))
        self.quads = len(store) if isinstance(store, ox.Store) else None
        self.workers, self.timeout, self.memory_limit = workers, timeout, memory_limit
        self._idle = threading.BoundedSemaphore(workers)
        self._pool = pebble.ProcessPool(
            max_workers=workers,
            initializer=_start_worker,
            initargs=(memory_limit, tuple(inherited), os.getpid()),
            context=context,
        )

    def call(self, job: Callable, *args):
        """Run ``job(graph, *args)`` in a worker and return its value.

        Args:
            job: a module-level function (pebble sends it by name) whose first argument is the
                :class:`LoadedGraph`.
            *args: its other arguments (picklable).

        Raises:
            ServerBusyError: no worker became idle within the time limit.
            QueryTimeoutError: the job ran longer than the time limit; its worker was killed.
            QueryMemoryError: the job needed more memory than the limit; its worker died.
            RequestError: the job failed: the status says why (500 for a bug or a worker crash).
        """
        if not self._idle.acquire(timeout=self.timeout):
            raise ServerBusyError(
                f"all {self.workers} query workers stayed busy for {self.timeout:g} s; try again later"
            )
        try:
            status, value = self._pool.schedule(_run, (job, *args), timeout=self.timeout).result()
        except FutureTimeout:
            raise QueryTimeoutError(
                f"the query was stopped: it ran longer than the time limit of {self.timeout:g} s "
                "(kg serve --timeout). Narrow it down, or ask for fewer rows (LIMIT)."
            ) from None
        except pebble.ProcessExpired as exc:
            # Rust aborts the process when an allocation fails (here: at RLIMIT_AS).
            if exc.exitcode == -signal.SIGABRT:
                raise QueryMemoryError(self._memory_message()) from None
            raise RequestError("the query worker ended without an answer", 500) from None
        finally:
            self._idle.release()
        if status == 503:  # a MemoryError in the worker (see _run)
            raise QueryMemoryError(self._memory_message())
        if status != 200:
            raise RequestError(value, status)
        return value

    def _memory_message(self) -> str:
        return (
            f"the query was stopped: it needed more than the memory limit of {self.memory_limit // MIB} MiB "
            "(kg serve --memory-limit). Narrow it down, or ask for fewer rows (LIMIT)."
        )

    def close(self) -> None:
        """Stop the workers."""
        self._pool.stop()
        self._pool.join()


def _start_worker(memory_limit: int, inherited: tuple[int, ...], parent: int) -> None:
    for fd in inherited:
        os.close(fd)
    # pebble stops a worker with SIGTERM, and a Python handler would wait for the query to end.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if not sys.platform.startswith("linux"):  # elsewhere: no death signal, no /proc (docs/serve.md)
        return
    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)  # die with the server
    if os.getppid() != parent:  # the server ended before the request above
        os._exit(1)
    # The address space counts what the worker shares with the server (the graph, libraries,
    # thread stacks), so the limit is set above what it holds now.
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = _address_space() + memory_limit
    resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))


def _address_space() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _run(job: Callable, *args) -> tuple[int, object]:
    """Run a job in a worker: (200, value), or (HTTP status, message)."""
    try:
        return 200, job(_graph, *args)
    except RequestError as exc:
        return exc.status, str(exc)
    except (QuerySyntaxError, ParameterError) as exc:
        return 400, str(exc)
    except NetworkError as exc:
        return 404, str(exc)
    except KgError as exc:
        return 500, str(exc)
    except MemoryError:  # Python's own allocations at the limit; the worker goes on
        return 503, None
    except Exception:  # a bug: the client gets a 500, the server's log the traceback
        traceback.print_exc()
        return 500, "internal error of the server (its log has the details)"
