"""Serving functions for the SageMaker scikit-learn inference toolkit (SAGEMAKER_PROGRAM=inference.py).

The toolkit imports this module from the model's source directory and calls model_fn once, then for each request
input_fn -> predict_fn -> output_fn. Requests and responses are text/csv: one row of features per line in, one
prediction per line out.

Rows may carry the label in the first column, as PrepareData's test set does (the pipeline's BatchTransform reads
that set as it is): a row with one value more than the model has features has its first value dropped.
"""

import io
import os

import joblib
import numpy as np

CSV = "text/csv"


def model_fn(model_dir):
    """Loads the model that train.py saved."""
    return joblib.load(os.path.join(model_dir, "model.joblib"))


def input_fn(request_body, request_content_type):
    """Parses a text/csv request into a 2-D array of rows."""
    if request_content_type != CSV:
        raise ValueError(f"unsupported content type {request_content_type!r}: send {CSV}")
    if isinstance(request_body, (bytes, bytearray)):
        request_body = request_body.decode("utf-8")
    lines = [line for line in request_body.splitlines() if line.strip()]
    return np.loadtxt(io.StringIO("\n".join(lines)), delimiter=",", ndmin=2)


def predict_fn(input_data, model):
    """Predicts every row; drops a leading label column when the rows have one value too many."""
    expected = getattr(model, "n_features_in_", input_data.shape[1])
    if input_data.shape[1] == expected + 1:
        input_data = input_data[:, 1:]
    if input_data.shape[1] != expected:
        raise ValueError(f"each row needs {expected} features, got {input_data.shape[1]}")
    return model.predict(input_data)


def output_fn(prediction, accept):
    """Writes one prediction per line as text/csv."""
    if accept not in (CSV, "*/*", None, ""):
        raise ValueError(f"unsupported accept type {accept!r}: ask for {CSV}")
    return "".join(f"{value:.6g}\n" for value in np.ravel(prediction)), CSV
