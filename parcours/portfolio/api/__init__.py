"""JSON API for the evidence portfolio: a student's items (links, or uploads in versions), their
mapping to assessment criteria, the coverage per unit, VRAAK judgements, workplace
confirmations and the permission-checked download of an upload.

A portfolio is personal: every operation needs a token or a session (401 otherwise). Items are
looked up through permissions.py, so an item the caller may not see answers 404 like a missing
one; services refuse what the caller may see but not do (403) and refuse bad input with 422
(an upload is checked by its content before anything is stored, field "file"). Uploads are
multipart (`file` plus the form fields); everything else is JSON.

Composed of `portfolios` (per enrolment) and `items` (per item); the schemas are in `schemas`.
"""

from ninja import Router

from . import items, portfolios

router = Router()
router.add_router("", portfolios.router)
router.add_router("", items.router)
