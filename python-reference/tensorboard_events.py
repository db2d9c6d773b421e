"""Reads a TensorBoard log directory with TensorBoard's own event reader and prints what it found as JSON.

Usage: python tensorboard_events.py LOG_DIR

For each run folder (train, validation) it prints {"scalars": {tag: [[step, value], ...]},
"histograms": {tag: [step, ...]}, "graph": true/false}, as TensorBoard's EventAccumulator reads the event files
(every event kept: size_guidance 0). KerasJ's TensorBoard tests compare the scalars with History.
"""
import json
import os
import sys

from tensorboard.backend.event_processing.event_accumulator import EventAccumulator


def read_run(path):
    acc = EventAccumulator(path, size_guidance={"scalars": 0, "histograms": 0, "tensors": 0})
    acc.Reload()
    tags = acc.Tags()
    return {
        "scalars": {t: [[e.step, e.value] for e in acc.Scalars(t)] for t in tags["scalars"]},
        "histograms": {t: [e.step for e in acc.Histograms(t)] for t in tags["histograms"]},
        "graph": bool(tags["graph"]),
    }


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: tensorboard_events.py LOG_DIR")
    log_dir = sys.argv[1]
    runs = sorted(d for d in os.listdir(log_dir) if os.path.isdir(os.path.join(log_dir, d)))
    print(json.dumps({run: read_run(os.path.join(log_dir, run)) for run in runs}))


if __name__ == "__main__":
    main()
