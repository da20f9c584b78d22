"""Rules as code for Parcours: pure functions with their legal sources. No Django here."""
