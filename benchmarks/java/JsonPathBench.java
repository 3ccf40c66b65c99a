import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Arrays;

/**
 * Warm Jayway timings for benchmarks/jsonpath.py: args FILE REPEAT PATH...; the document is
 * parsed once with the default json-smart provider, each path is compiled once, read WARMUP
 * times untimed (the JIT settles), then REPEAT times. Prints "median_ms<TAB>path" per path.
 */
public class JsonPathBench {
    public static void main(String[] args) throws Exception {
        String text = new String(Files.readAllBytes(Paths.get(args[0])), StandardCharsets.UTF_8);
        int repeat = Integer.parseInt(args[1]);
        Object document = Configuration.defaultConfiguration().jsonProvider().parse(text);
        for (int k = 2; k < args.length; k++) {
            JsonPath path = JsonPath.compile(args[k]);
            for (int i = 0; i < 30; i++) {
                path.read(document);
            }
            double[] samples = new double[repeat];
            for (int i = 0; i < repeat; i++) {
                long start = System.nanoTime();
                path.read(document);
                samples[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(samples);
            System.out.println(samples[repeat / 2] + "\t" + args[k]);
        }
    }
}
