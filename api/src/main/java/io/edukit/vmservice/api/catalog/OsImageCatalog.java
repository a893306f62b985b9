package io.edukit.vmservice.api.catalog;

import org.springframework.data.repository.Repository;

import java.util.List;
import java.util.Optional;

/** The images of the catalog; read-only here, the worker and OPS keep it. */
public interface OsImageCatalog extends Repository<OsImage, String> {

    Optional<OsImage> findByNameAndActiveTrue(String name);

    List<OsImage> findByActiveTrueOrderByName();
}
