package io.vishwaops.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What one service's executable jar (the thing that goes into its image) says about its configuration: its
 * defaults file, the environment variables that file reads through placeholders, the configuration metadata of
 * the service and of every library it ships, and its layers.
 *
 * @param name the module, e.g. {@code ingestion-service}
 * @param jar the executable jar
 * @param defaults {@code vops/<name>.properties}
 * @param placeholders environment variables read through {@code ${NAME:default}} in the defaults
 * @param metadata every property of every {@code META-INF/spring-configuration-metadata.json} in the jar
 * @param layers the layer names of {@code BOOT-INF/layers.idx}, in order
 * @param entries the jar's own entry names
 */
record ServiceJar(String name, Path jar, Properties defaults, Set<String> placeholders, List<MetadataProperty> metadata,
        List<String> layers, Set<String> entries) {

    /** One configuration property a library documents: its canonical name and Java type. */
    record MetadataProperty(String name, String type) {

        boolean isMap() {
            return type != null && type.startsWith("java.util.Map");
        }
    }

    private static final String METADATA = "META-INF/spring-configuration-metadata.json";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::[^}]*)?}");
    private static final Pattern LAYER = Pattern.compile("^- \"([^\"]+)\":$");
    private static final ObjectMapper JSON = new ObjectMapper();

    int port() {
        return Integer.parseInt(defaults.getProperty("server.port"));
    }

    static ServiceJar open(String name) {
        String location = System.getProperty("vops.jar." + name);
        if (location == null || location.isBlank() || location.startsWith("${")) {
            throw new IllegalStateException("no executable jar for " + name + ": run through Maven (system property vops.jar." + name + ")");
        }
        Path jar = Path.of(location);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Set<String> entries = new LinkedHashSet<>();
            zip.stream().map(ZipEntry::getName).forEach(entries::add);
            String defaultsEntry = "BOOT-INF/classes/vops/" + name + ".properties";
            ZipEntry entry = zip.getEntry(defaultsEntry);
            if (entry == null) {
                throw new IllegalStateException(jar + " has no " + defaultsEntry);
            }
            String text = new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
            Properties defaults = new Properties();
            defaults.load(new StringReader(text));
            Set<String> placeholders = new LinkedHashSet<>();
            Matcher m = PLACEHOLDER.matcher(text);
            while (m.find()) {
                placeholders.add(m.group(1));
            }
            List<MetadataProperty> metadata = new ArrayList<>();
            ZipEntry own = zip.getEntry("BOOT-INF/classes/" + METADATA);
            if (own != null) {
                readMetadata(zip.getInputStream(own), metadata);
            }
            for (String lib : entries) {
                if (lib.startsWith("BOOT-INF/lib/") && lib.endsWith(".jar")) {
                    // Boot stores nested jars uncompressed: streaming through them is cheap.
                    try (ZipInputStream in = new ZipInputStream(zip.getInputStream(zip.getEntry(lib)))) {
                        for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                            if (e.getName().equals(METADATA)) {
                                readMetadata(in, metadata);
                            }
                        }
                    }
                }
            }
            List<String> layers = new ArrayList<>();
            ZipEntry layersIdx = zip.getEntry("BOOT-INF/layers.idx");
            if (layersIdx != null) {
                for (String line : new String(zip.getInputStream(layersIdx).readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    Matcher l = LAYER.matcher(line.strip());
                    if (l.matches()) {
                        layers.add(l.group(1));
                    }
                }
            }
            return new ServiceJar(name, jar, defaults, placeholders, metadata, layers, entries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }

    private static void readMetadata(InputStream in, List<MetadataProperty> into) throws IOException {
        JsonNode root = JSON.readTree(in.readAllBytes());
        for (JsonNode p : root.path("properties")) {
            into.add(new MetadataProperty(p.path("name").asText(), p.path("type").isMissingNode() ? null : p.path("type").asText()));
        }
    }

    static boolean exists(Path jar) {
        return Files.isRegularFile(jar);
    }
}
