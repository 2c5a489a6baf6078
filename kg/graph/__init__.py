"""Stage 3, extractions → resolved entities → RDF.

Owns resolution into entities with stable keys (:mod:`.resolve`), the ontology namespace
(:mod:`.namespace`), RDF terms and quads with provenance (:mod:`.rdf`), SHACL validation
(:mod:`.validate`) and the per-document build cache (:mod:`.cache`).

May import :mod:`kg.reference`, :mod:`kg.corpus`, :mod:`kg.records`; never spaCy and never
:mod:`kg.extract`: it reads plain records (checked by the import contract in ``pyproject.toml``).
"""
