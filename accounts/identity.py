"""One identity per person: the one canonical form of an e-mail address.

Every path that stores an address (registration, Wagtail's user admin, the people import,
``createsuperuser``) calls :func:`canonical_email`; every path that looks a person up by an
address someone typed (login, the lockout counter) calls :func:`email_lookup_key`.

Decisions (see accounts 0004 and the README):

* Compatibility characters are folded (Unicode NFKC, UAX #15): ``ſ`` (U+017F) is ``s``,
  a full-width ``ｋ`` is ``k``.
* The part before the ``@`` must be plain ASCII. Mail systems of German public bodies rarely
  accept internationalised local parts (RFC 6531 SMTPUTF8), Django's SMTP backend cannot
  send to them, and letters such as the dotless ``ı`` (U+0131) are look-alikes of ASCII
  letters that PostgreSQL's ``UPPER()`` maps onto them. Refusing them is what keeps one
  person from getting two accounts.
* Domains may be internationalised (``müller.de``): they are stored in their ASCII form
  (IDNA 2008 with UTS #46 mapping, ``xn--mller-kva.de``), which is what mail servers use.
* The whole address is lower-case: local parts are case-insensitive in practice, and the
  database refuses anything else (constraint ``accounts_user_email_canonical``).

Stored addresses are therefore ASCII and lower-case, so "equal under NFKC and case folding"
is plain equality of the stored strings, which the unique constraint enforces.
"""

import unicodedata

import idna
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

MAX_LENGTH = 254  # RFC 5321 4.5.3.1.3: a forward path is at most 256 octets incl. <>

INVALID = _("Please enter a valid e-mail address, e.g. name@jobcenter-ge.de.")
NON_ASCII = _(
    "Please write the part before the @ with the letters a–z, digits and . - _ + only; "
    "umlauts and other special letters are not delivered by many public-sector mail servers."
)


def _ascii_domain(domain):
    try:
        return idna.encode(domain, uts46=True).decode("ascii").lower()
    except idna.IDNAError as error:
        raise ValidationError(INVALID, code="invalid") from error


def canonical_email(address):
    """The canonical form of an e-mail address, for storing it.

    ``address``: what someone typed (str; surrounding blanks are ignored).
    Returns the address as stored: NFKC-folded, ASCII, lower-case, domain in IDNA form.
    Raises ``ValidationError`` (translated message, codes ``invalid`` / ``non_ascii``) for
    anything that is not a deliverable address under these rules.
    """
    text = unicodedata.normalize("NFKC", str(address or "")).strip()
    local, at, domain = text.rpartition("@")
    if not at or not local or not domain:
        raise ValidationError(INVALID, code="invalid")
    if not local.isascii():
        raise ValidationError(NON_ASCII, code="non_ascii")
    canonical = f"{local.lower()}@{_ascii_domain(domain)}"
    if len(canonical) > MAX_LENGTH:
        raise ValidationError(INVALID, code="invalid")
    try:
        validate_email(canonical)
    except ValidationError as error:
        raise ValidationError(INVALID, code="invalid") from error
    return canonical


def validate_canonical_email(address):
    """Model/form field validator: raises ``ValidationError`` where ``canonical_email`` does."""
    canonical_email(address)


def _fold(text):
    # Upper- then lower-casing maps the letters PostgreSQL's UPPER() confuses with ASCII
    # (ı → I → i, ſ → S → s, K (Kelvin) → k) the same way the database would.
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).upper().lower())


def email_lookup_key(typed):
    """The key under which a typed address is looked up and its failed logins counted.

    ``typed``: any str or None (login forms post anything). Never raises.
    Returns the canonical address when there is one (also after folding look-alike letters,
    so ``kıss@…``, ``KISS@…`` and ``kiſs@…`` all count against ``kiss@…``), otherwise a
    folded string that cannot equal any stored (canonical) address.
    """
    text = str(typed or "").strip()
    for candidate in (text, _fold(text)):
        try:
            return canonical_email(candidate)
        except ValidationError:
            continue
    # Control characters (NUL) cannot be stored or queried in PostgreSQL text columns.
    printable = "".join(ch for ch in _fold(text) if unicodedata.category(ch)[0] != "C")
    return printable[:MAX_LENGTH]
