"""Boilerplate labelling: one test per rule family on texts written for the test, the hand-labelled
fixtures in data/clean, and the seeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdiff.core.article import load_article
from newsdiff.core.clean import BOILERPLATE, CONTENT, clean, segment_blocks

from .conftest import DATA

BODY = (
    "The soldier was shot several times as he ran across the border, officials said on Monday.\n\n"
    "Doctors said he was recovering in hospital after two operations to remove the bullets.\n\n"
)
# The story going on after a line inside it (not a copy of the first paragraphs, which is a duplicate).
BODY2 = (
    "Military officials in the South said the guards had fired about forty rounds at the soldier.\n\n"
    "The United Nations Command said it would investigate the shooting at the border village.\n\n"
)


def labels(text: str, others: frozenset[str] = frozenset()) -> dict[str, tuple[str, str]]:
    return {b.text: (b.label, b.kind) for b in clean(text, others)}


def kind_of(text: str, line: str) -> str:
    for b in clean(text):
        if b.text == line:
            return b.kind if b.label == BOILERPLATE else CONTENT
    raise AssertionError(f"no block {line!r}")


# -- segmentation ------------------------------------------------------------------------------


def test_one_block_per_line_when_paragraphs_are_single_lines() -> None:
    blocks = segment_blocks("Head\n\nPara one is here.\nCaption line\nCredit: AP\n\nPara two.")
    assert [(b.line, b.end_line) for b in blocks] == [(1, 1), (3, 3), (4, 4), (5, 5), (7, 7)]


def test_hard_wrapped_paragraphs_become_one_block_with_line_numbers() -> None:
    para = (
        "The surgeon treating the soldier said on Wednesday that the man was\n"
        "recovering and would survive his injuries, according to his team at\n"
        "the hospital near the capital.\n"
    )
    text = "Short headline\n\n" + para + "\n" + para.replace("surgeon", "doctor")
    blocks = segment_blocks(text)
    assert [(b.line, b.end_line) for b in blocks] == [(1, 1), (3, 5), (7, 9)]
    assert blocks[1].text.startswith("The surgeon") and "  " not in blocks[1].text
    b = clean(text)[1]
    assert b.line_of(b.text.index("recovering")) == 4


def test_markdown_paragraphs_join_but_list_items_do_not() -> None:
    blocks = segment_blocks("# Title\n\nOne line\nsame para.\n- item one\n- item two", markdown=True)
    assert [b.text for b in blocks] == ["# Title", "One line same para.", "- item one", "- item two"]


def test_markdown_markers_stay_in_the_block_but_not_in_its_sentences(tmp_path: Path) -> None:
    """The reader shows "# Ferry sinks" as written; the headline, the diff and the facts read
    "Ferry sinks" (a "#" would be a word one outlet "inserted")."""
    from newsdiff.core.document import document

    path = tmp_path / "wire.md"
    path.write_text("# Ferry sinks in storm\n\n" + BODY + "- Rescuers pulled 31 people from the water.\n",
                    encoding="utf-8")
    doc = document(load_article(path))
    assert doc.headline == "Ferry sinks in storm"
    assert doc.blocks[0].text == "# Ferry sinks in storm"
    assert doc.sentences[0].text == "Ferry sinks in storm"
    assert doc.sentences[-1].text == "Rescuers pulled 31 people from the water."
    for b in doc.blocks:
        assert all(b.text[s.start:s.end] == s.text for s in b.sentences)
    # In plain text a leading "#" or "-" is the author's and stays.
    plain = clean("# 1 in the charts\n\n" + BODY)
    assert plain[0].sentences[0].text == "# 1 in the charts"


# -- rule families -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("This article exists as part of the online archive for The Daily Planet.", "archive-notice"),
        ("This article is more than 5 years old", "archive-notice"),
        ("Certain site features have been disabled.", "archive-notice"),
        ("Leave a Comment", "call-to-action"),
        ("View 34 comments", "call-to-action"),
        ("License this content", "call-to-action"),
        ("Reuse this content", "call-to-action"),
        ("Sign up for our morning newsletter", "call-to-action"),
        ("Follow us on Twitter for the latest updates", "call-to-action"),
        ("Have a news tip?", "call-to-action"),
        ("Close", "navigation"),
        ("Advertisement", "navigation"),
        ("Share on Facebook", "navigation"),
        ("https://example.com/other-story", "navigation"),
        ("(Drag to 3.02 to see an encounter between the two men)", "video-note"),
        ("Skip to 1:45 for the moment the car crashes", "video-note"),
        ("Watch the video above", "video-note"),
        ("Credit: AP", "credit"),
        ("Photograph: Jane Doe/Reuters", "credit"),
        ("Getty Images", "credit"),
        ("United Nations Command via Reuters", "credit"),
        ("[Featured Image by Jane Doe/Getty Images]", "credit"),
        ("AP Photo/Lee Jin-man", "credit"),
        ("Image source, Reuters", "credit"),
        ("Image caption, The car speeds towards the checkpoint", "caption"),
        ("Reporting by Jane Doe; Editing by John Roe", "byline"),
        ("Associated Press writer Jane Doe contributed to this report.", "byline"),
        ("Copyright 2017 The Associated Press. All rights reserved.", "notice"),
        ("This story originally appeared on The Conversation.", "notice"),
        ("Published 22 November 2017", "timestamp"),
        ("Tue 21 Nov 2017 06.07 GMT", "timestamp"),
        ("3 min read", "timestamp"),
        ("* * *", "separator"),
    ],
)
def test_lines_about_the_page_and_credits(line: str, kind: str) -> None:
    assert kind_of(f"A headline about the border\n\n{BODY}{line}\n\n{BODY2}", line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "Close to 30,000 people have fled the North since the war, most of them through China.",
        "Photo evidence released on Tuesday shows the guard crossing the line for a few seconds.",
        "Share prices in Seoul barely moved on the news of the defection.",
        "At 3:02 in the footage, a guard crosses the line and then turns back.",
        "Reporting by state media in the North was sparse, and Pyongyang said nothing.",
        "Copyright law in the South does not cover footage released by the military.",
        "The newspaper's online archive shows only two similar escapes since 1998.",
        "The ministry said it would not comment on the report.",
        "The UN Command said the North had violated the armistice by firing across the line (MDL).",
        "What the video shows",
        "Why did the soldier risk the escape?",
    ],
)
def test_story_lines_that_look_like_furniture_stay_content(line: str) -> None:
    assert kind_of(f"Soldier shot while fleeing across the border\n\n{BODY}{line}\n\n{BODY2}", line) == CONTENT


def test_caption_printed_twice_with_credit() -> None:
    cap = "A soldier runs towards the border after crashing his jeep"
    text = f"Headline here\n\n{BODY}{cap}\n{cap} Credit: AP\n\n{BODY}"
    blocks = clean(text)
    first, second = (b for b in blocks if b.text.startswith(cap))
    assert (first.kind, second.kind) == ("caption", "caption")
    assert "Credit: AP" in second.reason and str(first.line) in second.reason


def test_caption_next_to_a_credit_line_and_its_repeat() -> None:
    cap = "A soldier is seen crossing the line in this image taken from a video released on Tuesday."
    text = f"Headline here\n\n{BODY}{cap}\nJane Doe/Reuters\n{cap}\nClose\n"
    kinds = [b.kind for b in clean(text)][-4:]
    assert kinds == ["caption", "credit", "caption", "navigation"]


def test_caption_ending_in_a_parenthesised_credit() -> None:
    line = "The soldier sped towards the border in a jeep before crashing (AP)"
    assert kind_of(f"Headline\n\n{BODY}{line}\n\n{BODY2}", line) == "caption"
    ap = "In this image made from video, a soldier runs across the border on Nov. 13, 2017. (United Nations Command via AP)"
    assert kind_of(f"Headline\n\n{BODY}{ap}\n\n{BODY}", ap) == "caption"


def test_repeated_headline_and_repeated_paragraph_are_duplicates() -> None:
    text = f"Soldier escapes\n\nSoldier escapes\n\n{BODY}{BODY.split(chr(10))[0]}\n"
    blocks = clean(text)
    assert [b.kind for b in blocks] == ["headline", "duplicate", "body", "body", "duplicate"]
    assert blocks[1].reason == "repeats line 1"


@pytest.mark.parametrize(
    "top",
    [
        "Andy Wells\nFreelance Writer",
        "By Jane Doe",
        "By KIM TONG-HYUNG, Associated Press",
        "Justin McCurry in Tokyo",
        "Jane Doe and John Roe",
        "Senior Correspondent, Example News",
    ],
)
def test_bylines_and_job_titles_near_the_top(top: str) -> None:
    text = f"A headline about the border\n\n{top}\n\n{BODY}"
    kinds = [b.kind for b in clean(text)]
    assert kinds[0] == "headline"
    assert set(kinds[1 : 1 + top.count(chr(10)) + 1]) == {"byline"}
    assert kinds[-2:] == ["body", "body"]


def test_name_like_line_below_the_first_paragraph_is_not_a_byline() -> None:
    text = f"A headline\n\n{BODY}North Korea\n\n{BODY2}"
    assert kind_of(text, "North Korea") == CONTENT


def test_run_of_unrelated_headlines_is_related_links_but_story_crossheads_are_not() -> None:
    related = [
        "Prime minister announces new tax on sugary drinks",
        "Football club sacks manager after five straight defeats",
        "Rare orchid found growing in city car park",
    ]
    crossheads = ["Soldier shot while running for the border", "Doctors remove bullets in two operations",
                  "Officials say the soldier is recovering"]
    text = f"Border escape\n\n{BODY}" + "\n".join(related) + f"\n\n{BODY}" + "\n".join(crossheads) + "\n"
    lab = labels(text)
    for r in related:
        assert lab[r] == (BOILERPLATE, "related-links")
    for c in crossheads:
        assert lab[c] == (CONTENT, "body")
    reason = next(b.reason for b in clean(text) if b.text == related[0])
    assert reason == "one of 3 short headline-like lines unrelated to the story"


def test_other_outlets_support_a_line_the_article_alone_cannot() -> None:
    # Three title-like lines whose words this short article never uses: alone, they look like a list
    # of other stories; when another loaded article tells the same story with those words, they are
    # the story's own crossheads.
    lines = ["Guards fired forty rounds at the fleeing jeep", "Parasites found in intestine by surgeons",
             "Medics airlifted him to Suwon"]
    text = "Border escape\n\nA soldier defected on Monday.\n\n" + "\n".join(lines) + "\n"
    alone = labels(text)
    assert all(alone[x][1] == "related-links" for x in lines)
    from newsdiff.core.tokens import content_keys

    other = frozenset(content_keys("Guards fired 40 rounds at his jeep; surgeons found parasites in his intestine "
                                   "after medics airlifted him to a hospital in Suwon."))
    supported = labels(text, other)
    assert all(supported[x] == (CONTENT, "body") for x in lines)


def test_list_under_a_related_heading() -> None:
    text = f"Border escape\n\n{BODY}More on this story\nSoldier recovering in hospital\nWhy defections are rare\n"
    kinds = [b.kind for b in clean(text)][-3:]
    assert kinds == ["navigation", "related-links", "related-links"]


def test_headline_is_first_content_line_after_a_notice() -> None:
    text = f"This article exists as part of the online archive for Example.\n\nReal headline\n\n{BODY}"
    blocks = clean(text)
    assert [b.kind for b in blocks][:2] == ["archive-notice", "headline"]


def test_every_boilerplate_block_has_a_reason_and_content_has_sentences(corpus) -> None:
    for doc in corpus.documents:
        for b in doc.blocks:
            assert b.reason
            if b.label == CONTENT:
                assert b.sentences
                for s in b.sentences:
                    assert b.text[s.start : s.end] == s.text
            else:
                assert b.sentences == ()


# -- measured on hand-labelled data -----------------------------------------------------------

SEED_BOILERPLATE = {
    # Labelled by hand from the seeds' text (see ../shared/seeds/SOURCES.md for what each file is).
    "000": {3, 4, 12, 21, 22, 23, 24, 25, 26, 34, 42},
    "001": {1, 5, 25, 26, 27, 28, 29},
    "002": {32, 34},
    "003": {16},
    "004": {13, 14, 20, 21, 31, 32, 42, 43, 53, 54, 62},
}


def _score(pairs: list[tuple[bool, bool]]) -> tuple[float, float]:
    tp = sum(1 for exp, got in pairs if exp and got)
    fp = sum(1 for exp, got in pairs if got and not exp)
    fn = sum(1 for exp, got in pairs if exp and not got)
    return tp / max(1, tp + fp), tp / max(1, tp + fn)


def test_seed_boilerplate_precision_and_recall(corpus) -> None:
    pairs = []
    for doc in corpus.documents:
        expected = SEED_BOILERPLATE[doc.id[:3]]
        for b in doc.blocks:
            pairs.append((b.line in expected, b.label == BOILERPLATE))
    precision, recall = _score(pairs)
    assert (precision, recall) == (1.0, 1.0)


def test_fixture_boilerplate_precision_and_recall() -> None:
    folder = DATA / "clean"
    truth = json.loads((folder / "labels.json").read_text())
    pairs = []
    for name, lines in truth.items():
        if name.startswith("_"):
            continue
        for b in clean(load_article(Path(folder / name))):
            expected = bool(set(range(b.line, b.end_line + 1)) & set(lines))
            pairs.append((expected, b.label == BOILERPLATE))
    precision, recall = _score(pairs)
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)
