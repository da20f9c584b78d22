"""The vocabulary of the privacy registry (`registry.py`): the four classes a field can be in
and what one model's entry says.

Four classes:

- `personal`: personal data (AVG art. 4(1)), everything that relates to an identified person.
  In a record about a person that is nearly every field: a plan's status is that student's
  plan's status.
- `special`: special categories (AVG art. 9): personal circumstances weighed in the BSA are
  mostly health, disability or pregnancy (Uitvoeringsbesluit WHW 2008 art. 2.1), and a BSA
  decision's reasons weigh them.
- `secret`: personal, but a credential: a password hash, a token's digest, a session key.
  Never exported: handing it out only weakens the account (AVG art. 32).
- `none`: not about a person: surrogate keys, counters, the curriculum, technical state.

Per model also: whom a row is `about` (lookups from the model to a user: the export gives that
person the row's personal fields), who acted on it (`actors`: the export tells that person only
that they did, with the row's id, not the row: other people's data stays out, AVG art. 15(4)),
and which fields name a stored file (`files`, in STORAGES["evidence"]).
"""

from __future__ import annotations

from dataclasses import dataclass

PERSONAL = "personal"
SPECIAL = "special"
SECRET = "secret"
NONE = "none"
CLASSES = (PERSONAL, SPECIAL, SECRET, NONE)


@dataclass(frozen=True)
class ModelPrivacy:
    personal: str = ""
    special: str = ""
    secret: str = ""
    none: str = "id"
    about: str = ""  # lookups to the user a row is about, e.g. "enrolment__student"
    actors: str = ""  # lookups to users who acted on the row (recorded_by, assessor)
    files: str = ""  # fields that hold a name in STORAGES["evidence"]
    by_email: str = ""  # a field holding an e-mail address (rows sent to the user's address)
    note: str = ""

    def fields_of(self, kind: str) -> tuple[str, ...]:
        return tuple(getattr(self, kind).split())

    def classification(self) -> dict[str, str]:
        """field name -> class; a name in two classes is an error the test reports."""
        return {name: kind for kind in CLASSES for name in self.fields_of(kind)}

    def exported(self) -> tuple[str, ...]:
        """What the subject-access export gives the person a row is about."""
        return ("id", *self.fields_of(PERSONAL), *self.fields_of(SPECIAL))

    def about_lookups(self) -> tuple[str, ...]:
        return tuple(self.about.split())

    def actor_lookups(self) -> tuple[str, ...]:
        return tuple(self.actors.split())
