from __future__ import annotations

import codecs
import doctest
import errno
import io
import json
import os
from pathlib import Path

import opencc
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from dedupe.errors import ConfigError, DecodeError, InputError
from dedupe.model import Document, Skipped
from dedupe.options import Options
from dedupe.read import charset
from dedupe.read import inputs as read
from dedupe.read.inputs import Input, decode, discover, read_documents

SIMPLIFIED = "1月27日至28日，2026年全国贸促工作会议在北京召开。这次会议总结了工作。"
TRADITIONAL = opencc.OpenCC("s2t").convert(SIMPLIFIED)
ENGLISH_CP1252 = "“Trade,” she said — it’s the café’s second meeting…"
UNDECODABLE = b"abc \xff\x80\x81 def \xff\xfe"

# Headline-length text, where charset-normalizer alone mostly answers Big5 for GB18030 input.
SHORT_CHINESE = ["中文", "我们", "会议", "股市", "台北", "习近平", "北京召开", "新华社1月28日电"]


def _tree(root: Path, files: dict[str, bytes | str]) -> Path:
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8", newline="")
        else:
            path.write_bytes(data)
    return root


def _rels(inputs: list[Input]) -> list[str]:
    return [item.rel for item in inputs]


def _read(tmp_path: Path, data: bytes, options: Options, name: str) -> list[Document | Skipped]:
    path = tmp_path / name
    path.write_bytes(data)
    return list(read_documents([Input(path, name)], options))


def test_doctests() -> None:
    for module in (read, charset):
        assert doctest.testmod(module).failed == 0


# --- discover -------------------------------------------------------------------------------------


def test_discover_walks_sorted_by_relative_posix_path(tmp_path: Path) -> None:
    root = _tree(
        tmp_path / "in",
        {"b.txt": "b", "a/z.md": "z", "a.txt": "a", "B.txt": "B", "a/b/c.txt": "c", "x.csv": "x"},
    )
    inputs = discover([str(root)], Options())
    assert _rels(inputs) == ["B.txt", "a.txt", "a/b/c.txt", "a/z.md", "b.txt"]
    assert inputs[2] == Input(root / "a" / "b" / "c.txt", "a/b/c.txt")


def test_discover_keeps_argument_order(tmp_path: Path) -> None:
    _tree(tmp_path, {"b.txt": "b", "a.txt": "a"})
    inputs = discover([str(tmp_path / "b.txt"), str(tmp_path / "a.txt"), "-"], Options())
    b, a = Input(tmp_path / "b.txt", "b.txt"), Input(tmp_path / "a.txt", "a.txt")
    assert inputs == [b, a, Input(None, "-")]


def test_discover_include_and_exclude_match_name_or_relative_path(tmp_path: Path) -> None:
    root = _tree(tmp_path, {"a.txt": "", "b.csv": "", "sub/c.txt": "", "sub/d.csv": ""})
    assert _rels(discover([str(root)], Options(include=("*.csv",)))) == ["b.csv", "sub/d.csv"]
    assert _rels(discover([str(root)], Options(include=("sub/*",)))) == ["sub/c.txt", "sub/d.csv"]
    assert _rels(discover([str(root)], Options(exclude=("sub/*",)))) == ["a.txt"]
    assert _rels(discover([str(root)], Options(exclude=("c.txt",)))) == ["a.txt"]


def test_discover_prunes_excluded_folders(tmp_path: Path) -> None:
    root = _tree(tmp_path, {"a.txt": "", "drafts/b.txt": "", "drafts/deep/c.txt": ""})
    assert _rels(discover([str(root)], Options(exclude=("drafts",)))) == ["a.txt"]


def test_discover_skips_hidden_files_and_folders_inside_directories(tmp_path: Path) -> None:
    root = _tree(tmp_path / "in", {"a.txt": "", ".b.txt": "", ".git/c.txt": "", "sub/.d.txt": ""})
    assert _rels(discover([str(root)], Options())) == ["a.txt"]
    # A hidden file named on the command line is read: the user asked for it.
    assert _rels(discover([str(root / ".b.txt")], Options())) == [".b.txt"]


def test_discover_file_argument_uses_file_name(tmp_path: Path) -> None:
    _tree(tmp_path, {"deep/er/news.txt": ""})
    path = tmp_path / "deep" / "er" / "news.txt"
    assert discover([str(path)], Options()) == [Input(path, "news.txt")]


def test_discover_stdin() -> None:
    assert discover(["-"], Options()) == [Input(None, "-")]


@pytest.mark.parametrize("arg", ["x.txt", "", "nope/"])
def test_discover_missing_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, arg: str) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError) as caught:
        discover([arg], Options())
    assert str(caught.value) == f"no such file or directory: '{arg}'; check the path"


def test_discover_rejects_two_files_with_the_same_id(tmp_path: Path) -> None:
    _tree(tmp_path, {"a/x.txt": "", "b/x.txt": ""})
    with pytest.raises(InputError, match="common parent directory") as caught:
        discover([str(tmp_path / "a/x.txt"), str(tmp_path / "b/x.txt")], Options())
    assert f"('{tmp_path}')" in str(caught.value)
    assert "'x.txt'" in str(caught.value)


def test_discover_rejects_two_directories_with_the_same_relative_path(tmp_path: Path) -> None:
    _tree(tmp_path, {"a/sub/x.txt": "", "b/sub/x.txt": "", "b/y.txt": ""})
    with pytest.raises(InputError, match=r"'sub/x\.txt'; pass their common parent directory"):
        discover([str(tmp_path / "a"), str(tmp_path / "b")], Options())
    assert _rels(discover([str(tmp_path)], Options())) == ["a/sub/x.txt", "b/sub/x.txt", "b/y.txt"]


def test_discover_rejects_the_same_file_twice(tmp_path: Path) -> None:
    _tree(tmp_path, {"x.txt": ""})
    with pytest.raises(InputError, match="given more than once"):
        discover([str(tmp_path / "x.txt"), str(tmp_path / "." / "x.txt")], Options())
    with pytest.raises(InputError, match="stdin"):
        discover(["-", "-"], Options())


def test_discover_survives_symlink_cycles(tmp_path: Path) -> None:
    root = _tree(tmp_path / "in", {"a.txt": "", "sub/b.txt": ""})
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    (root / "self").symlink_to(".", target_is_directory=True)
    assert _rels(discover([str(root)], Options())) == ["a.txt", "sub/b.txt"]


def test_discover_follows_symlinked_folders_once(tmp_path: Path) -> None:
    _tree(tmp_path / "elsewhere", {"c.txt": ""})
    root = _tree(tmp_path / "in", {"a.txt": ""})
    (root / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (root / "broken.txt").symlink_to(tmp_path / "missing.txt")
    assert _rels(discover([str(root)], Options())) == ["a.txt", "linked/c.txt"]


def test_discover_sorts_whole_paths_where_a_folder_name_prefixes_a_file_name(
    tmp_path: Path,
) -> None:
    # "-" and "." sort before "/": a folder's files come after names it prefixes.
    root = _tree(
        tmp_path, {"a/x.txt": "", "a.txt": "", "a-b.txt": "", "a-b/y.txt": "", "b.txt": ""}
    )
    assert _rels(discover([str(root)], Options())) == [
        "a-b.txt",
        "a-b/y.txt",
        "a.txt",
        "a/x.txt",
        "b.txt",
    ]


def test_discover_walks_a_folder_linked_twice_under_its_first_name_in_walk_order(
    tmp_path: Path,
) -> None:
    # Folders are walked in name order ("a" before "a-b"), though "a-b/…" sorts first among
    # the paths: the folder is read as "a", as before discovery streamed.
    _tree(tmp_path / "real", {"x.txt": ""})
    root = _tree(tmp_path / "in", {"z.txt": ""})
    (root / "a").symlink_to(tmp_path / "real", target_is_directory=True)
    (root / "a-b").symlink_to(tmp_path / "real", target_is_directory=True)
    assert _rels(discover([str(root)], Options())) == ["a/x.txt", "z.txt"]


def test_find_inputs_walks_again_on_each_iteration(tmp_path: Path) -> None:
    root = _tree(tmp_path / "in", {"b.txt": "", "sub/c.txt": ""})
    inputs = read.find_inputs([str(root), "-"], Options())
    assert len(inputs) == 3 and inputs.stdin
    assert list(inputs) == discover([str(root), "-"], Options())
    assert list(inputs.files()) == [root / "b.txt", root / "sub" / "c.txt"]
    # Nothing per file is held between walks: a file added since shows up in the next one.
    _tree(root, {"a.txt": ""})
    assert _rels(list(inputs)) == ["a.txt", "b.txt", "sub/c.txt", "-"]


def test_find_inputs_checks_every_argument_before_any_is_read(tmp_path: Path) -> None:
    _tree(tmp_path, {"a/x.txt": "", "b/y.txt": "", "c/x.txt": ""})
    args = [str(tmp_path / "a"), str(tmp_path / "b"), str(tmp_path / "c")]
    with pytest.raises(InputError, match=r"'x\.txt'; pass their common parent"):
        read.find_inputs(args, Options())
    with pytest.raises(InputError, match="no such file or directory: 'nope'"):
        read.find_inputs([str(tmp_path / "a"), "nope"], Options())


def test_find_inputs_refuses_an_unlistable_folder_up_front(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _tree(tmp_path / "in", {"a.txt": "", "locked/b.txt": ""})
    scandir = os.scandir

    def refuse_locked(path: str) -> object:
        if os.path.basename(path) == "locked":
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse_locked)
    with pytest.raises(InputError) as caught:
        read.find_inputs([str(root)], Options())
    assert str(caught.value) == (
        f"cannot list folder '{root / 'locked'}': Permission denied; "
        "fix its permissions or exclude it"
    )


def test_hash_collisions_between_ids_are_not_taken_for_duplicates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tree(tmp_path, {"a/x.txt": "", "b/y.txt": ""})
    monkeypatch.setattr(read, "hash", lambda _: 0, raising=False)  # every id hashes alike
    inputs = read.find_inputs([str(tmp_path / "a"), str(tmp_path / "b")], Options())
    assert _rels(list(inputs)) == ["x.txt", "y.txt"]


def test_read_documents_over_found_inputs_still_refuses_duplicate_jsonl_ids(
    tmp_path: Path,
) -> None:
    _tree(tmp_path, {"a.jsonl": '{"id": 1, "text": "x"}\n', "b.jsonl": '{"id": 1, "text": "y"}\n'})
    options = Options(jsonl=True, include=("*.jsonl",))
    inputs = read.find_inputs([str(tmp_path)], options)
    with pytest.raises(InputError, match="duplicate id '1'"):
        list(read_documents(inputs, options))


# --- decode ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "data", "name"),
    [
        (SIMPLIFIED, SIMPLIFIED.encode("utf-8"), "utf-8"),
        (SIMPLIFIED, codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"), "utf-8-sig"),
        (SIMPLIFIED, codecs.BOM_UTF16_LE + SIMPLIFIED.encode("utf-16-le"), "utf-16"),
        (SIMPLIFIED, codecs.BOM_UTF16_BE + SIMPLIFIED.encode("utf-16-be"), "utf-16"),
        (SIMPLIFIED, codecs.BOM_UTF32_LE + SIMPLIFIED.encode("utf-32-le"), "utf-32"),
        (SIMPLIFIED, codecs.BOM_UTF32_BE + SIMPLIFIED.encode("utf-32-be"), "utf-32"),
        (SIMPLIFIED, SIMPLIFIED.encode("gb18030"), "gb18030"),
        (TRADITIONAL, TRADITIONAL.encode("big5"), "big5"),
        (ENGLISH_CP1252, ENGLISH_CP1252.encode("cp1252"), "cp1252"),
        ("Größe und Straße", "Größe und Straße".encode("cp1252"), "cp1252"),
    ],
    ids=["u8", "u8-bom", "u16le", "u16be", "u32le", "u32be", "gb", "big5", "cp1252", "de"],
)
def test_decode_round_trips_every_supported_encoding(text: str, data: bytes, name: str) -> None:
    assert TRADITIONAL != SIMPLIFIED
    assert decode(data, path="a.txt") == (text, name)


@pytest.mark.parametrize("text", SHORT_CHINESE)
def test_decode_detects_short_simplified_gb18030(text: str) -> None:
    assert decode(text.encode("gb18030"), path="a.txt") == (text, "gb18030")


@pytest.mark.parametrize("text", [opencc.OpenCC("s2tw").convert(t) for t in SHORT_CHINESE])
def test_decode_detects_short_traditional_big5(text: str) -> None:
    assert decode(text.encode("big5"), path="a.txt") == (text, "big5")


def test_decode_detects_chinese_with_curly_quotes() -> None:
    # charset-normalizer on its own finds this too chaotic to be anything.
    text = "“链博会”)“山东”“主宾省”活动"
    assert decode(text.encode("gb18030"), path="a.txt") == (text, "gb18030")


def test_decode_keeps_line_endings() -> None:
    text = "第一行\r\n第二行\r第三行\n"
    assert decode(text.encode("gb18030"), path="a.txt") == (text, "gb18030")
    assert decode(b"a\r\nb\rc", path="a.txt") == ("a\r\nb\rc", "utf-8")


def test_decode_empty() -> None:
    assert decode(b"", path="a.txt") == ("", "utf-8")


def test_decode_binary() -> None:
    with pytest.raises(DecodeError, match=r"^'logo.png' looks binary \(NUL byte at offset 8\)"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", path="logo.png")


def test_decode_nul_after_utf16_bom_is_text() -> None:
    data = codecs.BOM_UTF16_LE + "a\x00b".encode("utf-16-le")
    assert decode(data, path="a.txt") == ("a\x00b", "utf-16")


def test_decode_undecodable() -> None:
    with pytest.raises(DecodeError) as caught:
        decode(UNDECODABLE, path="bad.txt")
    assert str(caught.value) == (
        "cannot decode 'bad.txt': not UTF-8 (byte 4), GB18030, Big5 or UTF-16; pass --encoding"
    )


def test_decode_rejects_utf8_with_one_bad_byte() -> None:
    # Mojibake would be worse than a clear error: no cp1252 or Chinese reading is plausible.
    data = SIMPLIFIED.encode("utf-8")
    with pytest.raises(DecodeError, match="not UTF-8 \\(byte 30\\)"):
        decode(data[:30] + b"\xff" + data[31:], path="a.txt")


@pytest.mark.parametrize(
    "data",
    [codecs.BOM_UTF8 + b"ok \xff", codecs.BOM_UTF16_LE + b"odd"],
    ids=["utf8", "utf16"],
)
def test_decode_bom_with_invalid_body(data: bytes) -> None:
    with pytest.raises(DecodeError, match="BOM but is not valid"):
        decode(data, path="a.txt")


def test_decode_explicit_encoding_wins() -> None:
    data = SIMPLIFIED.encode("gb18030")
    assert decode(data, path="a.txt", encoding="gb18030") == (SIMPLIFIED, "gb18030")
    # Latin-1 decodes anything: the user's word is taken even when detection would disagree.
    assert decode(data, path="a.txt", encoding="latin-1") == (data.decode("latin-1"), "iso8859-1")
    assert decode(b"a\x00b", path="a.bin", encoding="latin-1") == ("a\x00b", "iso8859-1")


@pytest.mark.parametrize("name", ["GB2312", "gbk", "cp936", "GB18030"])
def test_decode_gb_family_request_reads_as_gb18030(name: str) -> None:
    text = "朱镕基与€"  # 镕 and € are outside GB2312
    assert decode(text.encode("gb18030"), path="a.txt", encoding=name) == (text, "gb18030")


def test_decode_explicit_encoding_drops_bom() -> None:
    assert decode(codecs.BOM_UTF8 + b"hi", path="a.txt", encoding="utf-8") == ("hi", "utf-8-sig")
    data = codecs.BOM_UTF16_LE + "hi".encode("utf-16-le")
    assert decode(data, path="a.txt", encoding="utf-16-le") == ("hi", "utf-16-le")


def test_decode_explicit_encoding_error_names_file_and_byte() -> None:
    with pytest.raises(DecodeError) as caught:
        decode("ab中文".encode("gb18030"), path="news.txt", encoding="utf-8")
    message = str(caught.value)
    assert message.startswith("cannot decode 'news.txt' as utf-8 at byte 2 (")
    assert "--encoding" in message and "\n" not in message


@pytest.mark.parametrize("name", ["klingon", "rot13"])
def test_decode_unknown_encoding(name: str) -> None:
    with pytest.raises(ConfigError, match=name):
        decode(b"x", path="a.txt", encoding=name)


_TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\x00"))  # no surrogates


@given(_TEXT, st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_decode_round_trips_unicode_encodings(text: str, encoding: str) -> None:
    # NUL makes BOM-less data binary by design, and a leading U+FEFF in UTF-8 is read as a BOM.
    assume(encoding != "utf-8" or not text.startswith("\ufeff"))
    assert decode(text.encode(encoding), path="a.txt")[0] == text


@given(st.text(min_size=1).filter(lambda t: not t.startswith("\x00")))
def test_decode_round_trips_utf16_with_nul(text: str) -> None:
    # After a BOM NUL bytes are text; a first character U+0000 would look like a UTF-32 BOM.
    assert decode(text.encode("utf-16"), path="a.txt") == (text, "utf-16")


# --- read_documents -------------------------------------------------------------------------------


def test_read_documents_from_directory(tmp_path: Path) -> None:
    root = _tree(
        tmp_path / "in",
        {
            "zh/gb.txt": SIMPLIFIED.replace("。", "。\r\n").encode("gb18030"),
            "zh/big5.txt": TRADITIONAL.encode("big5"),
            "en.txt": codecs.BOM_UTF8 + b"Hello\r\nworld\r",
        },
    )
    documents = list(read_documents(discover([str(root)], Options()), Options()))
    assert documents == [
        Document("en.txt", str(root / "en.txt"), "Hello\r\nworld\r", "utf-8-sig"),
        Document("zh/big5.txt", str(root / "zh/big5.txt"), TRADITIONAL, "big5"),
        Document(
            "zh/gb.txt", str(root / "zh/gb.txt"), SIMPLIFIED.replace("。", "。\r\n"), "gb18030"
        ),
    ]


def test_read_documents_from_stdin() -> None:
    stdin = io.BytesIO(SIMPLIFIED.encode("gb18030"))
    documents = list(read_documents([Input(None, "-")], Options(), stdin=stdin))
    assert documents == [Document("-", "-", SIMPLIFIED, "gb18030")]
    assert not stdin.closed


def test_read_documents_is_lazy(tmp_path: Path) -> None:
    first, second = tmp_path / "1.txt", tmp_path / "2.txt"
    first.write_text("one", encoding="utf-8")
    documents = read_documents([Input(first, "1.txt"), Input(second, "2.txt")], Options())
    assert next(documents).text == "one"
    second.write_text("two", encoding="utf-8")  # created only after the first was read
    assert next(documents).text == "two"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"GIF89a\x00\x01", "'{path}' looks binary (NUL byte at offset 6)"),
        (UNDECODABLE, "cannot decode '{path}': not UTF-8 (byte 4)"),
    ],
)
def test_read_documents_skips_or_raises_on_undecodable(
    tmp_path: Path, data: bytes, reason: str
) -> None:
    path = tmp_path / "a.txt"
    (tmp_path / "b.txt").write_text("fine", encoding="utf-8")
    inputs = [Input(path, "a.txt"), Input(tmp_path / "b.txt", "b.txt")]
    path.write_bytes(data)
    skipped, document = list(read_documents(inputs, Options()))
    assert isinstance(skipped, Skipped) and skipped.path == str(path)
    assert skipped.reason.startswith(reason.format(path=path))
    assert isinstance(document, Document) and document.text == "fine"
    with pytest.raises(DecodeError) as caught:
        list(read_documents(inputs, Options(strict=True)))
    assert str(caught.value) == skipped.reason


def test_read_documents_os_errors(tmp_path: Path) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    gone = tmp_path / "gone.txt"
    inputs = [Input(folder, "folder.txt"), Input(gone, "gone.txt")]
    assert list(read_documents(inputs, Options())) == [
        Skipped(str(folder), f"cannot read '{folder}': Is a directory"),
        Skipped(str(gone), f"cannot read '{gone}': No such file or directory"),
    ]
    with pytest.raises(InputError, match="Is a directory"):
        list(read_documents(inputs, Options(strict=True)))


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads anything")
def test_read_documents_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("x", encoding="utf-8")
    path.chmod(0)
    assert list(read_documents([Input(path, "secret.txt")], Options())) == [
        Skipped(str(path), f"cannot read '{path}': Permission denied")
    ]


def test_read_documents_rejects_duplicate_ids(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match=r"duplicate id 'a\.txt'"):
        list(read_documents([Input(path, "a.txt"), Input(path, "a.txt")], Options()))


# --- JSON Lines -----------------------------------------------------------------------------------

JSONL = Options(jsonl=True)


def _jsonl(*records: object) -> bytes:
    return "".join(
        (r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records
    ).encode("utf-8")


def test_jsonl_documents(tmp_path: Path) -> None:
    data = _jsonl(
        {"id": "n1", "text": "第一篇\r\n正文", "title": "x"},
        "",
        {"text": "no id here"},
        "   ",
        {"id": 42, "text": "numeric id"},
    )
    documents = _read(tmp_path, codecs.BOM_UTF8 + data, JSONL, name="feed.jsonl")
    path = str(tmp_path / "feed.jsonl")
    assert documents == [
        Document("n1", path, "第一篇\r\n正文", "utf-8", source_line=1),
        Document("feed.jsonl:3", path, "no id here", "utf-8", source_line=3),
        Document("42", path, "numeric id", "utf-8", source_line=5),
    ]


def test_jsonl_custom_fields_and_encoding(tmp_path: Path) -> None:
    options = Options(jsonl=True, text_field="body", id_field="url", encoding="gbk")
    data = _jsonl({"url": "https://a/1", "body": SIMPLIFIED}).decode("utf-8").encode("gb18030")
    assert _read(tmp_path, data, options, name="f.jsonl") == [
        Document("https://a/1", str(tmp_path / "f.jsonl"), SIMPLIFIED, "gb18030", source_line=1)
    ]


def test_jsonl_from_stdin() -> None:
    stdin = io.BytesIO(_jsonl({"text": "a"}, {"text": "b"}))
    documents = list(read_documents([Input(None, "-")], JSONL, stdin=stdin))
    assert [(d.id, d.path, d.text) for d in documents if isinstance(d, Document)] == [
        ("-:1", "-", "a"),
        ("-:2", "-", "b"),
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"text": "a",}', "line 7: not valid JSON (Expecting property name enclosed in double"),
        ("[1, 2]", "line 7: expected a JSON object, got list"),
        ('{"body": "a"}', "line 7: no 'text' field; set --text-field"),
        ('{"text": 3}', "line 7: a non-string 'text' field"),
        ('{"text": "a", "id": [1]}', "line 7: id field 'id' must be a string or number"),
    ],
)
def test_jsonl_malformed_line_raises(tmp_path: Path, line: str, message: str) -> None:
    data = _jsonl(*({"text": str(n)} for n in range(6)), line)
    path = tmp_path / "feed.jsonl"
    with pytest.raises(InputError) as caught:
        _read(tmp_path, data, Options(jsonl=True, strict=False), name="feed.jsonl")
    assert str(caught.value).startswith(f"'{path}' {message}")
    assert not isinstance(caught.value, DecodeError)


def test_jsonl_duplicate_id(tmp_path: Path) -> None:
    data = _jsonl({"id": "a", "text": "1"}, {"id": "b", "text": "2"}, {"id": "a", "text": "3"})
    path = tmp_path / "feed.jsonl"
    with pytest.raises(InputError) as caught:
        _read(tmp_path, data, JSONL, name="feed.jsonl")
    assert str(caught.value).startswith(
        f"'{path}' line 3: duplicate id 'a' (first seen at '{path}' line 1)"
    )


def test_jsonl_undecodable_line_skips_rest_of_file(tmp_path: Path) -> None:
    data = _jsonl({"text": "ok"}) + '{"text": "中文"}\n'.encode("gb18030")
    documents = _read(tmp_path, data, JSONL, name="feed.jsonl")
    path = tmp_path / "feed.jsonl"
    assert [type(d) for d in documents] == [Document, Skipped]
    assert documents[1].reason.startswith(f"'{path}' line 2: not utf-8 at byte 10")
    with pytest.raises(DecodeError, match="line 2"):
        _read(tmp_path, data, Options(jsonl=True, strict=True), name="feed.jsonl")


def test_jsonl_rejects_encodings_that_split_newlines(tmp_path: Path) -> None:
    data = "\n".join(['{"text": "a"}'] * 2).encode("utf-16")
    with pytest.raises(InputError, match="JSON Lines cannot be read as utf-16"):
        _read(tmp_path, data, Options(jsonl=True, encoding="utf-16"), name="f.jsonl")
