"""An application for admission to a programme variant from a start moment, with the applicant's
prior-education documents; its decision is an exam-committee `Decision` of kind admission
(made by the programme's staff), and an admission its `Enrolment`."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parcours.curriculum.models import ProgrammeVariant, StartMoment
from parcours.examcommittee.models import Decision
from parcours.portfolio.models import SentDocument
from parcours.studyplans.models import Enrolment


class Application(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        ADMITTED = "admitted", _("admitted")
        REFUSED = "refused", _("not admitted")

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="applications"
    )
    variant = models.ForeignKey(
        ProgrammeVariant, on_delete=models.PROTECT, related_name="applications"
    )
    start_moment = models.ForeignKey(StartMoment, on_delete=models.PROTECT, related_name="+")
    # the wish is recorded, never a ground for refusal (rule admission.same-conditions)
    own_route_wish = models.BooleanField(_("I would like my own route"), default=False)
    flexibility_wish = models.BooleanField(
        _("I would like flexibility (pace, place, time)"), default=False
    )
    wish = models.TextField(_("what I would like"), blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    language = models.CharField(max_length=2, choices=settings.LANGUAGES, default="nl")
    submitted_at = models.DateTimeField(auto_now_add=True)
    decision = models.OneToOneField(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="application"
    )
    enrolment = models.OneToOneField(
        Enrolment, null=True, blank=True, on_delete=models.PROTECT, related_name="application"
    )

    class Meta:
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["applicant", "variant"],
                condition=Q(status="submitted"),
                name="one_open_application_per_variant",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.applicant} · {self.variant_id} · {self.get_status_display()}"


class ApplicationDocument(SentDocument):
    """A prior-education document sent with an application."""

    class Kind(models.TextChoices):
        DIPLOMA = "diploma", _("diploma")
        TRANSCRIPT = "transcript", _("transcript (list of marks)")
        OTHER = "other", _("other document")

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(_("kind of document"), max_length=12, choices=Kind.choices)
