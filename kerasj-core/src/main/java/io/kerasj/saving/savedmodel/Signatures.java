package io.kerasj.saving.savedmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;

/** Reads the SignatureDefs of a MetaGraphDef into {@link SignatureSpec}s, sorted by key. */
final class Signatures {

    private Signatures() {
    }

    /**
     * @param metaGraph the MetaGraphDef
     * @return its signatures by key
     */
    static SortedMap<String, SignatureSpec> read(MetaGraphDef metaGraph) {
        SortedMap<String, SignatureSpec> out = new TreeMap<>();
        metaGraph.getSignatureDefMap().forEach((key, def) -> out.put(key, spec(key, def)));
        return java.util.Collections.unmodifiableSortedMap(out);
    }

    private static SignatureSpec spec(String key, SignatureDef def) {
        SortedMap<String, TensorSpec> in = new TreeMap<>();
        def.getInputsMap().forEach((k, v) -> in.put(k, tensor(k, v)));
        SortedMap<String, TensorSpec> out = new TreeMap<>();
        def.getOutputsMap().forEach((k, v) -> out.put(k, tensor(k, v)));
        return new SignatureSpec(key, def.getMethodName(), in, out);
    }

    private static TensorSpec tensor(String key, TensorInfo info) {
        TensorShapeProto shape = info.getTensorShape();
        List<Long> dims = new ArrayList<>();
        shape.getDimList().forEach(d -> dims.add(d.getSize()));
        boolean unknownRank = shape.getUnknownRank() || !info.hasTensorShape();
        String name = info.hasCooSparse() ? info.getCooSparse().getValuesTensorName() : info.getName();
        return new TensorSpec(key, name, info.getDtype().name(), unknownRank ? List.of() : dims, unknownRank);
    }
}
