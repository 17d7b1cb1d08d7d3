"""Verification codes: 160 random bits, stored as 32 base32 characters, printed in groups."""

import base64
import re
import secrets

CODE_BYTES = 20  # 160 bits; the brief asks for at least 128
_NOT_BASE32 = re.compile(r"[^A-Z2-7]")


def random_code():
    return base64.b32encode(secrets.token_bytes(CODE_BYTES)).decode("ascii")


def normalise_code(text):
    """What people type (spaces, dashes, lower case, 0/1 for O/I) -> the stored form."""
    text = (text or "").upper().replace("0", "O").replace("1", "I").replace("8", "B")
    return _NOT_BASE32.sub("", text)[:64]


def format_code(code):
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
