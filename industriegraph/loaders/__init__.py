"""Loaders: one module per *kind* of document, each turning a ``SourceDoc`` into records.

A loader module exposes ``KIND`` (a slug), ``detect(doc) -> float`` (how sure it is that the
document is of its kind, 0..1) and ``load(doc) -> LoadResult``. Structural problems raise
``SourceError`` naming the file and line. Adding a kind of document means adding one module
and registering it in ``industriegraph.loaders.registry``.
"""
