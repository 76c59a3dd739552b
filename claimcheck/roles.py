"""The three roles and what each includes; plain Python, no Flask."""

from enum import StrEnum


class Role(StrEnum):
    """A person's role; each role can do everything the roles below it can."""

    FACT_CHECKER = "fact-checker"
    EDITOR = "editor"
    LEAD = "lead"

    @property
    def rank(self) -> int:
        """Position in the hierarchy: fact-checker 1, editor 2, lead 3."""
        return _RANKS[self]

    @property
    def label(self) -> str:
        """Human-readable name."""
        return self.value.replace("-", " ").capitalize()

    def includes(self, other: "Role") -> bool:
        """Whether this role has at least the powers of `other`."""
        return self.rank >= other.rank


_RANKS = {Role.FACT_CHECKER: 1, Role.EDITOR: 2, Role.LEAD: 3}
