"""Study plans: enrolments with intake, plans per period in immutable versions, per-unit route
choices (combinations A-D), guidance conversations and learning teams."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, TextChoices
from django.utils.translation import gettext_lazy as _

from parcours.curriculum.models import (
    LearningActivity,
    LearningOutcome,
    Persona,
    Programme,
    ProgrammeVariant,
    Unit,
)


class Enrolment(models.Model):
    """A student in an outcome-based variant, with an individual start date (no cohort)."""

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="enrolments"
    )
    variant = models.ForeignKey(
        ProgrammeVariant, on_delete=models.PROTECT, related_name="enrolments"
    )
    start_date = models.DateField(_("start date"))
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="caseload",
    )
    persona = models.ForeignKey(Persona, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["student", "variant"], name="one_enrolment_per_variant")
        ]

    def __str__(self) -> str:
        return f"{self.student} · {self.variant}"


class Intake(models.Model):
    class PriorEducation(models.TextChoices):
        VO = "vo", _("secondary education (havo/vwo)")
        MBO = "mbo", _("mbo")
        HBO = "hbo", _("hbo")
        WO = "wo", _("wo")

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="intake")
    prior_education = models.CharField(
        _("highest prior education"), max_length=3, choices=PriorEducation.choices
    )
    work_experience_years = models.PositiveSmallIntegerField(
        _("years of work experience"), validators=[MaxValueValidator(60)]
    )
    workplace = models.CharField(_("workplace"), max_length=200, blank=True)
    job_role = models.CharField(_("role at work"), max_length=200, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours a week available for study"),
        validators=[MinValueValidator(1), MaxValueValidator(80)],
    )
    goals = models.TextField(_("goals"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Intake {self.enrolment}"


class StartLevel(models.Model):
    """At intake: the level of a concentric learning line a student starts on for a learning
    outcome, with its grounds. Starting on level 2 skips level 1 (acceleration, seed 003);
    rule curriculum.concentric-levels bounds the level by the programme's number of levels."""

    class Grounds(TextChoices):
        PRIOR_WORK = "prior_work", _("prior work (portfolio, work experience)")
        EXEMPTION = "exemption", _("exemption")
        INTAKE_CONVERSATION = "intake_conversation", _("intake conversation")
        PRIOR_EDUCATION = "prior_education", _("prior education")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="start_levels")
    outcome = models.ForeignKey(LearningOutcome, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("starting level"), validators=[MinValueValidator(1)])
    grounds = models.CharField(_("grounds"), max_length=20, choices=Grounds.choices)
    explanation = models.TextField(_("explanation"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["outcome__unit__position", "outcome__unit__code", "outcome__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "outcome"], name="one_start_level_per_outcome"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} · {self.outcome.code} niveau {self.level}"


class LearningTeam(models.Model):
    """A home group of students for peer consultation, guided by a teacher."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="learning_teams"
    )
    name = models.CharField(_("name"), max_length=100)
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="teams_guided"
    )
    members = models.ManyToManyField(Enrolment, related_name="learning_teams", blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TeamMeeting(models.Model):
    team = models.ForeignKey(LearningTeam, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("date"))
    notes = models.TextField(_("notes"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.team} {self.held_on}"


class StudyPlan(models.Model):
    """The agreement for one period; its content lives in versions."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="plans")
    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    completed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period_start", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gt=models.F("period_start")), name="plan_period_order"
            )
        ]

    def __str__(self) -> str:
        return self.title


class PlanVersion(models.Model):
    """One version of a study plan. Only a draft changes; a submitted version is frozen, and an
    amendment is a new version based on it. Established versions keep their grounds."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned with comments")
        AGREED = "agreed", _("agreed by the coach")
        AGAINST_ADVICE = "against_advice", _("with the exam committee, against the coach's advice")
        ESTABLISHED = "established", _("established")
        SUPERSEDED = "superseded", _("superseded")
        WITHDRAWN = "withdrawn", _("withdrawn")

    plan = models.ForeignKey(StudyPlan, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField()

    class Advice(models.TextChoices):
        """The coach advises; the student decides (seed 000, answer 20)."""

        AGREE = "agree", _("agrees")
        AGAINST = "against", _("advises against")

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="amendments"
    )
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours a week available"), validators=[MinValueValidator(1), MaxValueValidator(80)]
    )
    notes = models.TextField(_("student's notes"), blank=True)
    # optimistic locking: every save of a draft bumps it; a save with a stale value is refused
    lock_version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    coach_comment = models.TextField(_("coach's comments"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # the coach's advice with the comment above: agree, or advise against (a returned version)
    coach_advice = models.CharField(
        _("coach's advice"), max_length=8, choices=Advice.choices, blank=True
    )
    # the student's own reasons for sending the version to the exam committee against the advice
    student_reasons = models.TextField(_("student's reasons"), blank=True)
    referred_at = models.DateTimeField(null=True, blank=True)
    established_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    established_at = models.DateTimeField(null=True, blank=True)
    grounds = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="version_number_per_plan"),
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(status="established"),
                name="one_established_version_per_plan",
            ),
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(status__in=["draft", "submitted", "agreed", "against_advice"]),
                name="one_open_version_per_plan",
            ),
        ]
        indexes = [
            # the committee's oldest established plans without a letter, read 20 at a time
            models.Index(
                fields=["established_at", "id"],
                condition=Q(status="established"),
                name="established_versions_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT


class LargeActivity(models.Model):
    """Combination D: one large activity expected to yield evidence for outcomes of several
    units; `outcomes` is the matrix activity × outcomes."""

    class Kind(models.TextChoices):
        INTERNSHIP = "internship", _("internship")
        CHALLENGE = "challenge", _("challenge")
        PROJECT = "project", _("multi-professional project")
        RESEARCH = "research", _("research project")

    version = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="large_activities"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    hours = models.PositiveSmallIntegerField(_("hours"))
    description = models.TextField(_("description"), blank=True)
    outcomes = models.ManyToManyField(LearningOutcome, related_name="+", blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class PlanUnit(models.Model):
    """A unit in a plan version: the chosen route and what was agreed for it."""

    class Route(models.TextChoices):
        A = "A", _("A: the facilitated route")
        B = "B", _("B: own or alternative activities")
        C = "C", _("C: straight to the route-independent assessment")
        D = "D", _("D: one large activity for several units")

    class Decision(models.TextChoices):
        PENDING = "pending", _("not yet decided")
        ESTABLISHED = "established", _("established")
        REFUSED = "refused", _("refused: the facilitated route applies")

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="units")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    route = models.CharField(_("route"), max_length=1, choices=Route.choices, default=Route.A)
    large_activity = models.ForeignKey(
        LargeActivity, null=True, blank=True, on_delete=models.SET_NULL, related_name="plan_units"
    )
    assessment = models.CharField(_("way of assessment"), max_length=300, blank=True)
    guidance = models.CharField(_("guidance"), max_length=300, blank=True)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    aimed_level = models.PositiveSmallIntegerField(
        _("level aimed at"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    decision = models.CharField(max_length=12, choices=Decision.choices, default=Decision.PENDING)
    decision_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["unit__position", "unit__code"]
        constraints = [
            models.UniqueConstraint(fields=["version", "unit"], name="unit_once_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.unit.code} ({self.route})"


class PlanActivity(models.Model):
    """An agreed learning activity for a unit (routes B and D): from this programme, from
    another programme, or external."""

    class Source(models.TextChoices):
        PROGRAMME = "programme", _("this programme")
        OTHER_PROGRAMME = "other_programme", _("another programme")
        EXTERNAL = "external", _("external provider")

    plan_unit = models.ForeignKey(PlanUnit, on_delete=models.CASCADE, related_name="activities")
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    activity = models.ForeignKey(
        LearningActivity, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=LearningActivity.Kind.choices)
    hours = models.PositiveSmallIntegerField(_("hours"))
    url = models.URLField(_("link"), blank=True)
    # route D: the learning outcomes of its unit this activity fills (a gap in the D matrix)
    outcomes = models.ManyToManyField(
        LearningOutcome, related_name="+", blank=True, verbose_name=_("learning outcomes")
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class GuidanceConversation(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="conversations")
    planned_on = models.DateField(_("planned for"))
    held_on = models.DateField(_("held on"), null=True, blank=True)
    participants = models.CharField(_("participants"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    agreements = models.TextField(_("agreements"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-planned_on", "-id"]

    def __str__(self) -> str:
        return f"{self.enrolment} {self.planned_on}"
