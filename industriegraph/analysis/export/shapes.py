"""SHACL shapes of the RDF export, generated from the schema declaration (``industriegraph.model.schema``).

What the declaration says and the shapes check:

* one node shape per node label, targeting its RDF class (or, where the class is shared, what its
  ``shape_target`` says): every scalar property at most once, typed (``xsd:string``, ``xsd:integer``, German
  literals ``@de``), from its controlled ``values``, matching its ``pattern``; the properties and relationship
  types in ``required`` at least once (a choice of relationship types is an ``sh:alternativePath``), a
  required relationship to one label with that label's class; a ``single`` relationship at most once;
* the n-ary W3C ORG patterns (``Nary``: memberships, posts): exactly one member/holder, organisation and
  role, each of its class, derived from a source document with a ``file:line``;
* roles have one label; a formal organisation is an organisation; anything with a ``file:line`` is derived
  from a source document.

``python -m industriegraph.analysis.export.shapes`` prints the Turtle (``make docs`` writes it to
``shapes/industriegraph-shapes.ttl``, which a test keeps equal to the generator's output); validation uses
the generated text itself (``industriegraph.analysis.export.validate``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from industriegraph.model.rdf import (
    CONCEPT_SCHEME,
    DERIVED_FROM,
    FORMAL_ORGANIZATION,
    IN_SCHEME,
    PREF_LABEL,
    PREFIXES,
)
from industriegraph.model.schema import EVIDENCE, INT, NODE_BY_LABEL, NODES, REL_BY_TYPE, RELS, NodeType, Prop

SHAPES_NS = "https://w3id.org/industriegraph/shapes#"
SH_PREFIXES = {"sh": "http://www.w3.org/ns/shacl#", **PREFIXES, "igsh": SHAPES_NS}
SOURCE = NODE_BY_LABEL["Source"]


@dataclass
class PropertyShape:
    path: str  # a CURIE or a Turtle blank-node path
    message: str
    min: int = 0
    max: int | None = None
    cls: str = ""
    datatype: str = ""
    lang: bool = False
    values: tuple[str, ...] = ()
    pattern: str = ""

    def turtle(self) -> str:
        parts = [f"sh:path {self.path}"]
        if self.min:
            parts.append(f"sh:minCount {self.min}")
        if self.max is not None:
            parts.append(f"sh:maxCount {self.max}")
        if self.cls:
            parts.append(f"sh:class {self.cls}")
        if self.datatype:
            parts.append(f"sh:datatype {self.datatype}")
        if self.lang:
            parts.append('sh:languageIn ( "de" )')
        if self.values:
            parts.append("sh:in ( " + " ".join(_str(v) for v in self.values) + " )")
        if self.pattern:
            parts.append(f"sh:pattern {_str(self.pattern)}")
        body = " ;\n        ".join(_wrap(parts))
        return f"[\n        {body} ;\n        sh:message {_str(self.message)} ;\n    ]"


@dataclass
class NodeShape:
    name: str
    comment: str
    target: str  # "sh:targetClass org:Membership" etc.
    cls: str = ""  # the focus node itself must be of this class
    message: str = ""
    props: list[PropertyShape] = field(default_factory=list)

    def turtle(self) -> str:
        lines = [f"# {self.comment}", f"igsh:{self.name} a sh:NodeShape ;", f"    {self.target} ;"]
        if self.cls:
            lines.append(f"    sh:class {self.cls} ;")
        if self.message:
            lines.append(f"    sh:message {_str(self.message)} ;")
        if self.props:
            lines.append("    sh:property " + " , ".join(p.turtle() for p in self.props) + " .")
        else:
            lines[-1] = lines[-1][:-2] + " ."
        return "\n".join(lines)


def _str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _wrap(parts: list[str]) -> list[str]:
    """A long ``sh:in`` list goes over several lines."""
    out = []
    for p in parts:
        if p.startswith("sh:in") and len(p) > 100:
            words, line, rows = p.split(" "), "", []
            for w in words:
                if len(line) + len(w) > 100:
                    rows.append(line.rstrip())
                    line = "    "
                line += w + " "
            rows.append(line.rstrip())
            p = "\n        ".join(rows)
        out.append(p)
    return out


# -- from the declaration ----------------------------------------------------------------------------------


def _datatype(p: Prop) -> tuple[str, bool]:
    """(datatype, German) of a property's literals; no datatype for IRIs and node references."""
    if p.iri or p.ref:
        return "", False
    if p.lang:
        return "", True
    return ("xsd:integer" if p.type == INT else "xsd:string"), False


def _cardinality(lo: int, hi: int | None) -> str:
    if lo and hi == 1:
        return "exactly one"
    if lo:
        return "at least one"
    return "at most one" if hi == 1 else ""


def property_shape(node: NodeType, p: Prop, required: bool, repeated: bool) -> PropertyShape:
    datatype, german = _datatype(p)
    hi = 1 if p.scalar and not repeated else None
    lo = 1 if required else 0
    rules = [_cardinality(lo, hi)]
    if p.values:
        rules.append("one of " + " | ".join(p.values) if len(p.values) <= 8 else "from the declared vocabulary")
    rules.append("German (@de)" if german else datatype)
    if p.pattern:
        rules.append(f"matching {p.pattern}")
    message = f"{node.label} {p.name} ({p.term}): " + ", ".join(r for r in rules if r) + "."
    return PropertyShape(
        p.term or "",
        message,
        min=lo,
        max=hi,
        datatype=datatype,
        lang=german,
        values=p.values,
        pattern=p.pattern,
    )


def _rel_path(label: str, type_: str) -> tuple[str, str]:
    """The path from a node of ``label`` along a relationship type, and the class at its other end (if one)."""
    rel = REL_BY_TYPE[type_]
    term = rel.rdf_property
    inverse = term.startswith("^")
    p = term.lstrip("^")
    if any(a == label for a, _ in rel.pairs):
        others = {b for a, b in rel.pairs if a == label}
        path = f"[ sh:inversePath {p} ]" if inverse else p
    else:
        others = {a for a, b in rel.pairs if b == label}
        path = p if inverse else f"[ sh:inversePath {p} ]"
    if rel.nary is not None:
        raise NotImplementedError(f"{type_}: a required n-ary relationship has no single path")
    other = NODE_BY_LABEL[others.pop()].rdf_class if len(others) == 1 else ""
    return path, other


def relationship_shape(node: NodeType, item: str | tuple[str, ...]) -> PropertyShape:
    types = item if isinstance(item, tuple) else (item,)
    paths = [_rel_path(node.label, t) for t in types]
    names = " or ".join(types)
    if len(paths) == 1:
        path, cls = paths[0]
        to = f", of class {cls}" if cls else ""
        return PropertyShape(path, f"{node.label} {names} ({path}): at least one{to}.", min=1, cls=cls)
    path = "[ sh:alternativePath ( " + " ".join(p for p, _ in paths) + " ) ]"
    return PropertyShape(path, f"{node.label} {names}: at least one of them.", min=1)


def node_shape(node: NodeType) -> NodeShape | None:
    if node.shape_target is None:
        return None
    if node.shape_target == "class":
        target, cls = f"sh:targetClass {node.rdf_class}", ""
    else:
        target, cls = f"sh:targetObjectsOf {REL_BY_TYPE[node.shape_target].rdf_property.lstrip('^')}", node.rdf_class
    required_props = {r for r in node.required if isinstance(r, str) and node.prop(r)}
    props = [p for p in node.all_props if p.term and p is not EVIDENCE and p.name != "evidence"]
    terms = Counter(p.term for p in props)
    shapes = [property_shape(node, p, p.name in required_props, terms[p.term] > 1) for p in props]
    if node.scheme:
        shapes.append(
            PropertyShape(
                IN_SCHEME,
                f"{node.label} ({IN_SCHEME}): at least one, of class {CONCEPT_SCHEME}.",
                min=1,
                cls=CONCEPT_SCHEME,
            )
        )
    for item in node.required:
        if item not in required_props:
            shapes.append(relationship_shape(node, item))
    for rel in RELS:
        if rel.single and any(a == node.label for a, _ in rel.pairs):
            path, other = _rel_path(node.label, rel.type)
            shapes.append(
                PropertyShape(
                    path,
                    f"{node.label} {rel.type} ({path}): at most one" + (f", of class {other}" if other else "") + ".",
                    max=1,
                    cls=other,
                )
            )
    how = "its class" if node.shape_target == "class" else f"the objects of {node.shape_target}"
    return NodeShape(
        f"{node.label}Shape",
        f"{node.label} ({node.de}), targeted by {how}.",
        target,
        cls=cls,
        message=f"{node.label}: must be of class {cls}." if cls else "",
        props=shapes,
    )


def _evidence_props(name: str) -> list[PropertyShape]:
    return [
        PropertyShape(
            DERIVED_FROM,
            f"{name} ({DERIVED_FROM}): at least one, a source document (of class {SOURCE.rdf_class}).",
            min=1,
            cls=SOURCE.rdf_class,
        ),
        PropertyShape(
            EVIDENCE.term,
            f"{name} ({EVIDENCE.term}): at least one 'file:line' literal.",
            min=1,
            datatype="xsd:string",
            pattern=EVIDENCE.pattern,
        ),
    ]


def nary_shapes() -> list[NodeShape]:
    out: dict[str, NodeShape] = {}
    roles: dict[str, NodeShape] = {}
    for rel in RELS:
        n = rel.nary
        if n is None or n.cls in out:
            continue
        (src, dst), *_ = rel.pairs
        name = n.cls.partition(":")[2]
        src_cls, dst_cls = NODE_BY_LABEL[src].rdf_class, NODE_BY_LABEL[dst].rdf_class
        out[n.cls] = NodeShape(
            f"{name}Shape",
            f"{rel.type} as an n-ary {n.cls}.",
            f"sh:targetClass {n.cls}",
            props=[
                PropertyShape(
                    n.source_term,
                    f"{name} ({n.source_term}): exactly one, of class {src_cls} ({src}).",
                    min=1,
                    max=1,
                    cls=src_cls,
                ),
                PropertyShape(
                    n.target_term,
                    f"{name} ({n.target_term}): exactly one, of class {dst_cls} ({dst}).",
                    min=1,
                    max=1,
                    cls=dst_cls,
                ),
                PropertyShape(
                    n.role_term,
                    f"{name} ({n.role_term}): exactly one, of class {n.role_class}.",
                    min=1,
                    max=1,
                    cls=n.role_class,
                ),
                *_evidence_props(name),
            ],
        )
        roles.setdefault(
            n.role_class,
            NodeShape(
                "RoleShape",
                f"The roles of {', '.join(r.type for r in RELS if r.nary and r.nary.role_class == n.role_class)}.",
                f"sh:targetClass {n.role_class}",
                props=[
                    PropertyShape(
                        PREF_LABEL,
                        f"Role ({PREF_LABEL}): exactly one, xsd:string.",
                        min=1,
                        max=1,
                        datatype="xsd:string",
                    )
                ],
            ),
        )
    return [*out.values(), *roles.values()]


def all_shapes() -> list[NodeShape]:
    org = NODE_BY_LABEL["Organization"]
    shapes = [s for s in (node_shape(n) for n in NODES) if s is not None]
    shapes += nary_shapes()
    shapes.append(
        NodeShape(
            "FormalOrganizationShape",
            "Organisations of a formal kind are typed as formal organisations as well.",
            f"sh:targetClass {FORMAL_ORGANIZATION}",
            cls=org.rdf_class,
            message=f"A formal organisation must also be typed {org.rdf_class}.",
        )
    )
    shapes.append(
        NodeShape(
            "EvidenceShape",
            "Anything with a source line: node, membership, post, statement.",
            f"sh:targetSubjectsOf {EVIDENCE.term}",
            props=_evidence_props("Evidence"),
        )
    )
    return shapes


def shapes_turtle() -> str:
    """The shapes as Turtle (deterministic: the same declaration gives the same text)."""
    body = "\n\n".join(s.turtle() for s in all_shapes())
    used = {"sh", "igsh", "xsd"} | set(re.findall(r"\b([a-z]+):[A-Za-z]", body))
    head = [
        "# SHACL shapes for the industriegraph RDF export, generated from the schema declaration",
        "# (industriegraph/model/schema.py) by industriegraph/analysis/export/shapes.py; do not edit by hand:",
        "# `make docs` rewrites this file. `industriegraph validate FILE` runs them with the DCAT-AP.de 3.0 shapes.",
        "",
        *[f"@prefix {k + ':':<9}<{v}> ." for k, v in SH_PREFIXES.items() if k in used],
        "",
    ]
    return "\n".join(head) + "\n" + body + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(shapes_turtle())
