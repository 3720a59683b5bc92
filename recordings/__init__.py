"""The recordings catalogue: one recording per ISRC, its links to works, revenue."""
