"""German labels of the codes stored in the graph, and German number formatting: what pages, CLI output and
matchmaking explanations take them from. The labels themselves are declared once, on the schema
(``industriegraph.model.schema``: ``value_de`` of each property); these functions only look them up.
"""

from __future__ import annotations

from functools import lru_cache

from industriegraph.model.kinds import KINDS
from industriegraph.model.schema import value_label_de

# Relationship types whose ``role`` holds a code, in the order a bare role code is looked up.
ROLE_OWNERS = ("MEMBER_OF", "PARTICIPATED_IN", "COOPERATES_WITH")


@lru_cache(maxsize=1)
def _plurals() -> dict[str, str]:
    from industriegraph.model.vocab import vocabulary

    return {k.code: k.label_de_plural for k in vocabulary().kinds}


def kind_label(code: str | None, plural: bool = False) -> str:
    """German name of an organisation kind ("Union" -> "Gewerkschaft", plural "Gewerkschaften")."""
    if not code:
        return ""
    if plural and code in _plurals():
        return _plurals()[code]
    return value_label_de("Organization", "kind", code)


def kind_codes() -> dict[str, str]:
    """Every spelling a person may type for a kind -> its code: the code and the German label (casefolded),
    singular and plural."""
    out: dict[str, str] = {}
    for code in KINDS:
        for text in (code, kind_label(code), kind_label(code, plural=True), KINDS[code].split(" (")[0]):
            if text:
                out.setdefault(text.casefold(), code)
    return out


def event_kind_label(code: str | None) -> str:
    """German name of an event kind ("peer-meeting" -> "Peer-Meeting")."""
    return value_label_de("Event", "kind", code) if code else ""


def role_label(code: str | None) -> str:
    """German name of a role code ("carrier" -> "Träger"); free-text roles (a person's office) stay as written."""
    if not code:
        return ""
    for owner in ROLE_OWNERS:
        for prop in ("role", "kind"):
            label = value_label_de(owner, prop, code)
            if label != code:
                return label
    return code


def status_label(code: str | None) -> str:
    return value_label_de("Initiative", "status", code) if code else ""


def radius_label(code: str | None) -> str:
    return value_label_de("Initiative", "radius", code) if code else ""


def number(value: float | int | None, digits: int = 2) -> str:
    """German number formatting: decimal comma, thin groups of thousands with a dot (1.234,56)."""
    if value is None:
        return ""
    if isinstance(value, int) or digits == 0:
        return f"{round(value):,}".replace(",", ".")
    text = f"{value:,.{digits}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def count(n: int, singular: str, plural: str) -> str:
    """ "1 Initiative", "3 Initiativen" (with German thousands)."""
    return f"{number(n)} {singular if n == 1 else plural}"


def finding_message_de(kind: str, params: dict | None) -> str | None:
    """The German message of a data-quality finding: its kind's template (``FINDING_MESSAGES_DE`` in the schema
    declaration) filled with the finding's parameters; None when the kind has no template or a parameter the
    template needs is missing (the caller keeps the message it has)."""
    from industriegraph.model.schema import FINDING_MESSAGES_DE, label_de, rel_label_de

    template = FINDING_MESSAGES_DE.get(kind)
    if template is None:
        return None
    shown: dict[str, object] = {}
    for key, value in (params or {}).items():
        if isinstance(value, (list, tuple)):
            value = "/".join(str(v) for v in value)
        if key == "date":
            value = german_date(str(value))
        elif key == "role":
            value = role_label(str(value))
        elif key == "relation":
            value = rel_label_de(str(value))
        elif key == "label":
            value = label_de(str(value))
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            value = number(value, 0)
        shown[key] = value
    try:
        return template.format(**shown)
    except (KeyError, IndexError):
        return None


def german_date(value: str | None) -> str:
    """ "2019-11-18" -> "18.11.2019", "2019-11" -> "11/2019"; anything else as it is."""
    import re

    text = str(value or "")
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        return f"{m.group(3)}.{m.group(2)}.{m.group(1)}"
    m = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if m:
        return f"{m.group(2)}/{m.group(1)}"
    return text
