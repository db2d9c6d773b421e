package io.kerasj.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The header of an {@code .npy} file, parsed strictly: a Python dict literal with exactly the keys {@code descr}
 * (one of {@link NpyArray.DType}), {@code fortran_order} (which must be {@code False}) and {@code shape} (a tuple
 * of non-negative ints), then only spaces and a final newline.
 *
 * @param dtype the element type
 * @param shape the shape
 */
record NpyHeader(NpyArray.DType dtype, long[] shape) {

    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

    /**
     * @param header the header text, padding and newline included
     * @param source the file, named in messages
     * @return the parsed header
     * @throws DatasetException naming the file and what was expected
     */
    static NpyHeader parse(String header, String source) {
        return new Parser(header, source).header();
    }

    private static final class Parser {
        private final String text;
        private final String source;
        private int pos;

        Parser(String text, String source) {
            this.text = text;
            this.source = source;
        }

        NpyHeader header() {
            if (!text.endsWith("\n")) {
                throw fail("expected the header to end with a newline");
            }
            Map<String, Object> dict = new HashMap<>();
            skipSpaces();
            expect('{');
            while (true) {
                skipSpaces();
                if (peek() == '}') {
                    pos++;
                    break;
                }
                String key = string();
                if (!KEYS.contains(key)) {
                    throw fail("expected only the keys descr, fortran_order and shape, found '" + key + "'");
                }
                skipSpaces();
                expect(':');
                skipSpaces();
                Object value = switch (key) {
                    case "descr" -> string();
                    case "fortran_order" -> bool();
                    default -> tuple();
                };
                if (dict.put(key, value) != null) {
                    throw fail("expected each key once, found '" + key + "' twice");
                }
                skipSpaces();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != '}') {
                    throw fail("expected ',' or '}' at offset " + pos + ", found " + describe(peek()));
                }
            }
            for (int i = pos; i < text.length() - 1; i++) {
                if (text.charAt(i) != ' ') {
                    throw fail("expected only spaces after the dict, found " + describe(text.charAt(i)) + " at offset " + i);
                }
            }
            if (!dict.keySet().equals(KEYS)) {
                Set<String> missing = new java.util.TreeSet<>(KEYS);
                missing.removeAll(dict.keySet());
                throw fail("expected the keys descr, fortran_order and shape, missing " + String.join(", ", missing));
            }
            if ((Boolean) dict.get("fortran_order")) {
                throw fail("expected C order (fortran_order False), found Fortran order");
            }
            return new NpyHeader(dtype((String) dict.get("descr")), (long[]) dict.get("shape"));
        }

        private NpyArray.DType dtype(String descr) {
            for (NpyArray.DType t : NpyArray.DType.values()) {
                if (t.descr().equals(descr) || (t == NpyArray.DType.UINT8 && (descr.equals("<u1") || descr.equals("u1")))) {
                    return t;
                }
            }
            String expected = "expected dtype |u1, <i4, <i8, <f4 or <f8";
            if (descr.startsWith(">")) {
                throw fail(expected + " (little-endian), found big-endian '" + descr + "'");
            }
            throw fail(expected + ", found '" + descr + "'");
        }

        private String string() {
            char quote = peek();
            if (quote != '\'' && quote != '"') {
                throw fail("expected a quoted string at offset " + pos + ", found " + describe(quote));
            }
            int end = text.indexOf(quote, pos + 1);
            if (end < 0) {
                throw fail("expected a closing quote for the string at offset " + pos);
            }
            String value = text.substring(pos + 1, end);
            if (value.indexOf('\\') >= 0 || value.indexOf('\n') >= 0) {
                throw fail("expected a plain string at offset " + pos + ", found escapes");
            }
            pos = end + 1;
            return value;
        }

        private boolean bool() {
            if (text.startsWith("False", pos)) {
                pos += 5;
                return false;
            }
            if (text.startsWith("True", pos)) {
                pos += 4;
                return true;
            }
            throw fail("expected True or False for fortran_order at offset " + pos);
        }

        private long[] tuple() {
            expect('(');
            List<Long> dims = new ArrayList<>();
            boolean trailingComma = false;
            while (true) {
                skipSpaces();
                if (peek() == ')') {
                    pos++;
                    break;
                }
                dims.add(integer());
                skipSpaces();
                trailingComma = peek() == ',';
                if (trailingComma) {
                    pos++;
                } else if (peek() != ')') {
                    throw fail("expected ',' or ')' in the shape at offset " + pos + ", found " + describe(peek()));
                }
            }
            if (dims.size() == 1 && !trailingComma) {
                throw fail("expected the shape as a tuple, found a parenthesised int");
            }
            long[] shape = new long[dims.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = dims.get(i);
            }
            return shape;
        }

        private long integer() {
            int start = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos)) && text.charAt(pos) < 128) {
                pos++;
            }
            if (start == pos) {
                throw fail("expected a non-negative int in the shape at offset " + start + ", found " + describe(peek()));
            }
            if (pos - start > 10 || Long.parseLong(text.substring(start, pos)) > Integer.MAX_VALUE) {
                throw fail("expected each dimension at most " + Integer.MAX_VALUE + ", found " + text.substring(start, pos));
            }
            return Long.parseLong(text.substring(start, pos));
        }

        private void expect(char c) {
            if (peek() != c) {
                throw fail("expected '" + c + "' at offset " + pos + ", found " + describe(peek()));
            }
            pos++;
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private void skipSpaces() {
            while (pos < text.length() && text.charAt(pos) == ' ') {
                pos++;
            }
        }

        private static String describe(char c) {
            return c == '\0' ? "the end of the header" : c == '\n' ? "a newline" : "'" + c + "'";
        }

        private DatasetException fail(String what) {
            return new DatasetException(source + ": bad .npy header: " + what);
        }
    }
}
