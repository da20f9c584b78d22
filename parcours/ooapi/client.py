"""HTTP to a partner's OOAPI endpoint: GET with a timeout (connect 5 s, read 10 s:
`OOAPI_CONSUMER_TIMEOUT`), at most `OOAPI_CONSUMER_MAX_BYTES` of body, JSON only. Every failure
is a `FetchError` with the reason in words the administrator can act on."""

from __future__ import annotations

import json
from typing import Any

import requests
from django.conf import settings
from urllib3.exceptions import ReadTimeoutError

DEFAULT_TIMEOUT = (5.0, 10.0)
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


class FetchError(Exception):
    """The partner did not answer usable JSON: down, slow, too large, an error status."""


def get_json(url: str, *, token: str = "", params: dict[str, Any] | None = None) -> Any:
    timeout = tuple(getattr(settings, "OOAPI_CONSUMER_TIMEOUT", DEFAULT_TIMEOUT))
    limit = int(getattr(settings, "OOAPI_CONSUMER_MAX_BYTES", DEFAULT_MAX_BYTES))
    headers = {"Accept": "application/json", "Accept-Language": "nl-NL, en-GB;q=0.8"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        with requests.get(
            url, params=params, headers=headers, timeout=timeout, stream=True, allow_redirects=False
        ) as response:
            if response.status_code != 200:
                raise FetchError(f"{url}: HTTP {response.status_code}")
            body = bytearray()
            for chunk in response.iter_content(64 * 1024):
                body.extend(chunk)
                if len(body) > limit:
                    raise FetchError(f"{url}: the answer is larger than {limit} bytes")
    except requests.Timeout:
        raise FetchError(f"{url}: no answer within the timeout") from None
    except requests.ConnectionError as exc:
        # a body that stops arriving: requests reports the read timeout as a ConnectionError
        timed_out = isinstance(exc.args[0] if exc.args else None, ReadTimeoutError)
        reason = "no answer within the timeout" if timed_out else "unreachable (ConnectionError)"
        raise FetchError(f"{url}: {reason}") from None
    except requests.RequestException as exc:
        raise FetchError(f"{url}: unreachable ({type(exc).__name__})") from None
    try:
        return json.loads(body)
    except ValueError:
        raise FetchError(f"{url}: the answer is not valid JSON") from None
