"""The queue page: priority order, what each row shows, filters, counts at the top, and the CSV export."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime

from intake.enums import CaseStatus
from intake.models import Case
from tests.officers.factories import MONDAY, make_case, post_form, signed_in_officer

WEDNESDAY = datetime(2026, 12, 9, 10, 0, tzinfo=UTC)


def at(app, moment):  # type: ignore[no-untyped-def]
    app.extensions["intake"].clock = lambda: moment


def references_in(html: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="/officers/cases/([^"]+)"', html)


def test_open_cases_are_listed_most_urgent_first(app, db, client):
    at(app, WEDNESDAY)
    signed_in_officer(db, client)
    noise = make_case(db, types=("noise",))
    garden_sooner = make_case(db, types=("garden",), reported_at=datetime(2026, 12, 4, 9, tzinfo=UTC))
    threat = make_case(db, types=("harassment",), reported_at=datetime(2026, 12, 8, 9, tzinfo=UTC))
    high_risk_noise = make_case(db, types=("noise",), **{"risk.feel_unsafe": True, "risk.health": True,
                                                         "risk.vulnerable": True})
    danger = make_case(db, types=("litter_fly_tipping",), danger_now=True)
    order = references_in(client.get("/officers/cases").get_data(as_text=True))
    assert order == [danger, threat, high_risk_noise, garden_sooner, noise]


def test_each_row_shows_type_category_risk_area_age_time_left_and_owner(app, db, client):
    at(app, WEDNESDAY)
    signed_in_officer(db, client, name="Robin Officer")
    reference = make_case(db, types=("harassment", "noise"), postcode="DE22 1AB")
    post_form(client, f"/officers/cases/{reference}/assign", f"/officers/cases/{reference}", {})
    html = client.get("/officers/cases").get_data(as_text=True)
    row = html[html.index(reference):].split("</tr>")[0]
    for expected in ("Harassment, intimidation or threats, Noise", "CAT1", "Low", "DE22", "2 days",
                     "Overdue by 1 working day", "Robin Officer", "Missed"):
        assert expected in row, expected
    assert "⚠" in row  # overdue is marked by a symbol and words, not only by colour


def test_the_counts_show_new_due_today_and_overdue_cases(app, db, client):
    at(app, datetime(2026, 12, 8, 10, tzinfo=UTC))  # Tuesday
    signed_in_officer(db, client)
    make_case(db, types=("harassment",))  # CAT1 reported Monday: due Tuesday, today
    make_case(db, types=("harassment",), reported_at=datetime(2026, 12, 3, 9, tzinfo=UTC))  # due Friday: overdue
    make_case(db, types=("noise",))  # CAT2: due next Monday
    html = client.get("/officers/cases").get_data(as_text=True)
    counts = dict((label, int(n)) for n, label in re.findall(r"<li><strong>(\d+)</strong> ([a-z ]+)</li>", html))
    assert counts == {"new": 3, "due today": 1, "overdue": 1}


def test_filters_narrow_the_queue_by_category_type_risk_owner_area_and_status(app, db, client):
    at(app, WEDNESDAY)
    me = signed_in_officer(db, client)
    cat1 = make_case(db, types=("violence",), postcode="DE1 1AA")
    noise = make_case(db, types=("noise",), postcode="DE22 3BB")
    drugs = make_case(db, types=("drugs",), postcode="DE22 4CC", **{"risk.feel_unsafe": True, "risk.health": True})
    post_form(client, f"/officers/cases/{noise}/assign", f"/officers/cases/{noise}", {"officer_id": me})
    with db.transaction() as session:
        session.query(Case).filter_by(reference=drugs).one().status = CaseStatus.CLOSED

    def listed(query: str) -> set[str]:
        return set(references_in(client.get(f"/officers/cases?{query}").get_data(as_text=True)))

    assert listed("") == {cat1, noise}
    assert listed("category=CAT1") == {cat1}
    assert listed("type=noise") == {noise}
    assert listed("owner=mine") == {noise}
    assert listed("owner=unassigned") == {cat1}
    assert listed("area=DE22") == {noise}
    assert listed("status=closed") == {drugs}
    assert listed("status=all&risk=medium") == {drugs}
    assert listed("status=all&area=DE22") == {noise, drugs}



def test_a_long_queue_is_shown_fifty_at_a_time_keeping_the_filters(app, db, client):
    at(app, WEDNESDAY)
    signed_in_officer(db, client)
    make_case(db, types=("violence",))
    noise = {make_case(db, types=("noise",)) for _ in range(52)}

    first = client.get("/officers/cases?category=CAT2").get_data(as_text=True)
    assert "52 cases, most urgent first: showing 1 to 50 (page 1 of 2)" in first
    next_link = re.search(r'<a rel="next" href="([^"]+)"', first).group(1).replace("&amp;", "&")
    assert "category=CAT2" in next_link and "page=2" in next_link
    assert 'rel="prev"' not in first

    second = client.get(next_link).get_data(as_text=True)
    assert "showing 51 to 52 (page 2 of 2)" in second
    assert 'rel="next"' not in second and 'rel="prev"' in second
    shown = references_in(first) + references_in(second)
    assert len(shown) == 52 and set(shown) == noise

    assert references_in(client.get("/officers/cases?category=CAT2&page=99").get_data(as_text=True)) == \
        references_in(second)
    assert references_in(client.get("/officers/cases?category=CAT2&page=x").get_data(as_text=True)) == \
        references_in(first)


def test_the_queue_shows_whether_the_first_response_was_met(app, db, client):
    at(app, datetime(2026, 12, 7, 15, tzinfo=UTC))
    signed_in_officer(db, client)
    reference = make_case(db, types=("noise",), reported_at=MONDAY)
    page = f"/officers/cases/{reference}"
    post_form(client, f"{page}/assign", page, {})
    post_form(client, f"{page}/contacts", page, {"method": "phone", "outcome": "no_answer"})

    def row() -> str:
        html = client.get("/officers/cases").get_data(as_text=True)
        return html[html.index(reference):].split("</tr>")[0]

    assert "Not yet" in row()
    post_form(client, f"{page}/contacts", page, {"method": "phone", "outcome": "spoke"})
    assert "<td>Met</td>" in row()


def test_the_csv_export_has_the_filtered_queue_in_priority_order_and_defuses_formulas(app, db, client):
    at(app, WEDNESDAY)
    signed_in_officer(db, client, name="=HYPERLINK(\"http://x\")")
    noise = make_case(db, types=("noise",))
    threat = make_case(db, types=("harassment",))
    post_form(client, f"/officers/cases/{noise}/assign", f"/officers/cases/{noise}", {})
    response = client.get("/officers/cases.csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [r["reference"] for r in rows] == [threat, noise]
    assert rows[0]["category"] == "CAT1" and rows[0]["overdue"] == "yes"
    assert rows[1]["owner"].startswith("'=")
    only_cat2 = list(csv.DictReader(io.StringIO(client.get("/officers/cases.csv?category=CAT2").get_data(as_text=True))))
    assert [r["reference"] for r in only_cat2] == [noise]
