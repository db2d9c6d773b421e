package io.kerasj.spark;

import io.kerasj.KerasJException;
import java.io.Serializable;
import java.util.Arrays;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Scores a Spark {@code Dataset<Row>} with a SavedModel: a features column in (an array of floats or doubles per
 * row, the model's input flattened; or binary, raw 8-bit pixels scaled by 1/255 as Fashion-MNIST's are), three
 * columns out: {@code probabilities} (the model's first float output), {@code prediction} (its argmax) and
 * {@code error} (null, or why the row could not be scored: then the other two are null).
 *
 * <p>The {@link ModelSource} is broadcast; each executor JVM loads the model once ({@link ExecutorModels}) and
 * scores each partition in batched runs of up to {@link #batchSize(int)} rows.
 */
public final class SparkScorer implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The column of class probabilities added. */
    public static final String PROBABILITIES = "probabilities";
    /** The column of predicted classes added. */
    public static final String PREDICTION = "prediction";
    /** The column of per-row errors added. */
    public static final String ERROR = "error";

    private final Broadcast<ModelSource> model;
    private final String featuresColumn;
    private final int batchSize;

    private SparkScorer(Broadcast<ModelSource> model, String featuresColumn, int batchSize) {
        this.model = model;
        this.featuresColumn = featuresColumn;
        this.batchSize = batchSize;
    }

    /**
     * @param spark the session
     * @param source the model, by path or as bytes
     * @return a scorer reading the column {@code features}, in batches of 1024 rows
     */
    public static SparkScorer of(SparkSession spark, ModelSource source) {
        Broadcast<ModelSource> b = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(source);
        return new SparkScorer(b, "features", 1024);
    }

    /**
     * @param column the input column
     * @return a copy reading that column
     */
    public SparkScorer featuresColumn(String column) {
        return new SparkScorer(model, column, batchSize);
    }

    /**
     * @param rows the most rows per TensorFlow run, at least 1
     * @return a copy with this batch size
     */
    public SparkScorer batchSize(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("batchSize: expected at least 1, found " + rows);
        }
        return new SparkScorer(model, featuresColumn, rows);
    }

    /**
     * @param input the rows to score (lazily: nothing runs until an action)
     * @return the input's columns plus {@code probabilities}, {@code prediction} and {@code error}
     * @throws KerasJException when the features column is missing or of another type, or an output column exists
     */
    public Dataset<Row> score(Dataset<Row> input) {
        StructType schema = input.schema();
        if (!Arrays.asList(schema.fieldNames()).contains(featuresColumn)) {
            throw new KerasJException("features column '" + featuresColumn + "' not found; the columns are "
                    + Arrays.toString(schema.fieldNames()));
        }
        for (String out : new String[] {PROBABILITIES, PREDICTION, ERROR}) {
            if (Arrays.asList(schema.fieldNames()).contains(out)) {
                throw new KerasJException("the input already has a column '" + out + "', which scoring adds; rename it first");
            }
        }
        int index = schema.fieldIndex(featuresColumn);
        DataType type = schema.fields()[index].dataType();
        FeatureKind kind = FeatureKind.of(type).orElseThrow(() -> new KerasJException("features column '" + featuresColumn
                + "' is " + type.simpleString() + ": expected array<float>, array<double> or binary (8-bit pixels)"));
        StructType out = schema
                .add(PROBABILITIES, DataTypes.createArrayType(DataTypes.FloatType, false), true)
                .add(PREDICTION, DataTypes.IntegerType, true)
                .add(ERROR, DataTypes.StringType, true);
        return input.mapPartitions(new PartitionScorer(model, index, kind, batchSize), Encoders.row(out));
    }

    /** How a features cell becomes floats. */
    enum FeatureKind {
        FLOATS, DOUBLES, PIXELS;

        static java.util.Optional<FeatureKind> of(DataType type) {
            if (type instanceof ArrayType a) {
                if (a.elementType().equals(DataTypes.FloatType)) {
                    return java.util.Optional.of(FLOATS);
                }
                if (a.elementType().equals(DataTypes.DoubleType)) {
                    return java.util.Optional.of(DOUBLES);
                }
            }
            return type.equals(DataTypes.BinaryType) ? java.util.Optional.of(PIXELS) : java.util.Optional.empty();
        }
    }
}
