"""Evidence files from any channel: checked against an allow-list and a size cap, photos stripped of EXIF.

Channels fetch the bytes from their provider and call `store_evidence`; the conversation links the
returned `Attachment` to the report (or the open case). Location metadata in a photo could reveal where
a resident lives, so photos are re-encoded without it before anything is written.
"""

from __future__ import annotations

import hashlib
import io
import uuid
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from intake.errors import BadInputError
from intake.i18n import N_
from intake.messages import Attachment

MAX_EVIDENCE_BYTES = 5 * 1024 * 1024
PHOTO_TYPES = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
OTHER_TYPES = {
    "audio/ogg": ".ogg", "audio/mpeg": ".mp3", "audio/mp4": ".m4a", "audio/amr": ".amr", "audio/wav": ".wav",
    "video/mp4": ".mp4", "video/3gpp": ".3gp", "application/pdf": ".pdf",
}
EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp", **OTHER_TYPES}


class EvidenceRejectedError(BadInputError):
    """The file is of a type we do not accept, too large, or not what it claims to be."""


def allowed(content_type: str) -> bool:
    return base_type(content_type) in EXTENSIONS


def base_type(content_type: str) -> str:
    return content_type.split(";")[0].strip().lower()


def strip_metadata(data: bytes, content_type: str) -> bytes:
    """Re-encode the pixels only: EXIF (GPS, device, time) and other metadata do not survive."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            # Only the pixel bytes are copied (Image.getdata is deprecated in Pillow 12).
            clean = Image.frombytes(image.mode, image.size, image.tobytes())
            if image.mode == "P" and image.getpalette():
                clean.putpalette(image.getpalette())
            out = io.BytesIO()
            clean.save(out, format=PHOTO_TYPES[base_type(content_type)])
            return out.getvalue()
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise EvidenceRejectedError(N_("that photo could not be read")) from exc


def store_evidence(data: bytes, content_type: str, folder: Path) -> Attachment:
    """Check, clean and write one file; raises EvidenceRejectedError with words a resident can read."""
    kind = base_type(content_type)
    if kind not in EXTENSIONS:
        raise EvidenceRejectedError(N_("we can accept photos, audio, video and PDF files only"))
    if len(data) > MAX_EVIDENCE_BYTES:
        raise EvidenceRejectedError(N_("that file is too large (the limit is 5 MB)"))
    if kind in PHOTO_TYPES:
        data = strip_metadata(data, kind)
    name = f"{uuid.uuid4().hex}{EXTENSIONS[kind]}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    return Attachment(content_type=kind, stored_path=name, size=len(data), sha256=hashlib.sha256(data).hexdigest())
