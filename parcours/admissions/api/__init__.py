"""JSON API for application and admission: the variants open for application (public), an
application with its document (multipart: the fields and `document`),
one's own applications, and the staff's list and decision. Refusals answer 422 with the rule
and its source (a wish as a ground: rule admission.same-conditions), nothing written.

Composed of `applicant` and `staff`; the schemas are in `admissions/schemas.py`."""

from ninja import Router

from . import applicant, staff

router = Router()
router.add_router("", applicant.router)
router.add_router("", staff.router)
