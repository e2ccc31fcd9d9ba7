"""The Backend Benchmark Lab's common API on Flask 3."""
