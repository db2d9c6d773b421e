package io.kerasj.pipeline.tfrecord;

import io.kerasj.pipeline.Element;
import io.kerasj.pipeline.ElementIterator;
import io.kerasj.pipeline.Pipeline;
import java.util.function.Function;

/** A {@link TFRecordDataset}'s records parsed as {@code tf.train.Example}s, each into an element. */
final class ParsedExamples extends Pipeline {
    private final TFRecordDataset records;
    private final ExampleParser parser;
    private final Function<Record, Element> parse;

    ParsedExamples(TFRecordDataset records, ExampleParser parser, Function<Record, Element> parse) {
        this.records = records;
        this.parser = parser;
        this.parse = parse;
    }

    @Override
    public ElementIterator iterator(long epoch) {
        return records.records(parse);
    }

    @Override
    public String toString() {
        return records + ".parseExamples(" + parser.names() + ")";
    }
}
