"""JSON API for study plans: plans and their versions, draft edits under optimistic locking, the
workflow (submit, return, agree, amend, establish), the coach's caseload and the exam
committee's queue.

Study plans are personal: every operation needs a token or a session (401 otherwise). Objects
are looked up through permissions.py, so a plan the caller may not see answers 404 like a
missing one; services refuse what the caller may see but not do (403) and evaluate the rules
(422 with the rule and its source). Every draft edit names the `lock_version` it was based on;
a stale one answers 409 with what is stored now next to what the caller sent.

Each module has its own router; this one only composes them into the `router` config/api.py
mounts.
"""

from ninja import Router

from . import caseload, drafts, plans, workflow

router = Router(tags=["study plans"])
router.add_router("", plans.router)
router.add_router("", drafts.router)
router.add_router("", workflow.router)
router.add_router("", caseload.router)
