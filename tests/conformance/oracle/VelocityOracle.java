import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.minidev.json.JSONValue;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.exception.MethodInvocationException;
import org.apache.velocity.exception.ParseErrorException;
import org.apache.velocity.tools.generic.EscapeTool;
import org.apache.velocity.tools.generic.MathTool;

/**
 * Reference renderer: Apache Velocity 1.7 with velocity-tools 2.0 EscapeTool/MathTool.
 * Reads JSON lines {"template": str, "context": {...}}; writes one JSON result line per case.
 */
public final class VelocityOracle {
    public static void main(String[] args) throws Exception {
        VelocityEngine engine = new VelocityEngine();
        engine.setProperty("runtime.log.logsystem.class",
                "org.apache.velocity.runtime.log.NullLogChute");
        engine.setProperty("runtime.references.strict", "false");
        engine.init();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            out.println(JSONValue.toJSONString(renderOne(engine, line)));
            out.flush();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> renderOne(VelocityEngine engine, String line) {
        Map<String, Object> result = new LinkedHashMap<>();
        try {
            Map<String, Object> c = (Map<String, Object>) plain(JSONValue.parseKeepingOrder(line));
            String template = (String) c.get("template");
            Object context = c.get("context");
            Map<String, Object> values = context == null
                    ? new LinkedHashMap<>() : (Map<String, Object>) context;
            VelocityContext ctx = new VelocityContext(values);
            ctx.put("esc", new EscapeTool());
            ctx.put("math", new MathTool());
            StringWriter w = new StringWriter();
            engine.evaluate(ctx, w, "template", template);
            result.put("ok", true);
            result.put("output", w.toString());
        } catch (ParseErrorException e) {
            fail(result, e, e.getLineNumber(), e.getColumnNumber());
        } catch (MethodInvocationException e) {
            fail(result, e, e.getLineNumber(), e.getColumnNumber());
        } catch (Throwable e) {
            fail(result, e, null, null);
        }
        return result;
    }

    /** json-smart containers render as JSON; Genesys hands Velocity plain Java collections. */
    @SuppressWarnings("unchecked")
    private static Object plain(Object v) {
        if (v instanceof Map) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) v).entrySet()) {
                m.put(e.getKey(), plain(e.getValue()));
            }
            return m;
        }
        if (v instanceof List) {
            List<Object> l = new ArrayList<>();
            for (Object o : (List<Object>) v) {
                l.add(plain(o));
            }
            return l;
        }
        return v;
    }

    private static void fail(Map<String, Object> result, Throwable e, Integer line, Integer col) {
        result.put("ok", false);
        result.put("error", e.getClass().getSimpleName());
        result.put("line", line);
        result.put("column", col);
        String msg = String.valueOf(e.getMessage());
        result.put("message", msg.length() > 300 ? msg.substring(0, 300) : msg);
    }
}
