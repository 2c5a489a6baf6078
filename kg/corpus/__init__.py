"""Stage 1, files → documents: folders, manifests, encodings, HTML, front matter.

Owns :mod:`kg.corpus.reader`. May import :mod:`kg.records`, :mod:`kg.errors` and
:mod:`kg.resources`; nothing else of aid-kg's (no spaCy, no RDF).
"""
