package dev.codeanatomy.contracts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contract versions a build reads: per input dataset its current contract and the chain of
 * {@link ContractUpgrader}s from its oldest supported version to the current one ({@code v1 → v2 →
 * … → current}). Bundle decoding ({@code BundleCodec}) reads a dataset batch of the current version
 * as is and one of an older supported version through the chain; any other version has no path.
 *
 * <p>{@link #standard()} is the build's registry ({@link Contracts#INPUTS} and {@link
 * Contracts#UPGRADERS}); tests build others with {@link #of}.
 */
public final class ContractUpgrades {

    private static final ContractUpgrades STANDARD = of(Contracts.INPUTS, Contracts.UPGRADERS);

    private final Map<String, DatasetContract> current;
    private final Map<String, List<ContractUpgrader>> chains;

    private ContractUpgrades(
            Map<String, DatasetContract> current, Map<String, List<ContractUpgrader>> chains) {
        this.current = current;
        this.chains = chains;
    }

    /** The build's registry: the project's contracts and their registered upgraders. */
    public static ContractUpgrades standard() {
        return STANDARD;
    }

    /**
     * A registry of {@code current} contracts and {@code upgraders} between their versions.
     *
     * @throws IllegalArgumentException naming the dataset and versions when an upgrader is of a
     *     dataset not in {@code current}, two upgraders start at one version, the chain has a gap,
     *     one step's newer columns differ from the next step's older ones, or the chain does not
     *     end at the current contract's version and columns
     */
    public static ContractUpgrades of(
            List<DatasetContract> current, List<ContractUpgrader> upgraders) {
        Map<String, DatasetContract> byName = new LinkedHashMap<>();
        for (DatasetContract c : current) {
            if (byName.put(c.name(), c) != null) {
                throw new IllegalArgumentException("dataset " + c.name() + " is listed twice");
            }
        }
        Map<String, List<ContractUpgrader>> chains = new LinkedHashMap<>();
        for (ContractUpgrader u : upgraders) {
            if (!byName.containsKey(u.dataset())) {
                throw new IllegalArgumentException(u + ": dataset " + u.dataset() + " is unknown");
            }
            chains.computeIfAbsent(u.dataset(), k -> new ArrayList<>()).add(u);
        }
        for (Map.Entry<String, List<ContractUpgrader>> e : chains.entrySet()) {
            List<ContractUpgrader> chain = e.getValue();
            chain.sort(Comparator.comparingInt(u -> u.from().version()));
            for (int i = 1; i < chain.size(); i++) {
                joins(chain.get(i - 1).to(), chain.get(i).from());
            }
            joins(chain.get(chain.size() - 1).to(), byName.get(e.getKey()));
            e.setValue(List.copyOf(chain));
        }
        return new ContractUpgrades(Map.copyOf(byName), Map.copyOf(chains));
    }

    /** Checks that {@code newer} (a step's result) is {@code next} (the next step's input). */
    private static void joins(DatasetContract newer, DatasetContract next) {
        if (newer.version() != next.version()) {
            throw new IllegalArgumentException(
                    newer.name()
                            + ": the upgraders reach v"
                            + newer.version()
                            + " but the next version known is v"
                            + next.version()
                            + " (two upgraders from one version, or a gap in the chain)");
        }
        if (!newer.columns().stream()
                .map(ContractUpgrades::shape)
                .toList()
                .equals(next.columns().stream().map(ContractUpgrades::shape).toList())) {
            throw new IllegalArgumentException(
                    newer.name()
                            + " v"
                            + newer.version()
                            + ": the columns an upgrader produces differ from the contract of"
                            + " that version");
        }
    }

    private static String shape(ContractColumn c) {
        return c.ddl();
    }

    /** The current contract of a dataset, if the registry has it. */
    public Optional<DatasetContract> current(String dataset) {
        return Optional.ofNullable(current.get(dataset));
    }

    /** The upgraders of a dataset, oldest version first; empty when it has none. */
    public List<ContractUpgrader> upgraders(String dataset) {
        return chains.getOrDefault(dataset, List.of());
    }

    /**
     * The steps from {@code version} of {@code dataset} to its current version: empty for the
     * current version, none (an empty optional) for an unknown dataset or a version outside {@link
     * #supportedVersions}.
     */
    public Optional<List<ContractUpgrader>> path(String dataset, int version) {
        DatasetContract c = current.get(dataset);
        if (c == null) {
            return Optional.empty();
        }
        if (version == c.version()) {
            return Optional.of(List.of());
        }
        List<ContractUpgrader> chain = upgraders(dataset);
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i).from().version() == version) {
                return Optional.of(chain.subList(i, chain.size()));
            }
        }
        return Optional.empty();
    }

    /**
     * The versions of a known dataset this registry reads, for messages: {@code 1..3}, or {@code
     * 1}.
     *
     * @throws IllegalArgumentException for an unknown dataset
     */
    public String supportedVersions(String dataset) {
        DatasetContract c = current.get(dataset);
        if (c == null) {
            throw new IllegalArgumentException("dataset " + dataset + " is unknown");
        }
        List<ContractUpgrader> chain = upgraders(dataset);
        return chain.isEmpty()
                ? Integer.toString(c.version())
                : chain.get(0).from().version() + ".." + c.version();
    }
}
