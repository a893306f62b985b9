package io.edukit.vmservice.worker.templatechecks;

/** Why OPS asked for a check. A verification only reports; the others change the catalog when every template passes. */
enum CheckPurpose {
    VERIFY,
    ADD,
    UPDATE,
    ACTIVATE;

    boolean changesCatalog() {
        return this != VERIFY;
    }
}
