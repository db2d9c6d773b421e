package io.kerasj.serving;

import io.kerasj.saving.savedmodel.SignatureSpec;
import java.util.Map;
import java.util.SortedMap;

/**
 * A loaded model as the server sees it: its signatures, and a way to run one. Implementations must allow
 * {@link #run} from several threads (the server calls it from one batching thread per model today).
 *
 * <p>A SavedModel is served through {@link SavedModelServable}. Another model format needs only another
 * implementation: {@link KerasFileServable} serves a {@code .keras}/{@code .h5} file or a model in memory as one
 * signature {@code serving_default} (its inputs and outputs by name), whose {@code run} calls {@code predict}.
 */
public interface ServableModel extends AutoCloseable {

    /** @return the signatures by key, as a SignatureDef would declare them (names, dtypes, shapes) */
    SortedMap<String, SignatureSpec> signatures();

    /**
     * Runs one signature on a batch.
     *
     * @param signatureKey a key of {@link #signatures()}
     * @param feeds one tensor per input key of that signature, already checked against its declared shapes (an
     *     integer input's values are whole numbers)
     * @return one tensor per output key of that signature
     * @throws io.kerasj.KerasJException when the model cannot run on these inputs
     */
    Map<String, FloatTensor> run(String signatureKey, Map<String, FloatTensor> feeds);

    /** Frees the model's native resources. */
    @Override
    void close();
}
