"""The documents sent to the demo's validation desk, as data: certificates, diplomas and
transcripts of the prospective and enrolled students who ask for exemptions. Rendered as
single-page PDFs and attached to their requests by `parcours.demo.examcommittee`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DocSpec:
    key: str
    kind: str  # DeskDocument.Kind value
    issuer: str
    file_name: str
    title: str
    lines: tuple[str, ...]


DOCUMENTS: tuple[DocSpec, ...] = (
    DocSpec(
        "femke.evc",
        "rpl_certificate",
        "EVC-centrum Zorg & Welzijn Gelderland",
        "ervaringscertificaat-femke-de-boer.pdf",
        "Ervaringscertificaat (EVC)",
        (
            "Naam: Femke de Boer, geboren 3 maart 1987",
            "Standaard: beroepsprofiel verpleegkundige, leeruitkomsten persoonsgerichte "
            "basiszorg en klinisch redeneren en farmacologie (hbo-bachelor Verpleegkunde)",
            "Procedure: portfolio met bewijs uit tien jaar werk als verpleegkundige niveau 4, "
            "praktijkobservatie op 26 augustus 2026 en criteriumgericht interview op 2 september "
            "2026 met twee assessoren",
            "Uitkomst: alle leeruitkomsten van beide eenheden aangetoond op het vereiste niveau",
            "Afgegeven op 12 september 2026, certificaatnummer EVC-ZW-2026-0913",
        ),
    ),
    DocSpec(
        "femke.wijk",
        "course_result",
        "Zorgacademie Oost",
        "certificaat-wijkverpleging.pdf",
        "Certificaat post-mbo Wijkverpleging",
        (
            "Femke de Boer heeft de opleiding Wijkverpleging (post-mbo, 420 uur) met goed "
            "gevolg afgerond.",
            "Onderdelen: wijkanalyse en sociale kaart (7,8), indiceren volgens het normenkader "
            "(8,1), preventie bij ouderen (7,4).",
            "Arnhem, 30 juni 2026",
        ),
    ),
    DocSpec(
        "wendy.diabetes",
        "diploma",
        "Zorgacademie Oost",
        "diploma-diabetesverpleegkundige.pdf",
        "Diploma Diabetesverpleegkundige",
        (
            "Wendy Peeters heeft de opleiding Diabetesverpleegkundige met goed gevolg afgerond.",
            "Arnhem, 14 juni 2024",
        ),
    ),
    DocSpec(
        "jeroen.cijfers",
        "course_result",
        "Hogeschool Rijnland (fictief)",
        "cijferlijst-lerarenopleiding-nederlands.pdf",
        "Cijferlijst Lerarenopleiding Nederlands (tweede graad)",
        (
            "Jeroen Prins, getuigschrift behaald op 28 augustus 2009",
            "Taalbeheersing en taalkunde (30 EC): 7,6; didactiek van lezen en schrijven "
            "(15 EC): 8,0; stages in het voortgezet onderwijs (45 EC): voldaan",
            "Minor Geschiedenis en maatschappijleer (30 EC): 6,8",
        ),
    ),
    DocSpec(
        "lotte.diploma",
        "diploma",
        "Hogeschool Rijnland (fictief)",
        "getuigschrift-alo.pdf",
        "Getuigschrift Academie voor Lichamelijke Opvoeding",
        (
            "Lotte van Wijk heeft het examen van de bacheloropleiding Leraar Lichamelijke "
            "Opvoeding (eerste graad) met goed gevolg afgelegd.",
            "Nijmegen, 6 juli 2011",
        ),
    ),
    DocSpec(
        "lotte.supplement",
        "other",
        "Hogeschool Rijnland (fictief)",
        "diplomasupplement-alo.pdf",
        "Diplomasupplement Leraar Lichamelijke Opvoeding",
        (
            "Minor Kunst en cultuur in het basisonderwijs (30 EC): beeldend onderwijs, muziek "
            "en drama; eigen lessenreeks in groep 6, beoordeeld met een 8.",
            "Stages bewegingsonderwijs in het primair onderwijs: 840 uur.",
        ),
    ),
    DocSpec(
        "sophie.evc",
        "rpl_certificate",
        "EVC-centrum ICT Gelderland",
        "ervaringscertificaat-sophie-verhagen.pdf",
        "Ervaringscertificaat (EVC) Software Developer",
        (
            "Naam: Sophie Verhagen",
            "Standaard: leeruitkomsten programmeren, webapplicaties, data en databases, cloud "
            "en DevOps, security by design en integratie en API's (Ad Software Development)",
            "Procedure: portfolio met broncode en reviews uit zes jaar werk als developer, "
            "criteriumgericht interview op 3 november 2025",
            "Afgegeven op 10 november 2025, certificaatnummer EVC-ICT-2025-1110",
        ),
    ),
    DocSpec(
        "youssef.evc",
        "rpl_certificate",
        "EVC-centrum ICT Gelderland",
        "ervaringscertificaat-youssef-tahiri.pdf",
        "Ervaringscertificaat (EVC) Software Developer",
        (
            "Naam: Youssef Tahiri",
            "Standaard: leeruitkomsten programmeren, webapplicaties, data en databases, "
            "samenwerken in agile teams, cloud en DevOps, security by design en integratie en "
            "API's (Ad Software Development)",
            "Procedure: portfolio uit vier jaar functioneel beheer en ontwikkeling bij "
            "Logistiek Centrum Betuwe, werkplekobservatie en criteriumgericht interview op "
            "27 oktober 2025",
            "Afgegeven op 5 november 2025, certificaatnummer EVC-ICT-2025-1105",
        ),
    ),
    DocSpec(
        "milan.api",
        "course_result",
        "Codeschool Arnhem (fictief)",
        "certificaat-api-integraties.pdf",
        "Certificaat API-ontwerp en integraties",
        (
            "Milan Jacobs heeft de beroepsopleiding API-ontwerp en integraties (160 uur) met "
            "goed gevolg afgerond: REST-API met OpenAPI-contract (8,2), koppeling met een extern "
            "WMS inclusief integratietests (7,9).",
            "Arnhem, 2 oktober 2025",
        ),
    ),
    DocSpec(
        "priya.transcript",
        "course_result",
        "Polytechnic of Paramaribo (fictional)",
        "transcript-web-development.pdf",
        "Transcript of records: Diploma in Web Development",
        (
            "Priya Ramdin, awarded 15 July 2019",
            "Front-end frameworks (10 credits): A; accessibility and WCAG 2.1 (5 credits): B+; "
            "server-side web development (10 credits): A-",
        ),
    ),
)
