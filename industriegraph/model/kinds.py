"""The organisation kinds: the controlled vocabulary of ``Organization.kind``, with German descriptions and
the short German labels the explorer shows (``industriegraph.model.schema.value_label_de``)."""

from __future__ import annotations

# kind -> German description (documented in docs/schema.md)
KINDS: dict[str, str] = {
    "IHK": "Industrie- und Handelskammer (Handelskammer)",
    "Handwerkskammer": "Handwerkskammer",
    "ChamberOfLabour": "Arbeitskammer",
    "Union": "Gewerkschaft (IG Metall, DGB, IG BCE, ver.di …)",
    "EmployerAssociation": "Arbeitgeberverband",
    "BusinessAssociation": "Wirtschafts-, Branchen- oder Industrieverband",
    "Company": "Unternehmen",
    "University": "Hochschule oder Universität",
    "ResearchInstitute": "Forschungseinrichtung (Fraunhofer, Max Planck, Helmholtz, Leibniz …)",
    "Municipality": "Stadt, Gemeinde, Landkreis, Bezirk",
    "StateGovernment": "Landesregierung, Senat, Landesministerium, Senatsbehörde",
    "FederalGovernment": "Bundesregierung, Bundesministerium, Bundesbehörde",
    "EmploymentAgency": "Agentur für Arbeit, Jobcenter",
    "EconomicDevelopment": "Wirtschaftsförderung, Standortmarketing, Entwicklungsgesellschaft",
    "Cluster": "Cluster, Netzwerk oder Kompetenzzentrum",
    "School": "Berufsbildende Schule",
    "CivilSociety": "Zivilgesellschaftliche Organisation, Verein, Stiftung",
    "Other": "Sonstige",
}

# kind -> short German label (legend, facts, selects); the descriptions above say what belongs to a kind.
KIND_LABELS: dict[str, str] = {
    "IHK": "IHK / Handelskammer",
    "Handwerkskammer": "Handwerkskammer",
    "ChamberOfLabour": "Arbeitskammer",
    "Union": "Gewerkschaft",
    "EmployerAssociation": "Arbeitgeberverband",
    "BusinessAssociation": "Wirtschaftsverband",
    "Company": "Unternehmen",
    "University": "Hochschule",
    "ResearchInstitute": "Forschungseinrichtung",
    "Municipality": "Kommune",
    "StateGovernment": "Landesregierung",
    "FederalGovernment": "Bundesregierung",
    "EmploymentAgency": "Arbeitsagentur",
    "EconomicDevelopment": "Wirtschaftsförderung",
    "Cluster": "Cluster / Netzwerk",
    "School": "Berufsschule",
    "CivilSociety": "Zivilgesellschaft",
    "Other": "Sonstige",
}
assert list(KIND_LABELS) == list(KINDS)

# Kinds that count as formal organisations (legal persons or public bodies) in exports.
FORMAL_KINDS = frozenset(KINDS) - {"Cluster", "Other"}
