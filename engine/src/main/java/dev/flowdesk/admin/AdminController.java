package dev.flowdesk.admin;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * {@code /api/admin/users}, {@code /api/admin/groups}, {@code /api/admin/queues}, {@code /api/admin/tenants}:
 * administrators only (everyone else 403). Each call is one service call and one transaction.
 */
@RestController
class AdminController {

    private final UserAdmin users;
    private final GroupAdmin groups;
    private final DeskOverview desk;

    AdminController(UserAdmin users, GroupAdmin groups, DeskOverview desk) {
        this.users = users;
        this.groups = groups;
        this.desk = desk;
    }

    @GetMapping("/api/admin/users")
    dev.flowdesk.web.PageResponse<UserAdmin.UserView> users(@RequestParam(required = false) String q,
                                                            @RequestParam(required = false) String group,
                                                            @RequestParam(defaultValue = "0") int page,
                                                            @RequestParam(defaultValue = "50") int size) {
        AdminChecks.admin();
        return users.list(q, group, page, size);
    }

    @GetMapping("/api/admin/users/{id}")
    UserAdmin.UserView user(@PathVariable String id) {
        AdminChecks.admin();
        return users.get(id);
    }

    @PostMapping("/api/admin/users")
    @ResponseStatus(HttpStatus.CREATED)
    UserAdmin.UserView createUser(@RequestBody(required = false) UserAdmin.NewUser input) {
        return users.create(input, AdminChecks.admin());
    }

    @PutMapping("/api/admin/users/{id}")
    UserAdmin.UserView updateUser(@PathVariable String id, @RequestBody(required = false) UserAdmin.UserChange input) {
        return users.update(id, input, AdminChecks.admin());
    }

    @PostMapping("/api/admin/users/{id}/disable")
    UserAdmin.UserView disable(@PathVariable String id) {
        return users.disable(id, AdminChecks.admin());
    }

    @PostMapping("/api/admin/users/{id}/enable")
    UserAdmin.UserView enable(@PathVariable String id) {
        return users.enable(id, AdminChecks.admin());
    }

    @PostMapping("/api/admin/users/{id}/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void resetPassword(@PathVariable String id, @RequestBody(required = false) UserAdmin.PasswordReset input) {
        users.resetPassword(id, input, AdminChecks.admin());
    }

    @GetMapping("/api/admin/groups")
    List<GroupAdmin.GroupView> groups() {
        AdminChecks.admin();
        return groups.list();
    }

    @GetMapping("/api/admin/groups/{id}")
    GroupAdmin.GroupDetail group(@PathVariable String id) {
        AdminChecks.admin();
        return groups.get(id);
    }

    @PostMapping("/api/admin/groups")
    @ResponseStatus(HttpStatus.CREATED)
    GroupAdmin.GroupDetail createGroup(@RequestBody(required = false) GroupAdmin.NewGroup input) {
        return groups.create(input, AdminChecks.admin());
    }

    @PutMapping("/api/admin/groups/{id}")
    GroupAdmin.GroupDetail updateGroup(@PathVariable String id,
                                       @RequestBody(required = false) GroupAdmin.GroupChange input) {
        return groups.update(id, input, AdminChecks.admin());
    }

    @PostMapping("/api/admin/groups/{id}/members")
    GroupAdmin.GroupDetail addMember(@PathVariable String id,
                                     @RequestBody(required = false) GroupAdmin.NewMember input) {
        return groups.addMember(id, input, AdminChecks.admin());
    }

    @DeleteMapping("/api/admin/groups/{id}/members/{userId}")
    GroupAdmin.GroupDetail removeMember(@PathVariable String id, @PathVariable String userId) {
        return groups.removeMember(id, userId, AdminChecks.admin());
    }

    @GetMapping("/api/admin/queues")
    List<DeskOverview.QueueView> queues() {
        return desk.queues(AdminChecks.admin());
    }

    @GetMapping("/api/admin/tenants")
    List<DeskOverview.TenantView> tenants() {
        return desk.tenants(AdminChecks.admin());
    }

    @PostMapping("/api/admin/tenants")
    @ResponseStatus(HttpStatus.CREATED)
    DeskOverview.TenantView createTenant(@RequestBody(required = false) DeskOverview.NewTenant input) {
        return desk.createTenant(input, AdminChecks.admin());
    }
}
