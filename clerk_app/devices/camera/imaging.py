"""Captured image -> document JPEG: automatic deskew and crop, then a size cap.

Public API: ``process_capture(data, *, deskew=True, max_bytes=MAX_JPEG_BYTES) -> bytes``,
``find_document(img) -> (angle_degrees, box) | None``.

Deskew is deliberately simple (Pillow only, no OpenCV): a light page on a darker base is
separated by an Otsu threshold; its principal axis from second moments gives the skew; after
rotating, the page's bounding box is the crop. Small angles only (|angle| <= 30 degrees): a page
turned further is left for the clerk's rotate button.
"""

from __future__ import annotations

import io
import math

from PIL import Image, ImageOps, UnidentifiedImageError

from clerk_app.errors import UserError

MAX_JPEG_BYTES = 1_000_000  # an A4 page at ~150 dpi fits well; case files stay small
MAX_SIDE = 3000
ANALYSIS_SIDE = 400


def _otsu(hist: list[int]) -> int:
    total = sum(hist)
    sum_all = sum(i * h for i, h in enumerate(hist))
    w_b = sum_b = 0.0
    best, threshold = -1.0, 128
    for t, h in enumerate(hist):
        w_b += h
        if w_b == 0 or w_b == total:
            continue
        sum_b += t * h
        m_b, m_f = sum_b / w_b, (sum_all - sum_b) / (total - w_b)
        between = w_b * (total - w_b) * (m_b - m_f) ** 2
        if between > best:
            best, threshold = between, t
    return threshold


def _mask(gray: Image.Image) -> Image.Image:
    t = _otsu(gray.histogram())
    return gray.point(lambda v: 255 if v > t else 0)


def find_document(img: Image.Image) -> tuple[float, tuple[int, int, int, int]] | None:
    """Skew angle (degrees, counter-clockwise) and the page box in ``img`` coordinates."""
    gray = ImageOps.grayscale(img)
    scale = ANALYSIS_SIDE / max(gray.size)
    small = gray.resize((max(1, round(gray.width * scale)), max(1, round(gray.height * scale))))
    mask = _mask(small)
    w, h = mask.size
    px = mask.load()
    n = sx = sy = 0
    pts = []
    for y in range(h):
        for x in range(w):
            if px[x, y]:
                n += 1
                sx += x
                sy += y
                pts.append((x, y))
    if not (0.05 * w * h < n < 0.95 * w * h):
        return None  # no clear page against the base: leave the image alone
    cx, cy = sx / n, sy / n
    mu20 = sum((x - cx) ** 2 for x, _ in pts) / n
    mu02 = sum((y - cy) ** 2 for _, y in pts) / n
    mu11 = sum((x - cx) * (y - cy) for x, y in pts) / n
    theta = 0.5 * math.degrees(math.atan2(2 * mu11, mu20 - mu02))  # long axis vs x axis
    # a portrait page's long axis is vertical: measure the skew from the nearest axis
    skew = theta - 90 if theta > 45 else theta + 90 if theta < -45 else theta
    box = mask.getbbox() or (0, 0, w, h)
    full_box = tuple(round(v / scale) for v in box)
    return skew, full_box  # type: ignore[return-value]


def deskew_and_crop(img: Image.Image) -> Image.Image:
    found = find_document(img)
    if found is None:
        return img
    skew, _ = found
    if 0.3 < abs(skew) <= 30:
        # PIL rotates counter-clockwise for positive angles; image y grows downward
        img = img.rotate(skew, expand=True, resample=Image.Resampling.BICUBIC, fillcolor=(0, 0, 0))
    again = find_document(img)
    if again is None:
        return img
    left, top, right, bottom = again[1]
    inset = max(2, round(min(right - left, bottom - top) * 0.01))  # trim the rotated page's soft edge
    return img.crop((left + inset, top + inset, right - inset, bottom - inset))


def preview_jpeg(data: bytes, max_side: int = 960) -> bytes:
    """A small JPEG of a preview frame, made on the device thread so the GUI only draws it."""
    try:
        img = Image.open(io.BytesIO(data))
        img.draft("RGB", (max_side, max_side))  # JPEG decoders scale down while decoding: much cheaper
        img = ImageOps.exif_transpose(img).convert("RGB")
    except (UnidentifiedImageError, OSError) as exc:
        raise UserError("camera.bad_preview", detail=repr(exc)) from exc
    img.thumbnail((max_side, max_side))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=80)
    return buf.getvalue()


def process_capture(data: bytes, *, deskew: bool = True, max_bytes: int = MAX_JPEG_BYTES) -> bytes:
    try:
        img = Image.open(io.BytesIO(data))
        img.load()
    except (UnidentifiedImageError, OSError) as exc:
        raise UserError("file.not_an_image", detail=repr(exc)) from exc
    img = ImageOps.exif_transpose(img).convert("RGB")
    if max(img.size) > MAX_SIDE:
        img.thumbnail((MAX_SIDE, MAX_SIDE))
    if deskew:
        img = deskew_and_crop(img)
    quality = 85
    while True:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=quality, optimize=True)
        if buf.tell() <= max_bytes:
            return buf.getvalue()
        if quality > 55:
            quality -= 10
        elif min(img.size) > 200:
            img = img.resize((round(img.width * 0.8), round(img.height * 0.8)), Image.Resampling.LANCZOS)
        else:
            raise UserError("camera.image_too_large")
