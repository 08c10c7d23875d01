package dev.flowdesk.form;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;

interface StoredFormRepository extends JpaRepository<StoredForm, Long> {

    Optional<StoredForm> findFirstByFormKeyOrderByFormVersionDesc(String formKey);

    Optional<StoredForm> findByFormKeyAndFormVersion(String formKey, int formVersion);

    List<StoredForm> findByFormKeyOrderByFormVersionDesc(String formKey);

    @Query("select distinct f.formKey from StoredForm f order by f.formKey")
    List<String> keys();
}
