package io.kerasj.saving.savedmodel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The op types a SavedModel may run: those that Keras and tf.keras models export, read once from the reviewed
 * resource {@code io/kerasj/saving/savedmodel/allowed-ops.txt} (one op type a line, grouped by family, {@code #} starts a
 * comment). Everything else is refused by {@link OpSafetyScanner}.
 */
public final class OpAllowList {
    /** The resource holding the list. */
    public static final String RESOURCE = "/io/kerasj/saving/savedmodel/allowed-ops.txt";

    private static final Pattern OP_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Set<String> ALLOWED = read();

    private OpAllowList() {
    }

    /**
     * @param op an op type, e.g. {@code MatMul}
     * @return true when the op type is in the list
     */
    public static boolean allows(String op) {
        return ALLOWED.contains(op);
    }

    /** @return every allowed op type, sorted */
    public static Set<String> all() {
        return ALLOWED;
    }

    private static Set<String> read() {
        try (InputStream in = OpAllowList.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + " could not be read", e);
        }
    }

    /** A malformed line is a build error, not something to skip: the list is the security boundary. */
    static Set<String> parse(BufferedReader lines) throws IOException {
        Set<String> ops = new TreeSet<>();
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            int hash = line.indexOf('#');
            String op = (hash < 0 ? line : line.substring(0, hash)).strip();
            if (op.isEmpty()) {
                continue;
            }
            if (!OP_NAME.matcher(op).matches() || !ops.add(op)) {
                throw new IllegalStateException(RESOURCE + " line " + number + ": expected one new op type, found '" + op + "'");
            }
        }
        return java.util.Collections.unmodifiableSet(ops);
    }
}
