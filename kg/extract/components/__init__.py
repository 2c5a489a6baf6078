"""spaCy components of the aid-kg pipeline (rule- and gazetteer-based; no trained weights).

Importing this package registers the factories. Components write only to span groups and
``Doc._``/``Span._`` extensions; they never import rdflib.

Span groups:
    ``kg_places``   administrative places from the gazetteer and the nesting of their names
    ``kg_names``    organizations, programs, events, sites and works (head nouns, quotes, 《》)
    ``kg_persons``  people (·-names, names after role words, bylines)
    ``kg_dates``, ``kg_figures``  dates and quoted figures
    ``kg_ner``      the statistical recognizer's names (LAC); its words are ``Doc.user_data["kg_words"]``
    ``kg_model``    the recognizer's places and organizations where the rules found nothing
                    (``kg_short_names`` adds companies named again by their short name to ``kg_names``)
    ``kg_mentions`` the resolved, non-overlapping mentions (``kg_mentions`` component)
    ``kg_inner``    places named inside a longer name (阿克苏市 in 阿克苏市第十八中学)
"""

from kg.extract import extensions  # noqa: F401  (registers the extensions first)
from kg.extract.components import (  # noqa: F401  (importing registers the factories)
    mentions,
    model_names,
    names,
    persons,
    place_bodies,
    places,
    quantities,
    relations,
    sentences,
    short_names,
)
