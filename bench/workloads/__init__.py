"""The registry of workloads. To add one, write a module exposing ``WORKLOAD`` and list it here."""
from harness.model import Workload
from workloads import console, engine, example, jobs, s3, scaleout, serve, serve_latency, slurm, validate

WORKLOADS: dict[str, Workload] = {
    workload.name: workload
    for workload in [validate.WORKLOAD, engine.WORKLOAD, jobs.WORKLOAD, example.WORKLOAD, serve.WORKLOAD, serve_latency.WORKLOAD, s3.WORKLOAD, scaleout.WORKLOAD, console.WORKLOAD, slurm.WORKLOAD]}
