"""Real-text development and holdout sets (issue 14): real pages and news, generated labels only.

Two steps. `--from-mirror` rebuilds the committed extracts in tests/realtext/ from fetched
snapshots (see tests/realtext/NOTICE.md): every mozilla/readability test page in English or
Chinese as labelled text lines (stdlib html.parser, one line per block element; a line is `body`
when its text is a block of the page's expected.html, `headline` when it is the title, else
`chrome`), and the Chinese and English blurbs of Wikipedia's "In the news" (ITN corpus). The
default step builds, from those extracts alone, deterministic labelled sets in the formats the
existing scorers read:

- cleaning/{dev,holdout}.json: cases as in tests/cases/articles/ (real chrome around real body
  lines, with injected wraps, end markers, truncations and a few content traps);
- copies/{dev,holdout}.json: a copy corpus as in tests/cases/copies/ (a snapshot), whose later
  documents form a replayed feed: whole-article republications, copied paragraphs of every kind,
  and real same-frame blurbs as hard negatives.

Sources are split 60/40 by article (page, ITN item) into dev and holdout before anything is
built, so no article feeds both sets.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import subprocess
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent.parent / "tests" / "realtext"
MIRROR = Path("/work/.mirror")
READABILITY = MIRROR / "mozilla+readability" / "repo"
ITN = MIRROR / "shizhao+ITN-corpus" / "repo"
ITN_COMMIT = "b6fb9b7ce0aa9f974f730e464e55b1d7eab2cd49"  # newest corpus.json under 4 MiB
SEED = 14
BLOCKS = {
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "div", "blockquote", "pre",
    "figcaption", "dt", "dd", "section", "article", "header", "footer", "nav", "ul", "ol",
    "table", "tr", "aside", "form", "br", "main", "figure", "caption", "title", "button",
}  # fmt: skip
SKIP = {"script", "style", "noscript", "template", "svg", "iframe", "select", "head"}
FINAL = re.compile(r"[。！？!?.…”\"’'；;：:）)】]$")
SENTENCE = re.compile(r"[^。！？!?]*[。！？!?]+[”’\"']?|[^.!?]+[.!?]+[\"'”’)]?(?=\s|$)")
HAN = re.compile(r"[\u4e00-\u9fff]")
ZH_END = ["（完）", "(完)", "（未完待续）", "【责任编辑：张三】"]
EN_END = ["(Reporting by Jane Doe; Editing by John Roe)", "-- ENDS --"]


# ---------------------------------------------------------------------------------------------
# HTML to lines (--from-mirror only)
# ---------------------------------------------------------------------------------------------
class _Lines(HTMLParser):
    """Text of a page, one line per block element, whitespace collapsed; figcaptions marked."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[tuple[str, bool]] = []
        self._buf: list[str] = []
        self._skip = 0
        self._caption = 0

    def _flush(self) -> None:
        text = " ".join("".join(self._buf).split())
        self._buf = []
        if text:
            self.lines.append((text, self._caption > 0))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP:
            self._skip += 1
        if tag in BLOCKS:
            self._flush()
        if tag == "figcaption":
            self._caption += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP:
            self._skip = max(0, self._skip - 1)
        if tag in BLOCKS:
            self._flush()
        if tag == "figcaption":
            self._caption = max(0, self._caption - 1)

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._buf.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_lines(markup: str) -> list[tuple[str, bool]]:
    parser = _Lines()
    parser.feed(markup)
    parser.close()
    return parser.lines


def norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", html.unescape(text))).casefold()


def _git(repo: Path, *args: str) -> str:
    out = subprocess.run(["git", "--git-dir", str(repo), *args], capture_output=True, check=True)
    return out.stdout.decode("utf-8", "replace")


def page_language(text: str) -> str | None:
    han = len(HAN.findall(text))
    latin = len(re.findall(r"[A-Za-z]", text))
    kana = len(re.findall(r"[\u3040-\u30ff]", text))
    if han > 300 and han > latin / 4 and kana < 20:
        return "zh"
    if latin > 1500 and han == 0 and len(re.findall(r"\bthe\b", text)) >= 20:
        return "en"
    return None


def label_page(name: str, source: str, expected: str, title: str) -> list[list[str]]:
    """Each page line labelled body, headline or chrome against the expected article."""
    blocks = {norm(t) for t, _ in html_lines(expected)}
    whole = norm(" ".join(t for t, _ in html_lines(expected)))
    title_key = norm(title)
    out: list[list[str]] = []
    seen_body = False
    for text, caption in html_lines(source):
        key = norm(text)
        if not key or len(text) > 3000:
            continue
        if caption:
            label = "chrome"
        elif (key in blocks and len(key) >= 15) or (len(key) >= 40 and key in whole):
            label, seen_body = "body", True
        elif not seen_body and len(key) >= 8 and title_key.startswith(key):
            label = "headline" if not any(lab == "headline" for lab, _ in out) else "chrome"
        else:
            label = "chrome"
        out.append([label, text])
    return _trim(_metadata(out))


DATE = re.compile(
    r"\b(19|20)\d\d\b.*\d|\d{4}年\d{1,2}月|\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r"[a-z]*\.? \d{1,2}\b|\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
)
BYLINE = re.compile(r"^(By|by|BY) [A-Z]|^(作者|记者|文|编辑)[：:\s]")


def _metadata(lines: list[list[str]], window: int = 8) -> list[list[str]]:
    """Readability's expected output leaves out the date and author lines over the article;
    the cleaning labels keep them (dateline, byline), so short ones just above it are relabelled."""
    body = next((i for i, (label, _) in enumerate(lines) if label == "body"), len(lines))
    for line in lines[max(0, body - window) : body]:
        label, text = line
        if label == "chrome" and len(text) <= 60 and BYLINE.search(text):
            line[0] = "byline"
        elif label == "chrome" and len(text) <= 40 and DATE.search(text):
            line[0] = "dateline"
    return lines


def _trim(lines: list[list[str]], keep: int = 40) -> list[list[str]]:
    """Keep the article and at most `keep` chrome lines on each side of it (small extracts)."""
    body = [i for i, (label, _) in enumerate(lines) if label in ("body", "headline")]
    if not body:
        return []
    start, end = max(0, body[0] - keep), min(len(lines), body[-1] + keep + 1)
    return [line for line in lines[start:end] if line[0] != "headline" or line in lines[: body[-1]]]


def extract_pages() -> list[dict[str, Any]]:
    commit = _git(READABILITY, "rev-parse", "HEAD").strip()
    names = sorted(
        {
            p.split("/")[2]
            for p in _git(READABILITY, "ls-tree", "-r", "--name-only", "HEAD").split()
            if p.startswith("test/test-pages/")
        }
    )
    pages = []
    for name in names:
        base = f"HEAD:test/test-pages/{name}/"
        try:
            source = _git(READABILITY, "show", base + "source.html")
            expected = _git(READABILITY, "show", base + "expected.html")
            meta = json.loads(_git(READABILITY, "show", base + "expected-metadata.json"))
        except (subprocess.CalledProcessError, json.JSONDecodeError):
            continue
        lang = page_language(" ".join(t for t, _ in html_lines(expected)))
        if lang is None or len(source) < 20_000:
            continue
        lines = label_page(name, source, expected, str(meta.get("title") or ""))
        if sum(label == "body" for label, _ in lines) >= 4:
            pages.append(
                {
                    "id": name,
                    "lang": lang,
                    "source": f"mozilla/readability@{commit}:test/test-pages/{name}",
                    "lines": lines,
                }
            )
    return pages


def extract_itn() -> list[dict[str, Any]]:
    data = json.loads(_git(ITN, "show", f"{ITN_COMMIT}:corpus/corpus.json"))
    out = []
    for qid, versions in sorted(data.items()):
        for stamp, item in sorted(versions.items()):
            if item.get("lang") not in ("zh", "en"):
                continue
            text = re.sub(r"<[^>]+>", "", item["blurb"])
            text = re.sub(r"（[图圖]）|\((pictured|shown)\)", "", text)
            text = " ".join(text.split())
            if len(text) >= 20:
                out.append({"qid": qid, "time": stamp, "lang": item["lang"], "text": text})
    return out


# ---------------------------------------------------------------------------------------------
# Building the labelled sets (from the committed extracts)
# ---------------------------------------------------------------------------------------------
@dataclass
class Article:
    """One real article: where it is from, its headline and its body paragraphs."""

    id: str
    lang: str
    headline: str
    paragraphs: list[str]
    chrome_top: list[str] = field(default_factory=list)
    chrome_bottom: list[str] = field(default_factory=list)


def sentences(text: str) -> list[str]:
    """Sentences of a real paragraph (a rough split, for the edits only)."""
    found = [s.strip() for s in SENTENCE.findall(text) if s.strip()]
    return found if "".join(found).replace(" ", "") == text.replace(" ", "") else [text]


def join(parts: list[str], lang: str) -> str:
    return ("" if lang == "zh" else " ").join(parts)


def articles_of(pages: list[dict[str, Any]]) -> list[Article]:
    """Each page's article; a page sharing a paragraph with an earlier one (the same article
    saved twice, as lifehacker-working and lifehacker-post-comment-load are) is left out."""
    out = []
    seen: set[str] = set()
    for page in pages:
        lines = page["lines"]
        body = [i for i, (label, _) in enumerate(lines) if label == "body"]
        heads = [t for label, t in lines if label == "headline"]
        paras = [t for label, t in lines if label == "body" and len(t) >= 25]
        keys = {norm(p) for p in paras}
        if len(paras) < 3 or keys & seen or len(keys) < len(paras):
            continue
        seen |= keys
        top = [t for label, t in lines[: body[0]] if label == "chrome"]
        bottom = [t for label, t in lines[body[-1] + 1 :] if label == "chrome"]
        head = heads[0] if heads else paras[0][:30]
        out.append(Article(page["id"], page["lang"], head, paras, top, bottom))
    return out


def itn_articles(blurbs: list[dict[str, Any]], lang: str, rng: random.Random) -> list[Article]:
    """Digest documents of real ITN blurbs (one item's latest wording each), 3-5 paragraphs."""
    latest: dict[str, str] = {}
    for b in blurbs:
        if b["lang"] == lang:
            latest[b["qid"]] = b["text"]
    qids = sorted(latest)
    rng.shuffle(qids)
    out = []
    for n in range(0, len(qids) - 5, 5):
        group = qids[n : n + 5]
        paras = [latest[q] for q in group]
        out.append(Article(f"itn-{lang}-{'-'.join(group)}", lang, paras[0][:24], paras))
    return out


def split(items: list[Any], rng: random.Random) -> tuple[list[Any], list[Any]]:
    items = list(items)
    rng.shuffle(items)
    cut = round(len(items) * 0.6)
    return items[:cut], items[cut:]


# Cleaning cases --------------------------------------------------------------------------------
def _wrap_point(text: str, lang: str, rng: random.Random, style: int) -> int | None:
    """Where print layout could split the paragraph mid-sentence (None: nowhere safe)."""
    lo, hi = len(text) // 4, len(text) * 3 // 4
    if lang == "zh":
        spots = [
            i for i in range(lo, hi) if HAN.match(text[i - 1]) and HAN.match(text[i])
        ]  # fmt: skip
    else:
        want = [str.islower, str.isupper, str.isdigit][style % 3]
        spots = [
            i + 1
            for i in range(lo, hi)
            if text[i] == " " and i + 1 < len(text) and want(text[i + 1])
            and text[i - 1].isalnum()
        ]  # fmt: skip
    return rng.choice(spots) if spots else None


def cleaning_case(
    art: Article, rng: random.Random, n: int, traps: list[list[str]]
) -> dict[str, Any]:
    lines: list[list[str]] = [["chrome", t] for t in art.chrome_top[-12:]]
    lines.append(["headline", art.headline])
    marked = False
    for i, para in enumerate(art.paragraphs):
        roll = rng.random()
        if roll < 0.25 and len(para) > 60:
            cut = _wrap_point(para, art.lang, rng, i)
            if cut and not FINAL.search(para[:cut].rstrip()):
                lines += [["body", para[:cut].rstrip()], ["wrap", para[cut:].lstrip()]]
                continue
        if roll < 0.35 and len(para) > 80 and i + 1 < len(art.paragraphs):
            cut = _wrap_point(para, art.lang, rng, i + 1)
            if cut and not FINAL.search(para[:cut].rstrip()):
                lines.append(["trunc", para[:cut].rstrip()])
                continue
        lines.append(["body", para])
        if roll > 0.9 and i > 1 and art.chrome_bottom:
            lines.append(["chrome", rng.choice(art.chrome_bottom)])  # a credit or widget mid-page
    if not marked and lines[-1][0] == "body" and FINAL.search(lines[-1][1]):
        ends = ZH_END if art.lang == "zh" else EN_END
        sep = "" if art.lang == "zh" else " "
        lines[-1] = ["body", lines[-1][1] + sep + ends[n % len(ends)]]
    lines += traps
    lines += [["chrome", t] for t in art.chrome_bottom[:12]]
    layout = "blank" if n % 3 else "lines"
    return {
        "name": f"{art.lang}_{n:02d}_{re.sub(r'[^a-z0-9]+', '_', art.id.lower())[:40]}",
        "note": f"real article {art.id} in real page chrome; injected wraps, cuts, end markers",
        "documents": [{"id": f"{art.id}.txt", "layout": layout, "lines": lines}],
    }


TRAPS = {
    "zh": [
        [["body", "附：相关单位名单"], ["body", "一、市图书馆；"], ["body", "二、市档案馆。"]],
        [["byline", "本报记者 李明 通讯员 王芳"]],
        [["headline", "版权局通报侵权盗版典型案件"],
         ["body", "国家版权局近日通报了一批侵权盗版典型案件，涉及网络文学、影视和软件。"]],
        [["body", "会议强调："]],
    ],
    "en": [
        [["body", "The list of sites:"], ["body", "the harbour;"], ["body", "the old mill."]],
        [["byline", "By Jane Doe and John Roe"]],
        [["headline", "Copyright office fines streaming site"],
         ["body", "All rights reserved, the ruling says, belong to the authors of the songs."]],
        [["body", "He declined."]],
    ],
}  # fmt: skip


def cleaning_set(arts: list[Article], rng: random.Random) -> list[dict[str, Any]]:
    cases = []
    for n, art in enumerate(arts):
        traps = TRAPS[art.lang][n % 4] if n % 2 == 0 else []
        cases.append(cleaning_case(art, rng, n, [list(t) for t in traps]))
    return cases


# Copy corpus and feed --------------------------------------------------------------------------
ZH_WORDS = [("表示", "称"), ("已经", "已"), ("进行", "开展"), ("目前", "当前"), ("的", "之")]
EN_WORDS = [(" said ", " says "), (" the ", " this "), (" also ", " "), (" very ", " "),
            (" about ", " around "), (" however", " though")]  # fmt: skip
NAMES = re.compile(r"\b[A-Z][a-z]{3,}\b")
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


class Corpus:
    """A snapshot under construction: documents in order and their labels."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.documents: list[dict[str, str]] = []
        self.copies: list[dict[str, Any]] = []
        self.negatives: list[dict[str, Any]] = []

    def add(self, paras: list[str]) -> str:
        doc = f"r{len(self.documents):05d}.txt"
        self.documents.append({"id": doc, "text": "\n\n".join(paras) + "\n"})
        return doc

    @staticmethod
    def ref(doc: str, index: int, text: str) -> dict[str, Any]:
        return {"doc": doc, "paragraph": index, "start": text.strip()[:12]}

    def label(self, kind: str, edit: str, copy: tuple[str, int, str], orig: tuple[str, int, str],
              swaps: list[str] | None = None, copied: list[str] | None = None) -> None:  # fmt: skip
        self.copies.append(
            {
                "kind": kind,
                "edit": edit,
                "copy": self.ref(*copy),
                "original": self.ref(*orig),
                "swaps": swaps or [],
                "copied_sentences": copied or [],
                "subject_mismatch": None,
            }
        )

    def snapshot(self) -> dict[str, Any]:
        return {"documents": self.documents, "copies": self.copies, "negatives": self.negatives}


Edited = tuple[str, str, list[str]]  # (copy text, edit name, swaps)


def edit(para: str, lang: str, kind: str, rng: random.Random, other: str) -> Edited | None:
    """An edited copy of a real paragraph: (copy, edit name, swaps), or None if it cannot be."""
    sents = sentences(para)
    if kind == "exact":
        return ("\u3000\u3000" if lang == "zh" else "  ") + para, "", []
    if kind == "punctuation":
        if lang == "zh":
            out = para.replace("，", ",").replace("。", ". ").replace("“", '"').replace("”", '"')
        else:
            out = para.replace(", ", " ").replace("’", "'").replace(". ", ".  ")
        return (out.strip(), kind, []) if out != para else None
    if kind == "traditional" and lang == "zh":
        import opencc

        out = opencc.OpenCC("s2t").convert(para)
        return (out, kind, []) if out != para else None
    if kind == "words":
        table = ZH_WORDS if lang == "zh" else EN_WORDS
        out, done = para, 0
        for a, b in table:
            if a in out and done < 3:
                out, done = out.replace(a, b, 1), done + 1
        return (out, kind, []) if done else None
    if kind in ("drop", "insert", "reorder") and len(sents) >= 3:
        k = rng.randrange(1, len(sents))
        if kind == "drop":
            rest = sents[:k] + sents[k + 1 :]
        elif kind == "insert":
            rest = [*sents[:k], sentences(other)[0], *sents[k:]]
        else:
            rest = [*sents[: k - 1], sents[k], sents[k - 1], *sents[k + 1 :]]
        return join(rest, lang), kind, []
    if kind.startswith("cut") and len(para) > 80:
        if kind == "cut-sentence" and len(sents) >= 3:
            keep = [
                s for i, s in enumerate(sents) if len(join(sents[: i + 1], lang)) <= len(para) * 0.9
            ]
            if len(join(keep, lang)) >= len(para) * 0.5:
                return join(keep, lang), "", []
            return None
        cut = int(len(para) * rng.uniform(0.5, 0.9))
        while cut < len(para) and (para[cut].isalnum() and lang == "en"):
            cut += 1
        text = para[:cut].rstrip(" ,，、")
        if FINAL.search(text):
            return None
        tail = {"cut": "", "cut-dots": "...", "cut-ellipsis": "…"}.get(kind, "")
        return text + tail, "", []
    if kind == "names":
        if lang == "zh":
            return None
        names = sorted(set(NAMES.findall(para)) - {"The", "This", "That", "They", "There"})
        pool = sorted(set(NAMES.findall(other)) - set(names))
        if not names or not pool:
            return None
        a, b = names[0], rng.choice(pool)
        return para.replace(a, b), "", [f"{a} -> {b}"]
    if kind == "figures":
        nums = list(dict.fromkeys(NUMBER.findall(para)))
        if not nums:
            return None
        out, swaps = para, []
        for num in nums[:3]:
            new = str(int(float(num.replace(",", ""))) + rng.randint(2, 9))
            if re.search(rf"(?<![\d.,]){re.escape(num)}(?![\d.,])", out) and new not in out:
                out = re.sub(rf"(?<![\d.,]){re.escape(num)}(?![\d.,])", new, out)
                swaps.append(f"{num} -> {new}")
        return (out, "", swaps) if swaps else None
    return None


KINDS = [
    ("exact", "exact"), ("near", "punctuation"), ("near", "traditional"), ("near", "words"),
    ("near", "drop"), ("near", "insert"), ("near", "reorder"), ("contained", "cut"),
    ("contained", "cut-dots"), ("contained", "cut-ellipsis"), ("contained", "cut-sentence"),
    ("partial", "partial"), ("template", "names"), ("template", "figures"),
]  # fmt: skip


def copy_corpus(
    arts: list[Article], itn: list[dict[str, Any]], rng: random.Random
) -> dict[str, Any]:
    """Originals first, then a replayed feed of republications, copies and fresh articles."""
    corpus = Corpus(rng)
    placed: list[tuple[str, Article]] = []
    half = len(arts) // 2
    for art in arts[:half]:
        placed.append((corpus.add([art.headline, *art.paragraphs]), art))
    fresh = arts[half:]
    used: set[tuple[str, int]] = set()
    originals = [(doc, i + 1, p, a) for doc, a in placed for i, p in enumerate(a.paragraphs)]
    rng.shuffle(originals)
    k = 0
    for n, art in enumerate(fresh):
        paras = [art.headline, *art.paragraphs[:4]]
        pending: list[tuple[str, str, str, tuple[str, int, str], list[str], list[str]]] = []
        for _ in range(3):
            for _try in range(len(KINDS)):
                kind, how = KINDS[k % len(KINDS)]
                k += 1
                if not originals:
                    break
                doc, idx, para, src = originals.pop()
                other = rng.choice(fresh).paragraphs[-1]
                if kind == "partial":
                    sents = sentences(para)
                    new = [s for s in sentences(art.paragraphs[-1])][:2]
                    if len(sents) < 2 or not new:
                        continue
                    got = (join(new + sents[:1], src.lang), "", [])
                    copied = sents[:1]
                else:
                    got = edit(para, src.lang, how, rng, other)
                    copied = []
                if got is None:
                    continue
                text, edit_name, swaps = got
                near_edit = edit_name if kind == "near" else ""
                pending.append((kind, near_edit, text, (doc, idx, para), swaps, copied))
                used.add((doc, idx))
                break
        base = len(paras)
        paras += [text for _, _, text, _, _, _ in pending]
        doc_id = corpus.add(paras)
        for j, (kind, edit_name, text, orig, swaps, copied) in enumerate(pending):
            corpus.label(kind, edit_name, (doc_id, base + j, text), orig, swaps, copied)
        if n % 3 == 0:  # a republication of an untouched earlier article
            for odoc, oart in placed:
                if not any(d == odoc for d, _ in used):
                    used.add((odoc, -1))
                    headline = [
                        [oart.headline],
                        [f"{oart.headline} ({'转载' if oart.lang == 'zh' else 'republished'})"],
                        [],
                        [*oart.chrome_top[-3:], oart.headline],
                    ][n // 3 % 4]
                    edit_name = ["", "new-headline", "no-headline", "new-headline"][n // 3 % 4]
                    copy_doc = corpus.add([*headline, *oart.paragraphs])
                    first = (headline or oart.paragraphs)[0]
                    corpus.label(
                        "document", edit_name, (copy_doc, 0, first), (odoc, 0, oart.headline)
                    )
                    break
    _negatives(corpus, itn, rng)
    return corpus.snapshot()


def _negatives(corpus: Corpus, itn: list[dict[str, Any]], rng: random.Random) -> None:
    """Real same-frame news blurbs about different events, each pair in its own two documents."""
    from rapidfuzz.distance import Indel

    latest: dict[str, dict[str, Any]] = {}
    for b in itn:
        latest[b["qid"] + b["lang"]] = b
    items = sorted(latest.values(), key=lambda b: b["qid"])
    pairs = []
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            if a["lang"] == b["lang"]:
                sim = Indel.normalized_similarity(a["text"], b["text"])
                if 0.45 <= sim < 0.6:
                    pairs.append((sim, a, b))
    pairs.sort(key=lambda p: -p[0])
    taken: set[str] = set()
    for _, a, b in pairs:
        if a["qid"] in taken or b["qid"] in taken:
            continue
        taken |= {a["qid"], b["qid"]}
        da = corpus.add([a["text"]])
        db = corpus.add([b["text"]])
        corpus.negatives.append(
            {"kind": "frame", "a": corpus.ref(da, 0, a["text"]), "b": corpus.ref(db, 0, b["text"])}
        )


def events(itn: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Blurbs keyed by event: one blurb is filed under every item it names, so items that share
    a wording are one event (union-find), and an event goes to one side of the split only."""
    parent: dict[str, str] = {}

    def root(q: str) -> str:
        while parent.setdefault(q, q) != q:
            q = parent[q]
        return q

    first: dict[str, str] = {}
    for b in itn:
        other = first.setdefault(b["text"], b["qid"])
        parent[root(b["qid"])] = root(other)
    merged = {b["text"]: b for b in ({**b, "qid": root(b["qid"])} for b in itn)}
    return sorted(merged.values(), key=lambda b: (b["qid"], b["time"], b["lang"]))


def build() -> None:
    pages = json.loads((OUT / "pages.json").read_text(encoding="utf-8"))
    itn = events(json.loads((OUT / "itn.json").read_text(encoding="utf-8")))
    rng = random.Random(SEED)
    arts = articles_of(pages)
    itn_by_qid = sorted({b["qid"] for b in itn})
    dev_q, hold_q = split(itn_by_qid, rng)
    sets: dict[str, dict[str, list[Any]]] = {"dev": {}, "holdout": {}}
    for lang in ("zh", "en"):
        mine = [a for a in arts if a.lang == lang]
        dev_a, hold_a = split(mine, rng)
        sets["dev"][lang], sets["holdout"][lang] = dev_a, hold_a
    for name, qids in (("dev", set(dev_q)), ("holdout", set(hold_q))):
        blurbs = [b for b in itn if b["qid"] in qids]
        digest = itn_articles(blurbs, "zh", rng)
        zh_pages = sets[name]["zh"]
        for d in digest:  # Chinese digests in the chrome of this split's Chinese pages
            host = zh_pages[len(d.id) % len(zh_pages)]
            d.chrome_top, d.chrome_bottom = host.chrome_top, host.chrome_bottom
        arts_here = sets[name]["en"] + zh_pages + digest
        rng_set = random.Random(f"{SEED}-{name}")
        write(OUT / "cleaning" / f"{name}.json", cleaning_set(arts_here, rng_set))
        corpus_arts = list(arts_here)
        rng_set.shuffle(corpus_arts)
        write(OUT / "copies" / f"{name}.json", copy_corpus(corpus_arts, blurbs, rng_set))


def write(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from-mirror", action="store_true", help="rebuild the extracts first")
    args = parser.parse_args(argv)
    if args.from_mirror:
        write(OUT / "pages.json", extract_pages())
        write(OUT / "itn.json", extract_itn())
    build()


if __name__ == "__main__":
    main()
