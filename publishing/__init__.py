"""Publishing, above the Pelican layer: verified releases switched in atomically, rollback, and
the scheduled publish of what became due (`invoke publish`, `invoke rollback`)."""
