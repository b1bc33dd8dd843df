package org.ipythonblocks.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The path rules every filter and mapper shares, and the order they run in. */
class RoutesTest {

    @Test
    void theApiAndOembedAnswerJsonPagesDoNot() {
        assertThat(Routes.answersJson("/post")).isTrue();
        assertThat(Routes.answersJson("/delete")).isTrue();
        assertThat(Routes.answersJson("/oembed")).isTrue();
        assertThat(Routes.answersJson("/get/bizkiL")).isTrue();
        assertThat(Routes.answersJson("/get/secret/MiXoi4")).isTrue();
        assertThat(Routes.answersJson("/bizkiL")).isFalse();
        assertThat(Routes.answersJson("/embed/bizkiL")).isFalse();
        assertThat(Routes.answersJson("/posts")).isFalse();
        assertThat(Routes.answersJson("/get")).isFalse();
    }

    @Test
    void onlyTheTwoWritingRoutesAreRateLimited() {
        assertThat(Routes.writes("/post")).isTrue();
        assertThat(Routes.writes("/delete")).isTrue();
        assertThat(Routes.writes("/get/bizkiL")).isFalse();
        assertThat(Routes.writes("/post/")).isFalse();
    }

    @Test
    void onlyEmbedPagesMayBeFramed() {
        assertThat(SecurityHeaders.mayBeFramed("/embed/bizkiL")).isTrue();
        assertThat(SecurityHeaders.mayBeFramed("/embed")).isFalse();
        assertThat(SecurityHeaders.mayBeFramed("/bizkiL")).isFalse();
    }

    @Test
    void theShutdownGateRunsFirstAndTheAccessLogSeesTheRequestId() {
        assertThat(Routes.Order.SHUTDOWN_GATE_FILTER).isGreaterThan(Routes.Order.REQUEST_IDS_FILTER);
        assertThat(Routes.Order.REQUEST_IDS_FILTER).isGreaterThan(Routes.Order.ACCESS_LOG_FILTER);
        assertThat(Routes.Order.ACCESS_LOG_FILTER).isGreaterThan(Routes.Order.SECURITY_HEADERS_FILTER);
        assertThat(Routes.Order.TRAILING_SLASH_ROUTE).isLessThan(Routes.Order.SITE_PAGES_ROUTE);
    }
}
