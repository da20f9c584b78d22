"""JSON API for the STAP budget: the trainings listed in the STAP training register and the
claims, each decided at once by rule financing.stap and returned with its outcome (granted,
capped or refused, with the reason, the rule and its sources). Only the institution's
administrator; others get 403 on the lists and 404 for a claim. A refused claim is stored and
answered 201 like any other (its outcome says refused); input that does not fit (no amount, a
negative one, a date that is not a date, a file that is not what it claims) answers 422 (413 for
a file too large) and stores nothing."""

from ninja import Router

from . import claims

router = Router()
router.add_router("", claims.router)
