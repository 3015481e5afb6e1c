"""A message spoken to a WAV file by espeak-ng (Debian's `espeak-ng`, installed by `make formats`).

The text goes in on standard input, never on the command line, so nothing a resident or officer wrote
can be read as an option. WAV plays in every current browser without a plug-in.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from intake.errors import IntakeError

VOICES = {"en": "en-gb", "pl": "pl", "pa": "pa", "ur": "ur", "sk": "sk", "ro": "ro", "cs": "cs", "ar": "ar"}
WORDS_PER_MINUTE = 150  # a little slower than espeak's default, for clarity
TIMEOUT_SECONDS = 60


class SpeechUnavailableError(IntakeError):
    """espeak-ng is not installed or failed; the resident can still read the message."""


def speak(text: str, language: str) -> bytes:
    """WAV bytes of `text` read aloud in `language` (English when there is no voice for it)."""
    program = shutil.which("espeak-ng")
    if program is None:
        raise SpeechUnavailableError("espeak-ng is not installed (make formats)")
    voice = VOICES.get(language, "en-gb")
    # A file rather than --stdout: streamed WAV has no length in its header, so players misjudge it.
    with tempfile.TemporaryDirectory(prefix="intake-audio-") as folder:
        out = Path(folder) / "message.wav"
        try:
            subprocess.run([program, "-v", voice, "-s", str(WORDS_PER_MINUTE), "-w", str(out)],
                           input=text.encode(), capture_output=True, timeout=TIMEOUT_SECONDS, check=True)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise SpeechUnavailableError("espeak-ng could not speak this message") from exc
        return out.read_bytes()
