"""Build without importing pandas: the build never uses it, but three of its libraries import it to look.

pyarrow imports pandas on its first conversion of a Python list (is the list a pandas object?), Arrow's numpy
conversion (``to_numpy``) on its first call, and Ladybug on the first ``COPY … FROM`` a Python object (is it a
DataFrame?). Each treats pandas as optional. Importing it costs 0.25-0.8 s of a build of about 4 s; the output is
the same without it (the five-source export and the derived data were compared).

Only for a process that does nothing else afterwards (the ``build``, ``add`` and ``synth`` commands): pyarrow
remembers for the rest of the process that pandas is missing. Such a command asks for it with
``forget_pandas_before_use`` and the pipeline does it (``when_asked``) before its first use of pyarrow: importing
pyarrow and numpy to do it costs ~0.1 s, which a cold build spends while its second process reads (it is not
needed before the write).
"""

from __future__ import annotations

import sys
from importlib.abc import MetaPathFinder


class _Refuse(MetaPathFinder):
    """Answers an import of pandas with ModuleNotFoundError (what a missing package does)."""

    def find_spec(self, name, path=None, target=None):  # noqa: ANN001 - the MetaPathFinder signature
        if name == "pandas" or name.startswith("pandas."):
            raise ModuleNotFoundError(f"No module named {name!r} (not loaded by the build)", name=name)
        return None


_ASKED = False


def forget_pandas_before_use() -> None:
    """Ask for ``forget_pandas`` before this process first uses pyarrow (``when_asked``), without importing it now."""
    global _ASKED
    _ASKED = True


def when_asked() -> None:
    """``forget_pandas`` if the command asked for it: the pipeline calls this before its first use of pyarrow."""
    if _ASKED:
        forget_pandas()


def forget_pandas() -> bool:
    """Make pandas look absent for the rest of this process; False (and nothing changed) when it is already
    imported, or pyarrow is not installed."""
    if "pandas" in sys.modules:
        return False
    try:
        import pyarrow as pa
    except ImportError:
        return False
    finder = _Refuse()
    sys.meta_path.insert(0, finder)
    try:
        pa.array([0])  # pyarrow looks for pandas once (a real import, refused) and remembers the answer
    finally:
        sys.meta_path.remove(finder)
    # Ladybug asks importlib.util.find_spec, which answers None for a module set to None, and Arrow's C++ import
    # fails cleanly on it
    sys.modules["pandas"] = None  # type: ignore[assignment]
    return True
