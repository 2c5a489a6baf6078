"""Stage 2, documents → spaCy Docs → mentions and relations (:class:`kg.records.Extraction`).

Owns the spaCy pipeline (:mod:`.pipeline`), its registered components (:mod:`.components`), the
span extensions they share (:mod:`.extensions`), the reading view of a report
(:mod:`.reading_view`), figures and dates (:mod:`.figures`, :mod:`.dates`) and the conversion of a
processed Doc into plain records (:mod:`.extraction`).

May import :mod:`kg.corpus`, :mod:`kg.reference`, :mod:`kg.records`; never rdflib or pyoxigraph,
never :mod:`kg.graph` (checked by the import contract in ``pyproject.toml``).
"""
