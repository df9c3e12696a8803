"""Result -> terminal summary (rich): a table per run, CJK-width aware."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from dedupe.model import Skipped
from dedupe.report_json import DocumentJSON, Tally

COLUMNS = ("removed", "joins", "trunc", "meta", "chars in→out")


def summary_table(documents: Sequence[DocumentJSON]) -> Table:
    """One row per document: lines removed, joins, truncated and metadata paragraphs, size."""
    table = Table(title="dedupe clean", title_justify="left", show_edge=False, pad_edge=False)
    table.add_column("document", overflow="fold", ratio=1)
    for name in COLUMNS:
        table.add_column(name, justify="right", no_wrap=True)
    for doc in documents:
        s = doc["stats"]
        metadata = sum(f["kind"] == "metadata" for f in doc["findings"])
        table.add_row(
            doc["id"],
            str(s["removed_lines"]),
            str(s["joins"]),
            str(s["truncated"]),
            str(metadata),
            f"{s['chars_in']}→{s['chars_out']}",
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
    more = tally.summary["documents"] - len(tally.rows)
    if more > 0:
        console.print(f"… and {more} more documents (see --json for all)", markup=False)
    for item in skipped:
        console.print(f"skipped {item.path}: {item.reason}", markup=False, highlight=False)
    s = tally.summary
    console.print(
        f"{s['documents']} documents, {s['removed_lines']} lines removed, {s['joins']} joins, "
        f"{s['truncated']} truncated, {s['skipped']} skipped",
        markup=False,
        highlight=False,
    )


def _excerpt(text: str, width: int = 60) -> str:
    flat = " ⏎ ".join(text.splitlines())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
