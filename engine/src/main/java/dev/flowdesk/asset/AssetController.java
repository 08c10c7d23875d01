package dev.flowdesk.asset;

import dev.flowdesk.security.CurrentUsers;
import dev.flowdesk.ticket.TicketViews.TicketSummary;
import dev.flowdesk.web.PageResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/**
 * {@code /api/assets}: the CMDB (agents; requesters see their own devices), relations and impact; and
 * {@code /api/tickets/{id}/assets}: the CIs of a ticket.
 */
@RestController
class AssetController {

    /** The media type of an Excel workbook (.xlsx). */
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final Assets assets;
    private final AssetImpact impact;
    private final TicketAssets tickets;
    private final AssetImport imports;
    private final AssetStatistics statistics;
    private final ChangeImpact changeImpact;
    private final ProblemIncidents problemIncidents;

    AssetController(Assets assets, AssetImpact impact, TicketAssets tickets, AssetImport imports,
                    AssetStatistics statistics, ChangeImpact changeImpact, ProblemIncidents problemIncidents) {
        this.problemIncidents = problemIncidents;
        this.changeImpact = changeImpact;
        this.assets = assets;
        this.impact = impact;
        this.tickets = tickets;
        this.imports = imports;
        this.statistics = statistics;
    }

    /** A CSV file as the body ({@code text/csv}); {@code dryRun=true} reports without keeping anything. */
    @PostMapping(path = "/api/assets/import", consumes = {"text/csv", "text/plain"})
    AssetImport.Report importCsv(@RequestBody String csv, @RequestParam(defaultValue = "false") boolean dryRun) {
        return imports.run(csv, dryRun, CurrentUsers.require());
    }

    /** The first sheet of an Excel workbook as the body, columns as for CSV. */
    @PostMapping(path = "/api/assets/import", consumes = XLSX)
    AssetImport.Report importXlsx(@RequestBody byte[] xlsx, @RequestParam(defaultValue = "false") boolean dryRun) {
        return imports.runXlsx(xlsx, dryRun, CurrentUsers.require());
    }

    @GetMapping("/api/assets")
    PageResponse<AssetRecords.AssetView> list(@RequestParam(defaultValue = "false") boolean mine,
                                              @RequestParam(required = false) String q,
                                              @RequestParam(required = false) String type,
                                              @RequestParam(defaultValue = "0") int page,
                                              @RequestParam(defaultValue = "50") int size) {
        return assets.list(mine, q, type, page, size, CurrentUsers.require());
    }

    /** Tickets and incidents per asset type, model or supplier ({@code by}). */
    @GetMapping("/api/assets/statistics")
    AssetStatistics.Statistics statistics(@RequestParam(required = false) String by) {
        return statistics.of(by, CurrentUsers.require());
    }

    @GetMapping("/api/assets/{id}")
    Assets.AssetDetail get(@PathVariable long id) {
        return assets.get(id, CurrentUsers.require());
    }

    @PostMapping("/api/assets")
    ResponseEntity<Assets.AssetDetail> create(@RequestBody AssetInput body) {
        Assets.AssetDetail created = assets.create(body, CurrentUsers.require());
        return ResponseEntity.created(URI.create("/api/assets/" + created.asset().id())).body(created);
    }

    @PutMapping("/api/assets/{id}")
    Assets.AssetDetail update(@PathVariable long id, @RequestBody AssetInput body) {
        return assets.update(id, body, CurrentUsers.require());
    }

    @PostMapping("/api/assets/{id}/relations")
    Assets.AssetDetail relate(@PathVariable long id, @RequestBody Assets.RelationInput body) {
        return assets.relate(id, body, CurrentUsers.require());
    }

    @GetMapping("/api/assets/{id}/impact")
    AssetImpact.Impact impact(@PathVariable long id) {
        return impact.of(id, CurrentUsers.require());
    }

    @GetMapping("/api/tickets/{id}/assets")
    List<TicketAssets.TicketAsset> ofTicket(@PathVariable long id) {
        return tickets.ofTicket(id, CurrentUsers.require());
    }

    @PostMapping("/api/tickets/{id}/assets")
    List<TicketAssets.TicketAsset> link(@PathVariable long id, @RequestBody TicketAssets.LinkInput body) {
        return tickets.link(id, body, CurrentUsers.require());
    }

    /** The impact analysis of the ticket's CIs (a change before the CAB votes). */
    @GetMapping("/api/tickets/{id}/impact")
    List<ChangeImpact.CiImpact> ticketImpact(@PathVariable long id) {
        return changeImpact.of(id, CurrentUsers.require());
    }

    /** The incidents, open and closed, on the CIs of a problem that the caller may see, newest first. */
    @GetMapping("/api/tickets/{id}/ci-incidents")
    PageResponse<TicketSummary> ciIncidents(@PathVariable long id, @RequestParam(defaultValue = "0") int page,
                                            @RequestParam(defaultValue = "20") int size) {
        return problemIncidents.of(id, page, size, CurrentUsers.require());
    }

    @DeleteMapping("/api/tickets/{id}/assets/{assetId}")
    List<TicketAssets.TicketAsset> unlink(@PathVariable long id, @PathVariable long assetId) {
        return tickets.unlink(id, assetId, CurrentUsers.require());
    }
}
