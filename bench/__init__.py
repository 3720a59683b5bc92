"""Benchmarks: one harness, one script per app (``python -m bench.<app>``)."""
