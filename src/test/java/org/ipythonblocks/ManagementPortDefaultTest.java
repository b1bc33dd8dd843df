package org.ipythonblocks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where the management interface listens when IPB_MANAGEMENT_PORT does not say. */
class ManagementPortDefaultTest {

    @Test
    void nineThousandOnADynoWhichIsAloneInItsContainer() {
        assertThat(ManagementPortDefault.port("web.1", "23456")).isEqualTo(9000);
        assertThat(ManagementPortDefault.port("web.2", null)).isEqualTo(9000);
    }

    @Test
    void aThousandAboveThePortElsewhereSoTwoLocalProcessesGetTwo() {
        // heroku local web=2: web.1 on 5000, web.2 on 5001
        assertThat(ManagementPortDefault.port(null, "5000")).isEqualTo(6000);
        assertThat(ManagementPortDefault.port(null, "5001")).isEqualTo(6001);
        assertThat(ManagementPortDefault.port(null, " 8080 ")).isEqualTo(9080);
    }

    @Test
    void aPortChosenBySystemGivesOneChosenBySystemToo() {
        assertThat(ManagementPortDefault.port(null, "0")).isZero();
    }

    @Test
    void nineThousandWithoutAPortOrWhenTheSumWouldNotBeOne() {
        assertThat(ManagementPortDefault.port(null, null)).isEqualTo(9000);
        assertThat(ManagementPortDefault.port(null, "65000")).isEqualTo(9000);
        assertThat(ManagementPortDefault.port(null, "eighty")).isEqualTo(9000);
    }
}
