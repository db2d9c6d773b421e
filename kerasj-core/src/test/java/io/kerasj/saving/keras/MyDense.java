package io.kerasj.saving.keras;

import io.kerasj.activations.Activation;
import io.kerasj.layers.Dense;
import io.kerasj.saving.Config;
import io.kerasj.saving.ObjectRegistration;
import java.util.Map;

/** A registered subclass of a built-in layer, as Keras's {@code class MyDense(Dense)}: Dense plus a {@code tag}. */
public final class MyDense extends Dense {
    private final String tag;

    static {
        ObjectRegistration.registerKerasSerializable("MyLayers", null, MyDense.class, MyDense::fromConfig);
    }

    /**
     * @param units the output size
     * @param activation the activation's name
     * @param tag a config value of the subclass's own
     */
    public MyDense(int units, String activation, String tag) {
        super(units, Activation.of(activation), null, null);
        this.tag = tag;
    }

    static MyDense fromConfig(Config config) {
        MyDense layer = new MyDense(config.getInt("units"), config.getString("activation"), config.getString("tag"));
        layer.setName(config.getString("name"));
        return layer;
    }

    /** @return the subclass's own config value */
    public String tag() {
        return tag;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("tag", tag);
        return config;
    }
}
