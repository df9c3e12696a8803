"""Result -> terminal summary (rich): a table per run, CJK-width aware."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from dedupe.report_json import DocumentJSON, SkippedJSON, SummaryJSON

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


def render_summary(
    console: Console,
    documents: Sequence[DocumentJSON],
    summary: SummaryJSON,
    skipped: Sequence[SkippedJSON],
    *,
    details: bool = False,
) -> None:
    """Print the table, optionally every finding, then one line of totals."""
    if documents:
        console.print(summary_table(documents))
    if details:
        for doc in documents:
            for f in doc["findings"]:
                if f["kind"] != "metadata":
                    console.print(
                        f"{doc['id']}:{f['line']}: {f['kind']} ({f['rule']}): "
                        f"{_excerpt(f['text'])}",
                        markup=False,
                        highlight=False,
                    )
    for item in skipped:
        console.print(f"skipped {item['path']}: {item['reason']}", markup=False)
    console.print(
        f"{summary['documents']} documents, {summary['removed_lines']} lines removed, "
        f"{summary['joins']} joins, {summary['truncated']} truncated, "
        f"{summary['skipped']} skipped",
        markup=False,
        highlight=False,
    )


def _excerpt(text: str, width: int = 60) -> str:
    flat = " ⏎ ".join(text.splitlines())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
