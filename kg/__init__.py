"""aid-kg: a knowledge graph of China's counterpart-assistance programs from news reports.

The package is layered by pipeline stage; each layer imports only the ones below it (the
contract is in ``pyproject.toml`` and a test runs it):

* :mod:`kg.cli` (its tables through :mod:`kg.cli_tables`), :mod:`kg.build`, :mod:`kg.evaluate`,
  :mod:`kg.serve` — entry points and jobs
* :mod:`kg.views` — networks, statistics, exports, offline pages
* :mod:`kg.query` — saved queries, name look-up, remote stores
* :mod:`kg.graph` and :mod:`kg.extract` — independent of each other: RDF; the spaCy pipeline
* :mod:`kg.corpus` — files into documents
* :mod:`kg.reference` — gazetteer, rules, labels
* :mod:`kg.records`, :mod:`kg.errors`, :mod:`kg.resources` — shared records, exceptions, paths

Entry points: :func:`kg.build.build` (a corpus into graph files), :func:`kg.evaluate.evaluate`
(a graph against gold annotations), :func:`kg.query.saved.run_query` (a saved query). The walk
of one report through the modules is in docs/architecture.md.
"""
