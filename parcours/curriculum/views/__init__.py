"""Curriculum pages: thin function views named `<entity>_<verb>`, by audience: `catalogue`
(the public catalogue), `programmes` (the start page, programmes and their variants),
`oer` (the OER editor), `units` (a unit's row in the OER editor and the unit editor) and
`unit_parts` (outcomes, criteria, levels, grid entries, activities and assessment forms),
`frameworks` (an outcomes framework from and to a spreadsheet); `common` holds what they
share.

Reads go through selectors.py, permission through permissions.py (404 for what a user may not
see, 403 for what they may see but not change), every write through one call to services.py.
A refusal from a service is shown on the page the form lives on, with each rule and its source.

Status codes: a full page re-rendered with errors answers 422; an htmx fragment with errors
answers 200, because htmx swaps only 2xx responses.
"""
