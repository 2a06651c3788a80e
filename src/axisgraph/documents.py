"""Readers: turn files, directories and stdin into `Document` records.

Every input is untrusted. A reader never raises for bad content: it yields
the documents it can read and records each problem (file, line, reason) in a
`ReadReport`, so that one bad file or row never stops a batch.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO

from charset_normalizer import from_bytes

from .records import Document, text_hash

TEXT_SUFFIXES = {".txt", ".text", ".md", ".story", ""}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv", ".tsv"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
KNOWN_FIELDS = ("id", "text", "date", "title", "url", "source")
TEXT_FIELDS = ("text", "body", "content", "article")
DEFAULT_MAX_CHARS = 1_000_000  # spaCy's own default max_length; --max-chars raises it
_DATE_LINE = re.compile(r"\A\s*date[:\s]\s*(\S+)[ \t]*(?:\r?\n)?[ \t]*", re.IGNORECASE)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MIXED_UTF8 = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
MIN_HTML_CHARS = 40


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read each undecodable byte as cp1252 (latin-1 where cp1252 has a gap)."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start:error.end]
    return bad.decode("cp1252", errors="ignore") or bad.decode("latin-1"), error.end


codecs.register_error("axisgraph-cp1252", _cp1252_fallback)


@dataclass
class ReadProblem:
    """One problem met while reading: where, and what."""

    path: str
    message: str
    line: int | None = None
    level: str = "error"  # "error": the document/row was skipped; "warning": read with a caveat

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass
class ReadReport:
    """What a read produced: documents yielded and problems met."""

    documents: int = 0
    problems: list[ReadProblem] = field(default_factory=list)

    @property
    def errors(self) -> list[ReadProblem]:
        """Problems that made a file or record be skipped."""
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[ReadProblem]:
        """Problems that did not stop a document from being read."""
        return [p for p in self.problems if p.level == "warning"]

    def add(self, path: str, message: str, line: int | None = None, level: str = "error") -> None:
        """Record a problem."""
        self.problems.append(ReadProblem(str(path), message, line, level))


class DocumentReader:
    """Reads documents from paths, with the limits and report shared by every format."""

    def __init__(self, report: ReadReport | None = None, max_chars: int = DEFAULT_MAX_CHARS,
                 today: date | None = None) -> None:
        self.report = report if report is not None else ReadReport()
        self.max_chars = max_chars
        self.latest_date = (today or date.today()) + timedelta(days=1)

    def read(self, sources: Iterable[str | Path]) -> Iterator[Document]:
        """Yield documents from files, directories (recursively) and '-' (stdin)."""
        for source in sources:
            if str(source) == "-":
                yield from self._checked(self._read_stream(sys.stdin.buffer, "<stdin>"))
                continue
            path = Path(source)
            if path.is_dir():
                for child in sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path)):
                    yield from self._checked(self._read_file(child))
            elif path.is_file():
                yield from self._checked(self._read_file(path))
            else:
                self.report.add(str(path), "no such file or directory")

    def _checked(self, documents: Iterable[Document]) -> Iterator[Document]:
        for doc in documents:
            if not doc.text.strip():
                self.report.add(doc.path or doc.id, "empty document (no text)", doc.metadata.get("line"))
                continue
            if len(doc.text) > self.max_chars:
                self.report.add(doc.path or doc.id,
                                f"document too large: {len(doc.text):,} characters > limit {self.max_chars:,}",
                                doc.metadata.get("line"))
                continue
            self.report.documents += 1
            yield doc

    def _read_file(self, path: Path) -> Iterator[Document]:
        try:
            with path.open("rb") as handle:
                yield from self._read_stream(handle, str(path), path.suffix.lower())
        except OSError as exc:
            self.report.add(str(path), f"cannot read: {exc.strerror or exc}")

    def _read_stream(self, handle: BinaryIO, name: str, suffix: str | None = None) -> Iterator[Document]:
        raw = handle.read()
        text = self._decode(raw, name)
        if text is None:
            return
        if suffix is None:
            suffix = _sniff_suffix(text)
        if suffix in JSONL_SUFFIXES:
            yield from self._from_jsonl(text, name)
        elif suffix in JSON_SUFFIXES:
            yield from self._from_json(text, name)
        elif suffix in CSV_SUFFIXES:
            yield from self._from_csv(text, name, "\t" if suffix == ".tsv" else ",")
        elif suffix in HTML_SUFFIXES:
            yield from self._from_html(text, name)
        else:
            if suffix not in TEXT_SUFFIXES:
                self.report.add(name, f"unknown file type {suffix!r}; read as plain text", level="warning")
            yield from self._from_text(text, name)

    def _decode(self, raw: bytes, name: str) -> str | None:
        """Decode bytes: UTF-8 (with or without BOM), UTF-16/32 with BOM, else detect."""
        for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"),
                           (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
            if raw.startswith(bom):
                try:
                    return _clean(raw.decode(codec))
                except UnicodeDecodeError as exc:
                    self.report.add(name, f"invalid {codec} text at byte {exc.start}")
                    return None
        try:
            return _clean(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            first_bad = exc.start
        if _looks_binary(raw):
            self.report.add(name, "binary file, not text")
            return None
        if _MIXED_UTF8.search(raw):
            self.report.add(name, f"mixed encodings (invalid UTF-8 at byte {first_bad}); "
                            "undecodable bytes read as cp1252", level="warning")
            return _clean(raw.decode("utf-8", errors="axisgraph-cp1252"))
        best = from_bytes(raw).best()
        if best is None:
            self.report.add(name, "cannot determine the text encoding")
            return None
        self.report.add(name, f"not UTF-8 (first bad byte at {first_bad}); decoded as {best.encoding}",
                        level="warning")
        return _clean(str(best))

    def _from_text(self, text: str, name: str) -> Iterator[Document]:
        doc_date = None
        match = _DATE_LINE.match(text)
        if match:
            doc_date = self._parse_date(match.group(1), name, None)
            text = text[match.end():]
        yield _make_document({"text": text, "date": doc_date}, name, None)

    def _from_json(self, text: str, name: str) -> Iterator[Document]:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            self.report.add(name, f"invalid JSON: {exc.msg}", exc.lineno)
            return
        items = data if isinstance(data, list) else [data]
        for index, item in enumerate(items, start=1):
            doc = self._from_record(item, name, index if isinstance(data, list) else None)
            if doc is not None:
                yield doc

    def _from_jsonl(self, text: str, name: str) -> Iterator[Document]:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                self.report.add(name, f"invalid JSON: {exc.msg}", number)
                continue
            doc = self._from_record(item, name, number)
            if doc is not None:
                yield doc

    def _from_csv(self, text: str, name: str, delimiter: str) -> Iterator[Document]:
        csv.field_size_limit(max(self.max_chars * 4, 1 << 20))
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            header = [h.strip().lower() for h in next(reader)]
        except (StopIteration, csv.Error) as exc:
            self.report.add(name, f"CSV has no header row ({exc})" if str(exc) else "CSV has no header row", 1)
            return
        if not any(f in header for f in TEXT_FIELDS):
            self.report.add(name, f"CSV header has no text column (one of {', '.join(TEXT_FIELDS)})", 1)
            return
        while True:
            line = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                self.report.add(name, f"malformed CSV row: {exc}", line)
                return
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                self.report.add(name, f"row has {len(row)} fields, header has {len(header)}", line)
                continue
            doc = self._from_record(dict(zip(header, row, strict=True)), name, line)
            if doc is not None:
                yield doc

    def _from_html(self, text: str, name: str) -> Iterator[Document]:
        import trafilatura

        try:
            body = trafilatura.extract(text, include_comments=False, include_tables=False, favor_precision=True)
            meta = trafilatura.extract_metadata(text)
        except Exception as exc:  # trafilatura raises many types on broken markup
            self.report.add(name, f"cannot parse HTML: {exc}")
            return
        if not body or len(body.strip()) < MIN_HTML_CHARS:
            self.report.add(name, "HTML has no article text" + (f" (only {body.strip()!r})" if body else ""))
            return
        record: dict[str, Any] = {"text": body}
        if meta is not None:
            record.update({"title": meta.title, "url": meta.url, "source": meta.sitename})
            if meta.date:
                record["date"] = self._parse_date(meta.date, name, None)
        yield _make_document(record, name, None)

    def _from_record(self, item: Any, name: str, line: int | None) -> Document | None:
        """Validate one JSON/CSV record; unknown fields become metadata."""
        if not isinstance(item, dict):
            self.report.add(name, f"record is a {type(item).__name__}, expected an object", line)
            return None
        text_key = next((k for k in TEXT_FIELDS if k in item), None)
        text = item.get(text_key) if text_key else None
        if not isinstance(text, str):
            reason = "record has no text field" if text is None else f"'{text_key}' is not a string"
            self.report.add(name, reason, line)
            return None
        record: dict[str, Any] = {"text": _clean(text)}
        for key in ("id", "title", "url", "source"):
            value = item.get(key)
            if value is None or value == "":
                continue
            if not isinstance(value, str | int | float) or isinstance(value, bool):
                self.report.add(name, f"field '{key}' has type {type(value).__name__}; ignored", line, "warning")
                continue
            record[key] = str(value)
        if item.get("date") not in (None, ""):
            record["date"] = self._parse_date(item["date"], name, line)
        metadata = {k: v for k, v in item.items() if k not in KNOWN_FIELDS and k != text_key}
        return _make_document(record, name, line, metadata)

    def _parse_date(self, value: Any, name: str, line: int | None) -> date | None:
        """Parse an ISO date (or datetime); malformed or future dates are dropped with a warning."""
        parsed: date | None = None
        if isinstance(value, datetime):
            parsed = value.date()
        elif isinstance(value, date):
            parsed = value
        elif isinstance(value, str):
            match = _ISO_DATE.search(value)
            if match:
                try:
                    parsed = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
                except ValueError:
                    parsed = None
        if parsed is None:
            self.report.add(name, f"malformed date {str(value)[:40]!r}; document kept without a date", line,
                            "warning")
            return None
        if parsed > self.latest_date:
            self.report.add(name, f"date {parsed} is in the future; document kept without a date", line,
                            "warning")
            return None
        return parsed


def _make_document(record: dict[str, Any], name: str, line: int | None,
                   metadata: dict[str, Any] | None = None) -> Document:
    meta = dict(metadata or {})
    if line is not None:
        meta["line"] = line
    text = record["text"]
    return Document(
        id=record.get("id") or text_hash(text)[:16], text=text, date=record.get("date"),
        title=record.get("title"), url=record.get("url"), source=record.get("source"),
        path=name, metadata=_jsonable(meta),
    )


def _jsonable(value: Any) -> Any:
    """Metadata must survive JSON storage; anything else is kept as its string form."""
    try:
        json.dumps(value)
        return value
    except (TypeError, ValueError):
        return {k: str(v) for k, v in value.items()} if isinstance(value, dict) else str(value)


def _clean(text: str) -> str:
    """Drop NUL and other C0 control characters except tab and newlines; keep offsets stable after."""
    if "\x00" in text or any(ord(c) < 32 and c not in "\t\n\r" for c in text[:10000]):
        text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", " ", text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_binary(raw: bytes) -> bool:
    sample = raw[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return len(sample) > 0 and controls / len(sample) > 0.1


def _sniff_suffix(text: str) -> str:
    head = text.lstrip()[:1]
    if head == "[":
        return ".json"
    if head == "{":
        return ".jsonl" if "\n{" in text.strip() else ".json"
    if head == "<" and "<html" in text[:2000].lower():
        return ".html"
    return ".txt"


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def read_documents(sources: Iterable[str | Path], report: ReadReport | None = None,
                   max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Document]:
    """Yield documents from the given paths ('-' for stdin), recording problems in `report`."""
    yield from DocumentReader(report, max_chars).read(sources)


def read_text(text: str, doc_id: str | None = None, doc_date: date | None = None) -> Document:
    """Make a document from a string (leading "date YYYY-MM-DD" honoured)."""
    reader = DocumentReader()
    doc = next(reader._from_text(_clean(text), "<text>"))
    update: dict[str, Any] = {"path": None}
    if doc_id:
        update["id"] = doc_id
    if doc_date:
        update["date"] = doc_date
    return doc.model_copy(update=update)
