package io.kerasj.tuner;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.ListValue;
import com.google.protobuf.Value;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.Summary;
import org.tensorflow.proto.SummaryMetadata;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * The TensorBoard HParams plugin's summaries, as {@code tensorboard.plugins.hparams.summary_v2} writes them: a
 * {@code Summary} whose one value has the tag {@code _hparams_/experiment}, {@code _hparams_/session_start_info} or
 * {@code _hparams_/session_end_info}, plugin {@code hparams}, the empty float tensor, and as plugin content a
 * serialized {@code tensorboard.hparams.HParamsPluginData} (version 0). TensorFlow Java has no classes for the plugin's
 * protos, so they are encoded here field by field, with the field numbers of {@code api.proto} and
 * {@code plugin_data.proto}.
 */
final class HParamsSummaries {
    static final String EXPERIMENT_TAG = "_hparams_/experiment";
    static final String SESSION_START_TAG = "_hparams_/session_start_info";
    static final String SESSION_END_TAG = "_hparams_/session_end_info";
    private static final String PLUGIN_NAME = "hparams";

    private static final int DATA_TYPE_STRING = 1;
    private static final int DATA_TYPE_BOOL = 2;
    private static final int DATA_TYPE_FLOAT64 = 3;
    /** {@code tensorboard.hparams.Status}. */
    static final int STATUS_SUCCESS = 1;
    static final int STATUS_FAILURE = 2;
    /** {@code tensorboard.hparams.DatasetType}. */
    static final int DATASET_TRAINING = 1;
    static final int DATASET_VALIDATION = 2;

    /**
     * A metric the HParams tab shows: {@code tag} in the run {@code session/group}.
     *
     * @param group the sub-run, {@code train} or {@code validation}
     * @param tag the scalar's tag, {@code epoch_loss}
     * @param datasetType {@link #DATASET_TRAINING} or {@link #DATASET_VALIDATION}
     */
    record MetricInfo(String group, String tag, int datasetType) {
    }

    private HParamsSummaries() {
    }

    /** @return the serialized {@code Summary} of the experiment: the space and the metrics */
    static byte[] experiment(List<HyperParameter> space, List<MetricInfo> metrics, double timeCreatedSecs) {
        byte[] experiment = message(out -> {
            out.writeDouble(3, timeCreatedSecs);
            for (HyperParameter p : space) {
                out.writeByteArray(4, hparamInfo(p));
            }
            for (MetricInfo m : metrics) {
                byte[] name = message(o -> {
                    o.writeString(1, m.group());
                    o.writeString(2, m.tag());
                });
                out.writeByteArray(5, message(o -> {
                    o.writeByteArray(1, name);
                    o.writeEnum(5, m.datasetType());
                }));
            }
        });
        return summary(EXPERIMENT_TAG, pluginData(2, experiment));
    }

    /** @return the serialized {@code Summary} that starts one session (one execution of a trial) */
    static byte[] sessionStart(Map<String, Object> values, String groupName, double startTimeSecs) {
        byte[] start = message(out -> {
            for (Map.Entry<String, Object> e : values.entrySet()) {
                out.writeByteArray(1, message(o -> {
                    o.writeString(1, e.getKey());
                    o.writeByteArray(2, value(e.getValue()).toByteArray());
                }));
            }
            out.writeString(4, groupName);
            out.writeDouble(5, startTimeSecs);
        });
        return summary(SESSION_START_TAG, pluginData(3, start));
    }

    /** @return the serialized {@code Summary} that ends a session with {@code status} */
    static byte[] sessionEnd(int status, double endTimeSecs) {
        byte[] end = message(out -> {
            out.writeEnum(1, status);
            out.writeDouble(2, endTimeSecs);
        });
        return summary(SESSION_END_TAG, pluginData(4, end));
    }

    private static byte[] hparamInfo(HyperParameter p) {
        return message(out -> {
            out.writeString(1, p.name());
            if (p instanceof IntParameter i) {
                out.writeEnum(4, DATA_TYPE_FLOAT64);
                out.writeByteArray(6, interval(i.min(), i.max()));
            } else if (p instanceof FloatParameter f) {
                out.writeEnum(4, DATA_TYPE_FLOAT64);
                out.writeByteArray(6, interval(f.min(), f.max()));
            } else if (p instanceof ChoiceParameter c) {
                Object first = c.values().get(0);
                out.writeEnum(4, first instanceof String ? DATA_TYPE_STRING
                        : first instanceof Boolean ? DATA_TYPE_BOOL : DATA_TYPE_FLOAT64);
                out.writeByteArray(5, discrete(c.values()));
            } else {
                out.writeEnum(4, DATA_TYPE_BOOL);
                out.writeByteArray(5, discrete(List.of(false, true)));
            }
        });
    }

    private static byte[] interval(double min, double max) {
        return message(out -> {
            out.writeDouble(1, min);
            out.writeDouble(2, max);
        });
    }

    private static byte[] discrete(List<Object> values) {
        ListValue.Builder list = ListValue.newBuilder();
        values.forEach(v -> list.addValues(value(v)));
        return list.build().toByteArray();
    }

    private static Value value(Object v) {
        if (v instanceof Boolean b) {
            return Value.newBuilder().setBoolValue(b).build();
        }
        if (v instanceof Number n) {
            return Value.newBuilder().setNumberValue(n.doubleValue()).build();
        }
        return Value.newBuilder().setStringValue(String.valueOf(v)).build();
    }

    private static byte[] pluginData(int field, byte[] data) {
        return message(out -> out.writeByteArray(field, data)); // version 0: proto3 leaves it out
    }

    private static byte[] summary(String tag, byte[] content) {
        TensorProto empty = TensorProto.newBuilder().setDtype(DataType.DT_FLOAT)
                .setTensorShape(TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dim.newBuilder().setSize(0))).build();
        SummaryMetadata metadata = SummaryMetadata.newBuilder().setPluginData(SummaryMetadata.PluginData.newBuilder()
                .setPluginName(PLUGIN_NAME).setContent(ByteString.copyFrom(content))).build();
        return Summary.newBuilder().addValue(Summary.Value.newBuilder().setTag(tag).setMetadata(metadata).setTensor(empty))
                .build().toByteArray();
    }

    @FunctionalInterface
    private interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Fields fields) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            fields.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
