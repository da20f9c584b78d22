"""The evidence portfolio: items a student collects (uploads in versions, or links), mapped to
assessment criteria of units, judged on VRAAK and confirmed by a workplace supervisor."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parcours.curriculum.models import AssessmentCriterion
from parcours.studyplans.models import Enrolment


class GroupProject(models.Model):
    """A project several students did together, possibly of different programmes: one shared
    record (what, when, where) that each student's own item links to. Each student maps their
    own item to their own units; nobody sees another student's mapping. Students join with
    the project's code, which they pass on to each other (never in an address)."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    evidence_date = models.DateField(_("date of the work"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=24, default="professional_product")
    code = models.CharField(_("code"), max_length=16, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-evidence_date", "-id"]

    def __str__(self) -> str:
        return self.title


class EvidenceItem(models.Model):
    class Kind(models.TextChoices):
        PROFESSIONAL_PRODUCT = "professional_product", _("professional product")
        REPORT = "report", _("report")
        REFLECTION = "reflection", _("reflection")
        CERTIFICATE = "certificate", _("certificate")
        STATEMENT = "statement", _("statement")
        VIDEO = "video", _("video")
        OTHER = "other", _("other")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="evidence")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    evidence_date = models.DateField(_("date of the work"))
    workplace = models.CharField(_("workplace"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    link = models.URLField(_("link"), max_length=500, blank=True)
    group_project = models.ForeignKey(
        GroupProject,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="items",
        verbose_name=_("group project"),
    )
    criteria = models.ManyToManyField(
        AssessmentCriterion, through="EvidenceMapping", related_name="evidence_items"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-evidence_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "group_project"], name="group_project_once_per_enrolment"
            )
        ]

    def __str__(self) -> str:
        return self.title


class EvidenceVersion(models.Model):
    """One upload of an item. A new upload is a new version; old versions stay."""

    item = models.ForeignKey(EvidenceItem, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField()
    stored_name = models.CharField(max_length=80, unique=True)  # random, never the user's name
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=120)  # as detected from the content
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["item", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="evidence_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.item} v{self.number}"


class EvidenceMapping(models.Model):
    """The student's claim that an item shows a criterion (and so an outcome of a unit)."""

    item = models.ForeignKey(EvidenceItem, on_delete=models.CASCADE, related_name="mappings")
    criterion = models.ForeignKey(
        AssessmentCriterion, on_delete=models.PROTECT, related_name="mappings"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "criterion"], name="map_criterion_once")
        ]

    def __str__(self) -> str:
        return f"{self.item} → {self.criterion}"


class VraakJudgement(models.Model):
    """A coach's or assessor's judgement of an item on the VRAAK criteria: variety, relevance,
    authenticity, currency and quantity. Judgements are added, never edited."""

    class Verdict(models.TextChoices):
        SUFFICIENT = "sufficient", _("sufficient")
        DOUBTFUL = "doubtful", _("doubtful")
        INSUFFICIENT = "insufficient", _("insufficient")

    item = models.ForeignKey(EvidenceItem, on_delete=models.CASCADE, related_name="judgements")
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    variety = models.CharField(_("variety"), max_length=12, choices=Verdict.choices)
    relevance = models.CharField(_("relevance"), max_length=12, choices=Verdict.choices)
    authenticity = models.CharField(_("authenticity"), max_length=12, choices=Verdict.choices)
    currency = models.CharField(_("currency"), max_length=12, choices=Verdict.choices)
    quantity = models.CharField(_("quantity"), max_length=12, choices=Verdict.choices)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    ASPECTS = ("variety", "relevance", "authenticity", "currency", "quantity")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"VRAAK {self.item} · {self.judge}"


class WorkplaceConfirmation(models.Model):
    """An invitation to a workplace supervisor to confirm an item's authenticity through a
    single-use, expiring link; only the token's SHA-256 is stored."""

    class Answer(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        DECLINED = "declined", _("declined")

    item = models.ForeignKey(EvidenceItem, on_delete=models.CASCADE, related_name="confirmations")
    version = models.ForeignKey(
        EvidenceVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    supervisor_email = models.EmailField(_("supervisor's e-mail address"))
    supervisor_name = models.CharField(_("supervisor's name"), max_length=200)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    invited_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_name = models.CharField(_("name"), max_length=200, blank=True)
    answered_role = models.CharField(_("role"), max_length=200, blank=True)
    answered_organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["-invited_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(answer="", answered_at__isnull=True)
                | (~Q(answer="") & Q(answered_at__isnull=False)),
                name="confirmation_answered_with_time",
            )
        ]

    def __str__(self) -> str:
        return f"{self.item} · {self.supervisor_name}"


class StoredFile(models.Model):
    """Every file kept in STORAGES["evidence"] (evidence versions and desk documents name it by
    `name`): the key it is encrypted under and whether the virus scanner passed it. A file is
    usable (downloadable, frozen into an assessment, shown as evidence) only when clean or not
    scanned because no scanner is configured; pending files wait for the scanner, infected
    ones are removed. A file with no row was written before encryption (plaintext, not
    scanned) until `manage.py encrypt_uploads` encrypts it."""

    class Scan(models.TextChoices):
        PENDING = "pending", _("waiting for the virus scan")
        CLEAN = "clean", _("scanned, no virus found")
        NOT_SCANNED = "not_scanned", _("not scanned (no scanner configured)")
        INFECTED = "infected", _("removed: a virus was found")

    USABLE = (Scan.CLEAN, Scan.NOT_SCANNED)

    name = models.CharField(max_length=80, unique=True)  # what the rows that use it store
    blob = models.CharField(max_length=100, unique=True)  # the object in the storage
    key_id = models.CharField(max_length=32)  # the encryption key (core/crypto_files.py)
    size = models.PositiveBigIntegerField()  # plaintext bytes
    scan = models.CharField(max_length=12, choices=Scan.choices, default=Scan.PENDING)
    scan_detail = models.CharField(max_length=200, blank=True)  # signature, or the last error
    scan_attempts = models.PositiveIntegerField(default=0)
    scanned_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["scan"], name="stored_file_scan")]

    def __str__(self) -> str:
        return self.name

    @property
    def usable(self) -> bool:
        return self.scan in self.USABLE


class SentDocument(models.Model):
    """A document someone sends with a request or an application (a diploma, a certificate,
    course results): checked by content and stored like evidence, encrypted outside the web
    root (`services.document_store`). A concrete model adds its kinds and what it came with."""

    issuer = models.CharField(_("issued by"), max_length=200, blank=True)
    original_name = models.CharField(_("file name"), max_length=200)
    stored_name = models.CharField(max_length=80, unique=True)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name
