"""Who may do what with credentials. The issuer profile and the verification page and API are
public: a credential is checked by whoever holds it, without an account."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from parcours.curriculum.models import Institution


def can_verify_credential(user: Any) -> bool:
    """Anyone may have a credential checked (the page and the API)."""
    return True


def get_issuer_for(user: Any, brin_code: str) -> Institution:
    """The institution whose issuer profile is asked for (public); 404 for an unknown code."""
    institution = Institution.objects.filter(brin_code=brin_code).first()
    if institution is None:
        raise Http404("No such issuer.")
    return institution
