"""Verifiable microcredentials: Open Badges 3.0 on W3C Verifiable Credentials 2.0, signed
with Data Integrity eddsa-rdfc-2022 (integrity.py), keys outside the database (keys.py),
contexts only from local copies (documents.py)."""
