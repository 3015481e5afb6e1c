"""The Mermaid diagram beside the code names every state of the conversation, and no state that is gone."""

from __future__ import annotations

import re
from pathlib import Path

from intake.conversation.states import State

DIAGRAM = Path(__file__).resolve().parents[2] / "intake" / "conversation" / "states.mmd"


def test_the_state_diagram_and_the_state_enum_agree() -> None:
    text = "\n".join(line for line in DIAGRAM.read_text().splitlines() if not line.lstrip().startswith("%%"))
    drawn = set(re.findall(r"^\s*([a-z_]+)\s*-->", text, re.MULTILINE))
    drawn |= set(re.findall(r"-->\s*([a-z_]+)", text))
    assert drawn == {state.value for state in State}
