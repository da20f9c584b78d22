"""Writes that move a student's progress tell the app that keeps it (the exam committee's
EnrolmentProgress), so lower apps never import higher ones: the keeper registers a listener in
AppConfig.ready, and a service calls `enrolments_changed(ids)` inside its own transaction, so the
kept rows commit or roll back with the write that moved them."""

from __future__ import annotations

from collections.abc import Callable, Iterable

ProgressListener = Callable[[list[int], list[int]], None]  # enrolment ids, variant ids
PROGRESS_LISTENERS: list[ProgressListener] = []


def register_progress_listener(listener: ProgressListener) -> ProgressListener:
    if listener not in PROGRESS_LISTENERS:
        PROGRESS_LISTENERS.append(listener)
    return listener


def enrolments_changed(enrolment_ids: Iterable[int]) -> None:
    """Tell every listener, synchronously, that these enrolments' progress may have moved."""
    _changed(enrolment_ids, ())


def variants_changed(variant_ids: Iterable[int]) -> None:
    """Every enrolment of these variants may have moved (an OER published for them: a student's
    exam is the OER of their start year)."""
    _changed((), variant_ids)


def _changed(enrolment_ids: Iterable[int], variant_ids: Iterable[int]) -> None:
    enrolments = sorted({int(i) for i in enrolment_ids})
    variants = sorted({int(i) for i in variant_ids})
    if not enrolments and not variants:
        return
    for listener in PROGRESS_LISTENERS:
        listener(enrolments, variants)
