"""The officers' blueprint and the two guards every officer URL passes: signed in, and CSRF on every POST.

Guarding here rather than decorating each view means a new route cannot forget either; a test walks the
URL map to prove it.
"""

from __future__ import annotations

from functools import wraps
from typing import Any, Callable

from flask import Blueprint, abort, request
from flask_login import current_user
from flask_wtf.csrf import ValidationError, generate_csrf, validate_csrf

from intake.officers.actions import Actor
from intake.services import services
from intake.web_errors import error_response

blueprint = Blueprint("officers", __name__, url_prefix="/officers")
PUBLIC_ENDPOINTS = {"officers.login"}


@blueprint.before_request
def require_sign_in_and_csrf() -> Any:
    if request.endpoint not in PUBLIC_ENDPOINTS and not current_user.is_authenticated:
        from intake.officers.auth import login_manager

        return login_manager.unauthorized()
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        try:
            validate_csrf(request.form.get("csrf_token"))
        except ValidationError:
            return error_response(400, "This form had expired or did not come from our pages. "
                                       "Go back, reload the page and try again.")
    return None


@blueprint.context_processor
def page_context() -> dict[str, Any]:
    return {"landlord": services().policy.landlord, "csrf_token": generate_csrf, "officer": current_user}


def current_actor() -> Actor:
    return Actor(current_user.id, current_user.name, current_user.role)


def manager_required(view: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_authenticated or current_user.role != "manager":
            abort(403)
        return view(*args, **kwargs)

    return wrapped
