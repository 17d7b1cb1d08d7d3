import contextlib

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from lms.inputs import validate_one_line

from .identity import canonical_email, email_lookup_key, validate_canonical_email


class UserManager(BaseUserManager):
    use_in_migrations = True

    def normalize_email(self, email):
        """The canonical address (accounts.identity.canonical_email); raises ValidationError."""
        return canonical_email(email)

    def get_by_natural_key(self, username):
        # Exact match on the canonical (unique) column: one account or none, never two.
        return self.get(email=email_lookup_key(username))

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person on the platform; logs in with the e-mail address.

    first_name and last_name are the name printed on certificates.
    """

    username = None
    email = models.EmailField(
        _("e-mail address"), unique=True, validators=[validate_canonical_email]
    )
    first_name = models.CharField(_("first name"), max_length=150, validators=[validate_one_line])
    last_name = models.CharField(_("last name"), max_length=150, validators=[validate_one_line])
    job_title = models.CharField(
        _("job title"), max_length=150, blank=True, validators=[validate_one_line]
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    # Set by accounts.personal_data.person_erase (DSGVO Art. 17): the account is then a
    # pseudonym kept only so that its records (attempts, completions, certificates) stay.
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True, editable=False)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name"]
        permissions = [
            ("manage_personal_data", _("Can export and erase people's personal data (DSGVO)"))
        ]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
            # Stored addresses are canonical (accounts.identity): lower-case printable ASCII.
            # Then equality under NFKC and case folding is plain equality, which the unique
            # constraints enforce; look-alikes such as "kıss@" cannot get in by any path.
            models.CheckConstraint(
                condition=models.Q(email=Lower("email"))
                & models.Q(email__regex=r"^[!-~]+@[!-~]+$"),
                name="accounts_user_email_canonical",
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def listed_last_name(self):
        """The last name for lists and exports; "(gelöscht)" once the person was erased
        (DSGVO Art. 17), so an anonymous record reads as one and not as a blank name."""
        return _("(erased)") if self.erased_at else self.last_name

    def clean(self):
        # Replaces AbstractUser.clean (which would raise the same error a second time, not
        # at the field): the field's validator already reports an address that has no
        # canonical form.
        with contextlib.suppress(ValidationError):
            self.email = canonical_email(self.email)

    def save(self, *args, **kwargs):
        # The last line of defence for code paths that skip forms; the constraint backs it.
        self.email = canonical_email(self.email)
        super().save(*args, **kwargs)
