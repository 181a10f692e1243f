package dev.codeanatomy.tests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One scrape of a Prometheus text exposition (format 0.0.4): its samples, with the series name,
 * labels and value. Comment lines ({@code # HELP}, {@code # TYPE}) are skipped.
 */
public record PrometheusScrape(List<Sample> samples) {

    /** One sample line: {@code name{k="v",…} value}. */
    public record Sample(String name, Map<String, String> labels, double value) {}

    /** GETs {@code url} and parses the body; throws on a status other than 200. */
    public static PrometheusScrape fetch(String url) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r =
                client.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(20))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(url + " answered HTTP " + r.statusCode());
        }
        return parse(r.body());
    }

    /**
     * Parses an exposition.
     *
     * @throws IllegalArgumentException naming the line that is not a sample or a comment
     */
    public static PrometheusScrape parse(String text) {
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                out.add(sample(line.strip()));
            }
        }
        return new PrometheusScrape(out);
    }

    /** One sample line, scanned by hand: label values can be long (operator names hold SQL). */
    private static Sample sample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                if (eq < 0 || line.charAt(eq + 1) != '"') {
                    throw new IllegalArgumentException("not a Prometheus sample line: " + line);
                }
                String key = line.substring(i, eq).strip();
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                while (line.charAt(j) != '"') {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char e = line.charAt(++j);
                        value.append(e == 'n' ? '\n' : e);
                    } else {
                        value.append(c);
                    }
                    j++;
                }
                labels.put(key, value.toString());
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            i++;
        }
        String[] rest = line.substring(i).strip().split("\\s+");
        if (name.isEmpty() || rest.length == 0 || rest[0].isEmpty()) {
            throw new IllegalArgumentException("not a Prometheus sample line: " + line);
        }
        return new Sample(name, labels, Double.parseDouble(rest[0]));
    }

    /** Samples of series {@code name} whose labels pass {@code filter}. */
    public List<Sample> series(String name, Predicate<Map<String, String>> filter) {
        return samples.stream()
                .filter(s -> s.name().equals(name) && filter.test(s.labels()))
                .toList();
    }

    /** The sum of series {@code name} over the samples whose labels pass {@code filter}. */
    public double sum(String name, Predicate<Map<String, String>> filter) {
        return series(name, filter).stream().mapToDouble(Sample::value).sum();
    }

    /** Whether any sample's series name is {@code name}. */
    public boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }
}
