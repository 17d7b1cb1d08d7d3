"""The registry of personal data: each app says what it stores about a person, and how to erase it.

Used by ``accounts.personal_data`` (the export of Art. 15/20 DSGVO and the erasure of Art. 17)
and defined here, in the layer every app may use, so that ``quizzes`` (which knows no other
app) registers its own section like everybody else.

An app registers its sections in ``AppConfig.ready()``::

    from lms.personal_data import register_section

    register_section(
        "attempts",                      # key in the JSON export (stable, English)
        label=_("Lernkontrollen"),       # heading in the readable overview
        collect=attempts_of,             # (user) -> JSON-able data (see below)
        erase=attempts_erase,            # (user) -> int|None: rows changed, for the log
        labels={"score": _("Punkte")},   # optional column headings for the overview
        order=40,                        # position in export and erasure (small first)
    )

``collect`` returns a dict (one record: field -> value) or a list of dicts (one per record);
values may be str, int, bool, None, Decimal, date, datetime (aware, shown in TIME_ZONE),
nested dicts or lists. It returns only data *about* the person asked for.

``erase`` removes or pseudonymises what identifies the person and keeps what aggregate
reports count (ARCHITECTURE.md: exam records and certificates stay as anonymous records). It
runs inside the erasure's transaction, before the account itself is pseudonymised (the
account section has the highest ``order``), so it may still read the person's e-mail address.
``erase=None`` for a section that has nothing to erase beyond the account.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    collect: object
    erase: object = None
    labels: dict = field(default_factory=dict)
    order: int = 100


_sections = {}


# What a removed free text becomes (erasure, retention): not emptied, so "there was a text"
# stays true for the figures that count it, and nobody mistakes it for an empty answer.
ERASED_TEXT = "[gelöscht]"


def register_section(key, *, label, collect, erase=None, labels=None, order=100):
    """Add (or replace, for code reloads) the section ``key``; returns the ``Section``."""
    section = Section(
        key=key, label=label, collect=collect, erase=erase, labels=labels or {}, order=order
    )
    _sections[key] = section
    return section


def sections():
    """Every registered ``Section``, by ``order`` then key."""
    return sorted(_sections.values(), key=lambda section: (section.order, section.key))
