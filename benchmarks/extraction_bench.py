"""Benchmark: how well a build reads public texts nobody here wrote (the hand-labelled set in benchmarks/extraction/).

Usage: python benchmarks/extraction_bench.py [--split dev|heldout|all] [--json PATH] [--only SUBSTRING] [--jobs N]

Each text is copied alone into a temporary folder and the CLI is run on it as a black box:
`industriegraph build --sources DIR --db TMP/db`, then `industriegraph export json -o TMP/g.json --db TMP/db`
(the console script next to the running Python). A failed build counts as nothing found; the first line of
its error is printed. The exported node-link JSON is scored against benchmarks/extraction/labels.yaml:

- link recall / precision: a predicted link is any relationship between an Organization node and an
  Initiative or Strategy node, in either direction (one per node pair). It matches a gold link when the
  organisation matches (the predicted name or any alias equals the gold name, acronym, alias or accepted
  name after case-folding and normalising whitespace, hyphens, dashes and quotation marks) and the
  initiative matches likewise (gold name or aliases).
- names exact: share of matched gold organisations whose predicted `name` equals the gold name (or an
  accepted name) after whitespace normalisation only.
- kind accuracy: share of matched gold organisations whose predicted `kind` is the gold kind.
- role accuracy: share of matched gold links whose predicted role is the gold role (the relationship's
  `role` property read into the fixed role list; without one, MEMBER_OF is member, PARTNER_OF partner,
  FUNDED_BY funder).
- initiatives found: gold initiatives that exist as an Initiative or Strategy node.
- false organisations: predicted Organization nodes that match a `not_organisations` entry.

Default: every text, totals for dev and heldout separately; `--split all` adds the combined total.
Plain Python + PyYAML; nothing of the package is imported.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
DATA = HERE / "extraction"
ROLES = ("member", "partner", "carrier", "founder", "coordinator", "signatory", "steering", "advisory", "funder")
ORG_LABEL = "Organization"
INITIATIVE_LABELS = ("Initiative", "Strategy")
TYPE_ROLES = {"MEMBER_OF": "member", "PARTNER_OF": "partner", "FUNDED_BY": "funder"}
# How the bench reads a predicted role string (German or English wording) into the fixed role list;
# first matching stem wins, in this order.
ROLE_STEMS = (
    ("founder", ("gründ", "initiat", "found", "mitbegründ")),
    ("coordinator", ("koordin", "geschäftsstelle", "konsortialführ", "federführ", "coordinat", "lead")),
    ("steering", ("steuerung", "kerngruppe", "lenkung", "leitungsrunde", "steering")),
    ("advisory", ("beirat", "advis")),
    ("signatory", ("unterzeich", "signat", "signed", "signer")),
    ("carrier", ("träger", "getragen", "carrier", "sponsor")),
    ("funder", ("förder", "fund")),
    ("partner", ("partner",)),
    ("member", ("mitglied", "member", "beteilig", "particip")),
)

_DASHES = re.compile(r"[\u2010-\u2015\u2212\-]")
_QUOTES = re.compile(r"[\"'„“”‚‘’«»‹›]")


def norm(text: str) -> str:
    """Matching key: case-folded; dashes, hyphens and quotation marks dropped to spaces; whitespace collapsed."""
    return " ".join(_QUOTES.sub(" ", _DASHES.sub(" ", text)).split()).casefold()


def ws(text: str) -> str:
    """Whitespace-normalised only (for names exact)."""
    return " ".join(text.split())


def role_of(rel_type: str, raw: object) -> str | None:
    if isinstance(raw, str) and raw.strip():
        key = raw.strip().casefold()
        if key in ROLES:
            return key
        for role, stems in ROLE_STEMS:
            if any(stem in key for stem in stems):
                return role
        return key
    return TYPE_ROLES.get(rel_type)


# ---------------------------------------------------------------------------------------------------------
# Running the CLI


def cli_path() -> Path:
    beside = Path(sys.executable).parent / ("industriegraph.exe" if os.name == "nt" else "industriegraph")
    if beside.exists():
        return beside
    found = shutil.which("industriegraph")
    if found:
        return Path(found)
    sys.exit(
        "industriegraph console script not found next to this Python; run `make .venv/.installed` and use "
        ".venv/bin/python"
    )


def first_line(*outputs: str) -> str:
    for out in outputs:
        for line in out.splitlines():
            if line.strip():
                return line.strip()
    return "(no output)"


def run_cli(cli: Path, text: Path, timeout: int) -> tuple[dict | None, str | None, float]:
    """Build one text alone and export it; (graph, error line, seconds)."""
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ig-extraction-") as tmp:
        tmp_path = Path(tmp)
        src = tmp_path / "sources"
        src.mkdir()
        shutil.copy2(text, src / text.name)
        db = tmp_path / "db"
        out = tmp_path / "g.json"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("INDUSTRIEGRAPH_", "NEO4J_"))}
        env.setdefault("NO_COLOR", "1")
        steps = (
            [str(cli), "build", "--sources", str(src), "--db", str(db)],
            [str(cli), "export", "json", "-o", str(out), "--db", str(db)],
        )
        for argv in steps:
            try:
                proc = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, env=env, cwd=tmp)
            except subprocess.TimeoutExpired:
                return None, f"{argv[1]} timed out after {timeout} s", time.perf_counter() - start
            if proc.returncode != 0:
                return None, f"{argv[1]}: {first_line(proc.stderr, proc.stdout)}", time.perf_counter() - start
        graph = json.loads(out.read_text(encoding="utf-8"))
    return graph, None, time.perf_counter() - start


# ---------------------------------------------------------------------------------------------------------
# Scoring


@dataclass
class Score:
    gold_links: int = 0
    pred_links: int = 0
    matched_gold_links: int = 0
    correct_pred_links: int = 0
    matched_orgs: int = 0
    names_exact: int = 0
    kinds_right: int = 0
    roles_right: int = 0
    gold_initiatives: int = 0
    initiatives_found: int = 0
    false_orgs: int = 0
    pred_orgs: int = 0
    files: int = 0
    failed: int = 0
    details: dict = field(default_factory=dict)

    def add(self, other: Score) -> None:
        for name in self.__dataclass_fields__:
            if name != "details":
                setattr(self, name, getattr(self, name) + getattr(other, name))

    @staticmethod
    def ratio(num: int, den: int) -> float | None:
        return None if den == 0 else num / den

    def figures(self) -> dict:
        return {
            "link_recall": self.ratio(self.matched_gold_links, self.gold_links),
            "link_precision": self.ratio(self.correct_pred_links, self.pred_links),
            "names_exact": self.ratio(self.names_exact, self.matched_orgs),
            "kind_accuracy": self.ratio(self.kinds_right, self.matched_orgs),
            "role_accuracy": self.ratio(self.roles_right, self.matched_gold_links),
            "initiatives_found": self.ratio(self.initiatives_found, self.gold_initiatives),
            "counts": {k: getattr(self, k) for k in self.__dataclass_fields__ if k != "details"},
        }


def node_names(node: dict) -> list[str]:
    props = node.get("properties") or {}
    names = [props.get("name") or props.get("title") or ""]
    names += [a for a in (props.get("aliases") or []) if isinstance(a, str)]
    return [n for n in names if n]


def org_keys(gold: dict) -> set[str]:
    forms = [gold["name"], gold.get("acronym") or ""]
    forms += list(gold.get("aliases") or []) + list(gold.get("accepted_names") or [])
    return {norm(f) for f in forms if f}


def initiative_keys(gold: dict) -> set[str]:
    return {norm(f) for f in [gold["name"], *(gold.get("aliases") or [])] if f}


def matches(node: dict, keys: set[str]) -> bool:
    return any(norm(n) in keys for n in node_names(node))


def score_text(label: dict, graph: dict | None) -> Score:
    s = Score(files=1)
    s.gold_links = len(label["links"])
    s.gold_initiatives = len(label["initiatives"])
    if graph is None:
        s.failed = 1
        return s
    nodes = {n["id"]: n for n in graph.get("nodes", [])}
    orgs = [n for n in nodes.values() if n.get("label") == ORG_LABEL]
    inis = [n for n in nodes.values() if n.get("label") in INITIATIVE_LABELS]
    s.pred_orgs = len(orgs)

    pairs: dict[tuple[str, str], set[str]] = {}
    for link in graph.get("links", []):
        a, b = nodes.get(link.get("source")), nodes.get(link.get("target"))
        if not a or not b:
            continue
        if a.get("label") == ORG_LABEL and b.get("label") in INITIATIVE_LABELS:
            org, ini = a, b
        elif b.get("label") == ORG_LABEL and a.get("label") in INITIATIVE_LABELS:
            org, ini = b, a
        else:
            continue
        role = role_of(link.get("type", ""), (link.get("properties") or {}).get("role"))
        pairs.setdefault((org["id"], ini["id"]), set()).update({role} if role else set())
    s.pred_links = len(pairs)

    gold_orgs = {o["name"]: o for o in label["organisations"]}
    gold_inis = {i["name"]: i for i in label["initiatives"]}
    okeys = {name: org_keys(o) for name, o in gold_orgs.items()}
    ikeys = {name: initiative_keys(i) for name, i in gold_inis.items()}

    def gold_link_hits(link: dict) -> list[tuple[str, str]]:
        return [
            p
            for p in pairs
            if matches(nodes[p[0]], okeys[link["org"]]) and matches(nodes[p[1]], ikeys[link["initiative"]])
        ]

    missed, wrong_roles = [], []
    for link in label["links"]:
        hits = gold_link_hits(link)
        if hits:
            s.matched_gold_links += 1
            roles = set().union(*(pairs[p] for p in hits))
            if link["role"] in roles:
                s.roles_right += 1
            else:
                wrong_roles.append(f"{link['org']}: {link['role']} ≠ {', '.join(sorted(roles)) or '-'}")
        else:
            missed.append(link["org"])

    spurious = []
    for org_id, ini_id in pairs:
        ok = any(
            matches(nodes[org_id], okeys[link["org"]]) and matches(nodes[ini_id], ikeys[link["initiative"]])
            for link in label["links"]
        )
        if ok:
            s.correct_pred_links += 1
        else:
            spurious.append(f"{node_names(nodes[org_id])[:1]} → {node_names(nodes[ini_id])[:1]}")

    names_off, kinds_off = [], []
    for name, gold in gold_orgs.items():
        found = [o for o in orgs if matches(o, okeys[name])]
        if not found:
            continue
        s.matched_orgs += 1
        exact = {ws(gold["name"])} | {ws(a) for a in gold.get("accepted_names") or []}
        if any(ws((o.get("properties") or {}).get("name") or "") in exact for o in found):
            s.names_exact += 1
        else:
            names_off.append(f"{gold['name']} ← {(found[0].get('properties') or {}).get('name')}")
        if any((o.get("properties") or {}).get("kind") == gold["kind"] for o in found):
            s.kinds_right += 1
        else:
            kinds_off.append(f"{gold['name']}: {gold['kind']} ≠ {(found[0].get('properties') or {}).get('kind')}")

    for gold in label["initiatives"]:
        if any(matches(i, ikeys[gold["name"]]) for i in inis):
            s.initiatives_found += 1

    not_keys = set()
    for entry in label.get("not_organisations") or []:
        not_keys |= {norm(t) for t in [entry["text"], *(entry.get("also") or [])]}
    false_orgs = [node_names(o)[0] for o in orgs if matches(o, not_keys)]
    s.false_orgs = len(false_orgs)

    s.details = {
        "missed_links": missed,
        "spurious_links": spurious,
        "wrong_roles": wrong_roles,
        "names_not_exact": names_off,
        "kinds_wrong": kinds_off,
        "false_organisations": false_orgs,
        "predicted_initiatives": [node_names(i)[0] for i in inis if node_names(i)],
    }
    return s


# ---------------------------------------------------------------------------------------------------------
# Report


def pct(value: float | None) -> str:
    return "   –" if value is None else f"{value:4.2f}"


def frac(num: int, den: int) -> str:
    return f"{num}/{den}"


HEADER = (
    f"{'file':<44} {'split':<7} {'gold':>4} {'pred':>4} {'hit':>4} {'rec':>4} {'prec':>4} "
    f"{'names':>7} {'kinds':>7} {'roles':>7} {'inits':>5} {'falseO':>6}  status"
)


def row(name: str, split: str, s: Score, status: str) -> str:
    f = s.figures()
    return (
        f"{name[:44]:<44} {split:<7} {s.gold_links:>4} {s.pred_links:>4} {s.matched_gold_links:>4} "
        f"{pct(f['link_recall'])} {pct(f['link_precision'])} {frac(s.names_exact, s.matched_orgs):>7} "
        f"{frac(s.kinds_right, s.matched_orgs):>7} {frac(s.roles_right, s.matched_gold_links):>7} "
        f"{frac(s.initiatives_found, s.gold_initiatives):>5} {s.false_orgs:>6}  {status}"
    )


def total_line(name: str, s: Score) -> str:
    f = s.figures()
    return (
        f"{name:<8} texts {s.files:>2} (failed {s.failed})  link recall {pct(f['link_recall'])}  "
        f"precision {pct(f['link_precision'])}  names exact {pct(f['names_exact'])}  "
        f"kind accuracy {pct(f['kind_accuracy'])}  role accuracy {pct(f['role_accuracy'])}  "
        f"initiatives found {pct(f['initiatives_found'])}  false organisations {s.false_orgs}  "
        f"[links {s.matched_gold_links}/{s.gold_links} gold, {s.correct_pred_links}/{s.pred_links} predicted; "
        f"organisations matched {s.matched_orgs}]"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--split",
        choices=("dev", "heldout", "all"),
        default=None,
        help="only this split (default: every text, dev and heldout reported separately)",
    )
    parser.add_argument("--json", type=Path, help="write the figures (per file and per split) to this file")
    parser.add_argument("--only", help="only texts whose file name contains this")
    parser.add_argument("--jobs", type=int, default=max(1, min(4, os.cpu_count() or 1)))
    parser.add_argument("--timeout", type=int, default=600, help="seconds per CLI call")
    parser.add_argument("-v", "--verbose", action="store_true", help="list missed and spurious links per file")
    args = parser.parse_args()

    labels = yaml.safe_load((DATA / "labels.yaml").read_text(encoding="utf-8"))["texts"]
    chosen = [
        t for t in labels if args.split in (None, "all", t["split"]) and (not args.only or args.only in t["file"])
    ]
    if not chosen:
        sys.exit("no text selected")
    cli = cli_path()
    print(f"{len(chosen)} texts, CLI {cli.name}, {args.jobs} at a time", flush=True)

    def one(label: dict) -> tuple[dict, dict | None, str | None, float]:
        graph, error, seconds = run_cli(cli, DATA / "texts" / label["file"], args.timeout)
        return label, graph, error, seconds

    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(one, chosen))

    print(HEADER)
    totals: dict[str, Score] = {}
    per_file = []
    for label, graph, error, seconds in results:
        s = score_text(label, graph)
        status = f"ERROR {error}" if error else f"ok {seconds:.1f}s"
        print(row(label["file"], label["split"], s, status))
        if args.verbose and not error:
            for key, items in s.details.items():
                if items:
                    print(f"    {key}: " + "; ".join(str(i) for i in items))
        totals.setdefault(label["split"], Score()).add(s)
        if args.split == "all":
            totals.setdefault("all", Score()).add(s)
        per_file.append(
            {
                "file": label["file"],
                "split": label["split"],
                "error": error,
                "seconds": round(seconds, 2),
                **s.figures(),
                "details": s.details,
            }
        )

    print()
    for name in ("dev", "heldout", "all"):
        if name in totals:
            print(total_line(name, totals[name]))

    if args.json:
        report = {
            "benchmark": "extraction",
            "labels": "benchmarks/extraction/labels.yaml",
            "split": args.split or "dev+heldout",
            "files": per_file,
            "totals": {name: s.figures() for name, s in totals.items()},
        }
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")


if __name__ == "__main__":
    main()
