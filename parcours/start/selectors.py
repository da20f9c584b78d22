"""What a user has to do now, per role, read through each app's selectors: a fixed number of
queries per role, whatever the data (every count is one aggregate in the database; the lists
are the user's own few rows)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from operator import attrgetter

from parcours.accounts.models import Role, User
from parcours.assessments import selectors as assessments
from parcours.assessments.models import AssessmentRequest
from parcours.core.dates import academic_year_of
from parcours.curriculum import permissions as curriculum_permissions
from parcours.curriculum import selectors as curriculum
from parcours.curriculum.models import Oer, Programme, ProgrammeVariant, Unit
from parcours.examcommittee import selectors as examcommittee
from parcours.examcommittee.models import Decision
from parcours.portfolio import selectors as portfolio
from parcours.studyplans import selectors as studyplans
from parcours.studyplans.models import PlanVersion


@dataclass(frozen=True)
class StudentTodo:
    """A student's next steps: plan versions to finish or amend and submit, units of the plan
    whose criteria lack evidence, assessment requests running, decisions still open to
    appeal, and own desk requests with their terms."""

    to_finish: list[PlanVersion]
    evidence_gaps: list[Unit]
    open_requests: list[AssessmentRequest]
    appeals: list[tuple[Decision, examcommittee.AppealTerm]]
    desk: examcommittee.DeskTerms


@dataclass(frozen=True)
class ProspectiveTodo:
    """An account without an enrolment (e.g. someone who asked the validation desk): own
    requests with their decision terms and decisions still open to appeal."""

    desk: examcommittee.DeskTerms
    appeals: list[tuple[Decision, examcommittee.AppealTerm]]


@dataclass(frozen=True)
class CoachTodo:
    awaiting: int  # plan versions to review (or to establish, where the coach does that)
    caseload: studyplans.CaseloadCounts


@dataclass(frozen=True)
class AssessorTodo:
    to_score: int
    consensus: int
    waiting: int


@dataclass(frozen=True)
class CommitteeTodo:
    desk: examcommittee.DeskTerms
    plans_to_establish: int
    draft_decisions: int


@dataclass(frozen=True)
class ManagerTodo:
    draft_oers: list[Oer]


@dataclass(frozen=True)
class ProgrammeEntry:
    programme: Programme
    roles: list[str]
    can_manage: bool
    variants: list[tuple[ProgrammeVariant, Oer | None, Oer | None]]  # (variant, latest, in force)


@dataclass(frozen=True)
class StartPage:
    student: StudentTodo | None
    prospective: ProspectiveTodo | None
    coach: CoachTodo | None
    assessor: AssessorTodo | None
    committee: CommitteeTodo | None
    manager: ManagerTodo | None
    programmes: list[ProgrammeEntry]
    is_administrator: bool


def _current_published(oers: list[Oer], today: date) -> Oer | None:
    """The published OER in force now: the latest that started, else the first to come."""
    published = sorted((o for o in oers if o.is_published), key=attrgetter("academic_year"))
    started = [o for o in published if o.academic_year <= academic_year_of(today)]
    return started[-1] if started else (published[0] if published else None)


def programme_entries(user: User, *, today: date) -> list[ProgrammeEntry]:
    """The user's programmes with the user's roles there and, per variant, the latest OER
    and the published one in force (three queries)."""
    roles = curriculum_permissions.roles_by_programme(user)
    return [
        ProgrammeEntry(
            p,
            sorted(str(Role(r).label) for r in roles.get(p.pk, set())),
            curriculum_permissions.can_manage_programme(user, p),
            [
                (v, next(iter(v.oers.all()), None), _current_published(list(v.oers.all()), today))
                for v in p.variants.all()
            ],
        )
        for p in curriculum.programmes_for(user)
    ]


def student_todo(user: User, *, today: date) -> StudentTodo:
    return StudentTodo(
        to_finish=list(studyplans.versions_to_finish(user)),
        evidence_gaps=portfolio.evidence_gaps(user, excluding=assessments.achieved_unit_ids(user)),
        open_requests=list(assessments.open_requests_of_student(user)),
        appeals=examcommittee.appeals_open(user, on=today),
        desk=examcommittee.own_desk_terms(user, on=today),
    )


def prospective_todo(user: User, *, today: date) -> ProspectiveTodo:
    return ProspectiveTodo(
        desk=examcommittee.own_desk_terms(user, on=today),
        appeals=examcommittee.appeals_open(user, on=today),
    )


def coach_todo(user: User, *, today: date) -> CoachTodo:
    return CoachTodo(
        awaiting=studyplans.versions_awaiting(user).count(),
        caseload=studyplans.caseload_counts(user, today=today),
    )


def assessor_todo(user: User) -> AssessorTodo:
    counts = assessments.work_counts(user)
    return AssessorTodo(counts["score"], counts["consensus"], counts["waiting"])


def committee_todo(user: User, *, today: date) -> CommitteeTodo:
    return CommitteeTodo(
        desk=examcommittee.committee_desk_terms(user, on=today),
        plans_to_establish=studyplans.committee_queue(user).count(),
        draft_decisions=examcommittee.committee_drafts(user).count(),
    )


def manager_todo(user: User) -> ManagerTodo:
    return ManagerTodo(draft_oers=list(curriculum.draft_oers_managed_by(user)))


def start_page(user: User, *, today: date) -> StartPage:
    """Every section the user's roles call for (the roles are read once and cached on the
    user); a user without any role is a prospective student."""
    roles = curriculum_permissions.roles_of(user)
    admin = curriculum_permissions.is_administrator(user)
    return StartPage(
        student=student_todo(user, today=today) if Role.STUDENT in roles else None,
        prospective=prospective_todo(user, today=today) if not roles else None,
        coach=coach_todo(user, today=today) if Role.COACH in roles else None,
        assessor=assessor_todo(user) if Role.ASSESSOR in roles else None,
        committee=committee_todo(user, today=today) if Role.EXAM_COMMITTEE in roles else None,
        manager=manager_todo(user) if Role.PROGRAMME_MANAGER in roles or admin else None,
        programmes=programme_entries(user, today=today),
        is_administrator=admin,
    )
