"""Each rule family of the cleaning on its own: the line families of ``core/linerules.py`` called
directly, and the page families of ``core/clean.py`` run on a page after the families before them."""

from __future__ import annotations

import pytest

from newsdiff.core import linerules as lr
from newsdiff.core.clean import PAGE_RULES, Page, segment_blocks

BODY = ("The rescue team reached the village on Monday after a night of heavy rain, officials said.\n\n"
        "Residents said the river rose quickly and flooded more than forty homes near the bridge.\n\n")
BODY2 = ("Engineers said the dam upstream had held, though water spilled over it for several hours.\n\n"
         "The regional governor promised money to rebuild the homes and the road to the village.\n\n")


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
    # any short line of date and time words with their labels
    (lr.timestamps, "and last updated 2018-11-30 18:55:02-05", "timestamp"),
    (lr.timestamps, "Update: 2017-09-12 21:29 GMT", "timestamp"),
    (lr.timestamps, "/ Updated", "timestamp"),
    (lr.timestamps, "Published:Wednesday | September 13, 2017 | 12:00 AM", "timestamp"),
    (lr.timestamps, "Monday, 6 August 2018, 10:12 am WIB", "timestamp"),
    (lr.page_controls, "Link to map", "navigation"),
    (lr.page_controls, "View the interactive graphic", "navigation"),
    (lr.reader_prompts, "Get browser notifications for breaking news, live events, and exclusive reporting.",
     "call-to-action"),
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


@pytest.mark.parametrize("line", ["Monday", "On Tuesday", "2018", "ET", "The last update", "Updated: Ex-President jailed",
                                  "32 in 11"])
def test_lines_of_date_words_need_a_label_a_time_or_a_full_date(line: str) -> None:
    assert lr.timestamps(line) is None


def test_a_credit_that_names_itself_in_brackets() -> None:
    line = "A map of states reporting E. coli linked to romaine lettuce. (credit: CDC.gov)"
    assert lr._credit_inside(line) == "(credit: CDC.gov)"
    # after a full stop, a bracketed name alone is the story's ("... said the agency. (Reuters)")
    assert lr._credit_inside("The agency said so on Monday. (Jane Doe)") is None


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
    assert rules(page)[1] == "captions:next-to-credit"


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


def test_dated_caption() -> None:
    from newsdiff.core.clean import dated_caption

    assert dated_caption("People sit underneath a tent at an evacuation centre in Mataram on August 6, 2018.")
    assert dated_caption("SpaceX's newest rocket lifted off Tuesday, Feb. 6, 2018, on its first flight")
    # a story reports what people said; a line opening with its date is a dateline or a timestamp
    assert not dated_caption("The company said it discovered the breach on Sept. 8, 2018 and told regulators.")
    assert not dated_caption("“We were lucky,” one man in Mataram on August 6, 2018 remembered.")
    assert not dated_caption("August 6, 2018: rescuers search the rubble of the mosque in Pemenang")
    assert not dated_caption("Rescuers searched the rubble of the mosque in Pemenang on Monday.")
    assert not dated_caption("People sit underneath a tent at an evacuation centre on August 6, 2018.", "2019")


def test_a_dated_caption_on_a_page() -> None:
    from newsdiff.core.clean import captions

    cap = "Rescuers carry a woman through the flooded street in the village on August 6, 2018."
    old = "The valley was last flooded in the spring, the worst flood since the one on April 2, 2011."
    page = page_after(f"Floods in the north\n\n{BODY}{cap}\n\n{old}\n\n{BODY2}", captions)
    assert page.year == "2018"
    # a full date of the page's year describes the picture; an older one is history the story recalls
    assert labels(page)[3:5] == ["caption", None]
    assert rules(page)[3] == "captions:dated"


def test_top_matter_titles() -> None:
    from newsdiff.core.clean import top_matter_titles

    text = (f"Floods in the north kill 12\n\nRescuers search for the missing in the valley\n\nJane Doe\n\n"
            f"Tuesday 24 July 2018 22:04\n\nHuge flood sweeps through villages as the toll rises\n\n{BODY}")
    page = page_after(text, top_matter_titles)
    # the standfirst right under the headline stays; the title after the byline and date is a video's
    assert labels(page)[:5] == [None, None, "byline", "timestamp", "caption"]
    # furniture other than a byline or a date above the standfirst does not make it a title
    text = (f"Floods in the north kill 12\n\nThis article is more than 8 years old\n\n"
            f"Rescuers search for the missing in the valley\n\nJane Doe\n\n{BODY}")
    assert labels(page_after(text, top_matter_titles))[:3] == [None, "archive-notice", None]
    # nor is the first line of a paragraph that the next line continues
    text = (f"Floods in the north kill 12\n\nJane Doe\n\nThe rescue team reached the village on Monday after\n"
            f"a night of heavy rain, officials said.\n\n{BODY}")
    assert labels(page_after(text, top_matter_titles))[2] is None


def test_unsupported_labels() -> None:
    from newsdiff.core.clean import unsupported_labels

    text = f"Directory of sites\n\nFloods in the north\n\n{BODY}Flooded valley\n\n{BODY2}Author\n\n0 : 0\n"
    page = page_after(text, unsupported_labels)
    assert labels(page) == ["navigation", None, None, None, None, None, None, "navigation", "navigation"]
    # a crosshead inside the story stays, even when it shares nothing with it
    text = f"Floods in the north\n\n{BODY}What the video shows\n\n{BODY2}"
    assert labels(page_after(text, unsupported_labels))[3] is None
    # the other articles' words count as the story's
    assert labels(page_after(f"{BODY}{BODY2}Author\n", unsupported_labels, frozenset({"author"})))[-1] is None


def test_a_list_the_story_announces_is_not_a_list_of_other_stories() -> None:
    from newsdiff.core.clean import unrelated_titles

    items = "• Nausea and vomiting\n• Stomach cramps (abdominal pain)\n• Fever of about 100 F to 101 F (37.7 C)\n"
    text = f"Floods in the north\n\n{BODY}Symptoms of the infection include:\n\n{items}\n{BODY2}"
    assert all(lab is None for lab in labels(page_after(text, unrelated_titles)))
    # without the announcing line, unrelated title-like lines are other stories
    others = "Celebrity chef opens a new restaurant in Paris\nFootball club signs a young striker\n" \
             "Stock markets close higher on bank results\n"
    assert labels(page_after(f"Floods in the north\n\n{BODY}{others}\n{BODY2}", unrelated_titles))[3:6] == \
        ["related-links"] * 3


def test_unrelated_labels_above_headline() -> None:
    from newsdiff.core.clean import headline

    page = page_after(f"Directory of sites\n\nFloods in the north kill 12 villagers\n\n{BODY}", headline)
    assert labels(page)[0] == "navigation" and page.head == 1


def test_a_short_headline_over_a_standfirst_stays_the_headline() -> None:
    from newsdiff.core.clean import headline

    page = page_after(f"River floods village\n\nRescuers reach the homes by boat\n\n{BODY}", headline)
    assert labels(page)[0] is None and page.head == 0
    # a label in capitals, or one the story's paragraphs do not share, is the site's
    for label in ("FLOODS", "Top News"):
        page = page_after(f"{label}\n\nRescuers reach the homes by boat\n\n{BODY}", headline)
        assert labels(page)[0] == "navigation" and page.head == 1
