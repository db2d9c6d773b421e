package io.kerasj.spark;

import io.kerasj.data.FloatSamples;
import io.kerasj.saving.savedmodel.KerasSavedModel;
import io.kerasj.saving.savedmodel.SavedModelException;
import io.kerasj.saving.savedmodel.TensorSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Scores one partition, lazily: it reads up to {@code batchSize} rows, checks each (length, finite values), runs
 * the good ones in one {@code predict} and hands the rows on with their three new columns.
 */
final class PartitionScorer implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<ModelSource> source;
    private final int index;
    private final SparkScorer.FeatureKind kind;
    private final int batchSize;

    PartitionScorer(Broadcast<ModelSource> source, int index, SparkScorer.FeatureKind kind, int batchSize) {
        this.source = source;
        this.index = index;
        this.kind = kind;
        this.batchSize = batchSize;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        KerasSavedModel model = ExecutorModels.get(source.value());
        int[] sampleShape = sampleShape(model.signature().inputs().values().iterator().next());
        int size = 1;
        for (int d : sampleShape) {
            size *= d;
        }
        int sampleSize = size;
        return new Iterator<>() {
            private Iterator<Row> scored = List.<Row>of().iterator();

            @Override
            public boolean hasNext() {
                while (!scored.hasNext() && rows.hasNext()) {
                    scored = scoreBatch(model, rows, sampleShape, sampleSize).iterator();
                }
                return scored.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return scored.next();
            }
        };
    }

    private List<Row> scoreBatch(KerasSavedModel model, Iterator<Row> rows, int[] sampleShape, int sampleSize) {
        List<Row> batch = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        float[] values = new float[Math.multiplyExact(batchSize, sampleSize)];
        int good = 0;
        while (batch.size() < batchSize && rows.hasNext()) {
            Row row = rows.next();
            batch.add(row);
            String error = FeatureReader.read(row, index, kind, values, good * sampleSize, sampleSize);
            errors.add(error);
            if (error == null) {
                good++;
            }
        }
        float[][] outputs = good == 0 ? new float[0][] : predict(model, values, good, sampleShape, sampleSize);
        List<Row> out = new ArrayList<>(batch.size());
        int next = 0;
        for (int i = 0; i < batch.size(); i++) {
            Row row = batch.get(i);
            Object[] cells = new Object[row.length() + 3];
            for (int c = 0; c < row.length(); c++) {
                cells[c] = row.get(c);
            }
            if (errors.get(i) == null) {
                float[] p = outputs[next++];
                cells[row.length()] = p;
                cells[row.length() + 1] = argmax(p);
            } else {
                cells[row.length() + 2] = errors.get(i);
            }
            out.add(RowFactory.create(cells));
        }
        return out;
    }

    /**
     * One run for the batch's good rows. A single row is run as two (itself twice): TensorFlow's matrix-vector
     * kernels round differently from the matrix-matrix ones, and every row should score as in a batch.
     */
    private static float[][] predict(KerasSavedModel model, float[] values, int good, int[] sampleShape, int sampleSize) {
        int rows = Math.max(good, 2);
        float[] feed = java.util.Arrays.copyOf(values, rows * sampleSize);
        if (good == 1) {
            System.arraycopy(values, 0, feed, sampleSize, sampleSize);
        }
        float[][] out = model.predict(FloatSamples.of(feed, sampleShape));
        return good == 1 ? new float[][] {out[0]} : out;
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    private static int[] sampleShape(TensorSpec input) {
        if (input.unknownRank() || input.shape().size() < 2) {
            throw new SavedModelException("the model's input " + input.key() + " has shape " + input.shapeText()
                    + ": expected [batch, ...] with every other dimension known");
        }
        int[] shape = new int[input.shape().size() - 1];
        for (int i = 0; i < shape.length; i++) {
            long d = input.shape().get(i + 1);
            if (d < 1) {
                throw new SavedModelException("the model's input " + input.key() + " has shape " + input.shapeText()
                        + ": expected every dimension but the batch to be known");
            }
            shape[i] = (int) d;
        }
        return shape;
    }
}
