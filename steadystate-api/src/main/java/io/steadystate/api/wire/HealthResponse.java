package io.steadystate.api.wire;

import java.util.Map;

/** {@code GET /health} and {@code GET /ready}: {@code status} is {@code ok} or {@code unavailable}. */
public record HealthResponse(String status, String version, Map<String, String> checks) {

    public HealthResponse {
        checks = checks == null ? Map.of() : Map.copyOf(checks);
    }
}
