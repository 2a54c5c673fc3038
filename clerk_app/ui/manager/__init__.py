"""The manager view (issue 7): dashboard, 好差评 follow-ups, complaint ledger, ledgers, performance,
事项与授权 (catalogue and authorisations), 节假日安排 (holiday schedules), users.

Public API: ``ManagerView(ctx, actor, runner)`` — a QWidget the main window shows for roles with
``manager.view``."""
