"""Reference data: the gazetteer of administrative divisions, rule and word lists, pinyin and
English labels.

Tables are data files (``data/gazetteer/``, ``data/rules/``, ``data/labels/``) with their source
and date; these modules load and look them up. Used by extraction and by the graph layer alike, so
it imports neither: only :mod:`kg.records`, :mod:`kg.errors` and :mod:`kg.resources`.
"""
