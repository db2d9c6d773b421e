package io.kerasj.spark;

import io.kerasj.tuner.BooleanParameter;
import io.kerasj.tuner.ChoiceParameter;
import io.kerasj.tuner.FloatParameter;
import io.kerasj.tuner.HyperParameter;
import io.kerasj.tuner.IntParameter;
import io.kerasj.tuner.SearchResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** A search's table as a Spark {@code DataFrame}. */
public final class SparkTuning {
    private SparkTuning() {
    }

    /**
     * @param spark the session
     * @param result a search's result
     * @return one row per trial: {@code trial_id}, each hyperparameter in its type (long, double, string, boolean),
     *     {@code score} (null for a failed trial), {@code best_epoch}, {@code status}, {@code seconds}, {@code error}
     */
    public static Dataset<Row> resultsFrame(SparkSession spark, SearchResult result) {
        StructType schema = new StructType().add("trial_id", DataTypes.StringType, false);
        for (HyperParameter p : result.space()) {
            schema = schema.add(p.name(), typeOf(p), true);
        }
        schema = schema.add("score", DataTypes.DoubleType, true).add("best_epoch", DataTypes.IntegerType, false)
                .add("status", DataTypes.StringType, false).add("seconds", DataTypes.DoubleType, false)
                .add("error", DataTypes.StringType, true);
        List<Row> rows = new ArrayList<>();
        for (List<Object> cells : result.rows()) {
            Object[] values = cells.toArray();
            int score = 1 + result.space().size();
            if (values[score] instanceof Double d && d.isNaN()) {
                values[score] = null;
            }
            rows.add(RowFactory.create(values));
        }
        return spark.createDataFrame(rows, schema);
    }

    private static DataType typeOf(HyperParameter p) {
        if (p instanceof IntParameter) {
            return DataTypes.LongType;
        }
        if (p instanceof FloatParameter) {
            return DataTypes.DoubleType;
        }
        if (p instanceof BooleanParameter) {
            return DataTypes.BooleanType;
        }
        Object first = ((ChoiceParameter) p).values().get(0);
        return first instanceof Long ? DataTypes.LongType : first instanceof Double ? DataTypes.DoubleType
                : first instanceof Boolean ? DataTypes.BooleanType : DataTypes.StringType;
    }
}
