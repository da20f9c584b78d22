"""The exam committee: the validation desk (questions and exemption requests, with documents),
legal decisions with their Awb parts (exemption, study plan, diploma, BSA; admission, decided
by the programme's staff through parcours.admissions), personal
circumstances for the BSA, and each enrolment's progress as kept for the committee's lists."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from parcours.curriculum.models import Institution, Oer, Programme, Unit
from parcours.portfolio.models import EvidenceItem, SentDocument
from parcours.studyplans.models import Enrolment, PlanVersion


class DeskRequest(models.Model):
    """A question or an exemption request at the institution's validation desk, routed to the
    exam committee of the programme."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("question")
        EXEMPTION = "exemption", _("exemption request")

    class Status(models.TextChoices):
        RECEIVED = "received", _("received")
        IN_REVIEW = "in_review", _("in review")
        INFO_REQUESTED = "info_requested", _("more information asked")
        DECIDED = "decided", _("decided")

    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="desk_requests"
    )
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="desk_requests")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="desk_requests",
    )
    contact_name = models.CharField(_("name"), max_length=200)
    contact_email = models.EmailField(_("e-mail address"))
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("your question or request"))
    units = models.ManyToManyField(Unit, blank=True, related_name="+")
    portfolio_items = models.ManyToManyField(EvidenceItem, blank=True, related_name="+")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.RECEIVED)
    received_on = models.DateField()
    term_end = models.DateField()  # Awb 4:13: decide within the term (a setting, 8 weeks)
    answer = models.TextField(_("answer"), blank=True)  # for questions
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # the language the requester wrote in (their e-mails come in it)
    language = models.CharField(max_length=2, choices=settings.LANGUAGES, default="nl")
    # an anonymous question's private link: only the SHA-256 of its token (shown once)
    answer_token_hash = models.CharField(max_length=64, blank=True, db_index=True)

    # the link's token, only on the object `desk_request_create` returns (never stored)
    answer_token: str = ""

    class Meta:
        ordering = ["term_end", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.contact_name} · {self.subject}"


class DeskDocument(SentDocument):
    """A document sent with a desk request: an RPL certificate, an earlier diploma, course
    results."""

    class Kind(models.TextChoices):
        RPL_CERTIFICATE = "rpl_certificate", _("RPL (EVC) certificate")
        DIPLOMA = "diploma", _("earlier diploma")
        COURSE_RESULT = "course_result", _("course results")
        OTHER = "other", _("other document")

    request = models.ForeignKey(DeskRequest, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("kind of document"), max_length=16, choices=Kind.choices)


class DeskMessage(models.Model):
    """The conversation on a request: the committee asks for more information, the requester
    answers."""

    request = models.ForeignKey(DeskRequest, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    from_committee = models.BooleanField(default=False)
    text = models.TextField(_("message"))
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.request_id} · {self.at:%Y-%m-%d}"


class Decision(models.Model):
    """A legal decision of the exam committee. Drafted, then made known once every Awb part is
    present; after that it never changes: a correction is a new decision that refers to it."""

    class Kind(models.TextChoices):
        EXEMPTION = "exemption", _("exemption")
        STUDY_PLAN = "study_plan", _("study plan")
        DIPLOMA = "diploma", _("diploma")
        PROPEDEUSE = "propedeuse", _("propedeuse")
        BSA = "bsa", _("binding study advice")
        ADMISSION = "admission", _("admission")

    class Outcome(models.TextChoices):
        GRANTED = "granted", _("granted")
        PARTLY = "partly", _("partly granted")
        REFUSED = "refused", _("refused")
        ESTABLISHED = "established", _("established")
        NOT_ESTABLISHED = "not_established", _("not established")
        DIPLOMA = "diploma", _("diploma awarded")
        PROPEDEUSE = "propedeuse", _("propedeuse certificate awarded")
        BSA_POSITIVE = "bsa_positive", _("positive study advice")
        BSA_NEGATIVE = "bsa_negative", _("negative binding study advice")
        BSA_POSTPONED = "bsa_postponed", _("study advice postponed")
        ADMITTED = "admitted", _("admitted")
        NOT_ADMITTED = "not_admitted", _("not admitted")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="decisions"
    )
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="decisions")
    enrolment = models.ForeignKey(
        Enrolment, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    desk_request = models.ForeignKey(
        DeskRequest, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    corrects = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections"
    )
    plan_version = models.ForeignKey(
        PlanVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    # the Awb parts
    body = models.CharField(_("decision-making body"), max_length=200, blank=True)
    members = models.JSONField(_("members"), default=list, blank=True)
    decided_on = models.DateField(_("date of the decision"), null=True, blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    reasons = models.TextField(_("reasons"), blank=True)
    evidence_cited = models.JSONField(_("evidence the reasons rest on"), default=list, blank=True)
    outcome = models.CharField(_("decision"), max_length=16, choices=Outcome.choices, blank=True)
    appeal_clause = models.TextField(_("appeal clause"), blank=True)
    language = models.CharField(max_length=2, choices=settings.LANGUAGES, default="nl")
    # made known
    made_known_on = models.DateField(null=True, blank=True)
    appeal_deadline = models.DateField(null=True, blank=True)
    content = models.JSONField(default=dict, blank=True)  # e.g. the diploma supplement
    grounds = models.JSONField(default=list, blank=True)  # rules, parameters, citations
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(made_known_on__isnull=True) | Q(appeal_deadline__isnull=False),
                name="known_decision_has_appeal_deadline",
            )
        ]
        indexes = [
            # the committee's decision list, newest first, a page of one programme at a time
            models.Index(
                F("programme"),
                F("created_at").desc(),
                F("id").desc(),
                name="decisions_newest_per_programme",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.student} · {self.get_outcome_display()}"

    @property
    def is_known(self) -> bool:
        return self.made_known_on is not None


class DecisionUnit(models.Model):
    """A unit a decision is about: exempted (granted) or not."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="decision_units")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    granted = models.BooleanField()
    ec = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["unit__position", "unit__code"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "unit"], name="decision_unit_once")
        ]

    def __str__(self) -> str:
        return f"{self.unit.code} {'✓' if self.granted else '✗'}"


class PersonalCircumstance(models.Model):
    """Personal circumstances the committee weighs in the BSA (WHW art. 7.8b)."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.PROTECT, related_name="personal_circumstances"
    )
    description = models.TextField(_("circumstances"))
    period_from = models.DateField(_("from"))
    period_until = models.DateField(_("until"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period_from", "-id"]

    def __str__(self) -> str:
        return f"{self.enrolment} · {self.period_from}"


class EnrolmentProgress(models.Model):
    """An enrolment's progress as the committee's lists read it, kept by
    `services.progress_refresh` in the same transaction as every write that moves it (a result,
    a decision made known or corrected, a plan version, personal circumstances) and checked
    against the source records by `manage.py verify_progress`."""

    class Prognosis(models.TextChoices):
        NONE = "", _("no BSA")
        ABOVE = "above", _("at or above the norm")
        BELOW = "below", _("below the norm")

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.CASCADE, related_name="kept_progress"
    )
    oer = models.ForeignKey(Oer, null=True, on_delete=models.PROTECT, related_name="+")
    ec_achieved = models.PositiveIntegerField(default=0)  # by assessment
    ec_exempted = models.PositiveIntegerField(default=0)
    ec_first_year = models.PositiveIntegerField(default=0)  # done within the BSA year
    bsa_norm_ec = models.PositiveSmallIntegerField(null=True)  # None: the variant has no BSA
    first_year_until = models.DateField(null=True)
    circumstances = models.BooleanField(default=False)  # personal circumstances recorded
    bsa_prognosis = models.CharField(
        max_length=5, choices=Prognosis.choices, default=Prognosis.NONE, blank=True
    )
    propedeuse_complete = models.BooleanField(null=True)  # None: the variant has none
    diploma_complete = models.BooleanField(default=False)  # every unit achieved or exempted
    units_achieved = models.PositiveSmallIntegerField(default=0)
    units_exempted = models.PositiveSmallIntegerField(default=0)
    units_planned = models.PositiveSmallIntegerField(default=0)
    units_not_yet = models.PositiveSmallIntegerField(default=0)
    units_open = models.PositiveSmallIntegerField(default=0)
    computed_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["diploma_complete"], name="kept_progress_diploma")]

    def __str__(self) -> str:
        return f"{self.enrolment} · {self.ec_done} EC"

    @property
    def ec_done(self) -> int:
        return self.ec_achieved + self.ec_exempted
