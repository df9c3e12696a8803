"""Acceptance: what samples/expected.json says about joins, boilerplate, keep and truncation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dedupe.model import DocResult, Document
from dedupe.options import Options
from dedupe.pipeline import run

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
EXPECTED = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))


def sample_documents() -> list[Document]:
    return [
        Document(p.name, str(p), p.read_text(encoding="utf-8"))
        for p in sorted(SAMPLES.glob("*.txt"))
    ]


@pytest.fixture(scope="module")
def results() -> dict[str, DocResult]:
    """The foundation stages alone: boilerplate, joins and truncation, before copies are cut."""
    return {r.document.id: r for r in run(sample_documents(), Options(copies=False)).documents}


def paragraphs(result: DocResult) -> list[str]:
    return [p.segment.text for p in result.paragraphs]


def removed(result: DocResult) -> list[str]:
    return [f.text for f in result.findings if f.removed]


@pytest.mark.parametrize("pair", EXPECTED["joins"]["must_join"], ids=lambda p: p[0][-6:])
def test_must_join(results: dict[str, DocResult], pair: list[str]) -> None:
    before, after = pair
    result = results[EXPECTED["joins"]["file"]]
    assert any(before + after in text for text in paragraphs(result)), pair


@pytest.mark.parametrize("pair", EXPECTED["joins"]["must_not_join"], ids=lambda p: p[0][-6:])
def test_must_not_join(results: dict[str, DocResult], pair: list[str]) -> None:
    before, after = pair
    texts = paragraphs(results[EXPECTED["joins"]["file"]])
    assert any(text.endswith(before) for text in texts), f"{before!r} does not end a paragraph"
    assert any(text.startswith(after) for text in texts), f"{after!r} does not start a paragraph"


def test_guizhou_copy_is_joined_like_sichuan(results: dict[str, DocResult]) -> None:
    texts = paragraphs(results[EXPECTED["joins"]["file"]])
    joined = [t for t in texts if "47家企业(境)外机构及百余名外宾齐聚成都" in t]
    assert [t[:2] for t in joined] == ["四川", "贵州"]


@pytest.mark.parametrize("item", EXPECTED["truncated"], ids=lambda t: t["file"][:3])
def test_truncated_is_flagged_and_kept(results: dict[str, DocResult], item: dict[str, str]) -> None:
    result = results[item["file"]]
    flagged = [f.text for f in result.findings if f.kind == "truncated"]
    if "paragraph" in item:
        hits = [t for t in flagged if t.startswith(item["paragraph"])]
    else:
        hits = [t for t in flagged if t.endswith(item["paragraph_ends"])]
    assert hits
    assert all(hit in result.cleaned for hit in hits)


def test_no_other_truncation_in_002(results: dict[str, DocResult]) -> None:
    flagged = [f for f in results["002_99521795a0139025.txt"].findings if f.kind == "truncated"]
    assert len(flagged) == len(EXPECTED["truncated"])


HEADLINE_001 = "China unveils key measures for high-quality foreign trade growth in 2026"
UN_HEADLINE = "UN discourages any efforts to retreat from climate commitments: spokesman"


def test_001_chrome_and_related_widget(results: dict[str, DocResult]) -> None:
    result = results["001_f7038c5fbcec46f4.txt"]
    gone = removed(result)
    assert "Skip to Content Facebook Feature Image" in gone
    assert gone.count("China") == 3
    assert gone.count(HEADLINE_001) == 3
    assert gone.count(UN_HEADLINE) == 2
    assert "Recommended Articles" in gone
    assert "United Nations" not in result.cleaned  # the other story in the widget
    assert "Paris Agreement" not in result.cleaned
    assert result.cleaned.startswith(
        HEADLINE_001 + "\n\n2026-01-26 17:14 Last Updated At:23:37\n\n"
    )
    assert result.cleaned.rstrip().endswith('consumption and industrial upgrading."') or (
        "Digital trade will also be a major focus in 2026." in result.cleaned
    )


def test_001_body_survives(results: dict[str, DocResult]) -> None:
    result = results["001_f7038c5fbcec46f4.txt"]
    text = Path(SAMPLES / "001_f7038c5fbcec46f4.txt").read_text(encoding="utf-8")
    body = text[text.index("China's Ministry of Commerce") : text.index(HEADLINE_001, 200)]
    for paragraph in body.split("\n\n"):
        if paragraph.strip() and paragraph.strip() != HEADLINE_001:
            assert paragraph.strip() in result.cleaned


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("002_99521795a0139025.txt", ["链接"]),
        (
            "003_f4342ca4c7821697.txt",
            [
                "(Photo Credit: CFP.CN)",
                "(Photo Credit: zgcsjs.org.cn)",
                "Advertisement Recommendation",
            ],
        ),
        (
            "004_085c24a435fcbd9f.txt",
            [
                "Our Leadership",
                "Zhang Yongming Chairman ...",
                "History and Growth",
                "About the CCPIT Beijing",
            ],
        ),
    ],
)
def test_boilerplate_lines_removed(
    results: dict[str, DocResult], name: str, lines: list[str]
) -> None:
    gone = removed(results[name])
    for line in lines:
        assert line in gone


def test_004_cut_off_teasers_removed(results: dict[str, DocResult]) -> None:
    gone = removed(results["004_085c24a435fcbd9f.txt"])
    assert any(
        g.startswith("Promoting international trade") and g.endswith("prom...") for g in gone
    )
    assert any(
        g.startswith("CCPIT Beijing, a foreign") and g.endswith("representat...") for g in gone
    )


@pytest.mark.parametrize(
    ("name", "line", "role"),
    [
        ("001_f7038c5fbcec46f4.txt", HEADLINE_001, "headline"),
        ("001_f7038c5fbcec46f4.txt", "2026-01-26 17:14 Last Updated At:23:37", "dateline"),
        ("002_99521795a0139025.txt", "宏伟蓝图催奋进 砥砺前行续华章", "headline"),
        ("002_99521795a0139025.txt", "■ 本报记者 张凡", "byline"),
        ("002_99521795a0139025.txt", "协同发展 向新而行", "headline"),
        ("002_99521795a0139025.txt", "■ 傅志辰", "byline"),
        ("003_f4342ca4c7821697.txt", "Source:Executive Committee Office", "source"),
        ("004_085c24a435fcbd9f.txt", "2021-4-23 11:30:09", "dateline"),
        ("004_085c24a435fcbd9f.txt", "(Source: CCPIT Beijing)", "source"),
    ],
)
def test_metadata_kept_tagged_and_never_merged(
    results: dict[str, DocResult], name: str, line: str, role: str
) -> None:
    result = results[name]
    assert line in paragraphs(result), "metadata must stay a paragraph of its own"
    tagged = [f for f in result.findings if f.kind == "metadata" and f.text == line]
    assert tagged and tagged[0].rule == role


def test_one_paragraph_per_line_layout(results: dict[str, DocResult]) -> None:
    result = results["000_618aefba6147e86f.txt"]
    source = (SAMPLES / "000_618aefba6147e86f.txt").read_text(encoding="utf-8")
    assert paragraphs(result) == [line for line in source.splitlines() if line.strip()]


def test_cleaning_is_idempotent_on_samples(results: dict[str, DocResult]) -> None:
    again = run(
        [Document(r.document.id, r.document.path, r.cleaned) for r in results.values()],
        Options(copies=False),
    )
    for first, second in zip(results.values(), again.documents, strict=True):
        assert second.cleaned == first.cleaned, first.document.id
