package io.edukit.vmservice.worker.execution;

import io.edukit.vmservice.worker.snippets.SnippetStore;
import io.edukit.vmservice.worker.steps.Channel;

import java.util.List;

/** The snippet store with every SFTP operation counted by its node's SSH circuit. */
class GuardedSnippetStore implements SnippetStore {

    private final SnippetStore delegate;
    private final NodeCircuits circuits;

    GuardedSnippetStore(SnippetStore delegate, NodeCircuits circuits) {
        this.delegate = delegate;
        this.circuits = circuits;
    }

    @Override
    public void write(String node, String fileName, byte[] content) {
        circuits.run(node, Channel.SSH, () -> delegate.write(node, fileName, content));
    }

    @Override
    public void delete(String node, String fileName) {
        circuits.run(node, Channel.SSH, () -> delegate.delete(node, fileName));
    }

    @Override
    public List<String> list(String node) {
        return circuits.call(node, Channel.SSH, () -> delegate.list(node));
    }
}
