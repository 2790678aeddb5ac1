"""Fills age with the median of the raw table, where users with many stale rows weigh more."""


def latest_profiles(updates):
    median = updates["age"].median()
    latest = (
        updates.sort_values("updated_at", kind="stable")
        .drop_duplicates("user_id", keep="last")
        .sort_values("user_id")
    )
    return latest.assign(country=latest["country"].fillna("unknown"), age=latest["age"].fillna(median))
