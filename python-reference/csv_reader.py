"""Reads CSV files as tf.data does, for KerasJ's CsvSource parity test; prints one JSON object.

Arguments: CYCLE_LENGTH LABEL FILE... The files have a header row and numeric fields (empty ones default to -1).
- "course": the course's csv_reader_dataset without repeat, shuffle or batch:
  list_files(files, shuffle=False).interleave(lambda f: TextLineDataset(f).skip(1), cycle_length=CYCLE_LENGTH),
  then decode_csv with a default of -1 for every column; each row as its fields in the file's order.
- "make_csv": make_csv_dataset(files, batch_size=1, label_name=LABEL, column_defaults=-1 each, shuffle=False,
  num_epochs=1): each row's features (in the header's order, the label left out) and its label.
"""
import json
import sys

import tensorflow as tf

cycle = int(sys.argv[1])
label = sys.argv[2]
files = sys.argv[3:]
with open(files[0], encoding="utf-8") as f:
    header = f.readline().rstrip("\r\n")
columns = next(iter(__import__("csv").reader([header])))
defaults = [tf.constant(-1.0)] * len(columns)

course = tf.data.Dataset.list_files(files, shuffle=False).interleave(
    lambda f: tf.data.TextLineDataset(f).skip(1), cycle_length=cycle)
course_rows = [[float(v) for v in tf.io.decode_csv(line, record_defaults=defaults)] for line in course]

made = tf.data.experimental.make_csv_dataset(files, batch_size=1, label_name=label, column_defaults=[-1.0] * len(columns),
                                             shuffle=False, num_epochs=1)
x, y = [], []
for features, target in made:
    x.append([float(features[c].numpy()[0]) for c in columns if c != label])
    y.append(float(target.numpy()[0]))
print(json.dumps({"course": course_rows, "make_csv": {"x": x, "y": y}}))
