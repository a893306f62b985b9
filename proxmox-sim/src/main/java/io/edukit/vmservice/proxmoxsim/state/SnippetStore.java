package io.edukit.vmservice.proxmoxsim.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The directory behind {@code local:snippets/} ({@code /var/lib/vz/snippets} on a node). Files get
 * there from outside the API, as on PVE: by SFTP, or a test writing them.
 */
public final class SnippetStore {

    private final Path directory;

    public SnippetStore(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    public boolean exists(String fileName) {
        return !fileName.contains("/") && Files.isRegularFile(directory.resolve(fileName));
    }

    /** The snippet files, sorted by name. */
    public List<Snippet> list() {
        List<Snippet> result = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
                if (attrs.isRegularFile()) {
                    result.add(new Snippet(file.getFileName().toString(), attrs.size(),
                            attrs.lastModifiedTime().toMillis() / 1000));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    public record Snippet(String name, long size, long ctimeEpochSeconds) {}
}
