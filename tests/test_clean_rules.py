"""Each rule family of the cleaning on its own: the line families of ``core/linerules.py`` called
directly, and the page families of ``core/clean.py`` run on a page after the families before them."""

from __future__ import annotations

import pytest

from newsdiff.core import linerules as lr
from newsdiff.core.clean import PAGE_RULES, Page, segment_blocks

BODY = ("The rescue team reached the village on Monday after a night of heavy rain, officials said.\n\n"
        "Residents said the river rose quickly and flooded more than forty homes near the bridge.\n\n")


def page_after(text: str, family, others=frozenset()) -> Page:
    """The page after ``family`` and every family before it have run."""
    raws = segment_blocks(text)
    page = Page(raws, [r.text for r in raws], others)
    for rule in PAGE_RULES:
        rule(page)
        if rule is family:
            return page
    raise AssertionError(f"{family} is not a page rule")


def labels(page: Page) -> list[str | None]:
    return [lab[0] if lab else None for lab in page.label]


def rules(page: Page) -> list[str | None]:
    return [lab[2] if lab else None for lab in page.label]


# -- line families ----------------------------------------------------------------------------


@pytest.mark.parametrize(("family", "line", "kind"), [
    (lr.separator_line, "* * *", "separator"),
    (lr.page_notices, "This story is over 5 years old.", "archive-notice"),
    (lr.page_notices, "© 2018 Example Media. All rights reserved.", "notice"),
    (lr.page_notices, "Our editorial standards", "notice"),
    (lr.page_controls, "Advertisement", "navigation"),
    (lr.page_controls, "Comments 14", "navigation"),
    (lr.page_controls, "Order Reprints | Today's Paper | Subscribe", "navigation"),
    (lr.page_controls, "Most read", "navigation"),
    (lr.reader_prompts, "Sign up for our daily newsletter", "call-to-action"),
    (lr.video_notes, "Skip to 1:45 for the moment the car crashes", "video-note"),
    (lr.contributor_credits, "Reporting by Jane Doe; Editing by John Roe", "byline"),
    (lr.credit_lines, "AFP/Getty Images", "credit"),
    (lr.credit_lines, "Image caption, Rescuers at the scene", "caption"),
    (lr.story_links, "Related: Floods hit the north again", "related-links"),
    (lr.story_links, "[Floods hit the north again](https://example.com/floods)", "related-links"),
    (lr.tags_and_fields, "Tags: floods, weather", "navigation"),
    (lr.tags_and_fields, "Email *", "call-to-action"),
    (lr.timestamps, "Updated 3 hours ago", "timestamp"),
])
def test_line_family_recognises_its_shape(family, line: str, kind: str) -> None:
    assert family(line)[0] == kind


@pytest.mark.parametrize("family", [
    lr.separator_line, lr.page_notices, lr.page_controls, lr.reader_prompts, lr.video_notes,
    lr.contributor_credits, lr.credit_lines, lr.story_links, lr.tags_and_fields, lr.timestamps,
])
@pytest.mark.parametrize("line", [
    "The rescue team reached the village on Monday after a night of heavy rain, officials said.",
    "Copyright lawyers for the station said the footage had been shared without permission.",
    "Updated figures released on Tuesday showed 32 people had fallen ill in 11 states.",
    "Floods in the north",
])
def test_line_families_leave_story_lines(family, line: str) -> None:
    assert family(line) is None


def test_line_furniture_names_the_family() -> None:
    assert lr.line_furniture("  Advertisement ") == ("navigation", "page control 'Advertisement'", "page_controls")
    assert lr.line_furniture(BODY.split("\n")[0]) is None


# -- page families ----------------------------------------------------------------------------


def test_line_labels_and_structure() -> None:
    from newsdiff.core.clean import line_labels

    page = page_after(f"Floods in the north\n\nAdvertisement\n\n{BODY}", line_labels)
    assert labels(page)[:3] == [None, "navigation", None]
    # a web page's structure labels come first; "other" gives way to what the line says about itself
    raws = segment_blocks("Floods in the north\nRead more\nMenu item")
    page = Page(raws, [r.text for r in raws], structure=[("@headline", ""), ("other", "outside"), ("aside", "x")])
    line_labels(page)
    assert page.page_head == 0
    assert [lab[:1] + lab[2:] for lab in page.label[1:]] == [("navigation", "page_controls"),
                                                             ("aside", "page-structure")]


def test_repeats() -> None:
    from newsdiff.core.clean import repeats

    cap = "Rescuers carry a woman through the flooded street in the village"
    page = page_after(f"Floods in the north\n\n{cap}\n\n{cap} (Jane Doe/Reuters)\n\n{BODY}"
                      "Floods in the north\n", repeats)
    assert labels(page) == [None, "caption", "caption", None, None, "duplicate"]
    assert page.dup_of == {2: 1, 5: 0}


def test_headed_lists() -> None:
    from newsdiff.core.clean import headed_lists

    page = page_after(f"Floods in the north\n\n{BODY}Related stories\nStorm hits the coast\nBridge reopens\n",
                      headed_lists)
    assert labels(page)[-3:] == ["navigation", "related-links", "related-links"]
    assert rules(page)[-1] == "headed_lists"


def test_captions() -> None:
    from newsdiff.core.clean import captions

    page = page_after(f"Floods in the north\n\nRescuers at work in the village\nCredit: AP\n\n{BODY}", captions)
    assert labels(page)[:3] == [None, "caption", "credit"]
    assert rules(page)[1] == "captions"


def test_headline_finds_the_headline_and_the_first_paragraph() -> None:
    from newsdiff.core.clean import headline

    page = page_after(f"Advertisement\n\nFloods in the north\n\nJane Doe\n\n{BODY}", headline)
    assert (page.head, page.first_para) == (1, 3)
    # a line printed twice near the top is the headline; title-like lines above it are other stories
    page = page_after(f"Storm hits the coast tonight\n\nFloods in the north kill 12\n\nFloods in the north kill 12"
                      f"\n\n{BODY}", headline)
    assert page.head == 1 and labels(page)[0] == "related-links"


def test_bylines_near_top() -> None:
    from newsdiff.core.clean import bylines_near_top

    page = page_after(f"Floods in the north\n\nJane Doe\nSenior Correspondent\n\n{BODY}Jane Doe\n",
                      bylines_near_top)
    assert labels(page) == [None, "byline", "byline", None, None, "duplicate"]


def test_unrelated_titles() -> None:
    from newsdiff.core.clean import unrelated_titles

    others = "\n".join(["Celebrity chef opens a new restaurant in Paris", "Football club signs a young striker",
                        "Stock markets close higher on bank results"])
    page = page_after(f"Floods in the north\n\n{BODY}{others}\n", unrelated_titles)
    assert labels(page)[-3:] == ["related-links"] * 3


def test_between_controls() -> None:
    from newsdiff.core.clean import between_controls

    page = page_after(f"Floods in the north\n\n{BODY}Just watched\nRescue in the valley\nReplay\n", between_controls)
    assert labels(page)[-3:] == ["navigation"] * 3
    assert rules(page)[-2] == "between_controls"
