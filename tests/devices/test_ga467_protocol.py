"""GA/T 467 frame codec: published vectors, reassembly, resync, corruption (Hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from clerk_app.devices.id_reader import protocol as p

VECTORS = {
    p.RESET: "AAAAAA96690003 10FF EC",
    p.SAM_STATUS: "AAAAAA96690003 11FF ED",
    p.SAM_ID: "AAAAAA96690003 12FF EE",
    p.FIND_CARD: "AAAAAA96690003 2001 22",
    p.SELECT_CARD: "AAAAAA96690003 2002 21",
    p.READ_TEXT_PHOTO: "AAAAAA96690003 3001 32",
    p.READ_APPENDED_ADDRESS: "AAAAAA96690003 3003 30",
    p.READ_WITH_FINGERPRINT: "AAAAAA96690003 3010 23",
}


def test_request_vectors() -> None:
    for cmd, hexstr in VECTORS.items():
        assert p.encode_request(cmd) == bytes.fromhex(hexstr), cmd.name


def test_response_vectors() -> None:
    assert p.encode_response(0x90) == bytes.fromhex("AAAAAA9669 0004 000090 94")
    assert p.encode_response(0x60) == bytes.fromhex("AAAAAA9669 0004 000060 64")
    assert p.encode_response(0x9F, bytes(4)) == bytes.fromhex("AAAAAA9669 0008 00009F 00000000 97")
    assert p.encode_response(0x41) == bytes.fromhex("AAAAAA9669 0004 000041 45")
    read = p.encode_response(0x90, b"\x01\x00\x04\x00" + bytes(1280))
    assert read[:14] == bytes.fromhex("AAAAAA96690508000090 0100 0400")
    assert len(read) == 1295


def test_set_frame_size_vector() -> None:
    cmd = p.Command(0x61, 0xFF, "set_frame")
    assert p.encode_request(cmd, b"\x50") == bytes.fromhex("AAAAAA9669 0004 61FF50 CA")


def _parse_all(chunks: list[bytes]) -> tuple[list[bytes], int]:
    parser = p.FrameParser()
    frames, bad = [], 0
    for c in chunks:
        parser.feed(c)
        while (f := parser.next_frame()) is not None:
            if isinstance(f, p.BadChecksum):
                bad += 1
            else:
                frames.append(f)
    return frames, bad


def test_garbage_then_frame_and_split_preamble() -> None:
    frame = p.encode_response(0x9F, bytes(4))
    frames, bad = _parse_all([b"\x00\xaa\xaa", b"\x13", frame[:3], frame[3:9], frame[9:]])
    assert frames == [bytes([0, 0, 0x9F]) + bytes(4)] and bad == 0


def test_false_preamble_with_absurd_length_is_skipped() -> None:
    frame = p.encode_response(0x90)
    frames, _ = _parse_all([p.PREAMBLE + b"\xff\xff" + frame])
    assert frames == [b"\x00\x00\x90"]


def test_needed_guides_exact_reads() -> None:
    frame = p.encode_response(0x90, bytes(100))
    parser = p.FrameParser()
    assert parser.needed() == 7
    parser.feed(frame[:7])
    assert parser.needed() == len(frame) - 7
    parser.feed(frame[7:])
    assert parser.next_frame() == b"\x00\x00\x90" + bytes(100)


def test_bad_checksum_is_reported_not_accepted() -> None:
    frame = bytearray(p.encode_response(0x90, b"abc"))
    frame[-1] ^= 0x01
    frames, bad = _parse_all([bytes(frame)])
    assert frames == [] and bad == 1


payloads = st.lists(
    st.tuples(st.sampled_from([0x90, 0x9F, 0x80, 0x41]), st.binary(max_size=300)), min_size=1, max_size=5
)
# garbage without 0xAA cannot fake a preamble; false preambles have their own test above
garbage = st.binary(max_size=40).map(lambda b: bytes(x for x in b if x != 0xAA))


@settings(max_examples=300, deadline=None)
@given(payloads, st.lists(garbage, min_size=6, max_size=6), st.data())
def test_any_chunking_with_garbage_yields_every_frame(pl, junk, data) -> None:
    stream = b""
    for i, (sw3, body) in enumerate(pl):
        stream += junk[i] + p.encode_response(sw3, body)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(stream)), max_size=30)))
    chunks = [stream[a:b] for a, b in zip([0, *cuts], [*cuts, len(stream)], strict=True)]
    frames, bad = _parse_all(chunks)
    assert bad == 0
    assert frames == [bytes([0, 0, sw3]) + body for sw3, body in pl]


@settings(max_examples=300, deadline=None)
@given(payloads, st.data())
def test_corrupting_one_byte_never_yields_a_wrong_frame(pl, data) -> None:
    frames_raw = [p.encode_response(sw3, body) for sw3, body in pl]
    victim = data.draw(st.integers(0, len(frames_raw) - 1))
    raw = bytearray(frames_raw[victim])
    pos = data.draw(st.integers(5, len(raw) - 1))  # LEN, body or CHK
    raw[pos] ^= data.draw(st.integers(1, 255))
    stream = b"".join(bytes(raw) if i == victim else f for i, f in enumerate(frames_raw))
    # a trailing good frame lets the parser prove it resynchronises after the damage
    stream += p.encode_response(0x90, b"END")
    frames, bad = _parse_all([stream])
    expected = {bytes([0, 0, sw3]) + body for sw3, body in pl} | {b"\x00\x00\x90END"}
    assert all(f in expected for f in frames)  # XOR catches every single-byte error
    # only a damaged length may stall the parser (it waits for bytes; the adapter times out)
    assert (frames and frames[-1] == b"\x00\x00\x90END") or pos in (5, 6)
    intact = [bytes([0, 0, sw3]) + body for i, (sw3, body) in enumerate(pl) if i < victim]
    assert frames[: len(intact)] == intact
