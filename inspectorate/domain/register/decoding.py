"""From the bytes of an import file to its text.

Ofsted and the DfE publish CSV files in Windows-1252 (cp1252); files saved again by a spreadsheet are often UTF-8,
with or without a byte-order mark; the project ships them gzip-compressed. All of these read the same. Latin-1 is
never assumed: it would turn cp1252's en dash (byte 0x96) into an invisible control character.
"""

from __future__ import annotations

import gzip
import zlib
from dataclasses import dataclass

from inspectorate.domain.register.errors import FileRefused

GZIP_MAGIC = b"\x1f\x8b"
ZIP_MAGIC = b"PK\x03\x04"  # an .xlsx workbook is a ZIP archive
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
UTF8_BOM = b"\xef\xbb\xbf"
UTF8 = "UTF-8"
CP1252 = "Windows-1252"


@dataclass(frozen=True)
class SourceText:
    text: str
    encoding: str
    compressed: bool
    utf8: bytes  # the same text as UTF-8 without a byte-order mark: what the column parser reads


def source_text(raw: bytes) -> SourceText:
    """The text of a plain or gzip-compressed file, detected by content (magic bytes), never by name."""
    compressed = raw.startswith(GZIP_MAGIC)
    content = _decompressed(raw) if compressed else raw
    _refuse_non_text(content)
    text, encoding = _decoded(content)
    utf8 = content.removeprefix(UTF8_BOM) if encoding == UTF8 else text.encode()
    return SourceText(text=text, encoding=encoding, compressed=compressed, utf8=utf8)


def _decompressed(raw: bytes) -> bytes:
    try:
        return gzip.decompress(raw)
    except EOFError:
        raise FileRefused("the gzip file is cut short: it ends before its compressed data does") from None
    except (gzip.BadGzipFile, zlib.error) as error:
        raise FileRefused(f"the gzip file is damaged ({error})") from None


def _refuse_non_text(content: bytes) -> None:
    if not content or content.isspace():
        raise FileRefused("the file is empty")
    if content.startswith(ZIP_MAGIC):
        raise FileRefused("the file is a ZIP archive (an Excel workbook?), not CSV: save it as CSV first")
    if content.startswith(UTF16_BOMS):
        raise FileRefused("the file is UTF-16 text, which this command does not read: save it as UTF-8 CSV")
    nul = content.find(b"\x00")
    if nul != -1:
        raise FileRefused("the file holds a NUL byte: it is binary, not CSV text", line=_line_of(content, nul))


def _decoded(content: bytes) -> tuple[str, str]:
    try:
        return content.decode("utf-8-sig"), UTF8
    except UnicodeDecodeError:
        pass  # not UTF-8: most likely the publisher's own cp1252
    try:
        return content.decode("cp1252"), CP1252
    except UnicodeDecodeError as error:
        bad = content[error.start]
        raise FileRefused(
            f"byte 0x{bad:02X} is neither UTF-8 nor Windows-1252 text: the file is in an encoding this command "
            "does not read; save it as UTF-8 CSV",
            line=_line_of(content, error.start),
        ) from None


def _line_of(content: bytes, offset: int) -> int:
    return content.count(b"\n", 0, offset) + 1
