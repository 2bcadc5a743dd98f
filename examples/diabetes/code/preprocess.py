"""PrepareData: the pipeline's processing step (an SKLearnProcessor job in the scikit-learn 1.2 container).

Reads every CSV file under /opt/ml/processing/input/data (with a header row, the label in the column named by
--target-column, default "target", or else the last column), splits the rows into train, validation and test sets,
standardises the features with statistics of the training set only, and writes

    /opt/ml/processing/train/train.csv
    /opt/ml/processing/validation/validation.csv
    /opt/ml/processing/test/test.csv

without a header and with the label in the first column, the layout SageMaker's algorithms expect. SageMaker
uploads each folder to its ProcessingOutput's S3Uri when the job ends.

Arguments (ContainerArguments): --test-size F is the fraction of rows held out for the test set; the validation set
is as large again. --random-state N fixes the shuffle.
"""

import argparse
import csv
import glob
import os

import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

BASE = "/opt/ml/processing"


def read_csvs(folder, target_column):
    files = sorted(glob.glob(os.path.join(folder, "**", "*.csv"), recursive=True))
    if not files:
        raise SystemExit(f"no CSV files under {folder}")
    header = None
    rows = []
    for path in files:
        with open(path, newline="") as f:
            reader = csv.reader(f)
            this_header = next(reader)
            if header is None:
                header = this_header
            elif this_header != header:
                raise SystemExit(f"{path}: its header {this_header} differs from {header}")
            rows.extend(row for row in reader if row)
        print(f"read {path}")
    label = header.index(target_column) if target_column in header else len(header) - 1
    data = np.asarray(rows, dtype=np.float64)
    y = data[:, label]
    X = np.delete(data, label, axis=1)
    features = [name for i, name in enumerate(header) if i != label]
    print(f"{len(y)} rows; label '{header[label]}'; features {features}")
    return X, y


def write(name, X, y):
    folder = os.path.join(BASE, name)
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"{name}.csv")
    np.savetxt(path, np.column_stack([y, X]), delimiter=",", fmt="%.8g")
    print(f"wrote {len(y)} rows to {path}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--test-size", type=float, default=0.2)
    parser.add_argument("--random-state", type=int, default=42)
    parser.add_argument("--target-column", default="target")
    args, unknown = parser.parse_known_args()
    if unknown:
        print(f"ignoring unknown arguments {unknown}")

    X, y = read_csvs(os.path.join(BASE, "input", "data"), args.target_column)
    X_rest, X_test, y_rest, y_test = train_test_split(X, y, test_size=args.test_size, random_state=args.random_state)
    # The validation set is as large as the test set: test_size of all rows.
    validation_share = args.test_size / (1.0 - args.test_size)
    X_train, X_val, y_train, y_val = train_test_split(
        X_rest, y_rest, test_size=validation_share, random_state=args.random_state)

    scaler = StandardScaler().fit(X_train)
    write("train", scaler.transform(X_train), y_train)
    write("validation", scaler.transform(X_val), y_val)
    write("test", scaler.transform(X_test), y_test)


if __name__ == "__main__":
    main()
