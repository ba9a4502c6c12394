"""``/netzwerk``: the whole organisation–initiative network with its communities (the overview network of
``industriegraph.web.network``, the same one ``industriegraph viz`` writes as a file)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from industriegraph.web import network as viz
from industriegraph.web.pages import _cached, _full, _graph, _render, pages

router = APIRouter(include_in_schema=False)


@router.get("/netzwerk", response_class=HTMLResponse)
@pages
def netzwerk(request: Request) -> HTMLResponse:
    def build():
        g = viz.overview_network(_graph(request), _full(request))
        net = viz.network_context(
            g, "netz", quote_fn=_graph(request).quote, link_pages=True, height="720px", pos=viz.community_layout(g)
        )
        return net, viz.overview_description(g)

    net, description = _cached(request, "overview-network", build)
    return _render(request, "netzwerk.html", title="Gesamtnetz", net=net, description=description)
