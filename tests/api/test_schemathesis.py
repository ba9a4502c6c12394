"""Property-based tests of the JSON API from its own OpenAPI schema: no input may cause a server error.

schemathesis generates valid and invalid requests for every documented operation (typed query
parameters, enums, bounds, path ids) and calls the app in-process; any 5xx answer fails.

The operations are listed from the routes alone (no database needed at collection time) and each runs
as its own test, driven by hypothesis over ``operation.as_strategy()``. (``schemathesis.pytest.from_fixture``
would be the shorter spelling, but schemathesis 4.32 reads a private pytest attribute that pytest 9 removed.)
"""

from __future__ import annotations

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from industriegraph.web import routes
from industriegraph.web.app import create_app

MAX_EXAMPLES = 15


def _operations() -> dict[str, bool]:
    """Every API path, and whether it has parameters (only those can be sent invalid ones)."""
    bare = FastAPI()
    bare.include_router(routes.router)
    return {path: bool(ops["get"].get("parameters")) for path, ops in sorted(bare.openapi()["paths"].items())}


OPERATIONS = _operations()
CASES = [(path, GenerationMode.POSITIVE) for path in OPERATIONS] + [
    (path, GenerationMode.NEGATIVE) for path, has_params in OPERATIONS.items() if has_params
]


@pytest.fixture(scope="module")
def api_schema(built_db):
    app = create_app(built_db)
    yield schemathesis.openapi.from_asgi("/openapi.json", app)
    app.state.graph.close()


def test_every_api_route_is_covered(api_schema):
    documented = sorted(p for p in api_schema.raw_schema["paths"] if p.startswith("/api/"))
    assert documented == list(OPERATIONS)
    assert len(OPERATIONS) >= 25


@pytest.mark.parametrize(("path", "mode"), CASES, ids=[f"{p}-{m.value}" for p, m in CASES])
def test_no_server_errors(api_schema, path, mode):
    """Valid requests (positive) and requests that break the schema (negative): 2xx or 4xx, never 5xx."""
    operation = api_schema[path]["GET"]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case) -> None:
        case.call_and_validate(checks=[not_a_server_error])

    run()
