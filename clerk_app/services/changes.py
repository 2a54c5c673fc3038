"""What a use case changed, for the views: ``Changes`` flags and ``collect_changes()``.

The store records them as each transaction commits (``clerk_app.store.changes`` holds the one map
from tables to kinds); the UI imports them from here, since it never imports the store.
"""

from clerk_app.store.changes import Changes, collect_changes, record

__all__ = ["Changes", "collect_changes", "record"]
