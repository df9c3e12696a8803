"""Result -> terminal summary (rich): a table per run, CJK-width aware."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from dedupe.model import Skipped
from dedupe.report.json import ClusterJSON, DocumentJSON, Tally

COLUMNS = ("removed", "joins", "trunc", "copies", "chars in→out")


def summary_table(documents: Sequence[DocumentJSON]) -> Table:
    """One row per document: lines removed, joins, truncated, copied sentences removed, size."""
    table = Table(title="dedupe clean", title_justify="left", show_edge=False, pad_edge=False)
    table.add_column("document", overflow="fold", ratio=1)
    for name in COLUMNS:
        table.add_column(name, justify="right", no_wrap=True)
    for doc in documents:
        s = doc["stats"]
        table.add_row(
            doc["id"],
            str(s["removed_lines"]),
            str(s["joins"]),
            str(s["truncated"]),
            str(s["copies_removed"]),
            f"{s['chars_in']}→{s['chars_out']}",
        )
    return table


def cluster_table(clusters: Sequence[ClusterJSON]) -> Table:
    """One row per copy: its cluster, kind, where it and its original are, what was swapped.

    A copy marked ✗ was removed whole; the others lost only their copied sentences, if any.
    """
    table = Table(title="copies", title_justify="left", show_edge=False, pad_edge=False)
    table.add_column("cluster", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("copy → original", overflow="fold", ratio=2)
    table.add_column("sim", justify="right", no_wrap=True)
    table.add_column("swaps, subject", overflow="fold", ratio=3)
    for cluster in clusters:
        original = cluster["original"]
        for member in cluster["members"]:
            p = member["paragraph"]
            target = (
                f"L{original['line']}"
                if original["doc"] == p["doc"]
                else (f"{original['doc']}:{original['line']}")
            )
            note = ", ".join(member["swaps"][:2])
            if member["subject_mismatch"]:
                note = f"about {member['subject_mismatch']['subject']}, body elsewhere; {note}"
            table.add_row(
                cluster["id"],
                member["kind"] + (" ✗" if member["removed"] else ""),
                f"{p['doc']}:{p['line']} → {target}",
                f"{member['similarity']:.2f}",
                note,
            )
    return table


def render_findings(console: Console, doc: DocumentJSON) -> None:
    """One line per finding of a document (metadata left out): `file:line: kind (rule): text`."""
    for f in doc["findings"]:
        if f["kind"] != "metadata":
            console.print(
                f"{doc['id']}:{f['line']}: {f['kind']} ({f['rule']}): {_excerpt(f['text'])}",
                markup=False,
                highlight=False,
            )


def render_summary(console: Console, tally: Tally, skipped: Sequence[Skipped]) -> None:
    """The table of the first documents, the skipped inputs, and one line of totals."""
    if tally.rows:
        console.print(summary_table(tally.rows))
    if tally.clusters:
        console.print(cluster_table(tally.clusters))
    more = tally.summary["documents"] - len(tally.rows)
    if more > 0:
        console.print(f"… and {more} more documents (see --json for all)", markup=False)
    for item in skipped:
        console.print(f"skipped {item.path}: {item.reason}", markup=False, highlight=False)
    s = tally.summary
    console.print(
        f"{s['documents']} documents, {s['removed_lines']} lines removed, {s['joins']} joins, "
        f"{s['truncated']} truncated, {s['copies_removed']} copied sentences removed in "
        f"{s['clusters']} clusters, {s['duplicate_documents']} duplicate documents, "
        f"{s['skipped']} skipped",
        markup=False,
        highlight=False,
    )


def _excerpt(text: str, width: int = 60) -> str:
    flat = " ⏎ ".join(text.splitlines())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
