"""The conversation in a terminal (`intake chat`): for demos, and to try a policy file quickly."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from intake.enums import Channel
from intake.messages import Inbound, Reply
from intake.services import Services


def render_reply(reply: Reply) -> str:
    """Choices as numbered options, as on a phone."""
    lines = [reply.text]
    lines += [f"  {n}. {choice.label}" for n, choice in enumerate(reply.choices, start=1)]
    return "\n".join(lines)


def run_console(services: Services, read: Callable[[], str], write: Callable[[str], None],
                sender: str | None = None) -> None:
    """Read lines until end of input; each line is one message from the resident."""
    sender = sender or f"console-{uuid.uuid4().hex[:12]}"
    write("Type your messages. Type 'stop' or press Ctrl-D to finish.")
    while True:
        try:
            line = read()
        except EOFError:
            return
        outcome = services.conversations.receive(Inbound(channel=Channel.CONSOLE, sender=sender, text=line))
        for reply in outcome.replies:
            write(render_reply(reply))
        if line.strip().lower() == "stop":
            return
