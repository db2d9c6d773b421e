package io.kerasj.callbacks;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Number formatting as Python's {@code %} operator and {@code repr} do it, so that printed lines and CSV cells match
 * Keras character for character. Python rounds the exact binary value of a double half-to-even; Java's
 * {@link java.util.Formatter} rounds its shortest decimal form half-up, which differs on ties such as 2.5 → "2" in
 * Python but "3" in Java.
 */
final class PyFormat {

    private PyFormat() {
    }

    /**
     * @param value a double
     * @param decimals digits after the point
     * @return Python's {@code '%.<decimals>f' % value}
     */
    static String fixed(double value, int decimals) {
        String special = special(value);
        if (special != null) {
            return special;
        }
        String text = new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        if (isNegativeZeroResult(value, text)) {
            return "-" + text;
        }
        return text;
    }

    /**
     * @param value a double
     * @param decimals digits after the point of the mantissa
     * @return Python's {@code '%.<decimals>e' % value}, e.g. {@code 5.0000e-04}
     */
    static String scientific(double value, int decimals) {
        String special = special(value);
        if (special != null) {
            return special;
        }
        if (value == 0.0) {
            String zero = "0." + "0".repeat(decimals) + "e+00";
            return (1.0 / value < 0 ? "-" : "") + (decimals == 0 ? "0e+00" : zero);
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(decimals + 1, RoundingMode.HALF_EVEN));
        String digits = rounded.unscaledValue().abs().toString();
        // Exponent of the first significant digit.
        int exponent = digits.length() - 1 - rounded.scale();
        // unscaledValue may carry trailing zeros beyond the requested precision or fewer digits: normalise.
        if (digits.length() < decimals + 1) {
            digits = digits + "0".repeat(decimals + 1 - digits.length());
        } else if (digits.length() > decimals + 1) {
            digits = digits.substring(0, decimals + 1);
        }
        StringBuilder out = new StringBuilder();
        if (rounded.signum() < 0) {
            out.append('-');
        }
        out.append(digits.charAt(0));
        if (decimals > 0) {
            out.append('.').append(digits, 1, digits.length());
        }
        out.append('e').append(exponent < 0 ? '-' : '+');
        int abs = Math.abs(exponent);
        if (abs < 10) {
            out.append('0');
        }
        out.append(abs);
        return out.toString();
    }

    /**
     * @param value a double
     * @return Python's {@code repr(value)} ({@code str(float)}): shortest round-trip digits, positional for
     *         exponents in [-4, 16), otherwise {@code 1e-05} style
     */
    static String repr(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0.0) {
            return 1.0 / value < 0 ? "-0.0" : "0.0";
        }
        BigDecimal shortest = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        String sign = value < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            int abs = Math.abs(exponent);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (abs < 10 ? "0" : "") + abs;
        }
        String plain = shortest.abs().toPlainString();
        if (!plain.contains(".")) {
            plain = plain + ".0";
        }
        return sign + plain;
    }

    /**
     * @param value a double
     * @return Python's {@code '%d' % value} for a float: the value truncated toward zero
     */
    static long truncate(double value) {
        return (long) value;
    }

    private static String special(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return null;
    }

    private static boolean isNegativeZeroResult(double value, String text) {
        // Python keeps the sign of small negatives: '%.0f' % -0.4 == '-0'; BigDecimal drops it.
        return (value < 0 || (value == 0.0 && 1.0 / value < 0)) && !text.startsWith("-");
    }
}
