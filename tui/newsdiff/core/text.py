"""Decoding bytes into clean text, and removing what must never reach a terminal.

Everything that enters newsdiff from a file passes through :func:`decode` and :func:`sanitize`
exactly once, on load; later stages may assume LF line ends and no control characters.

Everything else that is *shown* — file names, paths, ids, metadata, theme and config values, error
messages, and the text again where it is drawn — passes through :func:`display`, the one place
that decides what may reach a terminal. JSON output keeps the true values (see :func:`json_text`).
"""

from __future__ import annotations

import codecs
import re

__all__ = ["CONTROL_RE", "DecodeError", "decode", "display", "first_line", "json_text", "sanitize"]

# C0 controls except TAB and LF, DEL, C1 controls; plus the Unicode bidi embedding/override/isolate
# controls, which can reorder what a terminal shows ("Trojan Source"), stray BOMs / zero-width
# no-break spaces in the middle of text, and the zero-width joiner, whose emoji sequences terminals
# draw 2 to 8 cells wide while rich and Textual count 2 (it broke table rows and columns).
CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200d\u202a-\u202e\u2066-\u2069\ufeff]")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Bytes that are controls in every single-byte code page and never occur in text files.
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


class DecodeError(ValueError):
    """The bytes are not text (binary data) or cannot be decoded."""


def _utf16_without_bom(data: bytes) -> str | None:
    """Recognise UTF-16 without a BOM: ASCII-range text has a NUL in every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    n = len(even)
    if odd.count(0) > 0.4 * n and even.count(0) < 0.05 * n:
        codec = "utf-16-le"
    elif even.count(0) > 0.4 * n and odd.count(0) < 0.05 * n:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    # Without a BOM we only accept what the NUL pattern is evidence of: mostly ASCII-range text
    # (at least half the characters), with almost no control characters once decoded.
    controls = len(CONTROL_RE.findall(text)) - text.count("\r")
    ascii_share = sum(1 for ch in text if ch < "\x80") / max(1, len(text))
    return text if controls <= 0.01 * len(text) and ascii_share >= 0.5 else None


def decode(data: bytes) -> str:
    """Decode file bytes: BOM-marked UTF-8/16/32, plain UTF-8, else legacy cp1252 (latin-1 for
    the five bytes cp1252 leaves undefined). Raises :class:`DecodeError` for binary data."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {codec} after its byte-order mark") from exc
    text = _utf16_without_bom(data) if b"\x00" in data else None
    if text is not None:
        return text
    sample = data[:65536]
    # Binary: more than 1% of bytes that are control codes no text encoding uses (in the first 64 KB),
    # or NULs making up more than 1% of the whole file. A stray NUL or two in a text file is damage,
    # not evidence of binary data: it is removed with the other control characters.
    limit = max(2, len(sample) // 100)
    if len(_BINARY_BYTES.findall(sample)) > limit or data.count(b"\x00") > max(2, len(data) // 100):
        raise DecodeError("binary data, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # cp1252 is a superset of latin-1's printable range and holds the curly quotes and dashes that
    # legacy Windows text uses; the five bytes it leaves undefined decode as latin-1 instead.
    return data.decode("cp1252", errors="_newsdiff_latin1")


def _latin1_fallback(exc: UnicodeError) -> tuple[str, int]:
    assert isinstance(exc, UnicodeDecodeError)
    bad = exc.object[exc.start:exc.end]
    return bad.decode("latin-1"), exc.end


codecs.register_error("_newsdiff_latin1", _latin1_fallback)


def sanitize(text: str) -> str:
    """LF line ends; no terminal control characters (TAB and LF kept)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return CONTROL_RE.sub("", text)


# What display() replaces with U+FFFD, so that a name with a control character in it still shows
# that something is there: the controls sanitize() removes, and lone surrogates, which is how
# Python hands over the bytes of a file name that are not UTF-8 ("surrogateescape").
_UNSHOWABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# Removed outright, as on load: a stray BOM / zero-width no-break space, and the zero-width joiner
# (without it an emoji sequence shows its pieces one by one, at the width everybody agrees on).
_DROPPED = re.compile("[\ufeff\u200d]")
# Line and paragraph breaks, for one-line fields (a name, a table cell, a title).
_BREAKS = re.compile("[\n\t\u2028\u2029]")


def display(value: object, multiline: bool = False) -> str:
    """``value`` as a string that is safe to show in a terminal: control characters (C0 but, with
    ``multiline``, TAB and LF; DEL; C1), the bidi embedding/override/isolate controls and the
    undecodable bytes of file names become U+FFFD; BOMs and zero-width joiners are removed; without
    ``multiline``, line breaks and tabs become spaces. The result holds no markup either: callers
    hand it to rich ``Text`` / Textual ``Content``, never to a markup parser."""
    text = value if isinstance(value, str) else str(value)
    text = text.replace("\r\n", "\n") if multiline else _BREAKS.sub(" ", text.replace("\r\n", " "))
    text = _DROPPED.sub("", text)
    return _UNSHOWABLE.sub("\ufffd", text)


# Characters JSON may hold raw but a terminal would act on (C1 controls such as U+009B, a CSI;
# bidi controls), or that break JavaScript (U+2028/2029), and the lone surrogates of undecodable
# file-name bytes, which are not valid UTF-8 at all: written as \\uXXXX escapes.
_JSON_ESCAPED = re.compile("[\x7f-\x9f\u200d\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")


def json_text(dumped: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) that is valid UTF-8 and safe to
    print to a terminal, with every value still true: the characters above are written as
    ``\\uXXXX`` escapes (JSON itself escapes C0 controls). A file name's undecodable byte XX, which
    Python holds as the lone surrogate U+DCXX, becomes ``\\udcXX``: ``os.fsencode(json.loads(...))``
    gives back the name's bytes."""
    return _JSON_ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def first_line(exc: BaseException, limit: int = 160) -> str:
    """An exception's message for a one-line report: its first line, without control characters,
    cut at ``limit``; the exception's type when it says nothing."""
    lines = CONTROL_RE.sub("", str(exc)).strip().splitlines()
    return lines[0][:limit] if lines and lines[0] else type(exc).__name__
