package io.kerasj.serving;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads HTTP/1.1 requests off one connection, every size bounded before it is read and every phase under a
 * deadline: the request line (8 KiB, else 414), the header section (64 KiB and 128 fields, else 431), the body
 * (the server's limit, else 413, decided from Content-Length before any of it is read). A malformed line, header,
 * percent escape or framing (Content-Length with chunked, a non-numeric or disagreeing Content-Length) is a 400.
 * Every refusal is a {@link ServingException} with its status; a late client gets a {@link SocketTimeoutException}.
 */
final class HttpRequestReader {
    static final int MAX_REQUEST_LINE = 8 << 10;
    static final int MAX_HEADER_BYTES = 64 << 10;
    static final int MAX_HEADERS = 128;
    private static final int MAX_CHUNK_LINE = 1 << 10;
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern VERSION = Pattern.compile("HTTP/[0-9]\\.[0-9]");

    private final DeadlineInput raw;
    private final InputStream in;
    private boolean started;

    HttpRequestReader(DeadlineInput raw) {
        this.raw = raw;
        this.in = new BufferedInputStream(raw, 16 << 10);
    }

    /** @return true once a byte of the current request has arrived (a timeout then deserves a 408) */
    boolean started() {
        return started;
    }

    /** @return the phase of the current deadline, e.g. "the request header" */
    String phase() {
        return raw.phase();
    }

    /**
     * Reads the next request's line and headers.
     *
     * @param first true on a new connection: the header deadline runs from now; otherwise the connection may idle
     *              first, and the header deadline runs from the request's first byte
     * @param limits the deadlines
     * @return the checked head, or null when the client closed the connection (or let it idle out) between requests
     * @throws ServingException the status and message of a malformed or oversized request
     * @throws IOException a timeout after the request began, or a connection lost in the middle of it
     */
    HttpRequestHead readHead(boolean first, ConnectionLimits limits) throws IOException {
        started = false;
        int b;
        if (first) {
            raw.deadline(limits.headerTimeoutMillis(), "the request header");
        } else {
            raw.deadline(limits.idleTimeoutMillis(), "the next request");
        }
        try {
            b = in.read();
        } catch (SocketTimeoutException e) {
            return null;
        }
        if (b < 0) {
            return null;
        }
        started = true;
        if (!first) {
            raw.deadline(limits.headerTimeoutMillis(), "the request header");
        }
        String requestLine = line(b, MAX_REQUEST_LINE, 414, "the request line");
        for (int blank = 0; requestLine.isEmpty() && blank < 4; blank++) {
            requestLine = line(in.read(), MAX_REQUEST_LINE, 414, "the request line");
        }
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3 || !TOKEN.matcher(parts[0]).matches()) {
            throw ServingException.badRequest("Malformed request line: expected 'METHOD /path HTTP/1.1', found '" + clip(requestLine) + "'");
        }
        if (!VERSION.matcher(parts[2]).matches()) {
            throw ServingException.badRequest("Malformed request line: expected the version HTTP/1.1, found '" + clip(parts[2]) + "'");
        }
        if (!parts[2].startsWith("HTTP/1.")) {
            throw new ServingException(505, "HTTP version not supported: " + parts[2] + "; expected HTTP/1.1");
        }
        boolean http11 = !parts[2].equals("HTTP/1.0");
        String path = decodePath(parts[1]);
        Map<String, String> headers = headers();
        long length = contentLength(headers);
        boolean chunked = false;
        String transfer = headers.get("transfer-encoding");
        if (transfer != null) {
            if (length >= 0) {
                throw ServingException.badRequest("Malformed request: Content-Length and Transfer-Encoding together");
            }
            if (!http11) {
                throw ServingException.badRequest("Malformed request: Transfer-Encoding in an HTTP/1.0 request");
            }
            if (!transfer.trim().equalsIgnoreCase("chunked")) {
                throw new ServingException(501, "Transfer-Encoding: '" + clip(transfer) + "' is not supported; expected chunked");
            }
            chunked = true;
        }
        String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
        boolean keepAlive = http11 ? !connection.contains("close") : connection.contains("keep-alive");
        String expect = headers.get("expect");
        if (expect != null && !expect.trim().equalsIgnoreCase("100-continue")) {
            throw new ServingException(417, "Expect: '" + clip(expect) + "' is not supported; expected 100-continue");
        }
        return new HttpRequestHead(parts[0], path, headers, length, chunked, keepAlive, expect != null && http11);
    }

    /**
     * Reads the body of a request whose head {@link #readHead} returned, growing the buffer only as bytes arrive.
     *
     * @param head the request's head
     * @param maxBytes the largest body accepted
     * @param timeoutMillis the body's deadline, from now
     * @param out the connection's output, for {@code 100 Continue}
     * @return the body
     * @throws ServingException 413 over the limit, 400 for malformed chunks
     * @throws IOException a timeout or a connection lost in the middle of the body
     */
    byte[] readBody(HttpRequestHead head, int maxBytes, int timeoutMillis, OutputStream out) throws IOException {
        if (head.contentLength() > maxBytes) {
            throw tooLarge(head.contentLength(), maxBytes);
        }
        if (!head.hasBody()) {
            return new byte[0];
        }
        raw.deadline(timeoutMillis, "the request body");
        if (head.expectContinue()) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.min(Math.max(head.contentLength(), 0), 64 << 10));
        if (!head.chunked()) {
            copy(head.contentLength(), body);
            return body.toByteArray();
        }
        while (true) {
            String sizeLine = line(in.read(), MAX_CHUNK_LINE, 400, "a chunk size line");
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim();
            if (!hex.matches("[0-9A-Fa-f]{1,15}")) {
                throw ServingException.badRequest("Malformed chunked body: expected a hexadecimal chunk size, found '" + clip(sizeLine) + "'");
            }
            long size = Long.parseLong(hex, 16);
            if (size == 0) {
                break;
            }
            if (body.size() + size > maxBytes) {
                throw new ServingException(413, "the request body exceeds the limit of " + maxBytes + " bytes");
            }
            copy(size, body);
            if (!line(in.read(), 2, 400, "the end of a chunk").isEmpty()) {
                throw ServingException.badRequest("Malformed chunked body: a chunk is longer than its size");
            }
        }
        int trailers = 0;
        for (String t = line(in.read(), MAX_CHUNK_LINE, 400, "a trailer"); !t.isEmpty(); t = line(in.read(), MAX_CHUNK_LINE, 400, "a trailer")) {
            if (++trailers > MAX_HEADERS) {
                throw new ServingException(431, "the chunked body has more than " + MAX_HEADERS + " trailer fields");
            }
        }
        return body.toByteArray();
    }

    /**
     * @param declared the declared length
     * @param limit the limit
     * @return TF Serving's 413 for it
     */
    static ServingException tooLarge(long declared, long limit) {
        return new ServingException(413, "the request body has " + declared + " bytes; the limit is " + limit);
    }

    private void copy(long count, ByteArrayOutputStream body) throws IOException {
        byte[] buffer = new byte[(int) Math.min(count, 64 << 10)];
        for (long left = count; left > 0; ) {
            int n = in.read(buffer, 0, (int) Math.min(left, buffer.length));
            if (n < 0) {
                throw new EOFException("the client closed the connection in the middle of the body");
            }
            body.write(buffer, 0, n);
            left -= n;
        }
    }

    private Map<String, String> headers() throws IOException {
        Map<String, String> headers = new HashMap<>();
        int total = 0;
        int count = 0;
        Long length = null;
        for (String h = line(in.read(), MAX_HEADER_BYTES, 431, "a header field"); !h.isEmpty();
             h = line(in.read(), MAX_HEADER_BYTES, 431, "a header field")) {
            total += h.length() + 2;
            if (total > MAX_HEADER_BYTES || ++count > MAX_HEADERS) {
                throw new ServingException(431, "the request header exceeds " + MAX_HEADERS + " fields or " + MAX_HEADER_BYTES + " bytes");
            }
            int colon = h.indexOf(':');
            if (h.charAt(0) == ' ' || h.charAt(0) == '\t') {
                throw ServingException.badRequest("Malformed header: a folded line (obsolete line folding is not accepted)");
            }
            if (colon <= 0 || !TOKEN.matcher(h.substring(0, colon)).matches()) {
                throw ServingException.badRequest("Malformed header: expected 'Name: value', found '" + clip(h) + "'");
            }
            String name = h.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).strip();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c < 0x20 && c != '\t') || c == 0x7f) {
                    throw ServingException.badRequest("Malformed header: a control character in the value of '" + name + "'");
                }
            }
            if (name.equals("content-length")) {
                long v = parseLength(value);
                if (length != null && length != v) {
                    throw ServingException.badRequest("Malformed request: two different Content-Length values, " + length + " and " + v);
                }
                length = v;
            }
            if (name.equals("transfer-encoding") && headers.containsKey(name)) {
                value = headers.get(name) + ", " + value;
            }
            headers.put(name, value);
        }
        return headers;
    }

    private static long contentLength(Map<String, String> headers) {
        String v = headers.get("content-length");
        return v == null ? -1 : parseLength(v);
    }

    private static long parseLength(String value) {
        if (!value.matches("[0-9]{1,18}")) {
            throw ServingException.badRequest("Content-Length: expected a number, found '" + clip(value) + "'");
        }
        return Long.parseLong(value);
    }

    /**
     * @param target the request target: {@code /path?query}, or {@code http://host/path?query}
     * @return the path, percent-decoded as UTF-8
     */
    static String decodePath(String target) {
        String t = target;
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            int slash = t.indexOf('/', lower.indexOf("//") + 2);
            t = slash < 0 ? "/" : t.substring(slash);
        }
        if (!t.startsWith("/")) {
            throw ServingException.badRequest("Malformed request target: expected a path starting with '/', found '" + clip(target) + "'");
        }
        int end = t.length();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        String path = t.substring(0, end);
        ByteBuffer bytes = ByteBuffer.allocate(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw ServingException.badRequest("Malformed request target: character 0x" + Integer.toHexString(c) + " in the path");
            }
            if (c == '%') {
                int hi = i + 2 < path.length() ? Character.digit(path.charAt(i + 1), 16) : -1;
                int lo = i + 2 < path.length() ? Character.digit(path.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw ServingException.badRequest("Malformed request target: '%' must be followed by two hexadecimal digits, found '"
                            + clip(path.substring(i, Math.min(path.length(), i + 3))) + "'");
                }
                bytes.put((byte) (hi * 16 + lo));
                i += 2;
            } else {
                bytes.put((byte) c);
            }
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw ServingException.badRequest("Malformed request target: the percent escapes are not UTF-8");
        }
    }

    /**
     * Reads one line ending in LF (a CR before it is dropped) of at most {@code max} bytes, starting with {@code b}.
     */
    private String line(int b, int max, int tooLongStatus, String what) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = b; ; c = in.read()) {
            if (c < 0) {
                throw new EOFException("the client closed the connection in the middle of " + what);
            }
            if (c == '\n') {
                break;
            }
            if (line.length() >= max) {
                throw new ServingException(tooLongStatus, what + " is longer than " + max + " bytes");
            }
            line.append((char) c);
        }
        int n = line.length();
        if (n > 0 && line.charAt(n - 1) == '\r') {
            line.setLength(n - 1);
        }
        if (line.indexOf("\r") >= 0 || line.indexOf("\0") >= 0) {
            throw ServingException.badRequest("Malformed request: a stray CR or NUL in " + what);
        }
        return line.toString();
    }

    private static String clip(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
