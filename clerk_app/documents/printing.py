"""A4 printing of rendered notices through Qt: any system printer, with a print preview.

The PDF is rasterised page by page with pypdfium2 (PySide6-Essentials has no QtPdf) and each
page image is painted full-page onto the QPrinter, so what prints is exactly the PDF that was
saved into the case's file.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

from clerk_app.errors import UserError

PRINT_DPI = 300


def pdf_page_images(pdf: bytes, dpi: int = PRINT_DPI) -> list[QImage]:
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise UserError("document.no_pdfium") from None
    document = pdfium.PdfDocument(pdf)
    images = []
    for page in document:
        pil = page.render(scale=dpi / 72).to_pil().convert("RGB")
        data = pil.tobytes()
        image = QImage(data, pil.width, pil.height, 3 * pil.width, QImage.Format.Format_RGB888).copy()
        images.append(image)
    document.close()
    return images


def a4_printer(mode: QPrinter.PrinterMode = QPrinter.PrinterMode.HighResolution) -> QPrinter:
    printer = QPrinter(mode)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)  # the PDF carries its own margins
    return printer


def paint_pages(printer: QPrinter, images: list[QImage]) -> None:
    painter = QPainter()
    if not painter.begin(printer):
        raise UserError("document.print_start_failed")
    try:
        for index, image in enumerate(images):
            if index:
                printer.newPage()
            target = QRect(0, 0, painter.device().width(), painter.device().height())
            painter.drawImage(target, image)
    finally:
        painter.end()


def print_to_pdf_file(pdf: bytes, path: str) -> None:
    """Send the pages through QPrinter's own PDF output (used by the self-test and the tests)."""
    printer = a4_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(path)
    paint_pages(printer, pdf_page_images(pdf, dpi=150))


def print_with_preview(pdf: bytes, parent: Any = None, images: list[QImage] | None = None) -> bool:
    """The print dialog with preview; True when the clerk printed. ``images`` may come rasterised
    already (off the GUI thread, while the clerk is told the documents are being prepared)."""
    if images is None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # rasterising takes a moment
        try:
            images = pdf_page_images(pdf)
        finally:
            QApplication.restoreOverrideCursor()
    printer = a4_printer()
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle("打印预览")
    dialog.paintRequested.connect(lambda p: paint_pages(p, images))
    return bool(dialog.exec())
