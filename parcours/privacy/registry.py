"""What every field of every model holds, for the AVG (GDPR): one table, read by the
subject-access export and checked by a test that fails on any field left out
(`tests/core/test_privacy_registry.py`).

The four classes and what an entry holds: `classification.py`.

Fields are written as space-separated names so a model reads on a few lines.
"""

from __future__ import annotations

from .classification import CLASSES, NONE, PERSONAL, SECRET, SPECIAL, ModelPrivacy

__all__ = ["CLASSES", "NONE", "PERSONAL", "REGISTRY", "SECRET", "SPECIAL", "ModelPrivacy"]

M = ModelPrivacy

REGISTRY: dict[str, ModelPrivacy] = {
    # Django and library tables
    "auth.permission": M(none="id name content_type codename"),
    "auth.group": M(none="id name permissions"),
    "contenttypes.contenttype": M(none="id app_label model"),
    "sessions.session": M(
        personal="session_data expire_date",
        secret="session_key",
        none="",
        note="A session holds the user's id; it is not linked in the export (that would mean "
        "decoding every session) and ends with the session's age; purge_expired removes it.",
    ),
    "django_tasks_database.dbtaskresult": M(
        personal="args_kwargs return_value traceback",
        none="id status enqueued_at started_at finished_at priority task_path worker_ids "
        "queue_name backend_name run_after exception_class_path",
        note="Task arguments are object ids; a traceback may hold values. Not linked to a "
        "person; purge_expired removes finished tasks.",
    ),
    "core.auditentry": M(
        personal="at actor action object_type object_id data role request_id client_ip",
        none="id sequence previous_hash entry_hash hash_version",
        note="Exported apart: the entries the person made and those about the person's records. "
        "Security events (security.*) hold the acting role, the request id and the client's IP "
        "address (personal data); a failed login the user name tried.",
    ),
    # accounts
    "accounts.user": M(
        personal="last_login username first_name last_name email date_joined "
        "preferred_language is_active is_staff is_superuser groups user_permissions "
        "signup_pending external_id modified_at",
        secret="password",
        none="id unread_notifications session_epoch",
        about="id",
    ),
    "accounts.apitoken": M(
        personal="user prefix name created_at last_used_at revoked_at expires_at",
        secret="key_hash",
        about="user",
    ),
    "accounts.externalidentity": M(
        personal="user issuer subject affiliations home_organization created_at last_login_at",
        about="user",
        note="The SURFconext (OpenID Connect) login of an account: its subject identifier and "
        "the claims eduPersonAffiliation and schacHomeOrganization as last received.",
    ),
    # login throttling (django-axes): attempts by user name and address, not linked to an
    # account (a name may be mistyped or belong to no one), kept as long as the cool-off needs
    "axes.accessattempt": M(
        personal="user_agent ip_address username http_accept path_info attempt_time get_data "
        "post_data failures_since_start",
        note="Keyed by the user name typed, not by account; ends with the cool-off.",
    ),
    "axes.accessattemptexpiration": M(personal="access_attempt expires_at", none=""),
    "axes.accessfailurelog": M(
        personal="user_agent ip_address username http_accept path_info attempt_time locked_out",
        note="Keyed by the user name typed, not by account; purge_expired ends it.",
    ),
    "axes.accesslog": M(
        personal="user_agent ip_address username http_accept path_info attempt_time logout_time",
        secret="session_hash",
        note="Keyed by the user name typed, not by account; purge_expired ends it.",
    ),
    # the second factor (django-otp): the secret key and recovery-code digests are credentials
    "otp_totp.totpdevice": M(
        personal="user name confirmed throttling_failure_timestamp throttling_failure_count "
        "created_at last_used_at",
        secret="key last_t drift",
        none="id step t0 digits tolerance",
        about="user",
    ),
    "otp_static.staticdevice": M(
        personal="user name confirmed throttling_failure_timestamp throttling_failure_count "
        "created_at last_used_at",
        about="user",
    ),
    "otp_static.statictoken": M(personal="device", secret="token", about="device__user"),
    # notifications
    "notifications.notification": M(
        personal="user kind object_id title body link created_at read_at", about="user"
    ),
    "notifications.notificationpreference": M(personal="user kind email", about="user"),
    "notifications.outboxmessage": M(
        personal="kind recipient language object_id site_url status attempts last_error "
        "next_attempt_at created_at sent_at",
        by_email="recipient",
    ),
    # curriculum: the catalogue is about programmes, not people, except who recorded or
    # published what, and the roles
    "curriculum.institution": M(none="id name brin_code"),
    "curriculum.programme": M(
        none="id institution croho_code name_nl name_en level sector demand_financed nominal_ec "
        "nominal_years description_nl description_en outcome_levels unit"
    ),
    # the institution's calendar and organisation: about no person
    "curriculum.academicyear": M(none="id institution first_year starts_on ends_on"),
    "curriculum.academicperiod": M(none="id year name_nl name_en starts_on ends_on"),
    "curriculum.startmoment": M(none="id year starts_on"),
    "curriculum.organisationalunit": M(none="id institution name_nl name_en parent"),
    "curriculum.crohoregistration": M(
        none="id brin_code institution_name code name sector level field_code field_name "
        "subfield_code current_brin_code current_code historic_code indication indication_label "
        "demand_financed joint_degree_code ended_on"
    ),
    "curriculum.programmevariant": M(
        none="id programme form outcome_based has_propedeuse bsa_norm_ec start_moments "
        "coach_establishes_plans feasibility_warning_ratio stall_weeks third_assessor_gap "
        "review_share evidence_quota_mb admission_requirements_nl admission_requirements_en"
    ),
    "curriculum.teacherconsent": M(
        personal="recorded_by recorded_at",
        none="id variant body method votes_for votes_against abstentions result decided_on notes",
        actors="recorded_by",
    ),
    "curriculum.roleassignment": M(personal="user role programme ends_on", about="user"),
    "curriculum.setuptoken": M(secret="token_hash", none="id created_at expires_at used_at"),
    "curriculum.oer": M(
        personal="published_by",
        none="id variant academic_year status published_at publish_grounds copied_from version",
        actors="published_by",
    ),
    "curriculum.unit": M(
        none="id oer code title_nl title_en ec scale_points pass_score nlqf_level "
        "description_nl description_en position"
    ),
    "curriculum.learningoutcome": M(none="id unit code text_nl text_en position"),
    "curriculum.concentriclevel": M(none="id outcome level text_nl text_en"),
    "curriculum.assessmentcriterion": M(none="id outcome text_nl text_en position"),
    "curriculum.learningactivity": M(
        none="id unit kind mode title_nl title_en hours description_nl description_en"
    ),
    "curriculum.assessmentform": M(
        none="id unit kind route_independent assessors description_nl description_en"
    ),
    "curriculum.validationgridentry": M(none="id outcome evidence_nl evidence_en"),
    "curriculum.persona": M(
        none="id programme name age work_experience_years summary_nl summary_en",
        note="A persona is an invented typical student, not a person.",
    ),
    # studyplans
    "studyplans.enrolment": M(
        personal="student variant start_date coach persona", about="student", actors="coach"
    ),
    "studyplans.intake": M(
        personal="enrolment prior_education work_experience_years workplace job_role "
        "hours_per_week goals updated_at",
        about="enrolment__student",
    ),
    "studyplans.startlevel": M(
        personal="enrolment outcome level grounds explanation recorded_by recorded_at",
        about="enrolment__student",
        actors="recorded_by",
    ),
    "studyplans.learningteam": M(
        personal="teacher members",
        none="id programme name",
        about="members__student",
        actors="teacher",
    ),
    "studyplans.teammeeting": M(
        personal="team held_on notes recorded_by",
        about="team__members__student",
        actors="recorded_by",
    ),
    "studyplans.studyplan": M(
        personal="enrolment title period_start period_end completed_at created_at",
        about="enrolment__student",
    ),
    "studyplans.planversion": M(
        personal="plan number status based_on hours_per_week notes created_by created_at "
        "updated_at submitted_at coach_comment reviewed_by reviewed_at coach_advice "
        "student_reasons referred_at established_by established_at grounds",
        none="id lock_version",
        about="plan__enrolment__student",
        actors="created_by reviewed_by established_by",
    ),
    "studyplans.largeactivity": M(
        personal="version kind title hours description outcomes",
        about="version__plan__enrolment__student",
    ),
    "studyplans.planunit": M(
        personal="version unit route large_activity assessment guidance planned_start "
        "planned_end aimed_level decision decision_reason",
        about="version__plan__enrolment__student",
    ),
    "studyplans.planactivity": M(
        personal="plan_unit source activity title provider kind hours url outcomes",
        about="plan_unit__version__plan__enrolment__student",
    ),
    "studyplans.guidanceconversation": M(
        personal="enrolment planned_on held_on participants notes agreements recorded_by",
        about="enrolment__student",
        actors="recorded_by",
    ),
    # registrations
    "registrations.registration": M(
        personal="enrolment first_year starts_on ends_on end_reason created_at",
        about="enrolment__student",
    ),
    "registrations.censussnapshot": M(
        none="id institution census_date taken_at total counted",
        personal="taken_by",
        actors="taken_by",
        note="The institution's count; the student's part is in its lines.",
    ),
    "registrations.censusline": M(
        personal="snapshot registration counted reason enrolment_year",
        about="registration__enrolment__student",
    ),
    # financing
    "financing.tuitionrate": M(
        none="id institution first_year amount_cents entered_at",
        personal="entered_by",
        actors="entered_by",
        note="The institution's rate; who entered it is the administrator's act.",
    ),
    "financing.module": M(
        none="id variant first_year code name_nl name_en units created_at",
        personal="created_by",
        actors="created_by",
    ),
    "financing.moduleenrolment": M(
        personal="enrolment module created_at created_by",
        about="enrolment__student",
        actors="created_by",
    ),
    "financing.voucherverdict": M(
        personal="module_enrolment holds_degree granted amount_cents rule_id reason_nl "
        "reason_en grounds decided_on decided_by decided_at",
        about="module_enrolment__enrolment__student",
        actors="decided_by",
    ),
    # portfolio
    "portfolio.groupproject": M(
        personal="title description evidence_date organisation kind code created_by created_at",
        about="items__enrolment__student",
        actors="created_by",
    ),
    "portfolio.evidenceitem": M(
        personal="enrolment title description evidence_date workplace organisation kind link "
        "group_project created_at updated_at criteria",
        about="enrolment__student",
    ),
    "portfolio.evidenceversion": M(
        personal="item number stored_name original_name content_type size sha256 uploaded_at "
        "uploaded_by",
        about="item__enrolment__student",
        actors="uploaded_by",
        files="stored_name",
    ),
    "portfolio.storedfile": M(
        none="id name blob key_id size scan scan_detail scan_attempts scanned_at created_at",
        note="technical state of a stored file (key id, virus scan); whose file it is and the "
        "file itself are exported through the evidence version or desk document naming it",
    ),
    "portfolio.evidencemapping": M(
        personal="item criterion created_at", about="item__enrolment__student"
    ),
    "portfolio.vraakjudgement": M(
        personal="item judge variety relevance authenticity currency quantity note created_at",
        about="item__enrolment__student",
        actors="judge",
    ),
    "portfolio.workplaceconfirmation": M(
        personal="item version supervisor_email supervisor_name invited_by invited_at "
        "expires_at answer answered_at answered_name answered_role answered_organisation "
        "comment",
        secret="token_hash",
        about="item__enrolment__student",
        actors="invited_by",
    ),
    # assessments
    "assessments.assessmentrequest": M(
        personal="enrolment integral form_kind assessors_required status student_note "
        "requested_at completed_at units",
        about="enrolment__student",
    ),
    "assessments.requestunit": M(
        personal="request unit route", about="request__enrolment__student"
    ),
    "assessments.frozenevidence": M(
        personal="request item version title link criterion_ids",
        about="request__enrolment__student",
    ),
    "assessments.assessorassignment": M(
        personal="request assessor position assigned_by assigned_at submitted_at",
        about="request__enrolment__student",
        actors="assessor assigned_by",
    ),
    "assessments.criterionscore": M(
        personal="assignment criterion score comment",
        about="assignment__request__enrolment__student",
        actors="assignment__assessor",
    ),
    "assessments.interview": M(
        personal="request scheduled_at location questions notes held recorded_by updated_at",
        about="request__enrolment__student",
        actors="recorded_by",
    ),
    "assessments.consensusscore": M(
        personal="request criterion score", about="request__enrolment__student"
    ),
    "assessments.unitresult": M(
        personal="request enrolment unit result ec route integral feedback decided_on "
        "recorded_by recorded_at",
        about="enrolment__student",
        actors="recorded_by",
    ),
    "assessments.reviewselection": M(
        personal="request selected_at reviewer notes reviewed_at",
        about="request__enrolment__student",
        actors="reviewer",
    ),
    "assessments.calibrationsession": M(
        personal="created_by participants closed_at",
        none="id programme unit title sample held_on",
        actors="created_by participants",
    ),
    "assessments.calibrationsubmission": M(
        personal="session assessor submitted_at", about="assessor"
    ),
    "assessments.calibrationscore": M(
        personal="submission criterion score", about="submission__assessor"
    ),
    # examcommittee
    "examcommittee.deskrequest": M(
        personal="institution programme kind requester contact_name contact_email subject "
        "message status received_on term_end answer decided_at created_at language units "
        "portfolio_items",
        secret="answer_token_hash",
        about="requester",
    ),
    "examcommittee.deskdocument": M(
        personal="request kind issuer original_name stored_name content_type size sha256 "
        "uploaded_at",
        about="request__requester",
        files="stored_name",
    ),
    "examcommittee.deskmessage": M(
        personal="request author from_committee text at",
        about="request__requester",
        actors="author",
    ),
    "examcommittee.decision": M(
        personal="kind student programme enrolment desk_request corrects plan_version body "
        "members decided_on legal_basis evidence_cited outcome appeal_clause language "
        "made_known_on appeal_deadline content grounds created_by created_at",
        special="reasons",
        about="student",
        actors="created_by",
        note="A BSA decision's reasons weigh the personal circumstances (WHW art. 7.8b).",
    ),
    "examcommittee.decisionunit": M(personal="decision unit granted ec", about="decision__student"),
    "examcommittee.personalcircumstance": M(
        personal="enrolment period_from period_until recorded_by recorded_at",
        special="description",
        about="enrolment__student",
        actors="recorded_by",
    ),
    # admissions
    "admissions.application": M(
        personal="applicant variant start_moment own_route_wish flexibility_wish wish status "
        "language submitted_at decision enrolment",
        about="applicant",
    ),
    "admissions.applicationdocument": M(
        personal="application kind issuer original_name stored_name content_type size sha256 "
        "uploaded_at",
        about="application__applicant",
        files="stored_name",
    ),
    # stap
    "stap.staplisting": M(
        none="id institution programme kind title register_id listed_from listed_until created_at",
        note="A training the institution listed in the STAP training register: no person.",
    ),
    "stap.stapclaim": M(
        personal="listing person registered_on claimed_on claimed_cents outcome granted_cents "
        "reason_nl reason_en rule_id grounds decided_by decided_at",
        about="person",
        actors="decided_by",
    ),
    "stap.stapproof": M(
        personal="claim confirmed_on original_name stored_name content_type size sha256 "
        "recorded_by recorded_at",
        about="claim__person",
        actors="recorded_by",
        files="stored_name",
    ),
    "stap.stapinvoice": M(
        personal="claim number issued_on amount_cents recorded_by recorded_at",
        about="claim__person",
        actors="recorded_by",
    ),
    # credentials
    "credentials.statuslist": M(
        none="id institution purpose size bits created_at updated_at",
        note="A revocation list: one bit per credential, set when it is revoked. The bits "
        "alone name nobody (the index sits in the credential the holder shows).",
    ),
    "credentials.credential": M(
        personal="student enrolment programme unit how result decision achieved_on public_id "
        "status_list status_index issued_at document",
        about="student",
    ),
    "credentials.credentialrevocation": M(
        personal="credential revoked_at reason_nl reason_en revoked_by",
        about="credential__student",
        actors="revoked_by",
    ),
    # ooapi (the consumer)
    "ooapi.cataloguesource": M(
        secret="token_encrypted",
        none="id name base_url refresh_hours last_synced_at last_report created_at removed_at",
        note="A partner's OOAPI endpoint; its bearer token is a credential, stored encrypted.",
    ),
    "ooapi.externalactivity": M(
        none="id source ooapi_id kind course_ooapi_id name_nl name_en description_nl "
        "description_en ec language modes_of_delivery starts_on ends_on link withdrawn_at "
        "first_seen_at last_seen_at",
        note="A partner's published course or component: catalogue data, no person.",
    ),
    "examcommittee.enrolmentprogress": M(
        personal="enrolment oer ec_achieved ec_exempted ec_first_year bsa_norm_ec "
        "first_year_until circumstances bsa_prognosis propedeuse_complete diploma_complete "
        "units_achieved units_exempted units_planned units_not_yet units_open computed_at",
        about="enrolment__student",
    ),
}


def privacy_of(label_lower: str) -> ModelPrivacy:
    """The entry for a model (`app_label.modelname`); KeyError when it is not classified."""
    return REGISTRY[label_lower]
