"""Reads a KerasJ search's TensorBoard folder with TensorBoard's own readers and prints what the HParams tab gets.

Usage: tuner_hparams.py TENSORBOARD_DIR

For every run (folder holding event files) it parses the HParams plugin's summaries with the plugin's metadata
functions (tensorboard.plugins.hparams.metadata: parse_experiment_plugin_data, parse_session_start_info_plugin_data,
parse_session_end_info_plugin_data) and the scalars with EventAccumulator, and prints JSON:
{"experiment": {"hparams": [{name, type, min, max} ...], "metrics": [[group, tag], ...]},
 "sessions": {run: {"group": ..., "hparams": {...}, "status": ...}}, "scalars": {run: {tag: [values]}}}.
"""
import json
import os
import sys

from google.protobuf import json_format
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
from tensorboard.plugins.hparams import api_pb2, metadata


def main():
    root = sys.argv[1]
    out = {"experiment": None, "sessions": {}, "scalars": {}}
    for folder, _, files in os.walk(root):
        if not any(f.startswith("events.out.tfevents") for f in files):
            continue
        run = os.path.relpath(folder, root)
        acc = EventAccumulator(folder, size_guidance={"scalars": 0, "tensors": 0})
        acc.Reload()
        try:
            content = acc.PluginTagToContent(metadata.PLUGIN_NAME)
        except KeyError:  # no HParams summary in this run
            content = {}
        for tag, data in content.items():
            if tag == metadata.EXPERIMENT_TAG:
                exp = metadata.parse_experiment_plugin_data(data)
                out["experiment"] = {
                    "hparams": [{"name": h.name, "type": api_pb2.DataType.Name(h.type),
                                 "min": h.domain_interval.min_value, "max": h.domain_interval.max_value,
                                 "discrete": json_format.MessageToDict(h.domain_discrete).get("values", [])
                                 if h.HasField("domain_discrete") else None} for h in exp.hparam_infos],
                    "metrics": [[m.name.group, m.name.tag] for m in exp.metric_infos]}
            elif tag == metadata.SESSION_START_INFO_TAG:
                start = metadata.parse_session_start_info_plugin_data(data)
                session = out["sessions"].setdefault(run, {})
                session["group"] = start.group_name
                session["hparams"] = {k: json_format.MessageToDict(v) for k, v in start.hparams.items()}
            elif tag == metadata.SESSION_END_INFO_TAG:
                end = metadata.parse_session_end_info_plugin_data(data)
                out["sessions"].setdefault(run, {})["status"] = api_pb2.Status.Name(end.status)
        scalars = {t: [e.value for e in acc.Scalars(t)] for t in acc.Tags()["scalars"]}
        if scalars:
            out["scalars"][run] = scalars
    print(json.dumps(out))


if __name__ == "__main__":
    main()
