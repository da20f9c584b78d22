"""Route-independent assessment: requests for one unit or an integral assessment of several,
evidence frozen at submission, assessors who score blind, consensus, the criterion-based
interview, immutable unit results, exam-committee review and calibration sessions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parcours.curriculum.models import AssessmentCriterion, AssessmentForm, Programme, Unit
from parcours.portfolio.models import EvidenceItem, EvidenceVersion
from parcours.studyplans.models import Enrolment


class AssessmentRequest(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested")
        SCORING = "scoring", _("assessors scoring")
        THIRD_ASSESSOR = "third_assessor", _("third assessor needed")
        CONSENSUS = "consensus", _("awaiting consensus")
        COMPLETED = "completed", _("completed")
        WITHDRAWN = "withdrawn", _("withdrawn")

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.PROTECT, related_name="assessment_requests"
    )
    integral = models.BooleanField(_("integral assessment of several units"), default=False)
    form_kind = models.CharField(
        _("form"),
        max_length=24,
        choices=AssessmentForm.Kind.choices,
        default=AssessmentForm.Kind.PORTFOLIO_INTERVIEW,
    )
    assessors_required = models.PositiveSmallIntegerField(default=2)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.REQUESTED)
    student_note = models.TextField(_("note to the assessors"), blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    units = models.ManyToManyField(Unit, through="RequestUnit", related_name="+")

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.enrolment.student} · {self.pk}"


class RequestUnit(models.Model):
    request = models.ForeignKey(
        AssessmentRequest, on_delete=models.CASCADE, related_name="request_units"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    route = models.CharField(max_length=1, blank=True)  # the plan's effective route A-D

    class Meta:
        constraints = [models.UniqueConstraint(fields=["request", "unit"], name="unit_once")]

    def __str__(self) -> str:
        return f"{self.request_id} · {self.unit_id}"


class FrozenEvidence(models.Model):
    """An item as it was when the request was submitted: the version then current (uploads),
    or the link then recorded."""

    request = models.ForeignKey(AssessmentRequest, on_delete=models.CASCADE, related_name="frozen")
    item = models.ForeignKey(EvidenceItem, on_delete=models.PROTECT, related_name="frozen_in")
    version = models.ForeignKey(
        EvidenceVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(max_length=200)
    link = models.URLField(max_length=500, blank=True)
    criterion_ids = models.JSONField(default=list)  # the mapping at submission

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["request", "item"], name="freeze_once")]

    def __str__(self) -> str:
        return self.title


class AssessorAssignment(models.Model):
    class Position(models.IntegerChoices):
        FIRST = 1, _("first assessor")
        SECOND = 2, _("second assessor")
        THIRD = 3, _("third assessor")

    request = models.ForeignKey(
        AssessmentRequest, on_delete=models.CASCADE, related_name="assignments"
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assessor_assignments"
    )
    position = models.PositiveSmallIntegerField(choices=Position.choices)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["request", "assessor"], name="assessor_once"),
            models.UniqueConstraint(fields=["request", "position"], name="position_once"),
        ]

    def __str__(self) -> str:
        return f"{self.request} · {self.assessor} ({self.position})"


class CriterionScore(models.Model):
    """One assessor's score on one criterion; hidden from others until all have submitted."""

    assignment = models.ForeignKey(
        AssessorAssignment, on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(AssessmentCriterion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"], name="score_once")
        ]

    def __str__(self) -> str:
        return f"{self.assignment_id} · {self.criterion_id}: {self.score}"


class Interview(models.Model):
    """The criterion-based interview within an assessment."""

    request = models.OneToOneField(
        AssessmentRequest, on_delete=models.CASCADE, related_name="interview"
    )
    scheduled_at = models.DateTimeField(_("date and time"))
    location = models.CharField(_("place or video link"), max_length=200, blank=True)
    questions = models.TextField(_("questions"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    held = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.request_id} · {self.scheduled_at:%Y-%m-%d %H:%M}"


class ConsensusScore(models.Model):
    request = models.ForeignKey(
        AssessmentRequest, on_delete=models.PROTECT, related_name="consensus_scores"
    )
    criterion = models.ForeignKey(AssessmentCriterion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["request", "criterion"], name="consensus_once")
        ]

    def __str__(self) -> str:
        return f"{self.request_id} · {self.criterion_id}: {self.score}"


class UnitResult(models.Model):
    """The outcome of an assessment for one unit. Written once by consensus and never changed:
    a correction is a later exam-committee decision."""

    class Result(models.TextChoices):
        ACHIEVED = "achieved", _("achieved")
        NOT_YET = "not_yet", _("not yet achieved")

    request = models.ForeignKey(AssessmentRequest, on_delete=models.PROTECT, related_name="results")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="unit_results")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="results")
    result = models.CharField(max_length=10, choices=Result.choices)
    ec = models.PositiveSmallIntegerField()
    route = models.CharField(max_length=1, blank=True)
    integral = models.BooleanField(default=False)
    feedback = models.TextField(_("feedback"))
    decided_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decided_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "unit"], name="result_once"),
            models.CheckConstraint(condition=~Q(feedback=""), name="result_has_feedback"),
        ]

    def __str__(self) -> str:
        return f"{self.unit.code} {self.result}"


class ReviewSelection(models.Model):
    """A completed assessment drawn at random for exam-committee review."""

    request = models.OneToOneField(
        AssessmentRequest, on_delete=models.PROTECT, related_name="review"
    )
    selected_at = models.DateTimeField(auto_now_add=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    notes = models.TextField(_("review notes"), blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"review {self.request_id}"


class CalibrationSession(models.Model):
    """Assessors score one anonymised sample portfolio blind; the report shows how far they
    agree."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="calibration_sessions"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    sample = models.TextField(_("anonymised sample portfolio"))
    held_on = models.DateField(_("date"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="calibration_sessions"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title


class CalibrationSubmission(models.Model):
    session = models.ForeignKey(
        CalibrationSession, on_delete=models.CASCADE, related_name="submissions"
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "assessor"], name="calibration_once")
        ]

    def __str__(self) -> str:
        return f"{self.session_id} · {self.assessor_id}"


class CalibrationScore(models.Model):
    submission = models.ForeignKey(
        CalibrationSubmission, on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(AssessmentCriterion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "criterion"], name="calibration_score_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.submission_id} · {self.criterion_id}: {self.score}"
