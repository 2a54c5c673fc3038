"""A captured material (encrypted at rest on the counter) reaches the center as the plaintext it
hashes, in resumable chunks, before the mutation that references it."""

import hashlib
import io

from PIL import Image

from clerk_app.domain.applicants import ApplicantKind
from clerk_app.domain.roles import Role
from clerk_app.services import cases
from clerk_app.services.auth import create_user


def test_encrypted_capture_uploads_and_verifies_at_the_center(center, counter_factory) -> None:  # type: ignore[no-untyped-def]
    client = counter_factory("a")
    ctx = client.ctx
    clerk = create_user(ctx, None, username="c", display_name="窗口", role=Role.CLERK, password="clerk1234")
    applicant = cases.register_applicant(ctx, clerk, kind=ApplicantKind.PERSON, name="张三丰",
                                         id_number="11010519491231002X")
    case = cases.open_case(ctx, clerk, matter_code="000131127004", applicant_id=applicant.id)
    buf = io.BytesIO()
    Image.effect_noise((900, 700), 60).convert("RGB").save(buf, "JPEG", quality=95)  # > 1 chunk when small
    jpeg = buf.getvalue()
    sha = cases.attach_capture(ctx, clerk, case.number, 1, jpeg)
    on_disk = (ctx.paths.attachments / sha[:2] / sha).read_bytes()
    assert hashlib.sha256(on_disk).hexdigest() != sha  # ciphertext on the counter
    client.sync_once()
    assert center.scalar("SELECT complete FROM blobs WHERE sha256 = :s", s=sha) in (1, True)
    assert center.scalar("SELECT size FROM blobs WHERE sha256 = :s", s=sha) == len(jpeg)
    assert client.status().pending == 0
