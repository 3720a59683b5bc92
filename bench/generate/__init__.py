"""Synthetic inputs for the benchmarks, deterministic by size and seed.

Each generator streams, so any size takes no memory, and writes under
``bench/work/`` once: a file of the same name is the same file, reused.
"""
