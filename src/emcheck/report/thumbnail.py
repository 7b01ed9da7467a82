"""Thumbnails of image attachments (JPEG, PNG) for the gap report's annex, made in memory.

An attachment is someone else's file. A few kilobytes of PNG can claim 50,000 × 50,000
pixels (7.5 GB once decoded), so the size its header states is checked against the pack's
``thumbnail_max_megapixels`` before a pixel is decoded, Pillow's own guard is set to the same
limit, and whatever a decoder makes of damaged bytes ends as a sentence in the annex.
Pillow is imported only here, when a Word report has an image to show.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from emcheck.i18n import Text

SIDE = 320
"""Longest side of a thumbnail in pixels: 4 cm wide in the annex is about 200 dpi."""
DEFAULT_MEGAPIXELS = 64


@dataclass(frozen=True)
class Thumbnail:
    png: bytes | None
    """The thumbnail as PNG; None when none could be made."""
    problem: Text | None = None
    """Why there is none, for the annex row."""


def max_pixels(settings: Mapping[str, Any]) -> int:
    """The pack's ``thumbnail_max_megapixels`` in pixels."""
    return int(float(settings.get("thumbnail_max_megapixels", DEFAULT_MEGAPIXELS)) * 1_000_000)


def thumbnail(data: bytes, limit: int) -> Thumbnail:
    """A PNG at most SIDE pixels on its longest side, or why the image cannot give one."""
    from PIL import Image

    # open() reads the header alone and checks the size it states against this limit: Pillow
    # warns above it (made an error here) and refuses above twice it, before decoding.
    Image.MAX_IMAGE_PIXELS = limit
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=("JPEG", "PNG")) as image:
                image.draft("RGB", (SIDE, SIDE))  # a JPEG decodes straight at 1/2 … 1/8 scale
                image.thumbnail((SIDE, SIDE))
                small = image if image.mode in ("RGB", "RGBA", "L") else image.convert("RGBA")
                out = io.BytesIO()
                small.save(out, "PNG")
                return Thumbnail(out.getvalue())
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return Thumbnail(
            None,
            Text(
                f"图片像素过多（超过 {limit / 1e6:g} 百万像素的上限），未解码",
                f"too many pixels (over the limit of {limit / 1e6:g} megapixels); not decoded",
            ),
        )
    except Exception:  # a decoder fed damaged bytes may fail in any way; the row says so
        return Thumbnail(
            None, Text("图片数据损坏或不完整，无法解码", "the image data is damaged or incomplete")
        )
