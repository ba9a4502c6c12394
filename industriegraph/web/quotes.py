"""Quoted source lines as people should read them: repaired text (lost ligatures such as "Ini�a�ve" restored by
the corpus-wide repairer of ``text.source``, footnote residue kept as written), with the raw line on demand.

Templates call ``repaired(ref)`` for an evidence string (``file:line``, or ``file.pdf:p12:l7`` … see
``text.formats``); the raw line stays what ``quote`` gives.
"""

from __future__ import annotations

import threading
from pathlib import Path

from industriegraph.text.source import SourceDoc, SourceError, open_corpus, source_files, split_evidence

_LOCK = threading.Lock()
_CORPUS: dict[Path, dict[str, SourceDoc]] = {}


def corpus(sources: Path) -> dict[str, SourceDoc]:
    """The documents of a sources folder by file name, read once per process."""
    sources = Path(sources)
    with _LOCK:
        docs = _CORPUS.get(sources)
        if docs is None:
            docs = {d.name: d for d in _readable_corpus(sources)}
            _CORPUS[sources] = docs
    return docs


def _readable_corpus(sources: Path) -> list[SourceDoc]:
    """The texts of the folder that can be read, with one repairer over them: member lists (their rows are quoted as
    cells, nothing to repair) and a file that fails to read are left out, so one bad file costs only its own quotes."""
    from industriegraph.loaders.member_list import claims

    try:
        paths = [p for p in source_files(sources) if not claims(p)]
    except (SourceError, OSError):
        return []
    while paths:
        try:
            return open_corpus(paths)
        except SourceError as exc:
            paths = [p for p in paths if p.name != exc.file]
        except OSError:
            return []
    return []


def repaired(evidence: str, sources: Path) -> str | None:
    """The repaired text of the line ``evidence`` points at, None when file or line does not exist."""
    file, place = split_evidence(evidence)
    doc = corpus(sources).get(file)
    if doc is None or not place:
        return None
    n = doc.line_of(place)
    return doc.clean(n) if n else None


def title(evidence: str, sources: Path) -> str | None:
    """The title a web page or Word file carries (``<title>``, document properties) for its evidence, else None."""
    doc = corpus(sources).get(split_evidence(evidence)[0])
    return doc.meta.get("title") if doc is not None else None


def install(env, sources: Path) -> None:
    env.globals["repaired"] = lambda ref: repaired(ref, sources)
    env.globals["source_title"] = lambda ref: title(ref, sources)
