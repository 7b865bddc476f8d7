"""The words of the annotation guide for purposes and victim groups, and the vocabulary's individuals they name.

>>> PURPOSE_NAMES["forced_marriage"], VICTIM_NAMES["children"]
('ForcedMarriage', 'Children')
"""

# The classes an entity node has (the leaves of tg:Actor and tg:Place), as the gold names them.
ENTITY_CLASSES = (
    "Agency",
    "NGO",
    "InternationalOrganization",
    "Official",
    "Person",
    "Country",
    "Province",
    "City",
    "Region",
)
PURPOSE_NAMES = {
    "sexual": "SexualExploitation",
    "labour": "ForcedLabour",
    "forced_marriage": "ForcedMarriage",
    "adoption": "IllegalAdoption",
    "begging": "Begging",
    "organ_removal": "OrganRemoval",
    "cannabis_cultivation": "CannabisCultivation",
    "domestic_servitude": "DomesticServitude",
}
VICTIM_NAMES = {
    "women": "Women",
    "men": "Men",
    "children": "Children",
    "infants": "Infants",
    "girls": "Girls",
    "boys": "Boys",
    "migrants": "Migrants",
}
