"""Filters to purchases before grouping: users who never bought vanish and events counts only purchases."""


def user_summary(events):
    bought = events[events["event"] == "purchase"]
    summary = (
        bought.groupby("user_id")
        .agg(events=("event", "size"), purchases=("event", "size"), revenue=("amount", "sum"))
        .reset_index()
    )
    summary["conversion"] = summary["purchases"] / summary["events"]
    return summary
