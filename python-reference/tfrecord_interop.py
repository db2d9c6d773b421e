#!/usr/bin/env python3
"""TFRecord interop with KerasJ: Python TensorFlow writes and reads the files KerasJ reads and writes.

  python tfrecord_interop.py write DIR   writes DIR/py_{plain,gzip,zlib}.tfrecord (the examples
                                         below, tf.io.TFRecordWriter) and DIR/known.tfrecord (two raw records,
                                         b"KerasJ" and b"", whose bytes KerasJ's writer must reproduce)
  python tfrecord_interop.py read DIR    reads DIR/java_{plain,gzip,zlib}.tfrecord with
                                         tf.data.TFRecordDataset + tf.io.parse_single_example and checks every
                                         value against the examples below; prints "OK read N FILE" per file, then
                                         the order of DIR/java_order_*.tfrecord with num_parallel_reads=2

The examples (record i of N_RECORDS; KerasJ's TFRecordInteropPythonTest computes the same):
  floats: float_list [i * 0.25, -i, i / 1024]       (FixedLenFeature([3], float32))
  ints:   int64_list [i, -(2**40) * i - 7]           (FixedLenFeature([2], int64))
  names:  bytes_list [b"record-<i>", bytes([0, 255, i])]  (FixedLenFeature([2], string))
  ragged: float_list [0.5 * k for k in range(i)]     (VarLenFeature(float32))
Exit status 0 when everything matches, 1 on a mismatch (named), 2 on unusable arguments.
"""

import os
import sys

N_RECORDS = 6


def expected(i):
    return {
        "floats": [i * 0.25, -float(i), i / 1024.0],
        "ints": [i, -(2 ** 40) * i - 7],
        "names": [b"record-%d" % i, bytes([0, 255, i])],
        "ragged": [0.5 * k for k in range(i)],
    }


def example(tf, i):
    e = expected(i)
    feature = {
        "floats": tf.train.Feature(float_list=tf.train.FloatList(value=e["floats"])),
        "ints": tf.train.Feature(int64_list=tf.train.Int64List(value=e["ints"])),
        "names": tf.train.Feature(bytes_list=tf.train.BytesList(value=e["names"])),
        "ragged": tf.train.Feature(float_list=tf.train.FloatList(value=e["ragged"])),
    }
    return tf.train.Example(features=tf.train.Features(feature=feature)).SerializeToString()


def write(tf, out):
    for name, compression in (("py_plain.tfrecord", ""), ("py_gzip.tfrecord", "GZIP"), ("py_zlib.tfrecord", "ZLIB")):
        with tf.io.TFRecordWriter(os.path.join(out, name), options=tf.io.TFRecordOptions(compression_type=compression)) as w:
            for i in range(N_RECORDS):
                w.write(example(tf, i))
    with tf.io.TFRecordWriter(os.path.join(out, "known.tfrecord")) as w:
        w.write(b"KerasJ")
        w.write(b"")
    print("OK wrote")


def read(tf, folder):
    spec = {
        "floats": tf.io.FixedLenFeature([3], tf.float32),
        "ints": tf.io.FixedLenFeature([2], tf.int64),
        "names": tf.io.FixedLenFeature([2], tf.string),
        "ragged": tf.io.VarLenFeature(tf.float32),
    }
    bad = 0
    for name, compression in (("java_plain.tfrecord", ""), ("java_gzip.tfrecord", "GZIP"), ("java_zlib.tfrecord", "ZLIB")):
        path = os.path.join(folder, name)
        n = 0
        for i, record in enumerate(tf.data.TFRecordDataset([path], compression_type=compression)):
            parsed = tf.io.parse_single_example(record, spec)
            e = expected(i)
            got = {
                "floats": [float(v) for v in parsed["floats"].numpy()],
                "ints": [int(v) for v in parsed["ints"].numpy()],
                "names": list(parsed["names"].numpy()),
                "ragged": [float(v) for v in parsed["ragged"].values.numpy()],
            }
            want = dict(e)
            want["floats"] = [float(tf.constant(v, tf.float32).numpy()) for v in e["floats"]]
            for key in want:
                if got[key] != want[key]:
                    print("MISMATCH %s record %d feature %s: %r != %r" % (name, i, key, got[key], want[key]))
                    bad += 1
            n += 1
        if n != N_RECORDS:
            print("MISMATCH %s: %d records, expected %d" % (name, n, N_RECORDS))
            bad += 1
        print("OK read %d %s" % (n, name))
    files = sorted(f for f in os.listdir(folder) if f.startswith("java_order_"))
    if files:
        ds = tf.data.TFRecordDataset([os.path.join(folder, f) for f in files], num_parallel_reads=2)
        print("ORDER " + " ".join(r.decode() for r in ds.as_numpy_iterator()))
    return 1 if bad else 0


def main(argv):
    if len(argv) != 2 or argv[0] not in ("write", "read") or not os.path.isdir(argv[1]):
        print(__doc__)
        return 2
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import tensorflow as tf
    if argv[0] == "write":
        write(tf, argv[1])
        return 0
    return read(tf, argv[1])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
