"""Images (PNG, JPEG) are decoded under a pixel limit and stored re-encoded: what is kept is
the picture, never what the file carried besides it (text chunks, comments, EXIF with its GPS
position, XMP, data after the end). A small file that declares a huge picture (a
"decompression bomb") is refused from its header, before a pixel is decoded: by the explicit
check against `UPLOAD_MAX_IMAGE_PIXELS`, or, for the largest, by Pillow's own
DecompressionBombError, which `Image.open` raises first. (Pillow's DecompressionBombWarning is
left a warning: warning filters are process-wide, not per thread, and the explicit check is
the guard.)

The EXIF orientation is applied before it is dropped, so a photo stays upright; the colour
profile (ICC) is kept, it is colour, not content. A JPEG that needs no turning keeps its own
quantisation tables (`quality="keep"`), so re-encoding costs next to nothing.
"""

from __future__ import annotations

import io
from typing import IO, Any

from django.conf import settings
from PIL import Image, ImageOps, UnidentifiedImageError

from parcours.core.upload_refusals import UploadRefused, UploadTooLarge

FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG"}
ORIENTATION = 0x0112  # the EXIF tag


def max_pixels() -> int:
    return int(settings.UPLOAD_MAX_IMAGE_PIXELS)


def _damaged() -> UploadRefused:
    return UploadRefused(
        "De afbeelding is beschadigd of geen echte afbeelding.",
        "The image is damaged or not a real image.",
    )


def _too_many_pixels() -> UploadTooLarge:
    limit = max_pixels() / 1_000_000
    return UploadTooLarge(
        f"De afbeelding is groter dan {limit:g} megapixel; verklein haar en probeer het opnieuw.",
        f"The image is larger than {limit:g} megapixels; make it smaller and try again.",
    )


def _open(stream: IO[bytes], fmt: str) -> Any:
    """The image, opened (its header read) under the pixel limit; nothing decoded yet."""
    stream.seek(0)
    try:
        image = Image.open(stream, formats=[fmt])
    except Image.DecompressionBombError as exc:  # Pillow's own guard (twice its warning limit)
        raise _too_many_pixels() from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise _damaged() from exc
    width, height = image.size
    if width * height > max_pixels():
        image.close()
        raise _too_many_pixels()
    return image


def reencoded(stream: IO[bytes], content_type: str) -> bytes:
    """The picture in `stream` as a new file of the same type, without anything else; refuses
    an image over the pixel limit (UploadTooLarge) or one that does not decode."""
    fmt = FORMATS[content_type]
    image = _open(stream, fmt)
    try:
        image.load()  # decodes the first frame only, within the limit checked above
        orientation = image.getexif().get(ORIENTATION, 1)
        icc = image.info.get("icc_profile")
        transparency = image.info.get("transparency")
        turned = orientation in range(2, 9)
        picture = ImageOps.exif_transpose(image) if turned else image
        picture.info = {}  # no text, comment, EXIF, XMP: only what is passed below
        options: dict[str, Any] = {"icc_profile": icc} if icc else {}
        if fmt == "PNG":
            if transparency is not None:
                options["transparency"] = transparency
        else:
            if picture.mode not in {"L", "RGB", "CMYK"}:
                picture = picture.convert("RGB")
            if turned or picture is not image:
                options["quality"] = 90
            else:
                options.update(quality="keep", subsampling="keep")
        out = io.BytesIO()
        picture.save(out, fmt, **options)
    except Image.DecompressionBombError as exc:
        raise _too_many_pixels() from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise _damaged() from exc
    finally:
        image.close()
    return out.getvalue()
