"""Organisation kinds by name, for every loader: the vocabulary's body if the name is one, else the cue words
of ``model/vocab/kinds.yaml`` (see ``industriegraph.text.recognise.kinds``). The resolver may override a kind
from the reviewable alias file."""

from __future__ import annotations

from industriegraph.text.recognise.kinds import classify_kind

__all__ = ["classify_kind"]
