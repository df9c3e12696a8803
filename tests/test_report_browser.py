"""The HTML report in a real browser: Debian's chromium, driven by Playwright for Python.

Skipped with the reason when chromium or playwright is missing, unless DEDUPE_REQUIRE_BROWSER=1
(set by .ci/run, which installs both), where a missing browser is a failure. Screenshots go to
tests/artifacts/ (git-ignored); UPDATE_GOLDEN=1 also refreshes docs/report.png for the README.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from dedupe.cli import main
from tests.hostile import PAYLOADS, write_hostile

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM = os.environ.get("DEDUPE_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
OPEN_SECONDS = 5.0


def _missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed: pip install -e '.[test]'"
    if not Path(CHROMIUM).exists():
        return (
            f"no chromium at {CHROMIUM}: apt-get install chromium fonts-wqy-microhei (.ci/run does)"
        )
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = _missing()
    if reason:
        if os.environ.get("DEDUPE_REQUIRE_BROWSER"):
            pytest.fail(f"DEDUPE_REQUIRE_BROWSER is set but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@dataclass
class Opened:
    """A report open in a page, with everything the page asked for or complained about."""

    page: Any
    url: str
    seconds: float
    requests: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def press(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)

    def texts(self, selector: str) -> list[str]:
        return list(self.page.locator(selector).all_inner_texts())

    def clean(self) -> None:
        """Nothing fetched but the file, no console error, no script error, no dialog."""
        assert self.requests == [self.url]
        assert self.problems == []


def open_report(browser: Any, path: Path, *, dark: bool = False) -> Opened:
    context = browser.new_context(
        viewport={"width": 1400, "height": 1000}, color_scheme="dark" if dark else "light"
    )
    page = context.new_page()
    url = path.resolve().as_uri()
    opened = Opened(page, url, 0.0)
    page.on("request", lambda request: opened.requests.append(request.url))
    page.on(
        "console",
        lambda m: (
            opened.problems.append(f"console {m.type}: {m.text}")
            if m.type in ("error", "warning")
            else None
        ),
    )
    page.on("pageerror", lambda error: opened.problems.append(f"page error: {error}"))
    page.on("dialog", lambda dialog: (opened.problems.append("dialog"), dialog.dismiss()))
    started = time.perf_counter()
    page.goto(url)
    page.wait_for_selector("body[data-ready]", timeout=30_000)
    opened.seconds = time.perf_counter() - started
    return opened


def wait_until(page: Any, expression: str, seconds: float = 5.0) -> None:
    """Poll an expression from outside the page (page.wait_for_function would need 'unsafe-eval',
    which the report's CSP rightly forbids)."""
    deadline = time.perf_counter() + seconds
    while not page.evaluate(expression):
        assert time.perf_counter() < deadline, f"timed out waiting for {expression}"
        time.sleep(0.05)


def shot(opened: Opened, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    opened.page.screenshot(path=str(path))
    return path


def run_cli(*args: str) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    assert not exit_info.value.code


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The samples' report (made from the repository root, as a person would) and its JSON."""
    folder = tmp_path_factory.mktemp("samples")
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        run_cli(
            "clean", "samples", "-o", str(folder / "out"), "-q",
            "--html", str(folder / "report.html"), "--json", str(folder / "report.json"),
        )  # fmt: skip
    finally:
        os.chdir(cwd)
    return folder / "report.html", json.loads((folder / "report.json").read_text("utf-8"))


def findings_in(report: dict[str, Any]) -> int:
    return sum(len(doc["findings"]) for doc in report["documents"])


def test_samples_report_shows_the_four_clusters_and_their_swaps(
    browser: Any, samples: tuple[Path, dict[str, Any]]
) -> None:
    path, report = samples
    opened = open_report(browser, path)
    page = opened.page
    assert page.locator(".card .num").first.inner_text() == "5"
    assert len(page.locator("tr.doc-row").all()) == 5
    shot(opened, "samples_overview.png")
    opened.press("2")
    assert page.locator("section.cluster").count() == 4
    assert opened.texts("section.cluster > h2 >> nth=0")[0].startswith("c1")
    members = sum(len(c["members"]) for c in report["clusters"])
    assert page.locator("article.member").count() == members == 7
    assert page.locator("article.member .side.original").count() == members
    assert page.locator("article.member .side.copy").count() == members
    swaps = opened.texts(".swaps .swap")
    assert "四川省 -> 贵州省" in swaps and "山西省 -> 福建省" in swaps
    # The changed characters themselves are marked as the swap they belong to.
    marked = page.locator(".side.copy .chg.swap").first
    assert marked.inner_text() == "贵州"
    assert marked.get_attribute("title").startswith("swap: 四川省 -> 贵州省")
    assert page.locator(".side.original .chg.swap").first.inner_text() == "四川"
    notes = opened.texts(".mismatch-note")
    assert len(notes) == 4
    assert "about 贵州省" in notes[0] and "四川、成都、南充" in notes[0]
    # Partial copies say which sentence came from where, and what was removed.
    assert page.locator("table.sentences tr").count() > members
    assert "removed" in page.locator(".badge.removed, .badge.kept").first.inner_text()
    assert page.locator('.side .text[lang="zh-CN"]').count() == 2 * members
    shot(opened, "samples_clusters.png")
    if os.environ.get("UPDATE_GOLDEN"):
        page.set_viewport_size({"width": 1280, "height": 860})
        page.screenshot(path=str(ROOT / "docs" / "report.png"))
    opened.clean()


def test_document_view_shows_changes_in_place(
    browser: Any, samples: tuple[Path, dict[str, Any]]
) -> None:
    path, _ = samples
    opened = open_report(browser, path)
    page = opened.page
    page.locator("tr.doc-row", has_text="002_").click()
    assert page.locator(".doc-head h2").inner_text() == "002_99521795a0139025.txt"
    before = " ".join(opened.texts(".excerpt .side:not(.copy)"))
    after = " ".join(opened.texts(".excerpt .side.copy"))
    assert page.locator(".excerpt .join-mark").count() == 11
    assert page.locator(".excerpt .del").count() >= 17  # 1 chrome line and 16 copied sentences
    # A wrap joined: the two halves stand apart before and together after.
    assert "国别广⏎\n\n度创历史新高" in before and "国别广度创历史新高" in after
    copied = "全年参与外事活动55场，新签合作协议32个"  # line 95 copies line 87
    struck = opened.texts(".excerpt .side:not(.copy) .del")
    assert any(t.startswith(copied) for t in struck)
    assert after.count(copied) == before.count(copied) - 1
    shot(opened, "samples_document.png")
    opened.clean()


def test_keyboard_navigation(browser: Any, samples: tuple[Path, dict[str, Any]]) -> None:
    path, report = samples
    total = findings_in(report)
    opened = open_report(browser, path)
    page = opened.page

    def current() -> str | None:
        return page.locator(".item.current").get_attribute("data-finding")

    opened.press("3")
    assert current() == "0"
    opened.press("j", "j")
    assert current() == "2"
    opened.press("k")
    assert current() == "1"
    assert f"finding 2 of {total}" in page.locator("#status").inner_text()
    opened.press("/")
    assert page.evaluate("document.activeElement.id") == "f-q"
    opened.press("j")  # typed into the search box, not a navigation key
    wait_until(page, f"document.querySelectorAll('article.finding').length < {total}")
    opened.press("Escape")
    assert page.evaluate("document.activeElement.id") != "f-q"
    page.click("#f-clear")
    opened.press("Escape")  # leaves the button, so keys go to the report again
    wait_until(page, f"document.querySelectorAll('article.finding').length === {total}")
    opened.press("?")
    assert page.locator("#help").is_visible()
    opened.press("?")
    assert not page.locator("#help").is_visible()
    opened.press("Enter")  # the current finding, in its document
    assert page.locator("#tabs button[aria-current=page]").inner_text() == "Document"
    assert page.locator(".excerpt.current").count() == 1
    opened.press("3", "c")  # no cluster for a chrome line: nothing happens
    assert page.locator("#tabs button[aria-current=page]").inner_text() == "Findings"
    opened.clean()


def test_filters_by_kind_document_similarity_and_search(
    browser: Any, samples: tuple[Path, dict[str, Any]]
) -> None:
    path, report = samples
    total = findings_in(report)
    opened = open_report(browser, path)
    page = opened.page
    opened.press("3")
    rows = page.locator("article.finding")
    assert rows.count() == total
    page.select_option("#f-kind", "copy")
    wait_until(page, "document.querySelectorAll('article.finding').length === 16")
    assert set(
        page.eval_on_selector_all("article.finding", "ns => ns.map(n => n.dataset.kind)")
    ) == {"copy"}
    page.click("#f-clear")
    page.locator("#f-doc").fill("004_")
    wait_until(page, "document.querySelectorAll('article.finding').length === 9")
    assert all("\n004_" in t for t in opened.texts("article.finding .where"))
    page.click("#f-clear")
    page.eval_on_selector(
        "#f-sim", "n => { n.value = '0.95'; n.dispatchEvent(new Event('input', {bubbles: true})) }"
    )
    copies = [
        f for d in report["documents"] for f in d["findings"] if f["kind"] in ("copy", "template")
    ]
    wait_until(page, f"document.querySelectorAll('article.finding').length < {total}")
    shown = page.locator("article.finding").count()
    assert 0 < shown <= len(copies)
    assert all(
        float(t.rsplit("similarity ", 1)[1].split()[0]) >= 0.95
        for t in opened.texts("article.finding .reason")
    )
    opened.press("2")
    sims = [m["similarity"] for c in report["clusters"] for m in c["members"]]
    assert page.locator("article.member").count() == sum(s >= 0.95 for s in sims)
    page.click("#f-clear")
    opened.press("3")
    page.locator("#f-q").fill("四川省")
    wait_until(page, f"document.querySelectorAll('article.finding').length < {total}")
    assert [t for t in opened.texts("article.finding") if "四川省" not in t] == []
    page.click("#f-clear")
    opened.press("1")
    page.click("th button[data-sort=findings]")
    assert page.locator("tr.doc-row td.doc").first.inner_text().startswith("002_")
    page.click("th button[data-sort=findings]")
    assert page.locator("tr.doc-row td.doc").first.inner_text().startswith("000_")
    opened.clean()


def test_hostile_documents_render_as_text_and_run_nothing(browser: Any, tmp_path: Path) -> None:
    write_hostile(tmp_path / "in")
    run_cli("scan", str(tmp_path / "in"), "--html", str(tmp_path / "x.html"), "--format", "json")
    opened = open_report(browser, tmp_path / "x.html")
    page = opened.page
    seen = []
    for keys in (("1",), ("2",), ("3",), ("1", "Enter"), ("1", "j", "Enter")):
        opened.press(*keys)
        seen.append(page.locator("#view").inner_text())
        assert page.evaluate("typeof window.__xss") == "undefined"
        made = "#view :is(img, iframe, svg, a, script, style, link, object, embed)"
        assert page.locator(made).count() == 0
    text = "\n".join(seen)
    for payload in PAYLOADS[:9]:
        assert payload in text
    assert "a<img src=x onerror=alert(1)>.txt" in text and "<svg onload=alert(1)>/b.txt" in text
    assert page.title() == "dedupe review report"
    shot(opened, "hostile.png")
    opened.clean()


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A few-MB run with over 10,000 findings: page chrome between paragraphs of 300 articles."""
    folder = tmp_path_factory.mktemp("large")
    body = {
        "en": "The council met on Tuesday to discuss the new budget for roads and parks, item {}.",
        "zh": "市政府周二召开会议，讨论了道路和公园的新预算安排，这是第{}项议题。",
    }
    for i in range(300):
        lang = "zh" if i % 2 else "en"
        lines = [f"Report number {i} on the budget"]
        for j in range(40):
            lines += [
                body[lang].format(j),
                "Advertisement" if j % 2 else "分享到：微信 微博 QQ空间",
            ]
        (folder / "in").mkdir(exist_ok=True)
        (folder / "in" / f"doc{i:04d}.txt").write_text("\n\n".join(lines) + "\n", "utf-8")
    lines = ["One long report on the budget"]
    for j in range(200):  # lines long enough to keep each ad its own excerpt
        lines += [" ".join([body["en"].format(j)] * 4), "Advertisement"]
    (folder / "in" / "long.txt").write_text("\n\n".join(lines) + "\n", "utf-8")
    run_cli(
        "scan",
        str(folder / "in"),
        "--no-copies",
        "--format",
        "json",
        "--html",
        str(folder / "r.html"),
    )
    return folder / "r.html"


def test_a_report_over_10000_findings_opens_fast_and_pages(browser: Any, large: Path) -> None:
    opened = open_report(browser, large)
    page = opened.page
    total = sum(json.loads(page.locator("#report-data").text_content())["kinds"].values())
    assert total > 10_000
    assert opened.seconds < OPEN_SECONDS, f"opened in {opened.seconds:.2f} s"
    opened.press("3")
    assert page.locator("article.finding").count() == 100  # one page at a time, never all
    assert page.locator(".pager .page-of").first.inner_text() == f"page 1 of {-(-total // 100)}"
    opened.press(*["j"] * 100)  # past the last finding of the page: the next page
    assert page.locator(".pager .page-of").first.inner_text().startswith("page 2 of")
    assert page.locator(".item.current").get_attribute("data-finding") == "100"
    opened.press("k")
    assert page.locator(".item.current").get_attribute("data-finding") == "99"
    shot(opened, "large.png")
    started = time.perf_counter()
    page.locator("#f-q").fill("report number 7 on")
    wait_until(page, "document.querySelectorAll('article.finding').length === 1")
    assert time.perf_counter() - started < 2.0
    (ARTIFACTS / "large_open_seconds.txt").write_text(f"{opened.seconds:.3f}\n")
    opened.clean()


def test_dark_scheme(browser: Any, samples: tuple[Path, dict[str, Any]]) -> None:
    path, _ = samples
    opened = open_report(browser, path, dark=True)
    background = opened.page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    assert background == "rgb(21, 24, 28)"
    opened.press("2")
    shot(opened, "samples_clusters_dark.png")
    opened.clean()


def test_cjk_text_uses_a_cjk_font(browser: Any, samples: tuple[Path, dict[str, Any]]) -> None:
    if not shutil.which("fc-list"):
        pytest.skip("fontconfig is not installed")
    installed = subprocess.run(
        ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False
    ).stdout
    assert installed.strip(), "no CJK font: apt-get install fonts-wqy-microhei (.ci/run does)"
    path, _ = samples
    opened = open_report(browser, path)
    opened.press("2")
    family = opened.page.evaluate(
        "getComputedStyle(document.querySelector('.side .text[lang=zh-CN]')).fontFamily"
    )
    assert "WenQuanYi Micro Hei" in family
    opened.clean()


def test_a_document_with_many_findings_pages_too(browser: Any, large: Path) -> None:
    opened = open_report(browser, large)
    page = opened.page
    page.locator("#f-doc").fill("long.txt")
    opened.press("Escape", "3")
    wait_until(page, "document.querySelector('.pager').textContent.endsWith('201 findings')")
    opened.press("n", "j")  # the second page: findings 101 and 102 of long.txt
    opened.press("Enter")
    assert page.locator(".doc-head h2").inner_text() == "long.txt"
    assert page.locator("section.excerpt").count() == 40  # one page of excerpts, never all
    assert page.locator(".pager .page-of").first.inner_text() == "page 3 of 6"
    assert "line 405 " in page.locator(".excerpt.current").inner_text()
    opened.press(*["j"] * 40)
    assert page.locator(".pager .page-of").first.inner_text() == "page 4 of 6"
    opened.clean()


def test_copies_past_the_detail_budget_render_as_summary_rows(
    browser: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from dedupe.report import html as report_html

    monkeypatch.setattr(report_html, "DETAIL_FLOOR", 1500)
    monkeypatch.setattr(report_html, "DETAIL_SHARE", 0.0)
    monkeypatch.chdir(ROOT)
    run_cli("scan", "samples", "--format", "json", "--html", str(tmp_path / "r.html"))
    opened = open_report(browser, tmp_path / "r.html")
    opened.press("2")
    page = opened.page
    assert page.locator("article.member").count() == 7
    assert page.locator("article.member .sbs").count() == 1
    assert page.locator("article.member.summary").count() == 6
    note = page.locator(".callout.left-out").inner_text()
    assert note.startswith("6 of 7 copies are shown as summary rows") and "JSON report" in note
    # A summary row still says where, what kind, how similar, whether removed, and its swaps.
    summary = page.locator("article.member.summary", has_text="002_99521795a0139025.txt:113")
    assert "similarity 0.83" in summary.inner_text() and "山西省 -> 福建省" in summary.inner_text()
    assert "kept, copied sentences removed" in summary.inner_text()
    opened.press(*["j"] * 6)
    assert page.locator("article.member.current.summary").count() == 1
    # Copied sentences in summarised copies still lead to their cluster.
    opened.press("3")
    page.select_option("#f-kind", "copy")
    wait_until(page, "document.querySelectorAll('article.finding').length === 16")
    assert page.locator("article.finding button", has_text="cluster c").count() == 16
    opened.clean()
