package io.kerasj.pipeline.images;

/**
 * TensorFlow's {@code tf.image.resize} on 8-bit pixels, to float32: {@code "bilinear"} ({@code ResizeBilinear} with
 * half-pixel centres, no antialiasing: the source coordinate {@code (x + 0.5) * scale - 0.5} in float, its floor and
 * ceiling clamped to the image, the three lerps of TensorFlow's kernel in float) and {@code "nearest"}
 * ({@code ResizeNearestNeighbor}: {@code floor((x + 0.5) * scale)} clamped). With {@code crop_to_aspect_ratio} the
 * largest centred window of the target's aspect ratio is cut first, as Keras's {@code smart_resize} computes it.
 */
final class ImageResize {
    private final int outHeight;
    private final int outWidth;
    private final boolean nearest;
    private final boolean cropToAspectRatio;

    ImageResize(int outHeight, int outWidth, String interpolation, boolean cropToAspectRatio) {
        this.outHeight = outHeight;
        this.outWidth = outWidth;
        this.nearest = interpolation.equals("nearest");
        this.cropToAspectRatio = cropToAspectRatio;
    }

    /** @return the shape of a resized image of {@code channels} channels */
    long[] shape(int channels) {
        return new long[] {outHeight, outWidth, channels};
    }

    /** @return the image resized, row-major [outHeight, outWidth, channels] */
    float[] resize(ImageDecoder.Decoded image) {
        int top = 0;
        int left = 0;
        int height = image.height();
        int width = image.width();
        if (cropToAspectRatio) {
            // smart_resize in a tf.data graph: float32 products and quotients, truncated to int32
            int cropHeight = Math.max(Math.min(height, (int) ((float) ((long) width * outHeight) / outWidth)), 1);
            int cropWidth = Math.max(Math.min(width, (int) ((float) ((long) height * outWidth) / outHeight)), 1);
            top = (int) ((float) (height - cropHeight) / 2);
            left = (int) ((float) (width - cropWidth) / 2);
            height = cropHeight;
            width = cropWidth;
        }
        int c = image.channels();
        int rowStride = image.width() * c;
        byte[] in = image.pixels();
        float[] out = new float[outHeight * outWidth * c];
        float heightScale = height / (float) outHeight;
        float widthScale = width / (float) outWidth;
        if (nearest) {
            int[] xs = new int[outWidth];
            for (int x = 0; x < outWidth; x++) {
                xs[x] = (left + nearestIndex(x, widthScale, width)) * c;
            }
            int at = 0;
            for (int y = 0; y < outHeight; y++) {
                int row = (top + nearestIndex(y, heightScale, height)) * rowStride;
                for (int x = 0; x < outWidth; x++) {
                    for (int k = 0; k < c; k++) {
                        out[at++] = in[row + xs[x] + k] & 0xFF;
                    }
                }
            }
            return out;
        }
        int[] xLower = new int[outWidth];
        int[] xUpper = new int[outWidth];
        float[] xLerp = new float[outWidth];
        weights(outWidth, width, widthScale, xLower, xUpper, xLerp);
        int[] yLower = new int[outHeight];
        int[] yUpper = new int[outHeight];
        float[] yLerp = new float[outHeight];
        weights(outHeight, height, heightScale, yLower, yUpper, yLerp);
        int at = 0;
        for (int y = 0; y < outHeight; y++) {
            int lowerRow = (top + yLower[y]) * rowStride;
            int upperRow = (top + yUpper[y]) * rowStride;
            float dy = yLerp[y];
            for (int x = 0; x < outWidth; x++) {
                int lo = (left + xLower[x]) * c;
                int hi = (left + xUpper[x]) * c;
                float dx = xLerp[x];
                for (int k = 0; k < c; k++) {
                    float topLeft = in[lowerRow + lo + k] & 0xFF;
                    float topRight = in[lowerRow + hi + k] & 0xFF;
                    float bottomLeft = in[upperRow + lo + k] & 0xFF;
                    float bottomRight = in[upperRow + hi + k] & 0xFF;
                    float topValue = topLeft + (topRight - topLeft) * dx;
                    float bottomValue = bottomLeft + (bottomRight - bottomLeft) * dx;
                    out[at++] = topValue + (bottomValue - topValue) * dy;
                }
            }
        }
        return out;
    }

    private static int nearestIndex(int out, float scale, int inSize) {
        float source = (out + 0.5f) * scale;
        return Math.max(0, Math.min((int) Math.floor(source), inSize - 1));
    }

    /** TensorFlow's {@code compute_interpolation_weights} with the half-pixel scaler. */
    private static void weights(int outSize, int inSize, float scale, int[] lower, int[] upper, float[] lerp) {
        for (int i = 0; i < outSize; i++) {
            float in = (i + 0.5f) * scale - 0.5f;
            float floor = (float) Math.floor(in);
            lower[i] = Math.max((int) floor, 0);
            upper[i] = Math.min((int) Math.ceil(in), inSize - 1);
            lerp[i] = in - floor;
        }
    }
}
