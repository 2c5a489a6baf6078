"""Stage 4, the graph → answers: saved SPARQL queries (:mod:`.saved`), names in any language as
parameters (:mod:`.lookup`), and remote SPARQL 1.1 stores (:mod:`.remote`).

May import :mod:`kg.graph` (for the namespace), :mod:`kg.reference`, :mod:`kg.corpus`; never
spaCy or :mod:`kg.extract`.
"""
