"""Writes that move a student's progress tell the app that keeps it (the exam committee's
EnrolmentProgress), so lower apps never import higher ones: the keeper registers a listener in
AppConfig.ready, and a service calls `enrolments_changed(ids)` inside its own transaction, so the
kept rows commit or roll back with the write that moved them."""

from __future__ import annotations

from collections.abc import Callable, Iterable

# enrolment ids, and the OERs just published as (variant id, academic year)
ProgressListener = Callable[[list[int], list[tuple[int, int]]], None]
PROGRESS_LISTENERS: list[ProgressListener] = []


def register_progress_listener(listener: ProgressListener) -> ProgressListener:
    if listener not in PROGRESS_LISTENERS:
        PROGRESS_LISTENERS.append(listener)
    return listener


def enrolments_changed(enrolment_ids: Iterable[int]) -> None:
    """Tell every listener, synchronously, that these enrolments' progress may have moved."""
    _changed(enrolment_ids, ())


def oer_published(variant_id: int, academic_year: int) -> None:
    """An OER of this variant and year was published: the enrolments whose exam it may now be
    have moved (the keeper decides which: a student's exam is the OER of their start year)."""
    _changed((), [(variant_id, academic_year)])


def _changed(enrolment_ids: Iterable[int], published: Iterable[tuple[int, int]]) -> None:
    enrolments = sorted({int(i) for i in enrolment_ids})
    oers = sorted(set(published))
    if not enrolments and not oers:
        return
    for listener in PROGRESS_LISTENERS:
        listener(enrolments, oers)
