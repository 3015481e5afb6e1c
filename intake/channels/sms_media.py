"""Photos and audio sent by MMS or WhatsApp: fetched from Twilio with the account's credentials.

Called before the conversation's transaction opens, with an explicit timeout per file and a cap on
size; a file that cannot be fetched or is refused becomes a `problem` (words a resident can read),
never an exception that would lose the text of the message.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass

import requests

from intake.channels.twilio_config import TwilioSettings
from intake.evidence import MAX_EVIDENCE_BYTES, EvidenceRejectedError, allowed, store_evidence
from intake.i18n import N_
from intake.messages import Attachment

log = logging.getLogger(__name__)
# Twilio gives up on a webhook after 15 s; all fetching for one message stays well inside that.
TOTAL_BUDGET_SECONDS = 10.0
MAX_MEDIA_PER_MESSAGE = 10
CHUNK = 64 * 1024


@dataclass(frozen=True)
class MediaItem:
    url: str
    content_type: str


@dataclass(frozen=True)
class FetchedMedia:
    attachments: tuple[Attachment, ...]
    problems: tuple[str, ...]


class MediaFetchError(Exception):
    """The file could not be fetched in time or at all; the message says why, for a resident."""


def fetch_media(config: TwilioSettings, items: Sequence[MediaItem]) -> FetchedMedia:
    """Fetch, check and store each file; what failed is reported, what worked is kept."""
    attachments: list[Attachment] = []
    problems: list[str] = []
    deadline = time.monotonic() + TOTAL_BUDGET_SECONDS
    for index, item in enumerate(items[:MAX_MEDIA_PER_MESSAGE]):
        try:
            if not allowed(item.content_type):
                raise EvidenceRejectedError(N_("we can accept photos, audio, video and PDF files only"))
            data = _download(config, item.url, deadline)
            attachments.append(store_evidence(data, item.content_type, config.evidence_dir))
        except (EvidenceRejectedError, MediaFetchError) as exc:
            log.warning("media not kept", extra={"media_index": index, "reason": type(exc).__name__})
            problems.append(str(exc))
    return FetchedMedia(tuple(attachments), tuple(problems))


def _download(config: TwilioSettings, url: str, deadline: float) -> bytes:
    # Only Twilio's own media URLs get the account's credentials.
    if not url.startswith(config.api_base_url + "/"):
        raise MediaFetchError(N_("we could not fetch that file"))
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise MediaFetchError(N_("we ran out of time fetching that file"))
    timeout = min(config.media_timeout_seconds, remaining)
    try:
        with requests.get(url, auth=(config.account_sid, config.auth_token), timeout=timeout,
                          stream=True, allow_redirects=True) as response:
            if response.status_code != 200:
                raise MediaFetchError(N_("we could not fetch that file"))
            if int(response.headers.get("Content-Length") or 0) > MAX_EVIDENCE_BYTES:
                raise EvidenceRejectedError(N_("that file is too large (the limit is 5 MB)"))
            return _read_capped(response, deadline)
    except requests.RequestException as exc:
        raise MediaFetchError(N_("we could not fetch that file in time")) from exc


def _read_capped(response: requests.Response, deadline: float) -> bytes:
    data = bytearray()
    for chunk in response.iter_content(CHUNK):
        data.extend(chunk)
        if len(data) > MAX_EVIDENCE_BYTES:
            raise EvidenceRejectedError(N_("that file is too large (the limit is 5 MB)"))
        if time.monotonic() > deadline:
            raise MediaFetchError(N_("we ran out of time fetching that file"))
    return bytes(data)
