"""The Sluice benchmark harness: workloads, measurement, machine description and reports. See bench/README.md."""
