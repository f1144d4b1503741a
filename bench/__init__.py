"""Speed measurements for BENCHMARKS.md: ``python -m bench`` prints every figure against its target.

Everything runs on loopback (127.0.0.1) with bounded loops; nothing here is a timed test.
"""
