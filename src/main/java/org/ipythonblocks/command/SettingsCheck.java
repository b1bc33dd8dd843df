package org.ipythonblocks.command;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.ipythonblocks.IpbConfig;

import io.quarkus.runtime.StartupEvent;

/**
 * The bounds of the {@code ipb.*} settings, checked first thing at start-up (web and commands alike):
 * a value out of bounds stops the process with one line per problem, naming the setting, its bound and
 * the value given, and exit code 1. This replaces Hibernate Validator's constraints on {@link IpbConfig},
 * the only thing that extension did here (it cost the JVM dyno about 0.13 s of start-up and 9 MiB:
 * docs/performance.md, "Extensions and features weighed").
 */
@jakarta.inject.Singleton
public class SettingsCheck {

    @Inject
    IpbConfig config;

    void checkFirst(@Observes @Priority(0) StartupEvent start) {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            System.err.println("ipythonblocks: " + String.join("; ", problems));
            System.err.flush();
            Runtime.getRuntime().halt(1); // nothing has started that needs stopping
        }
    }

    /** Every setting out of its bounds, one sentence each; empty when all are in bounds. */
    static List<String> problems(IpbConfig config) {
        List<String> problems = new ArrayList<>();
        if (!config.publicBaseUrl().matches("https?://[^/\\s]+(/[^\\s]*[^/\\s])?")) {
            problems.add("ipb.public-base-url must be an http(s) URL without a trailing slash, not \"" + config.publicBaseUrl() + "\"");
        }
        notBlank(problems, "ipb.hashids.public-salt", config.hashids().publicSalt());
        notBlank(problems, "ipb.hashids.secret-salt", config.hashids().secretSalt());
        within(problems, "ipb.hashids.min-length", config.hashids().minLength(), 1, 32);
        within(problems, "ipb.post.max-body-bytes", config.post().maxBodyBytes(), 1024, 10 * 1024 * 1024 - 1);
        within(problems, "ipb.post.in-flight-bytes", config.post().inFlightBytes(), 1024, Long.MAX_VALUE);
        within(problems, "ipb.bodies.min-bytes-per-second", config.bodies().minBytesPerSecond(), 1, Integer.MAX_VALUE);
        within(problems, "ipb.import.batch-size", config.importer().batchSize(), 1, 10000);
        within(problems, "ipb.import.threads", config.importer().threads(), 1, 16);
        within(problems, "ipb.import.max-input-bytes", config.importer().maxInputBytes(), 1, Long.MAX_VALUE);
        within(problems, "ipb.cache.max-bytes", config.cache().maxBytes(), 0, Long.MAX_VALUE);
        within(problems, "ipb.cache.renders", config.cache().renders(), 1, 64);
        within(problems, "ipb.rate-limit.burst", config.rateLimit().burst(), 1, Integer.MAX_VALUE);
        within(problems, "ipb.rate-limit.per-minute", config.rateLimit().perMinute(), 1, Integer.MAX_VALUE);
        config.rateLimit().trustedProxyHops().ifPresent(hops -> within(problems, "ipb.rate-limit.trusted-proxy-hops", hops, 0, 5));
        within(problems, "ipb.deletes.burst", config.deletes().burst(), 1, Integer.MAX_VALUE);
        within(problems, "ipb.deletes.per-minute", config.deletes().perMinute(), 1, Integer.MAX_VALUE);
        within(problems, "ipb.reports.burst", config.reports().burst(), 1, Integer.MAX_VALUE);
        within(problems, "ipb.reports.per-minute", config.reports().perMinute(), 1, Integer.MAX_VALUE);
        return problems;
    }

    private static void notBlank(List<String> problems, String name, String value) {
        if (value.isBlank()) {
            problems.add(name + " must not be blank");
        }
    }

    private static void within(List<String> problems, String name, long value, long min, long max) {
        if (value < min) {
            problems.add(name + " must be at least " + min + ", not " + value);
        } else if (value > max) {
            problems.add(name + " must be at most " + max + ", not " + value);
        }
    }
}
