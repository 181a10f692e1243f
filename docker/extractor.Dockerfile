# The extractor image for CI runs: JRE 17, git, Node.js with scip-python at the version
# scripts/setup-scip-python.sh pins, the CLI jar and bin/codeanatomy. Build from the repository
# root after `mvn -B package -DskipTests -pl cli -am`:
#   docker build -f docker/extractor.Dockerfile -t REGISTRY/codeanatomy-extractor:VERSION .
# Run: docker run --rm -v "$PWD:/src" REGISTRY/codeanatomy-extractor:VERSION \
#        extract --git /src --from A --to B --kafka HOST:9093 --kafka-properties /run/kafka.properties
FROM eclipse-temurin:17-jre

RUN apt-get update \
 && apt-get install -y --no-install-recommends git nodejs npm ca-certificates \
 && rm -rf /var/lib/apt/lists/*

# The project's layout under /opt/codeanatomy: bin/codeanatomy runs cli/target/codeanatomy.jar
# (it builds the jar only when it is missing), scripts/setup-scip-python.sh installs the pinned
# scip-python into .tools/scip-python, where the extractor looks for it.
WORKDIR /opt/codeanatomy
COPY bin/codeanatomy bin/codeanatomy
COPY scripts/setup-scip-python.sh scripts/setup-scip-python.sh
COPY cli/target/codeanatomy.jar cli/target/codeanatomy.jar
RUN scripts/setup-scip-python.sh

# git refuses repositories owned by another user (the mounted checkout) without this
RUN git config --system --add safe.directory '*'

ENTRYPOINT ["/opt/codeanatomy/bin/codeanatomy"]
CMD ["--help"]
