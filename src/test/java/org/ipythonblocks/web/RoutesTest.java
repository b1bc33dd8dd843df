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
    void onlyTheThreeAddressesThatTakeABodyAreGuardedAgainstOtherSites() {
        assertThat(Routes.takesBody("/post")).isTrue();
        assertThat(Routes.takesBody("/delete")).isTrue();
        assertThat(Routes.takesBody("/report")).isTrue();
        assertThat(Routes.takesBody("/get/bizkiL")).isFalse();
        assertThat(Routes.takesBody("/post/")).isFalse();
    }

    @Test
    void onlyTheThreeAddressesThatTakeABodyTakePost() {
        assertThat(Routes.allow("/post")).isEqualTo("POST, OPTIONS");
        assertThat(Routes.allow("/delete")).isEqualTo("POST, OPTIONS");
        assertThat(Routes.allow("/report")).isEqualTo("POST, OPTIONS");
        assertThat(Routes.allow("/report/received")).isEqualTo("GET, HEAD, OPTIONS");
        assertThat(Routes.allow("/")).isEqualTo("GET, HEAD, OPTIONS");
        assertThat(Routes.allow("/post/")).isEqualTo("GET, HEAD, OPTIONS");
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
        assertThat(Routes.Order.ACCESS_LOG_FILTER).isGreaterThan(Routes.Order.MESSAGE_FRAMING_FILTER);
        assertThat(Routes.Order.MESSAGE_FRAMING_FILTER).isGreaterThan(Routes.Order.ACCEPT_HEADERS_FILTER);
        assertThat(Routes.Order.ACCEPT_HEADERS_FILTER).isGreaterThan(Routes.Order.SECURITY_HEADERS_FILTER);
        assertThat(Routes.Order.SECURITY_HEADERS_FILTER).isGreaterThan(Routes.Order.OPTIONS_FILTER);
        assertThat(Routes.Order.OPTIONS_FILTER).isGreaterThan(Routes.Order.POST_SIZE_FILTER);
        assertThat(Routes.Order.TRAILING_SLASH_ROUTE).isLessThan(Routes.Order.SITE_PAGES_ROUTE);
    }
}
