"""aid-kg: a knowledge graph of China's counterpart-assistance programs from Chinese news reports.

Entry points: :func:`kg.build.build` (a corpus into graph files), :func:`kg.evaluate.evaluate`
(a graph against gold annotations), :func:`kg.queries.run_query` (a saved query). The module map
is in docs/architecture.md.
"""
