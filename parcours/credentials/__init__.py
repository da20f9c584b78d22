"""Verifiable microcredentials (Open Badges 3.0 on W3C VC 2.0) for achieved units."""
