"""Every kind of page in a real browser: German visible text (no schema codes, no common English words, no
U+FFFD), matchmaking with its controls and marks, CSV downloads, the Bundesland view, SPARQL, accessibility.

Quoted source lines (``blockquote``), code, form fields, names as the sources spell them (``.verbatim``: other
spellings, some English) and text marked ``lang="en"`` (English names and values as the sources give them) are
left out of the language check: a quote stands as the source wrote it (one source is an English press page). The
data-quality findings are checked: their messages are German (templates of the finding kinds).
Screenshots go to test-output/browser/.
"""

from __future__ import annotations

import csv
import io
import re

import pytest

from tests.browser.test_explorer import assert_clean, settle

# page kind -> path
PAGES = {
    "start": "/",
    "suche": "/suche?q=Wasserstoff",
    "suche-nicht-gefunden": "/suche?q=IHK+K%C3%B6ln",
    "initiative": "/initiative/h2berlin",
    "organisation": "/organisation/ivh",
    "person": "/person/laura-pooth",
    "strategie": "/strategie/buendnis-fuer-die-industrie-der-zukunft",
    "massnahme": "/massnahme/masterplan-industrie-hamburg-txt-hf3-m4",
    "veranstaltung": "/knoten/event:buendnis-industrie-der-zukunft-hamburg-txt-signing-2019-11-18",
    "thema": "/knoten/topic:wasserstoff",
    "bundesland": "/knoten/state:de-hh",
    "initiativen": "/initiativen",
    "bundeslaender": "/bundeslaender",
    "kooperation": "/kooperation",
    "vermittler": "/vermittler",
    "gesamtnetz": "/netzwerk",
    "massnahmen": "/massnahmen",
    "peer-meetings": "/peer-meetings?initiative=ini:h2bz-initiative-hessen&beendete=1",
    "qualitaet": "/qualitaet",
    "pruefung": "/pruefung",
    "downloads": "/downloads",
    "sparql": "/sparql?beispiel=cooccurrence",
    "api-doku": "/docs",
}
# Schema codes shown to people would be a bug: kinds, event kinds, roles, relationship types (case-sensitive).
CODES = (
    "BusinessAssociation EmployerAssociation ChamberOfLabour ResearchInstitute StateGovernment FederalGovernment "
    "EmploymentAgency EconomicDevelopment CivilSociety peer-meeting regional-event focus-group cluster-bridge "
    "round-table member partner carrier founder initiator coordinator signatory organizer presenter speaker "
    "participant winner sister MEMBER_OF HAS_TOPIC LOCATED_IN PARTICIPATED_IN COOPERATES_WITH RESPONSIBLE_FOR "
    "shared-topics same-region"
).split()
# Common English words of the old interface (any case).
ENGLISH = (
    "the shared same score member members stated both already connected different similar maturity founded "
    "cohesion unknown more"
).split()
VISIBLE_TEXT = """() => {
  const clone = document.body.cloneNode(true);
  const skip = 'blockquote, code, pre, textarea, script, style, select, .ig-data, .verbatim, [lang=en]';
  for (const el of clone.querySelectorAll(skip)) el.remove();
  document.body.appendChild(clone);
  clone.style.position = 'absolute';
  const text = clone.innerText;
  clone.remove();
  return text;
}"""


# What a reader sees including the quoted lines (repaired text); only the raw line on demand may keep U+FFFD.
READ_TEXT = VISIBLE_TEXT.replace(
    "blockquote, code, pre, textarea, script, style, select, .ig-data, .verbatim, [lang=en]",
    "details.raw, code, pre, textarea, script, style, select",
)


def english_in(text: str) -> list[str]:
    found = [w for w in CODES if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]
    found += [w for w in ENGLISH if re.search(rf"(?<![\w-]){w}(?![\w-])", text, re.IGNORECASE)]
    return found


@pytest.mark.parametrize("kind", list(PAGES))
def test_every_page_kind_is_german(page, live_server, browser_log, shot_dir, kind):
    response = page.goto(live_server + PAGES[kind])
    assert response is not None and response.status == 200, f"{kind}: {response and response.status}"
    settle(page)
    text = page.evaluate(VISIBLE_TEXT)
    assert "\ufffd" not in text, f"{kind}: U+FFFD in the visible text"
    quoted = page.evaluate(READ_TEXT)
    assert "\ufffd" not in quoted, f"{kind}: U+FFFD in a quoted line: {quoted[quoted.find(chr(0xFFFD)) - 60 :][:120]!r}"
    words = english_in(text)
    assert not words, f"{kind}: English words or schema codes in the visible text: {words}"
    page.screenshot(path=shot_dir / f"10-{kind}.png", full_page=True)
    assert_clean(page, browser_log)


def test_matchmaking_controls_and_marks(page, live_server, browser_log, shot_dir):
    page.goto(live_server + "/peer-meetings")
    settle(page)
    assert page.locator(".badge.ended").count() == 0, "ended initiatives are shown by default"
    form = page.locator("form.matchmaking")
    form.locator("select[name=initiative]").select_option("ini:h2bz-initiative-hessen")
    form.locator("input[name=beendete]").check()
    form.locator("input[name=groesse_max]").fill("5")
    form.locator("select[name=modus]").select_option("similar")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    settle(page)
    assert "beendete=1" in page.url and "groesse_max=5" in page.url
    assert page.locator(".badge.ended").count() == 2, "the two ended initiatives are not marked"
    assert page.locator("text=kennen sich bereits").count() >= 1
    assert page.locator("ul.known >> text=Zusammenarbeit vereinbart").count() >= 1
    details = page.locator("details.score").first
    details.locator("summary").click()
    assert details.locator("table").is_visible()
    # the drop-down stays inside its container
    width = page.evaluate("() => document.querySelector('select[name=initiative]').getBoundingClientRect().width")
    main = page.evaluate("() => document.querySelector('main').getBoundingClientRect().width")
    assert width <= main, f"the initiative drop-down is {width}px wide in a {main}px container"
    page.screenshot(path=shot_dir / "20-peer-meetings-controls.png", full_page=True)
    permalink = page.locator("#permalink").get_attribute("href")
    assert "initiative=ini%3Ah2bz-initiative-hessen" in permalink and "beendete=1" in permalink
    with page.expect_download() as info:
        page.locator("#csv-all").click()
    rows = list(csv.reader(io.StringIO(open(info.value.path(), encoding="utf-8-sig").read())))
    assert rows[0][0] == "Vorschlag" and any(r[0] == "Partner" for r in rows)
    assert_clean(page, browser_log)


def test_table_csv_download_opens_as_csv(page, live_server, browser_log):
    page.goto(live_server + "/initiativen?land=Berlin")
    settle(page)
    link = page.locator("p.csv-link a").first
    with page.expect_download() as info:
        link.click()
    assert info.value.suggested_filename.endswith(".csv")
    rows = list(csv.reader(io.StringIO(open(info.value.path(), encoding="utf-8-sig").read())))
    assert rows[0][:2] == ["Initiative", "Bundesland"] and len(rows) == 10
    response = page.request.get(live_server + link.get_attribute("href"))
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert_clean(page, browser_log)


def test_bundesland_view(page, live_server, browser_log, shot_dir):
    page.goto(live_server + "/bundeslaender")
    settle(page)
    tiles = page.locator(".tilemap .tile")
    assert tiles.count() == 16
    boxes = [tiles.nth(i).bounding_box() for i in range(16)]
    assert len({(round(b["x"]), round(b["y"])) for b in boxes}) == 16, "tiles overlap"
    page.screenshot(path=shot_dir / "21-bundeslaender.png", full_page=True)
    with page.expect_navigation():
        page.locator('.tile[data-land="NW"]').click()
    settle(page)
    assert "23 von 97 Initiativen" in page.locator(".result-count").inner_text()
    assert_clean(page, browser_log)


def test_sparql_page_answers_a_sample_query(page, live_server, browser_log, shot_dir):
    page.goto(live_server + "/sparql")
    settle(page)
    with page.expect_navigation():
        page.get_by_role("link", name="cooccurrence", exact=True).click()
    settle(page)
    assert "SELECT" in page.locator("textarea").input_value()
    rows = page.locator("table.sparql-result tbody tr")
    assert rows.count() >= 3
    assert "Handelskammer Hamburg" in page.locator("table.sparql-result").inner_text()
    page.screenshot(path=shot_dir / "22-sparql.png", full_page=True)
    assert_clean(page, browser_log)


def test_skip_link_network_list_and_small_screens(browser, live_server, shot_dir):
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="de-DE")
    page = context.new_page()
    try:
        page.goto(live_server + "/initiative/h2berlin")
        settle(page)
        page.keyboard.press("Tab")
        focused = page.evaluate("() => document.activeElement.textContent")
        assert focused.strip() == "Zum Inhalt springen"
        page.keyboard.press("Enter")
        assert page.evaluate("() => document.activeElement.id") == "inhalt"
        # the network as a list, opened from the keyboard
        summary = page.locator("details.ig-list summary").first
        summary.focus()
        page.keyboard.press("Enter")
        assert page.locator("details.ig-list ul a").first.is_visible()
        # wide tables scroll in their container, the page itself does not scroll sideways
        page.goto(live_server + "/initiativen")
        settle(page)
        box = page.locator(".table-scroll").first
        assert box.evaluate("el => el.scrollWidth > el.clientWidth")
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
        page.screenshot(path=shot_dir / "23-initiativen-schmal.png", full_page=False)
    finally:
        context.close()
