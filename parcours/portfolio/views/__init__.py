"""Portfolio pages by audience: `evidence` (the student's items and what the coach does on
them), `overview` (a portfolio and its coverage per unit, for the student and for the coach)
and `workplace` (the supervisor's single-use confirmation link); `common` holds what they
share.

Objects come through permissions.get_*_for (404 for what a user may not see, 403 for what they
may see but not change); every write is one call to services.py. A refusal comes back on the
page the form lives on (status 422), next to its field, with everything else the user typed
kept (a browser never keeps a chosen file: the page says so).
"""
