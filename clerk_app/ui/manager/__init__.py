"""The manager view (issue 7): dashboard, 好差评 follow-ups, complaint ledger, ledgers, performance.

Public API: ``ManagerView(ctx, actor, runner)`` — a QWidget the main window shows for roles with
``manager.view``."""
