"""The legal and documentary sources rules cite. One entry each; never a made-up URL.

Seed files are the Dutch source documents in ../shared/seeds; quotes from them are checked
verbatim by the test suite.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    reference: str
    kind: str  # law | bill | parliamentary | article | letter | list
    seed_file: str | None = None


SOURCES: dict[str, Source] = {
    s.id: s
    for s in [
        Source(
            "wlho",
            "Wet leeruitkomsten hoger onderwijs (wijziging van de WHW)",
            "Kamerstukken 36 136",
            "bill",
        ),
        Source(
            "wlho-amendment-krul",
            "Amendement-Krul: ook voltijdse hbo-opleidingen",
            "Kamerstukken 36 136, nr. 10",
            "bill",
        ),
        Source(
            "wlho-amendment-stultiens-beckerman",
            "Amendement-Stultiens en Beckerman: instemmingsrecht docenten",
            "Kamerstukken 36 136, nr. 17",
            "bill",
        ),
        Source(
            "whw",
            "Wet op het hoger onderwijs en wetenschappelijk onderzoek",
            "WHW",
            "law",
        ),
        Source(
            "awb",
            "Algemene wet bestuursrecht",
            "Awb",
            "law",
        ),
        Source(
            "avg",
            "Algemene verordening gegevensbescherming (Verordening (EU) 2016/679)",
            "AVG",
            "law",
        ),
        Source(
            "selectielijst-hogescholen",
            "Selectielijst hogescholen, versie 2022 (Vereniging Hogescholen)",
            "Selectielijst hogescholen 2022",
            "list",
        ),
        Source(
            "atw",
            "Algemene termijnenwet",
            "Atw",
            "law",
        ),
        Source(
            "seed-000",
            "Memorie van antwoord aan de Eerste Kamer, Wet leeruitkomsten hoger onderwijs (2024)",
            "Kamerstukken 36 136, memorie van antwoord",
            "parliamentary",
            "000_d027c3758a5a3bf4.txt",
        ),
        Source(
            "seed-001",
            "Artikel over eenheden van leeruitkomsten: combinaties A-D",
            "Artikel eenheden van leeruitkomsten (combinaties A-D)",
            "article",
            "001_c46827cd77b858c4.txt",
        ),
        Source(
            "seed-002",
            "Kamerbrief eindevaluatie experiment leeruitkomsten 2016-2021",
            "Kamerbrief eindevaluatie experiment leeruitkomsten",
            "letter",
            "002_74fe7ff2a1f5d049.txt",
        ),
        Source(
            "seed-003",
            "Webinar lerarenopleidingen: concentrische leerlijn, validatiematrix, persona's",
            "Webinar lerarenopleidingen",
            "article",
            "003_bb4e6861eb45a465.txt",
        ),
        Source(
            "seed-004",
            "Kamerbrief leven lang ontwikkelen: STAP, vraagfinanciering, EVC",
            "Kamerbrief leven lang ontwikkelen",
            "letter",
            "004_82fd8c82ff4742b8.txt",
        ),
        Source(
            "regeling-stap",
            "Regeling STAP-budget (Stimulans ArbeidsmarktPositie)",
            "Regeling STAP-budget",
            "law",
        ),
    ]
}
