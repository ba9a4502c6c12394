"""The data-quality findings of the build, for an analyst to double-check, or their counts per kind."""

from __future__ import annotations

from typing import Any

from industriegraph.analysis.queries.base import Param, Query, QueryError, same
from industriegraph.graph.facade import display_name

FINDINGS = """
MATCH (f:Finding)
OPTIONAL MATCH (n) WHERE n.id = f.subject
RETURN f.id AS id, f.kind AS kind, f.message AS message, f.subject AS subject, n AS node, f.evidence AS evidence
"""


def run(graph, cypher: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    found = graph.cypher(cypher)
    kinds = sorted({f["kind"] for f in found})
    if params["kind"] and params["kind"] not in kinds:
        raise QueryError(f"no findings of kind {params['kind']!r}; kinds in this graph: {', '.join(kinds)}")
    found = [f for f in found if not params["kind"] or f["kind"] == params["kind"]]
    if params["summary"]:
        counts: dict[str, int] = {}
        for f in found:
            counts[f["kind"]] = counts.get(f["kind"], 0) + 1
        return [
            {"kind": k, "count": c, "message": None, "subject": None, "subject_name": None, "evidence": None}
            for k, c in sorted(counts.items(), key=lambda kc: (-kc[1], kc[0]))
        ]
    rows = [
        {
            "kind": f["kind"],
            "count": None,
            "message": f["message"],
            "subject": f["subject"],
            "subject_name": display_name(f["node"]) if f["node"] else None,
            "evidence": list(f["evidence"] or []),
        }
        for f in found
    ]
    return sorted(rows, key=lambda r: (r["kind"], r["subject_name"] or "", r["message"]))


QUERY = Query(
    name="quality",
    description=(
        "Data-quality findings the build recorded for an analyst to double-check: state conflicts between a "
        "report's table and its profiles, profiles matched to an initiative by their text rather than their title, "
        "initiatives that ended, table rows without a profile, unmapped topic wording, inferred dates … One row per "
        "finding with its kind, message, the subject's id and name, and the evidence (count is None). With "
        "summary=true, one row per kind with the number of findings (the other columns None)."
    ),
    parameters=(
        Param("kind", str, None, "Only findings of this kind (e.g. state-conflict, ended-initiative)."),
        Param("summary", bool, False, "Count findings per kind instead of listing them."),
    ),
    columns=("kind", "count", "message", "subject", "subject_name", "evidence"),
    cypher=same(FINDINGS.strip()),
    run=run,
)
