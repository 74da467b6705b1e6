package io.steadystate.compute.local.internal;

import io.steadystate.api.spi.ComputeException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which hosts a session may be cloned from. A repository URL makes the server connect where it says, so
 * an address of the server's own machine or network (loopback, link-local, private ranges) is refused
 * unless the operator lists the host in {@code STEADYSTATE_ALLOWED_REPO_HOSTS}; and every way a host can
 * fail gets the same message, so that nobody can map open and closed ports through it.
 */
final class RepoHosts {

    /** The one answer for a host that cannot be used, whatever the reason. */
    static final String UNREACHABLE = "the repository cannot be reached from this server; check the URL"
            + " (hosts on private networks need STEADYSTATE_ALLOWED_REPO_HOSTS)";

    private final Set<String> allowed;

    private RepoHosts(Set<String> allowed) {
        this.allowed = allowed;
    }

    /** From a comma-separated list of host names (case-insensitive); blanks ignored. */
    static RepoHosts of(String commaSeparated) {
        return new RepoHosts(commaSeparated == null ? Set.of() : List.of(commaSeparated.split(",")).stream()
                .map(String::strip).filter(s -> !s.isEmpty()).map(s -> s.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet()));
    }

    /** Refuses {@code host} when it is not allowed and resolves to an internal address (or not at all). */
    void check(String host) throws ComputeException {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (allowed.contains(name.toLowerCase(Locale.ROOT))) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(name);
        } catch (UnknownHostException | SecurityException e) {
            throw new ComputeException(UNREACHABLE);
        }
        for (InetAddress a : addresses) {
            if (internal(a)) {
                throw new ComputeException(UNREACHABLE);
            }
        }
    }

    static boolean internal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            // fc00::/7, unique local addresses: IPv6's private ranges.
            return (b[0] & 0xfe) == 0xfc;
        }
        // 100.64.0.0/10 (carrier-grade NAT) and 0.0.0.0/8.
        return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64 || b[0] == 0;
    }
}
