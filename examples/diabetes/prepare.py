"""Writes the diabetes data set that scikit-learn ships as a CSV file, ready to upload as the pipeline's input.

    python3 examples/diabetes/prepare.py FOLDER      # writes FOLDER/diabetes.csv

The data comes with scikit-learn (sklearn.datasets.load_diabetes), so nothing is downloaded: 442 patients, ten
baseline measurements each (age, sex, body mass index, mean blood pressure and six blood serum measurements, in
their original units), and the target, a measure of disease progression one year later. The file has a header
row; the label is the last column, "target".
"""

import argparse
import csv
import os

from sklearn.datasets import load_diabetes


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", help="the folder to write diabetes.csv into (created when missing)")
    parser.add_argument("--name", default="diabetes.csv", help="the file name (default: diabetes.csv)")
    args = parser.parse_args()

    # scaled=False: the measurements as recorded; the PrepareData step does the scaling, as a real pipeline would.
    data = load_diabetes(scaled=False)
    os.makedirs(args.folder, exist_ok=True)
    path = os.path.join(args.folder, args.name)
    with open(path, "w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(list(data.feature_names) + ["target"])
        for features, target in zip(data.data, data.target):
            writer.writerow([repr(float(v)) for v in features] + [repr(float(target))])
    print(f"wrote {len(data.target)} rows to {path}")


if __name__ == "__main__":
    main()
