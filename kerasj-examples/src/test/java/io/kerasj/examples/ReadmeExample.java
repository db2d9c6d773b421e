package io.kerasj.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The complete library example in README.md: the first {@code java} code block that starts with imports. */
record ReadmeExample(String className, String source) {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(import .*?)```", Pattern.DOTALL);
    private static final Pattern PUBLIC_CLASS = Pattern.compile("public class (\\w+)");

    /** Reads the example from {@code readme}. */
    static ReadmeExample from(Path readme) throws IOException {
        Matcher block = JAVA_BLOCK.matcher(Files.readString(readme));
        if (!block.find()) {
            throw new AssertionError(readme + ": expected a ```java block starting with imports, found none");
        }
        String source = block.group(1);
        Matcher name = PUBLIC_CLASS.matcher(source);
        if (!name.find()) {
            throw new AssertionError(readme + ": the example declares no public class");
        }
        return new ReadmeExample(name.group(1), source);
    }
}
