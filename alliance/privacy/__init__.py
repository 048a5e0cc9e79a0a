"""A person's rights over their data: what is stored about them, in words, and erasure."""
