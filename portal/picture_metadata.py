"""A picture's bytes without what a camera or editor wrote about it, pixels untouched.

Phones write where a photo was taken (EXIF GPS), the device, the owner's name, XMP edit history
and comments into the file; the site publishes pictures byte for byte, so all of that reached
every reader. `clean_picture` rewrites the container only, never the compressed image: JPEG
segments, PNG chunks, WebP chunks and GIF extensions that carry metadata are dropped, and only the
orientation is kept (as the one entry of a fresh EXIF block), since browsers turn the picture by
it. What is kept is a list of what a picture needs to be drawn; anything not on it goes. A file
with nothing to drop comes back unchanged, byte for byte.
"""

from __future__ import annotations

import struct
import zlib

ORIENTATION_TAG = 0x0112


class UnreadableContainer(ValueError):
    """A file whose structure the cleaner cannot follow (the caller re-encodes it instead)."""


def orientation_exif(orientation: int) -> bytes:
    """A TIFF-structured EXIF block holding only the orientation (big-endian, one IFD entry)."""
    return b"MM\x00*" + struct.pack(">IHHHIHHI", 8, 1, ORIENTATION_TAG, 3, 1, orientation, 0, 0)


def clean_picture(data: bytes, kind: str, orientation: int) -> bytes:
    """`data` (a picture of `kind`: jpg, png, webp, gif) with its metadata dropped; orientation
    (1–8, from its EXIF) kept when it is not 1. Raises UnreadableContainer."""
    cleaners = {
        "jpg": _clean_jpeg,
        "jpeg": _clean_jpeg,
        "png": _clean_png,
        "webp": _clean_webp,
        "gif": _clean_gif,
    }
    try:
        return cleaners[kind](data, orientation)
    except (IndexError, struct.error) as error:
        raise UnreadableContainer(str(error)) from None


# JPEG markers with no length: TEM, RST0–7 (SOI and EOI are handled apart).
_STANDALONE = {0x01, *range(0xD0, 0xD8)}
_APP0, _APP1, _APP2, _APP14, _COM, _SOS, _EOI = 0xE0, 0xE1, 0xE2, 0xEE, 0xFE, 0xDA, 0xD9


def _keep_jpeg_segment(marker: int, payload: bytes) -> bool:
    if marker == _APP0:
        return payload.startswith(b"JFIF\x00")  # not JFXX, which carries a thumbnail
    if marker == _APP2:
        return payload.startswith(b"ICC_PROFILE\x00")  # colours; not MPF's index of extra images
    if marker == _APP14:
        return payload.startswith(b"Adobe")  # how the colours are transformed
    return not (0xE0 <= marker <= 0xEF or marker == _COM)


def _clean_jpeg(data: bytes, orientation: int) -> bytes:
    if data[:2] != b"\xff\xd8":
        raise UnreadableContainer("no SOI")
    out = bytearray(b"\xff\xd8")
    oriented = orientation == 1
    index, size = 2, len(data)
    while index < size:
        if data[index] != 0xFF:
            raise UnreadableContainer(f"no marker at {index}")
        while data[index] == 0xFF:  # fill bytes
            index += 1
        marker = data[index]
        index += 1
        if marker == _EOI:
            out += b"\xff\xd9"
            return bytes(out)  # what follows (vendor trailers, MPF's extra images) is dropped
        if marker in _STANDALONE:
            out += bytes((0xFF, marker))
            continue
        (length,) = struct.unpack(">H", data[index : index + 2])
        if length < 2 or index + length > size:
            raise UnreadableContainer("segment past the end")
        payload = data[index + 2 : index + length]
        if not oriented and marker not in (_APP0, _APP1):
            exif = b"Exif\x00\x00" + orientation_exif(orientation)
            out += b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif
            oriented = True
        if _keep_jpeg_segment(marker, payload):
            out += bytes((0xFF, marker)) + data[index : index + length]
        index += length
        if marker == _SOS:  # entropy-coded data follows the scan's header
            end = _entropy_end(data, index)
            out += data[index:end]
            index = end
    raise UnreadableContainer("no EOI")


def jpeg_scan_count(data: bytes) -> int:
    """How many scans (SOS segments) a JPEG holds, counted without decoding (0 if unreadable)."""
    count, index, size = 0, 2, len(data)
    try:
        while index < size and data[index] == 0xFF:
            while data[index] == 0xFF:
                index += 1
            marker = data[index]
            index += 1
            if marker == _EOI:
                break
            if marker in _STANDALONE:
                continue
            (length,) = struct.unpack(">H", data[index : index + 2])
            index += length
            if marker == _SOS:
                count += 1
                index = _entropy_end(data, index)
    except (IndexError, struct.error, UnreadableContainer):
        pass
    return count


def _entropy_end(data: bytes, index: int) -> int:
    """Where a scan's entropy-coded data ends: the next marker that is not RST or stuffing."""
    while True:
        found = data.find(b"\xff", index)
        if found < 0 or found + 1 >= len(data):
            raise UnreadableContainer("image data without an end")
        following = data[found + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:  # stuffed 0xFF, restart marker
            index = found + 2
        elif following == 0xFF:  # fill byte before a marker
            index = found + 1
        else:
            return found


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Chunks that say how to draw the picture (PNG 3rd edition, APNG); text, time, EXIF and any private
# chunk are left out.
_PNG_KEPT = {
    b"IHDR",
    b"PLTE",
    b"IDAT",
    b"IEND",
    b"tRNS",
    b"cHRM",
    b"gAMA",
    b"iCCP",
    b"sBIT",
    b"sRGB",
    b"cICP",
    b"mDCV",
    b"cLLI",
    b"bKGD",
    b"hIST",
    b"pHYs",
    b"sPLT",
    b"acTL",
    b"fcTL",
    b"fdAT",
}


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def _clean_png(data: bytes, orientation: int) -> bytes:
    if not data.startswith(_PNG_SIGNATURE):
        raise UnreadableContainer("no PNG signature")
    out = bytearray(_PNG_SIGNATURE)
    index = len(_PNG_SIGNATURE)
    while True:
        (length,) = struct.unpack(">I", data[index : index + 4])
        kind = data[index + 4 : index + 8]
        end = index + 12 + length
        if end > len(data):
            raise UnreadableContainer("chunk past the end")
        if kind == b"IDAT" and orientation != 1:
            out += _png_chunk(b"eXIf", orientation_exif(orientation))  # before the image data
            orientation = 1
        if kind in _PNG_KEPT:
            out += data[index:end]
        index = end
        if kind == b"IEND":
            return bytes(out)


def _clean_webp(data: bytes, orientation: int) -> bytes:
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise UnreadableContainer("no RIFF WEBP header")
    chunks = []
    index, end = 12, min(len(data), 8 + struct.unpack("<I", data[4:8])[0])
    while index + 8 <= end:
        kind = data[index : index + 4]
        (length,) = struct.unpack("<I", data[index + 4 : index + 8])
        payload = data[index + 8 : index + 8 + length]
        if len(payload) != length:
            raise UnreadableContainer("chunk past the end")
        chunks.append((kind, payload))
        index += 8 + length + (length & 1)
    if not chunks:
        raise UnreadableContainer("no WebP chunk")
    if chunks[0][0] != b"VP8X":  # a simple WebP is one image chunk; anything after it is not drawn
        kind, payload = chunks[0]
        body = kind + struct.pack("<I", len(payload)) + payload + b"\x00" * (len(payload) & 1)
        return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WEBP" + body
    kept = [(k, p) for k, p in chunks if k in (b"VP8X", b"ICCP", b"ANIM", b"ANMF", b"ALPH", b"VP8 ", b"VP8L")]
    if orientation != 1:
        kept.append((b"EXIF", orientation_exif(orientation)))
    flags = kept[0][1][0] & ~0x0C | (0x08 if orientation != 1 else 0)  # EXIF and XMP bits
    kept[0] = (b"VP8X", bytes([flags]) + kept[0][1][1:])
    if kept == chunks:
        return data
    body = b"".join(k + struct.pack("<I", len(p)) + p + b"\x00" * (len(p) & 1) for k, p in kept)
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WEBP" + body


def _gif_sub_blocks(data: bytes, index: int) -> int:
    """The index after the data sub-blocks starting at index."""
    while data[index]:
        index += 1 + data[index]
    return index + 1


def _clean_gif(data: bytes, orientation: int) -> bytes:
    del orientation  # GIF has no EXIF; viewers draw it as stored
    if data[:6] not in (b"GIF87a", b"GIF89a"):
        raise UnreadableContainer("no GIF header")
    packed = data[10]
    index = 13 + (3 * 2 ** ((packed & 7) + 1) if packed & 0x80 else 0)
    out = bytearray(data[:index])
    while True:
        block = data[index]
        if block == 0x3B:  # trailer: anything after it is dropped
            out.append(0x3B)
            return bytes(out)
        if block == 0x2C:  # an image: descriptor, local colour table, LZW size, data
            local = data[index + 9]
            start = index
            index += 10 + (3 * 2 ** ((local & 7) + 1) if local & 0x80 else 0) + 1
            index = _gif_sub_blocks(data, index)
            out += data[start:index]
        elif block == 0x21:
            label, start = data[index + 1], index
            index = _gif_sub_blocks(data, index + 2)
            application = data[start + 3 : start + 14] if label == 0xFF else b""
            if label in (0xF9, 0x01) or application in (b"NETSCAPE2.0", b"ANIMEXTS1.0"):
                out += data[start:index]  # frame timing, plain text, looping: not comments or XMP
        else:
            raise UnreadableContainer(f"unknown GIF block {block:#x}")


_CLEANERS = {
    "jpg": _clean_jpeg,
    "jpeg": _clean_jpeg,
    "png": _clean_png,
    "webp": _clean_webp,
    "gif": _clean_gif,
}
