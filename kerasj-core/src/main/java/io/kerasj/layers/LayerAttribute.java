package io.kerasj.layers;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A field of a layer (or model) that holds layers, as Keras's {@code __setattr__} tracks them: one layer
 * ({@code self.conv1 = Conv2D(...)}) or a list of layers ({@code self.blocks = [Dense(8), Dense(8)]}). The name is
 * the field's, which Keras's weights file uses as the path of the sublayer ({@code layers/residual_block/conv1/vars}).
 * A map's values count as a list, as Keras tracks a dict's.
 *
 * @param name the field's name (Keras's attribute name)
 * @param layers the layers it holds, in order
 * @param list true for a collection (or map) of layers, false for one layer
 */
public record LayerAttribute(String name, List<Layer> layers, boolean list) {

    /**
     * @param name the field's name
     * @param layers the layers it holds
     * @param list true for a collection
     */
    public LayerAttribute {
        Objects.requireNonNull(name, "name");
        layers = List.copyOf(layers);
    }

    /**
     * Keras's tracker: the fields of {@code owner} holding layers, from its topmost class below {@code base} down to
     * its own class, each class's fields in declaration order (Keras's attribute assignment order, as near as Java
     * gets). Static and synthetic fields (an inner class's captured variables), nulls and the owner itself are left
     * out; a layer already met through an earlier field is tracked there only.
     *
     * @param owner the layer whose fields are read
     * @param base the class whose own fields (and its superclasses') are not the user's: {@link Layer}, or Model
     * @return the attributes holding layers, in order
     * @throws IllegalStateException when a field cannot be read (a package not open to {@code io.kerasj.core})
     */
    public static List<LayerAttribute> of(Object owner, Class<?> base) {
        List<Class<?>> classes = new ArrayList<>();
        for (Class<?> type = owner.getClass(); type != null && type != base && base.isAssignableFrom(type); type = type.getSuperclass()) {
            classes.add(0, type);
        }
        Set<Layer> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<LayerAttribute> out = new ArrayList<>();
        for (Class<?> type : classes) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic() || !mayHoldLayers(field.getType())) {
                    continue;
                }
                Object value = read(owner, field);
                List<Layer> layers = new ArrayList<>();
                if (value instanceof java.util.Map<?, ?> map) {
                    value = map.values(); // Keras tracks a dict's values, saved as a list's items
                }
                boolean list = value instanceof Collection<?>;
                if (value instanceof Layer layer) {
                    layers.add(layer);
                } else if (value instanceof Collection<?> items) {
                    items.forEach(item -> {
                        if (item instanceof Layer layer) {
                            layers.add(layer);
                        }
                    });
                }
                layers.removeIf(layer -> layer == owner || !seen.add(layer));
                if (!layers.isEmpty()) {
                    out.add(new LayerAttribute(field.getName(), layers, list));
                }
            }
        }
        return out;
    }

    private static boolean mayHoldLayers(Class<?> type) {
        return Layer.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type) || java.util.Map.class.isAssignableFrom(type)
                || type.isAssignableFrom(Layer.class);
    }

    private static Object read(Object owner, Field field) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("layer class " + owner.getClass().getName() + ": cannot read its field '" + field.getName()
                    + "' to track the layers it holds (open its package to io.kerasj.core): " + e.getMessage(), e);
        }
    }
}
