"""The demo's generated files: single-page PDFs (evidence and documents sent to the desk) and
small PNG bar charts."""

from __future__ import annotations

import io
from collections.abc import Sequence

from PIL import Image, ImageDraw


def single_page_pdfs(sections: Sequence[str], *, style: str) -> list[bytes]:
    """One single-page PDF per HTML section. Laid out as one WeasyPrint document and split per
    page, which takes a third of the time of one document each."""
    import weasyprint  # imported here: slow to import, needed only while seeding

    html = (
        "<html lang='nl'><head><meta charset='utf-8'><style>"
        f"{style}</style></head><body>{''.join(sections)}</body></html>"
    )
    document = weasyprint.HTML(string=html).render()
    assert len(document.pages) == len(sections), "each demo document fits on one page"
    return [bytes(document.copy(pages=[page]).write_pdf()) for page in document.pages]


def bar_chart_png(title: str, bars: Sequence[str]) -> bytes:
    """A small bar chart: each entry is 'label value'."""
    image = Image.new("RGB", (480, 300), "white")
    draw = ImageDraw.Draw(image)
    draw.text((16, 12), title, fill="black")
    values = [(label, int(value)) for label, value in (b.rsplit(" ", 1) for b in bars)]
    top = max(v for _, v in values)
    width = 400 // len(values)
    for i, (label, value) in enumerate(values):
        x = 40 + i * width
        height = int(200 * value / top)
        draw.rectangle((x, 260 - height, x + width - 16, 260), fill="#1d4e89")
        draw.text((x, 266), label, fill="black")
        draw.text((x, 244 - height), str(value), fill="black")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
