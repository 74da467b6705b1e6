package io.steadystate.sync.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/** JSON state files: read strictly, written through a temporary file and a rename. */
public final class JsonFiles {

    /** Shared mapper; unknown fields are kept out rather than refused, so that newer versions can add some. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private JsonFiles() {
    }

    public static <T> T read(Path file, Class<T> type) throws IOException {
        return MAPPER.readValue(file.toFile(), type);
    }

    public static void writeAtomically(Path file, Object value) throws IOException {
        AtomicFiles.write(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(value), "rw-------");
    }
}
