"""spaCy components of the English pipeline (rules and gazetteers, no trained weights).

They write the span groups and ``Doc._`` values the Chinese components write (``kg_places``,
``kg_names``, ``kg_persons``, ``kg_dates``, ``kg_figures``; ``kg_mentions`` is shared), with the
same ``Span._`` values, so the mentions and relations they make are resolved and written to RDF
exactly as Chinese ones are. Their word lists are in ``data/rules/en/``.
"""

from kg.extract import extensions  # noqa: F401  (registers the extensions first)
from kg.extract.english import (  # noqa: F401  (importing registers the factories)
    names,
    persons,
    places,
    quantities,
    relations,
    sentences,
)
