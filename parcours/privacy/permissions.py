"""Who may ask what about whose data.

A person may export their own data; an administrator (the role that handles privacy requests:
Parcours has no separate privacy-officer role) may export anyone's, look up the records kept
about a person and handle an erasure request.
"""

from django.http import Http404

from parcours.accounts.models import User, Viewer
from parcours.curriculum.permissions import is_administrator


def can_handle_requests(viewer: Viewer) -> bool:
    return viewer.is_authenticated and is_administrator(viewer)


def can_export_subject(viewer: Viewer, subject: User) -> bool:
    return viewer.is_authenticated and (viewer.pk == subject.pk or can_handle_requests(viewer))


def get_subject_for(viewer: Viewer, pk: int) -> User:
    """The person whose data is asked for; 404 for whoever may not ask (ids leak nothing)."""
    subject = User.objects.filter(pk=pk).first()
    if subject is None or not can_export_subject(viewer, subject):
        raise Http404
    return subject
