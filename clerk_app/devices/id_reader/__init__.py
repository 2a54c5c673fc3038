"""Second-generation ID card reader (GA/T 467 SAM protocol over serial)."""
