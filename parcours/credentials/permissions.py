"""Who may do what with credentials. The issuer profile and the verification page and API are
public: a credential is checked by whoever holds it, without an account.

A student claims, downloads and exports only their own credentials (someone else's answers 404,
so ids leak nothing). The public link of a credential, its status list and the issuer's profile
are public: whoever holds the link may check it, which is what a credential is for; the link's
id is unguessable. The exam committee of the programme may revoke a credential by hand; a
correction revokes one without anyone acting (the system, `actor=None`)."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from parcours.accounts.models import Role, Viewer
from parcours.curriculum.models import Institution
from parcours.curriculum.permissions import roles_by_programme
from parcours.examcommittee.permissions import is_committee

from .models import Credential


def can_verify_credential(user: Any) -> bool:
    """Anyone may have a credential checked (the page and the API)."""
    return True


def get_issuer_for(user: Any, brin_code: str) -> Institution:
    """The institution whose issuer profile is asked for (public); 404 for an unknown code."""
    institution = Institution.objects.filter(brin_code=brin_code).first()
    if institution is None:
        raise Http404("No such issuer.")
    return institution


def can_claim_credential(user: Viewer, student_id: int) -> bool:
    return bool(user.is_authenticated and user.pk == student_id)


def can_view_own_credentials(user: Viewer) -> bool:
    return bool(user.is_authenticated)


def can_revoke_credential(user: Viewer, credential: Credential) -> bool:
    return bool(user.is_authenticated and is_committee(user, credential.programme_id))


def get_credential_for(user: Viewer, pk: int) -> Credential:
    """The user's own credential, or 404."""
    if not user.is_authenticated:
        raise Http404
    credential = (
        Credential.objects.filter(pk=pk, student_id=user.pk)
        .select_related("unit", "programme__institution", "revocation", "status_list")
        .first()
    )
    if credential is None:
        raise Http404
    return credential


def get_public_credential(public_id: str) -> Credential:
    """A credential by its public id (anyone with the link), or 404."""
    credential = (
        Credential.objects.filter(public_id=public_id)
        .select_related("unit", "programme__institution", "revocation")
        .first()
    )
    if credential is None:
        raise Http404
    return credential


def committee_programme_ids(user: Viewer) -> set[int]:
    """The programmes whose exam committee the user sits on."""
    if not user.is_authenticated:
        return set()
    return {
        pk
        for pk, roles in roles_by_programme(user).items()
        if pk is not None and Role.EXAM_COMMITTEE in roles
    }


def can_use_committee_credentials(user: Viewer) -> bool:
    return bool(committee_programme_ids(user))


def get_committee_credential_for(user: Viewer, pk: int) -> Credential:
    """A credential of a programme whose exam committee the user sits on, or 404."""
    credential = (
        Credential.objects.filter(pk=pk, programme_id__in=committee_programme_ids(user))
        .select_related("unit", "programme", "student", "revocation")
        .first()
    )
    if credential is None:
        raise Http404
    return credential
