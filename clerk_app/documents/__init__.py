"""documents layer (see docs/architecture.md)."""
