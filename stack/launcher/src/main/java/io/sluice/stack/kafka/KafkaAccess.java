package io.sluice.stack.kafka;

import io.sluice.stack.security.StackPrincipal;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The least privileges of a secure stack's Kafka principals, as ACLs: the producer may write the
 * events topic and nothing else; the job may read it (in Spark's consumer groups) and write the
 * dead-letter topic. The admin is a super user and needs none. Granting is idempotent.
 */
public final class KafkaAccess {

  /** Spark names its Kafka consumer groups {@code spark-kafka-source-*} and {@code spark-kafka-relation-*}. */
  static final String SPARK_GROUP_PREFIX = "spark-kafka-";

  private KafkaAccess() {
  }

  /** Creates the topics (as the admin) and grants the principals their access to them. */
  public static void grant(Admin admin, String eventsTopic, String deadLetterTopic, int partitions) throws Exception {
    EventTopics.create(admin, eventsTopic, partitions);
    EventTopics.create(admin, deadLetterTopic, partitions);
    admin.createAcls(bindings(eventsTopic, deadLetterTopic)).all().get();
  }

  static List<AclBinding> bindings(String eventsTopic, String deadLetterTopic) {
    List<AclBinding> acls = new ArrayList<>();
    ResourcePattern events = new ResourcePattern(ResourceType.TOPIC, eventsTopic, PatternType.LITERAL);
    ResourcePattern deadLetters = new ResourcePattern(ResourceType.TOPIC, deadLetterTopic, PatternType.LITERAL);
    ResourcePattern sparkGroups = new ResourcePattern(ResourceType.GROUP, SPARK_GROUP_PREFIX, PatternType.PREFIXED);
    allow(acls, StackPrincipal.PRODUCER, events, AclOperation.WRITE, AclOperation.DESCRIBE);
    allow(acls, StackPrincipal.JOB, events, AclOperation.READ, AclOperation.DESCRIBE);
    allow(acls, StackPrincipal.JOB, deadLetters, AclOperation.WRITE, AclOperation.DESCRIBE);
    allow(acls, StackPrincipal.JOB, sparkGroups, AclOperation.READ);
    return acls;
  }

  private static void allow(List<AclBinding> acls, StackPrincipal principal, ResourcePattern resource,
                            AclOperation... operations) {
    for (AclOperation operation : operations) {
      acls.add(new AclBinding(resource, new AccessControlEntry("User:" + principal.username(), "*", operation,
          AclPermissionType.ALLOW)));
    }
  }
}
