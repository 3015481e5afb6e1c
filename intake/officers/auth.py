"""Signing officers in and out (Flask-Login), with the lockout in intake/officers/accounts.py."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, session, url_for
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user

from intake.models import Officer
from intake.officers import accounts
from intake.officers.blueprint import blueprint
from intake.services import services

login_manager = LoginManager()
login_manager.login_view = "officers.login"
login_manager.login_message = "Please sign in to see that page."
login_manager.session_protection = "strong"

SIGN_IN_FAILED = ("We could not sign you in. Check your email address and password. After "
                  f"{accounts.MAX_FAILED_LOGINS} failed attempts an account is locked for "
                  f"{int(accounts.LOCKOUT.total_seconds() // 60)} minutes.")


class SignedInOfficer(UserMixin):
    """What Flask-Login keeps for the request: ids and names only, never the password hash."""

    def __init__(self, officer: Officer) -> None:
        self.id, self.email, self.name, self.role = officer.id, officer.email, officer.name, officer.role

    @property
    def is_manager(self) -> bool:
        return self.role == accounts.Role.MANAGER


@login_manager.user_loader
def load_officer(officer_id: str) -> SignedInOfficer | None:
    if not officer_id.isdigit():
        return None
    with services().db.transaction() as db_session:
        officer = db_session.get(Officer, int(officer_id))
        return SignedInOfficer(officer) if officer is not None and officer.active else None


def _safe_next(target: str | None) -> str:
    """Only back to our own officer pages: never an open redirect."""
    if target and target.startswith("/officers/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("officers.queue")


@blueprint.route("/login", methods=["GET", "POST"])
def login() -> Any:
    if request.method == "GET":
        if current_user.is_authenticated:
            return redirect(url_for("officers.queue"))
        return render_template("officers/login.html", email="", error=None, next=request.args.get("next", ""))
    email, password = request.form.get("email", "")[:320], request.form.get("password", "")[:1000]
    with services().db.transaction() as db_session:
        result = accounts.authenticate(db_session, email, password, services().clock())
        officer = db_session.get(Officer, result.officer_id) if result.officer_id else None
        signed_in = SignedInOfficer(officer) if officer else None
    if signed_in is None:
        return render_template("officers/login.html", email=email, error=SIGN_IN_FAILED,
                               next=request.form.get("next", "")), 401
    session.clear()  # a fresh session on sign-in: no fixation
    session.permanent = True
    login_user(signed_in)
    return redirect(_safe_next(request.form.get("next")))


@blueprint.post("/logout")
def logout() -> Any:
    logout_user()
    session.clear()
    flash("You have signed out.")
    return redirect(url_for("officers.login"))


@blueprint.get("/")
def home() -> Any:
    return redirect(url_for("officers.queue"))
