"""Stage 5, the graph → things to look at and take away: the networkx projection
(:mod:`.network`), statistics (:mod:`.stats`), tables and graph exports (:mod:`.export`), and the
offline pages (:mod:`.network_page`, :mod:`.map_page`), rendered from the templates in ``viz/``.

May import :mod:`kg.query` and the layers below it; never :mod:`kg.extract` or spaCy.
"""
