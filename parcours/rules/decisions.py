"""Rules for exam-committee decisions: terms (Awb, Atw), Awb parts, BSA, diploma, exemptions.

The Atw calendar the appeal term and the decision term are moved past lives in atw.py. The
date helpers here are pure and public: the UI shows their reasoning next to the rule and its
source.
"""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from .atw import ATW_ART_1, ATW_ART_3, english_name, extend_past_rest_days, rest_days_from
from .base import Citation, RuleKind, Verdict, allowed, refused, rule, warned
from .facts import (
    AppealFacts,
    BsaFacts,
    DecisionFacts,
    DecisionTermFacts,
    DiplomaFacts,
    ExemptionFacts,
)
from .in_force import AWB, WHW_EC
from .parameters import parameter

APPEAL_WEEKS = "decision.appeal_weeks"
TERM_WEEKS = "decision.term_weeks"
BSA_FIRST_YEAR_MONTHS = "bsa.first_year_months"

# --- Terms -----------------------------------------------------------------------------------


def decision_term_nominal_end(received: date) -> date:
    """Eight weeks (the parameter decision.term_weeks) after receipt, before the Atw moves it
    (Awb 4:13, second paragraph)."""
    weeks = int(parameter(TERM_WEEKS, on=received).value)
    return received + timedelta(weeks=weeks)


def decision_term_end(received: date) -> date:
    """The last day by which the exam committee must decide on a request received on `received`:
    eight weeks after receipt (Awb 4:13, second paragraph); a term ending on a Saturday, Sunday
    or generally recognised holiday runs to and including the next day that is none of these
    (Atw art. 1 and 3), as the appeal term does."""
    return extend_past_rest_days(decision_term_nominal_end(received))


def decision_days_left(received: date, on: date) -> int:
    """Days from `on` to the end of the decision term; 0 on the last day, negative when overdue."""
    return (decision_term_end(received) - on).days


# --- Rules -----------------------------------------------------------------------------------


@rule(
    "decision.appeal-deadline",
    title_nl="Bezwaar of beroep binnen zes weken na bekendmaking",
    title_en="Objection or appeal within six weeks of notification",
    statement_nl=(
        "Bezwaar of beroep tegen een besluit kan gedurende zes weken worden ingesteld, te "
        "beginnen op de dag na die waarop het besluit is bekendgemaakt; de laatste dag is "
        "dezelfde weekdag zes weken na de dag van bekendmaking. Een termijn die eindigt op "
        "een zaterdag, zondag of algemeen erkende feestdag (Nieuwjaarsdag, tweede paasdag, "
        "Koningsdag, 5 mei, Hemelvaartsdag, tweede pinksterdag, eerste en tweede kerstdag) "
        "loopt door tot en met de eerstvolgende dag die geen van deze is; Goede Vrijdag telt "
        "niet mee. Een beroep dat na de laatste dag binnenkomt, is te laat: de "
        "beroepsinstantie kan het niet-ontvankelijk verklaren, tenzij de "
        "termijnoverschrijding verschoonbaar is (Awb 6:11)."
    ),
    kind=RuleKind.LAW,
    valid_from=AWB,
    citations=[
        Citation(
            "awb",
            "art. 6:7",
            "De termijn voor het indienen van een bezwaar- of beroepschrift bedraagt zes weken.",
        ),
        Citation(
            "awb",
            "art. 6:8, eerste lid",
            "De termijn vangt aan met ingang van de dag na die waarop het besluit op de "
            "voorgeschreven wijze is bekendgemaakt.",
        ),
        ATW_ART_1,
        ATW_ART_3,
        Citation("awb", "art. 6:9"),
    ],
)
def decision_appeal_deadline(facts: AppealFacts, *, on: date) -> Verdict:
    """An objection or appeal against a decision can be lodged for six weeks, starting the day
    after the decision was made known; the last day is the same weekday six weeks after the day
    it was made known. A term ending on a Saturday, Sunday or generally recognised holiday (New
    Year's Day, Easter Monday, King's Day, 5 May, Ascension Day, Whit Monday, Christmas Day and
    the day after) runs to and including the next day that is none of these; Good Friday does
    not count. An appeal received after the last day is late: the appeals body may declare it
    inadmissible unless the delay is excusable (Awb 6:11)."""
    weeks = int(parameter(APPEAL_WEEKS, on=facts.made_known).value)
    # The term starts the day after the decision was made known (Awb 6:8), so it ends on the
    # same weekday `weeks` weeks after made_known; then past any Atw rest days (Atw art. 1).
    nominal_end = facts.made_known + timedelta(weeks=weeks)
    skipped = rest_days_from(nominal_end)
    deadline = skipped[-1][0] + timedelta(days=1) if skipped else nominal_end
    values = {
        "made_known": facts.made_known,
        "appeal_weeks": weeks,
        "term_end_before_extension": nominal_end,
        "deadline": deadline,
        "moved_past": [name for _day, name in skipped],
        "moved_past_en": [english_name(name) for _day, name in skipped],
        "moved_past_dates": [day for day, _name in skipped],
        "lodged_on": facts.lodged_on,
        "days_left": (deadline - on).days,
    }
    if facts.lodged_on is not None and facts.lodged_on > deadline:
        late = (facts.lodged_on - deadline).days
        return refused(
            f"Te laat: de termijn liep tot en met {deadline.isoformat()}; het beroep is "
            f"{late} dag(en) later ontvangen ({facts.lodged_on.isoformat()}). Alleen bij een "
            "verschoonbare termijnoverschrijding (Awb 6:11) wordt het toch behandeld.",
            f"Late: the term ran to and including {deadline.isoformat()}; the appeal was "
            f"received {late} day(s) later ({facts.lodged_on.isoformat()}). Only an excusable "
            "delay (Awb 6:11) lets it be heard all the same.",
            **values,
        )
    return allowed(**values)


@rule(
    "decision.term",
    title_nl="De examencommissie beslist binnen acht weken na ontvangst",
    title_en="The exam committee decides within eight weeks of receipt",
    statement_nl=(
        "De examencommissie beslist op een verzoek binnen acht weken na ontvangst, tenzij een"
        " regeling een andere termijn stelt. Zolang er niet is beslist, wordt het verzoek "
        "gemarkeerd wanneer de waarschuwingstermijn van de opleiding (standaard zeven dagen) "
        "of minder resteert, en als te laat geweigerd zodra de termijn is verstreken; een "
        "besluit dat na de termijn wordt genomen, wordt als te laat geweigerd. Een termijn die "
        "eindigt op een zaterdag, zondag of algemeen erkende feestdag (Nieuwjaarsdag, tweede "
        "paasdag, Koningsdag, 5 mei, Hemelvaartsdag, tweede pinksterdag, eerste en tweede "
        "kerstdag) loopt door tot en met de eerstvolgende dag die geen van deze is, zoals de "
        "beroepstermijn. Opschorting en verdaging van de termijn (Awb 4:14, 4:15) worden niet "
        "meegerekend."
    ),
    kind=RuleKind.LAW,
    valid_from=AWB,
    citations=[
        Citation(
            "awb",
            "art. 4:13, tweede lid",
            "binnen acht weken na ontvangst van de aanvraag geen beschikking heeft gegeven",
        ),
        Citation("awb", "art. 4:13, eerste lid"),
        ATW_ART_1,
        ATW_ART_3,
    ],
)
def decision_term(facts: DecisionTermFacts, *, on: date) -> Verdict:
    """The exam committee decides on a request within eight weeks of receiving it, unless a
    regulation sets another term. While undecided, the request is flagged when the programme's
    warning period (default seven days) or less is left, and refused as overdue once the term has
    passed; a decision taken after the term is refused as late. A term ending on a Saturday,
    Sunday or generally recognised holiday (New Year's Day, Easter Monday, King's Day, 5 May,
    Ascension Day, Whit Monday, Christmas Day and the day after) runs to and including the next
    day that is none of these, as the appeal term does. Suspensions and extensions of the term
    (Awb 4:14, 4:15) are not taken into account."""
    nominal_end = decision_term_nominal_end(facts.received)
    skipped = rest_days_from(nominal_end)
    end = extend_past_rest_days(nominal_end)
    values = {
        "received": facts.received,
        "term_end_before_extension": nominal_end,
        "term_end": end,
        "moved_past": [name for _day, name in skipped],
        "moved_past_en": [english_name(name) for _day, name in skipped],
        "moved_past_dates": [day for day, _name in skipped],
        "decided_on": facts.decided_on,
        "warning_days": facts.warning_days,
    }
    if facts.decided_on is not None:
        if facts.decided_on <= end:
            return allowed(**values)
        late = (facts.decided_on - end).days
        return refused(
            f"Te laat beslist: de beslistermijn liep tot en met {end.isoformat()}; er is "
            f"{late} dag(en) later beslist.",
            f"Decided late: the decision term ran to and including {end.isoformat()}; the "
            f"decision came {late} day(s) later.",
            **values,
        )
    days_left = (end - on).days
    values["days_left"] = days_left
    if days_left < 0:
        return refused(
            f"Beslistermijn verstreken: de termijn liep tot en met {end.isoformat()} "
            f"({-days_left} dag(en) geleden).",
            f"Decision term passed: it ran to and including {end.isoformat()} "
            f"({-days_left} day(s) ago).",
            **values,
        )
    if days_left <= facts.warning_days:
        return warned(
            f"Nog {days_left} dag(en) om te beslissen (tot en met {end.isoformat()}).",
            f"{days_left} day(s) left to decide (to and including {end.isoformat()}).",
            **values,
        )
    return allowed(**values)


# Field name -> (Dutch, English) as the refusal names them.
DECISION_PARTS = {
    "body": ("orgaan", "deciding body"),
    "members": ("leden", "members"),
    "decided_on": ("datum", "date"),
    "legal_basis": ("wettelijke grondslag", "legal basis"),
    "outcome": ("beslissing", "outcome"),
    "reasons": ("motivering", "reasons"),
    "evidence_cited": ("verwijzing naar bewijs in de motivering", "evidence cited in the reasons"),
    "appeal_clause": ("beroepsclausule", "appeal clause"),
}


def missing_decision_parts(facts: DecisionFacts) -> list[str]:
    """The DecisionFacts fields still empty, in the order of DECISION_PARTS."""
    present = {
        "body": bool(facts.body.strip()),
        "members": any(m.strip() for m in facts.members),
        "decided_on": facts.decided_on is not None,
        "legal_basis": bool(facts.legal_basis.strip()),
        "outcome": bool(facts.outcome.strip()),
        "reasons": bool(facts.reasons.strip()),
        "evidence_cited": facts.evidence_cited,
        "appeal_clause": bool(facts.appeal_clause.strip()),
    }
    return [name for name in DECISION_PARTS if not present[name]]


@rule(
    "decision.awb-complete",
    title_nl="Een besluit wordt pas bekendgemaakt als alle Awb-onderdelen er zijn",
    title_en="A decision is made known only when all its Awb parts are present",
    statement_nl=(
        "Een besluit van de examencommissie wordt pas bekendgemaakt als het het beslissende "
        "orgaan, de leden die het namen en de datum noemt, de wettelijke grondslag en de "
        "uitkomst vermeldt, een motivering geeft die verwijst naar het bewijs waarop het "
        "berust, en zegt bij wie, binnen welke termijn en waar bezwaar of beroep kan worden "
        "ingesteld. Elk ontbrekend onderdeel wordt genoemd."
    ),
    kind=RuleKind.LAW,
    valid_from=AWB,
    citations=[
        Citation(
            "awb",
            "art. 1:3, eerste lid",
            "Onder besluit wordt verstaan: een schriftelijke beslissing van een bestuursorgaan, "
            "inhoudende een publiekrechtelijke rechtshandeling.",
        ),
        Citation("whw", "art. 7.12a"),
        Citation(
            "awb", "art. 3:46", "Een besluit dient te berusten op een deugdelijke motivering."
        ),
        Citation(
            "awb",
            "art. 3:47, eerste lid",
            "De motivering wordt vermeld bij de bekendmaking van het besluit.",
        ),
        Citation(
            "awb",
            "art. 3:47, tweede lid",
            "Daarbij wordt zo mogelijk vermeld krachtens welk wettelijk voorschrift het besluit "
            "wordt genomen.",
        ),
        Citation(
            "awb",
            "art. 3:45, eerste lid",
            "Indien tegen een besluit bezwaar kan worden gemaakt of beroep kan worden ingesteld, "
            "wordt daarvan bij de bekendmaking en bij de mededeling van het besluit melding "
            "gemaakt.",
        ),
    ],
)
def decision_awb_complete(facts: DecisionFacts, *, on: date) -> Verdict:
    """A decision of the exam committee is made known only when it names the deciding body, the
    members who took it and the date, states its legal basis and its outcome, gives reasons that
    refer to the evidence it rests on, and says by whom, within which term and where an appeal
    can be lodged. Every missing part is named."""
    missing = missing_decision_parts(facts)
    if missing:
        nl = ", ".join(DECISION_PARTS[m][0] for m in missing)
        en = ", ".join(DECISION_PARTS[m][1] for m in missing)
        return refused(
            f"Het besluit kan nog niet worden bekendgemaakt; ontbreekt: {nl}.",
            f"The decision cannot be made known yet; missing: {en}.",
            missing=missing,
        )
    return allowed(missing=[], decided_on=facts.decided_on)


@rule(
    "bsa.norm",
    title_nl="Bindend studieadvies: de norm in het eerste jaar",
    title_en="Binding study advice: the norm in the first year",
    statement_nl=(
        "Het studieadvies betreft het eigen eerste inschrijvingsjaar van de student, van de "
        "startdatum tot dezelfde datum een jaar later. Vóór de laatste dag van dat jaar is "
        "geen advies mogelijk (geweigerd, met de datum tot wanneer het jaar loopt). Een "
        "student die binnen dat jaar ten minste de norm van de variant in EC behaalde, krijgt"
        " een positief advies. Onder de norm zonder vastgelegde persoonlijke omstandigheden "
        "is het advies negatief (bindend); onder de norm met vastgelegde persoonlijke "
        "omstandigheden weegt de examencommissie die en kan zij het advies uitstellen of "
        "positief adviseren (gemarkeerd)."
    ),
    kind=RuleKind.LAW,
    valid_from=WHW_EC,
    citations=[Citation("whw", "art. 7.8b")],
)
def bsa_norm(facts: BsaFacts, *, on: date) -> Verdict:
    """The study advice concerns the student's own first year of enrolment, from their start date
    up to the same date a year later. Before the last day of that year no advice is possible
    (refused, with the date the year runs until). A student who achieved at least the variant's
    norm in EC within that year gets a positive advice. Below the norm without recorded personal
    circumstances the advice is negative (binding); below the norm with recorded personal
    circumstances the committee weighs them and may postpone the advice or give a positive one
    (flagged)."""
    advice_on = facts.on or on
    months = int(parameter(BSA_FIRST_YEAR_MONTHS, on=facts.start_date).value)
    last_day = facts.start_date + relativedelta(months=months) - timedelta(days=1)
    values = {
        "start_date": facts.start_date,
        "first_year_until": last_day,
        "ec_achieved": facts.ec_achieved_in_first_year,
        "norm_ec": facts.norm_ec,
        "personal_circumstances": facts.personal_circumstances,
        "advice_on": advice_on,
    }
    if advice_on < last_day:
        return refused(
            f"Nog geen advies mogelijk: het eerste jaar loopt tot en met {last_day.isoformat()}.",
            f"No advice possible yet: the first year runs until {last_day.isoformat()} inclusive.",
            advice="not_yet",
            **values,
        )
    if facts.ec_achieved_in_first_year >= facts.norm_ec:
        return allowed(advice="positive", **values)
    short = facts.norm_ec - facts.ec_achieved_in_first_year
    if facts.personal_circumstances:
        return warned(
            f"{facts.ec_achieved_in_first_year} EC behaald, {short} EC onder de norm van "
            f"{facts.norm_ec} EC; er zijn persoonlijke omstandigheden vastgelegd: de "
            "examencommissie weegt die en stelt het advies uit of geeft een positief advies.",
            f"{facts.ec_achieved_in_first_year} EC achieved, {short} EC below the norm of "
            f"{facts.norm_ec} EC; personal circumstances are recorded: the exam committee weighs "
            "them and postpones the advice or gives a positive one.",
            advice="committee_weighs_circumstances",
            **values,
        )
    return refused(
        f"Negatief bindend studieadvies: {facts.ec_achieved_in_first_year} EC behaald in het "
        f"eerste jaar (tot en met {last_day.isoformat()}), norm {facts.norm_ec} EC; geen "
        "persoonlijke omstandigheden vastgelegd.",
        f"Negative binding study advice: {facts.ec_achieved_in_first_year} EC achieved in the "
        f"first year (until {last_day.isoformat()} inclusive), norm {facts.norm_ec} EC; no "
        "personal circumstances recorded.",
        advice="negative",
        **values,
    )


@rule(
    "diploma.all-units-achieved",
    title_nl="Het diploma na het behalen van alle eenheden",
    title_en="The diploma once all units are achieved",
    statement_nl=(
        "De examencommissie reikt het diploma alleen uit als elke eenheid van het examen is "
        "behaald (door beoordeling of vrijstelling) en de behaalde eenheden samen ten minste "
        "de nominale studielast van de opleiding vormen."
    ),
    kind=RuleKind.LAW,
    valid_from=WHW_EC,
    citations=[Citation("whw", "art. 7.11")],
)
def diploma_all_units_achieved(facts: DiplomaFacts, *, on: date) -> Verdict:
    """The exam committee issues the diploma only when every unit of the exam is achieved
    (by assessment or by exemption) and the achieved units add up to at least the programme's
    nominal study load."""
    open_units = [u.code for u in facts.units if not u.achieved]
    achieved_ec = sum(u.ec for u in facts.units if u.achieved)
    values = {
        "nominal_ec": facts.nominal_ec,
        "achieved_ec": achieved_ec,
        "units_not_achieved": open_units,
        "achieved_by": {u.code: u.how for u in facts.units if u.achieved},
    }
    problems_nl, problems_en = [], []
    if open_units:
        problems_nl.append("nog niet behaald: " + ", ".join(open_units))
        problems_en.append("not yet achieved: " + ", ".join(open_units))
    if achieved_ec < facts.nominal_ec:
        problems_nl.append(f"{achieved_ec} van de {facts.nominal_ec} EC behaald")
        problems_en.append(f"{achieved_ec} of {facts.nominal_ec} EC achieved")
    if problems_nl:
        return refused(
            "Nog geen diploma: " + "; ".join(problems_nl) + ".",
            "No diploma yet: " + "; ".join(problems_en) + ".",
            **values,
        )
    return allowed(**values)


@rule(
    "exemption.grounds",
    title_nl="Een vrijstelling berust op bewijs en een motivering",
    title_en="An exemption rests on evidence and reasons",
    statement_nl=(
        "De examencommissie verleent een vrijstelling voor een eenheid alleen op grond van "
        "ten minste één bewijsstuk (bijvoorbeeld uit een EVC-procedure of werkervaring) en "
        "met een motivering die het besluit draagt."
    ),
    kind=RuleKind.LAW,
    valid_from=WHW_EC,
    citations=[
        Citation("whw", "art. 7.12b, eerste lid, onder d"),
        Citation(
            "seed-000",
            "antwoord 28",
            "nog altijd via vrijstellingen vooraf, bijvoorbeeld via een EVC-procedure",
        ),
        Citation(
            "awb", "art. 3:46", "Een besluit dient te berusten op een deugdelijke motivering."
        ),
    ],
)
def exemption_grounds(facts: ExemptionFacts, *, on: date) -> Verdict:
    """The exam committee grants an exemption from a unit only on at least one piece of evidence
    (for instance from an EVC procedure or work experience) and with reasons that carry the
    decision."""
    evidence = [e for e in facts.evidence if e.strip()]
    values = {"unit": facts.unit_code, "evidence_count": len(evidence)}
    missing_nl, missing_en = [], []
    if not evidence:
        missing_nl.append("bewijs")
        missing_en.append("evidence")
    if not facts.reasons.strip():
        missing_nl.append("motivering")
        missing_en.append("reasons")
    if missing_nl:
        return refused(
            f"Geen vrijstelling voor {facts.unit_code} zonder " + " en ".join(missing_nl) + ".",
            f"No exemption from {facts.unit_code} without " + " and ".join(missing_en) + ".",
            missing=missing_en,
            **values,
        )
    return allowed(**values)
