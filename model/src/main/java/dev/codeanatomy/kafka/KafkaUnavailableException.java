package dev.codeanatomy.kafka;

import java.io.IOException;

/**
 * A Kafka topic of the project cannot be used: the broker is unreachable, refused the credentials,
 * or the topic is missing. The message names the broker, the topic and the cause, with secrets
 * redacted ({@link KafkaClientProperties#explain}); the command line prints it without a stack
 * trace and exits with code 1.
 */
public final class KafkaUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message names the broker, the topic and the cause (secrets redacted)
     * @param cause what the Kafka client threw
     */
    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
