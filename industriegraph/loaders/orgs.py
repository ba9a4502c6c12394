"""Organisation kinds: the documented vocabulary and a rule-based classifier by name.

The classifier looks at the name only, so every loader classifies the same name the same
way; the resolver may override a kind from the reviewable alias file.
"""

from __future__ import annotations

import re

# Ordered: the first rule that matches decides.
_RULES: list[tuple[str, str]] = [
    ("EmploymentAgency", r"\bagentur für arbeit\b|\barbeitsagentur\b|\bjobcenter\b|\bbundesagentur\b"),
    ("Handwerkskammer", r"handwerkskammer|\bhwk\b"),
    ("ChamberOfLabour", r"\barbeitskammer\b"),
    ("IHK", r"\bihk\b|\bsihk\b|\bdihk\b|industrie- und handelskammer|handelskammer|chamber of commerce|\bihks\b"),
    ("Union", r"\big metall\b|\big bce\b|\bver\.?di\b|\bdgb\b|gewerkschaft|trade union|\bngg\b|\big bau\b"),
    (
        "EmployerAssociation",
        (
            r"arbeitgeberverb|arbeitgeber|\bbda\b|\bunternehmensverb.*arbeitgeber|\bnordmetall\b"
            r"|\bsüdwestmetall\b|\bmetall nrw\b|\bchemie nord\b|\bvci\b"
        ),
    ),
    (
        "FederalGovernment",
        (
            r"\bbundes\w*ministerium|\bbmwk\b|\bbmwi\b|\bbmbf\b|\bbundesregierung\b|\bbund(es)?amt\b"
            r"|federal ministry"
        ),
    ),
    (
        "StateGovernment",
        (
            r"landesministerium|\bministerium\b|staatsministerium|\bsenat\b|senatsverwaltung|landesregierung"
            r"|\bbehörde für\b|\bstaatskanzlei|\bsenate\b|ministry|^freie und hansestadt|^freie hansestadt"
            r"|^freistaat\b|^land [A-ZÄÖÜ]"
        ),
    ),
    # operators of chemical and industrial parks (CHEMPARK Dormagen, Industriepark Höchst) are companies
    ("Company", r"\bchempark\b|\bchemiepark\b|\bindustriepark\b"),
    # sports clubs named with their founding year (VfL Bochum 1848)
    ("CivilSociety", r"^(?:vfl|vfb|fc|sv|tsv|sc|tus|spvgg|fsv|bv|1\. ?fc)\s.*\b(?:18|19|20)\d\d\b"),
    (
        "ResearchInstitute",
        (
            r"fraunhofer|max[- ]planck|helmholtz|leibniz|forschungszentrum|\binstitut\b|institute\b|\bdlr\b"
            r"|forschungsinstitut|forschungseinrichtung"
        ),
    ),
    (
        "University",
        (
            r"universität|hochschule|\buniversity\b|\btu\b|\brwth\b|\bfh\b|technische hochschule"
            r"|fachhochschule|\bkit\b"
        ),
    ),
    ("School", r"berufsschule|berufsbildende schule|berufskolleg"),
    (
        "EconomicDevelopment",
        (
            r"wirtschaftsförder|partner für wirtschaft|^region\b.*\bgmbh\b|\bwfg\b|\bwfb\b"
            r"|entwicklungsgesellschaft|standortmarketing|invest in|\bhamburg invest\b|innovationsagentur"
            r"|marketing gmbh|förderbank|investitionsbank|kreativ gesellschaft"
        ),
    ),
    (
        "BusinessAssociation",
        (
            r"verband|wirtschaftsvereinigung|\bvdma\b|\bvda\b|\bbdi\b|\bzvei\b|\bvdi\b|\bivh\b"
            r"|industrievereinigung|unternehmerverb|association\b|\be\. ?v\.|\bev\b"
        ),
    ),
    ("Cluster", r"cluster|netzwerk|network|kompetenzzentrum|allianz"),
    (
        "Municipality",
        (
            r"^stadt\b|\bstadt [A-ZÄÖÜ]|städteregion|metropolregion|landkreis|\bkreis\b|gemeinde|bezirk"
            r"|\bkreisverwaltung\b|\bstadtverwaltung\b"
            r"|\bcity of\b|landeshauptstadt|kommune|\bregion\b"
        ),
    ),
    ("Company", r"\bg?gmbh\b|\bag\b|\bse\b|\bkg\b|\bco\.|\bmbh\b|\bgroup\b|\bholding\b|\binc\b|\bltd\b|werke?\b"),
]
_COMPILED = [(kind, re.compile(rx, re.IGNORECASE)) for kind, rx in _RULES]


def classify_kind(name: str) -> str:
    """Return the organisation kind for a name, ``Other`` when no rule applies."""
    for kind, rx in _COMPILED:
        if rx.search(name):
            return kind
    return "Other"
