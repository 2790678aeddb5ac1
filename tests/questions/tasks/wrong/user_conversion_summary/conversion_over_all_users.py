"""Divides each user's purchases by the number of events in the whole log instead of the user's own."""


def user_summary(events):
    summary = (
        events.assign(
            purchase=(events["event"] == "purchase").astype(int),
            paid=events["amount"].where(events["event"] == "purchase"),
        )
        .groupby("user_id")
        .agg(events=("event", "size"), purchases=("purchase", "sum"), revenue=("paid", "sum"))
        .reset_index()
    )
    summary["conversion"] = summary["purchases"] / len(events)
    return summary
