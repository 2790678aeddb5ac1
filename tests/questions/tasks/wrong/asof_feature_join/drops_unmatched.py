"""Drops the labels that found no earlier feature (dropna), as an inner join would."""

import numpy as np
import pandas as pd


def asof_feature_join(labels, features):
    left = labels.assign(_row=np.arange(len(labels))).sort_values("ts")
    joined = pd.merge_asof(left, features.sort_values("ts"), on="ts", by="user_id")
    return joined.dropna(subset=["score"]).sort_values("_row").drop(columns="_row").reset_index(drop=True)
