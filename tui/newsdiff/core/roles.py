"""What a quantity in a sentence is *of*: its role, so that only figures of the same thing are compared.

Two outlets' sentences that state one fact often hold several numbers ("four boys were rescued on
Sunday and four on Monday, eight in all"; "the toll rose to 105 on Tuesday from 98"). A figure is
compared with another outlet's figure only when both say what they count or measure in the same
words, at the same moment:

* **context**: the content words next to the figure (``WINDOW`` on each side, within its clause;
  numbers, dates, names (capitalised words inside the sentence) and other figures' words left
  out: they say what the story is about, not what the figure counts) — "killed at least 50 people"
  has {kill, people}; "fined $16.8 million" has {fine};
* **role classes**: the common roles of news figures (the dead, the injured, the missing, the
  rescued, the displaced, the arrested, damage, money paid, sentences) named by many different
  words ("dead", "death toll", "killed", "lost their lives"); two figures whose contexts name
  different classes are never compared (the injured against the dead), two that name one class are;
* **moment**: a weekday, date or year stated in the same sentence anchors a figure; figures anchored
  to different days, or one anchored and the other not, may be different moments (a toll on Monday
  against one on Tuesday, or against one of unknown time; "the 77 killed in 2007" against this
  year's toll): a rising toll is not a disagreement;
* **what exactly is counted**: words between a number and its noun narrow what it counts ("two side
  boosters" are not "three boosters").

Without a role class the contexts must share a content word other than the counted noun itself
(which the counts already share): "20,000 people evacuated" is not "30 people trapped".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from .quantities import Quantity
from .tokens import content_keys

__all__ = ["WINDOW", "Placed", "place", "role_words", "same_event", "shared_role"]

# Content words looked at on each side of a figure.
WINDOW = 3
# A clause ends at these (a figure's context does not reach across them): "the toll rose to 98 after
# the quake struck on Sunday" dates the quake, not the toll.
# A verb of saying ends its clause too ("announced on Wednesday | that they would vote on Thursday";
# "officials said | 15 people died"): the verb stays with the words before it.
_MARKERS = (r"[;:()\[\]]|,\s+(?:and|but|which|who)\b|\s[-–—]\s"
            r"|\b(?:after|before|while|whereas|when|because|since|until|as\s+well\s+as)\b"
            r"|\b(?P<say>said|says|told|tells|announced|announces|added|stated|confirmed|reported)\b")
_CLAUSE = re.compile(_MARKERS, re.I)
# A day or date belongs to the nearest event: relative clauses end its context too ("announced on
# Wednesday | that they would vote"; "the quake that struck on Sunday").
_TIME_CLAUSE = re.compile(_MARKERS + r"|\b(?:that|which|who|where)\b", re.I)
_WORD = re.compile(r"[^\W_](?:[\w'’-]|\.(?=\w))*")
# Words of numbers ("98 people", "23.1 billion won") are part of the figure, not of its role.
_NUMBER_WORDS = frozenset(content_keys("hundred thousand million billion trillion dozen dozens"))

# Role classes: words (as content keys) that name one kind of figure in the news.
_CLASSES: dict[str, tuple[str, ...]] = {
    "dead": ("dead", "death", "die", "died", "kill", "killed", "toll", "fatal", "fatality", "fatalities", "bodies",
             "body", "lives", "perish", "victim", "victims", "lifeless"),
    "injured": ("injur", "injured", "injuries", "hurt", "wound", "wounded", "burn", "burns", "hospitalized",
                "hospitalised", "treated", "casualties"),
    "missing": ("missing", "unaccounted", "trapped", "buried"),
    "rescued": ("rescue", "rescued", "saved", "pulled", "freed", "evacuated", "evacuat"),
    "displaced": ("displaced", "homeless", "fled", "flee", "shelter", "shelters", "camps"),
    "arrested": ("arrest", "arrested", "detain", "detained", "custody", "charged", "suspects"),
    "damage": ("destroy", "destroyed", "damag", "damaged", "collaps", "collapsed", "flatten", "razed"),
    "sentence": ("sentence", "sentenced", "prison", "jail", "jailed", "imprisonment"),
    "fine": ("fine", "fined", "penalty"),
    "speed": ("speed", "mph", "km/h", "limit"),
    "magnitude": ("magnitude", "richter"),
    "depth": ("depth", "deep", "underground"),
    "distance": ("away", "east", "west", "north", "south", "northeast", "northwest", "southeast", "southwest",
                 "outside", "miles", "kilometres", "kilometers"),
}
_CLASS_OF: dict[str, str] = {}
for _name, _words in _CLASSES.items():
    for _w in _words:
        for _k in content_keys(_w) or [_w]:
            _CLASS_OF.setdefault(_k, _name)

_CALENDAR = frozenset(
    k for w in ("monday tuesday wednesday thursday friday saturday sunday january february march april may june "
                "july august september october november december today yesterday tonight morning evening night "
                "week year month day").split()
    for k in content_keys(w)
)


class Placed(NamedTuple):
    """A quantity with what it is of."""

    quantity: Quantity
    context: frozenset[str]  # content keys next to it, in its clause
    words: tuple[tuple[str, str], ...]  # (key, the word as written) of the context, in reading order
    classes: frozenset[str]  # role classes its context names
    anchors: frozenset[tuple[str, int]]  # weekdays, dates and years stated in its sentence (not itself)
    nearest: frozenset[str] = frozenset()  # the closest context word on each side
    modifiers: frozenset[str] = frozenset()  # for a count: content words between the number and its noun


def _clause_span(text: str, start: int, end: int, markers: re.Pattern = _CLAUSE) -> tuple[int, int]:
    """The clause of ``text`` holding [start, end)."""
    lo, hi = 0, len(text)
    for m in markers.finditer(text):
        # A verb of saying belongs to the clause before the boundary; other markers to neither.
        left, right = (m.end(), m.end()) if m.group("say") else (m.start(), m.end())
        if right <= start:
            lo = right
        elif left >= end:
            hi = left
            break
    return lo, hi


def _modifiers(q: Quantity) -> frozenset[str]:
    """Content words between a count's number and its counted noun ("two *side* boosters")."""
    if q.kind != "count" or not q.subject:
        return frozenset()
    words = [w for w in _WORD.findall(q.text) if not w[0].isdigit()]
    subject = set(content_keys(q.subject))
    keys = [k for w in words for k in content_keys(w)]
    if subject & set(keys):
        keys = keys[: keys.index(next(k for k in keys if k in subject))]
    return frozenset(k for k in keys if not k[0].isdigit() and k not in _NUMBER_WORDS and k not in _QUALIFIER_WORDS)


# Qualifier and vague-amount words are part of a figure's text but say nothing of what it counts.
_QUALIFIER_WORDS = frozenset(content_keys("least more than about around nearly almost some over under up to "
                                          "dozens hundreds thousands millions several few couple handful "
                                          "scores estimated roughly approximately just only"))


def place(text: str, quantities: Sequence[Quantity]) -> list[Placed]:
    """Each quantity of the sentence ``text`` with its context, role classes and anchors."""
    spans = [(q.start, q.end) for q in quantities]
    out = []
    for q in quantities:
        lo, hi = _clause_span(text, q.start, q.end, _TIME_CLAUSE if q.kind in ("weekday", "date") else _CLAUSE)
        before: list[tuple[str, str]] = []
        after: list[tuple[str, str]] = []
        for m in _WORD.finditer(text, lo, hi):
            if any(a <= m.start() < b for a, b in spans):
                continue  # the words of a figure (its own or another's) say nothing of the role
            if m.group()[0].isupper() and m.start() > 0:
                continue  # a name: what the story is about, not what the figure is of
            keys = [k for k in content_keys(m.group())
                    if k not in _CALENDAR and k not in _NUMBER_WORDS and not k[0].isdigit()]
            if not keys:
                continue
            (before if m.end() <= q.start else after).append((keys[0], m.group()))
        words = tuple(before[-WINDOW:] + after[:WINDOW])
        context = frozenset(k for k, _ in words)
        # Classes come from the words around the figure, not from its counted noun alone: two
        # counts of "charges" share their noun already, which says nothing of their role.
        classes = frozenset(_CLASS_OF[k] for k in context if k in _CLASS_OF)
        if q.subject:
            context |= frozenset(content_keys(q.subject))
        anchors = frozenset((o.kind, int(o.low)) for o in quantities
                            if o is not q and o.kind in ("weekday", "date", "year"))
        nearest = frozenset(k for k, _ in before[-1:] + after[:1])
        out.append(Placed(q, context, words, classes, anchors, nearest, _modifiers(q)))
    return out


def same_event(a: Placed, b: Placed) -> frozenset[str] | None:
    """For two days or dates: the words that show they date the same event. A day belongs to the
    word next to it ("released on Tuesday", "Sunday's earthquake"), so the two must have that word
    in common; sharing a place name or a noun further off is not enough."""
    return (a.nearest & b.nearest) or None


def shared_role(a: Placed, b: Placed) -> frozenset[str] | None:
    """The words that show two figures (of two outlets) are of the same thing, or None when they
    are not comparable (see the module docstring)."""
    if (a.anchors or b.anchors) and not (a.anchors & b.anchors):
        return None  # different moments, or a moment against an unknown one
    if a.quantity.kind in ("weekday", "date") and b.quantity.kind in ("weekday", "date"):
        return same_event(a, b)
    if a.quantity.kind == "count" and a.modifiers != b.modifiers:
        return None  # "two side boosters" are not "three boosters"
    if a.classes or b.classes:
        common = a.classes & b.classes
        if not common:
            return None
        return frozenset(k for k in a.context & b.context if _CLASS_OF.get(k) in common) or frozenset(common)
    # Counts of one noun share it already (their slot); what else they share says what they count.
    subject = set(content_keys(a.quantity.subject or "")) if a.quantity.kind == "count" else set()
    shared = (a.context & b.context) - subject
    return shared or None


def role_words(p: Placed, keys: frozenset[str] | set[str]) -> str:
    """The words of ``p``'s context whose keys are in ``keys``, as written, in reading order."""
    return " ".join(dict.fromkeys(w for k, w in p.words if k in keys))
