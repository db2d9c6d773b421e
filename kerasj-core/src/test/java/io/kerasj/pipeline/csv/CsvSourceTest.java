package io.kerasj.pipeline.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kerasj.pipeline.Element;
import io.kerasj.pipeline.ElementIterator;
import io.kerasj.pipeline.Pipeline;
import io.kerasj.pipeline.PipelineException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CsvSource}: CSV files as a pipeline source, as make_csv_dataset and the course's interleave read them. */
class CsvSourceTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static List<Element> all(Pipeline p) {
        List<Element> out = new ArrayList<>();
        try (ElementIterator it = p.iterator(0)) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    private static List<float[]> xs(Pipeline p) {
        return all(p).stream().map(e -> e.x().get(0).floats()).toList();
    }

    private static String failure(Pipeline p) {
        try {
            all(p);
        } catch (PipelineException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
            return e.getMessage();
        }
        throw new AssertionError("no PipelineException");
    }

    @Test
    void theHeaderNamesTheColumnsAndTheLabelBecomesY() throws IOException {
        Path f = file("a.csv", "a,b,price\n1,2,3.5\n4,5e-1,-6\n");
        List<Element> rows = all(CsvSource.files(f).labelName("price").build());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).x().get(0).floats()).containsExactly(1f, 2f);
        assertThat(rows.get(0).x().get(0).shape()).containsExactly(2L);
        assertThat(rows.get(0).y().get(0).floats()).containsExactly(3.5f);
        assertThat(rows.get(0).y().get(0).shape()).containsExactly(1L);
        assertThat(rows.get(1).x().get(0).floats()).containsExactly(4f, 0.5f);
        assertThat(rows.get(1).y().get(0).floats()).containsExactly(-6f);
    }

    @Test
    void theLabelMayBeAnyColumnAndFeaturesKeepTheFileOrder() throws IOException {
        Path f = file("a.csv", "y,a,b\n9,1,2\n");
        Element e = all(CsvSource.files(f).labelName("y").build()).get(0);
        assertThat(e.x().get(0).floats()).containsExactly(1f, 2f);
        assertThat(e.y().get(0).floats()).containsExactly(9f);
    }

    @Test
    void withoutALabelElementsHoldXAlone() throws IOException {
        Path f = file("a.csv", "a,b\n1,2\n");
        Element e = all(CsvSource.files(f).build()).get(0);
        assertThat(e.hasTargets()).isFalse();
        assertThat(e.x().get(0).floats()).containsExactly(1f, 2f);
    }

    @Test
    void givenNamesReadFilesWithoutAHeaderOrSkipTheirHeader() throws IOException {
        Path plain = file("plain.csv", "1,2\n3,4\n");
        Path headed = file("headed.csv", "p,q\n1,2\n");
        assertThat(all(CsvSource.files(plain).header(false).columnNames(List.of("a", "b")).labelName("b").build()))
                .extracting(e -> e.y().get(0).floats()[0]).containsExactly(2f, 4f);
        assertThat(xs(CsvSource.files(headed).columnNames(List.of("a", "b")).build())).hasSize(1);
        assertThatThrownBy(() -> CsvSource.files(plain).header(false).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("columnNames");
    }

    @Test
    void emptyFieldsTakeTheirColumnsDefaultAndAColumnWithoutOneIsRequired() throws IOException {
        Path f = file("a.csv", "a,b,c\n,2,3\n1,,3\n");
        List<Element> rows = all(CsvSource.files(f).columnDefaults(Map.of("a", -1f, "b", -2f)).labelName("c").build());
        assertThat(rows.get(0).x().get(0).floats()).containsExactly(-1f, 2f);
        assertThat(rows.get(1).x().get(0).floats()).containsExactly(1f, -2f);
        // tf's column_defaults: one item per selected column, null for a required one
        List<Float> bySelected = Arrays.asList(-1f, null, 0f);
        assertThat(failure(CsvSource.files(f).columnDefaults(bySelected).build()))
                .isEqualTo(f + ": line 3: column 'b' is empty and has no default");
        assertThat(failure(CsvSource.files(f).build())).isEqualTo(f + ": line 2: column 'a' is empty and has no default");
    }

    @Test
    void selectedColumnsAreTheOnlyOnesParsed() throws IOException {
        Path f = file("a.csv", "id,a,name,b,y\n7,1,alice,2,3\n8,4,bob,5,6\n");
        List<Element> rows = all(CsvSource.files(f).selectColumns("y", "b", "a").labelName("y").build());
        assertThat(rows.get(1).x().get(0).floats()).containsExactly(4f, 5f);
        assertThat(rows.get(1).y().get(0).floats()).containsExactly(6f);
        assertThat(failure(CsvSource.files(f).selectColumns("name", "y").labelName("y").build()))
                .isEqualTo(f + ": line 2: column 'name': 'alice' is not a number");
        assertThatThrownBy(() -> CsvSource.files(f).selectColumns("a", "zz").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'zz'");
        assertThatThrownBy(() -> CsvSource.files(f).selectColumns("a", "b").labelName("y").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label");
    }

    @Test
    void featuresByNameGiveOneArrayPerColumnForANamedInputModel() throws IOException {
        Path f = file("a.csv", "wide,deep,y\n1,2,3\n");
        Element e = all(CsvSource.files(f).labelName("y").featuresByName(true).build()).get(0);
        assertThat(e.xNames()).containsExactly("wide", "deep");
        assertThat(e.xByName().get("deep").floats()).containsExactly(2f);
        assertThat(e.xByName().get("deep").shape()).containsExactly(1L);
        assertThat(e.yByName().get("y").floats()).containsExactly(3f);
    }

    @Test
    void quotedFieldsHoldDelimitersQuotesAndLineBreaksAndLinesAreCountedThroughThem() throws IOException {
        Path f = file("q.csv", "\uFEFF\"a,1\",\"b \"\"q\"\"\",c\r\n\"1\",\"2\",3\r\n\"x\ny\",2,3\n");
        Pipeline p = CsvSource.files(f).selectColumns("b \"q\"", "c").labelName("c").build();
        assertThat(all(p)).hasSize(2);
        assertThat(all(p).get(0).x().get(0).floats()).containsExactly(2f);
        // the quoted line break in row 2 puts the next row on line 5
        Path g = file("g.csv", "a,b\n\"1\n\n\",2\n3\n");
        assertThat(failure(CsvSource.files(g).selectColumns("b").build())).isEqualTo(g + ": line 5: expected 2 fields, found 1");
    }

    @Test
    void otherDelimitersAndBlankLines() throws IOException {
        Path f = file("t.tsv", "a\tb\n\n1\t2\n\n3\t4\n");
        assertThat(xs(CsvSource.files(f).fieldDelimiter('\t').build())).hasSize(2);
        Path s = file("s.csv", "a;b\n1;\"2;0\"\n");
        assertThatThrownBy(() -> all(CsvSource.files(s).fieldDelimiter(';').build())).isInstanceOf(PipelineException.class)
                .hasMessage(s + ": line 2: column 'b': '2;0' is not a number");
    }

    @Test
    void filesAreInterleavedAsTfDataDoesWithACycleLength() throws IOException {
        // file k holds rows k*10 + i; tf.data.Dataset.from_tensor_slices(files).interleave(TextLineDataset(f).skip(1),
        // cycle_length=2) gives 0,10,1,11,2,20,30,21,31,22,32 for lengths 3,2,3,3
        int[] lengths = {3, 2, 3, 3};
        List<Path> files = new ArrayList<>();
        for (int k = 0; k < lengths.length; k++) {
            StringBuilder s = new StringBuilder("v\n");
            for (int i = 0; i < lengths[k]; i++) {
                s.append(k * 10 + i).append('\n');
            }
            files.add(file("f" + k + ".csv", s.toString()));
        }
        assertThat(xs(CsvSource.files(files).cycleLength(2).build()).stream().map(v -> (int) v[0]).toList())
                .containsExactly(0, 10, 1, 11, 2, 20, 30, 21, 31, 22, 32);
        assertThat(xs(CsvSource.files(files).build()).stream().map(v -> (int) v[0]).toList())
                .containsExactly(0, 1, 2, 10, 11, 20, 21, 22, 30, 31, 32);
        assertThat(xs(CsvSource.files(files).cycleLength(5).build()).stream().map(v -> (int) v[0]).toList())
                .containsExactly(0, 10, 20, 30, 1, 11, 21, 31, 2, 22, 32);
    }

    @Test
    void shuffledFilesAreAPermutationSeededByTheEpoch() throws IOException {
        List<Path> files = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            files.add(file("f" + k + ".csv", "v\n" + k + "\n"));
        }
        Pipeline p = CsvSource.files(files).shuffleFiles(3).build();
        List<Float> first = order(p, 0);
        assertThat(first).containsExactlyInAnyOrder(0f, 1f, 2f, 3f, 4f, 5f);
        assertThat(order(p, 0)).isEqualTo(first);
        assertThat(order(p, 1)).isNotEqualTo(first).containsExactlyInAnyOrder(0f, 1f, 2f, 3f, 4f, 5f);
    }

    private static List<Float> order(Pipeline p, long epoch) {
        List<Float> out = new ArrayList<>();
        try (ElementIterator it = p.iterator(epoch)) {
            it.forEachRemaining(e -> out.add(e.x().get(0).floats()[0]));
        }
        return out;
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsIsNamedByFileAndLine() throws IOException {
        Path f = file("a.csv", "a,b,c\n1,2,3\n1,2\n");
        assertThat(failure(CsvSource.files(f).build())).isEqualTo(f + ": line 3: expected 3 fields, found 2");
        Path g = file("b.csv", "a,b,c\n1,2,3,4\n");
        assertThat(failure(CsvSource.files(g).build())).isEqualTo(g + ": line 2: expected 3 fields, found 4");
    }

    @Test
    void aFieldThatIsNotANumberIsNamedByFileLineAndColumn() throws IOException {
        for (String bad : List.of("abc", "1f", "0x1p3", "2d", "1,5".replace(',', ' '), "--1")) {
            Path f = file("n.csv", "a,b\n1,2\n3," + bad + "\n");
            assertThat(failure(CsvSource.files(f).build())).isEqualTo(f + ": line 3: column 'b': '" + bad + "' is not a number");
        }
        Path ok = file("ok.csv", "a,b,c,d\n-1.5E3,+.25,nan,-inf\n");
        assertThat(xs(CsvSource.files(ok).build()).get(0)).containsExactly(-1500f, 0.25f, Float.NaN, Float.NEGATIVE_INFINITY);
    }

    @Test
    void malformedQuotingIsNamedByFileAndLine() throws IOException {
        Path open = file("open.csv", "a,b\n1,\"2\n3,4\n");
        assertThat(failure(CsvSource.files(open).build())).isEqualTo(open + ": line 2: a quoted field is not closed before the end of the file");
        Path inside = file("inside.csv", "a,b\n1,2\n1,2\"3\n");
        assertThat(failure(CsvSource.files(inside).build())).startsWith(inside + ": line 3: a quote inside an unquoted field");
        Path after = file("after.csv", "a,b\n1,\"2\"3\n");
        assertThat(failure(CsvSource.files(after).build())).startsWith(after + ": line 2: a character follows the closing quote");
    }

    @Test
    void emptyFilesAndSourcesAreRefused() throws IOException {
        Path empty = file("empty.csv", "");
        assertThatThrownBy(() -> CsvSource.files(empty).build()).isInstanceOf(PipelineException.class)
                .hasMessage(empty + ": line 1: the file is empty (expected a header row)");
        Path good = file("good.csv", "a\n1\n");
        assertThat(failure(CsvSource.files(good, empty).build())).isEqualTo(empty + ": line 1: the file is empty (expected a header row)");
        Path headerOnly = file("header.csv", "a\n");
        assertThat(failure(CsvSource.files(headerOnly).build())).startsWith("csv(1 file, columns [a]): no rows in the file " + headerOnly);
        assertThatThrownBy(() -> CsvSource.files(List.of()).build()).isInstanceOf(PipelineException.class).hasMessage("CSV source: no files given");
        Path missing = dir.resolve("missing.csv");
        assertThat(failure(CsvSource.files(good, missing).build())).startsWith(missing + ": cannot open the CSV file");
    }

    @Test
    void aHeaderThatDiffersFromTheFirstFilesIsRefused() throws IOException {
        Path a = file("a.csv", "a,b\n1,2\n");
        Path b = file("b.csv", "a,c\n1,2\n");
        assertThat(failure(CsvSource.files(a, b).build())).isEqualTo(b + ": line 1: the header 'a,c' differs from the columns 'a,b'");
    }

    @Test
    void aRowLongerThanTheLimitIsRefusedBeforeItIsHeld() throws IOException {
        Path f = dir.resolve("long.csv");
        byte[] huge = new byte[5_000_000];
        Arrays.fill(huge, (byte) '1');
        Files.write(f, ("a\n1\n").getBytes(StandardCharsets.US_ASCII));
        Files.write(f, huge, java.nio.file.StandardOpenOption.APPEND);
        assertThat(failure(CsvSource.files(f).maxRecordBytes(1000).build()))
                .isEqualTo(f + ": line 3: the row is longer than 1000 bytes (the reader's limit)");
        assertThat(failure(CsvSource.files(f).build())).isEqualTo(f + ": line 3: the row is longer than 1048576 bytes (the reader's limit)");
        Path quoted = file("quoted.csv", "a\n\"" + "9".repeat(3000) + "\n");
        assertThat(failure(CsvSource.files(quoted).maxRecordBytes(1000).build())).isEqualTo(quoted + ": line 2: the row is longer than 1000 bytes (the reader's limit)");
    }

    @Test
    void aRowOfManyDelimitersIsCountedNotHeld() throws IOException {
        Path f = file("wide.csv", "a,b,c\n" + ",".repeat(900_000) + "\n");
        assertThat(failure(CsvSource.files(f).build())).isEqualTo(f + ": line 2: expected 3 fields, found 900001");
        Path h = file("header.csv", "x" + ",x".repeat(70_000) + "\n1\n");
        assertThatThrownBy(() -> CsvSource.files(h).build()).isInstanceOf(PipelineException.class)
                .hasMessage(h + ": line 1: the header names 70001 columns, more than 65536");
    }

    @Test
    void everyPassReadsTheFilesAgainAndBatches() throws IOException {
        Path f = file("a.csv", "a,y\n1,10\n2,20\n3,30\n");
        Pipeline p = CsvSource.files(f).labelName("y").build().batch(2).repeat(2);
        List<Element> batches = all(p);
        assertThat(batches).hasSize(4);
        assertThat(batches.get(0).x().get(0).shape()).containsExactly(2L, 1L);
        assertThat(batches.get(0).y().get(0).floats()).containsExactly(10f, 20f);
        assertThat(batches.get(3).y().get(0).floats()).containsExactly(30f);
    }
}
