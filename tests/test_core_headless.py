"""The core and the batch commands never import textual."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = r"""
import sys, io, contextlib
import newsdiff.core.article, newsdiff.core.clean, newsdiff.core.sentences, newsdiff.core.document
import newsdiff.core.export, newsdiff.core.corpus, newsdiff.core.tokens
from newsdiff.cli import main
for args in ({args}):
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(list(args)) == 0, args
bad = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print("TEXTUAL:" + ",".join(bad))
"""


def _textual_modules(args: str) -> str:
    out = subprocess.run([sys.executable, "-c", SCRIPT.format(args=args)], capture_output=True, text=True,
                         check=True).stdout
    return out.strip().split("TEXTUAL:")[-1]


def test_core_list_and_clean_load_no_textual() -> None:
    assert _textual_modules('("list",), ("list", "--json"), ("clean", "001"), ("clean", "002", "--json")') == ""


def test_diff_and_facts_load_no_textual() -> None:
    assert _textual_modules('("diff", "000", "001"), ("diff", "002", "003", "--json"), ("facts",), ("facts", "--json")') == ""


def test_core_modules_never_import_textual_in_source() -> None:
    from pathlib import Path

    import newsdiff.core

    for path in Path(newsdiff.core.__file__).parent.glob("*.py"):
        text = path.read_text()
        assert "import textual" not in text and "from textual" not in text, path
