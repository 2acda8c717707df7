"""Opening an input as a stream: its stored bytes hashed as they are read, decompressed on the way,
and cut into lines of bounded length, so no file, however large or however compressed, is held
whole in memory. A record is kept up to `max_bytes`; past that it is counted and skipped."""
from __future__ import annotations

import bz2
import codecs
import hashlib
import io
import lzma
import zlib
from dataclasses import dataclass
from typing import Any, BinaryIO, Iterator

from ..records import RejectKind, Why

PIECE = 1 << 20  # the longest piece of a line handed on at once
FEED = 1 << 10  # compressed bytes unpacked at a time: damage costs at most what they hold
DEFAULT_MAX_RECORD_MB = 64

GZIP_MAGIC, BZIP2_MAGIC, XZ_MAGIC = b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00"
UTF8_BOM = codecs.BOM_UTF8
# What a damaged or cut compressed stream raises while it is read
STREAM_ERRORS = (EOFError, OSError, zlib.error, lzma.LZMAError, ValueError)


class HashingReader(io.RawIOBase):
    """A binary stream that hashes what is read through it, so an input is read once."""

    def __init__(self, stream: BinaryIO) -> None:
        super().__init__()
        self.stream, self.hash, self.bytes = stream, hashlib.sha256(), 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        chunk = self.stream.read(len(buffer))
        self.hash.update(chunk)
        self.bytes += len(chunk)
        buffer[: len(chunk)] = chunk
        return len(chunk)

    def rest(self) -> str:
        """Read what is left of the stored file (not decompressed) and return its SHA-256."""
        for chunk in iter(lambda: self.stream.read(PIECE), b""):
            self.hash.update(chunk)
            self.bytes += len(chunk)
        return self.hash.hexdigest()


def compression(magic: bytes) -> str | None:
    if magic.startswith(GZIP_MAGIC):
        return "gzip"
    if magic.startswith(BZIP2_MAGIC) and magic[3:4].isdigit():
        return "bzip2"
    if magic.startswith(XZ_MAGIC):
        return "xz"
    return None


class TrailingData(ValueError):
    """Bytes after the last complete compressed member that are no member: what came before is whole."""


def _unpacker(kind: str):
    if kind == "gzip":
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    return bz2.BZ2Decompressor() if kind == "bzip2" else lzma.LZMADecompressor()


def chunks(stored: BinaryIO, kind: str | None, size: int = PIECE) -> Iterator[bytes]:
    """The decompressed bytes of a stored stream, at most `size` at a time. Members are unpacked one by
    one, so a damaged or cut stream raises only after everything before the damage was handed on."""
    if kind is None:
        yield from iter(lambda: stored.read(size), b"")
        return
    unpack, pending, between, ended_one = _unpacker(kind), b"", False, False
    held: list[bytes] = []  # output not yet handed on: handed on before any error is raised
    held_size = 0
    try:
        while True:
            data = pending or stored.read(FEED)
            if not data:
                if not between:
                    raise EOFError("the compressed stream ends before its end marker")
                break
            if between and kind == "gzip":
                data = data.lstrip(b"\x00")  # zero padding after a member, as gzip itself allows
                if not data:
                    pending = b""
                    continue
            starting, pending, between = between, b"", False
            for out in _inflated(unpack, kind, data, size, after_member=starting and ended_one):
                held.append(out)
                held_size += len(out)
                if held_size >= size:
                    yield b"".join(held)
                    held, held_size = [], 0
            if unpack.eof:
                pending, unpack, between, ended_one = unpack.unused_data, _unpacker(kind), True, True
            elif kind == "gzip":
                pending = unpack.unconsumed_tail
    except Exception:  # not GeneratorExit: a generator closed early yields nothing more
        if held:
            yield b"".join(held)
        raise
    if held:
        yield b"".join(held)


def _inflated(unpack: Any, kind: str, data: bytes, size: int, after_member: bool) -> Iterator[bytes]:
    """What one feed of compressed data gives, at most `size` at a time; bytes that do not inflate right
    after a complete member are trailing data, not damage."""
    try:
        out = unpack.decompress(data, size)
    except (zlib.error, OSError, lzma.LZMAError) as exc:
        if after_member:
            raise TrailingData(str(exc)) from None
        raise
    while True:
        if out:
            yield out
        if unpack.eof or kind == "gzip" or unpack.needs_input:
            return
        out = unpack.decompress(b"", size)  # bzip2 and xz hold back output past the size limit


def head(path: str, size: int = 65536) -> tuple[bytes, Why | None]:
    """The first `size` decompressed bytes of a file, and the reason when its stream broke off before."""
    with open(path, "rb") as f:
        kind = compression(f.read(6))
        f.seek(0)
        out = bytearray()
        try:
            for chunk in chunks(f, kind, min(size, PIECE)):
                out += chunk
                if len(out) >= size:
                    break
        except STREAM_ERRORS as exc:
            return bytes(out), stream_error(exc)
        return bytes(out[:size]), None


def utf16_of(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the bytes are UTF-16 text: a byte-order mark, or Latin text's
    zero bytes at every other position (a dump's header and URLs are ASCII)."""
    if data.startswith(codecs.BOM_UTF16_LE) and not data.startswith(codecs.BOM_UTF32_LE):
        return "utf-16-le"
    if data.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be"
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 8:
        return None
    even = sum(1 for i in range(0, 2 * pairs, 2) if sample[i] == 0)
    odd = sum(1 for i in range(1, 2 * pairs, 2) if sample[i] == 0)
    if odd > 0.3 * pairs and even < 0.02 * pairs:
        return "utf-16-le"
    if even > 0.3 * pairs and odd < 0.02 * pairs:
        return "utf-16-be"
    return None


@dataclass(frozen=True)
class Piece:
    """A line of the input, or a part of one longer than PIECE."""

    offset: int  # in the decompressed bytes
    data: bytes  # as stored (UTF-16 stays UTF-16)
    text: bytes  # the same as UTF-8, for matching headers and JSON
    line_start: bool


def pieces(source: Iterator[bytes], encoding: str | None = None, size: int = PIECE) -> Iterator[Piece]:
    """The lines of decompressed chunks, in pieces of at most `size` bytes, with their offsets."""
    if encoding and encoding.startswith("utf-16"):
        yield from _utf16_pieces(source, encoding, size)
        return
    offset, line_start, pending = 0, True, b""
    for chunk in source:
        pending += chunk
        start = 0
        while True:
            cut = pending.find(b"\n", start, start + size)
            if cut < 0:
                if len(pending) - start >= size:
                    cut = start + size - 1  # a line longer than a piece: handed on in parts
                else:
                    break
            data = pending[start: cut + 1]
            yield Piece(offset, data, data, line_start)
            offset += len(data)
            line_start = data.endswith(b"\n")
            start = cut + 1
        pending = pending[start:]
    if pending:
        yield Piece(offset, pending, pending, line_start)


def _utf16_pieces(source: Iterator[bytes], encoding: str, size: int) -> Iterator[Piece]:
    decoder = codecs.getincrementaldecoder(encoding)("replace")
    offset, line_start, pending, first = 0, True, "", True
    limit = max(1, size // 2)
    for chunk in _with_end(source):
        if first and chunk[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            chunk, offset = chunk[2:], 2
        first = False
        pending += decoder.decode(chunk, final=not chunk)
        while pending:
            cut = pending.find("\n", 0, limit)
            if cut < 0 and len(pending) < limit and chunk:
                break  # wait for the rest of the line
            end = cut + 1 if cut >= 0 else min(len(pending), limit)
            text, pending = pending[:end], pending[end:]
            data = text.encode(encoding, "surrogatepass")
            yield Piece(offset, data, text.encode("utf-8", "surrogatepass"), line_start)
            offset += len(data)
            line_start = text.endswith("\n")


def _with_end(source: Iterator[bytes]) -> Iterator[bytes]:
    yield from source
    yield b""


@dataclass
class Gathered:
    """A record assembled from pieces, kept only while it stays within the limit."""

    offset: int
    limit: int
    size: int = 0
    parts: list[bytes] | None = None

    def __post_init__(self) -> None:
        self.parts = []

    def add(self, data: bytes) -> None:
        self.size += len(data)
        if self.parts is not None:
            if self.size > self.limit:
                self.parts = None  # too large: counted, no longer kept
            else:
                self.parts.append(data)

    @property
    def too_large(self) -> bool:
        return self.parts is None

    def data(self) -> bytes:
        return b"".join(self.parts or [])


def too_large(size: int, limit: int) -> Why:
    return Why(RejectKind.TOO_LARGE, f"the record holds {_mb(size)} MB or more, over the limit of {_mb(limit)} MB "
               f"(--max-record-mb)")


def _mb(n: int) -> str:
    return f"{n / (1 << 20):.0f}" if n >= 1 << 20 else f"{n / (1 << 20):.2f}"


def after_the_end(exc: BaseException) -> bool:
    """Whether a stream error came after a complete compressed member: bytes that are no member follow
    (trailing garbage), so what was read before is whole."""
    return isinstance(exc, TrailingData)


TRAILING = Why(RejectKind.DAMAGED, "bytes after the end of the compressed data are not compressed data")


def stream_error(exc: BaseException) -> Why:
    """The reject reason for a compressed stream that breaks off."""
    if isinstance(exc, EOFError):
        return Why(RejectKind.TRUNCATED, "the compressed stream ends before its end marker")
    return Why(RejectKind.DAMAGED, f"the compressed stream cannot be read on ({type(exc).__name__}: {exc})")


def file_sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(PIECE), b""):
            h.update(chunk)
    return h.hexdigest()
