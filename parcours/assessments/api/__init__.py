"""JSON API for route-independent assessment: the student's requests and results, the
assessor's work (blind scores, consensus, the criterion-based interview), the assessment
coordinator's queue and assignments, and the exam committee's reviews.

Every operation needs a token or a session (401 otherwise). Requests are looked up through
permissions.py, so one the caller may not see answers 404 like a missing one; services refuse
what the caller may see but not do (403) and evaluate the rules (422 with the rule and its
source). Scores are blind: an assessor reads the other assessors' scores only once they and
every other assigned assessor have submitted; the student and the coach never see individual
scores, only the consensus and the feedback of a completed assessment.

Each audience has its module and router; this package only composes them into the `router`
config/api.py mounts (in this order, which is the order of the OpenAPI document).
"""

from ninja import Router

from . import coordination, requests, reviews, scoring, work

router = Router(tags=["assessments"])
router.add_router("", requests.router)
router.add_router("", scoring.router)
router.add_router("", coordination.router)
router.add_router("", work.router)
router.add_router("", reviews.router)
