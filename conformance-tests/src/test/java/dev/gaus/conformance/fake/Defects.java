package dev.gaus.conformance.fake;

import java.util.EnumSet;
import java.util.Set;

/** The defects one fake server has; every part of the fake asks it before doing a rule right. */
final class Defects {
    private final Set<Defect> defects;

    Defects(Set<Defect> defects) {
        this.defects = defects.isEmpty() ? EnumSet.noneOf(Defect.class) : EnumSet.copyOf(defects);
    }

    boolean has(Defect defect) {
        return defects.contains(defect);
    }
}
