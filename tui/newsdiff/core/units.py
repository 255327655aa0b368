"""Units of measure: their spellings, their dimension and their factor to one base unit.

One table decides both what the tokenizer treats as the same word ("centimetres" == "cm") and how
quantities convert (27 cm vs 10 inches).
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["BY_SYMBOL", "UNITS", "Unit", "convert", "lookup_unit"]


class Unit(NamedTuple):
    symbol: str  # canonical short name, e.g. "cm"
    dimension: str  # "length", "mass", "area", "volume", "speed", "temperature"
    factor: float  # multiply a value in this unit by factor to get the dimension's base unit


# base units: metre, kilogram, square metre, litre, km/h
_TABLE: list[tuple[Unit, tuple[str, ...]]] = [
    (Unit("mm", "length", 0.001), ("mm", "millimetre", "millimetres", "millimeter", "millimeters")),
    (Unit("cm", "length", 0.01), ("cm", "cms", "centimetre", "centimetres", "centimeter", "centimeters")),
    (Unit("m", "length", 1.0), ("m", "metre", "metres", "meter", "meters", "mtr")),
    (Unit("km", "length", 1000.0), ("km", "kms", "kilometre", "kilometres", "kilometer", "kilometers")),
    (Unit("in", "length", 0.0254), ("inch", "inches", "in", "ins")),
    (Unit("ft", "length", 0.3048), ("foot", "feet", "ft")),
    (Unit("yd", "length", 0.9144), ("yard", "yards", "yd", "yds")),
    (Unit("mi", "length", 1609.344), ("mile", "miles", "mi")),
    (Unit("nmi", "length", 1852.0), ("nautical mile", "nautical miles", "nmi")),
    (Unit("g", "mass", 0.001), ("g", "gram", "grams", "gramme", "grammes")),
    (Unit("kg", "mass", 1.0), ("kg", "kgs", "kilo", "kilos", "kilogram", "kilograms", "kilogramme")),
    (Unit("t", "mass", 1000.0), ("tonne", "tonnes", "metric ton", "metric tons")),
    (Unit("lb", "mass", 0.45359237), ("lb", "lbs", "pound", "pounds")),
    (Unit("oz", "mass", 0.028349523125), ("oz", "ounce", "ounces")),
    (Unit("st", "mass", 6.35029318), ("stone", "stones", "st")),
    (Unit("ha", "area", 10_000.0), ("hectare", "hectares", "ha")),
    (Unit("acre", "area", 4046.8564224), ("acre", "acres")),
    (Unit("km2", "area", 1_000_000.0), ("km2", "sq km", "square kilometres", "square kilometers")),
    (Unit("mi2", "area", 2_589_988.110336), ("sq mi", "square miles", "square mile")),
    (Unit("l", "volume", 1.0), ("l", "litre", "litres", "liter", "liters")),
    (Unit("gal", "volume", 3.785411784), ("gallon", "gallons", "gal")),
    (Unit("km/h", "speed", 1.0), ("km/h", "kmh", "kph", "kilometres per hour", "kilometers per hour")),
    (Unit("mph", "speed", 1.609344), ("mph", "miles per hour", "miles an hour")),
]

UNITS: dict[str, Unit] = {}
BY_SYMBOL: dict[str, Unit] = {}
for _unit, _names in _TABLE:
    BY_SYMBOL[_unit.symbol] = _unit
    for _name in _names:
        UNITS[_name] = _unit

# Spellings that are also ordinary English words; only a unit right after a number.
AMBIGUOUS = frozenset({"in", "ins", "m", "g", "l", "st", "mi", "ha", "t", "pound", "pounds", "stone",
                       "stones", "foot", "yard", "yards"})


def lookup_unit(word: str) -> Unit | None:
    """The unit a spelling names (case-insensitive), or None."""
    return UNITS.get(word.lower().rstrip("."))


def convert(value: float, src: Unit, dst: Unit) -> float:
    """Convert between two units of the same dimension."""
    if src.dimension != dst.dimension:
        raise ValueError(f"cannot convert {src.dimension} to {dst.dimension}")
    return value * src.factor / dst.factor
