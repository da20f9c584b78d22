from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from parcours.accounts.models import Role

# The calendar and the organisation live in their own module (this one would pass 500 lines).
from .organisation import AcademicPeriod as AcademicPeriod
from .organisation import AcademicYear as AcademicYear
from .organisation import OrganisationalUnit as OrganisationalUnit
from .organisation import StartMoment as StartMoment
from .setup import SetupToken as SetupToken

# The most levels a programme may work its concentric learning lines out on (a bound for the
# form; how many a programme has is its own choice, rule curriculum.concentric-levels).
MAX_OUTCOME_LEVELS = 9


class Bilingual:
    """Picks the `<name>_nl` or `<name>_en` field for the active language (Dutch as fallback)."""

    def localized(self, name: str) -> str:
        lang = (get_language() or "nl")[:2]
        value = getattr(self, f"{name}_{lang}", "") or getattr(self, f"{name}_nl", "")
        return str(value)


class Institution(models.Model):
    name = models.CharField(_("name"), max_length=200)
    brin_code = models.CharField(_("institution code"), max_length=4, unique=True)

    def __str__(self) -> str:
        return self.name


class Programme(Bilingual, models.Model):
    class Level(models.TextChoices):
        ASSOCIATE = "ad", _("Associate degree")
        BACHELOR = "ba", _("Bachelor")
        MASTER = "ma", _("Master")

    class Sector(models.TextChoices):
        HBO = "hbo", _("Higher professional education (hbo)")
        WO = "wo", _("University education (wo)")

    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="programmes"
    )
    croho_code = models.CharField(
        _("CROHO code"), max_length=5, validators=[RegexValidator(r"^\d{5}$")]
    )
    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    level = models.CharField(_("level"), max_length=2, choices=Level.choices)
    sector = models.CharField(_("sector"), max_length=3, choices=Sector.choices)
    nominal_ec = models.PositiveSmallIntegerField(_("nominal study load (EC)"))
    nominal_years = models.PositiveSmallIntegerField(_("nominal duration (years)"))
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    demand_financed = models.BooleanField(
        _("demand financing (vraagfinanciering)"),
        default=False,
        help_text=_("As the CROHO register indicates for the programme's code."),
    )
    unit = models.ForeignKey(
        OrganisationalUnit,
        verbose_name=_("organisational unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programmes",
    )
    outcome_levels = models.PositiveSmallIntegerField(
        _("levels of the concentric learning lines"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_OUTCOME_LEVELS)],
        help_text=_(
            "On how many successive levels each learning outcome is worked out (for instance "
            "three, or four in the HBO-i framework)."
        ),
    )

    class Meta:
        ordering = ["name_nl"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "croho_code"], name="programme_croho")
        ]

    def __str__(self) -> str:
        return self.localized("name")


class CrohoRegistration(models.Model):
    """One row of DUO's CROHO register (WHW art. 6.13): a programme code at an institution, as
    `manage.py import_croho` last read it. A code missing from a later file is ended, not
    deleted: programmes and decisions keep pointing at it."""

    class Level(models.TextChoices):
        ASSOCIATE = "ad", _("Associate degree")
        BACHELOR = "ba", _("Bachelor")
        MASTER = "ma", _("Master")
        UNDIVIDED = "on", _("Undivided (ongedeeld)")
        POST_INITIAL_MASTER = "pi", _("Post-initial master")
        POSTMASTER = "pm", _("Postmaster")

    brin_code = models.CharField(_("institution code"), max_length=4)
    institution_name = models.CharField(_("institution"), max_length=200)
    code = models.CharField(_("CROHO code"), max_length=5)
    name = models.CharField(_("name in the register"), max_length=200)
    sector = models.CharField(_("sector"), max_length=3, choices=Programme.Sector.choices)
    level = models.CharField(_("level"), max_length=2, choices=Level.choices)
    field_code = models.CharField(_("CROHO field code (onderdeel)"), max_length=2, blank=True)
    field_name = models.CharField(_("CROHO field (onderdeel)"), max_length=100, blank=True)
    subfield_code = models.CharField(_("CROHO subfield code"), max_length=2, blank=True)
    current_brin_code = models.CharField(_("current institution code"), max_length=4, blank=True)
    current_code = models.CharField(_("current equivalent code"), max_length=5, blank=True)
    historic_code = models.CharField(_("historic equivalent code"), max_length=5, blank=True)
    indication = models.CharField(_("kind of programme (indication)"), max_length=2, blank=True)
    indication_label = models.CharField(_("kind of programme"), max_length=100, blank=True)
    demand_financed = models.BooleanField(_("demand financing (vraagfinanciering)"))
    joint_degree_code = models.CharField(_("joint degree code"), max_length=5, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta:
        ordering = ["brin_code", "code"]
        constraints = [
            models.UniqueConstraint(fields=["brin_code", "code"], name="croho_registration_code")
        ]
        indexes = [models.Index(fields=["code"], name="croho_registration_by_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name} ({self.brin_code})"


class ProgrammeVariant(Bilingual, models.Model):
    class Form(models.TextChoices):
        FULL_TIME = "full_time", _("full-time")
        PART_TIME = "part_time", _("part-time")
        DUAL = "dual", _("dual")

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="variants")
    form = models.CharField(_("form"), max_length=10, choices=Form.choices)
    outcome_based = models.BooleanField(_("works with units of learning outcomes"), default=False)
    has_propedeuse = models.BooleanField(_("first-year certificate (propedeuse)"), default=False)
    bsa_norm_ec = models.PositiveSmallIntegerField(
        _("binding study advice norm (EC)"), null=True, blank=True
    )

    class StartMoments(models.TextChoices):
        MONTHLY = "monthly", _("every month")
        QUARTERLY = "quarterly", _("every quarter")
        SEMESTER = "semester", _("every semester")

    # Institution choices for study plans, with defaults (read by the rules through the facts).
    start_moments = models.CharField(
        _("start moments"),
        max_length=10,
        choices=StartMoments.choices,
        default=StartMoments.MONTHLY,
    )
    coach_establishes_plans = models.BooleanField(
        _("the exam committee delegates establishing study plans to the coach"), default=False
    )
    feasibility_warning_ratio = models.FloatField(
        _("warn when a plan needs more than this share of the available hours"),
        default=1.0,
        validators=[MinValueValidator(0.1)],
    )
    stall_weeks = models.PositiveSmallIntegerField(
        _("weeks without progress before a student counts as stalled"), default=8
    )
    third_assessor_gap = models.PositiveSmallIntegerField(
        _("bring in a third assessor when two scores on a criterion differ by this much"),
        default=2,
        validators=[MinValueValidator(1)],
    )
    review_share = models.PositiveSmallIntegerField(
        _("share of completed assessments the exam committee reviews (%)"),
        default=10,
        validators=[MaxValueValidator(100)],
    )
    # The programme's usual admission requirements, the same whatever route a student wants
    # (rule admission.same-conditions); shown when applying and named in a refusal.
    admission_requirements_nl = models.TextField(
        _("admission requirements (Dutch)"), max_length=5000, blank=True
    )
    admission_requirements_en = models.TextField(
        _("admission requirements (English)"), max_length=5000, blank=True
    )
    evidence_quota_mb = models.PositiveIntegerField(
        _("storage per student for evidence (MB)"), default=500, validators=[MinValueValidator(1)]
    )

    class Meta:
        ordering = ["programme__name_nl", "form"]
        constraints = [models.UniqueConstraint(fields=["programme", "form"], name="variant_form")]

    def __str__(self) -> str:
        return f"{self.programme} ({self.get_form_display()})"


class TeacherConsent(models.Model):
    """The teachers' consent to the switch to units of learning outcomes (amendment
    Stultiens/Beckerman). Recorded once; a new vote is a new record."""

    class Method(models.TextChoices):
        VOTE = "vote", _("vote in a meeting")
        BALLOT = "ballot", _("written ballot")

    class Result(models.TextChoices):
        GRANTED = "granted", _("consent granted")
        REFUSED = "refused", _("consent refused")

    variant = models.ForeignKey(ProgrammeVariant, on_delete=models.PROTECT, related_name="consents")
    body = models.CharField(_("who consented"), max_length=200)
    method = models.CharField(_("how"), max_length=10, choices=Method.choices)
    votes_for = models.PositiveSmallIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("votes against"), null=True, blank=True)
    abstentions = models.PositiveSmallIntegerField(_("abstentions"), null=True, blank=True)
    result = models.CharField(_("result"), max_length=10, choices=Result.choices)
    decided_on = models.DateField(_("date"))
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decided_on", "id"]

    def __str__(self) -> str:
        return f"{self.variant}: {self.get_result_display()} {self.decided_on}"


class RoleAssignment(models.Model):
    """A user's role, scoped to one programme (the administrator's role is institution-wide)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=24, choices=Role.choices)
    programme = models.ForeignKey(
        Programme, null=True, blank=True, on_delete=models.CASCADE, related_name="role_assignments"
    )
    # From this day the role no longer counts (an end set ahead of time; a role ended today
    # or earlier is removed at once: services.role_end).
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "programme"], name="role_once_per_programme"
            ),
            models.CheckConstraint(
                condition=Q(role=Role.ADMINISTRATOR, programme__isnull=True)
                | (~Q(role=Role.ADMINISTRATOR) & Q(programme__isnull=False)),
                name="role_scope",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.programme or '—'}"


class Oer(models.Model):
    """An academic year's education and examination regulation (OER) for one variant."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    variant = models.ForeignKey(ProgrammeVariant, on_delete=models.PROTECT, related_name="oers")
    academic_year = models.PositiveSmallIntegerField(
        _("academic year (first calendar year)"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    publish_grounds = models.JSONField(default=list, blank=True)
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="copies"
    )
    # Optimistic locking: every edit bumps it, a stale form is refused.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["variant", "-academic_year"]
        constraints = [
            models.UniqueConstraint(fields=["variant", "academic_year"], name="oer_per_year")
        ]

    def __str__(self) -> str:
        return f"OER {self.year_label} · {self.variant}"

    @property
    def year_label(self) -> str:
        return f"{self.academic_year}-{self.academic_year + 1}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Unit(Bilingual, models.Model):
    """A unit of learning outcomes (eenheid van leeruitkomsten)."""

    oer = models.ForeignKey(Oer, on_delete=models.CASCADE, related_name="units")
    code = models.CharField(
        _("code"), max_length=20, validators=[RegexValidator(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    )
    title_nl = models.CharField(_("title (Dutch)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    ec = models.PositiveSmallIntegerField(
        _("study load (EC)"), validators=[MinValueValidator(1), MaxValueValidator(240)]
    )
    scale_points = models.PositiveSmallIntegerField(
        _("points on the assessment scale"),
        default=4,
        validators=[MinValueValidator(2), MaxValueValidator(10)],
        help_text=_("Assessors score each criterion from 1 to this number."),
    )
    pass_score = models.PositiveSmallIntegerField(
        _("score that shows a criterion"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    nlqf_level = models.PositiveSmallIntegerField(
        _("NLQF/EQF level"), validators=[MinValueValidator(1), MaxValueValidator(8)]
    )
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]
        constraints = [models.UniqueConstraint(fields=["oer", "code"], name="unit_code_per_oer")]

    def __str__(self) -> str:
        return f"{self.code} {self.localized('title')}"


class LearningOutcome(Bilingual, models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="outcomes")
    code = models.CharField(_("code"), max_length=20)
    text_nl = models.TextField(_("learning outcome (Dutch)"))
    text_en = models.TextField(_("learning outcome (English)"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "code"], name="outcome_code_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.localized('text')[:60]}"


class ConcentricLevel(Bilingual, models.Model):
    """An outcome worked out on one of the programme's successive levels (concentric learning
    line; `Programme.outcome_levels` says how many, rule curriculum.concentric-levels)."""

    outcome = models.ForeignKey(LearningOutcome, on_delete=models.CASCADE, related_name="levels")
    level = models.PositiveSmallIntegerField(
        _("level"), validators=[MinValueValidator(1), MaxValueValidator(MAX_OUTCOME_LEVELS)]
    )
    text_nl = models.TextField(_("description (Dutch)"))
    text_en = models.TextField(_("description (English)"), blank=True)

    class Meta:
        ordering = ["level"]
        constraints = [
            models.UniqueConstraint(fields=["outcome", "level"], name="one_text_per_level")
        ]

    def __str__(self) -> str:
        return f"{self.outcome.code} niveau {self.level}"


class AssessmentCriterion(Bilingual, models.Model):
    outcome = models.ForeignKey(LearningOutcome, on_delete=models.CASCADE, related_name="criteria")
    text_nl = models.TextField(_("criterion (Dutch)"))
    text_en = models.TextField(_("criterion (English)"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.localized("text")[:80]


class LearningActivity(Bilingual, models.Model):
    """A recommended learning activity of a unit's facilitated route."""

    class Kind(models.TextChoices):
        COURSE = "course", _("course")
        WORKSHOP = "workshop", _("workshop")
        INTERNSHIP = "internship", _("internship")
        CHALLENGE = "challenge", _("challenge")
        PROJECT = "project", _("project")
        WORKPLACE_TASK = "workplace_task", _("workplace task")
        MOOC = "mooc", _("MOOC")
        RESEARCH = "research", _("research project")
        LEARNING_TEAM = "learning_team", _("learning-team meeting")

    class Mode(models.TextChoices):
        CONTACT = "contact", _("contact")
        ONLINE = "online", _("online")
        WORKPLACE = "workplace", _("workplace")
        BLENDED = "blended", _("blended")

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices)
    title_nl = models.CharField(_("title (Dutch)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    hours = models.PositiveSmallIntegerField(_("hours"))
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.localized("title")


class AssessmentForm(Bilingual, models.Model):
    class Kind(models.TextChoices):
        PORTFOLIO_INTERVIEW = "portfolio_interview", _("portfolio with criterion-based interview")
        WRITTEN_EXAM = "written_exam", _("written exam")
        PRODUCT = "product", _("product assessment")
        PRACTICAL = "practical", _("practical assessment")
        PRESENTATION = "presentation", _("presentation")

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="assessment_forms")
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    route_independent = models.BooleanField(_("route-independent"), default=True)
    assessors = models.PositiveSmallIntegerField(
        _("number of assessors"), default=2, validators=[MinValueValidator(1)]
    )
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.get_kind_display()


class ValidationGridEntry(Bilingual, models.Model):
    """Validation grid: for an outcome, the kind of evidence that typically shows it."""

    outcome = models.ForeignKey(
        LearningOutcome, on_delete=models.CASCADE, related_name="grid_entries"
    )
    evidence_nl = models.TextField(_("typical evidence (Dutch)"))
    evidence_en = models.TextField(_("typical evidence (English)"), blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.localized("evidence")[:80]


class Persona(Bilingual, models.Model):
    """A typical group of students, used to design offer and guidance (seed 003)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="personas")
    name = models.CharField(_("name"), max_length=100)
    age = models.PositiveSmallIntegerField(_("age"), null=True, blank=True)
    work_experience_years = models.PositiveSmallIntegerField(
        _("years of work experience"), null=True, blank=True
    )
    summary_nl = models.TextField(_("summary (Dutch)"))
    summary_en = models.TextField(_("summary (English)"), blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
