"""The networks in a real browser: the overview with communities filtered and relaid, the legend of nodes and
edges, short labels with the full name on hover, a large ego network collapsed into groups and expanded.

Screenshots of the network pages go to test-output/browser/ (30-…).
"""

from __future__ import annotations

import re

from tests.browser.test_explorer import PAINTED_PIXELS_JS, assert_clean, settle
from tests.browser.test_german_pages import english_in

NET = ".ig-network"
# id -> [x, y] of every node vis-network currently draws, and the ids themselves
POSITIONS_JS = """(root) => {
  const net = root.igNetwork;
  const ids = net.body.nodeIndices.slice();
  const pos = net.getPositions(ids);
  return Object.fromEntries(ids.map(id => [id, [pos[id].x, pos[id].y]]));
}"""


def drawn(page) -> None:
    page.wait_for_function("() => [...document.querySelectorAll('.ig-network')].every(s => s.dataset.drawn)")


def positions(page) -> dict[str, list[float]]:
    return page.locator(NET).first.evaluate(POSITIONS_JS)


def moved(before: dict[str, list[float]], after: dict[str, list[float]]) -> int:
    """How many nodes present in both have a new position (more than a pixel away)."""
    return sum(
        1 for n in after.keys() & before.keys() if max(abs(a - b) for a, b in zip(after[n], before[n], strict=True)) > 1
    )


def test_overview_network_filtered_and_relaid(page, live_server, browser_log, shot_dir):
    response = page.goto(live_server + "/netzwerk")
    assert response is not None and response.status == 200
    settle(page)
    drawn(page)
    root = page.locator(NET).first
    assert root.locator(".ig-canvas canvas").first.evaluate(PAINTED_PIXELS_JS) > 500, "blank overview"
    root.screenshot(path=shot_dir / "30-gesamtnetz.png")

    # the legend: node types with their kinds, edge types with German labels from the schema
    legend = root.locator("form.ig-filter")
    assert "Initiative" in legend.inner_text() and "Gewerkschaft" in legend.inner_text()
    edges = root.locator("fieldset.ig-edges").inner_text()
    assert "ist Mitglied von" in edges and "kooperiert mit" in edges, edges

    # short labels on the canvas, the full name in the hover title
    nodes = root.evaluate("r => JSON.parse(r.querySelector('script.ig-data').textContent).nodes")
    shortened = [n for n in nodes if not n.get("aggregate") and n["title"].split("\n")[0] != n["label"]]
    assert shortened, "no long name was shortened"
    assert all(len(n["label"]) <= 24 for n in nodes), [n["label"] for n in nodes if len(n["label"]) > 24]
    ivh = next(n for n in nodes if n["label"] == "IVH")  # an acronym from the vocabulary's aliases
    assert ivh["title"].startswith("Industrieverband Hamburg e. V.\n")
    box = root.locator(".ig-canvas").bounding_box()
    pos = root.evaluate(f"r => r.igNetwork.canvasToDOM(r.igNetwork.getPositions(['{ivh['id']}'])['{ivh['id']}'])")
    page.mouse.move(box["x"] + pos["x"], box["y"] + pos["y"])
    tip = page.locator("div.vis-tooltip")
    tip.wait_for(state="visible")
    assert tip.inner_text().startswith("Industrieverband Hamburg e. V."), tip.inner_text()

    # filter to the largest community: the visible node set changes and the layout is recomputed
    before_ids = set(root.evaluate("r => r.igVisibleIds()"))
    before = positions(page)
    root.locator("select[name=gemeinschaft]").select_option("1")
    page.wait_for_function("() => document.querySelector('.ig-network').dataset.layouts === '1'")
    after_ids = set(root.evaluate("r => r.igVisibleIds()"))
    assert after_ids and after_ids < before_ids, (len(after_ids), len(before_ids))
    expected = {n["id"] for n in nodes if n.get("community") == 1}
    assert after_ids == expected
    after = positions(page)
    assert moved(before, after) >= len(after_ids) // 2, "the remaining nodes kept their old places"
    assert re.match(rf"{len(after_ids)} von {len(nodes)}\b", root.locator(".ig-count").inner_text())
    root.screenshot(path=shot_dir / "31-gesamtnetz-gemeinschaft-1.png")

    # colour by community, then an edge type switched off
    root.locator("select[name=farbe]").select_option("gemeinschaft")
    assert root.get_attribute("data-colour") == "gemeinschaft"
    root.locator("input[name=kante][value=MEMBER_OF]").uncheck()
    page.wait_for_function("() => document.querySelector('.ig-network').dataset.layouts === '2'")
    assert root.evaluate("r => r.igNetwork.body.edgeIndices.length") == 0 or all(
        e["rel"] != "MEMBER_OF"
        for e in root.evaluate("r => r.igNetwork.body.data.edges.get().filter(e => r.igNetwork.body.edges[e.id])")
    )
    assert_clean(page, browser_log)


def test_large_ego_network_is_grouped_and_expands(page, live_server, browser_log, shot_dir):
    page.goto(live_server + "/organisation/ivh")
    settle(page)
    drawn(page)
    root = page.locator(NET).first
    # drawn with groups collapsed, the visible part is laid out once on arrival
    page.wait_for_function("() => document.querySelector('.ig-network').dataset.layouts === '1'")
    button = root.locator("button[data-group]", has_text="Maßnahmen").first
    name = button.inner_text()
    size = int(re.match(r"(\d+) Maßnahmen aufklappen", name).group(1))
    assert size >= 6
    visible = root.evaluate("r => r.igVisible()")
    root.screenshot(path=shot_dir / "32-ivh-zusammengefasst.png")
    before = positions(page)
    button.click()
    page.wait_for_function("() => document.querySelector('.ig-network').dataset.layouts === '2'")
    assert moved(before, positions(page)) > 0
    assert root.evaluate("r => r.igVisible()") == visible - 1 + size
    assert button.inner_text() == f"{size} Maßnahmen zusammenfassen"
    labels = root.evaluate("r => r.igNetwork.body.nodeIndices.map(id => r.igNetwork.body.nodes[id].options.label)")
    assert any(re.fullmatch(r"HF\d-M\d+", label or "") for label in labels), "measures are not labelled by code"
    root.screenshot(path=shot_dir / "33-ivh-aufgeklappt.png")
    # the network as a list (for the keyboard and screen readers): German headings, every node, no group
    root.locator("details.ig-list summary").click()
    listing = root.locator("details.ig-list").inner_text()
    assert f"Maßnahmen ({size})" in listing and "Handlungsfelder (5)" in listing, listing[:300]
    # wordings of the English press page are marked lang=en; everything else reads German
    german = root.locator("details.ig-list").evaluate(
        "el => { const c = el.cloneNode(true); c.querySelectorAll('[lang=en]').forEach(x => x.remove());"
        " return c.textContent; }"
    )
    assert not english_in(german), english_in(german)
    assert_clean(page, browser_log)


def test_viz_overview_file_works_offline(browser, graph, tmp_path, shot_dir):
    """The overview file `industriegraph viz` writes, opened from disk: drawn, with its communities, no request."""
    from industriegraph.web.network import write_networks

    written = {w["file"]: w for w in write_networks(graph, tmp_path, ego_count=1)}
    assert "organisationen-initiativen.html" in written
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda request: requests.append(request.url))
    try:
        page.goto((tmp_path / "organisationen-initiativen.html").as_uri())
        drawn(page)
        root = page.locator(NET).first
        assert root.locator("select[name=gemeinschaft] option").count() > 5
        root.locator("select[name=gemeinschaft]").select_option("2")
        page.wait_for_function("() => document.querySelector('.ig-network').dataset.layouts === '1'")
        root.screenshot(path=shot_dir / "34-viz-datei-gemeinschaft-2.png")
        assert errors == []
        assert [u for u in requests if not u.startswith(("file:", "data:", "about:", "blob:"))] == []
    finally:
        context.close()
