"""Pages of route-independent assessment, mounted at /beoordelen/, one module per audience:
`requests` (the student), `scoring` (the assessors), `coordination` (the assessment
coordinator), `reviews` (the exam committee), `calibration` and `workload`; `request_page`
renders the request page several of them share, `charts` the SVG charts' geometry.

Thin function views named `<entity>_<verb>`: objects come through permissions.get_*_for (404
for what a user may not see, 403 for what they may see but not do), every write is one call to
services, every read one call to selectors, and a refusal is shown on the page the form lives
on with each rule and its source. A full page re-rendered with errors answers 422; an htmx
fragment 200.
"""
