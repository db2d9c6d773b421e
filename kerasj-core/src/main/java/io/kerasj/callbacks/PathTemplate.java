package io.kerasj.callbacks;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Python's {@code str.format} that Keras's {@code ModelCheckpoint} file paths use:
 * {@code {name}} and {@code {name:spec}} with spec {@code [0][width][.precision][d|f|e]}, and {@code {{ }}} for
 * literal braces. {@code epoch} is an integer (1-based, as Keras passes {@code epoch + 1}); the logs are floats.
 * Without a type, a float prints as Python's {@code repr}.
 */
final class PathTemplate {
    private static final Pattern SPEC = Pattern.compile("(0)?(\\d+)?(?:\\.(\\d+))?([dfe])?");

    private final String template;

    PathTemplate(String template) {
        this.template = template;
    }

    /**
     * @param epoch the 1-based epoch
     * @param logs the epoch's logs
     * @return the path with every field replaced
     * @throws IllegalArgumentException naming the template and the missing key or bad spec
     */
    String format(int epoch, Map<String, Double> logs) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '{') {
                out.append('{');
                i += 2;
            } else if (c == '}' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                out.append('}');
                i += 2;
            } else if (c == '{') {
                int close = template.indexOf('}', i);
                if (close < 0) {
                    throw fail("Single '{' encountered in format string");
                }
                String field = template.substring(i + 1, close);
                int colon = field.indexOf(':');
                String name = colon < 0 ? field : field.substring(0, colon);
                String spec = colon < 0 ? "" : field.substring(colon + 1);
                out.append(field(name, spec, epoch, logs));
                i = close + 1;
            } else if (c == '}') {
                throw fail("Single '}' encountered in format string");
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private String field(String name, String spec, int epoch, Map<String, Double> logs) {
        boolean isEpoch = name.equals("epoch");
        if (!isEpoch && !logs.containsKey(name)) {
            throw fail("'" + name + "'");
        }
        double value = isEpoch ? epoch : logs.get(name);
        Matcher m = SPEC.matcher(spec);
        if (!m.matches()) {
            throw fail("unsupported format spec '" + spec + "' for '" + name + "' (expected [0][width][.precision][d|f|e])");
        }
        String zero = m.group(1) != null ? "0" : "";
        String width = m.group(2) != null ? m.group(2) : "";
        String flags = (!zero.isEmpty() || !width.isEmpty()) ? zero + (width.isEmpty() ? "1" : width) : "";
        String type = m.group(4);
        if (type == null) {
            String text = isEpoch ? Integer.toString(epoch) : PyFormat.repr(value);
            return width.isEmpty() ? text : String.format(Locale.ROOT, "%" + (zero.isEmpty() ? "" : "0") + width + "s", text)
                    .replace(' ', zero.isEmpty() ? ' ' : '0');
        }
        if (type.equals("d")) {
            if (!isEpoch) {
                throw fail("Unknown format code 'd' for object of type 'float' ('" + name + "')");
            }
            return String.format(Locale.ROOT, "%" + flags + "d", epoch);
        }
        String precision = m.group(3) != null ? m.group(3) : "6";
        return String.format(Locale.ROOT, "%" + flags + "." + precision + type, value);
    }

    private IllegalArgumentException fail(String reason) {
        return new IllegalArgumentException("Failed to format this callback filepath: \"" + template + "\". Reason: " + reason);
    }
}
