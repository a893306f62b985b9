package io.edukit.vmservice.worker.catalog;

/** One node's copy of an OS image's template: cloned there onto {@code storage}. */
public record ImagePlacement(String osImage, String node, int templateVmid, String storage) {
}
