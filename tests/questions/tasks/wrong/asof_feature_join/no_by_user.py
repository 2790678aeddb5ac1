"""Forgets by="user_id": a label takes the newest feature of any user."""

import numpy as np
import pandas as pd


def asof_feature_join(labels, features):
    left = labels.assign(_row=np.arange(len(labels))).sort_values("ts")
    right = features[["ts", "score"]].sort_values("ts")
    joined = pd.merge_asof(left, right, on="ts")
    return joined.sort_values("_row").drop(columns="_row").reset_index(drop=True)
