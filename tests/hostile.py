"""A corpus of hostile file names and metadata, and the checks that nothing of it acts on a terminal.

Shared by the CLI tests (tests/test_hostile_cli.py) and the app's (tests/ui/test_hostile_ui.py).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

BODY = ("North Korea soldier shot five times during defection, UN says\n\n"
        "A North Korean soldier was shot five times as he crossed the border on Monday, officials said. "
        "The soldier is being treated in a hospital in the South.\n")

# Each name carries one kind of attack: a window-title OSC (ESC ] 2 ; ... ESC \), an OSC 52 clipboard
# write, an OSC 8 hyperlink, a C1 CSI (U+009B), a right-to-left override, Rich/Textual markup that
# would act (a click action) or crash ([/]), and bytes that are not UTF-8.
HOSTILE_NAMES = [
    "t\x1b]2;PWNED\x1b\\x",
    "clip\x1b]52;c;cHduZWQ=\x07",
    "link\x1b]8;;evil.example\x1b\\here\x1b]8;;\x1b\\",
    "csi\u009b31m",
    "rtl\u202egnp",
    "[@click=app.quit]click[b]",
    "style[reverse]x[$accent]y",
]
UNDECODABLE = b"bad\xff\xfename"
HOSTILE_SOURCE = "Evil\x1b]2;PWNED-SOURCE\x07 [/] [@click=app.quit]Outlet\u202e\u009b"


HOSTILE_PAGE = (
    "<!doctype html><html><head><title>Soldier shot five times</title></head><body>"
    "<h1>Soldier shot five times</h1>"
    "<p>A North Korean soldier was shot five times as he crossed the border on Monday, officials said.</p>"
    "<p>The soldier is being treated in a hospital in the South after two operations, doctors said.</p>"
    '<div id="comments-&#27;]0;OWNED&#7;&#x202e;">Leave a comment below</div>'
    '<div class="share-\x1b[31mX\x9b2J">Share this story</div>'
    '<div class="related-\u202eZ[@click=app.quit]q[/]"><a href="/x">Another story entirely</a></div>'
    '<nav class="nav-\x1b]0;TITLE\x1b\\">Home</nav>'
    "</body></html>"
)


def make_hostile_corpus(folder: Path) -> Path:
    """Articles named with every kind of attack, a sources.json with a hostile source, a headline
    with markup and a zero-width joiner; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for n, name in enumerate(HOSTILE_NAMES):
        text = BODY if n else BODY.replace("North Korea soldier", "North Korea [/] soldier 👨\u200d👩\u200d👧")
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    with open(os.path.join(os.fsencode(folder), UNDECODABLE + b".txt"), "wb") as fh:
        fh.write(BODY.encode())
    # A web page whose markup (class and id names, quoted in the reasons of its boilerplate) carries
    # the attacks, raw and as character references.
    (folder / "page.html").write_text(HOSTILE_PAGE, encoding="utf-8")
    meta = {"articles": {HOSTILE_NAMES[1]: {"source": HOSTILE_SOURCE, "published": "2017\x1b]2;x\x07"}}}
    (folder / "sources.json").write_text(json.dumps(meta), encoding="utf-8")
    return folder


# What must never reach a terminal: any ESC but rich's own colour codes (SGR: ESC [ ... m), C1
# controls, other C0 controls but TAB/LF/CR, DEL, the bidi controls, and lone surrogates.
_SGR = re.compile(r"\x1b\[[0-9;]*m")
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200d\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def forbidden(output: str) -> list[str]:
    """The characters in ``output`` that would act on a terminal (rich's own SGR codes aside)."""
    return FORBIDDEN.findall(_SGR.sub("", output))
