import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * The Java reference for a big response: json-smart parses the body (Jayway's default provider,
 * as Genesys runs it) and each JSONPath of the translation map is read from it.
 *
 * <p>args: FILE ROUNDS PATH... ; prints one line per round: milliseconds for parse + every path,
 * after a JIT warm-up of 3 rounds.
 */
public class ParsePath {
    public static void main(String[] args) throws Exception {
        String text = new String(Files.readAllBytes(Paths.get(args[0])), StandardCharsets.UTF_8);
        int rounds = Integer.parseInt(args[1]);
        Configuration conf = Configuration.defaultConfiguration();
        JsonPath[] paths = new JsonPath[args.length - 2];
        for (int i = 2; i < args.length; i++) {
            paths[i - 2] = JsonPath.compile(args[i]);
        }
        int sink = 0;
        for (int round = -3; round < rounds; round++) {
            long start = System.nanoTime();
            Object document = conf.jsonProvider().parse(text);
            for (JsonPath path : paths) {
                Object value = path.read(document, conf);
                sink += value == null ? 0 : 1;
            }
            long elapsed = System.nanoTime() - start;
            if (round >= 0) {
                System.out.println(elapsed / 1e6);
            }
        }
        if (sink < 0) {
            System.out.println(sink);
        }
    }
}
