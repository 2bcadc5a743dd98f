"""Writes a small regression data set: y = 3x + 1 with noise."""
import os
import random

os.makedirs("/opt/ml/processing/train", exist_ok=True)
random.seed(7)
with open("/opt/ml/processing/train/train.csv", "w", encoding="utf-8") as f:
    for _ in range(200):
        x = random.uniform(0, 10)
        f.write(f"{3 * x + 1 + random.gauss(0, 0.5)},{x}\n")
