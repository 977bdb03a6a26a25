package io.sluice.jobs.backfill;

import io.sluice.config.SharedSettings;

/** Why a backfill cannot run as asked; the message names the setting to change or the server at fault. */
public final class BackfillException extends Exception {

  private static final long serialVersionUID = 1L;

  /** What went wrong: the request (a setting) or a server. */
  public enum Kind {
    /** The topic does not exist. */
    NO_SUCH_TOPIC,
    /** The range cannot be backfilled: part of it is no longer in the topic. */
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
    return new BackfillException(Kind.NO_SUCH_TOPIC, "topic " + topic + " does not exist ("
        + SharedSettings.TOPIC.flag() + ")", null);
  }

  static BackfillException refused(String message) {
    return new BackfillException(Kind.REFUSED_RANGE, message, null);
  }

  static BackfillException kafka(String doing, Throwable cause) {
    return new BackfillException(Kind.KAFKA, "Kafka failed " + doing + ": " + cause.getMessage() + " ("
        + SharedSettings.KAFKA_BOOTSTRAP_SERVERS.flag() + ")", cause);
  }

  public Kind kind() {
    return kind;
  }
}
