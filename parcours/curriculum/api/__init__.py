"""JSON API for the curriculum: programmes, OERs, units of learning outcomes and their parts.

Each endpoint validates its input against its schema, looks objects up through permissions.py
(404 for what the caller may not see), calls one service or selector and returns. Services
check whether the caller may change what they see (403) and evaluate the rules (422 with the
rule and its source). Public reads admit anonymous callers; writes need a token or a session
(parcours.accounts.api_auth).

Composed of `oers` (programmes and OERs), `units`, `frameworks` (an outcomes framework from
and to a spreadsheet), `rules` and `administration` (the administrator's: programmes from the
CROHO register, users and roles), `staff_import` (staff and their roles from a spreadsheet),
`organisation` (academic years, organisational units);
the schemas are in `schemas`.
"""

from ninja import Router

from . import administration, frameworks, oers, organisation, rules, staff_import, units

router = Router()
router.add_router("", oers.router)
router.add_router("", units.router)
router.add_router("", frameworks.router)
router.add_router("", rules.router)
router.add_router("", administration.router)
router.add_router("", organisation.router)
router.add_router("", staff_import.router)
