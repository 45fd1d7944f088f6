"""Benchmark suite of Run Season Command (see BENCHMARKS.md)."""
