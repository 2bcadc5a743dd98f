"""TrainModel: the training script (script mode, an SKLearn estimator with entry_point="train.py").

SageMaker runs it as `python train.py --max_depth 4 --n_estimators 200` with the channels and the model folder in
SM_* environment variables. It trains a random forest on the train channel, scores it on the validation channel
and prints the lines the estimator's metric_definitions capture:

    validation mse: <value>
    validation r2: <value>

then saves the model with joblib as model.joblib in SM_MODEL_DIR, which SageMaker packs into model.tar.gz.
CSV files have no header and the label in the first column (as PrepareData writes them).
"""

import argparse
import glob
import os

import joblib
import numpy as np
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import mean_squared_error, r2_score


def read_channel(folder):
    files = sorted(glob.glob(os.path.join(folder, "**", "*.csv"), recursive=True))
    if not files:
        raise SystemExit(f"no CSV files in {folder}")
    data = np.vstack([np.loadtxt(f, delimiter=",", ndmin=2) for f in files])
    return data[:, 1:], data[:, 0]


def main():
    parser = argparse.ArgumentParser()
    # Hyperparameters: the estimator's hyperparameters={...}, passed as --name value.
    parser.add_argument("--max_depth", type=int, default=None)
    parser.add_argument("--n_estimators", type=int, default=100)
    parser.add_argument("--random_state", type=int, default=0)
    # Where SageMaker puts things.
    parser.add_argument("--model-dir", default=os.environ.get("SM_MODEL_DIR", "/opt/ml/model"))
    parser.add_argument("--train", default=os.environ.get("SM_CHANNEL_TRAIN", "/opt/ml/input/data/train"))
    parser.add_argument("--validation", default=os.environ.get("SM_CHANNEL_VALIDATION", "/opt/ml/input/data/validation"))
    args, unknown = parser.parse_known_args()
    if unknown:
        print(f"ignoring unknown arguments {unknown}")

    X_train, y_train = read_channel(args.train)
    X_val, y_val = read_channel(args.validation)
    print(f"training on {len(y_train)} rows, {X_train.shape[1]} features: "
          f"RandomForestRegressor(max_depth={args.max_depth}, n_estimators={args.n_estimators})")

    model = RandomForestRegressor(
        max_depth=args.max_depth, n_estimators=args.n_estimators, random_state=args.random_state, n_jobs=-1)
    model.fit(X_train, y_train)

    predictions = model.predict(X_val)
    print(f"validation mse: {mean_squared_error(y_val, predictions):.4f}")
    print(f"validation r2: {r2_score(y_val, predictions):.4f}")

    os.makedirs(args.model_dir, exist_ok=True)
    path = os.path.join(args.model_dir, "model.joblib")
    joblib.dump(model, path)
    print(f"saved the model to {path}")


if __name__ == "__main__":
    main()
