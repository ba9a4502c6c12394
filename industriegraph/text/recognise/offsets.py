"""Offsets back into an original text, listed only when asked for.

A recogniser compares a normalised form of a text (lower case, alphanumerics only, single spaces) with its names
and needs, for a hit, where it stands in the original. Most texts hold no hit, and listing the offset of every
character of every text was a tenth of reading the network report: the list is made on first use.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence


class Offsets(Sequence[int]):
    """The list ``compute()`` returns, computed on first use.

    >>> offsets = Offsets(lambda: [0, 2, 4])
    >>> offsets[1], offsets[-1], len(offsets)
    (2, 4, 3)
    """

    def __init__(self, compute: Callable[[], list[int]]):
        self._compute: Callable[[], list[int]] | None = compute
        self._offsets: list[int] = []

    def _list(self) -> list[int]:
        if self._compute is not None:
            self._offsets, self._compute = self._compute(), None
        return self._offsets

    def __getitem__(self, k):  # type: ignore[override]
        return self._list()[k]

    def __len__(self) -> int:
        return len(self._list())
