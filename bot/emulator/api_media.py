"""Bot API: documents and photos (multipart uploads or re-sent file ids) and `getFile`."""

from __future__ import annotations

from typing import Any

from .api_common import charge, check_text, method, outgoing_chat, parse_markup, reply_target
from .files import MAX_UPLOAD_BYTES, StoredFile, image_size
from .params import Params, bad_request
from .state import EmulatorState

MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024


def _incoming_file(state: EmulatorState, p: Params, field: str, kind: str) -> StoredFile:
    """Store an uploaded part, or resolve a previously issued file_id."""
    upload = p.upload(field)
    if upload is not None:
        if not upload.data:
            raise bad_request("file must be non-empty")
        if len(upload.data) > MAX_UPLOAD_BYTES:
            raise bad_request("file is too big")
        return state.files.add(upload.data, upload.filename, upload.content_type, kind)
    reference = p.get_str(field)
    if not reference:
        raise bad_request(f"there is no {field} in the request")
    stored = state.files.get(reference)
    if stored is None:
        raise bad_request("wrong file identifier/HTTP URL specified")
    return stored


async def _send_media(
    state: EmulatorState, p: Params, field: str, kind: str, render: Any
) -> dict[str, Any]:
    chat = outgoing_chat(state, p)
    caption = check_text(p, "caption")
    markup = parse_markup(p)
    reply_to = reply_target(chat, p)
    stored = _incoming_file(state, p, field, kind)
    charge(state, chat)
    message = state.bot_sends(
        chat,
        caption=caption,
        parse_mode=p.get_str("parse_mode"),
        reply_markup=markup,
        reply_to=reply_to,
        **{field: render(stored)},
    )
    return message.json()


def _document(stored: StoredFile) -> dict[str, Any]:
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_name": stored.file_name,
        "mime_type": stored.mime_type,
        "file_size": stored.file_size,
    }


def _photo(stored: StoredFile) -> list[dict[str, Any]]:
    width, height = image_size(stored.data)
    return [
        {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "width": width,
            "height": height,
            "file_size": stored.file_size,
        }
    ]


@method("sendDocument")
async def send_document(state: EmulatorState, p: Params) -> dict[str, Any]:
    return await _send_media(state, p, "document", "documents", _document)


@method("sendPhoto")
async def send_photo(state: EmulatorState, p: Params) -> dict[str, Any]:
    return await _send_media(state, p, "photo", "photos", _photo)


@method("getFile")
async def get_file(state: EmulatorState, p: Params) -> dict[str, Any]:
    stored = state.files.get(p.get_str("file_id") or "")
    if stored is None:
        raise bad_request("invalid file_id")
    if stored.file_size > MAX_DOWNLOAD_BYTES:
        raise bad_request("file is too big")
    return stored.file_json()
