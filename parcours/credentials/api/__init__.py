"""JSON API for credentials: the caller's own credentials (`me`)."""

from ninja import Router

from . import me

router = Router()
router.add_router("", me.router)
