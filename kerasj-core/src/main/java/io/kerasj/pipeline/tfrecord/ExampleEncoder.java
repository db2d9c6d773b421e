package io.kerasj.pipeline.tfrecord;

import com.google.protobuf.ByteString;
import io.kerasj.pipeline.HostArray;
import java.util.Map;
import org.tensorflow.proto.BytesList;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.Int64List;

/**
 * Arrays to a {@code tf.train.Example}, as one writes them in Python: each array flattened (row-major) into one
 * feature; float32 into a {@code float_list}, int32, int64 and uint8 (unsigned) into an {@code int64_list}, strings
 * into a {@code bytes_list}. The shape is not stored: the reader's {@link FixedLenFeature} gives it back.
 */
public final class ExampleEncoder {
    private ExampleEncoder() {
    }

    /**
     * @param features each feature's array by name
     * @return the example
     */
    public static Example encode(Map<String, HostArray> features) {
        Features.Builder all = Features.newBuilder();
        features.forEach((name, array) -> all.putFeature(name, feature(array)));
        return Example.newBuilder().setFeatures(all).build();
    }

    /** @return one array as a feature */
    public static Feature feature(HostArray array) {
        Feature.Builder feature = Feature.newBuilder();
        switch (array.dtype()) {
            case FLOAT32 -> {
                FloatList.Builder list = FloatList.newBuilder();
                for (float v : array.floats()) {
                    list.addValue(v);
                }
                feature.setFloatList(list);
            }
            case INT64 -> {
                Int64List.Builder list = Int64List.newBuilder();
                for (long v : array.longs()) {
                    list.addValue(v);
                }
                feature.setInt64List(list);
            }
            case INT32 -> {
                Int64List.Builder list = Int64List.newBuilder();
                for (int v : array.ints()) {
                    list.addValue(v);
                }
                feature.setInt64List(list);
            }
            case UINT8 -> {
                Int64List.Builder list = Int64List.newBuilder();
                for (byte v : array.uint8()) {
                    list.addValue(v & 0xFF);
                }
                feature.setInt64List(list);
            }
            case STRING -> {
                BytesList.Builder list = BytesList.newBuilder();
                for (byte[] v : array.strings()) {
                    list.addValue(ByteString.copyFrom(v));
                }
                feature.setBytesList(list);
            }
        }
        return feature.build();
    }
}
