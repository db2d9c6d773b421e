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

    /** Reads every complete example of {@code readme}: each {@code java} block that starts with imports. */
    static java.util.List<ReadmeExample> all(Path readme) throws IOException {
        Matcher block = JAVA_BLOCK.matcher(Files.readString(readme));
        java.util.List<ReadmeExample> examples = new java.util.ArrayList<>();
        while (block.find()) {
            Matcher name = PUBLIC_CLASS.matcher(block.group(1));
            if (!name.find()) {
                throw new AssertionError(readme + ": an example declares no public class");
            }
            examples.add(new ReadmeExample(name.group(1), block.group(1)));
        }
        return examples;
    }

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
