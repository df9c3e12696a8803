"""The index file: SQLite (stdlib, WAL mode), its schema, its pinned parameters and the few
queries a feed needs. The only module that touches the file; it hands out plain data.

SQLite gives the guarantees: a batch is one transaction (`BEGIN IMMEDIATE`), so a process
killed in the middle leaves the index as it was before the batch or after it; in WAL mode
readers never wait for the writer, and a second writer waits `timeout` seconds for the first,
then fails with a one-line error. The file holds text and integers only, never pickles: an
index from elsewhere is data, not code.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dedupe.errors import DedupeError
from dedupe.index import nearest
from dedupe.index.flags import DEFAULT_TIMEOUT
from dedupe.index.nearest import I64
from dedupe.model import Edit

FORMAT = "dedupe-index"
SCHEMA = "1"
# An indexed hash shared by more paragraphs than this (a stock phrase) yields only the first
# ones published: a check's candidates stay bounded however large the index grows.
CANDIDATES_PER_HASH = 64
_CHUNK = 500  # ids per IN (...) query, under SQLite's limit on bound parameters

_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,      -- the portable path, or the id of a JSON Lines record
    path TEXT NOT NULL,             -- where it was read from, as reports name it
    source_line INTEGER NOT NULL,   -- line of a JSON Lines record, 0 for a file
    hash TEXT NOT NULL,             -- blake2b of the decoded text
    body_chars INTEGER NOT NULL,    -- characters of its body: how much of it a copy covers
    first_added TEXT NOT NULL,      -- UTC, ISO 8601: when this name was first indexed
    updated TEXT NOT NULL
);
CREATE TABLE paragraphs (
    id INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL REFERENCES documents(id),
    number INTEGER NOT NULL,        -- position among the document's paragraphs
    start INTEGER NOT NULL,         -- offsets into the decoded document
    end INTEGER NOT NULL,
    line INTEGER NOT NULL,
    lang TEXT NOT NULL,
    text TEXT NOT NULL,             -- the paragraph as the engine reads it (joins applied)
    source TEXT,                    -- document[start:end] when it differs from text
    edits TEXT                      -- JSON [[start, end, text], ...] of the joins, if any
);
CREATE INDEX paragraphs_doc ON paragraphs(doc);
CREATE TABLE hashes (
    hash INTEGER NOT NULL,          -- see index/hashes.py
    para INTEGER NOT NULL REFERENCES paragraphs(id),
    PRIMARY KEY (hash, para)
) WITHOUT ROWID;
CREATE INDEX hashes_para ON hashes(para);
"""


class IndexFileError(DedupeError):
    """The index file cannot be used as asked (missing, not an index, other parameters)."""


class IndexLockedError(IndexFileError):
    """Another process held the index for writing longer than the timeout."""


@dataclass(frozen=True, slots=True)
class StoredParagraph:
    """A body paragraph as the index keeps it, with the hashes of its sentences."""

    number: int
    start: int
    end: int
    line: int
    lang: str
    text: str
    source: str  # document text[start:end]
    edits: tuple[Edit, ...] = ()
    hashes: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A document to add: its name, where it was read, its content hash, its paragraphs."""

    name: str
    path: str
    source_line: int
    content_hash: str
    paragraphs: tuple[StoredParagraph, ...]
    body_chars: int = 0


@dataclass(frozen=True, slots=True)
class IndexedDocument:
    """An indexed document, with only the paragraphs a lookup asked for."""

    name: str
    path: str
    source_line: int
    first_added: str
    paragraphs: tuple[StoredParagraph, ...]
    body_chars: int = 0  # of the whole document, not only of the paragraphs looked up


@dataclass(frozen=True, slots=True)
class Added:
    """What a batch did to the index."""

    added: tuple[str, ...] = ()
    replaced: tuple[str, ...] = ()  # names already indexed with other content
    unchanged: tuple[str, ...] = ()  # same name, same content: nothing to do

    def __add__(self, other: Added) -> Added:
        return Added(
            self.added + other.added,
            self.replaced + other.replaced,
            self.unchanged + other.unchanged,
        )


@dataclass(frozen=True, slots=True)
class Stats:
    documents: int
    paragraphs: int
    hashes: int
    size: int  # bytes on disk, the write-ahead log included
    parameters: dict[str, str]


class Store:
    """An open index. Use as a context manager; every write is one transaction."""

    def __init__(self, connection: sqlite3.Connection, path: Path, timeout: float) -> None:
        self._db = connection
        self.path = path
        self.timeout = timeout

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    # --- writing ---------------------------------------------------------------------------

    def add(self, documents: Iterable[StoredDocument], now: str) -> Added:
        """Add documents in one transaction: a document already indexed with the same content
        changes nothing; one with other content replaces its old entries (keeping when it was
        first added)."""
        added, replaced, unchanged = [], [], []
        rows: list[tuple[int, int]] = []  # (hash, paragraph id) of the whole batch
        with self._writing():
            for doc in documents:
                row = self._db.execute(
                    "SELECT id, hash FROM documents WHERE name = ?", (doc.name,)
                ).fetchone()
                if row is not None and row[1] == doc.content_hash:
                    unchanged.append(doc.name)
                    continue
                if row is None:
                    cursor = self._db.execute(
                        "INSERT INTO documents (name, path, source_line, hash, body_chars, "
                        "first_added, updated) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (
                            doc.name,
                            doc.path,
                            doc.source_line,
                            doc.content_hash,
                            doc.body_chars,
                            now,
                            now,
                        ),
                    )
                    doc_id = int(cursor.lastrowid or 0)
                    added.append(doc.name)
                else:
                    doc_id = int(row[0])
                    self._drop_paragraphs(doc_id)
                    self._db.execute(
                        "UPDATE documents SET path = ?, source_line = ?, hash = ?, "
                        "body_chars = ?, updated = ? WHERE id = ?",
                        (doc.path, doc.source_line, doc.content_hash, doc.body_chars, now, doc_id),
                    )
                    replaced.append(doc.name)
                rows += self._insert_paragraphs(doc_id, doc.paragraphs)
            # In hash order: each insert lands next to the last in the hashes B-tree, instead
            # of on a random page of it (at 1M paragraphs, a fifth of `index add` went there).
            rows.sort()
            self._db.executemany("INSERT OR IGNORE INTO hashes (hash, para) VALUES (?, ?)", rows)
        return Added(tuple(added), tuple(replaced), tuple(unchanged))

    def remove(self, names: Sequence[str]) -> tuple[str, ...]:
        """Remove the documents of these names, or under these folders; the names removed."""
        removed: list[str] = []
        with self._writing():
            for name in names:
                prefix = name.rstrip("/") + "/"
                rows = self._db.execute(
                    "SELECT id, name FROM documents WHERE name = ? OR substr(name, 1, ?) = ?",
                    (name, len(prefix), prefix),
                ).fetchall()
                for doc_id, found in rows:
                    self._drop_paragraphs(int(doc_id))
                    self._db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
                    removed.append(str(found))
        return tuple(removed)

    def _insert_paragraphs(
        self, doc_id: int, paragraphs: Sequence[StoredParagraph]
    ) -> list[tuple[int, int]]:
        """Insert the paragraphs; the (hash, paragraph id) rows for the hashes table."""
        rows: list[tuple[int, int]] = []
        for p in paragraphs:
            edits = json.dumps([[e.start, e.end, e.text] for e in p.edits]) if p.edits else None
            cursor = self._db.execute(
                "INSERT INTO paragraphs (doc, number, start, end, line, lang, text, source, "
                "edits) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    doc_id,
                    p.number,
                    p.start,
                    p.end,
                    p.line,
                    p.lang,
                    p.text,
                    None if p.source == p.text else p.source,
                    edits,
                ),
            )
            para = int(cursor.lastrowid or 0)
            rows += ((h, para) for h in p.hashes)
        return rows

    def _drop_paragraphs(self, doc_id: int) -> None:
        self._db.execute(
            "DELETE FROM hashes WHERE para IN (SELECT id FROM paragraphs WHERE doc = ?)",
            (doc_id,),
        )
        self._db.execute("DELETE FROM paragraphs WHERE doc = ?", (doc_id,))

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        """One write transaction around several adds (a run's --update-index): its reads see
        its own writes; committed whole at the end, or rolled back."""
        return self._writing()

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """One write transaction, taken at once (BEGIN IMMEDIATE: a second writer waits here,
        not halfway through), committed whole or rolled back. Inside another, part of it."""
        if self._db.in_transaction:
            yield
            return
        with _translated(self.path, self.timeout):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._db.rollback()
                raise
            self._db.execute("COMMIT")

    # --- reading ---------------------------------------------------------------------------

    def known(self, names: Iterable[str]) -> dict[str, tuple[str, str]]:
        """The content hash and first-added time of each of `names` that is indexed."""
        out: dict[str, tuple[str, str]] = {}
        with _translated(self.path, self.timeout):
            for chunk in _chunks(list(dict.fromkeys(names))):
                marks = ",".join("?" * len(chunk))
                for name, digest, first in self._db.execute(
                    f"SELECT name, hash, first_added FROM documents WHERE name IN ({marks})",
                    chunk,
                ):
                    out[str(name)] = (str(digest), str(first))
        return out

    def candidates(self, table: I64, exclude: Iterable[str]) -> list[IndexedDocument]:
        """The indexed paragraphs closest to the sentences of `table` (a batch's hashes, one
        row per sentence: index/nearest.py), by document, but those of documents in
        `exclude`. A hash shared by more than CANDIDATES_PER_HASH paragraphs counts only the
        first published."""
        with _translated(self.path, self.timeout):
            hashes, paras = self._postings(np.unique(table).tolist())
            excluded = self._paragraph_ids(list(exclude))
            if excluded:
                keep = ~np.isin(paras, np.fromiter(excluded, dtype=np.int64))
                hashes, paras = hashes[keep], paras[keep]
            return self._paragraphs(nearest.chosen(table, hashes, paras), set(exclude))

    def _postings(self, values: Sequence[int]) -> tuple[I64, I64]:
        hashes: list[int] = []
        paras: list[int] = []
        for value in values:
            for (para,) in self._db.execute(
                "SELECT para FROM hashes WHERE hash = ? LIMIT ?", (value, CANDIDATES_PER_HASH)
            ):
                hashes.append(value)
                paras.append(para)
        return np.array(hashes, dtype=np.int64), np.array(paras, dtype=np.int64)

    def _paragraph_ids(self, names: Sequence[str]) -> set[int]:
        """The ids of the paragraphs of the documents of these names."""
        out: set[int] = set()
        for chunk in _chunks(names):
            marks = ",".join("?" * len(chunk))
            out.update(
                int(p)
                for (p,) in self._db.execute(
                    "SELECT p.id FROM paragraphs p JOIN documents d ON d.id = p.doc "
                    f"WHERE d.name IN ({marks})",
                    chunk,
                )
            )
        return out

    def _paragraphs(self, ids: Sequence[int], exclude: set[str]) -> list[IndexedDocument]:
        docs: dict[str, tuple[tuple[str, int, str, int], list[StoredParagraph]]] = {}
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                "SELECT d.name, d.path, d.source_line, d.first_added, d.body_chars, p.number, "
                "p.start, p.end, p.line, p.lang, p.text, p.source, p.edits FROM paragraphs p "
                f"JOIN documents d ON d.id = p.doc WHERE p.id IN ({marks})",
                chunk,
            )
            for name, path, line, first, body, *paragraph in rows:
                if name in exclude:
                    continue
                number, start, end, at, lang, text, source, edits = paragraph
                entry = docs.setdefault(name, ((path, line, first, body), []))
                entry[1].append(
                    StoredParagraph(
                        number,
                        start,
                        end,
                        at,
                        lang,
                        text,
                        text if source is None else source,
                        _edits(edits),
                    )
                )
        out = []
        for name in sorted(docs):
            (path, line, first, body), paragraphs = docs[name]
            paragraphs.sort(key=lambda p: p.number)
            out.append(IndexedDocument(name, path, line, first, tuple(paragraphs), body))
        return out

    def stats(self) -> Stats:
        with _translated(self.path, self.timeout):
            count = [
                int(self._db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
                for table in ("documents", "paragraphs", "hashes")
            ]
            meta = dict(self._db.execute("SELECT key, value FROM meta ORDER BY key").fetchall())
        size = sum(
            os.path.getsize(f"{self.path}{tail}")
            for tail in ("", "-wal")
            if os.path.exists(f"{self.path}{tail}")
        )
        return Stats(count[0], count[1], count[2], size, meta)


def _edits(found: str | None) -> tuple[Edit, ...]:
    if not found:
        return ()
    return tuple(Edit(int(start), int(end), str(text)) for start, end, text in json.loads(found))


def _chunks(values: Sequence[object]) -> Iterator[list[object]]:
    for start in range(0, len(values), _CHUNK):
        yield list(values[start : start + _CHUNK])


def open_store(
    path: Path,
    parameters: Mapping[str, str],
    *,
    create: bool,
    timeout: float = DEFAULT_TIMEOUT,
    now: str = "",
) -> Store:
    """Open the index at `path` (created when missing if `create`) and check that it was made
    with `parameters`: keys and fingerprints made otherwise would silently match nothing."""
    if not path.exists() and not create:
        raise IndexFileError(
            f"index '{path}' does not exist; create it with 'dedupe index add {path} PATH...'"
        )
    if path.is_dir():
        raise IndexFileError(f"index '{path}' is a folder; name a file")
    with _translated(path, timeout):
        try:
            db = sqlite3.connect(path, timeout=timeout, isolation_level=None)
        except sqlite3.OperationalError as exc:
            raise IndexFileError(f"cannot open index '{path}': {exc}") from None
        try:
            _prepare(db, path, parameters, now)
        except BaseException:
            db.close()
            raise
    return Store(db, path, timeout)


def _prepare(db: sqlite3.Connection, path: Path, parameters: Mapping[str, str], now: str) -> None:
    """WAL mode, the schema in a new file, then the pinned parameters checked."""
    if _meta(db) is None:
        _not_foreign(db, path)  # before WAL mode, which would change someone else's file
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("BEGIN IMMEDIATE")
        try:
            if _meta(db) is None:  # another process may have created it meanwhile
                _not_foreign(db, path)
                for statement in _TABLES.split(";"):  # executescript would commit first
                    if statement.strip():
                        db.execute(statement)
                rows = {"format": FORMAT, "schema": SCHEMA, "created": now, **parameters}
                db.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", rows.items())
        except BaseException:
            db.rollback()
            raise
        db.execute("COMMIT")
    db.execute("PRAGMA synchronous=NORMAL")
    meta = _meta(db) or {}
    if meta.get("format") != FORMAT:
        raise IndexFileError(f"'{path}' is not a dedupe index; name another file")
    pinned = {"schema": SCHEMA, **parameters}
    for name, value in pinned.items():
        if meta.get(name) != value:
            raise IndexFileError(
                f"index '{path}' was built with {name} {meta.get(name, 'unset')!r}, but this "
                f"dedupe uses {value!r}: its keys and fingerprints would not match; rebuild it "
                f"(delete '{path}' and run 'dedupe index add {path}' over the archive)"
            )


def _not_foreign(db: sqlite3.Connection, path: Path) -> None:
    """A file without our meta table must be empty: else it is another program's database."""
    if db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise IndexFileError(
            f"'{path}' is an SQLite file but not a dedupe index; name another file"
        )


def _meta(db: sqlite3.Connection) -> dict[str, str] | None:
    """The meta table, or None when the file has none (a new file)."""
    found = db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
    ).fetchone()
    if found is None:
        return None
    return {str(k): str(v) for k, v in db.execute("SELECT key, value FROM meta")}


@contextlib.contextmanager
def _translated(path: Path, timeout: float) -> Iterator[None]:
    """SQLite's errors as one-line errors that say what to do."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        text = str(exc)
        if "locked" in text or "busy" in text:
            raise IndexLockedError(
                f"index '{path}' is locked by another writer; gave up after {timeout:g} s "
                "(wait for it to finish, or raise --index-timeout)"
            ) from None
        raise IndexFileError(f"cannot use index '{path}': {text}") from None
    except sqlite3.DatabaseError as exc:
        raise IndexFileError(
            f"'{path}' is not a usable dedupe index ({exc}); name another file or rebuild it"
        ) from None
