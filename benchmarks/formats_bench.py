"""Benchmark: build time per file format — the vendored sources as users keep them (report and Masterplan as PDF, the
web page as HTML, the 2019 article as DOCX, made with ``tests/documents.py``) against their ``.txt`` twins.

Usage: python benchmarks/formats_bench.py [--repeat N]
Per document: extraction (front stage ``text.formats``, cold cache), reading it into records (extraction + loader,
cold cache) next to the ``.txt`` twin, and a full build of each folder.
Target: the network report as PDF read into records in ≤ 5 s on the reference machine (2 cores).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from industriegraph.loaders.registry import choose  # noqa: E402
from industriegraph.pipeline.build import build, default_sources  # noqa: E402
from industriegraph.text import formats  # noqa: E402
from industriegraph.text.source import open_corpus, source_files  # noqa: E402
from tests.documents import make_docx, make_html, make_pdf, printed_twin  # noqa: E402

REPORT = "servicestelle-industrieinitiativen-abschlussbericht"
DOCS = {  # stem -> (format, maker)
    REPORT: (".pdf", lambda src, out: make_pdf(src, out)),
    "masterplan-industrie-hamburg": (".pdf", lambda src, out: make_pdf(src, out)),
    "buendnis-industrie-der-zukunft-hamburg": (
        ".html",
        lambda src, out: make_html(src, out, title="Bündnis für die Industrie der Zukunft", date="2019-11-18"),
    ),
    "senate-ivh-alliance-2019": (".docx", lambda src, out: make_docx(src, out)),
}
TARGET = 5.0


def _folders(tmp: Path, sources: Path) -> tuple[Path, Path]:
    user, twins = tmp / "user" / "sources", tmp / "twins" / "sources"
    for folder in (user, twins):
        shutil.copytree(sources, folder)
        if (sources.parent / "aliases.yaml").is_file():
            shutil.copy(sources.parent / "aliases.yaml", folder.parent)
    for stem, (suffix, make) in DOCS.items():
        (user / f"{stem}.txt").unlink()
        make(sources / f"{stem}.txt", user / f"{stem}{suffix}")
    printed_twin(sources / f"{REPORT}.txt", twins / f"{REPORT}.txt")
    return user, twins


def _cold() -> None:
    """A fresh extraction cache: the next ``extract`` of every file extracts it."""
    os.environ["INDUSTRIEGRAPH_CACHE"] = tempfile.mkdtemp(prefix="ig-extract-")
    formats._extract.cache_clear()


def _read(folder: Path, stem: str) -> float:
    """Seconds to read one document into records, cold: its extraction (the other documents' extractions are
    cached), the corpus repairer over all documents and its loader."""
    _cold()
    paths = source_files(folder)
    for path in paths:
        if path.stem != stem:
            formats.extract(path)
    start = time.perf_counter()
    docs = {d.path.stem: d for d in open_corpus(paths)}
    doc = docs[stem]
    choose(doc).loader.load(doc)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        user, twins = _folders(Path(tmp), default_sources())
        for stem, (suffix, _) in DOCS.items():
            path = user / f"{stem}{suffix}"
            extract = []
            for _ in range(args.repeat):
                _cold()
                start = time.perf_counter()
                got = formats.extract(path)
                extract.append(time.perf_counter() - start)
            read = statistics.median(_read(user, stem) for _ in range(args.repeat))
            twin = statistics.median(_read(twins, stem) for _ in range(args.repeat))
            target = f" (target ≤ {TARGET:.0f} s)" if stem == REPORT else ""
            print(
                f"{path.name}: {path.stat().st_size / 1024:.0f} KiB, {len(got.lines)} lines; extract "
                f"{statistics.median(extract):.3f} s; read into records {read:.3f} s{target} vs .txt twin {twin:.3f} s"
            )
        for name, folder in (("user formats", user), (".txt twins", twins)):
            walls = []
            for _ in range(args.repeat):
                _cold()
                start = time.perf_counter()
                build(folder, Path(tmp) / f"{name[0]}.db")
                walls.append(time.perf_counter() - start)
            print(f"full build, {name}: median {statistics.median(walls):.3f} s, min {min(walls):.3f} s")
        _cold()
        start = time.perf_counter()
        formats.extract(user / f"{REPORT}.pdf")
        first = time.perf_counter() - start
        formats._extract.cache_clear()
        start = time.perf_counter()
        formats.extract(user / f"{REPORT}.pdf")
        print(
            f"quoting after a build: report PDF lines from the extraction cache {time.perf_counter() - start:.3f} s "
            f"(extracting again: {first:.3f} s)"
        )


if __name__ == "__main__":
    main()
