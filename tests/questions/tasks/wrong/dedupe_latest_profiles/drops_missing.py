"""Drops rows with missing values before de-duplicating, so a user's newest row can disappear."""


def latest_profiles(updates):
    clean = updates.dropna()
    return (
        clean.sort_values("updated_at", kind="stable")
        .drop_duplicates("user_id", keep="last")
        .sort_values("user_id")
    )
