"""JSON API for credentials: the public verification of a credential (`verify`), the caller's
own credentials (`me`) and the exam committee's revocation (`committee`)."""

from ninja import Router

from . import committee, me, verify

router = Router()
router.add_router("", verify.router)
router.add_router("", me.router)
router.add_router("", committee.router)
