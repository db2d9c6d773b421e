package io.kerasj.spark;

import io.kerasj.io.AtomicFiles;
import io.kerasj.KerasJException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kerasj spark-predict --model DIR --input in.parquet --output out.parquet}: scores a Parquet dataset with
 * a SavedModel on Spark ({@code local[*]} unless {@code --master} or spark-submit says otherwise) and writes the
 * input's columns plus {@code probabilities}, {@code prediction} and {@code error} as Parquet. The output is written
 * beside its target and renamed into place; an existing output is replaced only with {@code --overwrite}.
 */
@Command(name = "spark-predict", mixinStandardHelpOptions = true,
        description = "Score a Parquet dataset with a SavedModel on Apache Spark.")
public final class SparkPredict implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "the SavedModel directory")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "PARQUET",
            description = "the Parquet file or folder to score: a local path or a URL Spark reads (hdfs://, s3a://)")
    String input;

    @Option(names = "--output", required = true, paramLabel = "PARQUET",
            description = "the Parquet folder to write: a local path (written beside, then renamed) or a URL Spark writes")
    String output;

    @Option(names = "--features", paramLabel = "COLUMN", defaultValue = "features",
            description = "the input column: array<float>, array<double> or binary 8-bit pixels (default: ${DEFAULT-VALUE})")
    String features;

    @Option(names = "--master", paramLabel = "URL", description = "Spark's master (default: spark-submit's, else local[*])")
    String master;

    @Option(names = "--broadcast", description = "send the model to the executors as bytes instead of by path")
    boolean broadcast;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "1024", description = "rows per TensorFlow run (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--overwrite", description = "replace an existing output")
    boolean overwrite;

    @Spec
    CommandLine.Model.CommandSpec spec;

    /** Creates the command; picocli sets its fields. */
    public SparkPredict() {
    }

    /**
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /**
     * @param out standard output
     * @param err standard error
     * @param args the arguments
     * @return 0, 1 on a runtime error, 2 on a usage error
     */
    public static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine cl = new CommandLine(new SparkPredict());
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("kerasj spark-predict: error: " + ex.getMessage());
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, p) -> {
            if (ex instanceof ParameterException) {
                err.println("kerasj spark-predict: error: " + ex.getMessage());
                return 2;
            }
            String m = ex.getMessage() == null ? ex.toString() : ex.getMessage();
            err.println("kerasj spark-predict: error: " + (ex instanceof KerasJException ? "" : ex.getClass().getSimpleName() + ": ")
                    + m.lines().findFirst().orElse(""));
            return 1;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        check();
        boolean ownSession = SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty();
        SparkSession.Builder builder = SparkSession.builder().appName("kerasj spark-predict");
        if (master != null) {
            builder.master(master);
        } else if (System.getProperty("spark.master") == null) {
            builder.master("local[*]");
        }
        SparkSession spark = builder.getOrCreate();
        if (ownSession) {
            spark.sparkContext().setLogLevel("WARN"); // a local run shows its result, not Spark's INFO lines
        }
        // A local output is staged beside its target and renamed into place; elsewhere Spark's own committer
        // publishes the job's files, and an existing output is refused by Spark unless --overwrite.
        Path staging = isLocal(output) ? LocalParquetOutput.stagingFor(localPath(output)) : null;
        try {
            long start = System.nanoTime();
            Dataset<Row> scored = SparkScorer.of(spark, broadcast ? ModelSource.bytes(model) : ModelSource.path(model))
                    .featuresColumn(features).batchSize(batchSize).score(spark.read().parquet(input));
            String target = staging != null ? staging.toString() : output;
            scored.write().mode(staging == null && overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists).parquet(target);
            double seconds = (System.nanoTime() - start) / 1e9;
            Dataset<Row> written = spark.read().parquet(target);
            long rows = written.count();
            long errors = written.filter(functions.col(SparkScorer.ERROR).isNotNull()).count();
            if (staging != null) {
                LocalParquetOutput.publish(staging, localPath(output));
            }
            spec.commandLine().getOut().println(String.format(Locale.ROOT,
                    "kerasj spark-predict: %d rows scored (%d with an error) in %.1f s, %.0f rows/s, written to %s",
                    rows, errors, seconds, rows / seconds, output));
            return 0;
        } finally {
            if (staging != null && Files.exists(staging)) {
                AtomicFiles.deleteRecursively(staging);
            }
            if (ownSession) {
                spark.stop();
            }
        }
    }

    private static boolean isLocal(String location) {
        return !location.contains("://") || location.startsWith("file://");
    }

    private static Path localPath(String location) {
        return location.startsWith("file://") ? Path.of(java.net.URI.create(location)) : Path.of(location);
    }

    private void check() {
        if (!Files.isDirectory(model)) {
            throw new ParameterException(spec.commandLine(), "--model: expected a SavedModel directory, found "
                    + (Files.exists(model) ? "a file: " : "nothing at ") + model);
        }
        if (isLocal(input) && !Files.exists(localPath(input))) {
            throw new ParameterException(spec.commandLine(), "--input: expected a Parquet file or folder, found nothing at " + input);
        }
        if (isLocal(output)) {
            Path out = localPath(output);
            if (Files.exists(out) && !overwrite) {
                throw new ParameterException(spec.commandLine(), "--output: " + output + " exists; pass --overwrite to replace it");
            }
            String foreign = LocalParquetOutput.whyNotReplaceable(out);
            if (Files.exists(out) && foreign != null) {
                throw new ParameterException(spec.commandLine(), "--output: " + output + " " + foreign + "; not replacing it");
            }
            Path parent = out.toAbsolutePath().getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                throw new ParameterException(spec.commandLine(), "--output: the folder " + parent + " does not exist");
            }
        }
        if (batchSize < 1) {
            throw new ParameterException(spec.commandLine(), "--batch-size: expected at least 1, found " + batchSize);
        }
    }
}
