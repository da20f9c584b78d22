"""JSON API for credentials: the public verification of a credential."""

from ninja import Router

from . import verify

router = Router()
router.add_router("", verify.router)
