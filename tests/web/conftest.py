"""One explorer app on the real graph for the tests of the newer pages (TestClient, no browser)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def client(built_db):
    from industriegraph.web.app import create_app

    app = create_app(str(built_db))
    with TestClient(app) as c:
        yield c
    app.state.graph.close()
