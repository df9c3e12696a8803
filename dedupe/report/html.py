"""Result -> one self-contained HTML page for a person to review: overview, copy clusters side by
side, every document's changes in place.

The page is a template with inline CSS and a small script (dedupe/report/assets/), and the findings
embedded as JSON that the script renders with textContent only: every string that came from a
document is data, never markup. A Content-Security-Policy allows exactly the inline style and
script (by hash) and nothing else, so the page makes no request at all. The same input gives the
same bytes; a timestamp appears only when SOURCE_DATE_EPOCH is set.

To stay small on large runs, documents are not embedded whole: findings are rows of numbers
with their strings interned, only the stretches of text around findings are carried
(dedupe.report.excerpts), and copy clusters are rows whose details (texts, differences, sentence
rows) share one budget (dedupe.report.html_clusters): what the rest of the report leaves of
TOTAL_SHARE of the input's bytes, at most DETAIL_SHARE and at least DETAIL_FLOOR bytes. However
many copies a run finds, the clusters then add a summary row per copied paragraph and no more.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from typing import TypedDict

import jinja2

from dedupe import __version__
from dedupe.model import DocResult, Skipped
from dedupe.report import excerpts
from dedupe.report.html_clusters import ClusterRow, Documents, cluster_views, html_lang
from dedupe.report.json import ClusterJSON, SummaryJSON

DATA_VERSION = 2
TOTAL_SHARE = 0.40  # the report aims at this share of the input's bytes, all told...
DETAIL_SHARE = 0.15  # ...of which copy details take what the rest leaves, at most this share...
DETAIL_FLOOR = 16_000  # ...and at least this many bytes (a small run keeps every detail)
# Estimated bytes of embedded JSON, for the budget: a finding row, an excerpt's framing, a
# document's fixed fields besides its name and path, a cluster member's summary row.
ROW_BYTES = {"finding": 24, "excerpt": 16, "doc": 48, "summary": 64}
BARE_KINDS = frozenset({"copy", "template"})  # findings shown without context (copied sentences)
MIN_FOLDER = 8  # a documents' folder this long is referred to where it recurs in a string...
MAX_FOLDERS = 8  # ...if it is one of this many folders holding the most documents
STAT_FIELDS = (
    "chars_in",
    "chars_out",
    "lines_in",
    "paragraphs_out",
    "removed_lines",
    "joins",
    "truncated",
    "copies_removed",
)
# A finding is a row: these fields, in this order. kind, rule, reason and `to` (what a join put
# in place of the line break) are indexes into the interned strings; line and start are counted
# from the previous finding's in the document (from 0 for the first), and `to` is left off when
# there is none: small numbers, fewer bytes.
FINDING_FIELDS = ("kind", "rule", "reason", "line", "start", "length", "removed", "to")
# A document is a row too. Its path is the index of an interned prefix when it is that prefix
# followed by its id (as for every file under a folder given on the command line).
DOC_FIELDS = ("id", "path", "output", "duplicate_of", "stats", "findings", "excerpts")

FindingRow = list[int]
Excerpt = tuple[int, str, str]  # start offset in the document, text, HTML lang
# id, path (or prefix index), output, duplicate_of, stats (STAT_FIELDS), findings, excerpts
DocView = tuple[str, str | int, str | None, str | None, list[int], list[FindingRow], list[Excerpt]]


class SummaryView(SummaryJSON):
    paragraphs_out: int
    lines_in: int


class ReportData(TypedDict):
    version: int
    tool: str
    generated: str | None
    summary: SummaryView
    kinds: dict[str, int]  # findings by kind
    # Interned strings; one given as [before, k, after] is before + strings[k] + after (where k is
    # a documents' folder: reasons name the files they copy).
    strings: list[str | tuple[str, int, str]]
    docs: list[DocView]
    clusters: list[ClusterRow]
    summarized: int  # copies shown as summary rows only (past the detail budget)
    skipped: list[tuple[str, str]]


class Collector:
    """Compact views of the documents as they stream past, then the whole report's data.

    Holds per document only its finding rows and excerpts, so memory stays a fraction of the
    input's size.
    """

    def __init__(self) -> None:
        self.docs: list[DocView] = []
        self._index: dict[str, int] = {}
        self._strings: dict[str, int] = {}
        self._joins: list[list[tuple[int, int, int]]] = []  # per document: start, end, width
        self._input_bytes = 0  # UTF-8 bytes of the documents' texts
        self._doc_bytes = 0  # estimated bytes of the documents' embedded data
        # interned path prefixes (MIN_FOLDER characters or more), with how many documents have each
        self._folders: Counter[int] = Counter()
        self._end: tuple[SummaryJSON, list[Skipped], list[ClusterJSON]] | None = None

    def add(self, result: DocResult, output: str | None) -> None:
        """Take one cleaned document."""
        self._index.setdefault(result.document.id, len(self.docs))
        self.docs.append(self._view(result, output))
        edits = {(e.start, e.end, len(e.text)) for p in result.paragraphs for e in p.segment.edits}
        self._joins.append(sorted(edits))

    def finish(
        self, summary: SummaryJSON, skipped: Sequence[Skipped], clusters: Sequence[ClusterJSON]
    ) -> None:
        """Take the run's totals, skipped inputs and copy clusters, once every document is in."""
        self._end = (summary, list(skipped), list(clusters))

    def html(self, *, generated: str | None = None) -> str:
        """The report page, once `finish` was called."""
        assert self._end is not None, "finish() the collector first"
        return page(self.data(*self._end, generated=generated))

    def data(
        self,
        summary: SummaryJSON,
        skipped: Sequence[Skipped],
        clusters: Sequence[ClusterJSON],
        *,
        generated: str | None = None,
    ) -> ReportData:
        """Everything the page shows, in the form it embeds."""
        totals: SummaryView = {
            **summary,
            "paragraphs_out": sum(d[4][3] for d in self.docs),
            "lines_in": sum(d[4][2] for d in self.docs),
        }
        kinds: dict[str, int] = {}
        names = list(self._strings)
        for doc in self.docs:
            for row in doc[5]:
                kinds[names[row[0]]] = kinds.get(names[row[0]], 0) + 1
        views, summarized = cluster_views(
            clusters,
            Documents(self._index, self._joins),
            budget=self.detail_budget(clusters),
            intern=self._intern,
        )
        return {
            "version": DATA_VERSION,
            "tool": f"dedupe {__version__}",
            "generated": generated,
            "summary": totals,
            "kinds": dict(sorted(kinds.items())),
            "strings": self._shortened(),
            "docs": self.docs,
            "clusters": views,
            "summarized": summarized,
            "skipped": [(s.path, s.reason) for s in skipped],
        }

    def detail_budget(self, clusters: Sequence[ClusterJSON]) -> int:
        """Bytes the copy clusters' details may take: what the rest of the report leaves of
        TOTAL_SHARE of the input, at most DETAIL_SHARE of it, at least DETAIL_FLOOR."""
        _, css, js = _assets()
        rest = self._doc_bytes + len(css.encode()) + len(js.encode()) + 4096
        rest += sum(len(s.encode()) + 3 for s in self._strings)
        rest += ROW_BYTES["summary"] * sum(len(c["members"]) for c in clusters)
        left = min(DETAIL_SHARE * self._input_bytes, TOTAL_SHARE * self._input_bytes - rest)
        return max(DETAIL_FLOOR, int(left))

    def _shortened(self) -> list[str | tuple[str, int, str]]:
        """The interned strings, the documents' folders in them referred to, not repeated."""
        names = list(self._strings)
        common = [k for k, _ in self._folders.most_common(MAX_FOLDERS)]
        folders = sorted(common, key=lambda k: (-len(names[k]), k))
        out: list[str | tuple[str, int, str]] = []
        for i, name in enumerate(names):
            for k in folders if i not in self._folders else ():
                at = name.find(names[k])
                if at >= 0:
                    out.append((name[:at], k, name[at + len(names[k]) :]))
                    break
            else:
                out.append(name)
        return out

    def _intern(self, text: str) -> int:
        return self._strings.setdefault(text, len(self._strings))

    def _view(self, result: DocResult, output: str | None) -> DocView:
        doc, s = result.document, result.stats
        joins = {(e.start, e.end): e.text for p in result.paragraphs for e in p.segment.edits}
        rows: list[FindingRow] = []
        line = start = 0
        for f in result.findings:
            to = joins.get((f.start, f.end))
            row = [
                self._intern(f.kind),
                self._intern(f.rule),
                self._intern(f.reason),
                f.line - line,
                f.start - start,
                f.end - f.start,
                int(f.removed),
            ]
            if to is not None:
                row.append(self._intern(to))
            rows.append(row)
            line, start = f.line, f.start
        copied = [f for f in result.findings if f.kind in BARE_KINDS]
        spans = excerpts.windows(
            doc.text,
            [(f.start, f.end) for f in result.findings if f.kind not in BARE_KINDS],
            bare=[(f.start, f.end) for f in copied],
        )
        shown: list[Excerpt] = [(a, doc.text[a:b], html_lang(doc.text[a:b])) for a, b in spans]
        path: str | int = doc.path
        if doc.id and doc.path.endswith(doc.id) and len(doc.path) > len(doc.id):
            path = self._intern(doc.path[: -len(doc.id)])
            if len(doc.path) - len(doc.id) >= MIN_FOLDER:
                self._folders[path] += 1
        self._input_bytes += len(doc.text.encode("utf-8"))
        self._doc_bytes += (
            ROW_BYTES["doc"]
            + len(doc.id.encode("utf-8"))
            + (len(doc.path.encode("utf-8")) if isinstance(path, str) else 4)
            + len(output.encode("utf-8") if output else b"")
            + ROW_BYTES["finding"] * len(rows)
            + sum(ROW_BYTES["excerpt"] + len(text.encode("utf-8")) for _, text, _ in shown)
        )
        return (
            doc.id,
            path,
            output,
            result.duplicate_of,
            [getattr(s, name) for name in STAT_FIELDS],
            rows,
            shown,
        )


def generated_at(environ: Mapping[str, str]) -> str | None:
    """The build time from SOURCE_DATE_EPOCH (reproducible builds), else None: no timestamp.

    >>> generated_at({"SOURCE_DATE_EPOCH": "1700000000"}), generated_at({})
    ('2023-11-14 22:13 UTC', None)
    """
    raw = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw.isdigit():
        return None
    stamp = datetime.datetime.fromtimestamp(int(raw), tz=datetime.UTC)
    return stamp.strftime("%Y-%m-%d %H:%M UTC")


@cache
def _assets() -> tuple[jinja2.Template, str, str]:
    """The template, stylesheet and script shipped in dedupe/report/assets/."""
    folder = resources.files("dedupe.report") / "assets"
    css = (folder / "report.css").read_text(encoding="utf-8")
    js = (folder / "report.js").read_text(encoding="utf-8")
    for name, body in (("report.css", css), ("report.js", js)):
        if "</" in body:  # would end the inline element early
            raise ValueError(f"dedupe/report/assets/{name} must not contain '</'")
    env = jinja2.Environment(autoescape=True, keep_trailing_newline=True)
    # Chinese stays UTF-8 (a third of the bytes of \\u escapes); keys keep their order.
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "separators": (",", ":")}
    template = env.from_string((folder / "report.html.j2").read_text(encoding="utf-8"))
    return template, css, js


def csp_hash(body: str) -> str:
    """The CSP source that allows exactly this inline element body.

    >>> csp_hash("")
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    """
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def page(data: ReportData) -> str:
    """The report page: one self-contained HTML file."""
    template, css, js = _assets()
    csp = (
        f"default-src 'none'; style-src {csp_hash(css)}; script-src {csp_hash(js)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    return template.render(data=data, css=css, js=js, csp=csp)
