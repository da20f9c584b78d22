"""JSON API for registrations per academic year and the 1 October census.

The census (`/census`) is read by the administrator and by programme managers (their
programmes); the snapshot is taken by the administrator. A student's registrations are read by
the administrator, the programme's managers and the student, and written by the administrator.
What the caller may not see answers 404; what they may see but not do, 403; a refusal 422 with
its reason (a day that is not a census date: rule funding.census with its source).
Registrations from a spreadsheet (`/registration-import`): the administrator, the import with a
second factor.
"""

from ninja import Router

from . import census, imports, registrations

router = Router()
router.add_router("", census.router)
router.add_router("", registrations.router)
router.add_router("", imports.router)
