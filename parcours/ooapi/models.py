"""The OOAPI provider stores nothing of its own: it reads the published curriculum, and its ids
are derived from the rows they name (ids.py)."""
