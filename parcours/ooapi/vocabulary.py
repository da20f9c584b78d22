"""How Parcours' own values map onto the OOAPI v5 enumerations (pure data, read by the selectors
for filters and by the views for the objects)."""

from __future__ import annotations

# Programme.Level -> OOAPI `level` and `levelOfQualification` (NLQF/EQF of the degree)
LEVEL = {"ad": "associate degree", "ba": "bachelor", "ma": "master"}
LEVEL_OF_QUALIFICATION = {"ad": "5", "ba": "6", "ma": "7"}
SECTOR = {"hbo": "higher professional education", "wo": "university education"}

# ProgrammeVariant.Form -> OOAPI `modeOfStudy`, and the short code in a program's primaryCode
MODE_OF_STUDY = {"full_time": "full-time", "part_time": "part-time", "dual": "dual training"}
FORM_CODE = {"full_time": "VT", "part_time": "DT", "dual": "DU"}
FORM_NAME = {
    "full_time": ("voltijd", "full-time"),
    "part_time": ("deeltijd", "part-time"),
    "dual": ("duaal", "dual"),
}

# LearningActivity.Mode -> OOAPI `modesOfDelivery`
MODE_OF_DELIVERY = {
    "contact": "on campus",
    "online": "online",
    "workplace": "situated",
    "blended": "hybrid",
}

# LearningActivity.Kind -> OOAPI `componentType`; the route-independent assessment is `test`
COMPONENT_TYPE = {
    "course": "lecture",
    "workshop": "workshop",
    "internship": "practical",
    "challenge": "project",
    "project": "project",
    "workplace_task": "practical",
    "mooc": "independent study",
    "research": "project",
    "learning_team": "tutorial",
}
TEST = "test"

# Every published OER is taught in Dutch: Parcours records no teaching language per programme
# or unit (ISO 639-2, as OOAPI's teachingLanguage asks).
TEACHING_LANGUAGE = "nld"

# Accept-Language: the two languages every LanguageTypedString array carries, as BCP 47 tags.
LANGUAGE_TAG = {"nl": "nl-NL", "en": "en-GB"}
