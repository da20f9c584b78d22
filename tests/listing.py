"""What the list tests share: the rows of a page and of a download."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from typing import Any


def csv_rows(response: Any) -> list[list[str]]:
    """A CSV download's rows, the header first."""
    assert response.status_code == 200
    assert response.streaming
    body = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    return list(csv.reader(io.StringIO(body)))


def xlsx_rows(response: Any) -> list[list[str]]:
    """An XLSX download's rows as text, the header first."""
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    rows = []
    for row in re.findall(r"<row [^>]*>(.*?)</row>", sheet):
        rows.append(re.findall(r"<(?:t|v)(?: [^>]*)?>(.*?)</(?:t|v)>", row))
    return rows


def ids_of(html: str, prefix: str) -> list[str]:
    """The data-testid values that start with `prefix`, in page order."""
    return re.findall(rf'data-testid="{re.escape(prefix)}([^"]+)"', html)
