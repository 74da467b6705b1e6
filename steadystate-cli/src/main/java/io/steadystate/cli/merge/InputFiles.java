package io.steadystate.cli.merge;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads merge inputs with messages that say what is wrong with the path. */
final class InputFiles {

    /** Inputs above this size are refused: three of them and the result must fit in memory at once. */
    static final long MAX_BYTES = 128L << 20;

    private InputFiles() {
    }

    static byte[] read(Path path) throws MergeInputException {
        try {
            if (Files.isDirectory(path)) {
                throw new MergeInputException(path + " is a directory, not a file");
            }
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                throw new MergeInputException(path + " is " + (size >> 20) + " MiB; merge-file takes files up to "
                        + (MAX_BYTES >> 20) + " MiB");
            }
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new MergeInputException("cannot read " + path + ": no such file");
        } catch (AccessDeniedException e) {
            throw new MergeInputException("cannot read " + path + ": permission denied");
        } catch (IOException e) {
            throw new MergeInputException("cannot read " + path + ": " + e.getMessage());
        }
    }

    /** The lines of a small text file (a batch list). */
    static List<String> readLines(Path path) throws MergeInputException {
        byte[] bytes = read(path);
        return new String(bytes, StandardCharsets.UTF_8).lines().toList();
    }

    /** A merge input that cannot be used; the message is meant for the user. */
    static final class MergeInputException extends Exception {
        MergeInputException(String message) {
            super(message);
        }
    }
}
