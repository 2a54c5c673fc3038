"""Clerk Workbench (一窗受理工作台)."""

__version__ = "0.1.0"
