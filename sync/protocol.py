"""The wire protocol shared by the counter client and the center server (versioned pydantic models).

``PROTOCOL_VERSION`` changes when the HTTP exchange changes; ``SCHEMA_VERSION`` is the version of the
mutation payloads (the synced tables' columns). Every mutation carries the schema version it was
written under, so that a queued outbox from an older client is upgraded or quarantined, never dropped.
"""

from __future__ import annotations

import json
import re
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    TypeAdapter,
    ValidationInfo,
    model_validator,
)
from pydantic_core import from_json

PROTOCOL_VERSION = 1
SCHEMA_VERSION = 1
# Versions the server can still read (older payloads are upcast by sync.server.upcast).
MIN_SCHEMA_VERSION = 0

# Synced tables in dependency order: a parent is always applied before its children.
# Users come first: a counter must know a clerk before it sees the clerk's work.
ENTITIES: tuple[str, ...] = ("users", "applicants", "cases", "case_materials", "case_events", "ratings", "complaints",
                             "survey_responses", "audit_log")
APPEND_ONLY: frozenset[str] = frozenset({"case_events", "ratings", "survey_responses", "audit_log"})
# Fields that are never last-writer-wins: a change must start from the server's current value.
IDENTITY_FIELDS: dict[str, frozenset[str]] = {
    "users": frozenset({"username"}),
    "applicants": frozenset({"kind", "name", "id_number"}),
    "cases": frozenset({"number", "matter_code", "applicant_id", "received_at", "window"}),
    "case_materials": frozenset({"case_id", "seq"}),
    "complaints": frozenset({"case_id", "complainant_id"}),
}
# Per-counter fields that never travel: a lockout after wrong passwords belongs to the PC it happened on.
LOCAL_ONLY_FIELDS: dict[str, frozenset[str]] = {"users": frozenset({"failed_attempts", "locked_until"})}
# The case state moves only through validated case_events, never through a row update.
SERVER_OWNED_FIELDS: dict[str, frozenset[str]] = {"cases": frozenset({"state"})}

Op = Literal["insert", "update", "delete"]
Outcome = Literal["applied", "duplicate", "conflict", "rejected", "quarantined"]


def _check_text(value: Any) -> None:
    # One pass in C over everything: a page of 2,000 records walked in Python, once per nesting
    # level, cost more than applying it (a first pull of 100,000 cases took minutes).
    try:
        json.dumps(value, ensure_ascii=False, default=_fields).encode("utf-8")
        return
    except UnicodeEncodeError:
        raise ValueError("text is not valid Unicode (lone surrogate)") from None
    except (TypeError, ValueError):
        pass  # keys json cannot write: walk it
    _walk_text(value)


def _fields(value: Any) -> Any:
    # A model built in this process (a counter's request) is checked by its fields; its str() was slow
    # (a repr of every field) and escaped the very surrogates the check is looking for.
    if isinstance(value, BaseModel):
        return vars(value)
    return str(value)


def _walk_text(value: Any) -> None:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            # JSON allows a lone "\ud800" escape; it would fail later in the database as a 500.
            raise ValueError("text is not valid Unicode (lone surrogate)") from None
    elif isinstance(value, dict):
        for k, v in value.items():
            _walk_text(k)
            _walk_text(v)
    elif isinstance(value, list | tuple):
        for v in value:
            _walk_text(v)


_PARSED_STRICTLY = "parsed_strictly"  # validation context: the text was checked while parsing
# Validation context a counter passes for the push it builds from its own outbox rows: their text came out
# of SQLite as UTF-8 and their JSON was written by the outbox with ensure_ascii=False (a lone surrogate can
# neither be stored nor escaped there), so walking it for one again took almost half of building a push.
# Never for anything received: the center checks every push it is sent.
FROM_OUTBOX = "from_outbox"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _plain(value: str) -> str:
    # PostgreSQL refuses NUL in text (a 500 before this check); no identifier or name needs any
    # control character, and a terminal or log would render them raw.
    if _CONTROL.search(value):
        raise ValueError("control characters are not allowed here")
    return value


# Identifiers and names that reach a database column or a log line as they are.
PlainStr = Annotated[str, AfterValidator(_plain)]


_ANY_OBJECT: TypeAdapter[dict[str, Any]] = TypeAdapter(dict[str, Any])


def _object(value: Any, info: ValidationInfo) -> dict[str, Any]:
    # A message's records as the parser made them: a fresh dict whose keys JSON made strings. Copied key by
    # key into a new dict (what dict[str, Any] does) they were a fifth of validating a pull page. Any other
    # input (a model built in this process, a page re-read after a failed parse) is validated as before.
    if type(value) is dict and info.context and info.context.get(_PARSED_STRICTLY):
        return value
    return _ANY_OBJECT.validate_python(value)


# A JSON object of any fields (a record's data), documented and checked as ``dict[str, Any]``.
JsonObject = Annotated[dict[str, Any], PlainValidator(_object, json_schema_input_type=dict[str, Any])]


class _Part(BaseModel):
    """A model that only ever arrives inside a checked message (``_Model``), so it has no text check of its own:
    checking each of a page's 2,000 changes again cost as much as the page itself, and even a check that
    returned at once was a Python call per change (a quarter of validating a page)."""

    model_config = ConfigDict(extra="forbid")


class _Model(_Part):
    @model_validator(mode="before")
    @classmethod
    def _valid_unicode(cls, data: Any, info: ValidationInfo) -> Any:
        if not (info.context and (info.context.get(_PARSED_STRICTLY) or info.context.get(FROM_OUTBOX))):
            _check_text(data)
        return data

    @classmethod
    def from_json(cls, content: bytes) -> Self:
        """The message parsed by pydantic's JSON parser, which refuses every text ``_check_text`` refuses (an
        escaped lone surrogate, or one in the UTF-8 bytes), so the check is not run again over the parsed
        page: a first pull's page of 5,000 records parsed and checked in half the time, its short strings
        (keys, dates, codes) shared, a third less memory held. ValueError for anything invalid."""
        return cls.model_validate(from_json(content), context={_PARSED_STRICTLY: True})


class Mutation(_Part):
    seq: int = Field(ge=1, description="per-device sequence, gap-free")
    mutation_id: PlainStr = Field(min_length=1, max_length=40)
    tx_id: PlainStr = Field(min_length=1, max_length=40, description="the local transaction; applied all or none")
    entity: PlainStr = Field(max_length=32)
    entity_id: PlainStr = Field(min_length=1, max_length=64)
    op: Op
    data: JsonObject
    old: JsonObject = Field(default_factory=dict, description="previous values of updated fields")
    hlc: PlainStr = Field(max_length=64)
    actor: PlainStr = Field(max_length=64)
    client_time: PlainStr = Field(max_length=40)
    schema_version: int


Sha256Hex = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class AuditLink(_Part):
    """One entry's place in its device's audit hash chain (``clerk_app.store.audit``)."""

    seq: int = Field(ge=1, le=2**63 - 1)
    audit_id: PlainStr = Field(min_length=1, max_length=40)
    prev_hash: Sha256Hex
    hash: Sha256Hex


class AuditChainReport(_Part):
    """The device's chain head (its anchor) and the links of the audit entries in this push: the center
    verifies each device's chain and notices a head that went back (newest entries wiped)."""

    head_seq: int = Field(ge=0, le=2**63 - 1)
    head_hash: Sha256Hex
    links: list[AuditLink] = Field(default_factory=list, max_length=10000)


class PushRequest(_Model):
    protocol_version: int = PROTOCOL_VERSION
    device_id: PlainStr = Field(max_length=40)
    mutations: list[Mutation] = Field(max_length=5000)
    # Optional: older clients send none and their pushes are applied as before (no chain check).
    audit_chain: AuditChainReport | None = None


class MutationResult(_Part):
    seq: int
    mutation_id: str
    outcome: Outcome
    code: str = ""
    message: str = ""


class PushResponse(_Model):
    results: list[MutationResult]
    last_seq: int = Field(description="highest seq the server has recorded for this device")
    expected_seq: int | None = Field(None, description="set when the batch skipped a seq; resend from here")
    retry_from: int | None = Field(None, description="set when a temporary condition stopped the batch")
    server_epoch: str
    server_seq: int
    refresh: list[Change] = Field(default_factory=list,
                                  description="server records of entities whose local change lost")


class Change(_Part):
    seq: int
    tx: int
    entity: str
    entity_id: str
    op: Op
    data: JsonObject
    origin: str = ""
    hlc: str = Field("", max_length=64)


class AuditLinksResponse(_Model):
    """Chain links of the other devices of the requester's center, in order of arrival at the center."""

    links: list[dict[str, Any]] = Field(description="{device_id, seq, audit_id, prev_hash, hash}")
    next_cursor: int
    has_more: bool


class PullResponse(_Model):
    changes: list[Change]
    next_cursor: int
    has_more: bool
    server_epoch: str


def normalise_enrol_code(code: str) -> str:
    """The one-time code as both sides compare it: IT may type it with or without the dashes and spaces
    it is printed with, in either case."""
    return code.replace("-", "").replace(" ", "").upper()


class EnrolRequest(_Model):
    code: PlainStr = Field(min_length=4, max_length=64)
    device_name: PlainStr = Field("", max_length=100)
    # A secret the counter keeps until enrolment succeeds; sending it again with the same code after
    # a lost reply returns the same device with a new token. Empty: an older client, one try only.
    nonce: PlainStr = Field("", max_length=128)


class EnrolResponse(_Model):
    device_id: str
    refresh_token: str
    center_code: str
    window: str
    server_epoch: str


class TokenRequest(_Model):
    device_id: PlainStr = Field(max_length=40)
    refresh_token: PlainStr = Field(max_length=256)


class TokenResponse(_Model):
    access_token: str
    expires_in: int


class BlobStatus(_Model):
    sha256: str
    received: int
    size: int | None
    complete: bool


class Hello(_Model):
    protocol_version: int
    schema_versions: list[int]
    server_epoch: str
    server_time: str


DistKind = Literal["catalogue", "authorisation", "holidays", "appointments", "survey"]


class DistItem(_Model):
    """One item the center distributes: the counter applies it only if ``version`` is newer than the
    one it holds for (kind, key)."""

    kind: DistKind
    key: str = Field(min_length=1, max_length=64)
    center_code: str = Field("", max_length=16)
    window: str = Field("", max_length=8)
    version: int = Field(ge=1)
    data: dict[str, Any]
    created_at: str = Field(max_length=40)


class DistResponse(_Model):
    items: list[dict[str, Any]] = Field(description="DistItem objects; validated one by one by the counter, so "
                                                    "that one malformed item is quarantined, not the page")
    next_version: int
    has_more: bool
    server_epoch: str


class ErrorBody(_Model):
    code: str
    message: str


PushResponse.model_rebuild()
