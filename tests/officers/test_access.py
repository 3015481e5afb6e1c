"""Accounts and access: argon2 hashes, lockout, sign-in required everywhere, CSRF on every form, managers only."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from click.testing import CliRunner
from flask.cli import ScriptInfo

from intake.cli import main
from intake.models import Officer
from intake.officers import accounts
from tests.officers.factories import PASSWORD, csrf_from, email_of, make_case, make_officer, sign_in, signed_in_officer

PUBLIC = {"officers.login"}


def _urls(app):  # type: ignore[no-untyped-def]
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith(("/officers", "/api/cases")) or rule.endpoint in PUBLIC:
            continue
        values = {arg: 1 if "int" in str(rule._converters[arg].__class__.__name__).lower() else "ASB-2026-000001"
                  for arg in rule.arguments}
        values = {k: ("assign" if k == "action" else v) for k, v in values.items()}
        url = rule.rule
        for arg, value in values.items():
            url = re.sub(rf"<(?:[^:>]+:)?{arg}>", str(value), url)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            yield rule, method, url


def test_every_officer_page_and_api_route_refuses_a_visitor_who_is_not_signed_in(app, client):
    checked = 0
    for rule, method, url in _urls(app):
        response = client.open(url, method=method)
        if rule.rule.startswith("/api/"):
            assert response.status_code == 401, (method, url)
        else:
            assert response.status_code == 302, (method, url, response.status_code)
            assert "/officers/login" in response.headers["Location"], (method, url)
        checked += 1
    assert checked >= 12  # queue, csv, case, actions, evidence, team, audit, logout, home, three API routes


def test_every_post_without_the_csrf_token_is_refused_even_when_signed_in(app, db, client):
    signed_in_officer(db, client, role="manager")
    reference = make_case(db)
    posts = [url.replace("ASB-2026-000001", reference) for rule, method, url in _urls(app)
             if method == "POST" and rule.rule.startswith("/officers")]
    assert posts
    for url in posts:
        assert client.post(url, data={"officer_id": "1"}).status_code == 400, url
    assert client.post("/officers/login", data={"email": "x@example.org", "password": "y"}).status_code == 400


def test_an_officer_signs_in_with_the_right_password_and_the_session_cookie_is_http_only_and_same_site(db, client):
    officer_id = make_officer(db)
    response = sign_in(client, email_of(db, officer_id))
    assert response.status_code == 302 and response.headers["Location"].endswith("/officers/cases")
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert client.get("/officers/cases").status_code == 200


def test_secure_cookies_are_sent_only_over_https_when_configured(settings, db, sender):
    from dataclasses import replace

    from intake import create_app
    from tests.factories import fixed_classifier

    app = create_app(replace(settings, secure_cookies=True), classifier=fixed_classifier(), senders={"web": sender})
    client = app.test_client()
    officer_id = make_officer(db)
    response = sign_in(client, email_of(db, officer_id))
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "Secure" in cookie
    app.extensions["intake"].db.dispose()


def test_a_wrong_password_is_refused_with_the_same_words_as_an_unknown_email(db, client):
    officer_id = make_officer(db)
    wrong = sign_in(client, email_of(db, officer_id), "not-the-password")
    unknown = sign_in(client, "nobody@example.org", "not-the-password")
    assert wrong.status_code == unknown.status_code == 401
    assert "We could not sign you in" in wrong.get_data(as_text=True)
    assert 'role="alert"' in wrong.get_data(as_text=True)
    assert client.get("/officers/cases").status_code == 302


def test_five_failed_sign_ins_lock_the_account_even_against_the_right_password_until_the_lockout_ends(app, db, client):
    officer_id = make_officer(db)
    email = email_of(db, officer_id)
    for _ in range(accounts.MAX_FAILED_LOGINS):
        assert sign_in(client, email, "guess-guess-guess").status_code == 401
    assert sign_in(client, email, PASSWORD).status_code == 401
    services = app.extensions["intake"]
    real_clock = services.clock
    services.clock = lambda: real_clock() + accounts.LOCKOUT + timedelta(seconds=1)
    assert sign_in(client, email, PASSWORD).status_code == 302


def test_passwords_are_stored_as_argon2_hashes(db):
    officer_id = make_officer(db)
    with db.transaction() as session:
        stored = session.get(Officer, officer_id).password_hash
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_signing_out_ends_the_session(db, client):
    signed_in_officer(db, client)
    page = client.get("/officers/cases").get_data(as_text=True)
    assert client.post("/officers/logout", data={"csrf_token": csrf_from(page)}).status_code == 302
    assert client.get("/officers/cases").status_code == 302


def test_only_managers_see_the_officers_and_the_audit_log(db, client, app):
    signed_in_officer(db, client, role="officer")
    assert client.get("/officers/team").status_code == 403
    assert client.get("/officers/audit").status_code == 403
    assert "Audit log" not in client.get("/officers/cases").get_data(as_text=True)
    manager = app.test_client()
    signed_in_officer(db, manager, role="manager", name="Morgan Manager")
    assert "Morgan Manager" in manager.get("/officers/team").get_data(as_text=True)
    assert manager.get("/officers/audit").status_code == 200


def test_sign_in_never_redirects_off_site(db, client):
    officer_id = make_officer(db)
    token = csrf_from(client.get("/officers/login").get_data(as_text=True))
    response = client.post("/officers/login", data={"email": email_of(db, officer_id), "password": PASSWORD,
                                                    "csrf_token": token, "next": "//evil.example/officers/"})
    assert response.headers["Location"].endswith("/officers/cases")


@pytest.fixture
def cli(app):  # type: ignore[no-untyped-def]
    """`intake ...` run against the test app (the fixture disposes its database)."""
    info = ScriptInfo(create_app=lambda: app)
    return lambda args, **kwargs: CliRunner().invoke(main, args, obj=info, **kwargs)


def test_the_officers_create_command_prompts_for_the_password_and_hashes_it(db, cli):
    result = cli(["officers", "create", "--email", "Jo@Example.org", "--name", "Jo Bloggs",
                  "--role", "manager"], input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    with db.transaction() as session:
        officer = accounts.find_officer(session, "jo@example.org")
        assert (officer.name, officer.role) == ("Jo Bloggs", "manager")
        assert accounts.authenticate(session, "jo@example.org", PASSWORD, officer.created_at).officer_id == officer.id


def test_the_demo_command_is_idempotent_and_prints_a_working_sign_in(db, cli, client):
    first = cli(["officers", "demo"])
    second = cli(["officers", "demo"])
    assert first.exit_code == second.exit_code == 0, first.output
    assert accounts.DEMO_EMAIL in second.output and accounts.DEMO_PASSWORD in second.output
    with db.transaction() as session:
        assert session.query(Officer).count() == 1
    assert sign_in(client, accounts.DEMO_EMAIL, accounts.DEMO_PASSWORD).status_code == 302
