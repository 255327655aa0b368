"""The one place that turns number words and numerals into values.

Used by the tokenizer (so that "five" and "5" compare equal) and by quantity extraction.
"""

from __future__ import annotations

import re

__all__ = [
    "FRACTION_WORDS",
    "MULTIPLIERS",
    "NUMBER_WORDS",
    "ORDINAL_WORDS",
    "parse_number_words",
    "parse_numeral",
]

NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "dozen": 12, "a dozen": 12, "a couple of": 2, "couple of": 2, "a pair of": 2, "single": 1,
}
MULTIPLIERS: dict[str, int] = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "m": 1_000_000, "k": 1_000,
}
ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "twentieth": 20,
    "thirtieth": 30, "hundredth": 100,
}
FRACTION_WORDS: dict[str, float] = {
    "half": 1 / 2, "quarter": 1 / 4, "third": 1 / 3, "three-quarters": 3 / 4, "three quarters": 3 / 4,
}
_UNICODE_FRACTIONS = {"½": 1 / 2, "¼": 1 / 4, "¾": 3 / 4, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 1 / 8}

_NUMERAL_RE = re.compile(
    r"^(?P<int>\d{1,3}(?:,\d{3})+|\d+)?(?:\.(?P<dec>\d+))?(?:\s*(?P<frac>\d+/\d+|[½¼¾⅓⅔⅛]))?$"
)


def parse_numeral(text: str) -> float | None:
    """'30,000' -> 30000, '9.4' -> 9.4, '2 1/2' -> 2.5, '½' -> 0.5; None if not a numeral."""
    m = _NUMERAL_RE.match(text.strip())
    if not m or not (m["int"] or m["dec"] or m["frac"]):
        return None
    value = float(m["int"].replace(",", "")) if m["int"] else 0.0
    if m["dec"]:
        value += float("0." + m["dec"])
    if m["frac"]:
        if m["frac"] in _UNICODE_FRACTIONS:
            value += _UNICODE_FRACTIONS[m["frac"]]
        else:
            num, den = m["frac"].split("/")
            if int(den) == 0:
                return None
            value += int(num) / int(den)
    return value


def parse_number_words(words: list[str]) -> tuple[float, int] | None:
    """Parse number words from the start of ``words`` (lower-case, already split on spaces and
    hyphens): ``['twenty', 'four', 'soldiers']`` -> ``(24, 2)``; ``['two', 'and', 'a', 'half']``
    -> ``(2.5, 4)``; ``['three', 'hundred']`` -> ``(300, 2)``. Returns (value, words used)."""
    total = 0.0
    current = 0.0
    used = 0
    seen = False
    i = 0
    while i < len(words):
        w = words[i]
        if w in NUMBER_WORDS and w not in ("single",):
            val = NUMBER_WORDS[w]
            # "twenty four" adds; "four twenty" would be two numbers: stop.
            if seen and current and not (current % 100 >= 20 and current % 10 == 0 and val < 10):
                break
            current += val
            seen = True
            i += 1
            used = i
        elif w in MULTIPLIERS and seen and len(w) > 2:
            mult = MULTIPLIERS[w]
            if mult == 100:
                current *= 100
            else:
                total += (current or 1) * mult
                current = 0
            i += 1
            used = i
        elif w == "and" and seen and i + 1 < len(words):
            # "two and a half", "a hundred and five"
            if words[i + 1] == "a" and i + 2 < len(words) and words[i + 2] in FRACTION_WORDS:
                current += float(FRACTION_WORDS[words[i + 2]])
                i += 3
                used = i
                break
            if words[i + 1] in NUMBER_WORDS:
                i += 1
                continue
            break
        else:
            break
    if not seen:
        return None
    return total + current, used
