package io.steadystate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MagicLinkTest {

    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGh0aGlzaXNhdGVzdGtleWZvcm1hZ2ljbGlua3M=";

    @Test
    void roundTrips() {
        MagicLink link = new MagicLink(SessionMode.COLLAB, new SessionId("abcdefgh12345678"), "steadystate", "127.0.0.1", 2222, KEY);
        String text = link.toString();
        assertThat(text).startsWith("steadystate://collab/abcdefgh12345678?ssh=ssh%3A%2F%2Fsteadystate%40127.0.0.1%3A2222&host_key=");
        assertThat(MagicLink.parse(text)).isEqualTo(link);
    }

    @Test
    void rejectsWhatIsNotALink() {
        assertThatThrownBy(() -> MagicLink.parse("https://example.com")).hasMessageContaining("steadystate://");
        assertThatThrownBy(() -> MagicLink.parse("steadystate://solo/abcdefgh12345678?ssh=x&host_key=y")).hasMessageContaining("collab or pair");
        assertThatThrownBy(() -> MagicLink.parse("steadystate://pair/abcdefgh12345678?ssh=ssh%3A%2F%2Fu%40h%3A22"))
                .hasMessageContaining("host_key");
        String hostile = "steadystate://pair/abcdefgh12345678?ssh=ssh%3A%2F%2F-oProxyCommand%3Dx%40h%3A22&host_key="
                + KEY.replace(" ", "%20");
        assertThatThrownBy(() -> MagicLink.parse(hostile)).isInstanceOf(IllegalArgumentException.class);
        String badHost = "steadystate://pair/abcdefgh12345678?ssh=ssh%3A%2F%2Fu%40-evil%3A22&host_key=" + KEY.replace(" ", "%20");
        assertThatThrownBy(() -> MagicLink.parse(badHost)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MagicLink.parse("")).hasMessageContaining("empty");
    }
}
