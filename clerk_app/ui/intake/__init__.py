"""The intake: a wizard (``IntakeWizard``, the coordinator) over one widget per step."""

from clerk_app.ui.intake.wizard import IntakeWizard

__all__ = ["IntakeWizard"]
