"""The local contexts: unmodified copies, and nothing else is ever loaded."""

import hashlib
import json
import re

import pytest

from parcours.credentials.documents import (
    CONTEXTS_DIR,
    SCHEMA_PATH,
    ContextNotLocal,
    local_document_loader,
    local_urls,
)


def test_every_copy_matches_the_hash_in_its_readme() -> None:
    readme = (CONTEXTS_DIR / "README.md").read_text()
    found = re.findall(r"^([0-9a-f]{64})  (\S+)$", readme, re.M)
    listed = {name: digest for digest, name in found}
    index = json.loads((CONTEXTS_DIR / "index.json").read_text())
    assert sorted(listed) == sorted(index.values())
    for name, digest in listed.items():
        assert hashlib.sha256((CONTEXTS_DIR / name).read_bytes()).hexdigest() == digest, name


def test_the_schema_matches_the_hash_in_its_readme() -> None:
    readme = (SCHEMA_PATH.parent / "README.md").read_text()
    assert hashlib.sha256(SCHEMA_PATH.read_bytes()).hexdigest() in readme


def test_the_loader_serves_each_local_copy() -> None:
    assert "https://www.w3.org/ns/credentials/v2" in local_urls()
    for url in local_urls():
        loaded = local_document_loader(url)
        assert loaded["documentUrl"] == url
        assert "@context" in loaded["document"]


def test_each_load_is_a_fresh_object() -> None:
    url = "https://www.w3.org/ns/credentials/v2"
    first = local_document_loader(url)["document"]
    first["@context"]["evil"] = "https://evil.example/"
    assert "evil" not in local_document_loader(url)["document"]["@context"]


@pytest.mark.parametrize(
    "url",
    [
        "https://www.w3.org/ns/credentials/v3",
        "http://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context.json",
        "file:///etc/passwd",
        "http://127.0.0.1:8000/",
        "",
    ],
)
def test_any_other_url_is_refused(url) -> None:
    with pytest.raises(ContextNotLocal, match="never fetched"):
        local_document_loader(url)
