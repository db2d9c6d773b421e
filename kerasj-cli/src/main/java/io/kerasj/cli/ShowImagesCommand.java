package io.kerasj.cli;

import io.kerasj.io.OutputKind;
import io.kerasj.io.OwnedOutputs;
import io.kerasj.io.Publication;
import io.kerasj.data.Dataset;
import io.kerasj.data.Split;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code kerasj show-images}: the notebook's pictures of the training set: the first image alone
 * ({@code single_image.png}) and the first 21 in a 3 x 7 grid with their class names ({@code grid_images.png}),
 * published together as a KerasJ folder ({@link OwnedOutputs}): an existing one is replaced only with
 * {@code --overwrite}.
 */
@Command(name = "show-images", mixinStandardHelpOptions = true,
        description = "Write the first training image and a 3 x 7 grid of training images with class names as PNG.")
public final class ShowImagesCommand implements Callable<Integer> {

    @Mixin
    DataDirOption data;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/images",
            description = "Directory for the PNG files (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--overwrite", description = "Replace DIR if it is a folder of pictures KerasJ wrote.")
    boolean overwrite;

    @Spec
    CommandSpec spec;

    /**
     * @return 0 after writing both files
     * @throws IOException when a file cannot be written
     */
    @Override
    public Integer call() throws IOException {
        try (Publication publication = Publication.begin(out, OutputKind.RUN, overwrite, "--overwrite")) {
            Dataset train = data.fashionMnist().loadData().split(Split.DEFAULT_VALIDATION_SIZE).train();
            Files.createDirectory(publication.staged());
            List<Path> written = NotebookImages.write(train, publication.staged());
            OwnedOutputs.markRun(publication.staged());
            publication.commit();
            PrintWriter stdout = spec.commandLine().getOut();
            for (Path file : written) {
                stdout.println("Wrote " + out.resolve(file.getFileName()).toAbsolutePath().normalize());
            }
            stdout.flush();
        }
        return 0;
    }
}
