"""Captured materials are stored by content hash, checked by content, linked in one transaction."""

import hashlib
import io

import pytest
from PIL import Image

from clerk_app.errors import UserError
from clerk_app.services import cases as svc
from clerk_app.store import attachments


def jpeg(colour: str = "white") -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buf, "JPEG")
    return buf.getvalue()


def test_capture_is_stored_and_linked(ctx, users, new_applicant) -> None:  # type: ignore[no-untyped-def]
    case = svc.open_case(ctx, users["clerk"], matter_code="000131127004", applicant_id=new_applicant().id)
    data = jpeg()
    digest = svc.attach_capture(ctx, users["clerk"], case.number, 2, data)
    assert digest == hashlib.sha256(data).hexdigest()
    assert attachments.get(ctx.paths.attachments, digest) == data
    stored = svc.get_case(ctx, users["clerk"], case.number)
    assert [m.attachment for m in stored.materials] == [None, digest, None, None]
    assert svc.attach_capture(ctx, users["clerk"], case.number, 3, data) == digest  # same page: one file
    assert len(list(ctx.paths.attachments.rglob("*"))) == 2  # one folder, one file


def test_bad_files_are_refused_and_nothing_is_linked(ctx, users, new_applicant) -> None:  # type: ignore[no-untyped-def]
    case = svc.open_case(ctx, users["clerk"], matter_code="000131127004", applicant_id=new_applicant().id)
    with pytest.raises(UserError, match="JPEG、PNG"):
        svc.attach_capture(ctx, users["clerk"], case.number, 1, b"MZ\x90\x00 not an image")
    with pytest.raises(UserError, match="文件过大"):
        svc.attach_capture(ctx, users["clerk"], case.number, 1, b"\xff\xd8\xff" + b"\0" * attachments.MAX_BYTES)
    with pytest.raises(UserError, match="没有序号为 9"):
        svc.attach_capture(ctx, users["clerk"], case.number, 9, jpeg())
    assert all(m.attachment is None for m in svc.get_case(ctx, users["clerk"], case.number).materials)


def test_stored_encrypted_and_tampering_is_detected(ctx) -> None:  # type: ignore[no-untyped-def]
    data = jpeg("red")
    digest = attachments.put(ctx.paths.attachments, data)
    path = ctx.paths.attachments / digest[:2] / digest
    assert data not in path.read_bytes() and data[:3] not in path.read_bytes()[:8]
    path.write_bytes(path.read_bytes()[:-3] + b"xyz")
    with pytest.raises(UserError, match="已损坏"):
        attachments.get(ctx.paths.attachments, digest)
