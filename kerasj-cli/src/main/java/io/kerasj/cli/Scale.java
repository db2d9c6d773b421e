package io.kerasj.cli;

/**
 * {@code --scale}: what raw input values are multiplied by before the model sees them. Written as a number
 * ({@code 1}, {@code 0.5}) or a fraction ({@code 1/255}); a fraction {@code 1/D} divides by D in float32, exactly as
 * Python's {@code x / 255.0} does for float32 arrays.
 *
 * @param text as given
 * @param multiplier the factor, when not a division
 * @param divisor the divisor of {@code 1/D}, or 0
 */
record Scale(String text, double multiplier, float divisor) {
    /** Dividing by 255: pixels in [0, 1]. */
    static final Scale PIXELS = new Scale("1/255", 0, 255f);
    /** Values as they are. */
    static final Scale NONE = new Scale("1", 1, 0);

    /**
     * @param text a positive number or {@code 1/D}
     * @return the scale
     * @throws IllegalArgumentException naming --scale when the text is neither
     */
    static Scale parse(String text) {
        String t = text.strip();
        try {
            if (t.startsWith("1/")) {
                float d = Float.parseFloat(t.substring(2));
                if (d > 0 && Float.isFinite(d)) {
                    return new Scale(t, 0, d);
                }
            } else {
                double m = Double.parseDouble(t);
                if (m > 0 && Double.isFinite(m)) {
                    return new Scale(t, m, 0);
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--scale: expected a positive number or 1/D (e.g. 1/255), found '" + text + "'");
    }

    /** @return the scaled value */
    float apply(float raw) {
        return divisor > 0 ? raw / divisor : (float) (raw * multiplier);
    }

    @Override
    public String toString() {
        return text;
    }
}
