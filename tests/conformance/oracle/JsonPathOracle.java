import com.jayway.jsonpath.JsonPath;
import net.minidev.json.JSONObject;
import net.minidev.json.JSONValue;
import net.minidev.json.parser.JSONParser;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Reference harness for Jayway JsonPath (any 2.x on the classpath: build.sh compiles it once per
 * version) with its default configuration. The document is handed over as text so the version's
 * own json-smart parses it (its map order decides deep-scan order) and prints the result.
 *
 * <p>stdin: one JSON object per line, {"path": str, "json": str}. stdout: one line per case,
 * {"ok": true, "definite": bool, "result": JSONValue.toJSONString(JsonPath.read(json, path))} or
 * {"ok": false, "error": exception simple class name, "message": str}.
 */
public class JsonPathOracle {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                continue;
            }
            JSONObject answer = new JSONObject();
            try {
                // DEL is valid raw JSON but json-smart's strict mode rejects it: escape it first.
                // A fresh parser per line: this json-smart build keeps its depth counter after errors.
                JSONParser lineParser = new JSONParser(JSONParser.MODE_RFC4627);
                JSONObject kase = (JSONObject) lineParser.parse(line.replace("\u007f", "\\u007f"));
                String path = (String) kase.get("path");
                String json = (String) kase.get("json");
                answer.put("definite", JsonPath.compile(path).isDefinite());
                Object result = JsonPath.read(json, path);
                answer.put("ok", true);
                answer.put("result", JSONValue.toJSONString(result));
            } catch (Throwable e) {
                answer.put("ok", false);
                answer.put("error", e.getClass().getSimpleName());
                answer.put("message", String.valueOf(e.getMessage()));
            }
            out.println(answer.toJSONString());
            out.flush();
        }
        out.flush();
    }
}
