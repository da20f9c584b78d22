"""Each enrolment's progress kept (EnrolmentProgress): recomputed and upserted in the
transaction of every write that moves it. The exam committee's own services call
`progress_refresh`; the lower apps' services call `core.progress.enrolments_changed`, to which
the app registers `progress_listener` (AppConfig.ready)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from parcours.core.progress import enrolments_changed

from .. import selectors
from ..models import Decision, EnrolmentProgress
from ..selectors.kept import KEPT_FIELDS


@transaction.atomic
def progress_refresh(enrolment_ids: Iterable[int]) -> int:
    """Recompute the kept progress of these enrolments (and of the student's other enrolments
    in the same programme, which share results and exemptions) from the source records, with
    the logic of the progress page, and upsert their rows in one statement: a constant number
    of queries per batch. Answers the number of rows written."""
    enrolments = list(selectors.enrolments_sharing_progress(enrolment_ids).order_by("pk"))
    now, today = timezone.now(), timezone.localdate()
    for start in range(0, len(enrolments), selectors.KEPT_BATCH):
        values = selectors.recomputed(enrolments[start : start + selectors.KEPT_BATCH], on=today)
        EnrolmentProgress.objects.bulk_create(
            [EnrolmentProgress(enrolment_id=pk, computed_at=now, **v) for pk, v in values.items()],
            update_conflicts=True,
            unique_fields=["enrolment"],
            update_fields=[*(f.removesuffix("_id") for f in KEPT_FIELDS), "computed_at"],
        )
    return len(enrolments)


def decision_progress_refresh(decision: Decision) -> None:
    """A decision made known moves the progress of the student's enrolments in its programme:
    every progress listener hears it (this app's `progress_listener` keeps the progress; a
    higher app, credentials, revokes what a correction took away)."""
    enrolments_changed(selectors.enrolment_ids_of(decision.student_id, decision.programme_id))


def progress_listener(enrolment_ids: list[int], published: list[tuple[int, int]]) -> None:
    """What `core.progress` calls: these enrolments, and those whose exam a just-published OER
    may now be."""
    moved = [
        pk
        for variant_id, year in published
        for pk in selectors.enrolment_ids_moved_by_publication(variant_id, year)
    ]
    progress_refresh([*enrolment_ids, *moved])
