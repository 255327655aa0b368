"""Quantity extraction and unit conversion."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdiff.core.quantities import extract_quantities, weekday_of
from newsdiff.core.units import BY_SYMBOL, convert


def q1(text: str):
    qs = extract_quantities(text)
    assert len(qs) == 1, qs
    return qs[0]


@pytest.mark.parametrize(
    ("text", "kind", "value", "qualifier", "low", "high"),
    [
        ("he was shot five times", "times", 5, None, 5, 5),
        ("shot at least four times in", "times", 4, "at least", 4, math.inf),
        ("is shot at least five times as he walks", "times", 5, "at least", 5, math.inf),
        ("he was shot twice", "times", 2, None, 2, 2),
        ("about 40 rounds were fired", "count", 40, "about", 34, 46),
        ("About 30,000 North Koreans have fled", "count", 30000, "about", 25500, 34500),
        ("more than 200 people", "count", 200, "more than", 200, math.inf),
        ("dozens of parasites", "count", None, None, 24, 99),
        ("thought to be in his 20s", "age", None, None, 20, 29),
        ("a sergeant in his mid-20s", "age", None, "mid", 23, 27),
        ("in her early thirties", "age", None, "early", 30, 33),
        ("a man in his late twenties", "age", None, "late", 27, 29),
        ("he weighs just nine stone", "mass", 9, "only", 9 * 6.35029318, 9 * 6.35029318),
        ("the 24-year-old soldier", "age", 24, None, 24, 24),
        ("he is 24 years old", "age", 24, None, 24, 24),
        ("she was aged 31", "age", 31, None, 31, 31),
        ("prices rose 20% last year", "percent", 20, None, 20, 20),
        ("in more than three decades", "duration", 3, "more than", 3 * 315_569_520, math.inf),
        ("since 2007", "year", 2007, None, 2007, 2007),
        ("the 1950-53 Korean War", "year", None, None, 1950, 1953),
        ("on Tuesday", "weekday", None, None, 1, 1),
        ("on November 13", "date", None, None, 1113, 1113),
        ("on 13 Nov 2017", "date", 2017, None, 1113, 1113),
    ],
)
def test_extracts(text: str, kind: str, value, qualifier, low, high) -> None:
    q = q1(text)
    assert (q.kind, q.value, q.qualifier) == (kind, value, qualifier)
    assert q.low == pytest.approx(low, rel=1e-6) or (low == 0 and q.low == 0)
    assert q.high == pytest.approx(high, rel=1e-6) if high != math.inf else q.high == math.inf
    assert text[q.start:q.end] == q.text


def test_a_unit_spelling_that_is_also_a_word_needs_a_numeral() -> None:
    assert [q.kind for q in extract_quantities("one in five soldiers deserted")] == ["count"]
    assert extract_quantities("a 5 in screen")[0].unit == "in"


@pytest.mark.parametrize(
    ("text", "unit", "metres"),
    [
        ("worms as long as 27cm", "cm", 0.27),
        ("worms as long as 27 centimetres", "cm", 0.27),
        ("worms as long as 10 inches", "in", 0.254),
        ("the two-and-a-half-mile-wide zone", "mi", 4023.36),
        ("the 4-kilometer (2 1/2-mile) -wide zone", "km", 4000),
        ("he is 5 feet, 7 inches tall", "in", 1.7018),
    ],
)
def test_lengths_convert_to_metres(text: str, unit: str, metres: float) -> None:
    q = extract_quantities(text)[0]
    assert q.kind == "length" and q.unit == unit
    assert q.point == pytest.approx(metres, rel=1e-4)


def test_mass_in_stone() -> None:
    q = q1("but weighs just 9.4 stone.")
    assert (q.kind, q.unit, q.text) == ("mass", "st", "just 9.4 stone")
    assert q.point == pytest.approx(59.69, rel=1e-3)


@pytest.mark.parametrize("text", ["one hurries across the line", "at 3.02 to see", "a 2nd attempt", "five times as many people",
                                  "the soldier", "it is three times more likely"])
def test_no_false_quantities(text: str) -> None:
    assert [q for q in extract_quantities(text) if q.kind in ("count", "times")] == []


def test_weekday_of_a_date() -> None:
    assert weekday_of(2017, 11, 13) == 0  # a Monday
    assert weekday_of(2017, 2, 30) is None


units = st.sampled_from(sorted({(u.dimension, s) for s, u in BY_SYMBOL.items()}))


@given(st.floats(min_value=1e-3, max_value=1e6), units, units)
def test_unit_conversions_round_trip(value: float, a, b) -> None:
    (dim_a, sym_a), (dim_b, sym_b) = a, b
    ua, ub = BY_SYMBOL[sym_a], BY_SYMBOL[sym_b]
    if dim_a != dim_b:
        with pytest.raises(ValueError):
            convert(value, ua, ub)
        return
    assert convert(convert(value, ua, ub), ub, ua) == pytest.approx(value, rel=1e-9)


def test_known_conversions() -> None:
    assert convert(10, BY_SYMBOL["in"], BY_SYMBOL["cm"]) == pytest.approx(25.4)
    assert convert(1, BY_SYMBOL["mi"], BY_SYMBOL["km"]) == pytest.approx(1.609344)
    assert convert(1, BY_SYMBOL["st"], BY_SYMBOL["kg"]) == pytest.approx(6.35029318)
    assert convert(1, BY_SYMBOL["ft"], BY_SYMBOL["m"]) == pytest.approx(0.3048)


def test_a_numeral_with_its_scale_word_is_one_number_and_notes_read_as_written() -> None:
    (q,) = extract_quantities("The eruption affected more than 1.7 million people.")
    assert (q.kind, q.value, q.subject) == ("count", 1_700_000, "people") and q.low == pytest.approx(1_700_000)
    assert q.describe() == "> 1.7 million"
    (m,) = extract_quantities("The project will cost about $4.5 million.")
    assert m.describe() == "~$4.5 million"
    (w,) = extract_quantities("He received 23.1 billion won in bribes.")
    assert w.describe() == "23.1 billion won"
    (c,) = extract_quantities("Some 3,100 people were evacuated.")
    assert c.describe() == "~3,100"
    (y,) = extract_quantities("The fires of 2007 were worse.")
    assert y.describe() == "2007"


def test_a_number_too_large_for_a_float_is_not_a_figure() -> None:
    """Four hundred nines overflow to infinity, which JSON cannot hold: not a quantity at all."""
    assert not [q for q in extract_quantities("The flood killed " + "9" * 400 + " people.") if q.kind == "count"]
