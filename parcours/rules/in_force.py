"""The dates from which the rules apply, one per legal basis, each with the reason for it.

A rule is dated as the law it implements is dated (`@rule(..., valid_from=...)`); parameter
values carry their own `valid_from` in parameters/*.yaml with the same reasons in a comment.
Where our sources do not give the date, the comment says so and the date is the earliest one
we can defend; replace it when the date is known, never with a guessed citation.
"""

from __future__ import annotations

from datetime import date

# Algemene wet bestuursrecht: its first tranche, with the decision and objection/appeal rules
# cited here (art. 1:3, 3:45-3:47, 4:13 and 6:7-6:9), took effect on 1 January 1994 (a date
# not in our seed documents). The Algemene termijnenwet that extends the appeal term (art. 1
# and 3) is older, so the Awb's date is the later of the two. Which day the King's birthday is
# celebrated (Koningsdag since 2014, Koninginnedag before) is handled by the calendar (atw.py).
AWB = date(1994, 1, 1)

# WHW rules that count in EC of 28 hours and in bachelor/master study loads (art. 7.4, 7.4a,
# 7.4b, 7.8, 7.8b, 7.11, 7.13): the 28-hour EC and the bachelor-master structure entered the
# WHW with the Wet invoering bachelor-masterstructuur (Wet van 6 juni 2002, Stb. 2002, 303), for
# programmes from the studiejaar 2002-2003 (WHW art. 18.7 for wo), which begins on
# 1 September 2002. Not in our seed documents. The WHW itself is older (Wet van 8 oktober 1992);
# before 2002 it counted study points of 40 hours, so these rules could not be applied as
# written. Doubt: art. 7.12b (cited by exemption.grounds) may be younger than 2002; its date is
# not in our sources. We keep 2002 for that rule because it also rests on Awb 3:46 (1994).
WHW_EC = date(2002, 9, 1)

# Wet leeruitkomsten hoger onderwijs (Kamerstukken 36 136): the date it took effect is NOT in
# our sources. They show it cannot be earlier than 2024: the amendments are Kamerstukken II
# 2023/24 (nrs. 10, 17, 21) and the government answered the Senate in its memorie van antwoord
# of 2024 (seed 000); the experiment letter (seed 002) had aimed at the studiejaar 2022/2023.
# Education laws take effect with a studiejaar (1 September), so the earliest defensible date is
# the start of the studiejaar 2024-2025. Under the experiment leeruitkomsten (from 2016, seeds
# 001 and 002; part-time and dual hbo only) similar rules applied on the experiment's own legal
# basis, which Parcours does not model. Replace with the date of the law's entry into force
# (its inwerkingtredingsbesluit) once it is at hand.
WLHO = date(2024, 9, 1)

# Institution policies (assessment in pairs, a third assessor, integral assessment, evidence,
# feasibility, start moments, the number of levels of the concentric learning lines): they apply
# from the studiejaar the institution adopted them. The adoption date is not recorded in our
# sources; the policies belong to the institution's work with units of learning outcomes, which
# (outside the experiment) the Wet leeruitkomsten made possible, so we take the same studiejaar
# 2024-2025 as the earliest defensible date.
INSTITUTION_POLICY = date(2024, 9, 1)

# Algemene verordening gegevensbescherming (Verordening (EU) 2016/679): applies from
# 25 May 2018 (its art. 99(2)). Not in our seed documents.
AVG = date(2018, 5, 25)

# The CROHO register (WHW art. 6.13: "Centraal register opleidingen hoger onderwijs"): the WHW is
# the Wet van 8 oktober 1992, but the date art. 6.13 took effect is not in our sources. The
# earliest date they show the register held under it is the Beleidsregel doelmatigheid hoger
# onderwijs 2012 of 14 October 2012 (BWBR0032151, art. 1, onder c: "Croho: Centraal register
# opleidingen hoger onderwijs als bedoeld in artikel 6.13 van de wet"). Replace with the date
# art. 6.13 took effect once it is at hand.
WHW_CROHO = date(2012, 10, 14)

# Experiment vraagfinanciering (demand financing, hbo): the experiments started in 2016 (seed
# 002: "In 2016 is een aantal experimenten gestart"); an experiment starts with a studiejaar, so
# 1 September 2016 is the earliest defensible date. Its end is not in our sources; the rules
# stay open until it is known.
DEMAND_FINANCING = date(2016, 9, 1)

# STAP-budget (Regeling STAP-budget): open from 1 March 2022, ended from 1 January 2024, so its
# last day is 31 December 2023. Seed 004 announces it (2020) with its yearly maximum; the two
# dates are not in our seeds: they were given with the work (issue 15) and are the regulation's
# known period. Its successor (e.g. a lifelong-learning credit) is not modelled.
STAP_FROM = date(2022, 3, 1)
STAP_UNTIL = date(2023, 12, 31)
