package io.edukit.vmservice.worker.snippets;

import java.util.List;

/**
 * The snippet directory of each Proxmox node ({@code local:snippets/<file>}). Every failure is a
 * {@link SnippetStoreException} with its failure class.
 */
public interface SnippetStore {

    /** Writes the file whole or not at all; writing the same content again is harmless. */
    void write(String node, String fileName, byte[] content);

    /** Removes the file; a file that is not there counts as removed. */
    void delete(String node, String fileName);

    /** The file names in the node's snippet directory, for finding orphans. */
    List<String> list(String node);
}
