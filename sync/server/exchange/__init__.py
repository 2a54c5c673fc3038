"""The center's outbound exchange with the provincial platforms (一体化政务服务平台 统一受理, 好差评).

Fed from the change log (never from the counters' requests), queued durably in the center's own
database, mapped to the province's fields by a mapping file (data, validated), delivered with an
idempotency key per (case number, stage), retried with backoff, dead-lettered for the admin. It runs
in its own process (``clerk-center exchange run``), so a slow provincial endpoint never holds a lock
the counters wait on. See docs/exchange.md.
"""
