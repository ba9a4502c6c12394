"""The schema declaration is the one place for German names and RDF terms.

Every node label and relationship type has its German names and RDF term, and none of those names or terms
is written out again as a string literal in the package's Python, HTML or JavaScript outside
``industriegraph/model/``: pages, networks, the RDF export and the shapes read the declaration.

What counts as "written out": a Python string constant (also the literal parts of an f-string), a text node,
attribute value or quoted Jinja string of a template, a JavaScript string literal, whose text, stripped of
surrounding blanks and punctuation, *is* a declared German name or RDF term (``"Bundesland: "`` is one,
a sentence that mentions Bundesländer is not). German names that equal a code of the declaration
(``Initiative``, ``Person``, ``Handwerkskammer``, ``lokal`` …) are left out: such a literal is the code.
"""

from __future__ import annotations

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from industriegraph.model import rdf
from industriegraph.model.kinds import KINDS
from industriegraph.model.rdf import expand_curie
from industriegraph.model.schema import NODES, RELS

PACKAGE = Path(__file__).resolve().parents[2] / "industriegraph"
MODEL = PACKAGE / "model"
VENDOR = PACKAGE / "web" / "static" / "vendor"
# The dataset description states DCAT-AP.de's own terms (a dataset's dcterms:title, its dcterms:spatial
# places typed dcterms:Location …): the same IRIs as some of the schema's, but not the schema's mapping.
RDF_TERMS_NOT_CHECKED = {PACKAGE / "analysis" / "export" / "dcat.py"}
# Code that reads documents matches the documents' own wording (a profile's "Ziele:", the row "Unternehmen" of
# the report's Tabelle 2, "Partner" as a word that says nothing about a measure's topic): those words must stay
# what the sources print, whatever the explorer calls things, so they are not the schema's German names.
DOCUMENT_WORDING = {
    PACKAGE / "loaders": "reads the source documents",
    PACKAGE / "text": "repairs and matches the documents' text",
    PACKAGE / "analysis" / "queries" / "participation.py": "the row labels of the report's Tabelle 2",
    PACKAGE / "analysis" / "queries" / "policy_transfer.py": "words of measures that do not tell their topic",
}
STRIP = " \t\r\n:;,.!?()[]{}·…–—-„“”\"'*/|"


def _all_props():
    for owner in (*NODES, *RELS):
        for p in owner.all_props:
            yield owner, p


def codes() -> set[str]:
    out = {n.label for n in NODES} | {r.type for r in RELS} | set(KINDS)
    for _, p in _all_props():
        out |= {p.name, *p.values, *p.value_de}
    return out


def german_names() -> dict[str, str]:
    """German name -> what declares it."""
    out: dict[str, str] = {}
    for n in NODES:
        out[n.de] = f"{n.label} (label)"
        out[n.plural_de] = f"{n.label} (plural)"
    for r in RELS:
        out[r.de[0]] = f"{r.type} (seen from the source)"
        out[r.de[1]] = f"{r.type} (seen from the target)"
    for owner, p in _all_props():
        name = getattr(owner, "label", None) or owner.type
        out[p.de] = f"{name}.{p.name}"
        for code, de in p.value_de.items():
            out[de] = f"{name}.{p.name} = {code}"
    taken = codes()
    return {k: v for k, v in out.items() if k and k not in taken}


def rdf_terms() -> dict[str, str]:
    """RDF term (CURIE and full IRI) -> what declares it."""
    out: dict[str, str] = {}
    for n in NODES:
        out[n.rdf_class] = f"{n.label} (class)"
    for r in RELS:
        out[r.rdf_property.lstrip("^")] = f"{r.type} (property)"
    for owner, p in _all_props():
        if p.term:
            out[p.term] = f"{getattr(owner, 'label', None) or owner.type}.{p.name}"
    for t in rdf.TERMS:
        out.setdefault(t, "industriegraph.model.rdf")
    return out | {expand_curie(k): v for k, v in out.items()}


# -- reading literals ------------------------------------------------------------------------------------


def python_literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
QUOTED = re.compile(r"'([^'\\]*(?:\\.[^'\\]*)*)'|\"([^\"\\]*(?:\\.[^\"\\]*)*)\"")


class _Texts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs):
        self.items += [(self.getpos()[0], v) for _, v in attrs if v]

    def handle_data(self, data):
        self.items.append((self.getpos()[0], data))


def template_literals(path: Path) -> list[tuple[int, str]]:
    text = path.read_text(encoding="utf-8")
    out = []
    for m in JINJA.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        out += [(line, a or b) for a, b in QUOTED.findall(m.group(0))]
    parser = _Texts()
    parser.feed(JINJA.sub("\x00", text))
    parser.close()
    for line, chunk in parser.items:
        out += [(line, piece) for piece in chunk.split("\x00")]
    return out


def js_literals(path: Path) -> list[tuple[int, str]]:
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(QUOTED.pattern + r"|`([^`]*)`")
    return [
        (text.count("\n", 0, m.start()) + 1, next(g for g in m.groups() if g is not None))
        for m in pattern.finditer(text)
    ]


def literals() -> list[tuple[Path, int, str]]:
    out = []
    for path in sorted(PACKAGE.rglob("*")):
        if MODEL in path.parents or VENDOR in path.parents or not path.is_file():
            continue
        read = {".py": python_literals, ".html": template_literals, ".js": js_literals}.get(path.suffix)
        if read:
            out += [(path, line, text.strip(STRIP)) for line, text in read(path)]
    return out


@pytest.fixture(scope="module")
def found() -> list[tuple[Path, int, str]]:
    return literals()


def _where(path: Path, line: int) -> str:
    return f"{path.relative_to(PACKAGE.parent)}:{line}"


# -- the tests -------------------------------------------------------------------------------------------


def test_no_german_name_of_the_schema_outside_the_model(found):
    names = german_names()
    offences = [
        f"{_where(p, n)}: {t!r} is {names[t]}"
        for p, n, t in found
        if t in names and not any(d == p or d in p.parents for d in DOCUMENT_WORDING)
    ]
    assert offences == [], "read these from industriegraph.model.schema:\n" + "\n".join(offences)


def test_no_rdf_term_of_the_schema_outside_the_model(found):
    terms = rdf_terms()
    offences = [
        f"{_where(p, n)}: {t!r} is {terms[t]}" for p, n, t in found if t in terms and p not in RDF_TERMS_NOT_CHECKED
    ]
    assert offences == [], "read these from industriegraph.model.schema / .rdf:\n" + "\n".join(offences)


def test_the_scan_sees_what_it_should():
    """The readers find literals of each kind (so an empty offence list means something)."""
    sample = PACKAGE / "web" / "templates" / "base.html"
    assert "Hauptnavigation" in {t.strip(STRIP) for _, t in template_literals(sample)}
    assert ".ig-canvas" in {t for _, t in js_literals(PACKAGE / "web" / "static" / "network.js")}
    assert any(t == "Bundesland" for _, t in [(n, s.strip(STRIP)) for n, s in python_literals(Path(__file__))])
    assert "Bundesländer" in german_names() and "Initiative" not in german_names()
    assert "org:hasMembership" in rdf_terms() and "http://www.w3.org/ns/org#memberOf" in rdf_terms()


def test_every_label_and_type_has_its_german_names_and_rdf_term():
    for n in NODES:
        assert n.de and n.plural_de and n.de != n.plural_de, n.label
        assert re.fullmatch(r"[a-z]+:[A-Za-z][A-Za-z0-9]*", n.rdf_class), n.label
        for p in n.all_props:
            assert p.de, f"{n.label}.{p.name} has no German name"
            assert p.term is None or re.fullmatch(r"[a-z]+:[A-Za-z][A-Za-z0-9]*", p.term), f"{n.label}.{p.name}"
    for r in RELS:
        assert all(r.de) and r.de[0] != r.de[1], r.type
        assert re.fullmatch(r"\^?[a-z]+:[A-Za-z][A-Za-z0-9]*", r.rdf_property), r.type
        for p in r.all_props:
            assert p.de, f"{r.type}.{p.name} has no German name"
    for t in rdf_terms():
        prefix = t.partition(":")[0]
        assert prefix in rdf.PREFIXES or t.startswith("http"), t


def test_one_german_name_per_property_name_and_meaning():
    """A property shared by several labels (the same declaration) has one German name; the pages and the
    networks both read it, so they cannot disagree (as "Gründungsjahr" and "Gründung" once did)."""
    by_name: dict[tuple[str, str], set[str]] = {}
    for _, p in _all_props():
        by_name.setdefault((p.name, p.doc), set()).add(p.de)
    assert {k: v for k, v in by_name.items() if len(v) > 1} == {}


def test_controlled_values_have_german_labels():
    for owner, p in _all_props():
        for v in p.values:
            assert v in p.value_de, f"{getattr(owner, 'label', None) or owner.type}.{p.name} = {v}"


def test_the_helpers_examples_run():
    import doctest

    from industriegraph.model import schema

    for module in (schema, rdf):
        result = doctest.testmod(module)
        assert result.failed == 0 and result.attempted > 0, module.__name__
