package dev.codeanatomy.cli;

import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.ContractsJson;
import dev.codeanatomy.contracts.DatasetContract;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code codeanatomy contracts}: prints the dataset contracts as Flink DDL or JSON. */
@Command(
        name = "contracts",
        mixinStandardHelpOptions = true,
        description = "Print the dataset contracts (inputs and CPG outputs) as Flink DDL or JSON.")
final class ContractsCommand implements Callable<Integer> {

    static final class Format {
        @Option(names = "--ddl", description = "Flink CREATE TABLE statements (the default).")
        boolean ddl;

        @Option(names = "--json", description = "The same contracts as JSON.")
        boolean json;
    }

    @ArgGroup(exclusive = true)
    Format format = new Format();

    @Option(
            names = {"-d", "--dataset"},
            description = "Only this dataset (repeatable), e.g. cpg_edges.")
    List<String> datasets = List.of();

    @Override
    public Integer call() {
        if (format.json) {
            System.out.println(
                    datasets.isEmpty()
                            ? ContractsJson.text()
                            : selected().stream().map(ContractsJson::toJson).toList());
            return 0;
        }
        for (DatasetContract c : selected()) {
            System.out.println(c.ddl(c.name(), Map.of()) + ";\n");
        }
        return 0;
    }

    private List<DatasetContract> selected() {
        return datasets.isEmpty()
                ? Contracts.all()
                : datasets.stream().map(Contracts::get).toList();
    }
}
