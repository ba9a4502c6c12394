"""The explorer in a real browser: search, an initiative with its network and filter panel, the other pages.

Drives Debian's Chromium (Playwright) against the real app on the real graph. Every request the browser
makes must go to the local server: the explorer has to work offline. Screenshots of each step are saved
under test-output/browser/ for a human to look at.
"""

from __future__ import annotations

import re

import pytest

# The vis-network instance of a page: the explorer exposes it as window.igNetwork (pyvis's own template
# calls it `network`). body.nodeIndices lists the nodes vis-network currently draws (hidden ones excluded).
VISIBLE = (
    "(() => { const n = window.igNetwork || window.network; return n && n.body ? n.body.nodeIndices.length : -1; })()"
)
# Pixels the network canvas has painted: proves vis-network really drew something, not just created a canvas.
PAINTED_PIXELS_JS = """(canvas) => {
  const ctx = canvas.getContext('2d');
  const {width, height} = canvas;
  if (!ctx || !width || !height) return 0;
  const data = ctx.getImageData(0, 0, width, height).data;
  let painted = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
  return painted;
}"""
SEARCH_INPUT = "main input[name=q]"  # the page's own search form, not the one in the header
EVIDENCE = ".evidence"
FILTER_PANEL = ".ig-network form.ig-filter"
TYPE_BOX = "input[name=typ][value=Topic]"  # the node-type checkbox for topics, which every initiative has

# step -> (path, words in the heading, whether the page draws a network)
OTHER_PAGES = {
    "kooperation": ("/kooperation", "Kooperation", True),
    "massnahmen": ("/massnahmen", "Maßnahmen", False),
    "peer-meetings": ("/peer-meetings", "Peer", False),
    "qualitaet": ("/qualitaet", "Qualität", False),
    "downloads": ("/downloads", "Download", False),
}


def settle(page) -> None:
    """Wait until the page and everything it loads have finished, so screenshots and the request log are complete."""
    page.wait_for_load_state("networkidle")


def assert_clean(page, log) -> None:
    """The page made no request to another host, raised no JavaScript error and loaded no broken resource."""
    assert log.foreign() == [], f"requests to other hosts: {log.foreign()}"
    assert log.errors == [], f"JavaScript errors: {log.errors}"
    assert log.failed == [], f"failed requests: {log.failed}"


def visible_nodes(page) -> int:
    return page.evaluate(VISIBLE)


def test_search_initiative_network_and_filter(page, live_server, browser_log, shot_dir):
    """Start page → search "Wasserstoff" → H2Berlin → its network is drawn → a node-type filter hides nodes."""
    page.goto(live_server + "/")
    settle(page)
    search = page.locator(SEARCH_INPUT).first
    assert search.is_visible()
    page.screenshot(path=shot_dir / "01-start.png", full_page=True)

    search.fill("Wasserstoff")
    with page.expect_navigation():
        search.press("Enter")
    settle(page)
    assert "Wasserstoff" in page.url or "Wasserstoff" in page.input_value(SEARCH_INPUT)
    hit = page.get_by_role("link", name=re.compile(r"^\s*H2Berlin\b"))
    assert hit.count() >= 1, "search for Wasserstoff does not list H2Berlin"
    page.screenshot(path=shot_dir / "02-search-wasserstoff.png", full_page=True)

    with page.expect_navigation():
        hit.first.click()
    settle(page)
    assert "H2Berlin" in page.locator("h1").first.inner_text()
    quotes = page.locator(EVIDENCE)
    assert quotes.count() >= 1, "no evidence quotes on the initiative page"
    texts = quotes.all_inner_texts()
    assert any("H2Berlin" in t for t in texts), f"no evidence quote names H2Berlin: {texts[:5]}"
    cites = page.locator(f"{EVIDENCE} cite").all_text_contents()  # some sit in collapsed <details>
    assert cites and all(re.fullmatch(r"\S+\.\w+:\d+", c.strip()) for c in cites), f"bad source citations: {cites}"

    page.wait_for_function(f"() => {VISIBLE} > 0")
    before = visible_nodes(page)
    assert before > 1, f"the initiative's network shows {before} node(s)"
    canvas = page.locator("canvas").first
    canvas.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    assert canvas.evaluate(PAINTED_PIXELS_JS) > 500, "the network canvas is blank"
    page.screenshot(path=shot_dir / "03-initiative-h2berlin.png", full_page=True)

    panel = page.locator(FILTER_PANEL).first
    boxes = panel.locator("input[type=checkbox]:checked")
    assert boxes.count() >= 2, "the filter panel offers no node types to switch off"
    # Switch off the topics: exactly the number of topic nodes the legend announces must disappear.
    box = panel.locator(TYPE_BOX)
    hidden = int(re.search(r"\((\d+)\)", panel.locator("label", has=page.locator(TYPE_BOX)).inner_text()).group(1))
    assert 0 < hidden < before
    box.uncheck()
    page.wait_for_function(f"() => {VISIBLE} < {before}")
    after = visible_nodes(page)
    assert after == before - hidden, f"unchecking 'Thema' left {after} of {before} nodes visible, not {before - hidden}"
    count = panel.locator(".ig-count").inner_text()
    assert re.match(rf"{after}\b", count), f"the panel's node count says {count!r}, the canvas shows {after}"
    page.screenshot(path=shot_dir / "04-initiative-filtered.png", full_page=True)

    box.check()
    page.wait_for_function(f"() => {VISIBLE} === {before}")
    assert_clean(page, browser_log)


@pytest.mark.parametrize("step", list(OTHER_PAGES))
def test_other_pages(page, live_server, browser_log, shot_dir, step):
    """The analyst pages render, load only local resources and raise no JavaScript errors."""
    path, heading, has_network = OTHER_PAGES[step]
    response = page.goto(live_server + path)
    assert response is not None and response.status == 200, f"{path} answered {response and response.status}"
    settle(page)
    assert heading in page.locator("h1").first.inner_text()
    networks = page.locator(".ig-network")
    assert (networks.count() > 0) == has_network, f"{path}: {networks.count()} network(s) on the page"
    if has_network:
        # network.js marks each section data-drawn once vis-network has painted it.
        page.wait_for_function("() => [...document.querySelectorAll('.ig-network')].every(s => s.dataset.drawn)")
        assert visible_nodes(page) > 0
        assert page.locator(".ig-canvas canvas").first.evaluate(PAINTED_PIXELS_JS) > 500, f"{path}: blank network"
    page.screenshot(path=shot_dir / f"05-{step}.png", full_page=True)
    assert_clean(page, browser_log)
