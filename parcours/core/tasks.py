"""Background work through the Django tasks API (`django_tasks`, the backport of Django 6's
`django.tasks` for 5.2). A service schedules a task with `enqueue_on_commit`, so the work is
queued only once its transaction has committed, and never for a write that rolled back.

Which backend runs the tasks is a setting (`TASKS`, from `DJANGO_TASKS_BACKEND`): the immediate
backend runs a task inside the request that committed (tests, development); the database
backend stores it in PostgreSQL, where `manage.py db_worker` processes pick it up, each task
exactly once (docs/deploy.md). Arguments must be JSON: ids and text, never model instances,
and never a secret: with the database backend they stay in the task table until it is pruned
(e-mail goes through `parcours.notifications`' outbox, whose task takes the row's id only and
renders the message, with any single-use link, when it sends)."""

from __future__ import annotations

from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django_tasks import task
from django_tasks.base import Task


@task()
def send_email(*, subject: str, message: str, recipient_list: list[str]) -> int:
    """Send one plain-text e-mail from DEFAULT_FROM_EMAIL; returns the number sent (0 or 1)."""
    return send_mail(
        subject=subject, message=message, from_email=None, recipient_list=recipient_list
    )


def enqueue_on_commit(work: Task[Any, Any], **kwargs: Any) -> None:
    """Queue `work` with `kwargs` when the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: work.enqueue(**kwargs))
