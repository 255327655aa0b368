"""Decoding and sanitising: every encoding a news text file comes in, and nothing that reaches a
terminal as a control sequence."""

from __future__ import annotations

import codecs

import pytest

from newsdiff.core.text import DecodeError, decode, sanitize

SAMPLE = "He said “fine” — it’s 27 cm, café."


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"),
        SAMPLE.encode("utf-16"),  # BOM in native order
        SAMPLE.encode("utf-16-le"),  # no BOM: recognised by its NUL pattern
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16", "utf16le-nobom"],
)
def test_unicode_encodings_decode_exactly(data: bytes) -> None:
    assert decode(data) == SAMPLE


def test_cp1252_curly_quotes_and_dashes() -> None:
    data = "He said “fine” — it’s café".encode("cp1252")
    assert decode(data) == "He said “fine” — it’s café"


def test_bytes_undefined_in_cp1252_fall_back_to_latin1() -> None:
    assert decode(b"caf\xe9 \x81") == "café \x81"


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(256)) * 4, b"%PDF-1.4\n\x00\x01\x02binary"],
)
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(DecodeError):
        decode(data)


def test_line_ends_become_lf() -> None:
    assert sanitize("a\r\nb\rc\nd") == "a\nb\nc\nd"


def test_control_characters_are_removed_tab_and_newline_kept() -> None:
    raw = "a\x1b[2Jb\x1b]0;title\x07c\x9b31md\x7fe\x00f\tg\nh\u202eI\ufeff"
    assert sanitize(raw) == "a[2Jb]0;titlec31mdef\tg\nhI"
    for ch in sanitize(raw):
        assert ch in "\t\n" or not (ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F)


def test_an_exception_is_reported_on_one_clean_line() -> None:
    from newsdiff.core.text import first_line

    assert first_line(ValueError("bad value\x1b]2;x\x07 here\nsecond line"), 12) == "bad value]2;"
    assert first_line(ValueError("")) == "ValueError"
