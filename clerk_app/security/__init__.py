"""Protection of citizen data on the counter PC (issue 8; threat model in docs/security.md).

keys: the profile's master key in the OS keyring, and the keys derived from it.
files: AES-256-GCM for attachments, generated PDFs and spooled print jobs.
masking: ID / phone / name / address masks and a logging filter that scrubs free text.
idle: the Qt-free auto-lock clock (idle timeout, pause).
reauth: password re-entry for unlocking and for sensitive actions.
retention: purge of closed, server-confirmed cases after the retention period.
"""
