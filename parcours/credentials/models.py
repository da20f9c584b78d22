"""The credentials' records (issued credentials, status lists) live here; the signer and the
verifier (integrity.py, keys.py, verification.py) keep no rows."""
