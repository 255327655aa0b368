"""Quantities stated in a sentence: counts, times, lengths and weights, ages, dates, weekdays, years.

Every quantity keeps the words it came from (``text``, ``start``, ``end``), the value as stated, its
qualifier ("at least", "about") and the interval of values it allows, in a base unit for measures
(metres, kilograms, seconds), so that two outlets' figures can be compared after conversion:
"27 cm" allows [0.27, 0.27] m, "10 inches" allows [0.254, 0.254] m, "at least four times" allows
[4, inf), "in his 20s" allows [20, 29].
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

from .lazyre import LazyRe
from .numbers import NUMBER_WORDS, ORDINAL_WORDS, parse_number_words, parse_numeral
from .tokens import content_keys
from .units import BY_SYMBOL, UNITS, Unit

__all__ = ["WEEKDAYS", "Quantity", "extract_quantities", "weekday_of"]

INF = math.inf
MEASURES = ("length", "mass", "area", "volume", "speed")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {m: n for n, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"), start=1)}
_MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
               "oct": 10, "nov": 11, "dec": 12}
_DURATION_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800,
                     "month": 2_629_746, "year": 31_556_952, "decade": 315_569_520}


class Quantity(NamedTuple):
    """One stated quantity. ``low``/``high`` are in ``base`` units (inf when unbounded)."""

    kind: str  # count, times, length, mass, area, volume, speed, age, duration, percent, money, date,
    #            weekday, year
    text: str
    start: int
    end: int
    value: float | None  # the figure as stated, in ``unit``
    unit: str | None  # cm, in, kg, st, ... ; years for ages; the currency for money
    qualifier: str | None  # "at least", "about", ...
    low: float
    high: float
    base: str | None = None  # m, kg, s, ... (what low/high are in)
    subject: str | None = None  # counted noun or repeated verb, lower case ("rounds", "shot")

    @property
    def point(self) -> float | None:
        """The stated figure in the base unit ("at least 4 times": 4; "10 inches": 0.254 m)."""
        if self.value is None or self.kind in ("date", "weekday"):
            return None
        if self.kind in MEASURES and self.unit in BY_SYMBOL:
            return self.value * BY_SYMBOL[self.unit].factor
        if self.kind == "duration":
            return self.value * _DURATION_SECONDS.get((self.unit or "").rstrip("s"), 1)
        return self.value

    @property
    def approximate(self) -> bool:
        return self.qualifier in _APPROX or self.value is None

    def slot(self) -> tuple[str, str | None]:
        """What this quantity measures, for comparing it with another outlet's: counts of the same
        noun ("two surgeries" with "2 surgeries", not with "two operations"), money of the same
        currency; everything else by kind (lengths with lengths after conversion, times with times)."""
        if self.kind == "count":
            keys = content_keys(self.subject or "")
            return (self.kind, keys[0] if keys else None)
        if self.kind == "money":
            return (self.kind, self.unit)  # no exchange rates: won are compared with won only
        return (self.kind, None)

    def describe(self) -> str:
        """Normalised form for notes: '27 cm', '≥ 4 times', '20-29 years'."""
        if self.kind == "weekday":
            return WEEKDAYS[int(self.low)].capitalize()
        if self.kind == "date":
            month, day = divmod(int(self.low), 100)
            return f"{_month_name(month)} {day}"
        if self.value is None:
            scale = _DURATION_SECONDS.get((self.unit or "").rstrip("s"), 1) if self.kind == "duration" else 1
            lo = _fmt(self.low / scale) if self.low != -INF else "?"
            hi = _fmt(self.high / scale) if self.high != INF else "?"
            return f"{lo}-{hi} {self.unit or ''}".strip()
        sign = {"at least": "≥ ", "more than": "> ", "at most": "≤ ", "up to": "≤ ", "less than": "< "}
        prefix = sign.get(self.qualifier or "", "~" if self.approximate else "")
        number = _fmt(self.value) if self.kind == "year" else _fmt_large(self.value)
        if self.kind == "money" and self.unit in _SYMBOLS:
            return f"{prefix}{self.unit}{number}"  # "$4.5 million", as a reader writes it
        unit = f" {self.unit}" if self.unit else ""
        return f"{prefix}{number}{unit}"


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.3g}"


# Currency signs written before the number; currencies named in words ("won") come after it.
_SYMBOLS = frozenset("$€£¥₩₹")


def _fmt_large(x: float) -> str:
    """A figure as notes show it: millions and billions in words ("4.5 million"), thousands with
    separators ("3,100"), the rest as ``_fmt``."""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(x) >= size:
            return f"{float(f'{x / size:.4g}'):g} {word}"
    if abs(x) >= 1_000 and float(x).is_integer():
        return f"{int(x):,}"
    return _fmt(x)


def _month_name(m: int) -> str:
    return next((k.capitalize() for k, v in MONTHS.items() if v == m), str(m))


# Words before a number that change what it allows. Interval rules in ``_interval``.
_QUALIFIERS = {
    "at least": "at least", "no fewer than": "at least", "no less than": "at least", "a minimum of": "at least",
    "more than": "more than", "over": "more than", "upwards of": "more than", "in excess of": "more than",
    "at most": "at most", "no more than": "at most", "up to": "up to", "as many as": "up to",
    "as much as": "up to", "as long as": "up to", "as high as": "up to", "as far as": "up to",
    "less than": "less than", "fewer than": "less than", "under": "less than", "below": "less than",
    "about": "about", "around": "about", "approximately": "about", "roughly": "about", "some": "about",
    "an estimated": "about", "estimated": "about", "close to": "nearly", "nearly": "nearly",
    "almost": "nearly", "just under": "nearly", "exactly": "exactly", "precisely": "exactly",
    "just": "only", "only": "only", "merely": "only", "a mere": "only",
}
_APPROX = {"about", "nearly"}
_QUAL_MAX_WORDS = max(len(q.split()) for q in _QUALIFIERS)
_WORDS_BEFORE = LazyRe(rf"((?:[A-Za-z]+\s+){{1,{_QUAL_MAX_WORDS}}})$")
# Vague amounts: their plausible ranges.
_VAGUE = {
    "dozens": (24, 99), "hundreds": (200, 999), "thousands": (2000, 99_999), "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999), "millions": (2e6, 99e6), "several": (3, 9), "a few": (2, 5),
    "a couple of": (2, 2), "a handful of": (3, 6), "scores": (40, 200), "a dozen": (12, 12),
}
_VAGUE_RE = LazyRe(r"\b(" + "|".join(sorted((re.escape(v) for v in _VAGUE), key=len, reverse=True))
                       + r")\b", re.I)

_NUMWORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
# A number: numerals (30,000  9.4  2 1/2  ½), or number words, possibly hyphenated
# ("two-and-a-half", "twenty-four").
# Numerals may touch a unit ("27cm"); number words end at a word boundary ("ten", not "tens").
_NUMBER = (
    r"(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s+\d+/\d+|[½¼¾⅓⅔⅛])?|\d+/\d+|[½¼¾])(?![\d/])"
    # A numeral with its scale word is one number ("1.7 million people": 1,700,000 people).
    r"(?:\s+(?:hundred|thousand|million|billion|trillion)\b)?"
    rf"|(?:(?:{_NUMWORD})(?:[-\s](?:and[-\s]a[-\s](?:half|quarter)|{_NUMWORD}|hundred|thousand|million|billion))*)"
    r"(?:[-\s](?:hundred|thousand|million|billion))?\b"
)
_NUM_RE = LazyRe(rf"(?<![\w.,/-])(?P<num>{_NUMBER})", re.I)
# A unit right after a number: one to three words (or "km/h"), looked up in ``units.UNITS``.
_UNIT_WORDS = LazyRe(r"^[-\s]?(?P<w>[A-Za-z]+(?:/[A-Za-z]+|2)?)(?:\s+(?P<w2>[A-Za-z]+))?(?:\s+(?P<w3>[A-Za-z]+))?")


def _unit_after(after: str) -> tuple[str, int] | None:
    """The longest unit spelling right after a number ("27cm", " square miles", "-mile"), lower
    case, and where it ends in ``after``."""
    m = _UNIT_WORDS.match(after)
    if not m:
        return None
    words = [(m["w"], m.end("w")), (m["w2"], m.end("w2")), (m["w3"], m.end("w3"))]
    for k in (3, 2, 1):
        if any(w is None for w, _ in words[:k]):
            continue
        name = " ".join(w for w, _ in words[:k]).lower()
        if name in UNITS:
            return name, words[k - 1][1]
    return None


# Unit spellings that are ordinary words after a number word ("one in five", "two m..."): they
# count only after a numeral ("5 in", "3 m"). Unlike ``units.AMBIGUOUS``, "nine stone" and "two
# pounds" do count.
_NUMERAL_ONLY_UNITS = frozenset({"in", "m", "st", "g", "l", "t", "ha", "mi"})
# The base unit of each dimension (what ``Quantity.low``/``high`` are in).
_BASE_UNIT = {"length": "m", "mass": "kg", "area": "m2", "volume": "l", "speed": "km/h"}
_MONEY_SCALE = {"million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12, "k": 1e3}


_AGE_AFTER = LazyRe(r"^[-\s](?:years?|yrs?)[-\s]old\b|^[-\s]year[-\s]old\b", re.I)
_AGE_DECADE = LazyRe(r"\b(?:in\s+(?:his|her|their)\s+)?(?:(?P<part>early|mid|late)[-\s]?)?(?P<decade>\d0)s\b",
                         re.I)
_AGE_DECADE_WORDS = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
                     "seventies": 70, "eighties": 80, "nineties": 90, "teens": 10}
_AGE_DECADE_WORD = LazyRe(r"\b(?:in\s+(?:his|her|their)\s+)?(?:(?P<part>early|mid|late)[-\s]?)?(?P<w>"
                          + "|".join(_AGE_DECADE_WORDS) + r")\b", re.I)
_AGED = LazyRe(r"\baged\s+(?P<n>\d{1,3})\b", re.I)
# "five times" counts events; "five times as many", "three times more" multiply instead.
_TIMES_AFTER = LazyRe(
    r"^\s+times\b(?!\s+(?:as\s+(?:many|much|big|large|high|long|likely|fast|great|old|heavy|far|wide|"
    r"strong|expensive|common|often)\b|more|less|fewer|higher|lower|bigger|larger|greater|smaller|the\s+\w+\s+of))",
    re.I,
)
_ONCE = LazyRe(r"\b(?P<w>once|twice|thrice)\b(?!\s+(?:as|more|again|upon|before))", re.I)
_PERCENT_AFTER = LazyRe(r"^\s*(?:%|per\s?cent\b|percent\b)", re.I)
_DURATION_AFTER = LazyRe(r"^[-\s](?P<u>second|minute|hour|day|week|month|year|decade)s?\b", re.I)
# Amounts written with a currency's name after them: "23.1 billion won", "40 million yen".
_CURRENCY_NAMES = {"won": "won", "yen": "yen", "yuan": "yuan", "renminbi": "yuan", "rupee": "rupees",
                   "rupees": "rupees", "rupiah": "rupiah", "dollar": "$", "dollars": "$", "euro": "€", "euros": "€",
                   "rand": "rand", "naira": "naira", "peso": "pesos", "pesos": "pesos", "rouble": "roubles",
                   "roubles": "roubles", "ruble": "roubles", "rubles": "roubles", "franc": "francs",
                   "francs": "francs", "shekel": "shekels", "shekels": "shekels", "dirham": "dirhams",
                   "dirhams": "dirhams", "riyal": "riyals", "riyals": "riyals", "ringgit": "ringgit", "baht": "baht",
                   "lira": "lira", "sterling": "£"}
_MONEY_NAMED = LazyRe(r"(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d+))?"
                      r"(?:\s?(?P<mult>million|billion|trillion|bn|m|k)\b)?\s+(?P<cur>"
                      + "|".join(sorted(_CURRENCY_NAMES, key=len, reverse=True)) + r")\b", re.I)
_MONEY = LazyRe(r"(?P<cur>[$£€¥])\s?(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d+))?"
                    r"(?:\s?(?P<mult>million|billion|trillion|bn|m|k)\b)?", re.I)
_MONTH_WORD = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE_MD = LazyRe(rf"\b{_MONTH_WORD}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{{4}}))?", re.I)
_DATE_DM = LazyRe(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_WORD}(?:,?\s+(?P<year>\d{{4}}))?\b",
                      re.I)
_WEEKDAY = LazyRe(r"\b(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
_YEAR = LazyRe(r"(?<![\w$£€.,])(?P<y1>1[89]\d\d|20\d\d)(?:\s*[-–]\s*(?P<y2>\d{2}|\d{4}))?(?![\w%])")
_HEIGHT = LazyRe(r"\b(?P<ft>\d)\s*(?:feet|foot|ft|')[,\s]*(?:and\s+)?(?P<inch>\d{1,2})\s*(?:inches|inch|in|\")?\b",
                     re.I)
_OF_THE = LazyRe(r"^\s+of\s+(?:the|his|her|their|its|our|them|those|these)\s+(?P<noun>[A-Za-z][\w’'-]*)", re.I)
_NOUN_AFTER = LazyRe(r"^[-\s]+(?P<words>(?:[A-Za-z][\w’'-]*\s+){0,2}[A-Za-z][\w’'-]*)")


_SCALE = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


def _parse_number(text: str) -> float | None:
    """The value of a number as written, or None (also for one too large to be a float: four
    hundred nines are not a figure anybody reports)."""
    value = _parse_number_text(text)
    return value if value is not None and math.isfinite(value) else None


def _parse_number_text(text: str) -> float | None:
    t = text.strip().lower()
    v = parse_numeral(t)
    if v is not None:
        return v
    numeral, _, scale = t.rpartition(" ")
    if scale in _SCALE and (v := parse_numeral(numeral.strip())) is not None:
        return v * _SCALE[scale]  # "1.7 million"
    words = [w for w in re.split(r"[-\s]+", t) if w]
    parsed = parse_number_words(words)
    if parsed is None or parsed[1] != len(words):
        return None
    return parsed[0]


def _qualifier(text: str, start: int) -> tuple[str | None, int]:
    m = _WORDS_BEFORE.search(text[max(0, start - 30) : start])
    if not m:
        return None, start
    tail = m.group(1)
    starts = [w.start() for w in re.finditer(r"[A-Za-z]+", tail)]
    words = tail.split()
    for k in range(len(words), 0, -1):
        phrase = " ".join(words[-k:]).lower()
        if phrase in _QUALIFIERS:
            return _QUALIFIERS[phrase], start - len(tail) + starts[-k]
    return None, start


def _interval(value: float, qualifier: str | None) -> tuple[float, float]:
    q = qualifier
    if q == "at least":
        return value, INF
    if q == "more than":
        return math.nextafter(value, INF), INF
    if q in ("at most", "up to"):
        return 0.0, value
    if q == "less than":
        return 0.0, math.nextafter(value, -INF)
    if q == "about":
        return value * 0.85, value * 1.15
    if q == "nearly":
        return value * 0.85, value
    return value, value


def _head_noun(after: str) -> tuple[str, int] | None:
    """The counted noun after a number and where it ends in ``after``: '40 rounds',
    'four of his comrades', '30,000 North Koreans' (the first plural-looking word is the head)."""
    m = _OF_THE.match(after)
    if m:
        return (m.group("noun").lower(), m.end()) if content_keys(m.group("noun")) else None
    m = _NOUN_AFTER.match(after)
    if not m:
        return None
    words = list(re.finditer(r"[A-Za-z][\w’'-]*", m.group("words")))
    head = next((w for w in words if w.group().lower().endswith("s") and not w.group().lower().endswith("ss")),
                words[0])
    return (head.group().lower(), m.start("words") + head.end()) if content_keys(head.group()) else None


def _verb_before(text: str, start: int) -> str | None:
    """The verb a count of times belongs to: 'shot at least five times' -> shoot."""
    words = re.findall(r"[A-Za-z][\w’'-]*", text[:start])
    for w in reversed(words[-4:]):
        keys = content_keys(w)
        if keys and not keys[0][0].isdigit():
            return w.lower()
    return None


_MONTH_KEYS = frozenset([*MONTHS, *_MONTH_ABBR, "may"])
_VAGUE_WORDS = frozenset(w for v in _VAGUE for w in v.split() if w not in ("a", "of"))
# Cheap test first: a sentence without a digit, a number word, a weekday, a month or a vague amount
# states no quantity.
_ANY = LazyRe(
    r"\d|[½¼¾$£€¥]|\b(?:" + "|".join(sorted({*NUMBER_WORDS, *WEEKDAYS, *MONTHS, *_MONTH_ABBR, *_AGE_DECADE_WORDS,
                                             "once", "twice", "thrice", "dozen", "dozens", "hundreds", "thousands",
                                             "millions", "several", "few", "couple", "handful", "scores"}))
    + r")\b",
    re.I,
)


class _Found:
    """The quantities found so far in one text, and the spans they cover (a later rule family never
    takes a span an earlier one took: "5 feet 7 inches" is one height, not two lengths)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.low = text.lower()
        self.words = set(re.findall(r"[a-z]+", self.low))
        self.quantities: list[Quantity] = []
        self._taken: list[tuple[int, int]] = []

    def free(self, a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in self._taken)

    def add(self, q: Quantity) -> None:
        self.quantities.append(q)
        self._taken.append((q.start, q.end))


def _heights(f: _Found) -> None:
    """Heights given in feet and inches, as one length: "5 feet, 7 inches"."""
    if not ({"feet", "foot", "ft"} & f.words or "'" in f.text):
        return
    for m in _HEIGHT.finditer(f.text):
        metres = int(m["ft"]) * 0.3048 + int(m["inch"]) * 0.0254
        f.add(Quantity("length", m.group(), m.start(), m.end(), int(m["ft"]) * 12 + int(m["inch"]), "in", None,
                       metres, metres, "m"))


def _money(f: _Found) -> None:
    """Amounts with a currency sign ("$16.8 million", "£5bn") or name ("23.1 billion won")."""
    text = f.text
    signs = any(c in text for c in "$£€¥")
    named = not f.words.isdisjoint(_CURRENCY_NAMES)
    for rx in ((_MONEY,) if signs else ()) + ((_MONEY_NAMED,) if named else ()):
        for m in rx.finditer(text):
            if not f.free(m.start(), m.end()):
                continue
            value = float(m["num"].replace(",", "") + (f".{m['dec']}" if m["dec"] else ""))
            value *= _MONEY_SCALE.get((m["mult"] or "").lower(), 1)
            cur = _CURRENCY_NAMES.get(m["cur"].lower(), m["cur"])
            q, s = _qualifier(text, m.start())
            lo, hi = _interval(value, q)
            f.add(Quantity("money", text[s : m.end()], s, m.end(), value, cur, q, lo, hi, cur))


def _dates(f: _Found) -> None:
    """Calendar dates, month first or day first, with an optional year: "November 13", "6 April 2018"."""
    if f.words.isdisjoint(_MONTH_KEYS):
        return
    text = f.text
    for rx in (_DATE_MD, _DATE_DM):
        for m in rx.finditer(text):
            if not f.free(m.start(), m.end()):
                continue
            mon = m["month"].lower().rstrip(".")
            month = MONTHS.get(mon) or _MONTH_ABBR.get(mon[:4]) or _MONTH_ABBR.get(mon[:3])
            day = int(m["day"])
            if month is None or not 1 <= day <= 31 or (mon == "may" and not m.group()[0].isdigit()
                                                        and text[m.start()] == "m"):
                continue  # "may" the verb
            code = month * 100 + day
            year = int(m["year"]) if m["year"] else None
            f.add(Quantity("date", m.group(), m.start(), m.end(), year, None, None, code, code, None, None))


def _weekdays(f: _Found) -> None:
    if "day" not in f.low:
        return
    for m in _WEEKDAY.finditer(f.text):
        wd = WEEKDAYS.index(m["wd"].lower())
        f.add(Quantity("weekday", m.group(), m.start(), m.end(), None, None, None, wd, wd))


def _ages(f: _Found) -> None:
    """Ages by decade ("in his 20s", "mid-20s", "twenties") and "aged 24" (ages written "24-year-old"
    are found with the other numbers)."""
    if "0s" in f.low or not f.words.isdisjoint(_AGE_DECADE_WORDS):
        for rx, decade in ((_AGE_DECADE, lambda m: int(m["decade"])),
                           (_AGE_DECADE_WORD, lambda m: _AGE_DECADE_WORDS[m["w"].lower()])):
            for m in rx.finditer(f.text):
                if not f.free(m.start(), m.end()):
                    continue
                d = decade(m)
                part = (m["part"] or "").lower()
                lo, hi = {"early": (d, d + 3), "mid": (d + 3, d + 7), "late": (d + 7, d + 9)}.get(part, (d, d + 9))
                f.add(Quantity("age", m.group(), m.start(), m.end(), None, "years", part or None, lo, hi, "years"))
    if "aged" in f.words:
        for m in _AGED.finditer(f.text):
            if f.free(m.start(), m.end()):
                n = float(m["n"])
                f.add(Quantity("age", m.group(), m.start(), m.end(), n, "years", None, n, n, "years"))


def _once(f: _Found) -> None:
    """"once", "twice", "thrice": counts of times, with the verb they count."""
    if f.words.isdisjoint(("once", "twice", "thrice")):
        return
    text = f.text
    for m in _ONCE.finditer(text):
        if f.free(m.start(), m.end()):
            n = {"once": 1, "twice": 2, "thrice": 3}[m["w"].lower()]
            q, s = _qualifier(text, m.start())
            lo, hi = _interval(n, q)
            f.add(Quantity("times", text[s : m.end()], s, m.end(), n, "times", q, lo, hi, None, _verb_before(text, s)))


def _vague(f: _Found) -> None:
    """Vague amounts with their plausible range: "dozens of parasites", "a few seconds"."""
    if f.words.isdisjoint(_VAGUE_WORDS):
        return
    text = f.text
    for m in _VAGUE_RE.finditer(text):
        if not f.free(m.start(), m.end()):
            continue
        lo, hi = _VAGUE[m.group().lower()]
        after = text[m.end() :]
        dm = re.match(r"^\s+(?:more\s+)?(?P<u>second|minute|hour|day|week|month|year|decade)s?\b", after, re.I)
        if dm:  # "a few seconds", "several more days"
            secs = _DURATION_SECONDS[dm["u"].lower()]
            end = m.end() + dm.end()
            f.add(Quantity("duration", text[m.start() : end], m.start(), end, None, dm["u"].lower() + "s", None,
                           lo * secs, hi * secs, "s"))
            continue
        om = re.match(r"^\s+of\b", after)
        head = _head_noun(after[om.end() :]) if om else None
        end = m.end() + om.end() + head[1] if om and head else m.end()
        f.add(Quantity("count", text[m.start() : end], m.start(), end, None, None, None, float(lo), float(hi), None,
                       head[0] if head else None))


def _year(text: str, m: re.Match, raw: str) -> Quantity | None:
    """A year, alone or as a span ("1950-53"): four digits in a plausible range, not a measure."""
    ym = _YEAR.match(text, m.start("num"))
    if not ym or ym.start() != m.start("num") or _unit_after(text[ym.end():]) or raw.lower().isalpha():
        return None
    y1 = int(ym["y1"])
    y2 = ym["y2"]
    hi = int(y2) if y2 and len(y2) == 4 else (y1 // 100 * 100 + int(y2) if y2 else y1)
    if hi < y1 or m.group().count(","):
        return None
    return Quantity("year", ym.group(), ym.start(), ym.end(), float(y1) if not y2 else None, None, None,
                    float(y1), float(hi))


def _number(text: str, m: re.Match) -> Quantity | bool | None:
    """What one number states, by what follows it: a year, a measure with its unit, an age, a count
    of times, a percentage, a duration, or a count of the noun after it. False: the number is
    something else (a multiplier, an ordinal, a clock time, the pronoun "one")."""
    a, b = m.span("num")
    raw = m["num"]
    value = _parse_number(raw)
    if value is None:
        return False
    after = text[b:]
    q, s = _qualifier(text, a)
    year = _year(text, m, raw)
    if year is not None:
        return year
    if raw.lower() == "one" and not re.match(r"^\s+of\b", after):
        return False  # "one" as a pronoun or article ("one hurries across"); "one of the soldiers" counts
    if re.search(r"\ball\s+but\s+$", text[:a], re.I):
        return False  # "all but one of its cars" counts the others, not one
    um = _unit_after(after)
    if um and not (um[0] in _NUMERAL_ONLY_UNITS and raw.lower().isalpha()):
        unit: Unit = UNITS[um[0]]
        end = b + um[1]  # "2 1/2-mile" style adjectives measure too
        lo, hi = _interval(value * unit.factor, q)
        return Quantity(unit.dimension, text[s:end], s, end, value, unit.symbol, q, lo, hi, _BASE_UNIT[unit.dimension])
    am = _AGE_AFTER.match(after)
    if am:
        end = b + am.end()
        # "the 64-year-old ceasefire": an age of a thing; kept, its subject is what follows.
        lo, hi = _interval(value, q)
        head = _head_noun(text[end:])
        return Quantity("age", text[s:end], s, end, value, "years", q, lo, hi, "years", head[0] if head else None)
    tm = _TIMES_AFTER.match(after)
    if tm:
        end = b + tm.end()
        lo, hi = _interval(value, q)
        return Quantity("times", text[s:end], s, end, value, "times", q, lo, hi, None, _verb_before(text, s))
    if re.match(r"^\s+times\b", after, re.I):
        return False  # a multiplier ("five times as many"), not a count
    pm = _PERCENT_AFTER.match(after)
    if pm:
        end = b + pm.end()
        lo, hi = _interval(value, q)
        return Quantity("percent", text[s:end], s, end, value, "%", q, lo, hi, "%")
    dm = _DURATION_AFTER.match(after)
    if dm:
        end = b + dm.end()
        secs = _DURATION_SECONDS[dm["u"].lower()]
        lo, hi = _interval(value * secs, q)
        return Quantity("duration", text[s:end], s, end, value, dm["u"].lower() + "s", q, lo, hi, "s")
    if re.match(r"^\s*(?:st|nd|rd|th)\b", after) or raw.lower() in ORDINAL_WORDS:
        return False
    if re.search(r"[:.]\s*$", text[:a][-1:]) or re.match(r"^[:.]\d", after):
        return False  # clock times and section numbers
    head = _head_noun(after)
    if head is None:
        return None
    lo, hi = _interval(value, q)
    end = b + head[1]
    return Quantity("count", text[s:end], s, end, value, None, q, lo, hi, None, head[0])


def _numbers(f: _Found) -> None:
    """Every other number, read by what follows it (``_number``)."""
    for m in _NUM_RE.finditer(f.text):
        if not f.free(*m.span("num")):
            continue
        q = _number(f.text, m)
        if isinstance(q, Quantity):
            f.add(q)


# The rule families, in order: earlier families take their spans first.
_FAMILIES = (_heights, _money, _dates, _weekdays, _ages, _once, _vague, _numbers)


def extract_quantities(text: str) -> list[Quantity]:
    """All quantities in ``text``, in order of appearance (see module docstring)."""
    if not _ANY.search(text):
        return []
    found = _Found(text)
    for family in _FAMILIES:
        family(found)
    return sorted(found.quantities, key=lambda q: q.start)


def weekday_of(year: int, month: int, day: int) -> int | None:
    """Weekday (0 = Monday) of a date, or None if it is not a date."""
    import datetime

    try:
        return datetime.date(year, month, day).weekday()
    except ValueError:
        return None
