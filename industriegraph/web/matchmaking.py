"""The matchmaking page ``/peer-meetings``: peer groups and partners of one initiative with the CLI's controls.

Every control is a query-string parameter, so the address of a result is its permalink; ``format=csv``
gives the same result as one CSV table. Ended initiatives are left out unless ``beendete=1``; they are
marked "beendet" when included. Pairs that already know each other are marked with how.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from industriegraph.model.german import number, status_label
from industriegraph.model.schema import prop_label_de, value_label_de
from industriegraph.web import network as viz
from industriegraph.web.pages import PageError, _cached, _full, _graph, _render, _text_param, pages
from industriegraph.web.tables import csv_response

router = APIRouter(include_in_schema=False)
MODES = {"similar": "ähnlich (Gleiches trifft Gleiches)", "mixed": "gemischt (ein Thema, verschiedene Regionen)"}
MAX_SIZE = 12
MAX_TOP = 20


def _int(value: str | None, name: str, default: int, lo: int, hi: int) -> int:
    value = (value or "").strip()
    if not value:
        return default
    if not value.isdigit() or not lo <= int(value) <= hi:
        raise PageError(400, f"„{name}“ muss eine Zahl zwischen {lo} und {hi} sein.")
    return int(value)


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "ja", "on", "true")


def _annotate_connections(links: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for c in links:
        kind = c["kind"].partition(":")[0]
        label = "Initiative" if kind == "cooperation" else "Organization" if kind == "shared-member" else "Event"
        c["path"] = viz.entity_path(c["id"], label) if label != "Event" else f"/knoten/{c['id']}"
    return links


@router.get("/peer-meetings", response_class=HTMLResponse)
@pages
def peer_meetings(
    request: Request,
    thema: str | None = None,
    initiative: str | None = None,
    groesse_min: str | None = None,
    groesse_max: str | None = None,
    modus: str | None = None,
    anderes_land: str | None = None,
    beendete: str | None = None,
    anzahl: str | None = None,
    format: str | None = None,
) -> Response:
    from industriegraph.analysis.match import UnknownInitiative
    from industriegraph.text import topics as vocab

    topic = _text_param(thema, "thema") or None
    chosen = _text_param(initiative, "initiative") or None
    size_min = _int(groesse_min, "groesse_min", 3, 1, MAX_SIZE)
    size_max = _int(groesse_max, "groesse_max", 6, 1, MAX_SIZE)
    top = _int(anzahl, "anzahl", 5, 1, MAX_TOP)
    mode = _text_param(modus, "modus") or "similar"
    if mode not in MODES:
        raise PageError(400, f"Unbekannter Modus „{mode}“; erlaubt: {', '.join(MODES)}.")
    if size_max < size_min:
        raise PageError(400, "Die größte Gruppengröße muss mindestens so groß sein wie die kleinste.")
    other_land = _flag(anderes_land)
    with_ended = _flag(beendete)
    concepts = sorted(vocab.concepts(), key=lambda c: c.label)
    if topic is not None and topic not in {c.id for c in concepts}:
        raise PageError(400, f"Unbekanntes Thema „{topic}“.")
    graph = _graph(request)
    filters: dict[str, Any] = {} if with_ended else {"exclude_status": "ended"}
    options = dict(topic=topic, size_min=size_min, size_max=size_max, mode=mode, **filters)
    try:
        result = _cached(
            request,
            "peer-groups:" + urlencode(sorted((k, str(v)) for k, v in options.items())),
            lambda: graph.peer_groups(**options),
        )
    except ValueError as exc:
        raise PageError(400, f"Keine Gruppen möglich: {exc}") from None
    full = _full(request)
    initiatives = sorted(
        ((n, a.get("name") or n) for n, a in full.nodes(data=True) if viz.node_label(a) == "Initiative"),
        key=lambda x: x[1].lower(),
    )
    peers = None
    chosen_name = None
    chosen_states: list[str] = []
    if chosen:
        if chosen not in full or viz.node_label(full.nodes[chosen]) != "Initiative":
            raise PageError(404, f"Keine Initiative mit der Kennung „{chosen}“.")
        chosen_name = full.nodes[chosen].get("name")
        chosen_states = sorted(
            full.nodes[v].get("name") or v for _, v, k in full.out_edges(chosen, data="type") if k == "LOCATED_IN"
        )
        match_filters = dict(filters)
        if topic:
            match_filters["topic"] = topic
        if other_land and chosen_states:
            match_filters["exclude_state"] = chosen_states
        try:
            peers = graph.match(chosen, top=top, **match_filters)
        except UnknownInitiative as exc:
            raise PageError(404, str(exc)) from None
        except ValueError as exc:
            raise PageError(400, str(exc)) from None
    groups = result.get("groups", [])
    for g in groups:
        g["inputFrom"]["path"] = viz.entity_path(g["inputFrom"]["id"], "Initiative")
        known: dict[str, list[dict[str, Any]]] = {}
        for pair in g.get("alreadyConnected", []):
            _annotate_connections(pair["links"])
            names = {x["id"]: x["name"] for x in g["initiatives"]}
            for a, b in ((pair["a"], pair["b"]), (pair["b"], pair["a"])):
                known.setdefault(a, []).append({"other": names.get(b, b), "links": pair["links"]})
        for i in g["initiatives"]:
            i["path"] = viz.entity_path(i["id"], "Initiative")
            i["known"] = known.get(i["id"], [])
        g["cohesion_de"] = number(g["cohesion"])
    for p in peers or []:
        p["initiative"]["path"] = viz.entity_path(p["initiative"]["id"], "Initiative")
        p["score_de"] = number(p["score"])
        _annotate_connections(p["alreadyConnected"])
    params = {
        "thema": topic or "",
        "initiative": chosen or "",
        "groesse_min": size_min,
        "groesse_max": size_max,
        "modus": mode,
        "anderes_land": "1" if other_land else "",
        "beendete": "1" if with_ended else "",
        "anzahl": top,
    }
    query = urlencode({k: v for k, v in params.items() if v not in ("", None)})
    if format == "csv":
        return _csv(groups, peers, chosen_name)
    if format not in (None, ""):
        raise PageError(400, f"Unbekanntes Format „{format}“; erlaubt: csv.")
    return _render(
        request,
        "peer_meetings.html",
        title="Peer-Meetings",
        concepts=concepts,
        topic=topic or "",
        groups=groups,
        initiatives=initiatives,
        chosen=chosen or "",
        chosen_name=chosen_name,
        chosen_states=chosen_states,
        peers=peers,
        size_min=size_min,
        size_max=size_max,
        mode=mode,
        modes=MODES,
        other_land=other_land,
        with_ended=with_ended,
        top=top,
        max_size=MAX_SIZE,
        max_top=MAX_TOP,
        permalink=f"{request.url.path}?{query}",
        csv_link=f"{request.url.path}?{query}&format=csv",
        status_label=status_label,
    )


def _csv(groups: list[dict[str, Any]], peers: list[dict[str, Any]] | None, chosen_name: str | None) -> Response:
    rows: list[list[Any]] = []
    header = [
        "Vorschlag",
        "Thema oder gesucht für",
        "Zusammenhalt / Punktzahl",
        "Initiative",
        prop_label_de("Initiative", "id"),
        prop_label_de("Initiative", "status"),
        "Impuls",
        "Begründung",
        "Kennen sich bereits",
    ]
    for p in peers or []:
        rows.append(
            [
                value_label_de("MEMBER_OF", "role", "partner"),
                chosen_name,
                number(p["score"]),
                p["initiative"]["name"],
                p["initiative"]["id"],
                status_label(p["initiative"].get("status")),
                "",
                "; ".join(p["reasons"]),
                "; ".join(c["text"] for c in p["alreadyConnected"]),
            ]
        )
    for n, g in enumerate(groups, start=1):
        for i in g["initiatives"]:
            rows.append(
                [
                    f"Gruppe {n}",
                    g["theme"],
                    number(g["cohesion"]),
                    i["name"],
                    i["id"],
                    status_label(i.get("status")),
                    "ja" if i["id"] == g["inputFrom"]["id"] else "",
                    i["why"],
                    "; ".join(f"{k['other']}: {', '.join(x['text'] for x in k['links'])}" for k in i.get("known", [])),
                ]
            )
    return csv_response(header, rows, "peer-meetings.csv")
