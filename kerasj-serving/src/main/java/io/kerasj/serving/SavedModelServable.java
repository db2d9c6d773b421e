package io.kerasj.serving;

import io.kerasj.runtime.Tensors;
import io.kerasj.saving.savedmodel.KerasSavedModel;
import io.kerasj.saving.savedmodel.LoadOptions;
import io.kerasj.saving.savedmodel.SavedModelException;
import io.kerasj.saving.savedmodel.SignatureSpec;
import io.kerasj.saving.savedmodel.TensorSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.types.TFloat32;

/**
 * A SavedModel served by signature: every input fed and every output fetched by the tensor names of its
 * SignatureDef, in one {@code Session.run}.
 *
 * <p>The directory is first opened with {@link KerasSavedModel#load(Path, LoadOptions)}, which validates it, reads
 * the signatures and runs the op-safety scan before the native loader sees it. That view offers no multi-input
 * run, so the servable then loads its own {@link SavedModelBundle} and refuses to serve it unless the MetaGraphDef
 * TensorFlow loaded is the one that was scanned.
 */
public final class SavedModelServable implements ServableModel {
    private final Path dir;
    private final SortedMap<String, SignatureSpec> signatures;
    private final SavedModelBundle bundle;

    private SavedModelServable(Path dir, SortedMap<String, SignatureSpec> signatures, SavedModelBundle bundle) {
        this.dir = dir;
        this.signatures = signatures;
        this.bundle = bundle;
    }

    /**
     * @param dir the SavedModel directory
     * @param options tags, op safety and threads ({@link LoadOptions#defaults()} refuses unsafe ops)
     * @return the loaded model
     * @throws SavedModelException when the directory is not a loadable SavedModel or holds unsafe ops
     */
    public static SavedModelServable load(Path dir, LoadOptions options) {
        MetaGraphDef scanned;
        SortedMap<String, SignatureSpec> signatures;
        try (KerasSavedModel checked = KerasSavedModel.load(dir, options)) {
            scanned = checked.metaGraphDef();
            signatures = checked.signatures();
        }
        ConfigProto.Builder config = ConfigProto.newBuilder();
        if (options.intraOpThreads() > 0) {
            config.setIntraOpParallelismThreads(options.intraOpThreads());
        }
        SavedModelBundle bundle;
        try {
            bundle = SavedModelBundle.loader(dir.toString()).withTags(options.tags().toArray(String[]::new))
                    .withConfigProto(config.build()).load();
        } catch (RuntimeException e) {
            throw new SavedModelException(dir + " could not be loaded by TensorFlow: " + firstLine(e), e);
        }
        if (!bundle.metaGraphDef().getGraphDef().equals(scanned.getGraphDef())
                || !bundle.metaGraphDef().getSignatureDefMap().equals(scanned.getSignatureDefMap())) {
            bundle.close();
            throw new SavedModelException(dir + " changed while it was being loaded: the graph TensorFlow loaded is not the one that was scanned");
        }
        return new SavedModelServable(dir, signatures, bundle);
    }

    /** @return the directory the model was loaded from */
    public Path directory() {
        return dir;
    }

    @Override
    public SortedMap<String, SignatureSpec> signatures() {
        return signatures;
    }

    @Override
    public Map<String, FloatTensor> run(String signatureKey, Map<String, FloatTensor> feeds) {
        SignatureSpec sig = signatures.get(signatureKey);
        if (sig == null) {
            throw new SavedModelException(dir + " has no signature '" + signatureKey + "'; its signatures are " + signatures.keySet());
        }
        List<TFloat32> fed = new ArrayList<>();
        try {
            Session.Runner runner = bundle.session().runner();
            for (TensorSpec input : sig.inputs().values()) {
                FloatTensor value = feeds.get(input.key());
                if (value == null) {
                    throw new SavedModelException("signature " + signatureKey + " needs input '" + input.key() + "', not fed");
                }
                TFloat32 t = Tensors.floats(value.values(), value.shape());
                fed.add(t);
                runner.feed(input.tensorName(), t);
            }
            List<TensorSpec> outputs = new ArrayList<>(sig.outputs().values());
            outputs.forEach(o -> runner.fetch(o.tensorName()));
            try (Result result = runner.run()) {
                Map<String, FloatTensor> out = new LinkedHashMap<>();
                for (int i = 0; i < outputs.size(); i++) {
                    Tensor t = result.get(i);
                    if (!(t instanceof TFloat32 f)) {
                        throw new SavedModelException("signature " + signatureKey + " output " + outputs.get(i).key()
                                + " returned " + t.dataType() + ", expected DT_FLOAT");
                    }
                    out.put(outputs.get(i).key(), new FloatTensor(f.shape().asArray(), Tensors.toFloats(f)));
                }
                return out;
            }
        } catch (SavedModelException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SavedModelException(dir + " signature " + signatureKey + " failed to run: " + firstLine(e), e);
        } finally {
            fed.forEach(TFloat32::close);
        }
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.lines().findFirst().orElse("").trim();
    }

    /** Closes the native session and graph. */
    @Override
    public void close() {
        bundle.close();
    }
}
