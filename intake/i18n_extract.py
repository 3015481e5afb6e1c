"""A Babel extractor for the policy file: the resident-facing words a landlord writes in TOML.

ASB type labels, Risk Assessment Matrix questions, office hours and the partners named for sharing
are shown through `t._(...)`, so they need catalogue entries like any string in the code.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from typing import IO, Any

TRANSLATED_KEYS = ("label", "text", "office_hours", "partners")


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in TRANSLATED_KEYS and isinstance(value, str):
                yield value
            else:
                yield from _strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)


def extract_policy(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
                   ) -> Iterator[tuple[int, str, str, list[str]]]:
    """Babel's extractor protocol: (line number, function name, message, comments)."""
    source = fileobj.read().decode("utf-8")
    lines = source.splitlines()
    for message in _strings(tomllib.loads(source)):
        lineno = next((i for i, line in enumerate(lines, 1) if message in line), 0)
        yield lineno, "_", message, ["From the policy file"]
