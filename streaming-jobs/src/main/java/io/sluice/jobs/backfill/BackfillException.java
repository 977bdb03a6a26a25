package io.sluice.jobs.backfill;

/** Why a backfill cannot run as asked; the message names the setting to change or the server at fault. */
public final class BackfillException extends Exception {

  private static final long serialVersionUID = 1L;

  /** What went wrong: the request (a setting) or a server. */
  public enum Kind {
    /** The topic does not exist. */
    NO_SUCH_TOPIC,
    /** The range cannot be backfilled: beyond the topic's retention, in the future, or still open. */
    REFUSED_RANGE,
    /** Kafka did not answer as expected. */
    KAFKA
  }

  private final Kind kind;

  BackfillException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  static BackfillException noSuchTopic(String topic) {
    return new BackfillException(Kind.NO_SUCH_TOPIC, "topic " + topic + " does not exist (--topic)", null);
  }

  static BackfillException refused(String message) {
    return new BackfillException(Kind.REFUSED_RANGE, message, null);
  }

  static BackfillException kafka(String doing, Throwable cause) {
    return new BackfillException(Kind.KAFKA, "Kafka failed " + doing + ": " + cause.getMessage()
        + " (--kafka-bootstrap-servers)", cause);
  }

  public Kind kind() {
    return kind;
  }
}
