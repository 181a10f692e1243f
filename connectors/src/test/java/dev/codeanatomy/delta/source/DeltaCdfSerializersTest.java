package dev.codeanatomy.delta.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeltaCdfSerializersTest {

    @Test
    void splitRoundTripsEveryField() throws IOException {
        DeltaCdfSplitSerializer ser = DeltaCdfSplitSerializer.INSTANCE;
        for (DeltaCdfSplit split :
                List.of(
                        new DeltaCdfSplit(new DeltaCdfPosition(true, 7, 3, 12345L), 7),
                        new DeltaCdfSplit(
                                new DeltaCdfPosition(false, Long.MAX_VALUE - 1, 0, 0),
                                DeltaCdfSplit.UNBOUNDED))) {
            DeltaCdfSplit back = ser.deserialize(ser.getVersion(), ser.serialize(split));
            assertThat(back).isEqualTo(split);
            assertThat(back.bounded()).isEqualTo(split.bounded());
        }
    }

    @Test
    void enumeratorStateRoundTrips() throws IOException {
        DeltaCdfEnumeratorStateSerializer ser = DeltaCdfEnumeratorStateSerializer.INSTANCE;
        DeltaCdfEnumeratorState pending =
                new DeltaCdfEnumeratorState(
                        List.of(new DeltaCdfSplit(DeltaCdfPosition.changesAt(42), 50)), true);
        assertThat(ser.deserialize(ser.getVersion(), ser.serialize(pending))).isEqualTo(pending);
        DeltaCdfEnumeratorState fresh = DeltaCdfEnumeratorState.fresh();
        assertThat(ser.deserialize(ser.getVersion(), ser.serialize(fresh))).isEqualTo(fresh);
    }

    @Test
    void unknownVersionsAreRefusedByName() {
        assertThatThrownBy(() -> DeltaCdfSplitSerializer.INSTANCE.deserialize(99, new byte[0]))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 99");
        assertThatThrownBy(
                        () ->
                                DeltaCdfEnumeratorStateSerializer.INSTANCE.deserialize(
                                        99, new byte[0]))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 99");
    }

    @Test
    void startupModesParseTheirOptionValues() {
        for (StartupMode m : StartupMode.values()) {
            assertThat(StartupMode.fromOption(m.option())).isEqualTo(m);
        }
        assertThatThrownBy(() -> StartupMode.fromOption("earliest"))
                .hasMessageContaining("earliest")
                .hasMessageContaining("snapshot-then-changes");
    }
}
