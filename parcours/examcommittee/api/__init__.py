"""JSON API for the exam committee: a student's progress, the validation desk (questions and
exemption requests with their documents and messages), decisions with their Awb parts (drafted,
made known with the appeal deadline, corrected by a new decision), the letter as PDF, the
diploma queue with the supplement, and the BSA list with personal circumstances.

Asking a question is public (`POST /desk-requests` with kind "question" admits anonymous
callers, who leave a name and an e-mail address); everything else needs a token or a session
(401 otherwise). Objects come through permissions.py, so what the caller may not see answers 404
like a missing object (a student never sees a draft decision); what they may see but not do
answers 403; the services evaluate the rules (422 with the rule, its source and every
violation). A decision made known never changes (422); a correction is a new decision.
Documents are multipart (`files` with one `document_kinds` entry each); everything else is JSON.
"""

from ninja import Router

from . import bsa, decisions, desk, desk_committee, diploma, progress

router = Router()
router.add_router("", progress.router)
router.add_router("", desk.router)
router.add_router("", decisions.router)
router.add_router("", desk_committee.router)
router.add_router("", diploma.router)
router.add_router("", bsa.router)
