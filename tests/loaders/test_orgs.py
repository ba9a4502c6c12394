"""The organisation-kind classifier on names as the source documents write them."""

from __future__ import annotations

import pytest

from industriegraph.loaders.orgs import classify_kind
from industriegraph.model.kinds import FORMAL_KINDS, KINDS


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("IHK Nord Westfalen", "IHK"),
        ("Industrie- und Handelskammer Cottbus", "IHK"),
        ("Handelskammer Hamburg", "IHK"),
        ("SIHK Hagen", "IHK"),
        ("DIHK", "IHK"),
        ("Handwerkskammer Wiesbaden", "Handwerkskammer"),
        ("Arbeitskammer des Saarlands", "ChamberOfLabour"),
        ("IG BCE", "Union"),
        ("Deutscher Gewerkschaftsbund Bezirk Nord", "Union"),
        ("BDA", "EmployerAssociation"),
        ("Industrieller Arbeitgeberverband Osnabrück - Emsland - Grafschaft Bentheim e. V.", "EmployerAssociation"),
        ("Bundeswirtschaftsministerium", "FederalGovernment"),
        ("Bundesministerium für Wirtschaft und Klimaschutz", "FederalGovernment"),
        ("Ministerium für Wirtschaft, Arbeit und Tourismus Baden-Württemberg", "StateGovernment"),
        ("Berliner Senat", "StateGovernment"),
        ("Fraunhofer Institut für Werkzeugmaschinen und Umformtechnik IWU", "ResearchInstitute"),
        ("Friedrich-Alexander-Universität Erlangen-Nürnberg", "University"),
        ("Technische Hochschule Würzburg-Schweinfurt", "University"),
        ("Wirtschaftsförderung Frankfurt", "EconomicDevelopment"),
        ("Berlin Partner für Wirtschaft und Technologie", "EconomicDevelopment"),
        ("Region Main-franken GmbH", "EconomicDevelopment"),
        ("Wirtschaftsvereinigung Stahl", "BusinessAssociation"),
        ("Industrieverband Hamburg e. V.", "BusinessAssociation"),
        ("Städteregion Aachen", "Municipality"),
        ("Europäische Metropolregion Nürnberg", "Municipality"),
        ("Kreisverwaltung Wesel", "Municipality"),
        ("CHEMPARK Dormagen", "Company"),
        ("Industriepark Höchst", "Company"),
        ("VfL Bochum 1848", "CivilSociety"),
        ("Cluster Mobility & Logistics", "Cluster"),
        ("Rhein-Kreis Neuss", "Municipality"),
        ("Wissenschaftspark Gelsenkirchen Projekte gGmbH", "Company"),
        ("ZINQ Gelsenkirchen GmbH & Co. KG", "Company"),
        ("ZeMA", "Other"),
    ],
)
def test_classify_kind(name, kind):
    assert classify_kind(name) == kind


def test_every_kind_is_documented_and_formal_kinds_exclude_loose_ones():
    assert {classify_kind(n) for n in ("IHK Aachen", "ZeMA", "Netzwerk Industriepolitik")} <= set(KINDS)
    assert "Other" not in FORMAL_KINDS and "Cluster" not in FORMAL_KINDS and "IHK" in FORMAL_KINDS
