"""JSON API for tuition rates (the administrator), modules for demand financing (programme
managers and the administrator), a student's module enrolments and vouchers, and what a
student pays. What the caller may not see answers 404; what they may see but not do, 403; a
refusal 422 with its reason (a module over 30 EC: rule financing.module with its source)."""

from ninja import Router

from . import finances, modules, tuition

router = Router()
router.add_router("", tuition.router)
router.add_router("", modules.router)
router.add_router("", finances.router)
