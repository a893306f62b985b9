/** Listing storage content: snippets on {@code local}, VM volumes on {@code local-lvm}. */
@NullMarked
package io.edukit.vmservice.proxmoxsim.storage;

import org.jspecify.annotations.NullMarked;
