package io.kerasj.serving;

import java.util.Map;

/**
 * A request's line and headers as {@link HttpRequestReader} read and checked them.
 *
 * @param method e.g. {@code POST}
 * @param path the decoded path, without the query
 * @param headers by lower-case name (the last value of a repeated header; Content-Length must agree)
 * @param contentLength the body's declared length, -1 when there is none or it is chunked
 * @param chunked true for {@code Transfer-Encoding: chunked}
 * @param keepAlive true when the connection may carry another request
 * @param expectContinue true when the client waits for {@code 100 Continue} before sending the body
 */
record HttpRequestHead(String method, String path, Map<String, String> headers, long contentLength, boolean chunked,
                       boolean keepAlive, boolean expectContinue) {

    /** @return true when a body follows the header */
    boolean hasBody() {
        return chunked || contentLength > 0;
    }
}
