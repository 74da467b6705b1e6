/**
 * The JSON bodies of SteadyState's REST API, as records. Field names map to snake_case on the wire
 * ({@code deviceCode} is {@code device_code}); absent optional fields are null. Records that carry a
 * secret keep it out of {@code toString()}, so that logging one never leaks it.
 */
package io.steadystate.api.wire;
