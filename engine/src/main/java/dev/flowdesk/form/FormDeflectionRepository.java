package dev.flowdesk.form;

import org.springframework.data.jpa.repository.JpaRepository;

interface FormDeflectionRepository extends JpaRepository<FormDeflection, Long> {

    long countByFormKey(String formKey);
}
