"""Security checks on the source: no code execution from input, no shell, no SQL built from strings,
and hostile text kept as text."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from axisgraph.documents import read_text

SRC = Path(__file__).resolve().parents[1] / "src" / "axisgraph"
# pickle, marshal, eval, exec, unsafe YAML, shell=True, os.system, SQL by string formatting, tarfile extractall
RULES = "S301,S302,S307,S102,S506,S602,S604,S605,S608,S202"


def test_no_dangerous_calls_in_the_package():
    ruff = shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed")
    result = subprocess.run([ruff, "check", "--select", RULES, "--no-cache", str(SRC)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_hostile_markup_in_text_documents_is_kept_as_plain_text():
    doc = read_text('Iran <script>alert("x")</script> funds <img src=x onerror=alert(1)> Hamas.')
    assert "<script>" in doc.text and "onerror" in doc.text
