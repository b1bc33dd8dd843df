package org.ipythonblocks.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ipythonblocks.IpbConfig;
import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

class SettingsCheckTest {

    private static List<String> problems(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of("ipb.hashids.public-salt", "public", "ipb.hashids.secret-salt", "secret"));
        all.putAll(settings);
        IpbConfig config = new SmallRyeConfigBuilder().withMapping(IpbConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(all, "test", 100)).build().getConfigMapping(IpbConfig.class);
        return SettingsCheck.problems(config);
    }

    @Test
    void theDefaultsAreInBounds() {
        assertThat(problems(Map.of())).isEmpty();
    }

    @Test
    void eachSettingOutOfBoundsIsNamedWithItsBoundAndValue() {
        assertThat(problems(Map.of("ipb.public-base-url", "http://www.ipythonblocks.org/", "ipb.hashids.public-salt", " ",
                "ipb.hashids.min-length", "33", "ipb.post.max-body-bytes", "10485760", "ipb.cache.renders", "0",
                "ipb.rate-limit.trusted-proxy-hops", "-1", "ipb.reports.per-minute", "0"))).containsExactlyInAnyOrder(
                        "ipb.public-base-url must be an http(s) URL without a trailing slash, not \"http://www.ipythonblocks.org/\"",
                        "ipb.hashids.public-salt must not be blank",
                        "ipb.hashids.min-length must be at most 32, not 33",
                        "ipb.post.max-body-bytes must be at most 10485759, not 10485760",
                        "ipb.cache.renders must be at least 1, not 0",
                        "ipb.rate-limit.trusted-proxy-hops must be at least 0, not -1",
                        "ipb.reports.per-minute must be at least 1, not 0");
    }
}
