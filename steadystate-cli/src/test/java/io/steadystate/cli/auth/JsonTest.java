package io.steadystate.cli.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.steadystate.api.wire.DeviceStartRequest;
import io.steadystate.api.wire.DeviceStartResponse;
import io.steadystate.api.wire.ErrorResponse;
import io.steadystate.api.wire.MeResponse;
import io.steadystate.api.wire.PollResponse;
import io.steadystate.api.wire.RefreshRequest;
import io.steadystate.api.wire.TokenResponse;
import org.junit.jupiter.api.Test;

/** The wire records of the api module (exported, not opened) go through Jackson by their canonical constructors. */
class JsonTest {

    @Test
    void writesSnakeCaseAndLeavesOutNulls() throws Exception {
        assertThat(Json.mapper().writeValueAsString(new DeviceStartRequest(null))).isEqualTo("{}");
        assertThat(Json.mapper().writeValueAsString(new DeviceStartRequest("github")))
                .isEqualTo("{\"provider\":\"github\"}");
        assertThat(Json.mapper().writeValueAsString(new RefreshRequest("r1"))).isEqualTo("{\"refresh_token\":\"r1\"}");
    }

    @Test
    void readsSnakeCaseAndIgnoresUnknownFields() throws Exception {
        DeviceStartResponse start = Json.mapper().readValue("""
                {"device_code":"d","user_code":"ABCD-1234","verification_uri":"https://example.test/device",
                 "expires_in":900,"interval":5,"something_new":true}""", DeviceStartResponse.class);
        assertThat(start).isEqualTo(new DeviceStartResponse("d", "ABCD-1234", "https://example.test/device", 900, 5));

        PollResponse slow = Json.mapper().readValue("{\"status\":\"pending\",\"error\":\"slow_down\",\"interval\":10}",
                PollResponse.class);
        assertThat(slow).isEqualTo(PollResponse.slowDown(10));
        PollResponse done = Json.mapper().readValue("""
                {"status":"complete","jwt":"j","refresh_token":"r","refresh_expires_at":"2030-01-01T00:00:00Z",
                 "login":"alice","provider":"github"}""", PollResponse.class);
        assertThat(done).isEqualTo(PollResponse.complete("j", "r", "2030-01-01T00:00:00Z", "alice", "github"));

        assertThat(Json.mapper().readValue("{\"jwt\":\"j\",\"refresh_token\":\"r\"}", TokenResponse.class))
                .isEqualTo(new TokenResponse("j", "r", null));
        assertThat(Json.mapper().readValue("{\"sub\":\"github:1\",\"login\":\"alice\",\"provider\":\"github\"}",
                MeResponse.class)).isEqualTo(new MeResponse("github:1", "alice", "github"));
        assertThat(Json.mapper().readValue("{\"error\":\"e\",\"message\":\"m\"}", ErrorResponse.class))
                .isEqualTo(new ErrorResponse("e", "m"));
    }
}
