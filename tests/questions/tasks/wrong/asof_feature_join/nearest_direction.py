"""Uses direction="nearest", so a label takes a future feature when it is closer in time (leakage)."""

import numpy as np
import pandas as pd


def asof_feature_join(labels, features):
    left = labels.assign(_row=np.arange(len(labels))).sort_values("ts")
    right = features.sort_values("ts")
    joined = pd.merge_asof(left, right, on="ts", by="user_id", direction="nearest")
    return joined.sort_values("_row").drop(columns="_row").reset_index(drop=True)
