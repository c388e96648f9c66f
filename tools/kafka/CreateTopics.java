import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates topics that do not exist yet: {@code java -cp <kafka libs> CreateTopics.java <bootstrap>
 * <partitions> <topic>...}. Run by ./callpulse as a single-file program, so the job never subscribes
 * to a topic that only the gateway's first record would auto-create.
 */
public class CreateTopics {
  public static void main(String[] args) throws Exception {
    int partitions = Integer.parseInt(args[1]);
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30000))) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = new ArrayList<>();
      for (int i = 2; i < args.length; i++) {
        if (!existing.contains(args[i])) {
          missing.add(new NewTopic(args[i], partitions, (short) 1));
        }
      }
      admin.createTopics(missing).all().get();
      System.out.println("created " + missing.size() + " topic(s), " + existing.size() + " existed");
    }
  }
}
