"""``kg serve``: a read-only SPARQL 1.1 endpoint and web pages over a built graph, on 127.0.0.1.

Sits on top of :mod:`kg.query` and :mod:`kg.views` (its pages reuse the views); never imports
:mod:`kg.extract` or spaCy.
"""
