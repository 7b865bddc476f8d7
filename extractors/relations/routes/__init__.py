"""Trafficking routes: origin, destination and transit places, purposes and victim groups.

A route is read off a trigger (``patterns.json``, section ``routes``):
a trafficking verb ("trafficked to", "sold to", "lure ... to"), a verb of
movement in a sentence about trafficking ("girls from the Mekong Delta often go
to South Korea for arranged marriages", "journey from Nigeria to Niger, then
... onward to Europe") or a route noun ("trafficking of women to China").

- destinations: objects of "to/into", also of the way ("en route to X", "on their way to X"),
  or where such an object is ("to brothels in X"),
  "end up in", "leave X for Y"; "countries sharing borders with X" and "neighbouring
  countries" through the land-border table; in a chain of moves the last "to" is the
  destination, earlier ones transit;
- origins: "from X", the victims' place ("victims in the north", "women from
  X"), their nationality ("Vietnamese women" -> Vietnam; "Lao and Cambodian
  women" -> one route from both);
- the report's country roles: "X is a destination country for workers who
  migrate from A", "X is a source country for women trafficked to Y";
- transit: "through/via/across X", "through to X";
- no trigger at all: victims of one nationality placed in another country ("Turkmen
  victims are in Turkey", "Nepali victims were identified in Qatar", :mod:`.placed`);
- victims and purposes: the vocabulary's individuals, from the words of the
  clause; a generic "victims" or a pronoun takes the victim groups of the
  paragraph it continues.

What the sentence leaves out comes from the document (:class:`RouteContext`):
the home country of the victims ("In the south, many victims are taken to
Thailand" -> from Laos), the place where the paragraph's victims are.
Such routes carry a lower confidence.

The package reads as its parts: :mod:`.context` (the document and the
paragraph around a sentence), :mod:`.frames` (verb frames as data),
:mod:`.reader` and :mod:`.themes` (a sentence's places, clauses, victims and
purposes), :mod:`.finder` (one trigger -> its routes) and :mod:`.placed`.
"""

from tipgraph.extractors.relations.routes.context import (
    DIRECTION,
    UNNAMED,
    RouteContext,
    Theme,
    add_place_record,
    add_region_record,
    load_land_borders,
)
from tipgraph.extractors.relations.routes.finder import (
    EXPLICIT,
    FROM_CONTEXT,
    FROM_DOCUMENT,
    RouteFinder,
    join_origins,
    routes_in,
)
from tipgraph.extractors.relations.routes.frames import VerbFrame, verb_frames

__all__ = [
    "DIRECTION",
    "EXPLICIT",
    "FROM_CONTEXT",
    "FROM_DOCUMENT",
    "UNNAMED",
    "RouteContext",
    "RouteFinder",
    "Theme",
    "VerbFrame",
    "add_place_record",
    "add_region_record",
    "join_origins",
    "load_land_borders",
    "routes_in",
    "verb_frames",
]
