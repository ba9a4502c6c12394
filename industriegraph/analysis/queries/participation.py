"""How many initiatives each kind of actor takes part in, beside the figures the report states (Tabelle 2).

The report's Tabelle 2 counts, for the 93 initiatives of its network, in how many a group of actors
took part; those numbers come from the Servicestelle's own survey. The graph only knows the
memberships the documents name (MEMBER_OF), which are far fewer. Putting both side by side shows
an analyst how far the documents support the report's numbers.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from industriegraph.analysis.queries import memberships
from industriegraph.analysis.queries.base import Param, Query, QueryError, same
from industriegraph.analysis.queries.memberships import KIND_NAMES
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
# the other names of organisations, for the groups of single unions the report names
ALIASES = same("MATCH (o:Organization) WHERE size(o.aliases) > 0 RETURN o.id AS id, o.aliases AS aliases")
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


def _report_figures(graph) -> dict[str, dict[str, Any]]:
    """Tabelle-2 rows by label; where several documents state a participation table, the larger base wins."""
    out: dict[str, dict[str, Any]] = {}
    for s in sorted(graph.cypher(STATISTICS.strip()), key=lambda s: (-(s["base"] or 0), s["id"])):
        if "beteiligung" in (s["caption"] or "").lower():
            out.setdefault(s["label"], s)
    return out


def run(graph, cypher: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """The memberships come as arrays (``memberships``: stored at build time, or read at once as Arrow tables);
    ``MEMBERS`` asks the same of the graph row by row, which took 16-17 s on the synthetic graph's million
    memberships."""
    if params["min_initiatives"] < 0:
        raise QueryError("parameter 'min_initiatives' must be 0 or more")
    m = memberships.arrays(graph)
    scoped = memberships.in_scope(m, params["scope"])
    scope, e_ini, e_org, present = (scoped[k] for k in ("scope", "edge_ini", "edge_org", "present"))
    kind_index = {kind: k for k, kind in enumerate(KIND_NAMES)}
    names = m["ini_names"]
    figures = _report_figures(graph)
    total = int(scope.sum())
    member_orgs = np.unique(e_org)
    named: tuple[np.ndarray, list[str]] | None = None  # the members' names, read when a group needs them

    def row(group: str, kinds: tuple[str, ...], pattern: str) -> dict[str, Any]:
        nonlocal named
        hit = present[[kind_index[k] for k in kinds]].any(axis=0) if kinds else np.zeros(len(scope), dtype=bool)
        if pattern:
            named = _member_names(graph, m, member_orgs) if named is None else named
            owners, texts = named
            search = re.compile(pattern, re.IGNORECASE).search
            matching = np.zeros(len(m["org_ids"]), dtype=bool)
            matching[owners[[k for k, text in enumerate(texts) if text and search(text)]]] = True
            hit[e_ini[matching[e_org]]] = True
        hits = np.flatnonzero(hit)
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
            "initiatives": sorted(names[hits].tolist()),
            "evidence": list(stat["evidence"]) if stat else [],
        }

    rows = []
    if params["view"] in ("all", "report"):
        rows += [row(group, kinds, pattern) for group, (kinds, pattern) in GROUPS.items()]
        rows.sort(key=lambda r: (-(r["report_count"] or -1), list(GROUPS).index(r["group"])))
    if params["view"] in ("all", "kinds"):
        rows += sorted((row(kind, (kind,), "") for kind in KINDS), key=lambda r: (-r["graph_initiatives"], r["group"]))
    return [r for r in rows if r["graph_initiatives"] >= params["min_initiatives"] or r["report_count"]]


def _member_names(graph, m: dict[str, np.ndarray], members: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """The names and aliases of the organisations at positions ``members``, one per entry, and beside them the
    position of the organisation each belongs to (names from the membership arrays; aliases read for the
    organisations that have any)."""
    owners, texts = members.tolist(), m["org_names"][members].tolist()
    position = dict(zip(m["org_ids"][members].tolist(), owners, strict=True))
    table = graph.cypher_arrow(ALIASES[graph.dialect])
    for org_id, aliases in zip(table["id"].to_pylist(), table["aliases"].to_pylist(), strict=True):
        if (k := position.get(org_id)) is not None:
            owners += [k] * len(aliases)
            texts += aliases
    return np.array(owners, dtype=np.int64), texts


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
    cypher=same(MEMBERS.strip()),  # the question as one read; ``run`` answers it from the membership arrays
    run=run,
    extra_cypher={
        "scope": same(SCOPE.strip()),
        "statistics": same(STATISTICS.strip()),
        "memberships": memberships.EDGES_CYPHER,
        "organizations": memberships.ORGS_CYPHER,
        "initiatives": memberships.INITIATIVES_CYPHER,
        "aliases": ALIASES,
    },
)
