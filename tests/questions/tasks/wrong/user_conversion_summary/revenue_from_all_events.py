"""Sums amount over every event, so the prices of viewed and clicked items count as revenue."""


def user_summary(events):
    summary = (
        events.assign(purchase=(events["event"] == "purchase").astype(int))
        .groupby("user_id")
        .agg(events=("event", "size"), purchases=("purchase", "sum"), revenue=("amount", "sum"))
        .reset_index()
    )
    summary["conversion"] = summary["purchases"] / summary["events"]
    return summary
