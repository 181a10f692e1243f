package dev.codeanatomy.delta.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The Kernel-internals adapter refuses a Kernel version it was not checked against. */
class KernelInternalsTest {

    @Test
    void theKernelOnTheClasspathIsThePinnedOne() {
        assertThat(KernelInternals.runtimeKernelVersion())
                .isEqualTo(KernelInternals.PINNED_KERNEL_VERSION);
    }

    @Test
    void anotherKernelVersionIsRefusedNamingBothVersions() {
        assertThatThrownBy(() -> KernelInternals.checkKernelVersion("4.5.0"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Delta Kernel 4.5.0 is on the classpath")
                .hasMessageContaining(
                        "checked against Kernel " + KernelInternals.PINNED_KERNEL_VERSION);
    }
}
