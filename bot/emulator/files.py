"""Uploaded files: stored in memory so `getFile` and downloads round-trip exactly."""

from __future__ import annotations

import hashlib
import mimetypes
import struct
from dataclasses import dataclass
from typing import Any

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    file_path: str
    file_name: str
    mime_type: str
    data: bytes

    @property
    def file_size(self) -> int:
        return len(self.data)

    def file_json(self) -> dict[str, Any]:
        """The `File` object `getFile` returns (PTB prefixes `file_path` with its base URL)."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.file_size,
            "file_path": self.file_path,
        }


class FileStore:
    """Files by `file_id` and by download path."""

    def __init__(self) -> None:
        self._by_id: dict[str, StoredFile] = {}
        self._by_path: dict[str, StoredFile] = {}
        self._counter = 0

    def add(self, data: bytes, file_name: str, mime_type: str | None, kind: str) -> StoredFile:
        self._counter += 1
        digest = hashlib.sha1(data, usedforsecurity=False).hexdigest()
        mime = mime_type or mimetypes.guess_type(file_name)[0] or "application/octet-stream"
        if mime == "application/octet-stream":
            mime = mimetypes.guess_type(file_name)[0] or mime
        suffix = file_name.rsplit(".", 1)[-1] if "." in file_name else "bin"
        stored = StoredFile(
            file_id=f"EMU{kind[:3].upper()}{self._counter:08d}{digest[:16]}",
            file_unique_id=f"U{digest[:15]}",
            file_path=f"{kind}/file_{self._counter}.{suffix}",
            file_name=file_name,
            mime_type=mime,
            data=data,
        )
        self._by_id[stored.file_id] = stored
        self._by_path[stored.file_path] = stored
        return stored

    def get(self, file_id: str) -> StoredFile | None:
        return self._by_id.get(file_id)

    def by_path(self, file_path: str) -> StoredFile | None:
        return self._by_path.get(file_path)

    def reset(self) -> None:
        self._by_id.clear()
        self._by_path.clear()


def image_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG/JPEG/GIF, or (0, 0): photo sizes must be plausible ints."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return int(width), int(height)
    if data[:2] == b"\xff\xd8":
        return _jpeg_size(data)
    return 0, 0


def _jpeg_size(data: bytes) -> tuple[int, int]:
    index = 2
    while index + 9 < len(data):
        if data[index] != 0xFF:
            index += 1
            continue
        marker = data[index + 1]
        if marker in (0xC0, 0xC1, 0xC2):
            height, width = struct.unpack(">HH", data[index + 5 : index + 9])
            return int(width), int(height)
        (length,) = struct.unpack(">H", data[index + 2 : index + 4])
        index += 2 + length
    return 0, 0
