package io.edukit.vmservice.api.catalog;

import org.springframework.data.repository.Repository;

import java.util.List;
import java.util.Optional;

/** The images of the catalog, read; OPS change them through the template checks. */
public interface OsImageCatalog extends Repository<OsImage, String> {

    Optional<OsImage> findByNameAndActiveTrue(String name);

    List<OsImage> findByActiveTrueOrderByName();

    /** Active or not. */
    Optional<OsImage> findByName(String name);

    /** Active or not. */
    List<OsImage> findAllByOrderByName();
}
