package org.takedown;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The carriers of virtual threads: four per processor unless the operator set a number. */
class VirtualThreadCarriersTests {

    private String before;

    @BeforeEach
    void keep() {
        before = System.getProperty(VirtualThreadCarriers.PARALLELISM);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(VirtualThreadCarriers.PARALLELISM);
        } else {
            System.setProperty(VirtualThreadCarriers.PARALLELISM, before);
        }
    }

    @Test
    void fourCarriersPerProcessorUnlessSet() {
        System.clearProperty(VirtualThreadCarriers.PARALLELISM);

        int carriers = VirtualThreadCarriers.configure();

        assertThat(carriers).isEqualTo(4 * Runtime.getRuntime().availableProcessors());
        assertThat(System.getProperty(VirtualThreadCarriers.PARALLELISM)).isEqualTo(Integer.toString(carriers));
        assertThat(VirtualThreadCarriers.carriers(2)).isEqualTo(8);
        assertThat(VirtualThreadCarriers.carriers(0)).isEqualTo(4);
    }

    @Test
    void theOperatorsNumberStands() {
        System.setProperty(VirtualThreadCarriers.PARALLELISM, " 3 ");

        assertThat(VirtualThreadCarriers.configure()).isEqualTo(3);
        assertThat(System.getProperty(VirtualThreadCarriers.PARALLELISM)).isEqualTo(" 3 ");
    }
}
