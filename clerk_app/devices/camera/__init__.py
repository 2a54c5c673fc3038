"""Document camera (高拍仪): simulator from files, file import, Eloam HTTP service; deskew and size cap."""
