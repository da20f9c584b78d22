"""The API: tuition rates, modules, module enrolments and vouchers, with exact values, and
every refusal (a non-numeric or negative amount, a module over 30 EC, a module of another
variant) answered with its reason and nothing written."""

from __future__ import annotations

import json

import pytest

from parcours.accounts.services import api_token_create
from parcours.financing import services
from parcours.financing.models import Module, ModuleEnrolment, TuitionRate, VoucherVerdict

from .conftest import TODAY


def _call(client, user, method, path, body=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user, actor=None)}"}
    send = getattr(client, method)
    if body is None:
        return send(path, **headers)
    return send(path, json.dumps(body), content_type="application/json", **headers)


def test_a_rate_is_entered_and_listed(client, fw):
    made = _call(
        client,
        fw.admin,
        "post",
        "/api/v1/tuition-rates",
        {"first_year": 2026, "amount_cents": 260100},
    )
    assert made.status_code == 201
    listed = _call(client, fw.admin, "get", "/api/v1/tuition-rates").json()
    assert [(r["first_year"], r["amount_cents"], r["registrations"]) for r in listed] == [
        (2026, 260100, 0)
    ]


@pytest.mark.parametrize("amount", ["2601", -260100, 0, 2601.5, None])
def test_a_bad_amount_is_refused_and_nothing_stored(client, fw, amount):
    response = _call(
        client,
        fw.admin,
        "post",
        "/api/v1/tuition-rates",
        {"first_year": 2026, "amount_cents": amount},
    )
    assert response.status_code == 422
    assert not TuitionRate.objects.exists()


def test_a_module_over_30_ec_is_refused_with_rule_and_source(client, fw):
    response = _call(
        client,
        fw.admin,
        "post",
        "/api/v1/modules",
        {
            "variant_id": fw.w.demand_variant.pk,
            "first_year": 2026,
            "code": "M9",
            "name_nl": "Te groot",
            "name_en": "Too large",
            "unit_ids": [fw.units["U1"].pk, fw.units["U4"].pk],
        },
    )
    body = response.json()
    assert response.status_code == 422
    assert (body["rule"], body["code"]) == ("financing.module", "rule_violation")
    assert body["source"].startswith("Kamerbrief eindevaluatie experiment leeruitkomsten")
    assert not Module.objects.exists()


def test_a_module_is_created_with_its_ec(client, fw):
    response = _call(
        client,
        fw.admin,
        "post",
        "/api/v1/modules",
        {
            "variant_id": fw.w.demand_variant.pk,
            "first_year": 2026,
            "code": "M1",
            "name_nl": "Module",
            "name_en": "Module",
            "unit_ids": [fw.units["U1"].pk, fw.units["U2"].pk],
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["code"], body["ec"], body["unit_ids"]) == (
        "M1",
        30,
        sorted([fw.units["U1"].pk, fw.units["U2"].pk]),
    )


def test_enrolment_in_a_module_of_another_variant_is_refused(client, fw):
    module = fw.module()
    response = _call(
        client,
        fw.admin,
        "post",
        f"/api/v1/enrolments/{fw.regular.pk}/module-enrolments",
        {"module_id": module.pk},
    )
    assert response.status_code == 422
    assert response.json()["message"] == (
        "Deze module hoort bij een andere variant dan de inschrijving van de student."
    )
    assert not ModuleEnrolment.objects.exists()


def test_the_student_enrols_asks_and_reads_the_finances(client, fw):
    services.tuition_rate_set(
        fw.w.bachelor.institution, actor=fw.admin, first_year=2026, amount_cents=260100, today=TODAY
    )
    module = fw.module()
    me = fw.student.student
    row = _call(
        client,
        me,
        "post",
        f"/api/v1/enrolments/{fw.student.pk}/module-enrolments",
        {"module_id": module.pk},
    )
    assert row.status_code == 201
    verdict = _call(
        client,
        me,
        "post",
        f"/api/v1/module-enrolments/{row.json()['id']}/voucher",
        {"holds_degree": True},
    )
    assert verdict.status_code == 201
    assert (verdict.json()["granted"], verdict.json()["amount_cents"], verdict.json()["rule"]) == (
        False,
        0,
        "financing.voucher",
    )
    again = _call(
        client,
        me,
        "post",
        f"/api/v1/module-enrolments/{row.json()['id']}/voucher",
        {"holds_degree": False},
    )
    assert again.status_code == 422
    assert VoucherVerdict.objects.count() == 1
    finances = _call(client, me, "get", f"/api/v1/enrolments/{fw.student.pk}/finances").json()
    (line,) = finances["years"][0]["modules"]
    assert (line["price_cents"], line["voucher_cents"], line["to_pay_cents"]) == (130050, 0, 130050)
