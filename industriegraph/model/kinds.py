"""The organisation kinds: the controlled vocabulary of ``Organization.kind``."""

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

# Kinds that count as formal organisations (legal persons or public bodies) in exports.
FORMAL_KINDS = frozenset(KINDS) - {"Cluster", "Other"}
