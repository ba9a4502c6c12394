"""How many initiatives each kind of actor takes part in, beside the figures the report states (Tabelle 2).

The report's Tabelle 2 counts, for the 93 initiatives of its network, in how many a group of actors
took part; those numbers come from the Servicestelle's own survey. The graph only knows the
memberships the documents name (MEMBER_OF), which are far fewer. Putting both side by side shows
an analyst how far the documents support the report's numbers.
"""

from __future__ import annotations

import re
from typing import Any

from industriegraph.analysis.queries.base import Param, Query, QueryError, same
from industriegraph.model.kinds import KINDS

# Tabelle 2 group -> (organisation kinds, name pattern). An organisation belongs to a group when its kind
# is listed or, for the single unions the report names, when its name or an alias matches the pattern.
# Kept here, reviewable, because the report's categories are not our kinds one-to-one: "Kammern" also
# covers the Saarland's Arbeitskammer (the text says so), "Wissenschaft" sums universities and research
# institutes (footnote 2), "Politik und Verwaltung" sums municipalities and state ministries (footnote 3).
GROUPS: dict[str, tuple[tuple[str, ...], str]] = {
    "Unternehmen": (("Company",), ""),
    "Kammern": (("IHK", "Handwerkskammer", "ChamberOfLabour"), ""),
    "Industrie- und Handelskammern": (("IHK",), ""),
    "Wissenschaft": (("University", "ResearchInstitute"), ""),
    "Politik und Verwaltung": (("Municipality", "StateGovernment"), ""),
    "Hochschulen/Universitäten": (("University",), ""),
    "Verbände": (("BusinessAssociation", "EmployerAssociation"), ""),
    "Wirtschaftsförderung": (("EconomicDevelopment",), ""),
    "Städte und Kommunen": (("Municipality",), ""),
    "Zivilgesellschaft": (("CivilSociety",), ""),
    "Gewerkschaften": (("Union",), ""),
    "Forschung": (("ResearchInstitute",), ""),
    "Arbeitgeberverband": (("EmployerAssociation",), ""),
    "IG Metall": ((), r"\big metall\b"),
    "Handwerkskammern": (("Handwerkskammer",), ""),
    "Agentur für Arbeit": (("EmploymentAgency",), ""),
    "DGB": ((), r"\bdgb\b|\bdeutsche[rn]? gewerkschaftsbund"),
    "Landesministerien": (("StateGovernment",), ""),
    "IG BCE": ((), r"\big bce\b|bergbau,? chemie,? energie"),
    "Berufsbildende Schulen": (("School",), ""),
}
VIEWS = ("all", "report", "kinds")
SCOPES = ("table", "all")

MEMBERS = """
MATCH (o:Organization)-[:MEMBER_OF]->(i:Initiative)
RETURN DISTINCT i.id AS initiative, i.name AS initiative_name, o.kind AS kind, o.name AS name, o.aliases AS aliases
"""
# The initiatives of the network: active and in the initiatives table (only table rows carry a radius).
SCOPE = """
MATCH (i:Initiative)
RETURN i.id AS id, i.status AS status, i.radius AS radius
"""
STATISTICS = """
MATCH (s:Statistic)
RETURN s.id AS id, s.label AS label, s.caption AS caption, s.count AS count, s.percent AS percent,
       s.base AS base, s.evidence AS evidence
"""


SCOPE_PARAM = Param(
    "scope",
    str,
    "table",
    "'table': active initiatives of the initiatives table (those with a radius); 'all': every initiative in the graph.",
    SCOPES,
)


def in_scope(row: dict[str, Any], scope: str) -> bool:
    return scope == "all" or (row["status"] == "active" and row["radius"] is not None)


def _report_figures(graph) -> dict[str, dict[str, Any]]:
    """Tabelle-2 rows by label; where several documents state a participation table, the larger base wins."""
    out: dict[str, dict[str, Any]] = {}
    for s in sorted(graph.cypher(STATISTICS.strip()), key=lambda s: (-(s["base"] or 0), s["id"])):
        if "beteiligung" in (s["caption"] or "").lower():
            out.setdefault(s["label"], s)
    return out


def run(graph, cypher: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    scope = {r["id"] for r in graph.cypher(SCOPE.strip()) if in_scope(r, params["scope"])}
    members = [m for m in graph.cypher(cypher) if m["initiative"] in scope]
    names = {m["initiative"]: m["initiative_name"] for m in members}
    figures = _report_figures(graph)
    total = len(scope)

    def row(group: str, kinds: tuple[str, ...], pattern: str) -> dict[str, Any]:
        rx = re.compile(pattern, re.IGNORECASE) if pattern else None
        hits = {
            m["initiative"]
            for m in members
            if m["kind"] in kinds or (rx and any(rx.search(x) for x in [m["name"], *(m["aliases"] or [])]))
        }
        stat = figures.get(group)
        report = stat["count"] if stat else None
        return {
            "group": group,
            "kinds": list(kinds) + ([f"name ~ /{pattern}/"] if pattern else []),
            "graph_initiatives": len(hits),
            "graph_share": round(len(hits) / total, 3) if total else None,
            "report_count": report,
            "report_percent": stat["percent"] if stat else None,
            "coverage": round(len(hits) / report, 3) if report else None,
            "initiatives": sorted(names[i] for i in hits),
            "evidence": list(stat["evidence"]) if stat else [],
        }

    rows = []
    if params["view"] in ("all", "report"):
        rows += [row(group, kinds, pattern) for group, (kinds, pattern) in GROUPS.items()]
        rows.sort(key=lambda r: (-(r["report_count"] or -1), list(GROUPS).index(r["group"])))
    if params["view"] in ("all", "kinds"):
        rows += sorted((row(kind, (kind,), "") for kind in KINDS), key=lambda r: (-r["graph_initiatives"], r["group"]))
    if params["min_initiatives"] < 0:
        raise QueryError("parameter 'min_initiatives' must be 0 or more")
    return [r for r in rows if r["graph_initiatives"] >= params["min_initiatives"] or r["report_count"]]


QUERY = Query(
    name="participation",
    description=(
        "For each group of actors of the report's Tabelle 2 (Kammern, Gewerkschaften, IG Metall, Wissenschaft …) "
        "and for each organisation kind: in how many initiatives at least one such organisation takes part "
        "(MEMBER_OF), as a count and a share of the initiatives in scope (default: the 93 active initiatives of "
        "Tabelle 1), beside the count and percentage the report states, with the Statistic's evidence. "
        "coverage = graph count / report count. The report's figures come from the Servicestelle's survey; the "
        "documents name far fewer memberships, so coverage is low: it shows how far the documents support the "
        "report's numbers, not how many actors really take part. Groups map to kinds (and, for IG Metall, DGB and "
        "IG BCE, to organisation names) as documented in GROUPS."
    ),
    parameters=(
        Param(
            "view",
            str,
            "all",
            "'report': the Tabelle-2 groups; 'kinds': one row per organisation kind; 'all': both (groups first).",
            VIEWS,
        ),
        SCOPE_PARAM,
        Param("min_initiatives", int, 0, "Drop rows without a report figure that reach fewer graph initiatives."),
    ),
    columns=(
        "group",
        "kinds",
        "graph_initiatives",
        "graph_share",
        "report_count",
        "report_percent",
        "coverage",
        "initiatives",
        "evidence",
    ),
    cypher=same(MEMBERS.strip()),
    run=run,
    extra_cypher={"scope": same(SCOPE.strip()), "statistics": same(STATISTICS.strip())},
)
