"""Errors a service raises for the caller to show to a person."""


class ServiceError(ValueError):
    """A request that breaks a rule of the domain; the message is safe to show."""


class NotFound(ServiceError):
    """The thing asked for does not exist (or is not visible to the caller)."""
