"""Who may do what with accounts.

The account pages are either public (log in, choose a language, ask for a password reset,
confirm a sign-up, log in with SURFconext) or act on the signed-in user only (log out, change
the password, end the other sessions, the user's own API tokens). Roles per programme live in
`parcours.curriculum.RoleAssignment` (docs/decisions/0001) and are checked by
`parcours.curriculum.permissions`.
"""

from __future__ import annotations

from django.http import Http404

from . import oidc
from .models import ApiToken, User, Viewer


def can_log_in_with_surfconext(user: Viewer) -> bool:
    """Anyone, when SURFconext is configured: a visitor to log in, a signed-in user to step up
    with SURFsecureID (or to log in as someone else)."""
    return oidc.is_configured()


def can_manage_api_tokens(user: Viewer, owner: User) -> bool:
    """A user makes, sees and revokes their own tokens only."""
    return bool(user.is_authenticated and user.pk == owner.pk)


def get_api_token_for(user: Viewer, pk: int) -> ApiToken:
    """The user's own token; 404 for anyone else's (ids leak nothing)."""
    token = ApiToken.objects.select_related("user").filter(pk=pk).first()
    if token is None or not can_manage_api_tokens(user, token.user):
        raise Http404
    return token
