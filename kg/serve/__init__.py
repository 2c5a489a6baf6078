"""``kg serve``: a read-only SPARQL 1.1 endpoint and web pages over a built graph, on 127.0.0.1.

:mod:`kg.serve.app` (routes, middleware, ``serve()``), :mod:`kg.serve.protocol` (the SPARQL
Protocol), :mod:`kg.serve.pool` (the worker processes), :mod:`kg.serve.pages` (the HTML pages).
Sits on top of :mod:`kg.query` and :mod:`kg.views` (its pages reuse the views); never imports
:mod:`kg.extract` or spaCy.
"""
