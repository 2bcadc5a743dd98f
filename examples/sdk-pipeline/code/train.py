"""Fits a random forest on the first column from the others (script mode: SM_CHANNEL_TRAIN, SM_MODEL_DIR)."""
import argparse
import os

import joblib
import numpy as np
from sklearn.ensemble import RandomForestRegressor

parser = argparse.ArgumentParser()
parser.add_argument("--n_estimators", type=int, default=100)
args = parser.parse_args()
data = np.loadtxt(os.path.join(os.environ["SM_CHANNEL_TRAIN"], "train.csv"), delimiter=",")
model = RandomForestRegressor(n_estimators=args.n_estimators, random_state=0).fit(data[:, 1:], data[:, 0])
print(f"train r2: {model.score(data[:, 1:], data[:, 0]):.4f}")
joblib.dump(model, os.path.join(os.environ["SM_MODEL_DIR"], "model.joblib"))
