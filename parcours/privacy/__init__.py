"""Privacy (AVG): what each field holds (registry), how long records are kept (retention),
the subject-access export, purging what has passed its term, and erasure requests."""
