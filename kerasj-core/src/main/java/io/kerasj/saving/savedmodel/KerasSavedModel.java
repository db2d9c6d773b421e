package io.kerasj.saving.savedmodel;

import io.kerasj.runtime.NativeRuntime;
import io.kerasj.data.FloatSamples;
import io.kerasj.data.Predictions;
import io.kerasj.runtime.Tensors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operation;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.types.TFloat32;

/**
 * Any TensorFlow SavedModel loaded for prediction: its signatures (names, dtypes and shapes read from the
 * SignatureDefs), its variables, the versions that wrote it and, for Keras models, the layer architecture with
 * weights. The proto is read and validated in Java and the op-safety scan runs before the native loader sees the
 * directory; the graph TensorFlow then loads must be the one that was scanned. Close it to free the native session.
 */
public final class KerasSavedModel implements AutoCloseable {

    static {
        NativeRuntime.ensureLoaded();
    }
    /** The default signature key. */
    public static final String DEFAULT_SIGNATURE = "serving_default";

    private final Path dir;
    private final LoadOptions options;
    private final MetaGraphDef metaGraph;
    private final SortedMap<String, SignatureSpec> signatures;
    private final List<VariableSpec> variables;
    private final SafetyReport safety;
    private final Optional<KerasMetadata> keras;
    private final SavedModelBundle bundle;
    private Boolean probabilities;

    private KerasSavedModel(Path dir, LoadOptions options, MetaGraphDef metaGraph, SafetyReport safety,
                            Optional<KerasMetadata> keras, SavedModelBundle bundle) {
        this.dir = dir;
        this.options = options;
        this.metaGraph = metaGraph;
        this.signatures = Signatures.read(metaGraph);
        this.variables = GraphVariables.read(metaGraph.getGraphDef());
        this.safety = safety;
        this.keras = keras;
        this.bundle = bundle;
    }

    /**
     * Loads with {@link LoadOptions#defaults()}: tag {@code serve}, op safety check on.
     *
     * @param dir the SavedModel directory
     * @return the loaded model
     * @throws SavedModelException when the directory is not a loadable SavedModel or holds unsafe ops
     */
    public static KerasSavedModel load(Path dir) {
        return load(dir, LoadOptions.defaults());
    }

    /**
     * @param dir the SavedModel directory
     * @param options tags, op safety, batch size, threads
     * @return the loaded model
     * @throws SavedModelException when the directory is not a loadable SavedModel or holds unsafe ops
     */
    public static KerasSavedModel load(Path dir, LoadOptions options) {
        SavedModelFiles.Parsed parsed = SavedModelFiles.read(dir, options.tags());
        SafetyReport safety = OpSafetyScanner.scan(parsed.metaGraph());
        if (!safety.safe() && !options.allowUnsafeOps()) {
            throw new UnsafeOpsException(dir + " refused: it runs op types outside KerasJ's allow-list (ops that Keras"
                    + " models export): " + safety.refusedOps() + " (load with allowUnsafeOps(true) to run it anyway)", safety);
        }
        Optional<KerasMetadata> keras = KerasMetadata.read(dir);
        ConfigProto.Builder config = ConfigProto.newBuilder();
        if (options.intraOpThreads() > 0) {
            config.setIntraOpParallelismThreads(options.intraOpThreads());
        }
        SavedModelBundle bundle;
        try {
            bundle = SavedModelBundle.loader(dir.toString()).withTags(options.tags().toArray(String[]::new))
                    .withConfigProto(config.build()).load();
        } catch (RuntimeException e) {
            throw new SavedModelException(dir + " could not be loaded by TensorFlow: " + SavedModelException.firstLine(e), e);
        }
        if (!bundle.metaGraphDef().getGraphDef().equals(parsed.metaGraph().getGraphDef())
                || !bundle.metaGraphDef().getSignatureDefMap().equals(parsed.metaGraph().getSignatureDefMap())) {
            bundle.close();
            throw new SavedModelException(dir + " changed while it was being loaded: the graph TensorFlow loaded is not the one that was scanned");
        }
        try {
            return new KerasSavedModel(dir, options, parsed.metaGraph(), safety, keras, bundle);
        } catch (RuntimeException e) {
            bundle.close();
            throw e instanceof SavedModelException s ? s
                    : new SavedModelException(dir + " could not be read after loading: " + SavedModelException.firstLine(e), e);
        }
    }

    /** @return the directory it was loaded from */
    public Path directory() {
        return dir;
    }

    /** @return all signatures by key, including {@code __saved_model_init_op} where present */
    public SortedMap<String, SignatureSpec> signatures() {
        return signatures;
    }

    /** @return the {@code serving_default} signature */
    public SignatureSpec signature() {
        return signature(DEFAULT_SIGNATURE);
    }

    /**
     * @param key a signature key
     * @return that signature
     * @throws SavedModelException listing the keys the model has when it has no such signature
     */
    public SignatureSpec signature(String key) {
        SignatureSpec s = signatures.get(key);
        if (s == null) {
            throw new SavedModelException(dir + " has no signature '" + key + "'; its signatures are "
                    + signatures.keySet());
        }
        return s;
    }

    /** @return the TensorFlow version that wrote the model ({@code meta_info_def.tensorflow_version}), or empty */
    public String tensorflowVersion() {
        return metaGraph.getMetaInfoDef().getTensorflowVersion();
    }

    /** @return the Keras version that wrote the model (from keras_metadata.pb), when recorded */
    public Optional<String> kerasVersion() {
        return keras.flatMap(KerasMetadata::kerasVersion);
    }

    /** @return all variables of the graph with dtypes and shapes, in graph order */
    public List<VariableSpec> variables() {
        return variables;
    }

    /** @return the op-safety scan of the model (computed before loading) */
    public SafetyReport safetyReport() {
        return safety;
    }

    /**
     * The native session the model was loaded into, for callers that run a signature their own way (serving feeds
     * several inputs and fetches every output in one run). It belongs to this model: do not close it, and do not use
     * it after {@link #close()}.
     *
     * @return the loaded session
     */
    public Session session() {
        return bundle.session();
    }

    /** @return the parsed MetaGraphDef that was loaded */
    public MetaGraphDef metaGraphDef() {
        return metaGraph;
    }

    /**
     * Runs the default signature on the samples in batches: its single float input, its first float output
     * (by key). Samples [n,28,28] are fed to a [-1,28,28,1] input with a trailing channel and to a [-1,784] input
     * flattened.
     *
     * @param x the samples
     * @return one output row per sample
     * @throws SavedModelException when the signature cannot take the samples or the run fails
     */
    public float[][] predict(FloatSamples x) {
        return predict(DEFAULT_SIGNATURE, x);
    }

    /**
     * @param signatureKey the signature to run
     * @param x the samples
     * @return one output row per sample (the first float output, flattened per sample)
     * @throws SavedModelException when the signature cannot take the samples or the run fails
     */
    public float[][] predict(String signatureKey, FloatSamples x) {
        SignatureSpec sig = signature(signatureKey);
        TensorSpec input = singleFloatInput(sig);
        TensorSpec output = firstFloatOutput(sig);
        long[] feed = InputAdapter.feedShape(signatureKey, input, x.sampleShape());
        int fixed = InputAdapter.fixedBatch(input);
        int batch = fixed > 0 ? fixed : options.batchSize();
        if (fixed > 0 && x.count() % fixed != 0) {
            throw new SavedModelException("signature " + signatureKey + " input " + input.key() + " expects batches of exactly "
                    + fixed + ", cannot take " + x.count() + " samples");
        }
        float[][] out = new float[x.count()][];
        float[] values = x.unsafeValues();
        int size = x.sampleSize();
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("x[" + (i / size) + "]: expected finite values, found " + values[i]
                        + " at position " + (i % size));
            }
        }
        for (int from = 0; from < x.count(); from += batch) {
            int n = Math.min(batch, x.count() - from);
            float[] chunk = Arrays.copyOfRange(values, from * size, (from + n) * size);
            Tensors.splitRows(run(signatureKey, input, output, chunk, n, feed), n, out, from);
        }
        return out;
    }

    /**
     * Runs a signature with one sample set per input and fetches one named output: any number of float or integer
     * inputs, any per-sample shapes the inputs accept (as {@link #predict(String, FloatSamples)} adapts them).
     *
     * @param signatureKey the signature to run
     * @param inputs the samples for each of the signature's inputs, by input key; all with the same count
     * @param outputKey the output to fetch (a float output of the signature)
     * @return one output row per sample, flattened per sample
     * @throws SavedModelException naming the missing, unknown or mismatched input or output
     */
    public float[][] predict(String signatureKey, Map<String, FloatSamples> inputs, String outputKey) {
        SignatureSpec sig = signature(signatureKey);
        TensorSpec output = sig.outputs().get(outputKey);
        if (output == null || !output.isFloat()) {
            throw new SavedModelException("signature " + signatureKey + " of " + dir + " has outputs " + describe(sig.outputs())
                    + ": no float output '" + outputKey + "'");
        }
        FloatSamples rows = runAll(sig, inputs, List.of(output)).get(outputKey);
        float[][] out = new float[rows.count()][];
        Tensors.splitRows(rows.unsafeValues(), rows.count(), out, 0);
        return out;
    }

    /**
     * Runs a signature with one sample set per input, by name, and fetches every float output in one run per batch:
     * a model of several inputs and outputs, as its SavedModel names them. Integer inputs ({@code DT_INT32},
     * {@code DT_INT64}, {@code DT_UINT8}) take whole numbers in their range.
     *
     * @param signatureKey the signature to run
     * @param inputs the samples for each of the signature's inputs, by input key; all with the same count
     * @return each float output by key (in the signature's key order), its samples shaped as the model returned them
     * @throws SavedModelException naming the missing, unknown or mismatched input, or when the signature has no float
     *     output
     */
    public Map<String, FloatSamples> predictAll(String signatureKey, Map<String, FloatSamples> inputs) {
        SignatureSpec sig = signature(signatureKey);
        List<TensorSpec> outputs = sig.outputs().values().stream().filter(TensorSpec::isFloat).toList();
        if (outputs.isEmpty()) {
            throw new SavedModelException("signature " + signatureKey + " of " + dir + " has outputs " + describe(sig.outputs())
                    + ": expected a DT_FLOAT output");
        }
        return runAll(sig, inputs, outputs);
    }

    private Map<String, FloatSamples> runAll(SignatureSpec sig, Map<String, FloatSamples> inputs, List<TensorSpec> outputs) {
        String signatureKey = sig.key();
        if (!sig.inputs().keySet().equals(inputs.keySet())) {
            throw new SavedModelException("signature " + signatureKey + " of " + dir + " has inputs " + describe(sig.inputs())
                    + ", given " + new java.util.TreeSet<>(inputs.keySet()));
        }
        int count = -1;
        int fixed = 0;
        Map<String, long[]> feeds = new java.util.TreeMap<>();
        for (Map.Entry<String, FloatSamples> e : inputs.entrySet()) {
            TensorSpec input = sig.inputs().get(e.getKey());
            if (!input.isFloat() && !SignatureFeeds.isInteger(input)) {
                throw new SavedModelException("signature " + signatureKey + " input " + input.key() + " is " + input.dtype()
                        + ", expected DT_FLOAT or an integer dtype");
            }
            if (count >= 0 && e.getValue().count() != count) {
                throw new SavedModelException("signature " + signatureKey + ": input " + e.getKey() + " has " + e.getValue().count()
                        + " samples, the other inputs " + count);
            }
            count = e.getValue().count();
            fixed = Math.max(fixed, InputAdapter.fixedBatch(input));
            feeds.put(e.getKey(), InputAdapter.feedShape(signatureKey, input, e.getValue().sampleShape()));
            SignatureFeeds.check(signatureKey, input, e.getValue());
        }
        count = Math.max(count, 0);
        if (fixed > 0 && count % fixed != 0) {
            throw new SavedModelException("signature " + signatureKey + " expects batches of exactly " + fixed
                    + ", cannot take " + count + " samples");
        }
        int batch = fixed > 0 ? fixed : options.batchSize();
        SignatureFeeds.Collected collected = new SignatureFeeds.Collected(signatureKey, outputs, count);
        for (int from = 0; from < count; from += batch) {
            int n = Math.min(batch, count - from);
            List<Tensor> tensors = new ArrayList<>();
            try {
                var runner = bundle.session().runner();
                for (Map.Entry<String, FloatSamples> e : inputs.entrySet()) {
                    TensorSpec input = sig.inputs().get(e.getKey());
                    Tensor t = SignatureFeeds.tensor(input, e.getValue(), from, n, Tensors.withBatch(n, feeds.get(e.getKey())));
                    tensors.add(t);
                    runner.feed(input.tensorName(), t);
                }
                outputs.forEach(o -> runner.fetch(o.tensorName()));
                try (Result result = runner.run()) {
                    for (int i = 0; i < outputs.size(); i++) {
                        collected.add(i, result.get(i), n);
                    }
                }
            } catch (SavedModelException e) {
                throw e;
            } catch (RuntimeException e) {
                throw runFailure(signatureKey, e);
            } finally {
                tensors.forEach(Tensor::close);
            }
        }
        return collected.samples();
    }

    private float[] run(String key, TensorSpec input, TensorSpec output, float[] chunk, int n, long[] feed) {
        try (TFloat32 in = Tensors.floats(chunk, Tensors.withBatch(n, feed));
             Result result = bundle.session().runner().feed(input.tensorName(), in).fetch(output.tensorName()).run()) {
            Tensor t = result.get(0);
            if (!(t instanceof TFloat32 f)) {
                throw new SavedModelException("signature " + key + " output " + output.key() + " returned "
                        + t.dataType() + ", expected DT_FLOAT");
            }
            long total = f.shape().size();
            if (total % n != 0 || total > Integer.MAX_VALUE) {
                throw new SavedModelException("signature " + key + " output " + output.key() + " has shape "
                        + f.shape() + " for a batch of " + n + ": expected one row per sample");
            }
            return Tensors.toFloats(f);
        } catch (SavedModelException e) {
            throw e;
        } catch (RuntimeException e) {
            throw runFailure(key, e);
        }
    }

    /**
     * A failed run, in one line. "Could not find variable" is what TensorFlow's C++ loader leaves of a SavedModel
     * written by {@code tf.saved_model.save} around Keras 3 layers: their variables live in Python objects that only
     * Python's object loader restores, so the cause and the fix are named.
     */
    private SavedModelException runFailure(String key, RuntimeException e) {
        String first = SavedModelException.firstLine(e);
        if (first.contains("Could not find variable")) {
            String variable = first.replaceFirst("(?s).*Could not find variable ([^ .]+(?:\\.[^ .]+)*)\\..*", "$1");
            return new SavedModelException(dir + " signature " + key + " cannot run: its variable " + variable
                    + " was never restored, the sign of a SavedModel written by tf.saved_model.save around Keras 3 layers"
                    + " (only Python's object loader restores those); re-export it from Keras with model.export(dir)", e);
        }
        return new SavedModelException(dir + " signature " + key + " failed to run: " + first, e);
    }

    private TensorSpec singleFloatInput(SignatureSpec sig) {
        if (sig.inputs().size() != 1 || !sig.inputs().values().iterator().next().isFloat()) {
            throw new SavedModelException("signature " + sig.key() + " of " + dir + " has inputs "
                    + describe(sig.inputs()) + ": expected a single DT_FLOAT input");
        }
        return sig.inputs().values().iterator().next();
    }

    private TensorSpec firstFloatOutput(SignatureSpec sig) {
        return sig.outputs().values().stream().filter(TensorSpec::isFloat).findFirst().orElseThrow(() ->
                new SavedModelException("signature " + sig.key() + " of " + dir + " has outputs "
                        + describe(sig.outputs()) + ": expected a DT_FLOAT output"));
    }

    private static String describe(Map<String, TensorSpec> specs) {
        return specs.values().stream().map(t -> t.key() + " " + t.dtype() + " " + t.shapeText())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /**
     * Whether the default signature's output is probabilities (so that a cross-entropy loss can be computed from
     * it) rather than logits: true when a probe batch of 8 deterministic inputs gives rows that are non-negative
     * and sum to 1 within 1e-3.
     *
     * @return true for probabilities
     */
    public synchronized boolean outputIsProbabilities() {
        if (probabilities == null) {
            TensorSpec input = singleFloatInput(signature());
            List<Long> dims = input.unknownRank() || input.shape().isEmpty() ? List.of(-1L, 28L, 28L) : input.shape();
            int[] sample = dims.subList(1, dims.size()).stream().mapToInt(d -> d < 0 ? 1 : d.intValue()).toArray();
            int size = Arrays.stream(sample).reduce(1, Math::multiplyExact);
            int fixed = InputAdapter.fixedBatch(input);
            int n = fixed > 0 ? fixed : 8;
            float[] probe = new float[n * size];
            long state = 42;
            for (int i = 0; i < probe.length; i++) {
                state = state * 6364136223846793005L + 1442695040888963407L;
                probe[i] = (state >>> 40) / (float) (1 << 24);
            }
            probabilities = Predictions.areProbabilities(predict(FloatSamples.of(probe, sample)));
        }
        return probabilities;
    }

    /**
     * Reads a float variable's current value from the loaded session.
     *
     * @param name the variable name, e.g. {@code dense/kernel} (see {@link #variables()})
     * @return its values and shape
     * @throws SavedModelException when there is no such float variable (listing the variable names)
     */
    public VariableValue readVariable(String name) {
        VariableSpec spec = variables.stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow(() ->
                new SavedModelException(dir + " has no variable '" + name + "'; its variables are "
                        + variables.stream().map(VariableSpec::name).collect(Collectors.toCollection(TreeSet::new))));
        if (!"DT_FLOAT".equals(spec.dtype())) {
            throw new SavedModelException(dir + " variable '" + name + "' is " + spec.dtype() + ", expected DT_FLOAT");
        }
        String fetch = readOpFor(spec);
        Session s = bundle.session();
        try (Result r = s.runner().fetch(fetch).run()) {
            TFloat32 t = (TFloat32) r.get(0);
            return new VariableValue(name, Tensors.toFloats(t), t.shape().asArray());
        } catch (RuntimeException e) {
            throw new SavedModelException(dir + " variable '" + name + "' could not be read: " + SavedModelException.firstLine(e), e);
        }
    }

    /** @return the tensor to fetch for a variable's value: the variable itself, or a ReadVariableOp of its handle */
    private synchronized String readOpFor(VariableSpec spec) {
        Graph g = bundle.graph();
        GraphOperation node = g.operation(spec.node());
        if (node == null) {
            throw new SavedModelException(dir + " variable '" + spec.name() + "': node " + spec.node() + " is not in the loaded graph");
        }
        if (!node.type().equals("VarHandleOp")) {
            return spec.node() + ":0";
        }
        String readName = "kerasj_read/" + spec.node();
        Operation existing = g.operation(readName);
        if (existing == null) {
            existing = g.opBuilder("ReadVariableOp", readName, g.baseScope()).addInput(node.output(0))
                    .setAttr("dtype", DataType.DT_FLOAT).build();
        }
        return existing.name() + ":0";
    }

    /**
     * The Keras layers of a Sequential model in order, read from keras_metadata.pb, each with its weights read
     * from the session (variables named {@code <layer>/<weight>}: kernel first, then bias, then any others).
     *
     * @return the layers
     * @throws SavedModelException when the model has no keras_metadata.pb or its root has no layer list
     */
    public List<KerasLayerSpec> architecture() {
        KerasMetadata meta = keras.orElseThrow(() -> new SavedModelException(dir
                + " has no keras_metadata.pb: expected a Keras (2.x) SavedModel to read the architecture from"));
        List<KerasLayerSpec> out = new ArrayList<>();
        for (KerasLayerSpec layer : meta.layers()) {
            List<VariableSpec> own = new ArrayList<>();
            for (VariableSpec v : variables) {
                if (v.name().startsWith(layer.name() + "/") && v.name().indexOf('/', layer.name().length() + 1) < 0) {
                    own.add(v);
                }
            }
            own.sort((a, b) -> Integer.compare(rank(a.name()), rank(b.name())) != 0
                    ? Integer.compare(rank(a.name()), rank(b.name())) : a.name().compareTo(b.name()));
            List<VariableValue> weights = own.stream().map(v -> readVariable(v.name())).toList();
            out.add(new KerasLayerSpec(layer.className(), layer.name(), layer.units(), layer.activation(),
                    layer.rate(), layer.inputShape(), weights));
        }
        return out;
    }

    private static int rank(String variable) {
        if (variable.endsWith("/kernel")) {
            return 0;
        }
        return variable.endsWith("/bias") ? 1 : 2;
    }

    /** Closes the native session and graph. */
    @Override
    public void close() {
        bundle.close();
    }
}
