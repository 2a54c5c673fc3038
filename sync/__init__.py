"""Wire protocol, sync client engine and center server."""
