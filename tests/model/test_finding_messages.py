"""Data-quality findings read in German: each kind's message template (schema declaration) filled with the
finding's structured parameters."""

from __future__ import annotations

import re

from industriegraph.model.german import finding_message_de
from industriegraph.model.schema import FINDING_KINDS_DE, FINDING_MESSAGES_DE

ENGLISH = re.compile(r"\b(the|of|has|no|not|found|stated|without|says|kept|announced|listed|further)\b")


def test_every_templated_kind_is_a_declared_kind():
    assert set(FINDING_MESSAGES_DE) <= set(FINDING_KINDS_DE)


def test_template_renders_parameters_through_german_labels():
    text = finding_message_de(
        "unnamed-members", {"name": "KLIMAready", "count": 6, "what": "Cluster", "role": "carrier"}
    )
    assert text == "„KLIMAready“: 6 weitere Cluster (Träger) werden nicht namentlich genannt."
    assert finding_message_de("date-inferred", {"name": "X", "date": "2019-05-21"}).endswith("21.05.2019.")
    unresolved = finding_message_de("unresolved-name", {"relation": "MEMBER_OF", "label": "Organization", "name": "Y"})
    assert unresolved == "ist Mitglied von: Organisation „Y“ nicht gefunden; die Verbindung fehlt deshalb."
    # a missing parameter or an unknown kind: no German message, the caller keeps its own
    assert finding_message_de("unnamed-members", {"name": "KLIMAready"}) is None
    assert finding_message_de("something-new", {"a": 1}) is None


def test_findings_of_the_real_build_are_german(graph):
    rows = graph.cypher("MATCH (f:Finding) RETURN f.kind AS kind, f.message AS message")
    assert len(rows) >= 10
    english = [r for r in rows if ENGLISH.search(re.sub(r"„[^“]*“", "", r["message"]))]
    assert english == []
    assert {r["kind"] for r in rows} <= set(FINDING_MESSAGES_DE) | {"value-conflict"}
