"""The integration JSON API: per-integration tokens (hashed at rest), filters, one case, its events, audit."""

from __future__ import annotations

from datetime import UTC, datetime

from click.testing import CliRunner
from flask.cli import ScriptInfo
from sqlalchemy import select

from intake.cli import main
from intake.models import ApiToken, AuditEntry
from intake.officers.tokens import create_token, digest, revoke_token
from tests.officers.factories import make_case, post_form, signed_in_officer

WEDNESDAY = datetime(2026, 12, 9, 10, 0, tzinfo=UTC)


def token_for(db, name: str = "partnership export") -> str:  # type: ignore[no-untyped-def]
    with db.transaction() as session:
        return create_token(session, name)[1]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_the_api_refuses_requests_without_a_valid_token(app, db, client):
    reference = make_case(db)
    token = token_for(db)
    for url in ("/api/cases", f"/api/cases/{reference}", f"/api/cases/{reference}/events"):
        assert client.get(url).status_code == 401
        assert client.get(url, headers=bearer("intake_not-a-token")).status_code == 401
        assert client.get(url, headers={"Authorization": f"Basic {token}"}).status_code == 401
        assert client.get(url, headers=bearer(token)).status_code == 200
    response = client.get("/api/cases")
    assert response.get_json()["status"] == 401 and "Bearer" in response.headers["WWW-Authenticate"]


def test_a_signed_in_officers_session_is_not_an_api_token(db, client):
    signed_in_officer(db, client)
    assert client.get("/api/cases").status_code == 401


def test_tokens_are_stored_only_as_a_hash_and_a_revoked_token_stops_working(db, client):
    token = token_for(db)
    with db.transaction() as session:
        row = session.scalars(select(ApiToken)).one()
        assert row.token_hash == digest(token) and token not in row.token_hash
        revoke_token(session, row.id)
    assert client.get("/api/cases", headers=bearer(token)).status_code == 401


def test_the_api_lists_open_cases_in_queue_order_with_filters(app, db, client):
    app.extensions["intake"].clock = lambda: WEDNESDAY
    token = token_for(db)
    noise = make_case(db, types=("noise",), postcode="DE22 1AA")
    threat = make_case(db, types=("harassment",), postcode="DE1 1AA")
    body = client.get("/api/cases", headers=bearer(token)).get_json()
    assert [c["reference"] for c in body["cases"]] == [threat, noise] and body["total"] == 2
    assert body["cases"][0]["overdue"] is True and body["cases"][0]["area"] == "DE1"
    assert "name" not in body["cases"][0] and "postcode" not in body["cases"][0]
    for query, expected in (("category=CAT2", [noise]), ("type=harassment", [threat]), ("area=DE22", [noise]),
                            ("owner=unassigned", [threat, noise]), ("status=closed", []), ("limit=1", [threat]),
                            ("limit=1&offset=1", [noise])):
        listed = [c["reference"] for c in client.get(f"/api/cases?{query}", headers=bearer(token)).get_json()["cases"]]
        assert listed == expected, query


def test_the_api_returns_one_case_and_its_events_and_every_read_is_audited_against_the_token(app, db, client):
    app.extensions["intake"].clock = lambda: WEDNESDAY
    token = token_for(db)
    reference = make_case(db, types=("noise",))
    officer = app.test_client()
    signed_in_officer(db, officer, name="Pat Officer")
    post_form(officer, f"/officers/cases/{reference}/assign", f"/officers/cases/{reference}", {})
    case = client.get(f"/api/cases/{reference}", headers=bearer(token)).get_json()
    assert (case["reference"], case["category"], case["owner"], case["status"]) == (reference, "CAT2", "Pat Officer",
                                                                                   "assigned")
    assert case["may_share_with_partners"] is False  # low risk: not shared, even with consent (policy 16)
    events = client.get(f"/api/cases/{reference}/events", headers=bearer(token)).get_json()["events"]
    assert [e["kind"] for e in events] == ["opened", "assigned", "status_changed"]
    assert client.get("/api/cases/ASB-1999-000001", headers=bearer(token)).status_code == 404
    with db.transaction() as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.token_id.is_not(None))).all()
    assert sorted(e.action for e in entries) == ["api_case_events", "api_view_case"]


def test_the_tokens_create_command_prints_a_token_once_that_works(app, db, client):
    result = CliRunner().invoke(main, ["tokens", "create", "--name", "E-CINS export"],
                                obj=ScriptInfo(create_app=lambda: app))
    assert result.exit_code == 0, result.output
    token = result.output.strip().splitlines()[-1]
    assert token.startswith("intake_")
    assert client.get("/api/cases", headers=bearer(token)).status_code == 200


def test_the_openapi_file_documents_the_cases_api():
    import json
    from pathlib import Path

    import intake

    spec = json.loads((Path(intake.__file__).parent / "openapi.json").read_text())
    assert {"/api/cases", "/api/cases/{reference}", "/api/cases/{reference}/events"} <= set(spec["paths"])
    assert "bearerAuth" in spec["components"]["securitySchemes"]
