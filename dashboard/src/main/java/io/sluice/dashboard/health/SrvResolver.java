package io.sluice.dashboard.health;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * Finds a service's instances by a DNS SRV name, such as Mesos-DNS gives each named port of a
 * Marathon app: {@code _metrics._campaign-stats-sluice._tcp.marathon.mesos}.
 */
@FunctionalInterface
public interface SrvResolver {

  List<InetSocketAddress> resolve(String name) throws NamingException;

  /** The system's resolvers, through the JDK's DNS naming provider. */
  static SrvResolver system() {
    return name -> {
      Hashtable<String, String> env = new Hashtable<>();
      env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
      DirContext dns = new InitialDirContext(env);
      try {
        Attribute records = dns.getAttributes(name, new String[] {"SRV"}).get("SRV");
        List<InetSocketAddress> targets = new ArrayList<>();
        if (records == null) {
          return targets;
        }
        NamingEnumeration<?> values = records.getAll();
        while (values.hasMore()) {
          // "priority weight port target."
          String[] fields = values.next().toString().trim().split("\\s+");
          String host = fields[3].endsWith(".") ? fields[3].substring(0, fields[3].length() - 1) : fields[3];
          targets.add(InetSocketAddress.createUnresolved(host, Integer.parseInt(fields[2])));
        }
        return targets;
      } finally {
        dns.close();
      }
    };
  }
}
