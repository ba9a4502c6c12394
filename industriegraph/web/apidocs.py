"""``/docs``: the API reference rendered from the app's own OpenAPI schema, as plain server-side HTML.

Why not FastAPI's Swagger UI: it loads its scripts and styles from a CDN, and every page of the explorer
must work offline without fetching anything from another host. This page needs no script at all; the
machine-readable schema stays at ``/openapi.json`` for clients and generators.
"""

from __future__ import annotations

from html import escape
from typing import Any

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

STYLE = """
body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
h2{margin-top:2.2rem;border-bottom:1px solid #ccc} code{background:#f3f3f3;padding:0 .25em}
table{border-collapse:collapse;margin:.5rem 0 1rem} td,th{border:1px solid #ddd;padding:.25rem .5rem;
text-align:left;vertical-align:top} th{background:#f6f6f6} .get{color:#fff;background:#2a7;padding:0 .4em;
border-radius:3px;font-weight:bold} .tag{color:#666;font-size:.9em}
"""


def _type(schema: dict[str, Any], components: dict[str, Any]) -> str:
    """A short human reading of a parameter's JSON schema: type, choices, bounds."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        kinds = [_type(s, components) for s in schema["anyOf"] if s.get("type") != "null"]
        return " | ".join(kinds) or "null"
    if "enum" in schema:
        return "one of " + ", ".join(f"<code>{escape(str(v))}</code>" for v in schema["enum"])
    if "const" in schema:
        return f"<code>{escape(str(schema['const']))}</code>"
    text = escape(str(schema.get("type", "any")))
    if schema.get("type") == "array" and "items" in schema:
        text = f"list of {_type(schema['items'], components)}"
    bounds = [
        f"{label} {schema[key]}"
        for key, label in (
            ("minimum", "≥"),
            ("maximum", "≤"),
            ("minLength", "length ≥"),
            ("maxLength", "length ≤"),
            ("maxItems", "items ≤"),
        )
        if key in schema
    ]
    return text + (f" ({', '.join(bounds)})" if bounds else "")


def render(spec: dict[str, Any]) -> str:
    components = spec.get("components", {})
    info = spec.get("info", {})
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{escape(info.get('title', 'API'))} API</title><style>{STYLE}</style></head><body>",
        f"<h1>{escape(info.get('title', 'API'))} API <small>{escape(str(info.get('version', '')))}</small></h1>",
        f"<p>{escape(info.get('summary', ''))}</p><p>{escape(info.get('description', ''))}</p>",
        "<p>Machine-readable schema: <a href='/openapi.json'>/openapi.json</a> (OpenAPI "
        f"{escape(str(spec.get('openapi', '')))}). Explorer pages: <a href='/'>start page</a>.</p>",
        "<h2>Endpoints</h2><ul>",
    ]
    paths = spec.get("paths", {})
    for path, ops in paths.items():
        for method, op in ops.items():
            parts.append(
                f"<li><a href='#{escape(op.get('operationId', path))}'><code>{method.upper()} {escape(path)}</code></a>"
                f" — {escape(op.get('summary', ''))}</li>"
            )
    parts.append("</ul>")
    for path, ops in paths.items():
        for method, op in ops.items():
            anchor = escape(op.get("operationId", path))
            tags = ", ".join(op.get("tags", []))
            parts.append(
                f"<h2 id='{anchor}'><span class='get'>{method.upper()}</span> <code>{escape(path)}</code> "
                f"<span class='tag'>{escape(tags)}</span></h2>"
            )
            parts.append(f"<p>{escape(op.get('description') or op.get('summary', ''))}</p>")
            params = op.get("parameters", [])
            if params:
                parts.append(
                    "<table><tr><th>parameter</th><th>in</th><th>type</th><th>required</th>"
                    "<th>default</th><th>description</th></tr>"
                )
                for p in params:
                    schema = p.get("schema", {})
                    default = schema.get("default", "")
                    parts.append(
                        f"<tr><td><code>{escape(p['name'])}</code></td><td>{escape(p.get('in', ''))}</td>"
                        f"<td>{_type(schema, components)}</td><td>{'yes' if p.get('required') else ''}</td>"
                        f"<td>{escape(str(default)) if default not in ('', None) else ''}</td>"
                        f"<td>{escape(p.get('description') or schema.get('description', ''))}</td></tr>"
                    )
                parts.append("</table>")
            responses = op.get("responses", {})
            parts.append(
                "<p>Responses: "
                + "; ".join(
                    f"<b>{escape(code)}</b> {escape(r.get('description', ''))} "
                    f"({', '.join(escape(m) for m in r.get('content', {}))})"
                    for code, r in responses.items()
                )
                + "</p>"
            )
    parts.append("</body></html>")
    return "\n".join(parts)


def mount(app: FastAPI) -> None:
    """Serve the reference at ``/docs`` (the app must be created with ``docs_url=None, redoc_url=None``)."""

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs() -> HTMLResponse:
        return HTMLResponse(render(app.openapi()))
