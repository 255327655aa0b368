"""Sentence splitting: abbreviations, initials, numbers and quotes never break a sentence."""

from __future__ import annotations

import pytest

from newsdiff.core.sentences import split_sentences


def sents(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.N. Command said so. The U.S. Army agreed.", ["The U.N. Command said so.", "The U.S. Army agreed."]),
        ("Col. Chad G. Carroll spoke. He left.", ["Col. Chad G. Carroll spoke.", "He left."]),
        ("Dr. Lee operated twice. He is fine.", ["Dr. Lee operated twice.", "He is fine."]),
        ("It weighs 9.4 stone and is 2.5 miles away. Next.", ["It weighs 9.4 stone and is 2.5 miles away.", "Next."]),
        ("About 30,000 fled. Most went via China.", ["About 30,000 fled.", "Most went via China."]),
        ("“He is fine,” the surgeon said. “He is not going to die.”",
         ["“He is fine,” the surgeon said.", "“He is not going to die.”"]),
        ('He said "stop." Then he ran.', ['He said "stop."', "Then he ran."]),
        ("It happened at 5 p.m. Monday. Then he left.", ["It happened at 5 p.m. Monday.", "Then he left."]),
        ("On Nov. 13 he crossed. He survived.", ["On Nov. 13 he crossed.", "He survived."]),
    ],
)
def test_splits(text: str, expected: list[str]) -> None:
    assert sents(text) == expected


def test_offsets_exclude_surrounding_whitespace() -> None:
    text = "  One sentence.   Two sentences here.  "
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == ["One sentence.", "Two sentences here."]
    assert spans[0][0] == 2


def test_empty_text_has_no_sentences() -> None:
    assert split_sentences("") == [] and split_sentences("  \n ") == []


def test_seed_sentences_with_initials_and_abbreviations_stay_whole(corpus) -> None:
    texts = [" ".join(s.text.split()) for d in corpus.documents for s in d.sentences]
    assert any("Col. Chad G. Carroll, a spokesman for the UN command" in t for t in texts)
    assert any(t.startswith("U.N. Command also said the North violated") for t in texts)
    for t in texts:
        assert not t.endswith((" U.", " G.", " Col.", " Dr.")), t


def test_a_time_zone_after_pm_goes_on_with_the_sentence() -> None:
    text = "After the rocket's 3:45 p.m. ET launch from the pad, the boosters landed. It was loud."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "After the rocket's 3:45 p.m. ET launch from the pad, the boosters landed.", "It was loud."]
