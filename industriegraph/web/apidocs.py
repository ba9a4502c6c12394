"""``/docs``: the API reference in German, inside the site's frame, generated from the app's own OpenAPI schema.

Why not FastAPI's Swagger UI: it loads its scripts and styles from a CDN, and every page of the explorer must work
offline without fetching anything from another host; and it shows the routes' English texts. This page lists every
route of the schema (method, path, parameters with type, bounds, choices and defaults, answers) with the German
descriptions declared here (``ROUTES_DE``, ``PARAMS_DE``; a test checks that every route and parameter has one).
The machine-readable schema stays at ``/openapi.json`` for clients and generators.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

# path -> what the route answers, in German
ROUTES_DE: dict[str, str] = {
    "/api/search": "Volltextsuche über Initiativen, Organisationen, Personen, Strategien, Maßnahmen, Ziele, "
    "Veranstaltungen, Themen und Statistiken; Treffer mit Typ, Namen und Kennung.",
    "/api/stats": "Zahl der Knoten je Typ und der Verbindungen je Art.",
    "/api/nodes/{node_id}/ego": "Das Ego-Netzwerk eines Knotens (seine Nachbarschaft) als Knoten und Verbindungen, "
    "zum Zeichnen.",
    "/api/nodes/{node_id}": "Ein beliebiger Knoten: Eigenschaften, Belege mit der zitierten Quellzeile, Nachbarn "
    "(seitenweise).",
    "/api/initiatives/{node_id}": "Eine Initiative nach Kennung (`ini:…` oder nur der Teil danach): Eigenschaften, "
    "Belege und Nachbarn.",
    "/api/organizations/{node_id}": "Eine Organisation nach Kennung (`org:…` oder nur der Teil danach): "
    "Eigenschaften, Belege und Nachbarn.",
    "/api/people/{node_id}": "Eine Person nach Kennung (`person:…` oder nur der Teil danach): Eigenschaften, "
    "Belege und Nachbarn.",
    "/api/strategies/{node_id}": "Eine Strategie nach Kennung (`strategy:…` oder nur der Teil danach): "
    "Eigenschaften, Belege und Nachbarn.",
    "/api/measures/{node_id}": "Eine Maßnahme nach Kennung (`measure:…` oder nur der Teil danach): Eigenschaften, "
    "Belege und Nachbarn.",
    "/api/queries": "Alle Abfragemodule mit Beschreibung, Parametern (Typ, Vorgabe, Auswahl), Spalten und Cypher.",
    "/api/queries/cooccurrence": "Organisationen der Art A, die in denselben Initiativen vertreten sind wie "
    "Organisationen der Art B (Vorgabe: IHK und Gewerkschaft), mit den gemeinsamen Initiativen.",
    "/api/queries/kind-cooccurrence": "Für jedes Paar von Organisationsarten: in wie vielen Initiativen beide "
    "vertreten sind.",
    "/api/queries/participation": "Beteiligung je Akteursgruppe der Tabelle 2 des Berichts (Kammern, "
    "Gewerkschaften, Wissenschaft …): Zahl des Berichts neben der Zahl im Graphen.",
    "/api/queries/initiatives": "Initiativen gefiltert nach Bundesland, Aktionsradius, Thema, Gründungsjahr und "
    "Status, oder gezählt je Gruppe.",
    "/api/queries/organization": "Die Stellung einer Organisation im Graphen: ihre Initiativen (mit Rolle), "
    "Partnerschaften, Verantwortlichkeiten und Personen.",
    "/api/queries/brokers": "Vermittler im Netz der Organisationen und Initiativen (Zwischenzentralität) mit "
    "ihrer Gemeinschaft.",
    "/api/queries/path": "Die kürzeste Kette von Verbindungen zwischen zwei Akteuren.",
    "/api/queries/measures": "Maßnahmen der Strategiedokumente, gefiltert nach Handlungsfeld, Verantwortlichen, "
    "Thema oder Wortlaut.",
    "/api/queries/policy-transfer": "Zu einer Maßnahme oder einem Thema: Initiativen anderswo, die daran "
    "anknüpfen könnten, nach Übereinstimmung geordnet.",
    "/api/queries/people": "Personen mit dem, was sie taten: Unterzeichnungen von Strategien und Funktionen in "
    "Organisationen.",
    "/api/queries/quality": "Datenqualitäts-Hinweise des Aufbaus zum Nachprüfen (Widersprüche zwischen Quellen, "
    "fehlende Steckbriefe, beendete Initiativen …).",
    "/api/queries/{name}": "Jeder andere Name: Antwort 404 mit der Liste der Abfragemodule.",
    "/api/match/{initiative}": "Wer diese Initiative treffen sollte: ähnliche Initiativen mit Punktzahl, Gründen "
    "und bestehenden Verbindungen.",
    "/api/peer-groups": "Gruppen für Peer-Meetings mit Thema, Impulsgeber und der Begründung je Mitglied.",
    "/api/export/json": "Der ganze Graph als Knoten-Kanten-JSON (Knoten mit Typ und Eigenschaften, Kanten mit Art "
    "und Eigenschaften).",
    "/api/export/gexf": "Der ganze Graph als GEXF für Gephi.",
    "/api/export/rdf": "Der ganze Graph als RDF (W3C ORG, SKOS, PROV, Dublin Core) mit seiner DCAT-AP.de-Beschreibung.",
}

# parameter name -> German description; "path name" for a route's own meaning of a common name
PARAMS_DE: dict[str, str] = {
    "q": "Gesuchte Wörter: ein Name, eine Abkürzung oder ein Themenwort.",
    "label": "Nur Knoten dieses Typs.",
    "/api/queries/brokers label": "Welche Akteure gelistet werden.",
    "limit": "Zeilen je Seite.",
    "offset": "Zu überspringende Zeilen (Blättern).",
    "node_id": "Kennung des Knotens, z. B. `org:ihk-aachen` (siehe `/api/search`).",
    "depth": "Schritte vom Knoten aus (1 oder 2).",
    "format": "json (Vorgabe) oder csv: die Seite der Zeilen als CSV (UTF-8, Komma, Listen mit „; “ verbunden).",
    "/api/export/rdf format": "Serialisierung: turtle, jsonld, ntriples oder rdfxml.",
    "kind_a": "Art der ersten Organisation (Code oder deutscher Name, z. B. Gewerkschaft).",
    "kind_b": "Art der zweiten Organisation (Code oder deutscher Name).",
    "min_shared": "Nur Paare mit mindestens so vielen gemeinsamen Initiativen.",
    "top": "Höchstens so viele Zeilen, die stärksten zuerst.",
    "min_both": "Nur Paare mit mindestens so vielen gemeinsamen Initiativen (0 listet jedes Paar).",
    "kind": "Nur diese Art.",
    "/api/queries/measures kind": "Was gelistet oder durchsucht wird: Maßnahme, Ziel, Zielsetzung oder alles.",
    "/api/queries/quality kind": "Nur Hinweise dieser Art (Code, z. B. `state-conflict`, `ended-initiative`).",
    "scope": "`table`: aktive Initiativen der Initiativentabelle (mit Aktionsradius); `all`: jede Initiative.",
    "view": "`report`: die Gruppen der Tabelle 2; `kinds`: eine Zeile je Organisationsart; `all`: beides.",
    "min_initiatives": "Zeilen ohne Zahl des Berichts weglassen, die weniger Initiativen erreichen.",
    "state": "Bundesland: deutscher Name oder ISO-Code (DE-HH, HH); wiederholbar.",
    "exclude_state": "Bundesland ausschließen: deutscher Name oder ISO-Code; wiederholbar.",
    "radius": "Aktionsradius wie in Tabelle 1 (lokal, regional, landesweit).",
    "topic": "Thema: Kennung im Vokabular (z. B. wasserstoff) oder Bezeichnung; engere Themen eingeschlossen.",
    "founded_from": "Gegründet in oder nach diesem Jahr (Initiativen ohne Jahr fallen weg).",
    "founded_to": "Gegründet in oder vor diesem Jahr (Initiativen ohne Jahr fallen weg).",
    "status": "Nur aktive oder nur beendete Initiativen.",
    "stated_only": "Themenfilter und Themenspalte nur mit ausdrücklich genannten Themen, nicht mit aus dem "
    "Fließtext erkannten.",
    "group_by": "Zählen je Bundesland, Aktionsradius, Thema, Status oder Jahrzehnt statt zu listen.",
    "name": "Name oder Kennung.",
    "/api/queries/organization name": "Die Organisation: Kennung, Name oder Alias.",
    "/api/queries/{name} name": "Name des Abfragemoduls.",
    "min_degree": "Nur Akteure mit mindestens so vielen Verbindungen im Netz.",
    "from": "Erster Akteur: Kennung, Name oder Alias.",
    "to": "Zweiter Akteur: Kennung, Name oder Alias.",
    "max_hops": "Längste noch gemeldete Kette (Zahl der Verbindungen).",
    "via_vocabulary": "Auch über Themen und Bundesländer verbinden.",
    "field": "Nummer des Handlungsfelds.",
    "responsible": "Als verantwortlich genannte Organisation (Name, Alias oder Kennung; fehlertolerant).",
    "text": "Gesuchte Wörter (deutsch; Beugung und Zusammensetzungen werden erkannt).",
    "measure": "Kennung oder Kurzform der Maßnahme (HF3-M2, 3.2; M5 in einem Paket ohne Handlungsfelder).",
    "include_same_state": "Auch Initiativen im eigenen Bundesland der Maßnahme listen.",
    "person": "Teil des Namens der Person.",
    "organization": "Teil des Namens der Organisation.",
    "strategy": "Teil des Titels der Strategie (dann nur Unterzeichnungen).",
    "relation": "Nur Unterzeichnungen (`signed`) oder nur Funktionen (`holds_role`).",
    "summary": "Hinweise je Art zählen statt sie zu listen.",
    "initiative": "Initiative: Kennung, Name oder Alias.",
    "size_min": "Kleinste Gruppengröße.",
    "size_max": "Größte Gruppengröße.",
    "mode": "`similar`: ähnliche Initiativen treffen sich; `mixed`: verschiedene.",
}

TYPES_DE = {"string": "Text", "integer": "Ganzzahl", "number": "Zahl", "boolean": "Wahrheitswert", "object": "Objekt"}
PLACES_DE = {"query": "Abfrageparameter", "path": "Teil des Pfads", "header": "Kopfzeile"}
ANSWERS_DE = {
    "200": "Erfolg",
    "400": "Ungültige Anfrage",
    "404": "Nicht gefunden",
    "413": "Anfrage zu groß",
    "414": "Adresse zu lang",
    "422": "Ungültige Parameter",
}


def marked(text: str) -> Markup:
    """Escaped text whose `backquoted` parts are shown as code (ids, codes and paths)."""
    return Markup(re.sub(r"`([^`]+)`", r"<code>\1</code>", str(escape(text))))


def type_de(schema: dict[str, Any]) -> str:
    """A parameter's JSON schema read in German (with `backquoted` values): type, choices, bounds."""
    if "anyOf" in schema:
        kinds = [type_de(s) for s in schema["anyOf"] if s.get("type") != "null"]
        return " oder ".join(kinds) or "leer"
    if "enum" in schema:
        return "eines von " + ", ".join(f"`{v}`" for v in schema["enum"])
    if schema.get("type") == "array":
        return "Liste von " + type_de(schema.get("items", {}))
    text = TYPES_DE.get(str(schema.get("type")), "beliebig")
    bounds = [
        f"{sign} {schema[key]}"
        for key, sign in (("minimum", "≥"), ("maximum", "≤"), ("minLength", "Länge ≥"), ("maxLength", "Länge ≤"))
        if key in schema
    ]
    return text + (f" ({', '.join(bounds)})" if bounds else "")


def param_de(path: str, name: str) -> str | None:
    return PARAMS_DE.get(f"{path} {name}") or PARAMS_DE.get(name)


def routes_de(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every operation of the OpenAPI ``spec`` with its German texts, in the schema's order."""
    out = []
    for path, ops in spec.get("paths", {}).items():
        for method, op in ops.items():
            params = []
            for p in op.get("parameters", []):
                schema = p.get("schema", {})
                default = schema.get("default")
                params.append(
                    {
                        "name": p["name"],
                        "place": PLACES_DE.get(p.get("in", ""), p.get("in", "")),
                        "type": marked(type_de(schema)),
                        "required": bool(p.get("required")),
                        "default": "" if default in (None, "") else str(default),
                        "text": marked(param_de(path, p["name"]) or ""),
                    }
                )
            answers = [
                {"code": code, "text": ANSWERS_DE.get(code, ""), "media": ", ".join(r.get("content", {}))}
                for code, r in op.get("responses", {}).items()
            ]
            out.append(
                {
                    "id": op.get("operationId", path),
                    "method": method.upper(),
                    "path": path,
                    "text": marked(ROUTES_DE.get(path, "")),
                    "params": params,
                    "answers": answers,
                }
            )
    return out


def mount(app: FastAPI) -> None:
    """Serve the reference at ``/docs`` (the app must be created with ``docs_url=None, redoc_url=None``)."""

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs(request: Request) -> HTMLResponse:
        from industriegraph.web.pages import _render

        spec = app.openapi()
        return _render(
            request,
            "api.html",
            title="Programmierschnittstelle (API)",
            routes=routes_de(spec),
            version=spec.get("info", {}).get("version", ""),
            openapi=spec.get("openapi", ""),
        )
