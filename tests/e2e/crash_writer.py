"""Child process for the crash test: writes cases through the real services until killed."""

import sys
from pathlib import Path

from clerk_app.domain.applicants import ApplicantKind
from clerk_app.domain.roles import Role
from clerk_app.paths import ProfilePaths
from clerk_app.services import cases
from clerk_app.services.auth import create_user
from clerk_app.services.bootstrap import open_context

ctx = open_context(ProfilePaths(Path(sys.argv[1])))
clerk = create_user(ctx, None, username="clerk", display_name="王小明", role=Role.CLERK, password="clerk1234")
applicant = cases.register_applicant(ctx, clerk, kind=ApplicantKind.PERSON, name="张三丰",
                                     id_number="11010519491231002X")
print("ready", flush=True)
for _ in range(1000):
    case = cases.open_case(ctx, clerk, matter_code="000131127004", applicant_id=applicant.id)
    cases.check_material(ctx, clerk, case.number, 1, cases.MaterialStatus.SUBMITTED)
