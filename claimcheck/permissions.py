"""Who may do what: plain predicates, one enforcer, and the same predicates for templates."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from claimcheck.roles import Role

if TYPE_CHECKING:
    from claimcheck.models import User


def _has_role(user: User | None, role: Role) -> bool:
    return bool(
        user is not None and user.is_authenticated and user.is_active and user.role.includes(role)
    )


def can_review(user: User | None) -> bool:
    """Review claims: every signed-in role."""
    return _has_role(user, Role.FACT_CHECKER)


def can_approve(user: User | None) -> bool:
    """Approve or return verdicts: editors and leads."""
    return _has_role(user, Role.EDITOR)


def can_export(user: User | None) -> bool:
    """Export verified-claim reports: editors and leads."""
    return _has_role(user, Role.EDITOR)


def can_audit(user: User | None) -> bool:
    """Read the audit history of the whole team: leads."""
    return _has_role(user, Role.LEAD)


def can_manage_people(user: User | None) -> bool:
    """Create accounts, change roles, deactivate, force sign-out: leads."""
    return _has_role(user, Role.LEAD)


def can_change_account(actor: User | None, target: User) -> bool:
    """A lead may change any account but their own role or status (no self lock-out)."""
    return can_manage_people(actor) and actor is not None and actor.id != target.id


# Exposed to templates as `can.<name>(current_user)`, so a page offers only what is allowed.
PREDICATES: dict[str, Callable[..., bool]] = {
    "review": can_review,
    "approve": can_approve,
    "export": can_export,
    "audit": can_audit,
    "manage_people": can_manage_people,
    "change_account": can_change_account,
}


def require(predicate: Callable[[Any], bool]) -> Callable:
    """Decorate a view so it answers 403 unless `predicate(current_user)` holds."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            from flask import abort
            from flask_login import current_user

            if not predicate(current_user):
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_permission = predicate.__name__  # read by the route-walk tests
        return wrapped

    return decorator
