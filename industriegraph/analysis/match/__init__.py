"""Matchmaking: which initiatives should meet (``match``), peer-meeting groups (``peer_groups``) and an
evaluation of the recommendations against what actually happened in the documents (``evaluate``)."""

from industriegraph.analysis.match.evaluate import evaluate
from industriegraph.analysis.match.features import Features, features
from industriegraph.analysis.match.peer_groups import peer_groups
from industriegraph.analysis.match.recommend import UnknownInitiative, match, resolve
from industriegraph.analysis.match.score import MIXED, Weights

__all__ = [
    "MIXED",
    "Features",
    "UnknownInitiative",
    "Weights",
    "evaluate",
    "features",
    "match",
    "peer_groups",
    "resolve",
]
