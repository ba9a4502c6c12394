"""The matchmaking commands, run as a user runs them (a subprocess that registers ``cli_match``)."""

from __future__ import annotations

import json
import subprocess
import sys

RUN = "import industriegraph.cli.match; from industriegraph.cli.main import main; main()"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", RUN, *args], capture_output=True, text=True, timeout=120)


def test_match_json_and_filters(built_db):
    out = cli(
        "match", "H2BZ Initiative Hessen e. V.", "--top", "3", "--exclude-state", "RP", "--json", "--db", str(built_db)
    )
    assert out.returncode == 0, out.stderr
    peers = json.loads(out.stdout)
    assert len(peers) == 3
    assert {"initiative", "score", "reasons", "alreadyConnected"} <= set(peers[0])
    assert "ini:h2bz-netzwerk-rlp" not in {p["initiative"]["id"] for p in peers}
    text = cli("match", "ini:h2bz-initiative-hessen", "--top", "1", "--db", str(built_db))
    assert "1. H2BZ Netzwerk RLP e. V." in text.stdout and "already connected" in text.stdout


def test_match_unknown_name_fails_with_candidates(built_db):
    out = cli("match", "H2BZ Hessen", "--db", str(built_db))
    assert out.returncode == 1
    assert "error: no initiative named 'H2BZ Hessen'. Closest candidates: H2BZ Initiative Hessen e. V." in out.stderr


def test_peer_groups_and_match_eval_json(built_db):
    out = cli(
        "peer-groups",
        "--topic",
        "Wasserstoff",
        "--size-min",
        "3",
        "--size-max",
        "4",
        "--mode",
        "mixed",
        "--json",
        "--db",
        str(built_db),
    )
    assert out.returncode == 0, out.stderr
    groups = json.loads(out.stdout)["groups"]
    assert sum(len(g["initiatives"]) for g in groups) == 22
    assert all({"theme", "inputFrom", "initiatives"} <= set(g) for g in groups)
    assert all(set(x) == {"id", "name", "status", "why"} for g in groups for x in g["initiatives"])
    bad = cli("peer-groups", "--state", "Bremen", "--db", str(built_db))
    assert bad.returncode == 1 and "cannot be split" in bad.stderr
    ev = cli("match-eval", "--runs", "20", "--json", "--db", str(built_db))
    assert ev.returncode == 0, ev.stderr
    assert json.loads(ev.stdout)["methods"]["match"]["hit@5"] == 0.6842


def test_every_match_command_and_option_has_help():
    code = "import industriegraph.cli.match; from industriegraph.cli.doc import undocumented; print(undocumented())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[]", out.stderr
