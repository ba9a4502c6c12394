"""The command line starts quickly: importing it loads none of the heavy libraries (each command imports what it
needs), and `-p kind_b=Gewerkschaft`, `show` summaries and the parameters line work."""

from __future__ import annotations

import json
import subprocess
import sys

# rich (~20 ms of a fresh process) is imported when something is printed with it: `match --json` needs none
HEAVY = ("networkx", "pandas", "fastapi", "rdflib", "pyoxigraph", "rapidfuzz", "ladybug", "pyarrow", "numpy", "rich")


def test_importing_the_cli_loads_no_heavy_module():
    code = (
        "import sys, json; import industriegraph.cli.main; "
        f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == []


def test_opening_the_graph_for_stats_needs_no_networkx_or_pyarrow(built_db):
    code = (
        "import sys, json; from industriegraph.graph.facade import Graph; "
        f"g = Graph.open({str(built_db)!r}); g.stats(); "
        "print(json.dumps(sorted(m for m in ('networkx', 'pyarrow', 'pandas', 'fastapi', 'numpy') "
        "if m in sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == []


def test_stats_counts_relationships_in_the_store_as_listing_them_would(graph):
    from collections import Counter

    listed = Counter(r["r"]["_label"] for r in graph.relationships())
    counts = graph.stats()
    assert {k: v for k, v in counts.items() if k in listed} == dict(listed)
    assert sum(counts.values()) == sum(listed.values()) + len(graph.nodes())


def test_german_kind_names_and_topic_words_are_accepted(graph):
    from industriegraph.analysis.queries import get

    q = get("cooccurrence")
    assert q.bind({"kind_a": "ihk", "kind_b": "Gewerkschaft"})["kind_b"] == "Union"
    bound = q.bind({"kind_a": "Handwerkskammern", "kind_b": "hochschule"})
    assert (bound["kind_a"], bound["kind_b"]) == ("Handwerkskammer", "University")
    assert graph.query("cooccurrence", kind_a="IHK", kind_b="gewerkschaft") == graph.query("cooccurrence")
    from industriegraph.analysis.queries.initiatives import topic_param

    assert "topic:fachkraefte" in topic_param("Fachkräfte")


def test_show_summarises_and_full_lists_everything(built_db):
    cli = [sys.executable, "-m", "industriegraph.cli.main"]
    env_args = ["--db", str(built_db)]
    summary = subprocess.run([*cli, "show", "IVH", *env_args], capture_output=True, text=True, check=True).stdout
    full = subprocess.run([*cli, "show", "IVH", "--full", *env_args], capture_output=True, text=True, check=True).stdout
    assert "RESPONSIBLE_FOR: 20" in summary and "… 17 more" in summary
    assert len(summary.splitlines()) < 60 < len(full.splitlines())


def test_results_say_which_parameters_they_used(built_db):
    cli = [sys.executable, "-m", "industriegraph.cli.main"]
    r = subprocess.run(
        [*cli, "query", "cooccurrence", "-p", "kind_b=Gewerkschaft", "--format", "csv", "--db", str(built_db)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "parameters: kind_a='IHK', kind_b='Union'" in r.stderr
    r = subprocess.run(
        [*cli, "match", "H2Berlin", "--top", "2", "--json", "--db", str(built_db)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "parameters: top=2" in r.stderr and len(json.loads(r.stdout)) == 2


def test_a_command_runs_without_pydantic_or_the_other_commands(built_db):
    """A command's process builds only its own options (``cli.main.app_for``) and validates them without pydantic
    (typer before 0.29): together ~110 ms of ``match``'s start. Nor does ``match`` import what only quoting
    evidence, writing records or a filter's vocabularies need (~9 ms), and its process collects young objects
    less often (~7 ms). The output is the whole app's."""
    from industriegraph.cli.main import ONE_SHOT_GC_THRESHOLD

    code = (
        "import sys, json\n"
        "import typer.main\n"
        "from industriegraph.cli.main import main\n"
        "built = []\n"
        "original = typer.main.get_command_from_info\n"
        "def spy(*args, **kw):\n"
        "    built.append(kw.get('command_info', args[0] if args else None).callback.__name__)\n"
        "    return original(*args, **kw)\n"
        "typer.main.get_command_from_info = spy\n"
        f"sys.argv = ['industriegraph', 'match', 'H2Berlin', '--top', '2', '--json', '--db', {str(built_db)!r}]\n"
        "import atexit\n"  # main() ends the process itself (cli.main.leave); exit handlers still run
        "unused = ['pydantic', 'industriegraph.graph.evidence', 'industriegraph.model.records', "
        "'industriegraph.text.topics']\n"
        "import gc\n"
        "atexit.register(lambda: print(json.dumps({'imported': [m for m in unused if m in sys.modules], "
        "'built': built, 'young_collection_every': gc.get_threshold()[0]}), file=sys.stderr))\n"
        "main()\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    facts = json.loads(r.stderr.strip().splitlines()[-1])
    assert facts == {"imported": [], "built": ["match_cmd"], "young_collection_every": ONE_SHOT_GC_THRESHOLD}
    whole = subprocess.run(
        [
            sys.executable,
            "-c",
            "from industriegraph.cli.main import app; app(prog_name='industriegraph')",
            "match",
            "H2Berlin",
            "--top",
            "2",
            "--json",
            "--db",
            str(built_db),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(r.stdout) == json.loads(whole.stdout) and len(json.loads(r.stdout)) == 2


def test_the_process_ends_with_the_commands_status_and_all_its_output(built_db, tmp_path):
    """``main`` ends the process without taking its objects apart (``cli.main.leave``): the status is the
    command's, everything printed arrives, exit handlers run."""
    cli = [sys.executable, "-c", "import atexit, sys; from industriegraph.cli.main import main; "
           "atexit.register(lambda: print('handler ran', file=sys.stderr)); main()"]  # fmt: skip
    out = tmp_path / "g.json"
    ok = subprocess.run([*cli, "export", "json", "-o", str(out), "--db", str(built_db)], capture_output=True)
    assert ok.returncode == 0 and json.loads(out.read_text())["nodes"]
    csv = subprocess.run([*cli, "query", "cooccurrence", "--format", "csv", "--db", str(built_db)],
                         capture_output=True, text=True)  # fmt: skip
    assert csv.returncode == 0 and csv.stdout.count("\n") >= 4 and "handler ran" in csv.stderr
    missing = subprocess.run([*cli, "stats", "--db", str(tmp_path / "none.db")], capture_output=True, text=True)
    assert missing.returncode == 2 and "no graph database here" in missing.stderr and "handler ran" in missing.stderr
