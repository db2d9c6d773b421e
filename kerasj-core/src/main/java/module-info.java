/**
 * KerasJ's library: the Keras workflow on TensorFlow Java. Only the packages a Keras user writes against are
 * exported; the engine (the graph, the in-graph training program, the loops) and the runtime glue are not.
 */
module io.kerasj.core {
    requires transitive tensorflow;
    requires transitive tensorflow.nativelib;
    requires transitive org.tensorflow.ndarray;
    requires com.google.protobuf;
    requires com.fasterxml.jackson.databind;
    requires com.sun.jna;
    requires io.jhdf;
    requires org.slf4j;
    requires java.desktop;
    requires java.net.http;

    exports io.kerasj;
    exports io.kerasj.activations;
    exports io.kerasj.applications;
    exports io.kerasj.callbacks;
    exports io.kerasj.constraints;
    exports io.kerasj.data;
    exports io.kerasj.datasets;
    exports io.kerasj.initializers;
    exports io.kerasj.io;
    exports io.kerasj.layers;
    exports io.kerasj.losses;
    exports io.kerasj.metrics;
    exports io.kerasj.models;
    exports io.kerasj.optimizers;
    exports io.kerasj.pipeline;
    exports io.kerasj.pipeline.csv;
    exports io.kerasj.pipeline.images;
    exports io.kerasj.pipeline.tfrecord;
    exports io.kerasj.regularizers;
    exports io.kerasj.saving;
    exports io.kerasj.saving.keras;
    exports io.kerasj.saving.savedmodel;
    exports io.kerasj.tuner;

    uses io.kerasj.saving.ModelFormat;
    uses io.kerasj.saving.CustomObjects;
    uses io.kerasj.saving.keras.LayerFormat;
    provides io.kerasj.saving.ModelFormat with io.kerasj.saving.keras.KerasFileFormat,
            io.kerasj.saving.savedmodel.SavedModelFormat;
}
