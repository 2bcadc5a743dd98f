"""EvaluateModel: scores the trained model on the test set (a processing job in the scikit-learn 1.2 container).

Inputs: the training job's model.tar.gz at /opt/ml/processing/model and PrepareData's test set at
/opt/ml/processing/test (CSV, no header, label first). Output: /opt/ml/processing/evaluation/evaluation.json,

    {"regression_metrics": {"mse": {"value": ..., "standard_deviation": ...}, ...}}

which the pipeline declares as the property file EvaluationReport; the CheckMse condition reads
regression_metrics.mse.value from it.
"""

import glob
import json
import os
import tarfile

import joblib
import numpy as np
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score

BASE = "/opt/ml/processing"


def main():
    model_dir = os.path.join(BASE, "model")
    with tarfile.open(os.path.join(model_dir, "model.tar.gz")) as tar:
        tar.extractall(path=model_dir)
    model = joblib.load(os.path.join(model_dir, "model.joblib"))

    files = sorted(glob.glob(os.path.join(BASE, "test", "**", "*.csv"), recursive=True))
    if not files:
        raise SystemExit(f"no CSV files under {BASE}/test")
    data = np.vstack([np.loadtxt(f, delimiter=",", ndmin=2) for f in files])
    y_test, X_test = data[:, 0], data[:, 1:]

    predictions = model.predict(X_test)
    errors = y_test - predictions
    mse = mean_squared_error(y_test, predictions)
    report = {
        "regression_metrics": {
            "mse": {"value": round(float(mse), 4), "standard_deviation": round(float(np.std(errors)), 4)},
            "rmse": {"value": round(float(np.sqrt(mse)), 4)},
            "mae": {"value": round(float(mean_absolute_error(y_test, predictions)), 4)},
            "r2": {"value": round(float(r2_score(y_test, predictions)), 4)},
        },
    }

    out_dir = os.path.join(BASE, "evaluation")
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, "evaluation.json")
    with open(path, "w") as f:
        json.dump(report, f)
    print(f"test rows: {len(y_test)}; test mse: {mse:.4f}")
    print(f"wrote {path}: {json.dumps(report)}")


if __name__ == "__main__":
    main()
