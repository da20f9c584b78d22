"""The seeded demo institution, shared with tests/demo (seeded once per module)."""

from tests.demo.conftest import demo_db, demo_evidence_root, seeded

__all__ = ["demo_db", "demo_evidence_root", "seeded"]
