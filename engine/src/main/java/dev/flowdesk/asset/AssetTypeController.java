package dev.flowdesk.asset;

import dev.flowdesk.security.CurrentUsers;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/** {@code /api/asset-types}: the kinds of asset and the forms that hold their fields (designers change them). */
@RestController
class AssetTypeController {

    private final AssetTypes types;

    AssetTypeController(AssetTypes types) {
        this.types = types;
    }

    @GetMapping("/api/asset-types")
    List<AssetTypes.AssetTypeView> list() {
        CurrentUsers.require();
        return types.list();
    }

    @GetMapping("/api/asset-types/{key}")
    AssetTypes.AssetTypeView get(@PathVariable String key) {
        CurrentUsers.require();
        return types.get(key);
    }

    @PostMapping("/api/asset-types")
    ResponseEntity<AssetTypes.AssetTypeView> create(@RequestBody AssetTypes.AssetTypeInput body) {
        AssetTypes.AssetTypeView created = types.create(body, CurrentUsers.require());
        return ResponseEntity.created(URI.create("/api/asset-types/" + created.key())).body(created);
    }

    @PutMapping("/api/asset-types/{key}")
    AssetTypes.AssetTypeView update(@PathVariable String key, @RequestBody AssetTypes.AssetTypeInput body) {
        return types.update(key, body, CurrentUsers.require());
    }
}
