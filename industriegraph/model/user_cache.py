"""The user's cache folder: what is slow to compute and depends only on files that can be checksummed (a document's
extracted text, the checked vocabulary). Like Python's bytecode files, an entry is named by the checksum of what
it was computed from, so a changed input is never served an old entry; deleting the folder costs only time, and a
folder that cannot be written only costs the computation next time.

``$XDG_CACHE_HOME/industriegraph/`` (else ``~/.cache/industriegraph/``).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_root() -> Path:
    """``$XDG_CACHE_HOME/industriegraph`` (else ``~/.cache/industriegraph``)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "industriegraph"


def checksum(files: Iterable[Path]) -> str:
    """One checksum of the files' names and contents, and of this Python (a pickle's classes and protocol)."""
    h = hashlib.sha256(sys.version.encode())
    for f in files:
        h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()[:24]


def remembered(
    kind: str,
    inputs: Iterable[Path],
    compute: Callable[[], T],
    root: Path | None = None,
    shared: Mapping[str, Sequence[object]] | None = None,
) -> T:
    """``compute()``, or its pickled result from an earlier process with the same ``inputs`` (files whose content
    decides the result: the data and the code that reads them), kept in ``root / kind`` (``root``: ``cache_root()``).
    Writing a new entry removes the older ones of that kind. ``shared``: objects of this process that the result
    refers to (by name, the items of each sequence), kept by reference: read back, the result refers to the very
    objects given, not to copies (their content must follow from ``inputs``).

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> source = root / "numbers.txt"
    >>> _ = source.write_text("1 2 3")
    >>> remembered("sums", [source], lambda: sum(map(int, source.read_text().split())), root)
    6
    >>> remembered("sums", [source], lambda: "not computed again", root)
    6
    >>> _ = source.write_text("1 2 3 4")
    >>> remembered("sums", [source], lambda: sum(map(int, source.read_text().split())), root)
    10
    >>> len(list((root / "sums").iterdir()))
    1
    >>> mine = [[1], [2]]  # objects of this process
    >>> kept = remembered("pairs", [source], lambda: {"first": mine[0], "both": mine}, root, {"mine": mine})
    >>> again = remembered("pairs", [source], lambda: None, root, {"mine": mine})
    >>> again["first"] is mine[0], again["both"] is mine, again["both"][1] is mine[1]
    (True, False, True)
    """
    path = (root or cache_root()) / kind / f"{checksum(inputs)}.pickle"
    shared = shared or {}
    try:
        with path.open("rb") as f:
            unpickler = pickle.Unpickler(f)  # noqa: S301 - our own entry in the user's cache, as trusted as bytecode
            unpickler.persistent_load = lambda ref: shared[ref[0]][ref[1]]  # type: ignore[method-assign]
            return unpickler.load()
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, KeyError, IndexError):
        pass  # not there yet, or unreadable: computed again and written over
    result = compute()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        refs = {id(item): (name, i) for name, items in shared.items() for i, item in enumerate(items)}
        with tmp.open("wb") as f:
            pickler = pickle.Pickler(f, protocol=pickle.HIGHEST_PROTOCOL)
            pickler.persistent_id = lambda obj: refs.get(id(obj))  # type: ignore[method-assign]
            pickler.dump(result)
        tmp.replace(path)
        for older in path.parent.glob("*.pickle"):
            if older != path:
                older.unlink(missing_ok=True)
    except OSError:
        pass
    return result
