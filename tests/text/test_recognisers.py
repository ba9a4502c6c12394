"""Passages, enumerations, role cues, people and initiatives on sentences written for the test."""

from __future__ import annotations

from industriegraph.text.recognise import grammar, lists
from industriegraph.text.recognise.initiatives import find_initiatives, page_initiatives
from industriegraph.text.recognise.kinds import classify_kind
from industriegraph.text.recognise.orgs import find_orgs
from industriegraph.text.recognise.passage import passages, split_sentences
from industriegraph.text.recognise.people import find_people, office_body
from industriegraph.text.recognise.roles import find_cues, is_subject
from industriegraph.text.source import SourceDoc, open_corpus


def test_passages_join_wrapped_lines_and_map_back(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text("Das Ministerium für Wirtschaft, Digitali-\nsierung und Energie des Landes Nordrhein-\n"
                    "Westfalen, die IHK Muster e. V. und\nder Musterverband schließen die Vereinbarung.\n\n"
                    "Neuer Absatz.\n", encoding="utf-8")  # fmt: skip
    doc: SourceDoc = open_corpus([path])[0]
    ps = passages(doc)
    assert len(ps) == 2
    text = ps[0].text
    assert "Digitalisierung" in text and "Nordrhein-Westfalen" in text
    assert ps[0].line_at(text.index("Musterverband")) == 4
    assert ps[0].lines_for(text.index("Nordrhein"), text.index("Westfalen") + 3) == [2, 3]


def test_sentences_do_not_end_at_abbreviations():
    text = "Die Muster e. V. und die J.D. Muster AG sind Partner. Das ist neu."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Die Muster e. V. und die J.D. Muster AG sind Partner.",
        "Das ist neu.",
    ]


def test_enumerations_chain_and_items():
    text = "Dazu gehören die IHK Musterstadt, die Handwerkskammer Musterland sowie der DGB."
    spans = [(o.start, o.end) for o in find_orgs(text)]
    assert lists.chains(text, spans) == [0, 0, 0]
    text = "Unternehmen wie die Muster Werke, Beispiel & Söhne aus Musterstadt oder Probe - um nur einige zu nennen."
    a, b = lists.list_region(text, text.index("wie") + 4)
    got = [lists.name_item(text[x:y]) for x, y in lists.items(text, a, b)]
    assert got == [("Muster Werke", False), ("Beispiel & Söhne", True), ("Probe", False)]
    assert lists.name_item("mehr als 70 Experten") is None


def test_role_cues_from_the_vocabulary():
    cues = {(c.text, c.role, c.shape) for c in find_cues(
        "Zu den Gründungsmitgliedern gehören A und B; koordiniert von C, gefördert durch D, Bündnispartner sind E. "
        "Founded by F, the alliance has partners.")}  # fmt: skip
    assert ("Gründungsmitgliedern", "founder", "heading") in cues
    assert ("koordiniert von", "coordinator", "agent") in cues
    assert ("gefördert durch", "funder", "agent") in cues
    assert ("Bündnispartner", "partner", "heading") in cues
    assert ("Founded by", "founder", "agent") in cues
    assert not find_cues("Die Tarifpartner verhandeln.")  # the parties of collective bargaining
    assert is_subject("verabschiedete der Rat", len("verabschiedete der "))
    assert not is_subject("mit dem Rat", len("mit dem "))


def test_people_with_functions():
    people = find_people("Der Bundesminister für Wirtschaft, Max Muster, und Erika Beispiel, Präsidentin der IHK "
                         "Musterstadt, unterzeichneten mit dem BDI-Präsidenten Hans Probe. First Chairman of IG "
                         "Metall John Doe spoke.")  # fmt: skip
    got = {p.name: (p.function, p.org_acronym) for p in people}
    assert got == {
        "Max Muster": ("Bundesminister", None),
        "Erika Beispiel": ("Präsidentin", None),
        "Hans Probe": ("BDI-Präsidenten", "BDI"),
        "John Doe": ("Chairman", None),
    }
    assert office_body("Bundesminister für Wirtschaft") == "Bundesministerium für Wirtschaft"
    # a function without a name and an office are no people
    assert find_people("Der Regierende Bürgermeister eröffnete; die Konzernrepräsentanz Berlin lud ein.") == []


def test_initiatives_quoted_genitive_and_title():
    found = [(m.name, m.label) for m in find_initiatives(
        "Die Gründung des Bündnisses „Zukunft der Musterindustrie“ und der Masterplan Industrie Musterstadt; "
        "ein Masterplan für alle; das Projekt „Muster – Wandel im Revier“ (MuWa).")]  # fmt: skip
    assert found == [
        ("Bündnis Zukunft der Musterindustrie", "Initiative"),
        ("Masterplan Industrie Musterstadt", "Strategy"),
        ("Muster – Wandel im Revier", "Initiative"),
    ]
    title = "Startschuss für Transformationsnetzwerk Musterland: Förderung"
    mentions = [(m, 1) for m in find_initiatives(title)]
    groups = page_initiatives(title, mentions, title)
    assert groups[0].name == "Transformationsnetzwerk Musterland"


def test_kinds_and_grammar():
    assert classify_kind("Musterstädter Wirtschaftsförderung") == "EconomicDevelopment"
    assert classify_kind("Bildungswerk der Musterwirtschaft e. V.") == "Other"
    assert classify_kind("IG Metall Musterbezirk") == "Union"
    assert grammar.nominative("Europäischen Metropolregion Muster") == "Europäische Metropolregion Muster"
    assert grammar.nominative("Bündnisses Muster") == "Bündnis Muster"


def test_plural_head_names_each_item():
    text = ("Die Musterregion arbeitet gemeinsam mit den Landkreisen Nordheide, Ober- Tal und Waldkreis und den "
            "Städten Neustadt (Weser) und Altdorf an neuen Projekten.")  # fmt: skip
    got = [(o.name, o.kind) for o in find_orgs(text) if o.how == "distributed"]
    assert got == [
        ("Landkreis Nordheide", "Municipality"),
        ("Landkreis Ober-Tal", "Municipality"),
        ("Waldkreis", "Municipality"),  # an item that ends like the head is named alone
        ("Stadt Neustadt (Weser)", "Municipality"),
        ("Stadt Altdorf", "Municipality"),
    ]
    lands = [o.name for o in find_orgs("Die Länder Sachsen, Bremen und Hessen haben ein Bündnis vereinbart.")]
    assert lands == ["Freistaat Sachsen", "Freie Hansestadt Bremen", "Land Hessen"]
    # no names after the plural: nothing; a word that is no Land ends the list
    assert [o.name for o in find_orgs("Die Länder müssen handeln.")] == []
    assert [o.name for o in find_orgs("Die Länder Bremen und Europa sind gemeint.")] == ["Freie Hansestadt Bremen"]


def test_initiative_named_as_a_name_and_lower_case_brands():
    got = find_initiatives("Der Antrag unter dem Namen „muster.net“ umfasst zehn Vorhaben.")
    assert [(m.name, m.label) for m in got] == [("muster.net", "Initiative")]
    got = find_initiatives("Sie treiben das mit dem Verbundprojekt muster.net voran.")
    assert [m.name for m in got] == ["muster.net"]
    got = find_initiatives("Das Kölner Musterforum Industrie und die Akzeptanzoffensive „Wir. Hier. Jetzt.“ laufen.")
    assert [m.name for m in got] == ["Musterforum Industrie", "Wir. Hier. Jetzt."]


def test_new_role_cues_coordination_contracted_agents_and_verbs():
    def cues(t):
        return [(c.text, c.role, c.shape) for c in find_cues(t)]

    assert cues("Die Gesamtkoordination liegt bei der Muster GmbH.") == [
        ("Gesamtkoordination liegt bei", "coordinator", "agent")
    ]
    assert cues("Initiiert vom Musterministerium, gefördert vom Bund.") == [
        ("Initiiert vom", "initiator", "agent"),
        ("gefördert vom", "funder", "agent"),
    ]
    assert cues("Die Agentur übernimmt als Konsortialführer die Leitung.") == [
        ("Konsortialführer", "coordinator", "noun")
    ]
    assert cues("Im Forum sind die Muster AG und die IHK vertreten.") == [("vertreten", "member", "verb")]
    assert cues("A und B gestalten als Netzwerkpartner den Wandel.") == [("Netzwerkpartner", "partner", "noun")]
    # the locative reading does not swallow a firm with its legal form
    assert [o.generic for o in find_orgs("Die Gesamtkoordination liegt bei der Muster Innovativ GmbH.")] == [False]


def test_appositions_anniversaries_times_and_describing_plurals_stay_out_of_names():
    def names(t):
        return [o.name for o in find_orgs(t) if not o.generic]

    assert names("Das Bündnis gründeten die Gewerkschaft IG Metall und die Muster AG.") == ["IG Metall", "Muster AG"]
    assert names("Zehn Jahre Netzwerk Musterkreuz e. V. wurden gefeiert.") == ["Netzwerk Musterkreuz e. V."]
    assert names("Seit 12 Jahren Netzwerk Musterkreuz e. V. aktiv.") == ["Netzwerk Musterkreuz e. V."]
    assert names("Unternehmer starteten mit der IHK Köln im Jahre 2013 eine Offensive.") == ["IHK Köln"]
    assert names("Vertreten sind die regionalen Institutionen IHK Köln und Arbeitgeber Köln.")[0] == "IHK Köln"
    assert grammar.is_plural_noun("Institutionen") and not grammar.is_plural_noun("Industrie")


def test_cues_across_broken_words_and_no_person_in_plural_lists():
    got = find_cues("Das Vorhaben wird durch den Bund ge- fördert. Die Metall- und Elektroindustrie ist Partner.")
    assert [(c.text, c.role) for c in got] == [("ge- fördert", "funder"), ("Partner", "partner")]
    assert find_people("Mit den Landkreisen A und den Städten Halle (Saale) und Altdorf.") == []


def test_person_with_an_attribute_before_the_function():
    got = find_people("Unterzeichnet hat auch Jana Muster, gerade wiedergewählte Präsidentin des Musterverbandes.")
    assert [(p.name, p.function) for p in got] == [("Jana Muster", "Präsidentin")]
