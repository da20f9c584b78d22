"""Rules for route-independent assessment: who may assess, two assessors, a third when they
disagree, results that follow the criteria, integral assessments and evidence."""

from __future__ import annotations

from datetime import date

from .base import Citation, RuleKind, Verdict, allowed, refused, rule, warned
from .facts import (
    AssessmentRequestFacts,
    AssessmentResultFacts,
    AssessorFacts,
    ScoringFacts,
)
from .in_force import INSTITUTION_POLICY, WLHO
from .parameters import parameter

SAME_CRITERIA = Citation(
    "seed-000",
    "antwoord 3",
    "elke student aan dezelfde beoordelingscriteria moet voldoen",
)
IN_PAIRS = Citation(
    "seed-000",
    "antwoord 14",
    "Meestal heeft dit de vorm van portfolio-assessments, waarbij docenten in tweetallen "
    "assessor zijn.",
)


@rule(
    "assessment.assessor-independent",
    title_nl="De eigen coach of de student zelf beoordeelt niet",
    title_en="Neither the student's own coach nor the student assesses",
    statement_nl=(
        "Begeleiden en beoordelen blijven gescheiden: de coach die de student naar de "
        "beoordeling heeft begeleid, is niet een van de assessoren, en niemand beoordeelt "
        "eigen werk."
    ),
    kind=RuleKind.INSTITUTION_POLICY,
    valid_from=INSTITUTION_POLICY,
    citations=[
        Citation(
            "seed-000",
            "antwoord 3",
            "In de praktijk vraagt het beoordelen en valideren van leeruitkomsten om andere "
            "rollen en competenties van examinatoren",
        ),
        IN_PAIRS,
    ],
)
def assessment_assessor_independent(facts: AssessorFacts, *, on: date) -> Verdict:
    """Guidance and judgement are kept apart: the coach who guided the student towards the
    assessment is not one of its assessors, and nobody assesses their own work."""
    values = {"assessor": facts.assessor_id, "coach": facts.coach_id}
    if facts.assessor_id == facts.student_id:
        return refused(
            "Een student kan zijn eigen beoordeling niet beoordelen.",
            "A student cannot assess their own assessment.",
            **values,
        )
    if facts.coach_id is not None and facts.assessor_id == facts.coach_id:
        return refused(
            "De coach van de student kan geen assessor zijn in diens beoordeling.",
            "The student's coach cannot be an assessor in the student's assessment.",
            **values,
        )
    if not facts.assessor_has_role:
        return refused(
            "Deze persoon is geen assessor van de opleiding.",
            "This person is not an assessor of the programme.",
            **values,
        )
    return allowed(**values)


@rule(
    "assessment.two-assessors",
    title_nl="Twee assessoren beoordelen onafhankelijk, daarna consensus",
    title_en="Two assessors score independently, then reach consensus",
    statement_nl=(
        "Consensus wordt pas vastgelegd nadat ten minste twee assessoren (het aantal van de "
        "eenheid, nooit minder dan het minimum van de instelling) elk ieder criterium "
        "onafhankelijk hebben gescoord."
    ),
    kind=RuleKind.INSTITUTION_POLICY,
    valid_from=INSTITUTION_POLICY,
    citations=[IN_PAIRS, SAME_CRITERIA],
)
def assessment_two_assessors(facts: ScoringFacts, *, on: date) -> Verdict:
    """Consensus is recorded only after at least two assessors (the unit's number, never fewer
    than the institution's minimum) have each scored every criterion independently."""
    minimum = parameter("assessment.min_assessors", on=on).value
    required = max(minimum, facts.required)
    values = {"required": required, "submitted": facts.submitted}
    if facts.submitted < required:
        return refused(
            f"{facts.submitted} van {required} assessoren hebben hun scores ingediend; "
            "consensus volgt als iedereen onafhankelijk heeft gescoord.",
            f"{facts.submitted} of {required} assessors have submitted their scores; consensus "
            "follows once everyone has scored independently.",
            **values,
        )
    return allowed(**values)


@rule(
    "assessment.third-assessor",
    title_nl="Bij te groot verschil beoordeelt een derde assessor",
    title_en="A third assessor scores when two assessors differ too much",
    statement_nl=(
        "Als de scores van de eerste twee assessoren op een criterium het door de opleiding "
        "vastgestelde verschil of meer uiteenlopen, scoort een derde assessor onafhankelijk "
        "voordat consensus wordt bereikt."
    ),
    kind=RuleKind.INSTITUTION_POLICY,
    valid_from=INSTITUTION_POLICY,
    citations=[
        Citation(
            "seed-000",
            "antwoord 3",
            "En er vindt veel kalibratie, afstemming en reflectie plaats.",
        ),
        SAME_CRITERIA,
    ],
)
def assessment_third_assessor(facts: ScoringFacts, *, on: date) -> Verdict:
    """When the first two assessors' scores on any criterion differ by the programme's gap or
    more, a third assessor scores independently before consensus."""
    gaps = {label: max(s) - min(s) for label, s in facts.scores_by_criterion if len(s) >= 2}
    wide = sorted(label for label, gap in gaps.items() if gap >= facts.gap)
    values = {"gap_setting": facts.gap, "criteria_over_gap": wide}
    if wide and not facts.third_submitted:
        return refused(
            f"De scores lopen {facts.gap} punten of meer uiteen bij {', '.join(wide)}; een "
            "derde assessor beoordeelt eerst.",
            f"The scores differ by {facts.gap} points or more on {', '.join(wide)}; a third "
            "assessor scores first.",
            **values,
        )
    return allowed(**values)


@rule(
    "assessment.result-follows-criteria",
    title_nl="Het resultaat volgt uit de scores op de criteria",
    title_en="The result follows from the scores on the criteria",
    statement_nl=(
        "Een eenheid is alleen behaald als elk criterium een eindscore heeft op of boven de "
        "cesuur, welke route de student ook volgde; ligt er één onder, dan is het resultaat "
        '"nog niet". Elke eindscore ligt op de schaal van de eenheid en de student krijgt '
        "schriftelijke feedback."
    ),
    kind=RuleKind.LAW,
    valid_from=WLHO,
    citations=[SAME_CRITERIA, Citation("wlho")],
)
def assessment_result_follows_criteria(facts: AssessmentResultFacts, *, on: date) -> Verdict:
    """A unit is achieved only when every criterion has a final score at or above the pass
    score, whatever route the student took; when one is below, the result is "not yet".
    Every final score lies on the unit's scale and the student gets written feedback."""
    values = {
        "pass_score": facts.pass_score,
        "scale_points": facts.scale_points,
        "result": facts.result,
    }
    off_scale = [label for label, s in facts.final_scores if not 1 <= s <= facts.scale_points]
    if off_scale:
        return refused(
            f"Scores liggen tussen 1 en {facts.scale_points}; niet bij {', '.join(off_scale)}.",
            f"Scores lie between 1 and {facts.scale_points}; not for {', '.join(off_scale)}.",
            **values,
        )
    if len(facts.final_scores) < facts.criteria_count:
        return refused(
            "Geef voor elk criterium een eindscore.",
            "Give a final score for every criterion.",
            **values,
        )
    below = [label for label, s in facts.final_scores if s < facts.pass_score]
    if facts.result == "achieved" and below:
        return refused(
            f"Behaald kan niet: {', '.join(below)} blijft onder {facts.pass_score}.",
            f"Achieved is not possible: {', '.join(below)} stays below {facts.pass_score}.",
            below=below,
            **values,
        )
    if facts.result == "not_yet" and not below:
        return refused(
            f"Elk criterium haalt {facts.pass_score} of meer; het resultaat is dan behaald.",
            f"Every criterion reaches {facts.pass_score} or more; the result is then achieved.",
            **values,
        )
    if not facts.feedback.strip():
        return refused(
            "Schrijf feedback voor de student.", "Write feedback for the student.", **values
        )
    return allowed(**values)


@rule(
    "assessment.integral-coherent",
    title_nl="Een integrale beoordeling omvat samenhangende eenheden van één OER",
    title_en="An integral assessment covers coherent units of one OER",
    statement_nl=(
        "Een aanvraag geldt één eenheid, of een integrale beoordeling van twee of meer "
        "eenheden uit dezelfde OER die het bewijs van de student samen aantoont. Een eenheid "
        "die al is behaald, wordt niet opnieuw beoordeeld."
    ),
    kind=RuleKind.INSTITUTION_POLICY,
    valid_from=INSTITUTION_POLICY,
    citations=[
        Citation(
            "seed-001",
            "Selficient",
            "is integraal; de kwaliteit van de hele prestatie is het uit- gangspunt",
        )
    ],
)
def assessment_integral_coherent(facts: AssessmentRequestFacts, *, on: date) -> Verdict:
    """A request is for one unit, or an integral assessment of two or more units of the same
    OER that the student's evidence proves together. A unit already achieved is not assessed
    again."""
    codes = [u.code for u in facts.units]
    values = {"units": codes, "integral": facts.integral}
    if not facts.units:
        return refused("Kies een eenheid.", "Choose a unit.", **values)
    if facts.integral and len(facts.units) < 2:
        return refused(
            "Een integrale beoordeling omvat ten minste twee eenheden.",
            "An integral assessment covers at least two units.",
            **values,
        )
    if not facts.integral and len(facts.units) > 1:
        return refused(
            "Meerdere eenheden samen worden integraal beoordeeld; kies 'integraal'.",
            "Several units together are assessed integrally; choose 'integral'.",
            **values,
        )
    if len({u.oer_id for u in facts.units}) > 1:
        return refused(
            "De eenheden van een integrale beoordeling horen bij dezelfde OER.",
            "The units of an integral assessment belong to the same OER.",
            **values,
        )
    done = [u.code for u in facts.units if u.achieved]
    if done:
        return refused(
            f"Eenheid {', '.join(done)} is al behaald.",
            f"Unit {', '.join(done)} has been achieved already.",
            **values,
        )
    busy = [u.code for u in facts.units if u.open_request]
    if busy:
        return refused(
            f"Voor eenheid {', '.join(busy)} loopt al een beoordeling.",
            f"An assessment of unit {', '.join(busy)} is already under way.",
            **values,
        )
    return allowed(**values)


@rule(
    "assessment.evidence",
    title_nl="Een aanvraag bevat bewijs voor de criteria",
    title_en="A request carries evidence for the criteria",
    statement_nl=(
        "De student levert ten minste één bewijsstuk in; criteria waaraan geen gekozen "
        "bewijsstuk is gekoppeld, worden gemarkeerd, zodat de student nog bewijs kan "
        "toevoegen of het in het criteriumgericht interview kan toelichten."
    ),
    kind=RuleKind.INSTITUTION_POLICY,
    valid_from=INSTITUTION_POLICY,
    citations=[
        Citation(
            "seed-000",
            "antwoord 3",
            "variatie aan beroepsproducten, bewijsstukken en beroepscontexten groot kan zijn",
        )
    ],
)
def assessment_evidence(facts: AssessmentRequestFacts, *, on: date) -> Verdict:
    """The student submits at least one piece of evidence; criteria no chosen item is mapped to
    are flagged, so the student can still add evidence or explain in the interview."""
    values = {"evidence": facts.evidence_count, "uncovered": list(facts.uncovered)}
    if facts.evidence_count == 0:
        return refused(
            "Kies ten minste één bewijsstuk.", "Choose at least one piece of evidence.", **values
        )
    if facts.uncovered:
        return warned(
            f"Voor {len(facts.uncovered)} criteria koos je geen bewijs: "
            f"{', '.join(facts.uncovered)}.",
            f"You chose no evidence for {len(facts.uncovered)} criteria: "
            f"{', '.join(facts.uncovered)}.",
            **values,
        )
    return allowed(**values)
