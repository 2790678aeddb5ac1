"""Counts events with count() on amount, which skips the rows whose price was not logged."""

import pandas as pd


def user_summary(events):
    is_purchase = events["event"] == "purchase"
    grouped = events.assign(purchase=is_purchase, paid=events["amount"].where(is_purchase)).groupby("user_id")
    summary = pd.DataFrame(
        {
            "events": grouped["amount"].count(),
            "purchases": grouped["purchase"].sum(),
            "revenue": grouped["paid"].sum(),
        }
    ).reset_index()
    summary["conversion"] = summary["purchases"] / summary["events"]
    return summary
