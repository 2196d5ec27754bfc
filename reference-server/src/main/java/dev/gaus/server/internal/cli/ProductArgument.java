package dev.gaus.server.internal.cli;

import dev.gaus.server.internal.store.ProductStore;
import dev.gaus.server.internal.store.StoreRecords.ProductInfo;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What {@code --product} names in every command: a product's name or its GUID (as
 * {@code product list} shows both). A value that is one product's name and another product's
 * GUID is refused as ambiguous rather than guessed.
 */
final class ProductArgument {
    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private ProductArgument() {}

    /** True when {@code value} has the form of a productGUID, so it can be used without a store. */
    static boolean isGuid(String value) {
        return GUID.matcher(value).matches();
    }

    /** The product {@code value} names, by name or by GUID; a one-line refusal when none or two do. */
    static ProductInfo resolve(ProductStore products, String value) {
        List<ProductInfo> all = products.list();
        ProductInfo byName = all.stream().filter(p -> p.name().equals(value)).findFirst().orElse(null);
        ProductInfo byGuid = all.stream().filter(p -> p.guid().equalsIgnoreCase(value)).findFirst().orElse(null);
        if (byName != null && byGuid != null && !byName.guid().equals(byGuid.guid())) {
            throw new IllegalArgumentException("'" + value + "' is the name of product " + byName.guid()
                    + " and the GUID of product '" + byGuid.name() + "': give the GUID of the one you mean");
        }
        if (byName != null) {
            return byName;
        }
        if (byGuid != null) {
            return byGuid;
        }
        throw new IllegalArgumentException(isGuid(value) ? "no product with GUID '" + value + "'"
                : "no product named '" + value + "'");
    }
}
