"""The center server: FastAPI + SQLAlchemy, SQLite by default, PostgreSQL in production."""
