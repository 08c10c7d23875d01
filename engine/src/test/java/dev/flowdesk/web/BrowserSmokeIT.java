package dev.flowdesk.web;

import dev.flowdesk.PostgresEngineTest;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The browser tests (headless Chromium through playwright-core) against the whole application: the bundled browser
 * app, security, forms, rules and processes on a real PostgreSQL. {@code modeler-ui/e2e/smoke.mjs} walks the
 * requester's portal; {@code modeler-ui/e2e/agent.mjs} has a requester report, an agent claim, note, reply and
 * resolve, the requester read the outcome, and a designer hit a rule compile error; {@code modeler-ui/e2e/design-lint.mjs}
 * has a designer draw a gateway that joins and forks, see the modeler's lint marker and get the deploy refused with
 * the gateway's id (issue 17); {@code modeler-ui/e2e/portal.mjs} has a requester pick a form from the service
 * catalogue, attach files to it and to a reply, and the agent see them; {@code modeler-ui/e2e/selfservice.mjs} has
 * the knowledge base, progress diagram, rating, mail admin page and template editor (issues 9 and 10);
 * {@code modeler-ui/e2e/i18n.mjs} has a requester ask for a laptop with a file, follow the approval in the progress
 * diagram, switch to German, use a phone and go offline (issue 10); {@code modeler-ui/e2e/desk.mjs} has an agent
 * open a ticket for a caller, ask the requester, resolve it, the requester reopen it, the agent hand its task to
 * another group and the requester withdraw another ticket, through the ticket action buttons (issue 11). Never
 * skipped: a machine without Debian's Chromium, Node or the modeler-ui's node_modules fails them with what to install.
 */
class BrowserSmokeIT extends PostgresEngineTest {

    /** A hang guard per script, not a speed check (a loaded CI machine runs the longer scripts for minutes). */
    private static final Duration TIMEOUT = Duration.ofMinutes(6);
    private static final String SMOKE = "modeler-ui/e2e/smoke.mjs";
    private static final String AGENT = "modeler-ui/e2e/agent.mjs";
    private static final String DESIGN_LINT = "modeler-ui/e2e/design-lint.mjs";
    private static final String PORTAL = "modeler-ui/e2e/portal.mjs";
    private static final String SELF_SERVICE = "modeler-ui/e2e/selfservice.mjs";
    private static final String I18N = "modeler-ui/e2e/i18n.mjs";
    private static final String DESK = "modeler-ui/e2e/desk.mjs";
    private static final String REPORTS = "modeler-ui/e2e/reports.mjs";
    private static final String MIGRATE = "modeler-ui/e2e/migrate.mjs";
    private static final String ASSETS = "modeler-ui/e2e/assets.mjs";
    private static final String RULES_TABLE = "modeler-ui/e2e/rules-table.mjs";
    private static final String CSP = "modeler-ui/e2e/csp.mjs";
    private static final String AGENT_DAY = "modeler-ui/e2e/agentday.mjs";
    private static final String CONFIG = "modeler-ui/e2e/config.mjs";

    @Test
    void requesterWalksThroughThePortalInABrowser() throws Exception {
        runBrowserScript(SMOKE, "smoke");
    }

    @Test
    void agentResolvesATicketTheRequesterReportedInABrowser() throws Exception {
        runBrowserScript(AGENT, "agent");
    }

    @Test
    void designerSeesTheLintMarkerOfAGatewayThatJoinsAndForksAndTheDeployIsRefused() throws Exception {
        runBrowserScript(DESIGN_LINT, "design-lint");
    }

    @Test
    void requesterFindsAServiceInTheCatalogueAndSharesFilesWithTheAgentInABrowser() throws Exception {
        runBrowserScript(PORTAL, "portal");
    }

    /**
     * Issue 10 and issue 9 in the browser: a knowledge-base article written by an agent, published by an editor and
     * found by a requester in German (and suggested while she reports, "This solved it" without a ticket); the
     * progress diagram marking the steps the engine names; the article sent as the agent's reply; the rating of the
     * resolved ticket; the mail admin page with mail off; a mail template edited, previewed, refused and reverted.
     */
    @Test
    void requesterFindsAnswersFollowsProgressAndRatesWhileAdminsAndDesignersManageMail() throws Exception {
        runBrowserScript(SELF_SERVICE, "selfservice");
    }

    /**
     * Issue 10's browser acceptance: "Request a laptop" from the catalogue with a file attached, the approval step
     * highlighted in the progress diagram; after switching to German no visible text is English; at 375 px the
     * portal, a ticket and the inbox do not scroll sideways; the manifest, the service worker and its offline page.
     */
    @Test
    void requesterAsksForALaptopFollowsTheApprovalInGermanOnAPhoneAndOffline() throws Exception {
        runBrowserScript(I18N, "i18n");
    }

    /**
     * Issue 11 part 0 in the browser: an agent opens a ticket for a caller (the server's 400 at the field, the
     * requester picked from the people look-up, channel PHONE), asks the requester, who answers in the portal; the
     * agent resolves it, the requester reopens it with a reason (not without one), the agent hands the task to the
     * network group, whose agent finds it; the requester withdraws a ticket she reported, which ends CANCELLED.
     */
    @Test
    void agentOpensATicketForACallerTheRequesterAnswersReopensAndWithdrawsThroughTheActionButtons()
            throws Exception {
        runBrowserScript(DESK, "desk");
    }

    /**
     * Issue 11's dashboard: dora sees the figure tiles agree with the report API and all six charts drawn, a period
     * without tickets, and the CSV download; alice has no reports.
     */
    @Test
    void designerOpensTheDashboardAndSeesTheCharts() throws Exception {
        runBrowserScript(REPORTS, "reports");
    }

    /**
     * Issue 12 parts 2–4: dora opens the heat map of the version alice's incidents run on (the badge shows the
     * server's count, a click lists them), moves them to a new version after a preview, and dry-runs the model with
     * a P1's facts (the major-incident branch marked, nothing sent).
     */
    @Test
    void designerOpensTheHeatMapAndMigratesTicketsAfterAPreview() throws Exception {
        runBrowserScript(MIGRATE, "migrate");
    }

    /** Issue 13's CMDB pages: bob opens an asset and sees its tickets and relations, and a server's impact. */
    @Test
    void agentOpensAnAssetAndSeesItsTicketsRelationsAndImpact() throws Exception {
        runBrowserScript(ASSETS, "assets");
    }

    /**
     * Issue 12, rules as tables: dora edits the printer row of the routing table (a misspelt category is refused at
     * its cell), replays the new version and sees the printer ticket change queue, activates it.
     */
    @Test
    void designerEditsARoutingRowInTheTableReplaysAndActivates() throws Exception {
        runBrowserScript(RULES_TABLE, "rules-table");
    }

    /**
     * Issue 15's Content-Security-Policy: the headers are sent, the app and the modeler work under the policy, an
     * injected inline script and eval are blocked and the watcher every script uses sees the violation.
     */
    @Test
    void theAppRunsUnderTheContentSecurityPolicyAndTheViolationWatcherWorks() throws Exception {
        runBrowserScript(CSP, "csp");
    }

    /**
     * Issue 11 parts 1–4 in the browser: bob searches and filters the ticket list (kept in the address), saves it as
     * a view and opens it, bulk-assigns three tickets to himself, merges two and records 30 minutes; the API confirms
     * each outcome.
     */
    @Test
    void agentSearchesSavesAViewBulkAssignsMergesAndRecordsTimeInABrowser() throws Exception {
        runBrowserScript(AGENT_DAY, "agentday");
    }

    /**
     * Issue 12 part 5: dora saves a form version with a comment, sees both versions and their side-by-side diff, the
     * renamed task of a model marked in both diagrams, exports the configuration and dry-runs its import.
     */
    @Test
    void designerComparesVersionsExportsAndDryRunsTheImport() throws Exception {
        runBrowserScript(CONFIG, "config");
    }

    /**
     * Issue 13 at the desk: alice picks her laptop in the incident form's asset picker and submits; bob sees the CI
     * on the ticket and links a server to a change; carol sees the change's impact analysis on her CAB vote.
     */
    @Test
    void requesterPicksHerLaptopAgentSeesTheCiAndTheCabSeesTheImpactOfAChange() throws Exception {
        runBrowserScript("modeler-ui/e2e/cmdb2.mjs", "cmdb2");
    }

    /**
     * Issue 11 part 3: bob opens a ticket for a caller from a ticket template in one click (the template prefills the
     * page, the ticket goes through the template's form); dora finds the template on the design page.
     */
    @Test
    void agentOpensATicketForACallerFromATemplateInABrowser() throws Exception {
        runBrowserScript("modeler-ui/e2e/quick.mjs", "quick");
    }

    /**
     * Issue 13's last part: dora defines the asset type "phone" with a form whose IMEI is required; bob creates a
     * phone in the Assets area through that form and sees the field on the asset; a problem lists its CI's incident.
     */
    @Test
    void designerDefinesAnAssetTypeAgentCreatesOneAndAProblemShowsItsCiIncidents() throws Exception {
        runBrowserScript("modeler-ui/e2e/assettypes.mjs", "assettypes");
    }

    /**
     * Issue 15 part 4: admin creates ulla in the service desk group and ulla signs in to the agent inbox; admin
     * creates a service account's token (shown once), revokes it, and finds the user creation among the security
     * events; bob has no admin area.
     */
    @Test
    void adminCreatesAnAgentRevokesATokenAndReadsTheSecurityEvents() throws Exception {
        runBrowserScript("modeler-ui/e2e/admin.mjs", "admin");
    }

    /**
     * Issue 11 part 2: bob and the administrator open the same ticket in two browser sessions and each sees the
     * other; the administrator claims it and bob's page says so without a reload; bob picks, saves and changes the
     * list's columns as a view.
     */
    @Test
    void twoAgentsSeeEachOtherOnATicketAndAClaimAppearsLive() throws Exception {
        runBrowserScript("modeler-ui/e2e/live.mjs", "live");
    }

    /**
     * Issue 15 part 2: the login page's "Forgot password?" leads to the reset page, whose request gets the same
     * answer as any (this context sends no mail, so the link is made here as a request makes it); the link's page
     * refuses a mismatch and shows the server's refusal, sets the new password, and the user signs in with it.
     */
    @Test
    void aUserWhoForgotHerPasswordSetsANewOneThroughTheResetPageAndSignsIn(
            @org.springframework.beans.factory.annotation.Autowired org.camunda.bpm.engine.IdentityService identity,
            @org.springframework.beans.factory.annotation.Autowired org.springframework.context.ApplicationContext app)
            throws Exception {
        String user = "reset-e2e-" + Long.toString(System.nanoTime(), 36);
        var account = identity.newUser(user);
        account.setFirstName("Rita");
        account.setLastName("Reset");
        account.setEmail(user + "@example.com");
        account.setPassword("Old-password-1");
        identity.saveUser(account);
        String token = dev.flowdesk.passwordreset.ResetLinks.issue(app, user);
        runBrowserScript("modeler-ui/e2e/password-reset.mjs", "password-reset", "RESET_USER", user,
                "RESET_TOKEN", token);
        // (the script's last check of the old password set off Camunda's login delay, so not checkPassword here)
        assertThat(app.getBean(org.springframework.jdbc.core.JdbcTemplate.class).queryForList(
                "select kind || ': ' || detail from security_event where subject = ? order by id", String.class, user))
                .containsExactly("PASSWORD_RESET_REQUESTED: no mail: mail is not configured",
                        "PASSWORD_RESET: through a mailed link; browser sessions ended: 0");
    }

    /**
     * Issue 15 part 6 in the admin area: admin looks a person up on the Privacy tab, sees the dry run's counts,
     * confirms by typing her id and pseudonymises her; her account is gone and her ticket names her pseudonym.
     */
    @Test
    void adminPreviewsAndPseudonymisesAPersonOnThePrivacyTab() throws Exception {
        runBrowserScript("modeler-ui/e2e/erasure.mjs", "erasure");
    }

    private void runBrowserScript(String script, String tag, String... environment) throws Exception {
        Path repo = repositoryRoot();
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        if (!Files.isExecutable(Paths.get(chromium))) {
            fail("No Chromium at " + chromium + ": the browser smoke test needs Debian's chromium package "
                    + "(apt-get install -y chromium; CI installs it via .ci/run), or CHROMIUM=/path/to/chromium");
        }
        if (!Files.isDirectory(repo.resolve("modeler-ui/node_modules/playwright-core"))) {
            fail("modeler-ui/node_modules/playwright-core is missing under " + repo
                    + ": build the modeler-ui first (mvn -pl modeler-ui install runs npm ci)");
        }

        ProcessBuilder builder = new ProcessBuilder("node", script)
                .directory(repo.toFile())
                .redirectErrorStream(true);
        builder.environment().put("BASE_URL", "http://localhost:" + port);
        builder.environment().put("CHROMIUM", chromium);
        for (int i = 0; i + 1 < environment.length; i += 2) {
            builder.environment().put(environment[i], environment[i + 1]);
        }
        Process node;
        try {
            node = builder.start();
        } catch (IOException e) {
            throw new AssertionError("Could not start node (Node.js 20 must be on the PATH): " + e.getMessage(), e);
        }

        // Echo the steps as they pass (surefire keeps them in the report) and keep them for the assertion message.
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    System.out.println("[" + tag + "] " + line);
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                }
            } catch (IOException ignored) {
                // the process was killed; what was read so far is in the message
            }
        }, "browser-" + tag + "-output");
        reader.setDaemon(true);
        reader.start();

        if (!node.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            node.descendants().forEach(ProcessHandle::destroyForcibly); // Chromium and its helpers
            node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            reader.join(TimeUnit.SECONDS.toMillis(5));
            fail("The browser test " + script + " did not finish within " + TIMEOUT + "; its output:\n" + text(output));
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(node.exitValue())
                .as("node %s exited with %d (screenshot and HTML of a failure: modeler-ui/target/e2e/); its output:%n%s",
                        script, node.exitValue(), text(output))
                .isZero();
        assertThat(text(output)).contains(" passed, 0 failed");
    }

    private static String text(StringBuilder output) {
        synchronized (output) {
            return output.toString();
        }
    }

    /** Surefire runs in engine/; walk up from there to the directory that holds the modeler-ui's smoke test. */
    private static Path repositoryRoot() {
        Path start = Paths.get("").toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(SMOKE))) {
                return dir;
            }
        }
        throw new AssertionError("No " + SMOKE + " in " + start + " or any directory above it");
    }
}
