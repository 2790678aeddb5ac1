"""Domain errors: each carries a short message that is safe to show in chat."""

from __future__ import annotations


class UserError(Exception):
    """Something the user can fix; the core shows the message privately and carries on."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(UserError):
    pass


class NoOpenQuestion(UserError):
    def __init__(self) -> None:
        super().__init__("There is no question open here yet. Start one with `/quiz`.")


class NotAllowed(UserError):
    pass
