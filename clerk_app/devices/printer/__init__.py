"""Receipt printer: ESC/POS encoder (pure bytes), DLE EOT status, adapter, simulator, print queue."""
