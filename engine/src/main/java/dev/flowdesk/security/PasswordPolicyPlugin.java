package dev.flowdesk.security;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Passwords are stored by Camunda's identity service as salted SHA-512 hashes. Outside the demo this plugin also
 * switches on Camunda's password policy (at least 10 characters with upper- and lower-case letters, a digit and a
 * special character), so no weak password can be saved through any channel; the demo's well-known "demo" passwords
 * exist only with {@code flowdesk.demo.enabled}.
 */
@Component
class PasswordPolicyPlugin extends AbstractProcessEnginePlugin {

    private final boolean demo;

    PasswordPolicyPlugin(@Value("${flowdesk.demo.enabled:false}") boolean demo) {
        this.demo = demo;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setEnablePasswordPolicy(!demo);
    }
}
