"""The review page (/pruefung) in a real browser, on a graph with a candidate: a small sources folder written by the
test in which only the similarity of two spellings joins one network (the five real sources have no candidate; their
empty review page is in the walk over page kinds in test_german_pages.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import BrowserLog, serve
from tests.browser.test_explorer import assert_clean, settle
from tests.browser.test_german_pages import VISIBLE_TEXT, english_in
from tests.test_judgements import FIRST, NAMES, SECOND


@pytest.fixture(scope="module")
def review_server(tmp_path_factory):
    from industriegraph.pipeline.build import build, default_sources
    from industriegraph.web import pages, quotes
    from industriegraph.web.app import create_app

    root: Path = tmp_path_factory.mktemp("review")
    sources = root / "sources"
    sources.mkdir()
    (sources / "netzwerk-kassel.txt").write_text(FIRST, encoding="utf-8")
    (sources / "bericht-region.txt").write_text(SECOND, encoding="utf-8")
    build(sources, root / "graph.db")
    app = create_app(str(root / "graph.db"), sources=sources)
    try:
        with serve(app) as base:
            yield base
    finally:
        app.state.graph.close()
        quotes.install(pages.templates.env, default_sources())  # the templates are shared with the real explorer


@pytest.fixture
def browser_log(review_server) -> BrowserLog:
    """The request log for this server (the harness's own fixture would start the real explorer too)."""
    return BrowserLog(review_server)


def test_review_page_lists_the_candidate_with_quoted_lines_in_german(page, review_server, browser_log, shot_dir):
    page.goto(review_server + "/")
    settle(page)
    page.locator("nav a", has_text="Prüfung").click()
    settle(page)
    assert page.url.endswith("/pruefung")
    rows = page.locator("table.review tbody tr[id^=k-]")
    assert rows.count() == 1
    row = rows.first
    assert {t.strip() for t in row.locator(".verbatim").all_inner_texts()} == NAMES
    assert "offen" in row.inner_text() and "%" in row.inner_text()
    quotes = page.locator("table.review blockquote.evidence")
    cited = {c.split(":")[0] for c in quotes.locator("cite").all_inner_texts()}
    assert cited == {"netzwerk-kassel.txt", "bericht-region.txt"}
    assert any("Nordhesen" in q for q in quotes.all_inner_texts())  # the line itself is quoted, not only its number
    row.locator("a").click()  # the merged node's page
    settle(page)
    assert page.locator("h1").inner_text().strip() in NAMES
    page.go_back()
    settle(page)
    text = page.evaluate(VISIBLE_TEXT)
    assert "\ufffd" not in text
    assert not english_in(text), english_in(text)
    page.screenshot(path=shot_dir / "30-pruefung.png", full_page=True)
    assert_clean(page, browser_log)
