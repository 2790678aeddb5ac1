"""Merges a purchases-only revenue table onto all users and forgets to fill the gaps with 0."""


def user_summary(events):
    counts = (
        events.assign(purchase=(events["event"] == "purchase").astype(int))
        .groupby("user_id")
        .agg(events=("event", "size"), purchases=("purchase", "sum"))
        .reset_index()
    )
    revenue = events[events["event"] == "purchase"].groupby("user_id")["amount"].sum().rename("revenue")
    summary = counts.merge(revenue.reset_index(), on="user_id", how="left")
    summary["conversion"] = summary["purchases"] / summary["events"]
    return summary
