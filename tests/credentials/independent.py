"""Run the independent verifier (tests/credentials/verify_independently.mjs: Digital Bazaar's
@digitalbazaar/vc and eddsa-rdfc-2022 cryptosuite, pinned in tests/package.json, installed by
`make` into tests/node_modules) on a credential."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parents[1]
SCRIPT = TESTS / "credentials" / "verify_independently.mjs"
INSTALLED = TESTS / "node_modules" / "@digitalbazaar" / "vc"


def verify_independently(
    credential: Any,
    *,
    documents: dict[str, Any] | None = None,
    now: str | None = None,
    assertion_only: bool = False,
    tmp_path: Path,
) -> dict[str, Any]:
    """The verifier's verdict: {"verified": bool, "error": str, "fetched": [urls]}."""
    node = shutil.which("node")
    assert node, "node is needed for the independent verifier (apt-get install nodejs npm)"
    assert INSTALLED.is_dir(), (
        "The independent verifier is not installed: npm ci --prefix tests (make does it)"
    )
    args = [node, str(SCRIPT)]
    if documents:
        path = tmp_path / "documents.json"
        path.write_text(json.dumps(documents), encoding="utf-8")
        args += ["--documents", str(path)]
    if now:
        args += ["--now", now]
    if assertion_only:
        args.append("--assertion-only")
    completed = subprocess.run(
        args,
        input=json.dumps(credential).encode(),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr.decode()
    verdict: dict[str, Any] = json.loads(completed.stdout)
    return verdict
