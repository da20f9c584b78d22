"""The OOAPI v5 provider, mounted at /ooapi/v5/ (public, read-only)."""

from django.urls import path, re_path

from .views import endpoints

app_name = "ooapi"

ORG = "organizations/<str:organizationId>"
SESSION = "academic-sessions/<str:academicSessionId>"
SPEC = "education-specifications/<str:educationSpecificationId>"
PROGRAM = "programs/<str:programId>"
COURSE = "courses/<str:courseId>"
COMPONENT = "components/<str:componentId>"

urlpatterns = [
    path("", endpoints.service, name="service"),
    path("ooapi.json", endpoints.specification, name="specification"),
    path("organizations", endpoints.organization_list, name="organization_list"),
    path(ORG, endpoints.organization_detail, name="organization_detail"),
    path(f"{ORG}/programs", endpoints.organization_programs, name="organization_programs"),
    path(f"{ORG}/courses", endpoints.organization_courses, name="organization_courses"),
    path(f"{ORG}/components", endpoints.organization_components, name="organization_components"),
    path(f"{ORG}/offerings", endpoints.organization_offerings, name="organization_offerings"),
    path(
        f"{ORG}/education-specifications",
        endpoints.organization_education_specifications,
        name="organization_education_specifications",
    ),
    path("academic-sessions", endpoints.academic_session_list, name="academic_session_list"),
    path(SESSION, endpoints.academic_session_detail, name="academic_session_detail"),
    path(
        f"{SESSION}/offerings",
        endpoints.academic_session_offerings,
        name="academic_session_offerings",
    ),
    path(
        "education-specifications",
        endpoints.education_specification_list,
        name="education_specification_list",
    ),
    path(SPEC, endpoints.education_specification_detail, name="education_specification_detail"),
    path(
        f"{SPEC}/education-specifications",
        endpoints.education_specification_children,
        name="education_specification_children",
    ),
    path(
        f"{SPEC}/courses",
        endpoints.education_specification_courses,
        name="education_specification_courses",
    ),
    path(
        f"{SPEC}/programs",
        endpoints.education_specification_programs,
        name="education_specification_programs",
    ),
    path("programs", endpoints.program_list, name="program_list"),
    path(PROGRAM, endpoints.program_detail, name="program_detail"),
    path(f"{PROGRAM}/programs", endpoints.program_programs, name="program_programs"),
    path(f"{PROGRAM}/courses", endpoints.program_courses, name="program_courses"),
    path(f"{PROGRAM}/offerings", endpoints.program_offerings, name="program_offerings"),
    path("courses", endpoints.course_list, name="course_list"),
    path(COURSE, endpoints.course_detail, name="course_detail"),
    path(f"{COURSE}/components", endpoints.course_components, name="course_components"),
    path(f"{COURSE}/offerings", endpoints.course_offerings, name="course_offerings"),
    path(COMPONENT, endpoints.component_detail, name="component_detail"),
    path(f"{COMPONENT}/offerings", endpoints.component_offerings, name="component_offerings"),
    path("offerings/<str:offeringId>", endpoints.offering_detail, name="offering_detail"),
    # Anything else under /ooapi/v5/ (persons, groups, a malformed id ...): the OOAPI 404.
    re_path(r"^(?P<rest>.*)$", endpoints.not_provided, name="not_provided"),
]
