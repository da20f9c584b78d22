"""A student's modules, vouchers and finances in the API: the modules their variant offers,
enrolling for one, asking for the voucher, and what they pay per academic year."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.responses import Status

from parcours.core import web
from parcours.core.api import READ_ERRORS, WRITE_ERRORS, Bool, Id, In, ObjectId, caller
from parcours.core.errors import DomainError

from .. import permissions, selectors, services
from ..models import Module, VoucherVerdict

router = Router(tags=["finances"])


class OfferedOut(Schema):
    id: int
    first_year: int
    code: str
    name_nl: str
    name_en: str
    ec: int
    enrolled: bool


class ModuleEnrolmentIn(In):
    module_id: Id


class ModuleEnrolmentOut(Schema):
    id: int
    enrolment_id: int
    module_id: int


class VoucherIn(In):
    holds_degree: Bool


class VoucherOut(Schema):
    id: int
    module_enrolment_id: int
    holds_degree: bool
    granted: bool
    amount_cents: int
    rule: str
    reason_nl: str
    reason_en: str
    decided_on: date

    @staticmethod
    def resolve_rule(obj: VoucherVerdict) -> str:
        return obj.rule_id


class CheckOut(Schema):
    rule: str
    ok: bool
    message: str
    source: str


class ModuleLineOut(Schema):
    module_enrolment_id: int
    module_id: int
    code: str
    ec: int
    price_cents: int | None
    voucher_cents: int
    to_pay_cents: int | None
    voucher: VoucherOut | None
    price_check: CheckOut


class YearOut(Schema):
    first_year: int
    statutory_cents: int | None
    tuition_check: CheckOut | None
    modules: list[ModuleLineOut]


class FinancesOut(Schema):
    enrolment_id: int
    demand_financed: bool
    own_route_units: int
    years: list[YearOut]


def _check(c: Any) -> dict[str, Any] | None:
    if c is None:
        return None
    return {"rule": c.rule, "ok": c.ok, "message": c.message, "source": c.source}


@router.get(
    "/enrolments/{enrolment_id}/modules",
    response={200: list[OfferedOut], **READ_ERRORS},
    operation_id="enrolment_modules",
    url_name="enrolment_modules",
)
def enrolment_modules(request: HttpRequest, enrolment_id: ObjectId) -> Any:
    """The modules of the enrolment's variant, with whether the student is enrolled."""
    enrolment = permissions.get_enrolment_for(request.user, enrolment_id)
    return selectors.modules_offered(enrolment).order_by("-first_year", "code", "pk")


@router.post(
    "/enrolments/{enrolment_id}/module-enrolments",
    response={201: ModuleEnrolmentOut, **WRITE_ERRORS},
    operation_id="module_enrol",
    url_name="module_enrol",
)
def module_enrol(request: HttpRequest, enrolment_id: ObjectId, payload: ModuleEnrolmentIn) -> Any:
    """Enrol the student for a module of their (demand-financed) variant; a module of another
    variant is refused (422) and nothing is stored."""
    enrolment = permissions.get_enrolment_for(request.user, enrolment_id)
    module = Module.objects.filter(pk=payload.module_id).first()
    if module is None:
        raise DomainError("Onbekende module.", "Unknown module.", field="module_id")
    row = services.module_enrol(enrolment, actor=caller(request), module=module)
    return Status(201, row)


@router.post(
    "/module-enrolments/{module_enrolment_id}/voucher",
    response={201: VoucherOut, **WRITE_ERRORS},
    operation_id="voucher_request",
    url_name="voucher_request",
)
def voucher_request(request: HttpRequest, module_enrolment_id: ObjectId, payload: VoucherIn) -> Any:
    """Ask for the voucher, stating whether the student holds a bachelor's or master's
    degree. Rule financing.voucher decides: granted with the amount or refused with the
    reason; the verdict is stored once (201) and a second request is refused (422)."""
    row = permissions.get_module_enrolment_for(request.user, module_enrolment_id)
    verdict = services.voucher_request(
        row, actor=caller(request), holds_degree=payload.holds_degree, on=web.today()
    )
    return Status(201, verdict)


@router.get(
    "/enrolments/{enrolment_id}/finances",
    response={200: FinancesOut, **READ_ERRORS},
    operation_id="enrolment_finances",
    url_name="enrolment_finances",
)
def enrolment_finances(request: HttpRequest, enrolment_id: ObjectId) -> Any:
    """What the student pays per academic year: the statutory tuition of each registration
    year (rule tuition.route-independent), or per module its price (rule
    financing.module-price) and the voucher applied (rule financing.voucher)."""
    enrolment = permissions.get_enrolment_for(request.user, enrolment_id)
    finances = selectors.finances_of(enrolment, on=web.today())
    return {
        "enrolment_id": enrolment.pk,
        "demand_financed": finances.demand_financed,
        "own_route_units": finances.own_route_units,
        "years": [
            {
                "first_year": y.first_year,
                "statutory_cents": y.statutory_cents,
                "tuition_check": _check(y.tuition_check),
                "modules": [
                    {
                        "module_enrolment_id": m.row.pk,
                        "module_id": m.row.module_id,
                        "code": m.row.module.code,
                        "ec": m.ec,
                        "price_cents": m.price_cents,
                        "voucher_cents": m.voucher_cents,
                        "to_pay_cents": m.to_pay_cents,
                        "voucher": getattr(m.row, "voucher", None),
                        "price_check": _check(m.price_check),
                    }
                    for m in y.modules
                ],
            }
            for y in finances.years
        ],
    }
