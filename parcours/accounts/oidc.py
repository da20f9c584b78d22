"""SURFconext login (OpenID Connect), the client side, with Authlib.

The authorization-code flow with PKCE, `state` and `nonce` (Authlib keeps them in the session,
once: a state is forgotten when its answer arrives, so a replayed answer finds none). The ID
token must be signed with RS256 by a key in the provider's published JWKS (so `alg: none` or
another key fails), name this client in `aud`, the configured issuer in `iss`, and carry the
nonce this session sent. Anything else is an `OidcRefusal` with a short reason for the audit
log; the user sees one plain message. The settings are in config/settings.py (PARCOURS_OIDC_*);
docs/deploy.md says how to register Parcours at SURFconext.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import requests
from authlib.integrations.base_client import MismatchingStateError, OAuthError
from authlib.integrations.django_client import DjangoOAuth2App, OAuth
from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from joserfc import errors as jose_errors

# SURFconext signs ID tokens with RS256; nothing else is accepted, whatever discovery says.
ALGORITHMS = ["RS256"]
# How far the provider's clock may be off (seconds) for exp and iat.
LEEWAY = 60
# Session keys: the ID token (for the logout at the provider) and the login's assurance level.
ID_TOKEN = "parcours_oidc_id_token"
ACR = "parcours_oidc_acr"


class OidcRefusal(Exception):
    """An answer from the provider that failed a check; `reason` goes to the audit log."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Claims:
    """What a verified login tells about the person."""

    issuer: str
    subject: str
    given_name: str = ""
    family_name: str = ""
    name: str = ""
    email: str = ""
    affiliations: list[str] = field(default_factory=list)
    home_organization: str = ""
    acr: str = ""


def is_configured() -> bool:
    return bool(
        settings.PARCOURS_OIDC_ISSUER
        and settings.PARCOURS_OIDC_CLIENT_ID
        and settings.PARCOURS_OIDC_CLIENT_SECRET
    )


def step_up_acr_values() -> frozenset[str]:
    return frozenset(settings.PARCOURS_OIDC_STEP_UP_ACR_VALUES)


class _ProviderApp(DjangoOAuth2App):  # type: ignore[misc]  # Authlib is untyped
    def load_server_metadata(self) -> dict[str, Any]:
        """Discovery, checked: its issuer must be the configured one (OpenID Connect
        Discovery 1.0 §4.3), and only RS256 signatures are taken."""
        metadata: dict[str, Any] = super().load_server_metadata()
        if metadata.get("issuer") != settings.PARCOURS_OIDC_ISSUER:
            raise OidcRefusal("discovery_issuer_mismatch")
        metadata["id_token_signing_alg_values_supported"] = ALGORITHMS
        return metadata


class _Registry(OAuth):  # type: ignore[misc]
    oauth2_client_cls = _ProviderApp


_apps: dict[tuple[str, ...], _ProviderApp] = {}


def provider_app() -> _ProviderApp:
    """The client for the configured provider; kept per configuration, so discovery and the
    keys are fetched once (the keys again when a token names an unknown key id)."""
    issuer = settings.PARCOURS_OIDC_ISSUER
    discovery = settings.PARCOURS_OIDC_DISCOVERY_URL or f"{issuer}/.well-known/openid-configuration"
    key = (
        issuer,
        discovery,
        settings.PARCOURS_OIDC_CLIENT_ID,
        settings.PARCOURS_OIDC_CLIENT_SECRET,
        settings.PARCOURS_OIDC_SCOPES,
    )
    if key not in _apps:
        registry = _Registry()
        _apps[key] = registry.register(
            name="surfconext",
            client_id=settings.PARCOURS_OIDC_CLIENT_ID,
            client_secret=settings.PARCOURS_OIDC_CLIENT_SECRET,
            server_metadata_url=discovery,
            client_kwargs={
                "scope": settings.PARCOURS_OIDC_SCOPES,
                "code_challenge_method": "S256",
                "timeout": 10,
            },
        )
    return _apps[key]


def login_redirect(
    request: HttpRequest, redirect_uri: str, *, acr_values: frozenset[str] = frozenset()
) -> HttpResponseBase:
    """To the provider's login page; asking for an assurance level makes it log in anew."""
    extra: dict[str, str] = {}
    if acr_values:
        extra = {"acr_values": " ".join(sorted(acr_values)), "prompt": "login"}
    try:
        return provider_app().authorize_redirect(request, redirect_uri, **extra)  # type: ignore[no-any-return]
    except requests.RequestException as error:
        raise OidcRefusal("provider_unreachable") from error


def _reason(error: Exception) -> str:
    if isinstance(error, MismatchingStateError):
        return "state_unknown_or_replayed"
    if isinstance(error, OAuthError):
        return f"provider_error:{error.error}"[:80]
    if isinstance(error, jose_errors.BadSignatureError):
        return "bad_signature"
    if isinstance(error, jose_errors.UnsupportedAlgorithmError | jose_errors.MissingKeyError):
        return "algorithm_not_accepted"
    if isinstance(error, jose_errors.ExpiredTokenError):
        return "token_expired"
    if isinstance(error, jose_errors.ClaimError):
        names = {"aud": "audience", "iss": "issuer", "nonce": "nonce"}
        return f"wrong_{names.get(error.claim, error.claim)}"
    if isinstance(error, jose_errors.JoseError):
        return f"token_invalid:{error.error}"[:80]
    if isinstance(error, requests.RequestException):
        return "provider_unreachable"
    return f"invalid_answer:{type(error).__name__}"[:80]


def login_complete(request: HttpRequest) -> tuple[Claims, str]:
    """The provider's answer at the callback, checked: the verified claims and the ID token.
    Raises `OidcRefusal` on any failed check."""
    issuer = settings.PARCOURS_OIDC_ISSUER
    app = provider_app()
    # Authlib checks `aud` only when told which values to take (else merely `azp`).
    options = {
        "iss": {"essential": True, "values": [issuer]},
        "aud": {"essential": True, "values": [settings.PARCOURS_OIDC_CLIENT_ID]},
        "sub": {"essential": True},
    }
    try:
        token = app.authorize_access_token(request, claims_options=options, leeway=LEEWAY)
        id_claims = token.get("userinfo")
        if not token.get("id_token") or id_claims is None:
            raise OidcRefusal("no_id_token")
        extra = app.userinfo(token=token)
    except OidcRefusal:
        raise
    except Exception as error:  # every library error is a refusal, with its kind as reason
        raise OidcRefusal(_reason(error)) from error
    # OpenID Connect Core §5.3.2: the UserInfo answer must be about the ID token's subject.
    if extra.get("sub") != id_claims["sub"]:
        raise OidcRefusal("userinfo_subject_mismatch")
    claims = {**dict(extra), **dict(id_claims)}
    return _claims(issuer, claims), str(token["id_token"])


def _text(value: Any, limit: int) -> str:
    return value[:limit] if isinstance(value, str) else ""


def _claims(issuer: str, claims: dict[str, Any]) -> Claims:
    affiliations = claims.get("eduperson_affiliation") or []
    if isinstance(affiliations, str):
        affiliations = [affiliations]
    return Claims(
        issuer=issuer,
        subject=str(claims["sub"]),
        given_name=_text(claims.get("given_name"), 150),
        family_name=_text(claims.get("family_name"), 150),
        name=_text(claims.get("name"), 300),
        email=_text(claims.get("email"), 254),
        affiliations=[a[:64] for a in affiliations if isinstance(a, str)][:20],
        home_organization=_text(claims.get("schac_home_organization"), 255),
        acr=_text(claims.get("acr"), 255),
    )


def logout_url(request: HttpRequest, post_logout_redirect_uri: str) -> str | None:
    """The provider's end_session_endpoint for this session's login (RP-initiated logout), or
    None when the session did not log in there or the provider has none."""
    id_token = request.session.get(ID_TOKEN)
    if not is_configured() or not id_token:
        return None
    try:
        result = provider_app().create_logout_url(
            post_logout_redirect_uri=post_logout_redirect_uri,
            id_token_hint=id_token,
            client_id=settings.PARCOURS_OIDC_CLIENT_ID,
        )
    except (RuntimeError, OidcRefusal, requests.RequestException):
        return None
    return str(result["url"])
