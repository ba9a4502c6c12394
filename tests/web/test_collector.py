"""The warmed server's garbage collector: what ``warm`` caches is frozen, and full collections are spaced out."""

from __future__ import annotations

import gc

from fastapi.testclient import TestClient


def test_a_warm_server_runs_no_full_collection_per_few_hundred_requests(built_db):
    # after the freeze a full collection found almost nothing to compare with and ran every ~70,000 new objects:
    # at 1,000 requests/s every ~0.5 s, 4-9 ms each (benchmarks/serve_bench.py)
    from industriegraph.web.app import create_app, warm

    threshold = gc.get_threshold()
    full: list[int] = []

    def count(phase: str, info: dict) -> None:
        if phase == "start" and info["generation"] == 2:
            full.append(1)

    app = create_app(str(built_db))
    try:
        warm(app, entities=False)
        gc.callbacks.append(count)
        with TestClient(app) as client:
            for k in range(300):
                assert client.get("/api/search", params={"q": f"Industrie {k}"}).status_code == 200
                assert client.get("/api/queries/cooccurrence").status_code == 200
    finally:
        if count in gc.callbacks:
            gc.callbacks.remove(count)
        gc.unfreeze()
        gc.set_threshold(*threshold)
        app.state.graph.close()
    assert full == []  # 600 requests here: ~25 collections of the middle generation, the limit is 1,000
