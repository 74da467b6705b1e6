package io.steadystate.server.internal.sessions;

import io.steadystate.api.spi.ComputeProviderFactory;
import io.steadystate.server.testplugin.FakeComputeProviderFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * Packs the test providers of {@code io.steadystate.server.testplugin} into {@code fake-compute.jar} and
 * loads it as a plugin: an automatic module in a module layer of its own. Its class loader is what a
 * launcher would make the context class loader, where the server looks for providers beyond its own layer.
 */
final class PluginLayer {

    static final String MODULE = "fake.compute";

    private PluginLayer() {
    }

    /** The plugin's class loader; a new layer (and new provider classes) on every call. */
    static ClassLoader load(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path jar = dir.resolve("fake-compute.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Class<?> c : FakeComputeProviderFactory.class.getNestMembers()) {
                String name = c.getName().replace('.', '/') + ".class";
                try (InputStream in = c.getModule().getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IOException("class file not found: " + name);
                    }
                    out.putNextEntry(new JarEntry(name));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
            out.putNextEntry(new JarEntry("META-INF/services/" + ComputeProviderFactory.class.getName()));
            write(out, FakeComputeProviderFactory.class.getName() + "\n"
                    + FakeComputeProviderFactory.Failing.class.getName() + "\n");
            out.closeEntry();
        }
        ModuleLayer boot = ModuleLayer.boot();
        Configuration cf = boot.configuration().resolve(ModuleFinder.of(jar), ModuleFinder.of(), Set.of(MODULE));
        ModuleLayer layer = boot.defineModulesWithOneLoader(cf, ClassLoader.getSystemClassLoader());
        return layer.findLoader(MODULE);
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
