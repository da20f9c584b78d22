"""A password validator that refuses the words of this site: the product's name and the
institutions' names and BRIN codes (NIST SP 800-63B 3.1.1.2: "context-specific words, such as
the name of the service"). The other checks are Django's (settings `AUTH_PASSWORD_VALIDATORS`:
at least 12 characters, not a common password, not like the user's name or address).

The institutions live in `parcours.curriculum`, above this app: it registers a provider of
their words (`context_words_provider`) in its AppConfig.ready."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ContextWords = Callable[[], Iterable[str]]
PROVIDERS: list[ContextWords] = []

MIN_WORD = 4  # shorter words of a name ("van", "de") are not refused
# Digits and signs written for letters: "P4rc0urs" is "parcours".
_LOOKALIKES = str.maketrans({"4": "a", "@": "a", "3": "e", "0": "o", "5": "s", "$": "s", "7": "t"})


def context_words_provider(provider: ContextWords) -> ContextWords:
    PROVIDERS.append(provider)
    return provider


def _folded(text: str) -> set[str]:
    """The text lower-cased, look-alikes read as letters and everything but letters and digits
    dropped; a "1" both as an "i" and as an "l"."""
    base = re.sub(r"[\W_]+", "", text.lower().translate(_LOOKALIKES))
    return {base.replace("1", "i"), base.replace("1", "l")}


def _parts(name: str) -> list[str]:
    """A name and each of its words of at least MIN_WORD characters."""
    words = [w for w in re.split(r"[\W_]+", name) if len(w) >= MIN_WORD]
    return [name, *words] if len(words) > 1 else [name]


class ContextWordsValidator:
    def __init__(self, words: Iterable[str] = ()) -> None:
        self.words = list(words)

    def context_words(self) -> list[str]:
        found = list(self.words)
        for provider in PROVIDERS:
            found.extend(provider())
        return found

    def validate(self, password: str, user: Any = None) -> None:
        folded = _folded(password)
        for word in self.context_words():
            for part in _parts(word):
                needles = {n for n in _folded(part) if len(n) >= MIN_WORD}
                if any(n in f for n in needles for f in folded):
                    raise ValidationError(
                        _(
                            "This password contains “%(word)s”, the name of this site or of the"
                            " institution; choose one without it."
                        ),
                        code="password_context_word",
                        params={"word": part},
                    )

    def get_help_text(self) -> str:
        return _("Your password cannot contain the name of this site or of the institution.")
