"""Passes allow_exact_matches=False: a feature stamped at the label's exact time is skipped."""

import numpy as np
import pandas as pd


def asof_feature_join(labels, features):
    left = labels.assign(_row=np.arange(len(labels))).sort_values("ts")
    right = features.sort_values("ts")
    joined = pd.merge_asof(left, right, on="ts", by="user_id", allow_exact_matches=False)
    return joined.sort_values("_row").drop(columns="_row").reset_index(drop=True)
