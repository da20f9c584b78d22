"""A realistic institution at scale for `manage.py generate_institution` (issue "Institution
scale"): bulk rows, reproducible from N and a seed, dated from a fixed reference day."""

from .build import GeneratorRefused, finish, generate, refusal

__all__ = ["GeneratorRefused", "finish", "generate", "refusal"]
