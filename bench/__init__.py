"""Benchmarks: speed and size, never in timed tests (run each as a script)."""
