"""A QR code of a public link as inline SVG (the `qrcode` package's path image: one <path>, no
style attributes, so the page's CSP holds)."""

from __future__ import annotations

import qrcode
import qrcode.image.svg
from django.utils.safestring import SafeString, mark_safe


def qr_svg(url: str) -> SafeString:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    svg = image.to_string(encoding="unicode")
    # the SVG is built by qrcode from the URL's bits alone: no text of the URL is in it
    return mark_safe(svg.replace("<svg ", '<svg role="img" aria-hidden="true" class="qr" ', 1))  # noqa: S308
