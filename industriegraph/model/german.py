"""German labels of the codes stored in the graph, and German number formatting: the one place pages, CLI
output and matchmaking explanations take them from.

Kinds and event kinds come from the vocabulary files (``model/vocab/kinds.yaml``, ``events.yaml``: their
``label_de``); role, status, radius and cooperation codes have no declaration yet and are listed here.
When the schema declares German labels of these codes, these functions should read them from there.
"""

from __future__ import annotations

from functools import lru_cache

from industriegraph.model.kinds import KINDS

# Roles on MEMBER_OF, PARTICIPATED_IN, COOPERATES_WITH (codes as the loaders store them).
ROLES: dict[str, str] = {
    "member": "Mitglied",
    "partner": "Partner",
    "carrier": "Träger",
    "founder": "Gründer",
    "initiator": "Initiator",
    "coordinator": "Koordination",
    "signatory": "Unterzeichner",
    "steering": "Steuerungskreis",
    "advisory": "Beirat",
    "funder": "Förderer",
    "input": "Impulsgeber",
    "presenter": "Vortragende",
    "speaker": "Redner",
    "organizer": "Ausrichter",
    "participant": "Teilnehmer",
    "party": "Vertragspartei",
    "winner": "Preisträger",
    "host": "Gastgeber",
    "curator": "Kuratierung",
    "cooperation": "Kooperation",
    "sister": "Schwesterinitiative",
}
# Event kinds the loaders store that the vocabulary file does not list.
EXTRA_EVENT_KINDS: dict[str, str] = {
    "regional-event": "Regionalveranstaltung",
    "signing": "Unterzeichnung",
    "focus-group": "Fokusgruppe",
    "webinar": "Webinar",
}
STATUS: dict[str, str] = {"active": "aktiv", "ended": "beendet"}
RADIUS: dict[str, str] = {"lokal": "lokal", "regional": "regional", "landesweit": "landesweit"}


@lru_cache(maxsize=1)
def _vocab_labels() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    try:
        from industriegraph.model.vocab import vocabulary

        v = vocabulary()
    except Exception:  # the vocabulary is validated by its own tests; labels must never break a page
        return {}, {}, {}
    kinds = {k.code: k.label_de for k in v.kinds}
    plurals = {k.code: k.label_de_plural for k in v.kinds}
    events = {e.kind: e.label_de for e in v.events}
    return kinds, plurals, events


def kind_label(code: str | None, plural: bool = False) -> str:
    """German name of an organisation kind ("Union" -> "Gewerkschaft")."""
    if not code:
        return ""
    kinds, plurals, _ = _vocab_labels()
    found = (plurals if plural else kinds).get(code)
    if found:
        return found
    return KINDS.get(code, code).split(" (")[0]


def kind_codes() -> dict[str, str]:
    """Every spelling a person may type for a kind -> its code: the code and the German label (casefolded),
    singular and plural."""
    kinds, plurals, _ = _vocab_labels()
    out: dict[str, str] = {}
    for code in KINDS:
        for text in (code, kinds.get(code), plurals.get(code), KINDS[code].split(" (")[0]):
            if text:
                out.setdefault(text.casefold(), code)
    return out


def event_kind_label(code: str | None) -> str:
    """German name of an event kind ("peer-meeting" -> "Peer-Meeting")."""
    if not code:
        return ""
    return _vocab_labels()[2].get(code) or EXTRA_EVENT_KINDS.get(code) or code.replace("-", " ").capitalize()


def role_label(code: str | None) -> str:
    """German name of a role code ("carrier" -> "Träger"); free-text roles (a person's office) stay as written."""
    if not code:
        return ""
    return ROLES.get(code, code)


def status_label(code: str | None) -> str:
    return STATUS.get(code or "", code or "")


def radius_label(code: str | None) -> str:
    return RADIUS.get(code or "", code or "")


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
