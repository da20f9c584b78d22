"""The portfolio's pages, in one namespace (`portfolio:`), under two prefixes:

- /portfolio/: the student's own evidence (no ids of people in the addresses, only of
  objects) and a student's portfolio as the coach sees it;
- /bevestigen/: the workplace supervisor's confirmation pages (no account needed). The link
  from the e-mail (`workplace_open`) puts its token in the session and moves on to
  `workplace_confirm`, an address without the token.
"""

from django.urls import path, re_path

from .views import evidence, groups, overview, workplace

app_name = "portfolio"
urlpatterns = [
    # my portfolio
    path("portfolio/", overview.home, name="home"),
    path("portfolio/nieuw/", evidence.item_create, name="item_create"),
    path("portfolio/bewijsstukken/<int:pk>/", evidence.item_detail, name="item_detail"),
    path("portfolio/bewijsstukken/<int:pk>/wijzigen/", evidence.item_update, name="item_update"),
    path(
        "portfolio/bewijsstukken/<int:pk>/versies/nieuw/",
        evidence.version_upload,
        name="version_upload",
    ),
    path("portfolio/bewijsstukken/<int:pk>/koppelen/", evidence.item_map, name="item_map"),
    path(
        "portfolio/bewijsstukken/<int:pk>/bevestiging-vragen/",
        evidence.confirmation_invite,
        name="confirmation_invite",
    ),
    path("portfolio/bewijsstukken/<int:pk>/vraak/", evidence.vraak_record, name="vraak_record"),
    path(
        "portfolio/bewijsstukken/<int:pk>/groepsproject/",
        groups.item_share,
        name="item_share",
    ),
    path(
        "portfolio/groepsprojecten/aansluiten/",
        groups.group_project_join,
        name="group_project_join",
    ),
    path(
        "portfolio/versies/<int:pk>/downloaden/",
        evidence.version_download,
        name="version_download",
    ),
    path(
        "portfolio/versies/<int:pk>/bekijken/",
        evidence.version_preview,
        name="version_preview",
    ),
    path("portfolio/eenheden/<int:pk>/", overview.coverage, name="coverage"),
    # a student's portfolio for their coach and the exam committee
    path("portfolio/studenten/<int:pk>/", overview.student_portfolio, name="student_portfolio"),
    path(
        "portfolio/studenten/<int:pk>/eenheden/<int:unit_pk>/",
        overview.student_coverage,
        name="student_coverage",
    ),
    # the workplace supervisor's link (no account)
    path("bevestigen/", workplace.workplace_confirm, name="workplace_confirm"),
    path("bevestigen/bestand/", workplace.workplace_download, name="workplace_download"),
    re_path(
        r"^bevestigen/(?P<token>[A-Za-z0-9_-]{20,100})/$",
        workplace.workplace_open,
        name="workplace_open",
    ),
]
