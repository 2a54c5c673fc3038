"""``clerk-app documents demo|render|form`` — notices, receipts and blank 申请表 from the command line.

Heavy imports (reportlab, the store) happen inside the handlers so that start-up stays fast.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from clerk_app.documents.kinds import KINDS

    docs = subparsers.add_parser("documents", help="文书：受理通知书、一次性告知书、回执等")
    sub = docs.add_subparsers(dest="documents_command", required=True)

    p = sub.add_parser("demo", help="用演示办件生成每一种文书（每种一个 PDF）和 58/80 毫米回执")
    p.add_argument("--out", required=True, type=Path, metavar="DIR")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("render", help="为一个办件生成文书 PDF（分配文书编号，并加密存入该办件档案）")
    p.add_argument("--kind", required=True, choices=sorted(KINDS))
    p.add_argument("--case", required=True, metavar="CASE_NUMBER")
    p.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    p.set_defaults(func=cmd_render)

    p = sub.add_parser("form", help="打印事项的空白申请表（供手工填写），或列出有录入式申请表的事项")
    p.add_argument("--matter", metavar="MATTER_CODE", help="事项编码；不写则列出所有申请表")
    p.add_argument("--out", type=Path, metavar="FILE.pdf")
    p.set_defaults(func=cmd_form)


def cmd_demo(args: argparse.Namespace) -> int:
    from clerk_app.documents.context import demo_context
    from clerk_app.documents.pdf import render_notice
    from clerk_app.documents.receipts import receipt_escpos, receipt_pdf
    from clerk_app.documents.templates import KINDS, load_center, load_template

    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    settings = load_center()
    ctx = demo_context()
    for kind in KINDS:
        (out / f"{kind}.pdf").write_bytes(render_notice(load_template(kind), ctx, settings.copies))
    (out / "receipt.pdf").write_bytes(receipt_pdf(ctx))
    for width in (58, 80):
        (out / f"receipt-{width}.bin").write_bytes(receipt_escpos(ctx, width_mm=width))
    print(f"已生成 {len(KINDS)} 种文书和回执：{out}")
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    from clerk_app.documents.from_case import issue_for_case
    from clerk_app.domain.roles import SYSTEM
    from clerk_app.paths import ProfilePaths
    from clerk_app.services.bootstrap import open_context  # here for start-up time: the store, SQLAlchemy

    ctx = open_context(ProfilePaths.resolve(args.data_dir))
    try:
        notice, pdf, kept = issue_for_case(ctx, SYSTEM, args.case, args.kind)
    finally:
        ctx.store.close()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(pdf)
    print(f"{notice.document_number}　{args.out}（档案副本：{kept}）")
    return 0


def cmd_form(args: argparse.Namespace) -> int:
    """A blank 申请表 for a matter, or the list of declared forms; the centre's name comes from
    forms/center.toml, like the notices'."""
    import sys

    from clerk_app.documents.application_form import render_blank_application
    from clerk_app.documents.templates import load_center
    from clerk_app.errors import UserError
    from clerk_app.paths import FORMS
    from clerk_app.services.forms import form_for_matter

    if not args.matter:
        for path in sorted((FORMS / "intake").glob("*.toml")):
            form = form_for_matter(path.stem)
            print(f"{path.stem}　{form.title if form else ''}")
        return 0
    if args.out is None:
        sys.stderr.write("请用 --out 指定输出的 PDF 文件。\n")
        return 2
    form = form_for_matter(args.matter) if args.matter == Path(args.matter).name else None
    if form is None:
        raise UserError("form.none_for_matter", matter=args.matter)
    pdf = render_blank_application(form, center_name=load_center().center.name)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(pdf)
    print(f"{form.title}（空白）　{args.out}")
    return 0
