"""JSON API for credentials: the public verification of a credential (`verify`) and the
caller's own credentials (`me`)."""

from ninja import Router

from . import me, verify

router = Router()
router.add_router("", verify.router)
router.add_router("", me.router)
