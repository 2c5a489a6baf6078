"""aid-kg: a knowledge graph of China's counterpart-assistance programs from Chinese news reports.

The library behind ``kg`` and ``build_graph.py``: :func:`build` a corpus into graph files,
:func:`evaluate` a graph against gold annotations, :func:`run_query` a saved query.
"""

from .build import build
from .evaluate import evaluate
from .queries import run_query

__all__ = ["build", "evaluate", "run_query"]
