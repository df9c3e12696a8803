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

import pytest

from dedupe.cli import main
from dedupe.report import excerpts
from dedupe.report import html as report_html
from dedupe.report import html_clusters as report_html_clusters
from dedupe.report.html_clusters import SENTENCE_FIELDS
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
    views = embedded((tmp_path / "r.html").read_text(encoding="utf-8"))["clusters"]
    assert [c["id"] for c in views] == ["c1", "c2", "c3", "c4"]  # type: ignore[attr-defined]
    checked = 0
    for cluster, view in zip(clusters, views, strict=True):  # type: ignore[call-overload]
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
    [c1] = [v for v in views if v["id"] == "c1"]  # type: ignore[attr-defined]
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
    docs = embedded((tmp_path / "r.html").read_text(encoding="utf-8"))["docs"]
    assert [d["output"] for d in docs] == [  # type: ignore[attr-defined]
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


def test_cluster_texts_keep_to_a_budget(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A run of copies would embed its text twice: past the budget members lose their texts (but
    keep figures, swaps and sentences), and past MAX_CHANGES only swaps are marked."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(report_html_clusters, "TEXT_FLOOR", 1000)
    monkeypatch.setattr(report_html_clusters, "TEXT_SHARE", 0.0)
    monkeypatch.setattr(report_html_clusters, "MAX_CHANGES", 3)
    cli(capsys, "scan", "samples", "--html", str(tmp_path / "r.html"))
    views = embedded((tmp_path / "r.html").read_text(encoding="utf-8"))["clusters"]
    members = [m for c in views for m in c["members"]]  # type: ignore[attr-defined]
    kept = sum(len(c["original"]["text"]) for c in views if c["original"]["text"])  # type: ignore[attr-defined]
    kept += sum(len(m["at"]["text"]) for m in members)
    assert kept <= 1000
    assert [m["elided"] for m in members][:2] == [False, False] and members[-1]["elided"]
    assert all(m["at"]["text"] == "" and m["changes"] == [] for m in members if m["elided"])
    assert all(m["sentences"] for m in members if m["elided"])
    [fujian] = [m for m in members if m["at"]["line"] == 113]
    assert fujian["unmarked"] == 3 and all(c[4] >= 0 for c in fujian["changes"])
