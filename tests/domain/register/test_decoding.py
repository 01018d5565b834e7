import gzip

import pytest

from inspectorate.domain.register.decoding import CP1252, UTF8, source_text
from inspectorate.domain.register.errors import FileRefused

EN_DASH = "\N{EN DASH}"
EN_DASH_CP1252 = b"Event type grouping\nSchools \x96 Section 8 conversion\n"


def test_utf8_is_read_as_utf8() -> None:
    source = source_text(f"Event type grouping\nSchools {EN_DASH} Section 8 conversion\n".encode())
    assert source.text.endswith(f"Schools {EN_DASH} Section 8 conversion\n")
    assert source.encoding == UTF8


def test_a_utf8_byte_order_mark_is_dropped() -> None:
    assert source_text(b"\xef\xbb\xbfURN\n1\n").text == "URN\n1\n"


def test_cp1252_byte_0x96_is_an_en_dash_not_a_latin1_control_character() -> None:
    source = source_text(EN_DASH_CP1252)
    assert f"Schools {EN_DASH} Section 8 conversion" in source.text
    assert source.encoding == CP1252


def test_gzip_is_detected_by_its_magic_bytes() -> None:
    source = source_text(gzip.compress(EN_DASH_CP1252))
    assert source.compressed
    assert EN_DASH in source.text


def test_a_truncated_gzip_file_is_refused() -> None:
    with pytest.raises(FileRefused, match="cut short"):
        source_text(gzip.compress(b"URN\n1\n" * 1000)[:-20])


def test_bytes_in_neither_encoding_are_refused_naming_the_line() -> None:
    # 0x81 is invalid alone in UTF-8 and has no character in cp1252.
    with pytest.raises(FileRefused, match=r"line 3: byte 0x81") as refused:
        source_text(b"URN,name\n1,a\n2,b\x81\n")
    assert refused.value.line == 3


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b" \r\n\n", "empty"),
        (b"PK\x03\x04\x14\x00rest of a workbook", "ZIP archive"),
        ("URN\n1\n".encode("utf-16"), "UTF-16"),
        (b"URN\n1\x00\x00\x01\n", "line 2: the file holds a NUL byte"),
    ],
)
def test_files_that_are_not_csv_text_are_refused(content: bytes, reason: str) -> None:
    with pytest.raises(FileRefused, match=reason):
        source_text(content)
