"""Password rules with messages in Norwegian.

Django 5.2 changed the wording of the "too short" message, and its Norwegian translation has
not caught up, so that one validator says it here in Norwegian itself.
"""

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(
                ngettext(
                    "Passordet er for kort. Det må ha minst %(min_length)d tegn.",
                    "Passordet er for kort. Det må ha minst %(min_length)d tegn.",
                    self.min_length,
                ),
                code="password_too_short",
                params={"min_length": self.min_length},
            )
