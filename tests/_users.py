"""The three users most tests log in as (clerk, supervisor, IT), made through the real service: one
definition for the ``users`` fixture and the profile templates built once per module."""

from __future__ import annotations

from typing import Any


def standard_users(context: Any) -> dict[str, Any]:
    from clerk_app.domain.roles import Role
    from clerk_app.services.auth import create_user

    return {
        "clerk": create_user(context, None, username="clerk", display_name="王小明", role=Role.CLERK,
                             password="clerk1234"),
        "supervisor": create_user(context, None, username="sup", display_name="李带班", role=Role.SUPERVISOR,
                                  password="super1234"),
        "it": create_user(context, None, username="it", display_name="赵运维", role=Role.IT, password="itit1234"),
    }
