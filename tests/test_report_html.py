"""The HTML report without a browser: golden bytes, determinism, CSP, escaping, offsets.

The browser tests (rendering, keyboard, filters, no script run) are in test_report_browser.py.
"""

from __future__ import annotations

import base64
import doctest
import hashlib
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from dedupe.cli import main
from dedupe.report import excerpts
from dedupe.report import html as report_html
from dedupe.report import html_clusters as report_html_clusters
from dedupe.report.html_clusters import (
    CLUSTER_FIELDS,
    DETAIL_FIELDS,
    MEMBER_FIELDS,
    PLACE_FIELDS,
    SENTENCE_FIELDS,
    SUMMARY_FIELDS,
)
from tests.hostile import PAYLOADS, write_hostile

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden" / "samples_report.html"


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


class Page(HTMLParser):
    """The page's tags, attributes, and the bodies of its style and script elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.bodies: dict[str, list[str]] = {"style": [], "script": []}
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        if tag in self.bodies:
            self._open = tag
            self.bodies[tag].append("")

    def handle_endtag(self, tag: str) -> None:
        self._open = None

    def handle_data(self, data: str) -> None:
        if self._open:
            self.bodies[self._open][-1] += data


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    return parser


def embedded(page: str) -> dict[str, object]:
    """The report data, read back the way the page's script reads it."""
    found = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page)
    assert found is not None
    data: dict[str, object] = json.loads(found.group(1))
    return data


def cluster_objects(data: dict[str, object]) -> list[dict[str, object]]:
    """The embedded cluster rows as objects, the way the page's script reads them."""

    def place(row: list[object]) -> dict[str, object]:
        assert len(row) in (5, len(PLACE_FIELDS))  # text and lang left off, or given
        return {"text": "", "lang": "", **dict(zip(PLACE_FIELDS, row, strict=False))}

    def member(row: list[object]) -> dict[str, object]:
        assert len(row) in (len(SUMMARY_FIELDS), len(MEMBER_FIELDS))
        out = dict(zip(MEMBER_FIELDS, row, strict=False))
        out["at"] = place(row[0])  # type: ignore[arg-type]
        out["summary"] = len(row) == len(SUMMARY_FIELDS)
        return out

    clusters = []
    for row in data["clusters"]:  # type: ignore[attr-defined]
        cluster = dict(zip(CLUSTER_FIELDS, row, strict=True))
        cluster["original"] = place(cluster["original"])  # type: ignore[arg-type]
        cluster["members"] = [member(m) for m in cluster["members"]]  # type: ignore[attr-defined]
        clusters.append(cluster)
    return clusters


def doc_objects(data: dict[str, object]) -> list[dict[str, Any]]:
    """The embedded document rows as objects, with their findings' offsets made absolute."""
    strings = [
        x if isinstance(x, str) else x[0] + data["strings"][x[1]] + x[2]  # type: ignore[index]
        for x in data["strings"]  # type: ignore[attr-defined]
    ]
    out = []
    for row in data["docs"]:  # type: ignore[attr-defined]
        doc = dict(zip(report_html.DOC_FIELDS, row, strict=True))
        if isinstance(doc["path"], int):
            doc["path"] = strings[doc["path"]] + doc["id"]
        line = start = 0
        findings = []
        for r in doc["findings"]:
            line, start = line + r[3], start + r[4]
            to = strings[r[7]] if len(r) > 7 else None
            kind, rule, reason = (strings[k] for k in r[:3])
            findings.append((kind, rule, reason, line, start, start + r[5], bool(r[6]), to))
        doc["findings"] = findings
        out.append(doc)
    return out


@pytest.fixture
def samples_html(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> str:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    code, _, err = cli(capsys, "scan", "samples", "--html", str(tmp_path / "r.html"))
    assert code == 0, err
    return (tmp_path / "r.html").read_text(encoding="utf-8")


def test_doctests() -> None:
    for module in (report_html, report_html_clusters, excerpts):
        assert doctest.testmod(module).failed == 0


def test_samples_report_matches_golden_file_and_is_deterministic(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, samples_html: str
) -> None:
    code, _, _ = cli(capsys, "scan", "samples", "--format", "json", "--html", str(tmp_path / "2"))
    assert code == 0
    assert (tmp_path / "2").read_text(encoding="utf-8") == samples_html
    if os.environ.get("UPDATE_GOLDEN"):  # regenerate, then review the diff before committing
        GOLDEN.write_text(samples_html, encoding="utf-8")
    assert samples_html == GOLDEN.read_text(encoding="utf-8")


def test_timestamp_only_with_source_date_epoch(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    samples_html: str,
) -> None:
    assert "UTC" not in embedded(samples_html)["tool"]  # type: ignore[operator]
    assert embedded(samples_html)["generated"] is None
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    cli(capsys, "scan", "samples", "--html", str(tmp_path / "t.html"))
    page = (tmp_path / "t.html").read_text(encoding="utf-8")
    assert embedded(page)["generated"] == "2026-01-01 00:00 UTC"


def test_csp_allows_exactly_the_inline_style_and_script(samples_html: str) -> None:
    page = parse(samples_html)
    [style] = page.bodies["style"]
    data, script = page.bodies["script"]
    csp = next(
        dict(attrs)["content"]
        for tag, attrs in page.tags
        if tag == "meta" and dict(attrs).get("http-equiv") == "Content-Security-Policy"
    )
    assert csp is not None

    def digest(body: str) -> str:
        return base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()

    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["style-src"] == f"'sha256-{digest(style)}'"
    assert directives["script-src"] == f"'sha256-{digest(script)}'"
    assert directives["img-src"] == "data:"
    assert json.loads(data)["summary"]["documents"] == 5


def test_page_loads_nothing_from_outside(samples_html: str) -> None:
    for tag, attrs in parse(samples_html).tags:
        for name, value in attrs:
            if name in {"src", "href", "action", "srcset", "poster"}:
                assert (tag, name, value) == ("link", "href", "data:,")
    assert "http://" not in samples_html and "https://" not in samples_html


def test_hostile_text_is_data_never_markup(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, samples_html: str
) -> None:
    write_hostile(tmp_path / "in")
    code, _, err = cli(capsys, "scan", str(tmp_path / "in"), "--html", str(tmp_path / "x.html"))
    assert code == 0, err
    page = (tmp_path / "x.html").read_text(encoding="utf-8")
    # The same tags as any other report: nothing from a document became an element.
    assert [tag for tag, _ in parse(page).tags] == [tag for tag, _ in parse(samples_html).tags]
    for payload in PAYLOADS:
        if "<" in payload:
            assert payload not in page
    # ...and the data still holds every payload intact, for the script to show as text.
    data = json.dumps(embedded(page), ensure_ascii=False)
    for payload in PAYLOADS:
        assert json.dumps(payload, ensure_ascii=False)[1:-1] in data
    assert "a<img src=x onerror=alert(1)>.txt" in data


def test_cluster_offsets_point_into_the_paragraph_texts(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Places carry document offsets but texts with joins applied: the report maps one to the
    other, so every sentence and change lands on the right characters."""
    monkeypatch.chdir(ROOT)
    cli(capsys, "scan", "samples", "--html", str(tmp_path / "r.html"))
    code, out, _ = cli(capsys, "scan", "samples", "--format", "json")
    assert code == 0
    clusters = json.loads(out)["clusters"]
    data = embedded((tmp_path / "r.html").read_text(encoding="utf-8"))
    views: list[Any] = cluster_objects(data)
    assert [c["id"] for c in views] == ["c1", "c2", "c3", "c4"]
    assert data["summarized"] == 0  # a small run keeps every detail
    checked = 0
    for cluster, view in zip(clusters, views, strict=True):
        for member, shown in zip(cluster["members"], view["members"], strict=True):
            for sentence, row in zip(member["sentences"], shown["sentences"], strict=True):
                part = dict(zip(SENTENCE_FIELDS, row, strict=True))
                own = shown["at"]["text"][part["start"] : part["end"]]
                assert own == sentence["sentence"]["text"]
                assert (part["doc_start"], part["doc_end"]) == (
                    sentence["sentence"]["start"],
                    sentence["sentence"]["end"],
                )
                source = (
                    part["source_text"]
                    or view["original"]["text"][part["source_start"] : part["source_end"]]
                )
                assert source == sentence["source"]["text"]
                checked += 1
    assert checked > 10
    [c1] = [v for v in views if v["id"] == "c1"]
    [change] = c1["members"][0]["changes"]
    a, b = c1["original"]["text"], c1["members"][0]["at"]["text"]
    assert (a[change[0] : change[1]], b[change[2] : change[3]], change[4]) == ("四川", "贵州", 0)
    assert c1["members"][0]["swaps"] == ["四川省 -> 贵州省"]


def test_clean_writes_the_report_beside_its_outputs(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "out"
    code, _, err = cli(
        capsys, "clean", "samples", "-o", str(out), "--html", str(tmp_path / "r.html"), "-q"
    )
    assert code == 0, err
    docs = doc_objects(embedded((tmp_path / "r.html").read_text(encoding="utf-8")))
    assert [d["output"] for d in docs] == [
        str(out / p.name) for p in sorted((ROOT / "samples").glob("*.txt"))
    ]


def test_report_may_not_overwrite_an_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    target = "samples/000_618aefba6147e86f.txt"
    before = (ROOT / target).read_bytes()
    code, _, err = cli(capsys, "scan", "samples", "--html", target)
    assert code == 2 and "would overwrite input" in err
    assert (ROOT / target).read_bytes() == before


def test_assets_may_not_end_their_inline_element() -> None:
    folder = Path(report_html.__file__).parent / "assets"
    for name in ("report.css", "report.js"):
        assert "</" not in (folder / name).read_text(encoding="utf-8")


def test_copy_details_keep_to_a_budget(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A run of copies would embed its text twice and a row per sentence and change: past the
    budget members are summary rows (where, kind, figures, removed, swaps, mismatch), served in
    order of what most needs a side-by-side view: mismatches and templates before exact copies."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(report_html, "DETAIL_FLOOR", 1500)
    monkeypatch.setattr(report_html, "DETAIL_SHARE", 0.0)
    cli(capsys, "scan", "samples", "--html", str(tmp_path / "r.html"))
    data = embedded((tmp_path / "r.html").read_text(encoding="utf-8"))
    views: list[Any] = cluster_objects(data)
    members = [m for c in views for m in c["members"]]
    detailed = [m for m in members if not m["summary"]]
    assert 0 < len(detailed) < len(members) == 7
    assert data["summarized"] == len(members) - len(detailed)

    def size(value: object) -> int:
        return len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode())

    spent = sum(size(c["original"]["text"]) for c in views if c["original"]["text"])
    spent += sum(size(m["at"]["text"]) + size([m[f] for f in DETAIL_FIELDS]) for m in detailed)
    assert spent <= 1500
    assert all(m["at"]["text"] == "" and m["at"]["lang"] == "" for m in members if m["summary"])
    assert all(
        c["original"]["text"] == "" for c in views if all(m["summary"] for m in c["members"])
    )
    # The summary keeps what a reviewer scans for: where, kind, figures, removed, swaps.
    assert all(m["kind"] and m["similarity"] > 0 and m["at"]["line"] > 0 for m in members)
    assert {sw for m in members for sw in m["swaps"]} >= {"四川省 -> 贵州省", "山西省 -> 福建省"}
    # A subject mismatch is served first: the template of cluster c1 (the others do not fit).
    assert [(m["at"]["line"], m["kind"], bool(m["mismatch"])) for m in detailed] == [
        (93, "template", True)
    ]


def test_max_changes_marks_only_the_swaps(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(report_html_clusters, "MAX_CHANGES", 3)
    cli(capsys, "scan", "samples", "--html", str(tmp_path / "r.html"))
    views = cluster_objects(embedded((tmp_path / "r.html").read_text(encoding="utf-8")))
    [fujian] = [m for c in views for m in c["members"] if m["at"]["line"] == 113]  # type: ignore[attr-defined]
    # 7 changes, 2 of them its swaps (山西省 -> 福建省, 山西 -> 福建): only those are shown
    assert fujian["unmarked"] == 5 and all(c[4] >= 0 for c in fujian["changes"])  # type: ignore[attr-defined]
    assert len(fujian["changes"]) == 2  # type: ignore[attr-defined]


def test_cluster_data_does_not_grow_with_the_number_of_copies() -> None:
    """Thousands of copies with a small budget: details stay within it, and every other member
    costs one summary row of fixed fields."""
    text = "四川省贸促会坚持内外协同，利用多双边机制打造合作新优势。" * 4

    def place(doc: str, line: int) -> dict[str, object]:
        return {"doc": doc, "path": doc, "line": line, "start": 0, "end": len(text), "text": text}

    sentence = {
        "sentence": place("b", 1), "source": place("a", 1), "kind": "exact",
        "similarity": 1.0, "removed": True, "swaps": [],
    }  # fmt: skip
    member = {
        "paragraph": place("b", 1), "kind": "exact", "similarity": 1.0, "containment": 1.0,
        "removed": True, "swaps": [], "changes": [[0, 1, 0, 1]], "sentences": [sentence] * 4,
        "subject_mismatch": None,
    }  # fmt: skip
    cluster = {"id": "c1", "kind": "exact", "original": place("a", 1), "why": "first"}
    docs = report_html_clusters.Documents({"a": 0, "b": 1}, [[], []])
    sizes = []
    for count in (10, 100, 1000):
        clusters: Any = [{**cluster, "members": [member] * 10} for _ in range(count // 10)]
        views, summarized = report_html_clusters.cluster_views(
            clusters, docs, budget=20_000, intern=lambda _: 0
        )
        detail = sum(
            len(json.dumps(m[len(SUMMARY_FIELDS) :], ensure_ascii=False).encode())
            for c in views
            for m in c[4]
        )
        assert detail <= 20_000
        assert summarized == count - sum(len(m) == len(MEMBER_FIELDS) for c in views for m in c[4])
        sizes.append(len(json.dumps(views, ensure_ascii=False, separators=(",", ":")).encode()))
    per_member = (sizes[2] - sizes[1]) / 900
    assert per_member < 100  # a summary row, not a paragraph of text and its sentence rows


def test_embedded_data_is_compact(samples_html: str) -> None:
    """No indentation or spaces between tokens, and repeated rows are arrays, not objects."""
    found = re.search(r'id="report-data">(.*?)</script>', samples_html)
    assert found is not None
    raw = found.group(1)
    assert "\n  " not in raw and '": ' not in raw and '", "' not in raw
    data = json.loads(raw)
    assert all(isinstance(c, list) for c in data["clusters"])
    assert all(isinstance(m, list) for c in data["clusters"] for m in c[4])
    assert all(isinstance(d, list) for d in data["docs"])


def test_document_rows_decode_to_the_json_report(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Finding rows carry differences and document paths an interned prefix: read back, they
    give the JSON report's findings and paths exactly."""
    monkeypatch.chdir(ROOT)
    code, out, _ = cli(capsys, "scan", "samples", "--format", "json", "--html", str(tmp_path / "r"))
    assert code == 0
    report = json.loads(out)
    docs = doc_objects(embedded((tmp_path / "r").read_text(encoding="utf-8")))
    assert [(d["id"], d["path"]) for d in docs] == [
        (d["id"], d["path"]) for d in report["documents"]
    ]
    for doc, want in zip(docs, report["documents"], strict=True):
        got = [f[:7] for f in doc["findings"]]
        assert got == [
            (f["kind"], f["rule"], f["reason"], f["line"], f["start"], f["end"], f["removed"])
            for f in want["findings"]
        ]
    joins = [f for d in docs for f in d["findings"] if f[0] == "join"]
    assert joins and all(f[7] is not None for f in joins)
    # The documents' folder is written once: reasons that name a file refer to it.
    shortened = [x for x in embedded((tmp_path / "r").read_text("utf-8"))["strings"] if x != str(x)]  # type: ignore[attr-defined]
    assert shortened and all(len(x) == 3 for x in shortened)
