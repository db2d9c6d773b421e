package io.kerasj.serving;

import io.kerasj.runtime.Tensors;
import io.kerasj.saving.savedmodel.KerasSavedModel;
import io.kerasj.saving.savedmodel.LoadOptions;
import io.kerasj.saving.savedmodel.SavedModelException;
import io.kerasj.saving.savedmodel.SignatureFeeds;
import io.kerasj.saving.savedmodel.SignatureSpec;
import io.kerasj.saving.savedmodel.TensorSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;

/**
 * A SavedModel served by signature: every input fed (in its dtype: float, or an integer type) and every output fetched
 * by the tensor names of its SignatureDef, in one {@code Session.run}.
 *
 * <p>It wraps one {@link KerasSavedModel}, which validates the directory, reads the signatures and runs the op-safety
 * scan before the native loader sees it (and refuses a graph that changed in between); the servable runs on that
 * model's session.
 */
public final class SavedModelServable implements ServableModel {
    private final KerasSavedModel model;

    private SavedModelServable(KerasSavedModel model) {
        this.model = model;
    }

    /**
     * @param dir the SavedModel directory
     * @param options tags, op safety and threads ({@link LoadOptions#defaults()} refuses unsafe ops)
     * @return the loaded model
     * @throws SavedModelException when the directory is not a loadable SavedModel or holds unsafe ops
     */
    public static SavedModelServable load(Path dir, LoadOptions options) {
        return new SavedModelServable(KerasSavedModel.load(dir, options));
    }

    /** @return the directory the model was loaded from */
    public Path directory() {
        return model.directory();
    }

    @Override
    public SortedMap<String, SignatureSpec> signatures() {
        return model.signatures();
    }

    @Override
    public Map<String, FloatTensor> run(String signatureKey, Map<String, FloatTensor> feeds) {
        SignatureSpec sig = model.signature(signatureKey);
        List<Tensor> fed = new ArrayList<>();
        try {
            Session.Runner runner = model.session().runner();
            for (TensorSpec input : sig.inputs().values()) {
                FloatTensor value = feeds.get(input.key());
                if (value == null) {
                    throw new SavedModelException("signature " + signatureKey + " needs input '" + input.key() + "', not fed");
                }
                Tensor t = SignatureFeeds.tensor(input, value.values(), value.shape());
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
            throw new SavedModelException(model.directory() + " signature " + signatureKey + " failed to run: " + firstLine(e), e);
        } finally {
            fed.forEach(Tensor::close);
        }
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.lines().findFirst().orElse("").trim();
    }

    /** Closes the native session and graph. */
    @Override
    public void close() {
        model.close();
    }
}
