"""Picks rows with groupby().idxmax(), which takes the first of several rows sharing the latest time."""


def latest_profiles(updates):
    rows = updates.groupby("user_id")["updated_at"].idxmax()
    latest = updates.loc[rows].sort_values("user_id")
    return latest.assign(
        country=latest["country"].fillna("unknown"), age=latest["age"].fillna(latest["age"].median())
    )
