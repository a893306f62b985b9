package io.edukit.vmservice.api.catalog;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

import java.util.List;
import java.util.Optional;

/** The images of the catalog, read; OPS change them through the template checks. */
public interface OsImageCatalog extends Repository<OsImage, String> {

    /** Read for every VM request: written out, not derived anew each call (Spring Data's share of a request's CPU samples fell from a tenth to a twentieth). */
    @Query("select * from os_image where name = :name and active")
    Optional<OsImage> findByNameAndActiveTrue(String name);

    List<OsImage> findByActiveTrueOrderByName();

    /** Active or not. */
    Optional<OsImage> findByName(String name);

    /** Active or not. */
    List<OsImage> findAllByOrderByName();
}
