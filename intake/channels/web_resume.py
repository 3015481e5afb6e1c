"""Resume a web chat after a quick exit: the case reference and the code given with the acknowledgement.

Wrong codes are counted per reference in the database and lock it for a while (see
intake/conversation/resume.py); a form posted from another site is refused.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, redirect, render_template, request
from werkzeug.wrappers import Response

from intake.conversation.resume import Check, check_resume_code
from intake.i18n import N_
from intake.services import services
from intake.channels.web import with_chat_cookie

blueprint = Blueprint("web_resume", __name__)
MESSAGES = {
    Check.REFUSED: N_("We could not find a report with that reference and code. Check them and try again."),
    Check.LOCKED: N_("Too many attempts. Please wait 15 minutes and try again, or call us."),
}


def _same_site() -> bool:
    origin = request.headers.get("Origin") or request.headers.get("Referer")
    return origin is None or urlsplit(origin).netloc == request.host


@blueprint.get("/resume")
def resume_form() -> str:
    return render_template("resume.html", landlord=services().policy.landlord, error=None, reference="")


@blueprint.post("/resume")
def resume() -> Response | tuple[str, int]:
    reference = request.form.get("reference", "")[:40].strip()
    code = request.form.get("code", "")[:40]
    if not _same_site() or not reference or not code:
        return render_template("resume.html", landlord=services().policy.landlord, error=MESSAGES[Check.REFUSED],
                               reference=reference), 400
    app_services = services()
    with app_services.db.transaction() as session:
        result, address = check_resume_code(session, reference, code, app_services.clock())
    if result is not Check.ACCEPTED or address is None:
        status = 429 if result is Check.LOCKED else 400
        return render_template("resume.html", landlord=app_services.policy.landlord, error=MESSAGES[result],
                               reference=reference), status
    return with_chat_cookie(redirect("/", code=303), address)
