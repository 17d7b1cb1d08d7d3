"""Password hashing: Argon2id with parameters measured on our hardware.

Source: OWASP Password Storage Cheat Sheet (Argon2id, at least 19 MiB memory, 2 iterations,
parallelism 1) and RFC 9106. Measured on the KoFo host (2 shared cores):
time_cost=3, memory_cost=19456 KiB, parallelism=1 costs about 70 ms of CPU time per hash
(README "Anmeldeschutz"). Django rehashes a stored password with other parameters (or an
older PBKDF2 hash) at the next successful login, so changing these numbers needs no migration.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class KofoArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id (Django's ``argon2`` algorithm) with one lane and 19 MiB of memory."""

    time_cost = 3
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
