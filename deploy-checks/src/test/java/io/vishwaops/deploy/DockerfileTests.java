package io.vishwaops.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/Dockerfile read statically against the jars it packages (no Docker engine on the build machine):
 * the layers it copies, the launcher it starts, the user it runs as.
 */
class DockerfileTests {

    private static final String DOCKERFILE = Deploy.read(Deploy.dir().resolve("Dockerfile"));
    private static final Pattern LAYER_COPY = Pattern.compile("(?m)^COPY --from=build /layers/([a-z-]+)/ \\./$");

    static List<String> services() {
        return Deploy.SERVICES;
    }

    @ParameterizedTest
    @MethodSource("services")
    void copiesEveryLayerOfTheJarInTheJarsOrder(String name) {
        List<String> copied = new ArrayList<>();
        Matcher m = LAYER_COPY.matcher(DOCKERFILE);
        while (m.find()) {
            copied.add(m.group(1));
        }
        assertThat(copied).isEqualTo(Deploy.jar(name).layers());
    }

    @ParameterizedTest
    @MethodSource("services")
    void extractsTheJarTheBuildProducesAndStartsALauncherItContains(String name) {
        ServiceJar jar = Deploy.jar(name);
        String produced = jar.jar().getFileName().toString().replace(name, "${SERVICE}");
        assertThat(DOCKERFILE).contains("\"${SERVICE}/target/" + produced + "\"");
        assertThat(DOCKERFILE).contains("-Djarmode=tools -jar", "extract --layers --launcher");
        assertThat(jar.entries()).contains("BOOT-INF/lib/" + jarmodeTools(jar));
        Matcher launcher = Pattern.compile("\"(org\\.springframework\\.boot\\.loader\\.launch\\.\\w+)\"]").matcher(DOCKERFILE);
        assertThat(launcher.find()).isTrue();
        assertThat(jar.entries()).contains(launcher.group(1).replace('.', '/') + ".class");
    }

    private static String jarmodeTools(ServiceJar jar) {
        return jar.entries().stream().filter(e -> e.startsWith("BOOT-INF/lib/spring-boot-jarmode-tools-"))
                .map(e -> e.substring("BOOT-INF/lib/".length())).findFirst()
                .orElseThrow(() -> new AssertionError(jar.name() + " ships no spring-boot-jarmode-tools"));
    }

    @Test
    void runsAsTheNumericNonRootUserTheManifestsExpect() {
        assertThat(DOCKERFILE).containsPattern("(?m)^USER 10001:10001$");
        assertThat(Deploy.read(Deploy.dir().resolve("k8s/base/apps/gateway/deployment.yaml"))).contains("runAsUser: 10001");
    }

    @Test
    void startsTheJvmWithTheFlagsTheTestsRunWith() {
        // the services are tested with these flags (vops.test.jvm in the root pom); the image must not run without them
        String pom = Deploy.read(Deploy.repository().resolve("pom.xml"));
        for (String flag : List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow")) {
            assertThat(pom).contains(flag);
            assertThat(DOCKERFILE).contains("\"" + flag + "\"");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void ciBuildsAnImageOfEveryServiceFromThisDockerfileOnTags() {
        var ci = Deploy.yaml(Deploy.repository().resolve(".github/workflows/ci.yml"));
        var images = (java.util.Map<String, Object>) ((java.util.Map<String, Object>) ci.get("jobs")).get("images");
        assertThat((String) images.get("if")).contains("refs/tags/v");
        var matrix = (java.util.Map<String, Object>) ((java.util.Map<String, Object>) images.get("strategy")).get("matrix");
        assertThat((List<String>) matrix.get("service")).containsExactlyElementsOf(Deploy.SERVICES);
        assertThat(Deploy.read(Deploy.repository().resolve(".github/workflows/ci.yml"))).contains("file: deploy/Dockerfile",
                "build-args: SERVICE=${{ matrix.service }}", "run: bash .ci/run");
    }
}
