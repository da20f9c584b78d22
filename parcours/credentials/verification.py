"""Verify a credential someone hands in: named checks, each passed, failed with the reason, or
skipped because an earlier one failed; in Dutch and English.

The checks, in order: it is JSON (at most 1 MB); every @context is one of the local copies
(never fetched); the 1EdTech Open Badges 3.0 AchievementCredential JSON Schema; the issuer is a
known institution's profile; the proof names a key of that issuer; the eddsa-rdfc-2022
signature; the dates (validFrom not in the future, validUntil not passed); the status
(`BitstringStatusListEntry`: `status_lookup(entry)` says whether it is revoked; a lookup that
does not know the list raises StatusUnknown). Nothing here reads the network, and no input
makes it raise: an unexpected error becomes a failed check.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from jsonschema import Draft201909Validator
from jsonschema.exceptions import best_match

from . import integrity, issuers
from .documents import SCHEMA_PATH, is_local

logger = logging.getLogger(__name__)

MAX_BYTES = 1_000_000
PASSED, FAILED, SKIPPED = "passed", "failed", "skipped"
LANGUAGES = ("nl", "en")

StatusLookup = Callable[[Mapping[str, Any]], bool]


class StatusUnknown(Exception):
    """The status list an entry points at is not one the lookup can read."""


def no_status_lists(entry: Mapping[str, Any]) -> bool:
    """A lookup that knows no status list (every entry is unknown)."""
    raise StatusUnknown(str(entry.get("statusListCredential", ""))[:200])


LABELS: dict[str, Promise] = {
    "json": _("The file is JSON"),
    "contexts": _("Every context is known (no download)"),
    "schema": _("Open Badges 3.0 schema"),
    "issuer": _("Issuer"),
    "key": _("Signing key"),
    "signature": _("Signature"),
    "dates": _("Validity dates"),
    "status": _("Status (not revoked)"),
}


@dataclass(frozen=True)
class Check:
    name: str
    status: str
    message: Promise
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == PASSED

    def label(self, language: str | None = None) -> str:
        with translation.override(language or translation.get_language()):
            return str(LABELS[self.name])

    def text(self, language: str | None = None) -> str:
        with translation.override(language or translation.get_language()):
            return str(self.message) % self.params if self.params else str(self.message)


@dataclass(frozen=True)
class VerificationReport:
    checks: list[Check]
    credential: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks)

    def check(self, name: str) -> Check:
        return next(check for check in self.checks if check.name == name)

    def as_dict(self, language: str | None = None) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "checks": [
                {
                    "name": check.name,
                    "label": check.label(language),
                    "status": check.status,
                    "message": check.text(language),
                }
                for check in self.checks
            ],
        }


def _passed(name: str, message: Promise, **params: Any) -> Check:
    return Check(name, PASSED, message, params)


def _failed(name: str, message: Promise, **params: Any) -> Check:
    return Check(name, FAILED, message, params)


def _skipped(name: str) -> Check:
    return Check(name, SKIPPED, _("Not checked: an earlier check failed."))


def _parse(raw: bytes | str) -> tuple[Any, Check]:
    size = len(raw.encode("utf-8", "surrogatepass")) if isinstance(raw, str) else len(raw)
    if size > MAX_BYTES:
        return None, _failed(
            "json", _("The file is larger than %(limit)s bytes."), limit=f"{MAX_BYTES:,}"
        )
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
        data = json.loads(text, parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None, _failed("json", _("The file is not JSON."))
    if not isinstance(data, dict):
        return None, _failed("json", _("The file is JSON, but not a JSON object."))
    return data, _passed("json", _("The file is a JSON object."))


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _contexts(document: dict[str, Any]) -> Check:
    contexts = document.get("@context")
    if contexts is None:
        return _failed("contexts", _("The credential has no @context."))
    contexts = contexts if isinstance(contexts, list) else [contexts]
    for context in contexts:
        if isinstance(context, str) and not is_local(context):
            return _failed(
                "contexts",
                _("The context %(url)s is not known here; contexts are never downloaded."),
                url=context[:200],
            )
        if not isinstance(context, str | dict):
            return _failed("contexts", _("An @context entry is neither a URL nor an object."))
    return _passed("contexts", _("Every context is one of the local copies."))


@cache
def _schema_validator() -> Draft201909Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return Draft201909Validator(schema)


def _schema(document: dict[str, Any]) -> Check:
    try:
        error = best_match(_schema_validator().iter_errors(document))
    except RecursionError:
        return _failed("schema", _("The credential is nested too deeply."))
    if error is None:
        return _passed("schema", _("The credential fits the Open Badges 3.0 JSON Schema."))
    where = "/".join(str(part) for part in error.absolute_path) or "(root)"
    return _failed(
        "schema",
        _("The credential does not fit the Open Badges 3.0 JSON Schema at %(where)s: %(error)s"),
        where=where[:200],
        error=error.message[:300],
    )


def _issuer_id(document: dict[str, Any]) -> Any:
    issuer = document.get("issuer")
    return issuer.get("id") if isinstance(issuer, dict) else issuer


def _issuer(document: dict[str, Any]) -> Check:
    issuer_id = _issuer_id(document)
    if not isinstance(issuer_id, str):
        return _failed("issuer", _("The credential names no issuer."))
    if issuers.issuer_brin(issuer_id) is None:
        return _failed(
            "issuer",
            _("The issuer %(issuer)s is not an institution known here."),
            issuer=issuer_id[:200],
        )
    return _passed("issuer", _("Issued by %(issuer)s."), issuer=issuer_id[:200])


def _proof_checks(document: dict[str, Any], issuer_ok: bool) -> list[Check]:
    """The key check and the signature check, from one pass over the proofs."""
    if not issuer_ok:
        return [
            _failed("key", _("The issuer is not known, so neither are its keys.")),
            _skipped("signature"),
        ]
    issuer_id = _issuer_id(document)
    found = integrity.verify_proof(
        document, lambda method: issuers.resolve_key(method, issuer_id=issuer_id)
    )
    method = (found.verification_method or "")[:200]
    if found.ok:
        return [
            _passed("key", _("Signed with the issuer's key %(key)s."), key=method),
            _passed("signature", _("The signature matches the credential: nothing was changed.")),
        ]
    key_failures: dict[str, Promise] = {
        "no_proof": _("The credential carries no proof."),
        "unsupported_proof": _("The credential has no eddsa-rdfc-2022 Data Integrity proof."),
        "malformed_proof": _("The proof is malformed."),
        "wrong_purpose": _("The proof is not an assertion by the issuer."),
        "unknown_key": _("The key %(key)s is not one of the issuer's keys."),
    }
    if found.reason in key_failures:
        return [_failed("key", key_failures[found.reason], key=method), _skipped("signature")]
    key = _passed("key", _("Signed with the issuer's key %(key)s."), key=method)
    if found.reason == "context_not_local":
        return [
            key,
            _failed("signature", _("The credential uses a context that is not known here.")),
        ]
    if found.reason == "too_complex":
        return [
            key,
            _failed("signature", _("The credential is too large or too complex to check.")),
        ]
    if found.reason == "not_canonicalizable":
        return [key, _failed("signature", _("The credential is not valid JSON-LD."))]
    return [
        key,
        _failed(
            "signature",
            _("The signature does not match: the credential was changed after it was signed."),
        ),
    ]


def _moment(value: Any) -> datetime | None:
    if not isinstance(value, str) or len(value) > 64 or "T" not in value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _dates(document: dict[str, Any], now: datetime) -> Check:
    valid_from, valid_until = document.get("validFrom"), document.get("validUntil")
    start = _moment(valid_from)
    if valid_from is not None and start is None:
        return _failed("dates", _("validFrom is not a date and time with a time zone."))
    end = _moment(valid_until)
    if valid_until is not None and end is None:
        return _failed("dates", _("validUntil is not a date and time with a time zone."))
    if start is not None and start > now:
        return _failed("dates", _("Not valid yet: valid from %(date)s."), date=valid_from)
    if end is not None and end < now:
        return _failed("dates", _("Expired: valid until %(date)s."), date=valid_until)
    if start is None:
        return _failed("dates", _("The credential has no validFrom."))
    return _passed("dates", _("Valid from %(date)s."), date=valid_from)


def _status(document: dict[str, Any], status_lookup: StatusLookup) -> Check:
    entries = document.get("credentialStatus")
    if entries is None:
        return _passed("status", _("The credential has no status list: it cannot be revoked."))
    entries = entries if isinstance(entries, list) else [entries]
    for entry in entries:
        if not isinstance(entry, dict) or entry.get("type") != "BitstringStatusListEntry":
            return _failed("status", _("A status entry is not a BitstringStatusListEntry."))
        try:
            revoked = status_lookup(entry)
        except StatusUnknown:
            return _failed(
                "status",
                _("The status list %(list)s is not known here."),
                list=str(entry.get("statusListCredential", ""))[:200],
            )
        if revoked:
            return _failed("status", _("The issuer has revoked this credential."))
    return _passed("status", _("Not revoked."))


def _guarded(name: str, run: Callable[[], Check]) -> Check:
    try:
        return run()
    except Exception:  # a verifier answers; it never fails with the input
        logger.exception("credential check %s failed unexpectedly", name)
        return _failed(name, _("This check could not be completed."))


def verify_credential(
    raw: bytes | str,
    *,
    status_lookup: StatusLookup = no_status_lists,
    now: datetime | None = None,
) -> VerificationReport:
    """Every check of a credential handed in as text or bytes."""
    moment = now or timezone.now()
    document, parsed = _parse(raw)
    if document is None:
        names = ["contexts", "schema", "issuer", "key", "signature", "dates", "status"]
        return VerificationReport([parsed, *(_skipped(name) for name in names)])
    contexts = _guarded("contexts", lambda: _contexts(document))
    schema = _guarded("schema", lambda: _schema(document))
    issuer = _guarded("issuer", lambda: _issuer(document))
    if contexts.ok:
        try:
            proof = _proof_checks(document, issuer.ok)
        except Exception:
            logger.exception("credential proof check failed unexpectedly")
            proof = [_failed("key", _("This check could not be completed.")), _skipped("signature")]
    else:
        proof = [_skipped("key"), _skipped("signature")]
    dates = _guarded("dates", lambda: _dates(document, moment))
    status = _guarded("status", lambda: _status(document, status_lookup))
    summary = {
        "id": str(document.get("id", ""))[:200],
        "issuer": str(_issuer_id(document) or "")[:200],
        "name": str(document.get("name", ""))[:200],
    }
    return VerificationReport([parsed, contexts, schema, issuer, *proof, dates, status], summary)


def language_messages(check: Check) -> dict[str, str]:
    """The check's message in every language Parcours speaks."""
    return {language: check.text(language) for language in LANGUAGES}
