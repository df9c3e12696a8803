"""Documents full of XSS payloads, in their text and in their file names, for the HTML report's
escaping tests. Each payload, if it ever ran, would set window.__xss or make a request."""

from __future__ import annotations

from pathlib import Path

PAYLOADS = (
    "<script>window.__xss=1;alert(1)</script>",
    '<img src=x onerror="window.__xss=2">',
    "</script><script>window.__xss=3</script>",
    '<a href="javascript:window.__xss=4">click me</a>',
    "javascript:window.__xss=5",
    "<svg onload=window.__xss=6>",
    '<iframe src="https://example.com/"></iframe>',
    '<link rel=stylesheet href="https://example.com/x.css">',
    "<style>body{display:none}</style>",
    "{{ 7*7 }} <!-- ]]> &amp; &lt;b&gt; \u2028",
)
NAMES = ("a<img src=x onerror=alert(1)>.txt", "<svg onload=alert(1)>/b.txt")


def write_hostile(folder: Path) -> list[Path]:
    """Two documents that share two payload paragraphs (a copy cluster), with payloads in their
    headlines, bylines, a joined line, removed chrome, and their names."""
    shared = "Officials said the plan " + " and ".join(PAYLOADS[:5]) + " will be reviewed soon."
    shared_zh = (
        "在会议上，代表们讨论了" + "，".join(PAYLOADS[5:]) + "等问题，并表示将继续推进相关工作。"
    )
    first = [
        "Headline " + PAYLOADS[0],
        "By " + PAYLOADS[1],
        "The story begins here and goes on for a while before the line is cut by the layout of the",
        "page " + PAYLOADS[2] + " and continues in lowercase words to the end of the sentence.",
        shared,
        shared_zh,
        "Advertisement",
        "Share this article " + PAYLOADS[3],
    ]
    second = [
        "Another story about " + PAYLOADS[4],
        "Something else happened today in the city and people talked about it at length.",
        shared,
        shared_zh,
        "Advertisement",
    ]
    paths = []
    for name, paragraphs in zip(NAMES, (first, second), strict=True):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        paths.append(path)
    return paths
