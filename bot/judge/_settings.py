"""Where the optional model grader lives and how much it may be asked; off unless a URL is set."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class JudgeSettings:
    """An OpenAI-compatible endpoint and its limits; the key stays out of `repr` and logs."""

    base_url: str
    model: str
    api_key: str = field(default="", repr=False)
    timeout: float = 20.0
    """Seconds for the whole review, retries included; past it the offline grade stands."""
    max_retries: int = 1
    daily_per_person: int = 30
    daily_total: int = 500
