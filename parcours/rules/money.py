"""Amounts in euro cents as people read them: "€ 1.250,00" in Dutch, "€1,250.00" in English."""

from __future__ import annotations


def euros(cents: int, language: str) -> str:
    text = f"{cents / 100:,.2f}"
    if language == "nl":
        return "€ " + text.replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"€{text}"
