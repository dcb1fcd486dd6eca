"""One state-machine idiom for every model with a life cycle (meetings, document versions,
circulations, action plans, rendered PDFs).

A model lists its allowed moves in ``TRANSITIONS`` (``{from: {to, ...}}``) and mixes in
``StateMachine``. ``check_move`` is the one test of a move, ``move_to`` the one way to make it,
and the state field is protected: ``save()`` refuses a row whose state was changed by plain
assignment (the admin, a management command, a loader), so no path around the services can
set a status. New rows may start in any state (the demo loader records meetings of 2023 as
they ended).
"""

from django.utils.translation import gettext as _


class InvalidTransition(Exception):
    """A move that the model's ``TRANSITIONS`` does not allow, or a state set around them."""


class StateMachine:
    STATE_FIELD = "status"
    TRANSITIONS: dict = {}
    # How the refusal names the object, with its article: «Et møte», «En versjon».
    STATE_SUBJECT = None

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        if cls.STATE_FIELD in field_names:  # not when the query deferred it
            instance._loaded_state = values[list(field_names).index(cls.STATE_FIELD)]
        return instance

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        # The row as it is now is the starting point for the protected field again.
        self._loaded_state = self.__dict__.get(self.STATE_FIELD)
        self._state_moved = False

    @property
    def state(self):
        return getattr(self, self.STATE_FIELD)

    def _state_choice(self, value):
        field = self._meta.get_field(self.STATE_FIELD)
        return field.choices and dict(field.choices).get(value, value) or value

    def can_move_to(self, to_state):
        return to_state in self.TRANSITIONS.get(self.state, ())

    def check_move(self, to_state):
        if not self.can_move_to(to_state):
            raise InvalidTransition(
                _("%(what)s med status «%(from)s» kan ikke få status «%(to)s».") % {
                    "what": str(self.STATE_SUBJECT or self._meta.verbose_name.capitalize()),
                    "from": self._state_choice(self.state),
                    "to": self._state_choice(to_state),
                })

    def move_to(self, to_state):
        """Check and make the move in memory; the caller saves (with its other changes) in
        its transaction and writes the event."""
        self.check_move(to_state)
        setattr(self, self.STATE_FIELD, to_state)
        self._state_moved = True

    def save(self, *args, **kwargs):
        loaded = getattr(self, "_loaded_state", None)
        if (self.pk is not None and loaded is not None and self.state != loaded
                and not getattr(self, "_state_moved", False)):
            raise InvalidTransition(
                _("Status kan bare endres gjennom portalens egne handlinger."))
        super().save(*args, **kwargs)
        self._loaded_state = self.state
        self._state_moved = False
